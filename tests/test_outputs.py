"""What an analyst forwards: every export, download and printed table in dollars with two decimals; a workbook
with a Summary sheet; compare and runs fit for a memo; rosters from Excel; pay cuts called cuts."""

import os
import re
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import duckdb
import polars as pl
import pytest

from simulator import synthetic

ROOT = Path(__file__).resolve().parents[1]
# The report's own examples (Cresap lines 579-583) and an unclassified teacher paid above the step he keeps.
ROSTER = """employee_id,agency,class_code,grade,step,salary,pay_basis,degree,teacher_step
E1,Education,0022,8,C,77.50,weekly,,
E2,Labor,0820,17,A,109,weekly,,
T1,Education,RGC001,U,,100.00,weekly,60_credits,1
"""


def regrade(*args, cwd=None, env=None):
    return subprocess.run([sys.executable, "-m", "simulator", *args], capture_output=True, text=True, timeout=600,
                          cwd=cwd or ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    folder = tmp_path_factory.mktemp("outputs")
    roster = folder / "roster.csv"
    roster.write_text(ROSTER)
    db = folder / "r.duckdb"
    run = regrade("run", "--roster", str(roster), "--scenario", "scenarios/cresap-1967.toml", "--years", "2",
                  "--db", str(db))
    assert run.returncode == 0, run.stderr
    big = folder / "big.parquet"
    synthetic.roster("1975", 800, 2).write_parquet(big)
    for scenario, replicas in (("hay-1975-same-step", "0"), ("hay-1975-promotion", "5")):
        run = regrade("run", "--roster", str(big), "--scenario", f"scenarios/{scenario}.toml", "--years", "3",
                      "--replicas", replicas, "--db", str(db), *(["--person-years"] if replicas == "0" else []))
        assert run.returncode == 0, run.stderr
    return {"db": db, "folder": folder, "roster": roster}


def _store_total(db, run_id: int) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT sum(difference_cents) FROM cost_by_year WHERE run_id = ?", [run_id]).fetchone()[0]
    finally:
        con.close()


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_export_files_read_as_dollars(stored, tmp_path, fmt):
    out = tmp_path / fmt
    run = regrade("export", "1", "--format", fmt, "--out", str(out), "--db", str(stored["db"]), "--with-ids")
    assert run.returncode == 0, run.stderr
    for path in out.iterdir():
        frame = pl.read_parquet(path) if fmt == "parquet" else pl.read_csv(path, infer_schema=False)
        assert not [c for c in frame.columns if c.endswith("_cents")], path.name
    read = (lambda name: pl.read_parquet(out / f"run1_{name}.parquet")) if fmt == "parquet" else (
        lambda name: pl.read_csv(out / f"run1_{name}.csv", infer_schema=False))
    placements = read("placements")
    e1 = placements.filter(pl.col("employee_id") == "E1").row(0, named=True)
    assert str(e1["new_annual_dollars"]) == "4368.00" and str(e1["old_annual_dollars"]) == "4030.00"
    assert str(e1["increase_pct"]) == "8.39"
    summary = read("summary")
    total = summary.filter(pl.col("fiscal_year").cast(pl.String).str.starts_with("total")).row(0, named=True)
    assert Decimal(str(total["cost_dollars"])) == Decimal(_store_total(stored["db"], 1)).scaleb(-2)
    if fmt == "csv":
        text = (out / "run1_placements.csv").read_text()
        assert "4368.00" in text and "436800" not in text
        for pct in re.findall(r",(-?\d+\.\d+),A\.|,(-?\d+\.\d+),C\.", text):
            assert all(len(p.split(".")[1]) == 2 for p in pct if p)


def test_export_without_ids_leaves_them_out_and_says_so(stored, tmp_path):
    run = regrade("export", "1", "--format", "csv", "--out", str(tmp_path), "--db", str(stored["db"]))
    assert run.returncode == 0 and "left out" in run.stdout
    header = (tmp_path / "run1_placements.csv").read_text().splitlines()[0]
    assert "employee_id" not in header and "hire_date" not in header and "E1" not in (
        tmp_path / "run1_placements.csv").read_text()


def test_workbook_has_a_summary_first_and_money_as_currency(stored, tmp_path):
    xlsx = tmp_path / "run1.xlsx"
    run = regrade("export", "1", "--format", "xlsx", "--out", str(xlsx), "--db", str(stored["db"]), "--with-ids")
    assert run.returncode == 0, run.stderr
    sheets = pl.read_excel(xlsx, sheet_id=0)
    assert list(sheets) == ["Summary", "Fiscal note", "Cost bridge", "Cost of 1 % and a step", "Cost by agency",
                            "Cost by grade", "Cost by schedule", "Cost by fund", "By class", "Benefits by item",
                            "Parameters", "Placements", "Totals by replica"]
    placements = sheets["Placements"]  # headers in words with their unit (simulator/workbook.py)
    e1 = placements.filter(pl.col("Employee") == "E1").row(0, named=True)
    assert e1["New annual pay ($)"] == 4368.0 and e1["Old annual pay ($)"] == 4030.0
    with zipfile.ZipFile(xlsx) as z:
        styles = z.read("xl/styles.xml").decode()
        sheet = z.read("xl/worksheets/sheet5.xml").decode()  # cost by agency
    assert "$#,##0.00" in styles and 'ySplit="1"' in sheet and "<autoFilter" in sheet
    # the Summary sheet names the run and holds the multi-year total in dollars
    frame = pl.read_excel(xlsx, sheet_name="Summary", has_header=False, infer_schema_length=0)
    cells = [v for row in frame.rows() for v in row if v is not None]
    assert any(str(c).startswith("total ") for c in cells)
    assert str(_store_total(stored["db"], 1) / 100) in [str(float(c)) for c in cells if re.fullmatch(r"-?[\d.]+", c)]
    assert any("Cost of the reform" in str(c) for c in cells)


def test_workbook_person_years_only_on_request(stored, tmp_path):
    xlsx = tmp_path / "with.xlsx"
    assert regrade("export", "2", "--format", "xlsx", "--out", str(xlsx), "--db", str(stored["db"]),
                   "--person-years").returncode == 0
    assert list(pl.read_excel(xlsx, sheet_id=0))[-1] == "Person-years"


def test_person_years_of_a_run_stored_without_them_is_a_clear_error(stored, tmp_path):
    out = regrade("export", "1", "--format", "csv", "--out", str(tmp_path / "x"), "--db", str(stored["db"]),
                  "--person-years")
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert "run 1 was stored without its person-year rows" in out.stderr and "--person-years" in out.stderr
    assert not (tmp_path / "x").exists()


@pytest.mark.slow  # ~4 s of subprocesses: CI's second step
def test_compare_is_fit_for_a_memo(stored, tmp_path):
    db = str(stored["db"])
    out = regrade("compare", "1", "2", "3", "--db", db)
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "run 2: hay-1975-same-step on SYNTHETIC roster big.parquet" in text  # nothing cut
    assert "warning: the runs differ in roster" in text and "effective date" in text
    assert "all years" in text and "baseline payroll, all years" in text
    assert re.search(r"\[\$[\d,.-]+ to \$[\d,.-]+\]", text), "Monte Carlo percentiles for run 3"
    by = regrade("compare", "2", "3", "--by", "agency", "--db", db)
    assert by.returncode == 0 and "Transportation" in by.stdout and "warning" not in by.stdout
    for fmt in ("csv", "xlsx", "md"):
        path = tmp_path / f"cmp.{fmt}"
        run = regrade("compare", "2", "3", "--format", fmt, "--out", str(path), "--db", db)
        assert run.returncode == 0, run.stderr
        assert path.exists()
    frame = pl.read_csv(tmp_path / "cmp.csv", infer_schema=False)
    assert {"cost_dollars", "pct_of_payroll", "baseline_payroll_dollars"} <= set(frame.columns)
    assert all(re.fullmatch(r"-?\d+\.\d\d", v) for v in frame["cost_dollars"].to_list())
    assert (tmp_path / "cmp.md").read_text().count("| ") > 10


def test_runs_is_a_compact_table(stored):
    out = regrade("runs", "--db", str(stored["db"]))
    assert out.returncode == 0
    lines = out.stdout.splitlines()
    assert lines[0].split()[:3] == ["run", "scenario", "roster"]
    assert max(len(line) for line in lines) <= 120
    assert not re.search(r"\b(i64|str|bool|datetime\[)", out.stdout)  # no dtype row
    assert not re.search(r"\d{2}:\d{2}:\d{2}\.\d", out.stdout)  # no microseconds
    long = regrade("runs", "--long", "--db", str(stored["db"]))
    assert "results_hash" in long.stdout and "roster_hash" in long.stdout


def test_a_pay_cut_at_placement_is_called_a_cut_and_counted_as_a_loss(stored):
    con = duckdb.connect(str(stored["db"]), read_only=True)
    try:
        t1 = con.execute("SELECT increase_cents, explanation FROM placements WHERE run_id = 1 AND "
                         "employee_id = 'T1'").fetchone()
        losers = con.execute("SELECT sum(losers) FROM winners_losers WHERE run_id = 1").fetchone()[0]
    finally:
        con.close()
    assert t1[0] == (9000 - 10000) * 52
    assert "This is a pay cut of $520.00 a year (10.00 %)." in t1[1]
    assert losers == 1
    out = regrade("compare", "1", "--db", str(stored["db"]))
    assert re.search(r"lose pay\s+1\b", out.stdout)


def test_roster_from_excel_keeps_codes_and_hints_at_lost_zeros(tmp_path):
    import xlsxwriter

    path = tmp_path / "roster.xlsx"
    with xlsxwriter.Workbook(str(path)) as book:
        ws = book.add_worksheet()
        for r, row in enumerate([["employee_id", "agency", "class_code", "grade", "step", "salary", "pay_basis"],
                                 ["E1", "Education", "0022", 8, "C", 77.5, "weekly"],
                                 ["E2", "Labor", 820, 17, "A", 109, "weekly"]]):
            for c, v in enumerate(row):
                ws.write(r, c, v)
    bad = regrade("place", "--roster", str(path), "--scenario", "scenarios/cresap-1967.toml", "--out",
                  str(tmp_path / "p.csv"))
    assert bad.returncode == 2
    assert ("roster.xlsx, row 3, column class_code: '820': class code is missing from the scenario's crosswalk "
            "(cresap-1967); did you mean '0820'? Excel drops leading zeros") in bad.stderr
    assert not (tmp_path / "p.csv").exists()
    fixed = tmp_path / "fixed.xlsx"
    with xlsxwriter.Workbook(str(fixed)) as book:
        ws = book.add_worksheet()
        for r, row in enumerate([["employee_id", "agency", "class_code", "grade", "step", "salary", "pay_basis"],
                                 ["E1", "Education", "0022", 8, "C", 77.5, "weekly"]]):
            for c, v in enumerate(row):
                ws.write_string(r, c, str(v)) if c == 2 else ws.write(r, c, v)
    ok = regrade("place", "--roster", str(fixed), "--scenario", "scenarios/cresap-1967.toml", "--out",
                 str(tmp_path / "p.csv"))
    assert ok.returncode == 0, ok.stderr
    assert "4368.00" in (tmp_path / "p.csv").read_text()


@pytest.mark.slow  # two demos, ~6 s: CI's second step
def test_demo_into_a_store_with_runs_says_it_is_adding(tmp_path):
    db = tmp_path / "d.duckdb"
    first = regrade("demo", "--db", str(db), "--out-dir", str(tmp_path / "o"), "--years", "1", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "already holds" not in first.stdout
    second = regrade("demo", "--db", str(db), "--out-dir", str(tmp_path / "o"), "--years", "1", cwd=tmp_path)
    assert second.returncode == 0, second.stderr
    assert f"{db} already holds 5 run(s)" in second.stdout


@pytest.mark.slow  # compiles from an empty cache (about half a minute): CI's second step
def test_any_compile_is_said_first_and_warm_compiles_what_every_command_uses(stored, tmp_path):
    """With an empty Numba cache the first command says it is compiling, on a line of its own (not inside the
    stage line it interrupts); after ``regrade warm`` no command compiles, solve and sweep included (the first
    solve after the demo once compiled for a minute in silence)."""
    env = {"NUMBA_CACHE_DIR": str(tmp_path / "numba-cache"), "REGRADE_PROGRESS": "1"}
    first = regrade("place", "--roster", str(stored["roster"]), "--scenario", "scenarios/cresap-1967.toml", "--out",
                    str(tmp_path / "p.csv"), env=env)
    assert first.returncode == 0, first.stderr
    lines = first.stderr.splitlines()
    notice = [ln for ln in lines if "compiling the engine" in ln]
    assert len(notice) == 1 and notice[0].startswith("regrade: compiling the engine"), first.stderr
    assert "once per install" in notice[0]
    assert lines[lines.index(notice[0]) - 1] == "  placing ..."  # the stage line ended before the notice ...
    assert re.fullmatch(r"  placing \.\.\. \d+\.\d\d s", lines[lines.index(notice[0]) + 1])  # ... and resumed
    warm = regrade("warm", env=env)
    assert warm.returncode == 0 and "compilations in" in warm.stdout, warm.stdout + warm.stderr
    # compiling every kernel puts nothing else on the screen (issue 28: Numba's note that a kernel compiled for its
    # parallel passes alone has no loop to split was printed there)
    assert "Warning" not in warm.stderr, warm.stderr
    roster = tmp_path / "r75.parquet"
    synthetic.roster("1975", 300, 1).write_parquet(roster)
    for args in (("solve", "--roster", str(roster), "--scenario", "scenarios/hay-1975-same-step.toml", "--vary",
                  "schedules.I.pct", "--between", "-10", "10", "--target", "first_year_pct <= 9"),
                 ("sweep", "--roster", str(roster), "--scenario", "scenarios/hay-1975-formula.toml", "--vary",
                  "schedules.I.line1.constant=3000:4000:3", "--years", "2"),
                 ("run", "--roster", str(roster), "--scenario", "scenarios/mms.toml", "--years", "2", "--replicas",
                  "2", "--db", str(tmp_path / "w.duckdb"))):
        done = regrade(*args, env=env)
        assert done.returncode == 0, done.stderr
        assert "compiling" not in done.stderr, (args[0], done.stderr)
    again = regrade("warm", env=env)
    assert "compiled already" in again.stdout, again.stdout


def test_a_notice_never_lands_inside_a_stage_line(monkeypatch, capsys):
    from simulator import progress

    monkeypatch.setenv("REGRADE_PROGRESS", "1")
    with progress.stage("placing"):
        progress.say("regrade: a notice")
    err = capsys.readouterr().err.splitlines()
    assert err[:2] == ["  placing ...", "regrade: a notice"]
    assert re.fullmatch(r"  placing \.\.\. \d+\.\d\d s", err[2])


def test_compare_mentions_percentiles_only_for_monte_carlo_runs(stored):
    plain = regrade("compare", "1", "2", "--db", str(stored["db"]))
    assert plain.returncode == 0, plain.stderr
    assert "percentile" not in plain.stdout
    mc = regrade("compare", "2", "3", "--db", str(stored["db"]))
    assert "[5th to 95th percentile] for Monte Carlo runs" in mc.stdout


def test_serve_refuses_a_missing_store_before_announcing_an_address(tmp_path):
    out = regrade("serve", "--db", str(tmp_path / "missing.duckdb"))
    assert out.returncode == 2 and "no store at" in out.stderr
    assert "http://" not in out.stdout + out.stderr


def test_a_monte_carlo_headline_leads_with_the_mean_and_its_band(stored):
    """Run 3 has 5 replicas: the headline opens on their mean and 5th-95th percentile, computed here from the
    stored totals, and calls replica 1 one draw."""
    from simulator import results as R
    from simulator import store
    from simulator.money import dollars_text

    con = store.connect(stored["db"], read_only=True)
    try:
        lines = R.headline(R.summary(con, 3))
        cost = store.query(con, """SELECT replica, sum(cash_cents) FILTER (WHERE branch = 'reform')
                                          - sum(cash_cents) FILTER (WHERE branch = 'baseline') AS c
                                   FROM run_totals WHERE run_id = 3 AND replica > 0 AND fiscal_year = 1977
                                   GROUP BY replica""")["c"].to_list()
    finally:
        con.close()
    mean = round(sum(cost) / len(cost))
    assert lines[0].startswith(f"Cost of the reform, mean of 5 Monte Carlo replicas: {dollars_text(mean)} in fiscal "
                               "year 1977"), lines[0]
    assert "5th to 95th percentile" in lines[0]
    assert lines[1].startswith("The breakdowns below follow replica 1, one draw of the replicas")


def test_one_red_circled_employee_is_one(stored):
    import polars as pl

    from simulator import results as R

    counts = {"employees": 3, "gain": 2, "unchanged": 0, "lose": 1, "red_circled": 1, "excluded": 0,
              "largest_increase_cents": 100, "largest_increase_pct": None, "largest_decrease_cents": -5,
              "largest_decrease_pct": None}
    line = R.headline({"counts": counts, "filters": R.Filters(), "bands": pl.DataFrame()})[-1]
    assert "1 is red-circled" in line and "are red-circled" not in line


def test_the_affected_payroll_beside_the_whole_and_a_twin_run_said(stored, tmp_path):
    """The MMS moves few of the roster: the headline gives the cost as a % of the payroll of those it moves
    (summed here from the cube), beside the whole payroll's. The same run again with --person-years says which
    run it is the twin of."""
    import shutil

    from simulator import results as R
    from simulator import store
    from simulator.money import pct_text

    db = tmp_path / "c.duckdb"
    shutil.copy(stored["db"], db)
    big = stored["folder"] / "big.parquet"
    run = regrade("run", "--roster", str(big), "--scenario", "scenarios/mms.toml", "--years", "2", "--db", str(db))
    assert run.returncode == 0, run.stderr
    con = store.connect(db, read_only=True)
    try:
        s = R.summary(con, 4)
        cost, affected = store.query(con, """SELECT sum(reform_cents - baseline_cents)::BIGINT AS c,
            sum(baseline_cents) FILTER (WHERE target_schedule IS NOT NULL)::BIGINT AS a FROM cost_cube
            WHERE run_id = 4 AND fiscal_year = 1977""").row(0)
        table = R.summary_table(s)
    finally:
        con.close()
    assert s["counts"]["excluded"] > 0
    assert f"; {pct_text(cost, affected)} of the affected payroll)" in R.headline(s)[0]
    assert "pct_of_affected_payroll" in table.columns
    twin = regrade("run", "--roster", str(big), "--scenario", "scenarios/mms.toml", "--years", "2", "--db", str(db),
                   "--person-years")
    assert twin.returncode == 0, twin.stderr
    assert ("Note: run 4 is the same run without the person-year rows; this one is stored with them, as another run."
            in twin.stdout)


def test_a_report_comparing_runs_on_other_rosters_warns(stored, tmp_path):
    out = tmp_path / "r.html"
    done = regrade("report", "--run", "1", "--compare", "2", "--out", str(out), "--db", str(stored["db"]))
    assert done.returncode == 0, done.stderr
    text = out.read_text()
    assert "Warning: the runs differ in roster (run 1: roster.csv; run 2: big.parquet)" in text
    assert "Warning: the runs differ in number of fiscal years" in text
