"""The DuckDB store and the run / runs / compare / export / demo commands, end to end in a temp folder."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import polars as pl
import pytest

from simulator import store, synthetic
from simulator.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = sorted(p for p in (ROOT / "scenarios").glob("*.toml"))


def regrade(*args, env=None, cwd=None, timeout=600):
    return subprocess.run([sys.executable, "-m", "simulator", *args], capture_output=True, text=True,
                          timeout=timeout, cwd=cwd or ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})


@pytest.fixture(scope="module")
def rosters(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rosters")
    out = {}
    for era, size in (("1967", 1500), ("1975", 1500)):
        path = folder / f"synthetic-{era}.parquet"
        synthetic.roster(era, size, 3).write_parquet(path)
        out[era] = path
    return out


def test_every_shipped_scenario_validates(tmp_path):
    names = {p.stem for p in SCENARIOS}
    assert {"cresap-1967", "cresap-1967-alt-grades", "hay-1975-same-step", "hay-1975-promotion", "mms",
            "template"} <= names
    for path in SCENARIOS:
        scenario = load_scenario(path)
        text = path.read_text()
        assert text.startswith("#"), f"{path.name} needs a header saying what it models"
        if path.stem != "template":
            assert "Sources" in text or "sources" in text
            assert scenario.assumptions, path.name


def test_mms_ranges_are_the_documented_derivation():
    sys.path.insert(0, str(ROOT / "scenarios"))
    import build_crosswalks

    mms = load_scenario(ROOT / "scenarios" / "mms.toml").schedules["MMS"]
    assert mms.provenance == "assumed"
    for code, (lo, hi) in build_crosswalks.mms_ranges().items():
        assert mms.rates(code) == [lo * 100, hi * 100], code


@pytest.mark.parametrize("name, era", [("cresap-1967", "1967"), ("cresap-1967-alt-grades", "1967"),
                                       ("hay-1975-same-step", "1975"), ("hay-1975-promotion", "1975"),
                                       ("mms", "1975")])
def test_every_shipped_scenario_runs_and_is_stored(name, era, rosters, tmp_path):
    db = tmp_path / "r.duckdb"
    run = regrade("run", "--roster", str(rosters[era]), "--scenario", f"scenarios/{name}.toml", "--years", "2",
                  "--db", str(db))
    assert run.returncode == 0, run.stderr
    assert "Stored run 1" in run.stdout and "SYNTHETIC" in run.stdout
    con = duckdb.connect(str(db), read_only=True)
    n_place = con.execute("SELECT count(*) FROM placements WHERE run_id = 1").fetchone()[0]
    n_years = con.execute("SELECT count(DISTINCT fiscal_year) FROM employee_years WHERE run_id = 1").fetchone()[0]
    status, synthetic_flag = con.execute("SELECT status, roster_synthetic FROM runs WHERE run_id = 1").fetchone()
    con.close()
    assert n_place == 1500 and n_years == 3 and status == "complete" and synthetic_flag


def test_the_alternative_grades_move_grades_1_and_2_to_3(rosters, tmp_path):
    db = tmp_path / "r.duckdb"
    for name in ("cresap-1967", "cresap-1967-alt-grades"):
        assert regrade("run", "--roster", str(rosters["1967"]), "--scenario", f"scenarios/{name}.toml",
                       "--years", "1", "--db", str(db)).returncode == 0
    con = duckdb.connect(str(db), read_only=True)
    low = dict(con.execute("SELECT run_id, min(CAST(new_grade AS INTEGER)) FROM placements "
                           "WHERE target_schedule = 'A' GROUP BY run_id").fetchall())
    clerk = dict(con.execute("SELECT run_id, min(new_grade) FROM placements WHERE class_code = '0001' "
                             "GROUP BY run_id").fetchall())
    con.close()
    assert low[1] == 1 and low[2] == 3
    assert clerk.get(2, "4") == "4"


def test_same_run_twice_gives_the_same_results_hash(rosters, tmp_path):
    db = tmp_path / "r.duckdb"
    for _ in range(2):
        assert regrade("run", "--roster", str(rosters["1975"]), "--scenario", "scenarios/hay-1975-same-step.toml",
                       "--years", "2", "--replicas", "2", "--seed", "5", "--db", str(db)).returncode == 0
    con = duckdb.connect(str(db), read_only=True)
    hashes = [r[0] for r in con.execute("SELECT results_hash FROM runs ORDER BY run_id").fetchall()]
    con.close()
    assert len(hashes) == 2 and hashes[0] == hashes[1]


def test_runs_compare_and_export_round_trip(rosters, tmp_path):
    db = tmp_path / "r.duckdb"
    for name in ("hay-1975-same-step", "hay-1975-promotion"):
        assert regrade("run", "--roster", str(rosters["1975"]), "--scenario", f"scenarios/{name}.toml",
                       "--years", "2", "--db", str(db)).returncode == 0
    listing = regrade("runs", "--db", str(db))
    assert listing.returncode == 0 and "hay-1975-promotion" in listing.stdout
    cmp = regrade("compare", "1", "2", "--db", str(db))
    assert cmp.returncode == 0 and "Winners and losers" in cmp.stdout and "1977" in cmp.stdout
    assert regrade("compare", "1", "9", "--db", str(db)).returncode == 2
    con = duckdb.connect(str(db), read_only=True)
    stored = store.query(con, "SELECT * EXCLUDE (run_id) FROM placements WHERE run_id = 2 ORDER BY position")
    con.close()
    for fmt in ("parquet", "csv"):
        out = tmp_path / fmt
        assert regrade("export", "2", "--format", fmt, "--out", str(out), "--db", str(db),
                       "--with-ids").returncode == 0
        path = out / f"run2_placements.{fmt}"
        back = pl.read_parquet(path) if fmt == "parquet" else pl.read_csv(path, infer_schema=False)
        # the same rows and values, money in dollars: dollars x 100 are the stored cents
        assert back["employee_id"].to_list() == stored["employee_id"].to_list()
        cents = (back["new_annual_dollars"].cast(pl.Decimal(18, 2)) * 100).cast(pl.Int64)
        assert cents.to_list() == stored["new_annual_cents"].to_list()
    xlsx = tmp_path / "run2.xlsx"
    assert regrade("export", "2", "--format", "xlsx", "--out", str(xlsx), "--db", str(db)).returncode == 0
    import zipfile

    with zipfile.ZipFile(xlsx) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
    assert len(sheets) == 6


def _start_paused_writer(rosters, db, marker):
    return subprocess.Popen([sys.executable, "-m", "simulator", "run", "--roster", str(rosters["1975"]),
                             "--scenario", "scenarios/hay-1975-same-step.toml", "--years", "1", "--db", str(db)],
                            cwd=ROOT, env={**os.environ, "REGRADE_TEST_PAUSE": str(marker)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _wait_for(marker, proc, seconds=240):
    deadline = time.monotonic() + seconds
    while not marker.exists():
        assert proc.poll() is None, "the writer ended before it reached its transaction"
        assert time.monotonic() < deadline, "the writer never reached its transaction"
        time.sleep(0.1)


def test_sigkill_mid_write_leaves_no_partial_run(rosters, tmp_path):
    db = tmp_path / "r.duckdb"
    assert regrade("run", "--roster", str(rosters["1975"]), "--scenario", "scenarios/hay-1975-same-step.toml",
                   "--years", "1", "--db", str(db)).returncode == 0
    marker = tmp_path / "in-transaction"
    proc = _start_paused_writer(rosters, db, marker)
    _wait_for(marker, proc)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT list(run_id) FROM runs").fetchone()[0] == [1]
    for table in ("placements", "employee_years", "run_totals"):
        assert con.execute(f"SELECT count(*) FROM {table} WHERE run_id <> 1").fetchone()[0] == 0
    con.close()
    # the store goes on working
    assert regrade("runs", "--db", str(db)).returncode == 0


def test_a_second_writer_gets_a_clear_message_and_nothing_is_corrupted(rosters, tmp_path):
    db = tmp_path / "r.duckdb"
    marker = tmp_path / "in-transaction"
    proc = _start_paused_writer(rosters, db, marker)
    try:
        _wait_for(marker, proc)
        second = regrade("run", "--roster", str(rosters["1975"]), "--scenario", "scenarios/mms.toml", "--years", "1",
                         "--db", str(db), env={"REGRADE_DB_WAIT": "1"})
        assert second.returncode == 3
        assert "is being written by another regrade process" in second.stderr
        assert "Traceback" not in second.stderr
    finally:
        proc.kill()
        proc.wait()
    again = regrade("run", "--roster", str(rosters["1975"]), "--scenario", "scenarios/mms.toml", "--years", "1",
                    "--db", str(db))
    assert again.returncode == 0, again.stderr
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*), min(status) FROM runs").fetchone() == (1, "complete")
    con.close()


def test_demo_end_to_end(tmp_path):
    run = regrade("demo", "--db", str(tmp_path / "demo.duckdb"), "--out-dir", str(tmp_path / "out"), "--years", "2",
                  cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    for name in ("cresap-1967", "cresap-1967-alt-grades", "hay-1975-same-step", "hay-1975-promotion", "mms"):
        assert f"{name} on SYNTHETIC roster" in run.stdout
    assert "computed on SYNTHETIC rosters" in run.stdout
    assert (tmp_path / "out" / "synthetic-roster-1975.parquet").exists()


def test_views_equal_the_projections_own_costs(rosters, tmp_path):
    import datetime as dt

    from simulator.placement import place
    from simulator.projection import costs, project

    scenario = load_scenario(ROOT / "scenarios" / "cresap-1967.toml")
    placed = place(rosters["1967"], scenario).frame
    proj = project(placed, scenario, 3)
    con = store.connect(tmp_path / "v.duckdb")
    run_id = store.save_run(con, scenario=scenario, roster_name="r", roster_hash="h", synthetic=True, seed=0,
                            replicas=0, years=3, placement=placed, projection=proj, started_at=dt.datetime.now())
    view = store.query(con, "SELECT fiscal_year, baseline_cents, reform_cents, difference_cents FROM cost_by_year "
                            "WHERE run_id = ? ORDER BY fiscal_year", [run_id])
    by_agency = store.query(con, "SELECT fiscal_year, sum(difference_cents)::BIGINT AS d FROM cost_by_agency "
                                 "WHERE run_id = ? GROUP BY 1 ORDER BY 1", [run_id])
    con.close()
    ours = costs(proj).select("fiscal_year", "baseline_cents", "reform_cents", "difference_cents")
    assert view.cast(ours.schema).equals(ours)
    assert by_agency["d"].to_list() == ours["difference_cents"].to_list()


def test_the_cost_cube_adds_up_to_the_person_rows(rosters, tmp_path):
    """The cube (written with the run) and the views over it equal sums over the person rows, to the cent."""
    db = tmp_path / "r.duckdb"
    assert regrade("run", "--roster", str(rosters["1975"]), "--scenario", "scenarios/hay-1975-promotion.toml",
                   "--years", "3", "--db", str(db)).returncode == 0
    con = duckdb.connect(str(db), read_only=True)
    by_person = store.query(con, """
        SELECT fiscal_year, agency, sum(cash_cents) FILTER (WHERE branch = 'baseline')::BIGINT AS baseline_cents,
               sum(cash_cents) FILTER (WHERE branch = 'reform')::BIGINT AS reform_cents
        FROM employee_years WHERE run_id = 1 AND fiscal_year > 0 GROUP BY ALL ORDER BY ALL""")
    by_view = store.query(con, "SELECT fiscal_year, agency, baseline_cents, reform_cents FROM cost_by_agency "
                               "WHERE run_id = 1 ORDER BY ALL")
    totals = store.query(con, "SELECT fiscal_year, branch, cash_cents FROM run_totals WHERE run_id = 1")
    con.close()
    assert by_person.height == 3 * 9 and by_view.equals(by_person)
    year = by_person.group_by("fiscal_year").agg(pl.col("reform_cents").sum()).sort("fiscal_year")
    reform = totals.filter(pl.col("branch") == "reform").sort("fiscal_year")
    assert year["reform_cents"].to_list() == reform["cash_cents"].to_list()


def test_a_store_of_another_layout_is_refused_plainly(tmp_path):
    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE runs (run_id INTEGER); CREATE TABLE employee_years (run_id INTEGER, branch VARCHAR)")
    con.close()
    listing = regrade("runs", "--db", str(db))
    assert listing.returncode == 2
    assert "written by another version of regrade (store layout 1" in listing.stderr and "--db" in listing.stderr
    assert "Traceback" not in listing.stderr


def test_the_results_hash_sees_one_changed_cent_and_the_row_order():
    from simulator.digest import digest

    n = 200_000
    frame = pl.DataFrame({"position": pl.int_range(n, eager=True).cast(pl.Int32), "cash_cents": [1234] * n,
                          "status": pl.Series(["active"] * n, dtype=pl.Enum(["active", "vacant"])),
                          "step": ["A", None] * (n // 2)})
    same = digest([frame])
    assert digest([frame.clone()]) == same
    changed = frame.with_columns(pl.when(pl.col("position") == n - 7).then(1235).otherwise(pl.col("cash_cents"))
                                 .alias("cash_cents"))
    assert digest([changed]) != same
    assert digest([frame.reverse()]) != same
    assert digest([frame.with_columns(pl.col("status").cast(pl.Enum(["active", "retired"])))]) != same
    assert digest([frame.with_columns(pl.col("step").fill_null("B"))]) != same
