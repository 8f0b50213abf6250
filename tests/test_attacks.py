"""The second outside attack, as a corpus: each case is one thing the attack found (issue 24), run as a user runs
it (simulator.cli.main in this process; a few in a fresh process). By category:

- output over input: every command that writes, pointed at its roster, scenario, base, crosswalk or store
  (directly or through a link), a folder, a place nothing can be written: exit 2, a named error, every input
  byte for byte as it was;
- formula injection: =, +, -, @ at the start of a text cell, in every CSV regrade writes (place, export,
  compare, the report's downloads, the explorer's): written as text (a leading apostrophe); money stays numbers.

``test_the_corpus_counts`` prints the size of each category."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from simulator.cli import main

ROOT = Path(__file__).resolve().parents[1]
HEADER = "employee_id,agency,class_code,grade,step,salary,pay_basis,fund,bargaining_unit"
EVIL = ["=HYPERLINK(\"http://x.example\",\"click\")", "@SUM(1)", "+cmd|' /C calc'!A0", "=1+1", "-2+3", "\t=1"]
ROSTER = (f"{HEADER}\nE1,Labor,0022,8,C,77.50,weekly,general,MSEA\n"
          f"E2,Labor,0820,17,A,109,weekly,general,MSEA\n")
INJECTED = (f"{HEADER}\n\"{EVIL[3]}\",\"{EVIL[0].replace(chr(34), chr(34) * 2)}\",0022,8,C,77.50,weekly,\"{EVIL[1]}\","
            f"\"{EVIL[2]}\"\nE2,{EVIL[4]},0820,17,A,109,weekly,general,\"{EVIL[5]}\"\n")
OVERLAY = 'base = "cresap"\nname = "cresap-over"\n'


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    """A roster, the Cresap scenario (with its crosswalk) copied beside it, an overlay of it, and a store with a
    run of each."""
    folder = tmp_path_factory.mktemp("attack")
    (folder / "r.csv").write_text(ROSTER)
    (folder / "evil.csv").write_text(INJECTED)
    text = (ROOT / "scenarios" / "cresap-1967.toml").read_text()
    cw = re.search(r'crosswalk = "([^"]+)"', text).group(1)
    shutil.copy(ROOT / "scenarios" / cw, folder / "cw.csv")
    (folder / "cresap.toml").write_text(text.replace(f'crosswalk = "{cw}"', 'crosswalk = "cw.csv"'))
    (folder / "over.toml").write_text(OVERLAY)
    for roster in ("r.csv", "evil.csv"):
        assert main(["run", "--roster", str(folder / roster), "--scenario", str(folder / "cresap.toml"), "--years",
                     "2", "--db", str(folder / "s.duckdb")]) == 0
    return folder


def _argv(argv: list[str], home: Path) -> list[str]:
    return [a.format(h=home) for a in argv]


OVER_INPUT = {  # id: (argv, what the message names)
    "report-over-store": (["report", "--run", "1", "--out", "{h}/s.duckdb", "--db", "{h}/s.duckdb"], "is the store"),
    "report-over-wal": (["report", "--run", "1", "--out", "{h}/s.duckdb.wal", "--db", "{h}/s.duckdb"],
                        "is the store"),
    "compare-csv-over-store": (["compare", "1", "2", "--format", "csv", "--out", "{h}/s.duckdb", "--db",
                                "{h}/s.duckdb"], "is the store"),
    "export-xlsx-over-store": (["export", "1", "--format", "xlsx", "--out", "{h}/s.duckdb", "--db", "{h}/s.duckdb"],
                               "is the store"),
    "export-csv-into-a-file": (["export", "1", "--format", "csv", "--out", "{h}/s.duckdb", "--db", "{h}/s.duckdb"],
                               "is a file"),
    "place-over-roster": (["place", "--roster", "{h}/r.csv", "--scenario", "{h}/cresap.toml", "--out", "{h}/r.csv"],
                          "is the roster"),
    "place-over-crosswalk": (["place", "--roster", "{h}/r.csv", "--scenario", "{h}/cresap.toml", "--out",
                              "{h}/cw.csv"], "is its crosswalk"),
    "place-over-base-crosswalk": (["place", "--roster", "{h}/r.csv", "--scenario", "{h}/over.toml", "--out",
                                   "{h}/cw.csv"], "is its crosswalk"),
    "place-over-roster-by-a-link": (["place", "--roster", "{h}/r.csv", "--scenario", "{h}/cresap.toml", "--out",
                                     "{h}/link-to-roster.csv"], "is the roster"),
    "sweep-over-roster": (["sweep", "--roster", "{h}/r.csv", "--scenario", "{h}/cresap.toml", "--vary",
                           "schedules.A.pct=-1:1:3", "--out", "{h}/r.csv"], "is the roster"),
    "solve-over-scenario": (["solve", "--roster", "{h}/r.csv", "--scenario", "{h}/over.toml", "--vary",
                             "schedules.A.pct", "--between", "-5", "5", "--target", "first_year_pct <= 5", "--out",
                             "{h}/over.toml"], "is the scenario"),
    "solve-over-base": (["solve", "--roster", "{h}/r.csv", "--scenario", "{h}/over.toml", "--vary",
                         "schedules.A.pct", "--between", "-5", "5", "--target", "first_year_pct <= 5", "--out",
                         "{h}/cresap.toml"], "is a base scenario"),
    "run-store-over-roster": (["run", "--roster", "{h}/r.csv", "--scenario", "{h}/cresap.toml", "--db", "{h}/r.csv"],
                              "is the roster"),
    "demo-roster-over-store": (["demo", "--db", "{h}/d/synthetic-roster-1975.parquet", "--out-dir", "{h}/d"],
                               "is the store"),
    "report-into-a-folder": (["report", "--run", "1", "--out", "{h}", "--db", "{h}/s.duckdb"], "is a folder"),
    "report-in-proc": (["report", "--run", "1", "--out", "/proc/regrade-x.html", "--db", "{h}/s.duckdb"],
                       "no file can be written in /proc"),
    "sweep-figure-into-a-folder": (["sweep", "--roster", "{h}/r.csv", "--scenario", "{h}/cresap.toml", "--vary",
                                    "schedules.A.pct=-1:1:3", "--figure", "{h}/sub.html"], "is a folder"),
}


@pytest.mark.parametrize("case", OVER_INPUT, ids=list(OVER_INPUT))
def test_no_output_over_an_input(case, home, capsys):
    argv, said = OVER_INPUT[case]
    link = home / "link-to-roster.csv"
    if not link.exists():
        link.symlink_to(home / "r.csv")
    (home / "sub.html").mkdir(exist_ok=True)
    (home / "d").mkdir(exist_ok=True)
    if case == "demo-roster-over-store":
        shutil.copy(home / "s.duckdb", home / "d" / "synthetic-roster-1975.parquet")
    before = _digest(home)
    code = main(_argv(argv, home))
    err = capsys.readouterr().err
    assert code == 2, err
    assert said in err and "Traceback" not in err, err
    assert _digest(home) == before, "an input was changed"


def test_the_output_check_names_a_read_only_place(tmp_path):
    """A file system that refuses writes (here: /proc, which takes no new file even from root)."""
    from simulator import outputs

    with pytest.raises(outputs.OutputError, match="no file can be written in /proc"):
        outputs.check("/proc/regrade-out.csv")


# --- formula injection ----------------------------------------------------------------------------------------

def _no_formula(text: str) -> list[str]:
    """The CSV cells of ``text`` a spreadsheet would run as a formula (a number such as -2.50 is not one)."""
    import csv
    import io

    bad = []
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            if cell[:1] in ("=", "+", "@", "\t", "\r") or (cell[:1] == "-" and not re.fullmatch(r"-\d[\d.]*", cell)):
                bad.append(cell)
    return bad


def test_place_writes_formula_cells_as_text(home, tmp_path):
    out = tmp_path / "p.csv"
    assert main(["place", "--roster", str(home / "evil.csv"), "--scenario", str(home / "cresap.toml"), "--out",
                 str(out)]) == 0
    text = out.read_text()
    assert _no_formula(text) == []
    frame = pl.read_csv(out, infer_schema=False)
    assert set(frame["employee_id"]) == {"'=1+1", "E2"} and "'-2+3" in set(frame["agency"])
    assert "'@SUM(1)" in set(frame["fund"])


@pytest.mark.parametrize("with_ids", [False, True])
def test_export_csv_writes_formula_cells_as_text(home, tmp_path, with_ids):
    out = tmp_path / "x"
    assert main(["export", "2", "--format", "csv", "--out", str(out), "--db", str(home / "s.duckdb"),
                 *(["--with-ids"] if with_ids else [])]) == 0
    for f in out.iterdir():
        assert _no_formula(f.read_text()) == [], f.name
    placements = (out / "run2_placements.csv").read_text()
    assert "'=HYPERLINK" in placements and "'-2+3" in placements
    assert ("'=1+1" in placements) == with_ids


def test_compare_by_agency_writes_formula_cells_as_text(home, tmp_path):
    out = tmp_path / "c.csv"
    assert main(["compare", "1", "2", "--by", "agency", "--out", str(out), "--db", str(home / "s.duckdb")]) == 0
    text = out.read_text()
    assert _no_formula(text) == [] and "'=HYPERLINK" in text


def test_the_reports_and_the_explorers_downloads_write_formula_cells_as_text(home, tmp_path):
    from dashboards import figures as F
    from simulator import results as R
    from simulator import store

    out = tmp_path / "r.html"
    assert main(["report", "--run", "2", "--out", str(out), "--db", str(home / "s.duckdb")]) == 0
    links = re.findall(r'href="data:text/csv;base64,([^"]+)"', out.read_text())
    texts = [base64.b64decode(link).decode() for link in links]
    assert all(_no_formula(t) == [] for t in texts)
    assert any("'=HYPERLINK" in t for t in texts)
    con = store.connect(home / "s.duckdb", read_only=True)
    try:
        _, frame = F.BY_KEY["cost_by_agency"].build(con, 2, R.Filters(), [])
        text = F.download(frame)
        assert _no_formula(text) == [] and "'=HYPERLINK" in text
        assert re.search(r",-?\d+\.\d\d", text)  # money still numbers
    finally:
        con.close()


def test_negative_money_stays_a_number():
    from simulator.outputs import csv_text

    frame = pl.DataFrame({"agency": ["-x", "ok"], "cost_dollars": [-2.5, 3.0], "step": ["-", "A"]})
    text = csv_text(frame)
    assert text.splitlines()[1:] == ["'-x,-2.5,'-", "ok,3.0,A"]


def test_in_a_fresh_process_an_output_over_the_store_is_refused(home):
    run = subprocess.run([sys.executable, "-m", "simulator", "report", "--run", "1", "--out", str(home / "s.duckdb"),
                          "--db", str(home / "s.duckdb")], capture_output=True, text=True, cwd=ROOT,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=300)
    assert run.returncode == 2 and "is the store" in run.stderr and "Traceback" not in run.stderr
    assert main(["runs", "--db", str(home / "s.duckdb")]) == 0


# --- money that would wrap ------------------------------------------------------------------------------------

HAY = ROOT / "scenarios" / "hay-1975-same-step.toml"
WRAPS = {  # id: (the overlay's body, what the message says)
    "ten-transforms-of-1000-pct": ('[schedules.I]\nfrom = "hay_schedule_1"\ntransforms = [' + ", ".join(
        ["{ pct = 1000 }"] * 10) + "]\n", "above $10,000,000.00 a year, the most regrade takes"),
    "six-transforms-of-1000-pct": ('[schedules.I]\nfrom = "hay_schedule_1"\ntransforms = [' + ", ".join(
        ["{ pct = 1000 }"] * 6) + "]\n", "above $10,000,000.00 a year"),
    "a-dollar-amount-past-the-ceiling": ('[schedules.I]\nfrom = "hay_schedule_1"\ntransforms = ['
                                         + ", ".join(["{ dollars = 1000000 }"] * 11) + "]\n", "above $10,000,000.00"),
    "a-formula-per-point-of-a-million": (
        '[schedules.I]\nfrom = "hay_schedule_1"\n[schedules.I.formula]\ncontrol = "D"\nunit = 1\n'
        '[[schedules.I.formula.lines]]\ngrades = "1-41"\nper_point = 1000000\nconstant = 0\n'
        + "".join(f'[[schedules.I.formula.steps]]\nstep = "{s}"\nof = "D"\ntimes = 1.0{i}\n'
                  for i, s in enumerate(["A", "B", "C", "E", "X", "Y"])), "above $10,000,000.00 a year"),
    "general-increases-that-compound-past-int64": (
        "[projection]\ngeneral_increases = [" + ", ".join(f'{{ schedule = "I", year = {y}, pct = 100 }}'
                                                         for y in range(1, 31)) + "]\n",
        "beyond what regrade adds up exactly in cents"),
}


@pytest.mark.parametrize("case", WRAPS, ids=list(WRAPS))
def test_money_that_would_wrap_is_refused_and_nothing_is_stored(case, tmp_path, capsys):
    """Ten { pct = 1000 } once passed each check, wrapped int64 in the projection, and stored a run whose reform
    pay fell from 3.32e18 to 2.38e18 cents; a formula or transforms could make rates above the ceiling that
    written rates get. Each is now a named error before the kernels run (exit 2, no store)."""
    from simulator import synthetic

    body, said = WRAPS[case]
    (tmp_path / "s.toml").write_text(f'base = "{HAY.with_suffix("")}"\nname = "{case}"\n{body}')
    synthetic.roster("1975", 60, 0).write_parquet(tmp_path / "r.parquet")
    code = main(["run", "--roster", str(tmp_path / "r.parquet"), "--scenario", str(tmp_path / "s.toml"), "--years",
                 "30", "--db", str(tmp_path / "s.duckdb")])
    err = capsys.readouterr().err
    assert code == 2 and said in err and "internal error" not in err, err
    assert not (tmp_path / "s.duckdb").exists()


def test_a_solve_or_sweep_into_wrapping_money_is_a_named_error(tmp_path, capsys):
    from simulator import synthetic

    synthetic.roster("1975", 60, 0).write_parquet(tmp_path / "r.parquet")
    code = main(["sweep", "--roster", str(tmp_path / "r.parquet"), "--scenario",
                 str(ROOT / "scenarios" / "hay-1975-formula.toml"), "--vary",
                 "schedules.I.line1.per_point=100000:1000000:3"])
    err = capsys.readouterr().err
    assert code == 2 and "schedules.I.line1.per_point" in err and "above $10,000,000.00 a year" in err, err
    assert "internal error" not in err


# --- a workbook that would take the process down, and sheets not read ------------------------------------------

def _workbook(path: Path, stray: bool = False, second: bool = False) -> Path:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Staff")
    for i, (h, v) in enumerate(zip(HEADER.split(",")[:7], ["E1", "Labor", "0022", "8", "C", "77.50", "weekly"])):
        sheet.write_string(0, i, h)
        sheet.write_string(1, i, v)
    if stray:
        sheet.write(1_048_575, 16_383, "x")
    if second:
        book.add_worksheet("More staff").write(0, 0, "E2")
    book.close()
    return path


def test_a_small_workbook_with_a_stray_cell_far_out_is_a_named_error(home, tmp_path, capsys):
    """5 KB with one cell at XFD1048576 once made the reader try to allocate 512 GB and abort (SIGABRT)."""
    book = _workbook(tmp_path / "r.xlsx", stray=True)
    assert book.stat().st_size < 20_000
    code = main(["place", "--roster", str(book), "--scenario", str(home / "cresap.toml"), "--out",
                 str(tmp_path / "p.csv")])
    err = capsys.readouterr().err
    assert code == 2 and "has cells out to XFD1048576" in err and "a stray cell?" in err, err
    assert not (tmp_path / "p.csv").exists()


def test_a_workbooks_other_sheets_are_said_not_to_be_read(home, tmp_path, capsys):
    book = _workbook(tmp_path / "r.xlsx", second=True)
    assert main(["place", "--roster", str(book), "--scenario", str(home / "cresap.toml"), "--out",
                 str(tmp_path / "p.csv")]) == 0
    err = capsys.readouterr().err
    assert "has 2 sheets: the roster is read from the first, 'Staff'; the others ('More staff') are not read" in err


# --- hangs ------------------------------------------------------------------------------------------------------

def test_a_sweep_to_a_port_that_accepts_and_never_answers_gives_up_in_words(home, monkeypatch, capsys):
    """A port that accepts and says nothing (or an HTTP server) once hung a --dask sweep past six minutes."""
    import socket
    import threading

    pytest.importorskip("distributed")
    from simulator import cluster

    monkeypatch.setattr(cluster, "CONNECT_SECONDS", 2)
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    held = []
    threading.Thread(target=lambda: [held.append(server.accept()) for _ in range(5)], daemon=True).start()
    try:
        code = main(["sweep", "--roster", str(home / "r.csv"), "--scenario", str(home / "cresap.toml"), "--vary",
                     "schedules.A.pct=-1:1:3", "--dask", f"tcp://127.0.0.1:{server.getsockname()[1]}"])
    finally:
        server.close()
    err = capsys.readouterr().err
    assert code == 2 and "no Dask scheduler answers there" in err and "in 2 s" in err, err


@pytest.mark.parametrize("vary", ["schedules.A.pct=-5000:5000:1000000000000", "schedules.A.pct=-50:50:10001"])
def test_a_grid_too_large_is_refused_before_it_is_made(home, vary, capsys):
    import time

    t = time.perf_counter()
    code = main(["sweep", "--roster", str(home / "r.csv"), "--scenario", str(home / "cresap.toml"), "--vary", vary])
    err = capsys.readouterr().err
    assert code == 2 and ("a sweep takes at most 10,000 points" in err or "give N at most" in err), err
    assert time.perf_counter() - t < 5  # said at once, not after listing the values


def test_two_axes_whose_grid_is_too_large_are_refused_before_it_is_made(home, capsys):
    code = main(["sweep", "--roster", str(home / "r.csv"), "--scenario", str(home / "cresap.toml"), "--vary",
                 "schedules.A.pct=-50:50:5000", "--vary", "schedules.B.pct=-50:50:5000"])
    err = capsys.readouterr().err
    assert code == 2 and "25,000,000 points: at most 10,000" in err, err


# --- the explorer's callbacks ----------------------------------------------------------------------------------

def _post(client, body, content_type="application/json"):
    import json

    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post("/_dash-update-component", data=data, content_type=content_type,
                       headers={"Host": "127.0.0.1:8050"})


@pytest.mark.parametrize("what, run, year, compare, status", [
    ("a good request", 1, "all", [], 200),
    ("a fiscal year 'abc'", 1, "abc", [], 400),
    ("run 999", 999, "all", [], 400),
    ("run 'x'", "x", "all", [], 400),
    ("5,000 compared runs", 1, "all", list(range(5000)), 400),
    ("compare not a list", 1, "all", {"a": 1}, 400),
])
def test_a_bad_callback_is_a_400_and_no_traceback(home, capfd, what, run, year, compare, status):
    from dashboards.app import make_app

    client = make_app(home / "s.duckdb").server.test_client()
    deps = client.get("/_dash-dependencies", headers={"Host": "127.0.0.1:8050"}).get_json()
    update = [d for d in deps if d["output"].startswith("..headline.children")][0]
    outputs = [{"id": o.split(".")[0], "property": o.split(".")[1]} for o in update["output"].strip(".").split("...")]
    values = {"run": run, "agency": "all", "schedule": "all", "year": year, "compare": compare}
    body = {"output": update["output"], "outputs": outputs, "changedPropIds": ["run.value"], "state": [],
            "inputs": [{"id": i["id"], "property": "value", "value": values[i["id"]]} for i in update["inputs"]]}
    assert _post(client, body).status_code == status, what
    out, err = capfd.readouterr()
    assert "Traceback" not in out + err


def test_malformed_and_oversized_bodies_are_refused(home, capfd):
    from dashboards.app import MAX_BODY, make_app

    client = make_app(home / "s.duckdb").server.test_client()
    assert _post(client, "{not json").status_code == 400
    assert _post(client, "x" * (MAX_BODY + 1)).status_code == 413
    assert _post(client, b"\xff\xfe garbage", content_type="text/plain").status_code == 400
    out, err = capfd.readouterr()
    assert "Traceback" not in out + err


# --- named errors where internal ones were, input accepted silently, messages that misled -----------------------

def _formula(control='"D"', extra="", times="0.8"):
    return (f'base = "{HAY.with_suffix("")}"\nname = "f"\n[schedules.I]\nfrom = "hay_schedule_1"\n'
            f'[schedules.I.formula]\ncontrol = {control}\nunit = 1\n{extra}\n[[schedules.I.formula.lines]]\n'
            f'grades = "1-41"\nper_point = 24.39\nconstant = 4100\n[[schedules.I.formula.steps]]\nstep = "A"\n'
            f'of = "D"\ntimes = {times}\n')


def _overlay(body: str) -> str:
    return f'base = "{HAY.with_suffix("")}"\nname = "o"\n{body}\n'


R75 = "{t}/r75.parquet"
PLACE75 = ["place", "--roster", R75, "--scenario", "{t}/s.toml", "--out", "{t}/o.csv"]
NAMED = {  # id: (category, files, argv, fragments of the message)
    "formula-control-a-list": ("named error", {"s.toml": _formula(control='["D"]')}, PLACE75,
                               ["schedules.I.formula: control is one of"]),
    "formula-p-not-a-table": ("named error", {"s.toml": _formula(extra="p = 5")}, PLACE75,
                              ["p is a table by grade"]),
    "formula-pinned-a-list": ("named error", {"s.toml": _formula(extra="pinned = [1]")}, PLACE75,
                              ["pinned is a table by grade"]),
    "formula-times-nan": ("named error", {"s.toml": _formula(times="nan")}, PLACE75, ["not nan or inf"]),
    "base-a-loop-of-links": ("named error", {"s.toml": 'base = "loop1"\nname = "l"\n', "loop1.toml": "->loop2.toml",
                                              "loop2.toml": "->loop1.toml"}, PLACE75, ["is a circle of links"]),
    "salary-arabic-indic-digits": ("named error", {"r.csv": "employee_id,agency,class_code,grade,step,salary,"
                                                            "pay_basis\n"
                                                            "E1,L,0022,8,C,\u0667\u0667.\u0665\u0660,weekly\n"},
                                   ["place", "--roster", "{t}/r.csv", "--scenario", str(ROOT / "scenarios" /
                                                                                       "cresap-1967.toml"),
                                    "--out", "{t}/o.csv"], ["written with digits other than 0-9"]),
    "salary-full-width-digits": ("named error", {"r.csv": "employee_id,agency,class_code,grade,step,salary,pay_basis\n"
                                                          "E1,L,0022,8,C,\uff17\uff17.\uff15\uff10,weekly\n"},
                                 ["place", "--roster", "{t}/r.csv", "--scenario", str(ROOT / "scenarios" /
                                                                                     "cresap-1967.toml"),
                                  "--out", "{t}/o.csv"], ["written with digits other than 0-9"]),
    "solve-between-inf": ("named error", {}, ["solve", "--roster", R75, "--scenario", str(HAY), "--vary",
                                              "schedules.I.pct", "--between", "0", "inf", "--target",
                                              "first_year_pct <= 9"], ["a finite number"]),
    "store-empty-file": ("named error", {"s.duckdb": ""}, ["runs", "--db", "{t}/s.duckdb"], ["is empty (0 bytes)"]),
    "store-cut-in-half": ("silent acceptance", {"s.duckdb": "half-of-a-store"}, ["runs", "--db", "{t}/s.duckdb"],
                          ["is damaged: it holds"]),
    "overlay-rules-an-empty-list": ("silent acceptance", {"s.toml": _overlay("rules = []")}, PLACE75,
                                    ["column rules: []: must be a table"]),
    "overlay-options-false": ("silent acceptance", {"s.toml": _overlay("options = false")}, PLACE75,
                              ["column options: false: must be a table"]),
    "overlay-projection-zero": ("silent acceptance", {"s.toml": _overlay("projection = 0")}, PLACE75,
                                ["column projection: 0: must be a table"]),
    "name-empty": ("silent acceptance", {"s.toml": f'base = "{HAY.with_suffix("")}"\nname = ""\n'}, PLACE75,
                   ["column name: '': must not be empty"]),
    "grades-beyond-the-schedule": ("silent acceptance", {"s.toml": _overlay(
        '[schedules.I]\nfrom = "hay_schedule_1"\ntransforms = [{ pct = 1, grades = "40-99" }]')}, PLACE75,
        ['grades "40-99" reaches beyond hay_schedule_1\'s grades 1-41']),
    "a-second-salary-column": ("silent acceptance", {"r.csv": "employee_id,agency,class_code,grade,step,salary,"
                                                              "pay_basis,salary\nE1,L,0022,8,C,77.50,weekly,99\n"},
                               ["place", "--roster", "{t}/r.csv", "--scenario", str(ROOT / "scenarios" /
                                                                                   "cresap-1967.toml"),
                                "--out", "{t}/o.csv"], ["the column appears twice (columns 6 and 8)"]),
    "target-with-stray-commas": ("silent acceptance", {}, ["solve", "--roster", R75, "--scenario", str(HAY),
                                                           "--vary", "schedules.I.pct", "--between", "-10", "10",
                                                           "--target", "first_year_pct <= ,,,5"],
                                 ["--target 'first_year_pct <= ,,,5': write"]),
    "an-error-in-a-base-names-the-base": ("message", {"s.toml": 'base = "b"\nname = "o"\n',
                                                      "b.toml": 'name = "b"\nold_plan = "hay_4_74"\ncrosswalk = '
                                                                f'"{ROOT / "scenarios" / "hay-1975-crosswalk.csv"}"\n'
                                                                '[schedules]\nI = "hay_schedule_1"\n'}, PLACE75,
                                          ["error: b.toml, column old_plan: 'hay_4_74': unknown schedule"]),
    "xlsx-with-a-blank-first-row": ("message", {"r.xlsx": "blank-first-row"},
                                    ["place", "--roster", "{t}/r.xlsx", "--scenario", str(ROOT / "scenarios" /
                                                                                         "cresap-1967.toml"),
                                     "--out", "{t}/o.csv"], ["r.xlsx, row 3, column salary: 'abc'"]),
    "db-a-csv-file": ("message", {"x.csv": "a,b\n1,2\n"}, ["runs", "--db", "{t}/x.csv"],
                      ["x.csv is not a regrade store: it is a text file (a CSV?)"]),
    "between-in-e-notation": ("message", {}, ["solve", "--roster", R75, "--scenario", str(HAY), "--vary",
                                              "schedules.I.pct", "--between", "-1e1", "-1e1", "--target",
                                              "first_year_pct <= 9"], ["--between -10 -10: the first must be below"]),
    "vary-a-malformed-number-names-the-option": ("message", {}, ["sweep", "--roster", R75, "--scenario", str(HAY),
                                                                 "--vary", "schedules.I.pct=1.2.3:5:3"],
                                                 ["--vary 'schedules.I.pct=1.2.3:5:3': write PARAM=LO:HI:N"]),
    "solve-out-in-proc-names-no-temporary-file": ("message", {}, [
        "solve", "--roster", R75, "--scenario", str(HAY), "--vary", "schedules.I.pct", "--between", "-10", "10",
        "--target", "first_year_pct <= 9", "--out", "/proc/regrade-x.toml"], ["--out /proc/regrade-x.toml: no file"]),
    "csv-with-carriage-returns-only": ("message", {"r.csv": "employee_id,agency,class_code,grade,step,salary,"
                                                            "pay_basis\rE1,L,0022,8,C,77.50,weekly\r"},
                                       ["place", "--roster", "{t}/r.csv", "--scenario", str(ROOT / "scenarios" /
                                                                                           "cresap-1967.toml"),
                                        "--out", "{t}/o.csv"], ["end in a carriage return only"]),
}


def _lay_out(t: Path, files: dict, home: Path) -> None:
    from simulator import synthetic

    synthetic.roster("1975", 40, 0).write_parquet(t / "r75.parquet")
    for name, content in files.items():
        path = t / name
        if content.startswith("->"):
            path.symlink_to(t / content[2:])
        elif content == "half-of-a-store":
            whole = (home / "s.duckdb").read_bytes()
            path.write_bytes(whole[: len(whole) // 2])
        elif content == "blank-first-row":
            import xlsxwriter

            book = xlsxwriter.Workbook(str(path))
            sheet = book.add_worksheet()
            for i, (h, v) in enumerate(zip(HEADER.split(",")[:7], ["E1", "L", "0022", "8", "C", "abc", "weekly"])):
                sheet.write_string(1, i, h)
                sheet.write_string(2, i, v)
            book.close()
        else:
            path.write_text(content, encoding="utf-8")


@pytest.mark.parametrize("case", NAMED, ids=list(NAMED))
def test_a_named_error_where_there_was_none(case, home, tmp_path, capsys):
    category, files, argv, said = NAMED[case]
    _lay_out(tmp_path, files, home)
    before = _digest(tmp_path)
    try:
        code = main([a.format(t=tmp_path) for a in argv])
    except SystemExit as exc:  # argparse: a bad command-line value
        code = exc.code
    err = capsys.readouterr().err
    assert code == 2, err
    for fragment in said:
        assert fragment in err, f"{fragment!r} not in:\n{err}"
    assert "Traceback" not in err and "internal error" not in err
    assert _digest(tmp_path) == before, "something was written"


def test_the_corpus_counts(capsys):
    """The size of the corpus by category (issue 24's numbered items), printed for the note."""
    counts = {"output over input (1)": len(OVER_INPUT) + 1, "wrapped money (2)": len(WRAPS) + 1,
              "formula injection (4)": 5, "a workbook that kills the reader (5)": 2, "hangs (6)": 4,
              "explorer callbacks (7)": 7,
              "Ctrl-C (3): tests/test_ledger.py and the interrupted processes of tests/test_store.py": 7 + 3 + 2 + 3}
    for category in ("named error", "silent acceptance", "message"):
        counts[{"named error": "internal error -> named (8)", "silent acceptance": "silent acceptance (9)",
                "message": "misleading message (10)"}[category]] = sum(1 for c in NAMED.values() if c[0] == category)
    with capsys.disabled():
        print("\nattack corpus by category: " + "; ".join(f"{k}: {v}" for k, v in counts.items()))
    assert all(v >= 1 for v in counts.values())


@pytest.fixture
def full_disk(tmp_path):
    """A folder on a 200 KB file system of its own (tmpfs; needs the right to mount, as root has here and in CI):
    the full disk the attack wrote to."""
    folder = tmp_path / "tiny"
    folder.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=200k", "tmpfs", str(folder)], capture_output=True)
    if made.returncode != 0:
        if os.environ.get("CI") and os.geteuid() == 0:
            pytest.fail(f"could not mount a tmpfs for the full-disk case: {made.stderr.decode()[:200]}")
        pytest.skip("cannot mount a small file system here (not root)")
    yield folder
    subprocess.run(["umount", str(folder)], capture_output=True)


def test_a_full_disk_is_said_and_nothing_partial_is_left(home, full_disk, capsys):
    from simulator import synthetic

    roster = home.parent / "full-disk-roster.parquet"
    synthetic.roster("1975", 3000, 0).write_parquet(roster)
    for argv, said in (
            (["report", "--run", "1", "--out", str(full_disk / "r.html"), "--db", str(home / "s.duckdb")],
             "No space left on device"),
            (["run", "--roster", str(roster), "--scenario", str(HAY), "--years", "2", "--db",
              str(full_disk / "s.duckdb")], "the disk is full")):
        code = main(argv)
        err = capsys.readouterr().err
        assert code == 2 and said in err and "internal error" not in err, err
    assert not (full_disk / "r.html").exists()
    leftovers = [p.name for p in full_disk.iterdir() if p.name.startswith(".")]
    assert leftovers == [], leftovers  # no temporary file left behind
    if (full_disk / "s.duckdb").exists():  # the store may exist, empty of runs: never a partial run
        import duckdb

        try:
            con = duckdb.connect(str(full_disk / "s.duckdb"), read_only=True)
        except duckdb.Error:  # the file itself was cut off by the full disk: nothing in it to be partial
            return
        try:
            assert con.execute("SELECT count(*) FROM runs").fetchall()[0][0] == 0
        finally:
            con.close()
