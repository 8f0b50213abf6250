"""The fiscal note (regrade note) and the workbooks a committee reads: the note's figures against compare's and the
report's to the cent, run 2 - run 1 in every cell, and every xlsx regrade writes read back with openpyxl: numbers,
not text; percentages as fractions in a percent format; headers in words with their unit; a total row; the
Summary on one printed page."""

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import openpyxl
import pytest

from simulator import note, note_files, synthetic
from simulator import results as R
from simulator.cli import main

ROOT = Path(__file__).resolve().parents[1]
MONEY_FORMAT = "$#,##0.00;[Red]-$#,##0.00"
PCT_FORMAT = "0.00%;[Red]-0.00%"


def regrade(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "simulator", *args], capture_output=True, text=True, timeout=600,
                          cwd=cwd or ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Runs 1 and 2: two Hay scenarios on one synthetic roster of 600; run 3: the invented Examplia (funds split
    general / federal, four benefit items); run 4: run 1 over two years."""
    folder = tmp_path_factory.mktemp("note")
    roster = folder / "r.parquet"
    synthetic.roster("1975", 600, 3).write_parquet(roster)
    db = folder / "n.duckdb"
    for args in ((str(roster), "hay-1975-same-step", "3"), (str(roster), "hay-1975-promotion", "3"),
                 (str(ROOT / "scenarios" / "examplia-roster.xlsx"), "examplia-2027", "3"),
                 (str(roster), "hay-1975-same-step", "2")):  # run 4: two years, not three
        assert main(["run", "--roster", args[0], "--scenario", str(ROOT / "scenarios" / f"{args[1]}.toml"),
                     "--years", args[2], "--db", str(db)]) == 0  # in this process: no start-up a run
    return {"db": db, "folder": folder}


def _row(n: note.Note, table: int, label: str) -> list:
    return next(r[2] for r in n.tables[table].rows if r[0].strip() == label)


@pytest.mark.parametrize("run_id", [1, 3])
def test_the_notes_figures_are_compares_and_the_reports(runs, run_id):
    con = duckdb.connect(str(runs["db"]), read_only=True)
    n = note.note(con, run_id)
    cmp = R.compare(con, [run_id])["cost"]
    years = cmp.filter(cmp["fiscal_year"] != "total")
    assert _row(n, 0, "Salary")[:-1] == years["cost_cents"].to_list()
    assert _row(n, 0, "Salary-driven benefits")[:-1] == years["benefits_cost_cents"].to_list()
    assert _row(n, 0, "Total")[:-1] == years["total_cost_cents"].to_list()
    s = R.summary(con, run_id)  # the report's headline and summary table read the same summary
    assert _row(n, 0, "Salary")[0] == s["first_cost_cents"]
    assert sum(_row(n, 0, "Total")[:-1]) == s["total_cost_cents"] + s["total_benefits_cents"]
    # general and other funds (and none) add up to the total, year by year and at full implementation
    funds = [_row(n, 0, label) for label in ("General fund", "Other funds")]
    assert [a + b for a, b in zip(*funds)] == _row(n, 0, "Total")
    # the bridge's parts add up to the total in every column, full implementation too
    parts = [r[2] for r in n.tables[1].rows if r[0] != "Total"]
    assert [sum(c) for c in zip(*parts)] == _row(n, 1, "Total") == _row(n, 0, "Total")[:-1] + [_row(n, 0, "Total")[-1]]


def test_examplias_funds_split_general_and_federal(runs):
    con = duckdb.connect(str(runs["db"]), read_only=True)
    n = note.note(con, 3)
    general, other = _row(n, 0, "General fund"), _row(n, 0, "Other funds")
    assert all(g > 0 for g in general) and all(o > 0 for o in other)  # health is 40 % federal (the roster's fund)
    by_fund = R.cost_by(con, 3, "fund")
    first = by_fund.filter(by_fund["fiscal_year"] == by_fund["fiscal_year"].min())
    want_general = first.filter(first["fund"].str.to_lowercase() == "general")["total_cost_cents"].sum()
    assert general[0] == want_general


def test_note_compare_is_run_2_less_run_1_in_every_cell(runs):
    con = duckdb.connect(str(runs["db"]), read_only=True)
    one, two = note.note(con, 1), note.note(con, 2)
    diff = note.difference(one, two, 1, 2)
    for t1, t2, td in zip(one.tables, two.tables, diff.tables):
        for r1, r2, rd in zip(t1.rows, t2.rows, td.rows):
            assert r1[0] == r2[0] == rd[0]
            for a, b, d in zip(r1[2], r2[2], rd[2]):
                assert d == (None if a is None or b is None else (Decimal(b) - Decimal(a) if isinstance(a, Decimal)
                                                                  else b - a))
    assert any(v for r in diff.tables[0].rows for v in r[2] if v)  # the two rules do differ
    assert diff.tables[3].rows[-1][0] == "All schedules" and diff.tables[1].rows[-1][0] == "Total"


def test_note_compare_refuses_runs_over_other_years(runs, capsys):
    assert main(["note", "1", "--compare", "4", "--db", str(runs["db"])]) == 2
    err = capsys.readouterr().err
    assert "do not have the same fiscal years" in err and "Traceback" not in err


def test_note_files_and_their_errors(runs, tmp_path, capsys):
    db = str(runs["db"])
    md = regrade("note", "1", "--db", db)  # once as a person runs it: its own process
    assert md.returncode == 0 and "## What the cost is made of" in md.stdout and "Full implementation" in md.stdout
    html = tmp_path / "n.html"
    assert main(["note", "1", "--compare", "2", "--out", str(html), "--db", db]) == 0
    text = html.read_text()
    assert "run 2 less run 1" in text and "<script" not in text  # a page, no code
    capsys.readouterr()
    for args, words in ((["note", "9", "--db", db], "no run 9"),
                        (["note", "1", "--format", "html", "--db", db], "give --out"),
                        (["note", "1", "--out", str(tmp_path / "n.pdf"), "--db", db], "html, md or xlsx"),
                        (["note", "1", "--out", db, "--db", db], "store"),
                        (["note", "1", "--format", "md", "--out", str(tmp_path / "x.html"), "--db", db], "disagree")):
        code = main(args)
        err = capsys.readouterr().err
        assert code == 2, (args, err)
        assert words in err and "Traceback" not in err, (args, err)
    assert not (tmp_path / "x.html").exists()
    blank = regrade("note", "1", "--general-fund", " ", "--db", db)
    assert blank.returncode == 2 and "cannot be blank" in blank.stderr


def _check_cells(ws, header_row: int = 1):
    """No money or percentage as text; money and percentages in their formats; percentages as fractions."""
    headers = [c.value for c in ws[header_row]]
    for row in ws.iter_rows(min_row=header_row + 1):
        for head, c in zip(headers, row):
            if head is None or c.value is None:
                continue
            if head.endswith("($)"):
                assert isinstance(c.value, int | float) and c.number_format == MONEY_FORMAT, (ws.title, head, c.value)
            if "%" in head and "($)" not in head:
                assert isinstance(c.value, int | float) and c.number_format == PCT_FORMAT, (ws.title, head, c.value)
                assert -5 < c.value < 5, (ws.title, head, c.value)  # a fraction: 11.3 % is 0.113
            if head in ("Fiscal year", "Positions", "Incumbents", "Headcount at year end") and c.row < ws.max_row:
                # a number, or the label of a total row ("total", "total 1977-1979")
                assert isinstance(c.value, int | float) or c.value.startswith("total"), (ws.title, head, c.value)


def _pages(ws) -> tuple:
    """(pages wide, pages tall) a sheet is fitted to (an attribute left out is 1, the file format's default)."""
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    return tuple(1 if v is None else v for v in (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight))


def test_the_export_workbook_reads_as_numbers(runs, tmp_path):
    xlsx = tmp_path / "run3.xlsx"
    assert main(["export", "3", "--format", "xlsx", "--out", str(xlsx), "--db", str(runs["db"])]) == 0
    book = openpyxl.load_workbook(xlsx)
    assert book.sheetnames[:4] == ["Summary", "Fiscal note", "Cost bridge", "Cost of 1 % and a step"]
    assert "By class" in book.sheetnames
    summary = book["Summary"]
    assert summary.page_setup.orientation == "landscape" and summary.sheet_properties.pageSetUpPr.fitToPage
    assert _pages(summary) == (1, 1)
    for name in book.sheetnames[2:]:
        ws = book[name]
        assert ws.freeze_panes == "A2", name
        _check_cells(ws)
    # the total row under the cost by agency equals the store's sum, to the cent
    ws = book["Cost by agency"]
    last = [c.value for c in ws[ws.max_row]]
    headers = [c.value for c in ws[1]]
    assert last[0] == "Total"
    con = duckdb.connect(str(runs["db"]), read_only=True)
    total = con.execute("SELECT sum(difference_cents) FROM cost_by_year WHERE run_id = 3").fetchone()[0]
    assert round(last[headers.index("Salary cost ($)")] * 100) == total
    # the per-class sheet: class titles from the crosswalk, incumbents adding up to the roster
    ws = book["By class"]
    headers = [c.value for c in ws[1]]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert rows[-1][0] == "Total" and rows[-1][headers.index("Incumbents")] == 300
    titles = {r[0]: r[headers.index("Class title")] for r in rows[:-1]}
    assert titles["EX101"] == "Office Assistant"
    ex101 = next(r for r in rows if r[0] == "EX101")
    assert ex101[headers.index("New range minimum, a year ($)")] == 35360  # Schedule S grade 10, step 1
    assert ex101[headers.index("Old range maximum, a year ($)")] == 38267  # the old plan's grade 10, step 5


def test_the_note_workbook_and_compare_workbook(runs, tmp_path):
    xlsx = tmp_path / "note.xlsx"
    assert main(["note", "3", "--out", str(xlsx), "--db", str(runs["db"])]) == 0
    book = openpyxl.load_workbook(xlsx)
    ws = book["Fiscal note"]
    assert ws.page_setup.orientation == "landscape" and _pages(ws) == (1, 1)
    values = {row[0].value: row for row in ws.iter_rows() if row[0].value}
    total = values["Total"]  # the first "Total": the cost table's, FY 1 .. FY 3 and full implementation
    assert all(isinstance(c.value, float | int) and c.number_format == MONEY_FORMAT for c in total[1:5])
    share = values["% of baseline payroll (salary)"]
    assert all(c.number_format == PCT_FORMAT and abs(c.value) < 1 for c in share[1:5])
    con = duckdb.connect(str(runs["db"]), read_only=True)
    first = R.summary(con, 3)
    assert round(values["Salary"][1].value * 100) == first["first_cost_cents"]
    assert "Assumptions" in book.sheetnames
    cmp = tmp_path / "cmp.xlsx"
    assert main(["compare", "1", "2", "--out", str(cmp), "--db", str(runs["db"])]) == 0
    book = openpyxl.load_workbook(cmp)
    assert "Difference" in book.sheetnames
    ws = book["Difference"]
    headers = [c.value for c in ws[1]]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    cost = R.compare(con, [1, 2])["cost"]
    want = (cost.filter((cost["run_id"] == 2) & (cost["fiscal_year"] == "total"))["cost_cents"][0]
            - cost.filter((cost["run_id"] == 1) & (cost["fiscal_year"] == "total"))["cost_cents"][0])
    got = next(r for r in rows if r[headers.index("Fiscal year")] == "total")[headers.index("Salary cost ($)")]
    assert round(got * 100) == want
    for name in book.sheetnames:
        _check_cells(book[name])


def test_a_general_fund_named_otherwise_is_said(runs):
    con = duckdb.connect(str(runs["db"]), read_only=True)
    n = note.note(con, 3, general="Fund 010")
    assert not any(_row(n, 0, "General fund")) and any("--general-fund" in w for w in n.warnings)
    assert not note.note(con, 3).warnings


def test_a_general_fund_by_any_usual_name():
    assert all(note.is_general(f) for f in ("general", "General Fund", "GENERAL_FUND", "general-fund", "GF"))
    assert not any(note.is_general(f) for f in ("federal", "highway", None, "generally"))
    assert note.is_general("Fund 010", "fund 010") and not note.is_general("general", "Fund 010")
    assert note.is_general("general", "General Fund") and note.is_general("general", "GF")  # typed as the default


def test_the_markdown_note_names_every_table(runs):
    con = duckdb.connect(str(runs["db"]), read_only=True)
    text = note_files.markdown(note.note(con, 1))
    for title in ("Cost of the reform by fiscal year", "What the cost is made of", "Who is affected at placement",
                  "Cost of 1 % and of one step", "Assumptions"):
        assert f"## {title}" in text
    assert "projection.retire_probability" in text and "A-PROJ-RETIREMENT" in text


def test_the_salary_s_overtime_is_shown_apart_when_a_branch_pays_any(runs, tmp_path):
    """Overtime is paid within the salary (A-PROJ-OVERTIME); the note shows its part on a line of its own: the
    reform's overtime less the baseline's, cash by year and annualized at full implementation. Cresap's scenario
    pays the highway men's 45-hour week at time and a half against the present straight time, so the reform's
    overtime costs more; Hay's scenarios pay none, and the line is not there."""
    roster = tmp_path / "r67.parquet"
    synthetic.roster("1967", 400, 1).write_parquet(roster)
    db = tmp_path / "c.duckdb"
    assert main(["run", "--roster", str(roster), "--scenario", str(ROOT / "scenarios" / "cresap-1967.toml"),
                 "--years", "2", "--db", str(db)]) == 0
    con = duckdb.connect(str(db), read_only=True)
    n = note.note(con, 1)
    t = con.execute("SELECT fiscal_year, branch::VARCHAR, overtime_cents, annual_overtime_cents FROM run_totals "
                    "WHERE run_id = 1 AND replica = 0 ORDER BY fiscal_year, branch").fetchall()
    by = {(y, b): (c, a) for y, b, c, a in t}
    years = sorted({y for y, _ in by})
    cash = [by[(y, "reform")][0] - by[(y, "baseline")][0] for y in years]
    full_year = note.full_implementation(con, 1)[0]
    full = by[(full_year, "reform")][1] - by[(full_year, "baseline")][1]
    assert _row(n, 0, "of which overtime") == cash + [full] and all(v > 0 for v in cash + [full])
    hay = note.note(duckdb.connect(str(runs["db"]), read_only=True), 1)
    assert not any(r[0].strip() == "of which overtime" for r in hay.tables[0].rows)
