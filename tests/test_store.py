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
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

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
    n_years = con.execute("SELECT count(DISTINCT fiscal_year) FROM cost_cube WHERE run_id = 1").fetchone()[0]
    n_person_rows = con.execute("SELECT count(*) FROM position_years").fetchone()[0]  # only with --person-years
    status, synthetic_flag = con.execute("SELECT status, roster_synthetic FROM runs WHERE run_id = 1").fetchone()
    con.close()
    assert n_place == 1500 and n_years == 2 and n_person_rows == 0 and status == "complete" and synthetic_flag


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


@pytest.mark.slow  # ~3 s of subprocesses: CI's second step
def test_same_run_twice_gives_the_same_results_hash(rosters, tmp_path):
    db = tmp_path / "r.duckdb"
    args = ["run", "--roster", str(rosters["1975"]), "--scenario", "scenarios/hay-1975-same-step.toml", "--years",
            "2", "--replicas", "2", "--seed", "5", "--db", str(db)]
    assert regrade(*args).returncode == 0
    # the identical run again is recognised (its content key), reported and not stored twice
    again = regrade(*args)
    assert again.returncode == 0 and "An identical run is stored already as run 1" in again.stdout
    # --force stores it again; the results are identical
    assert regrade(*args, "--force").returncode == 0
    con = duckdb.connect(str(db), read_only=True)
    hashes = [r[0] for r in con.execute("SELECT results_hash FROM runs ORDER BY run_id").fetchall()]
    keys = {r[0] for r in con.execute("SELECT content_key FROM runs").fetchall()}
    con.close()
    assert len(hashes) == 2 and hashes[0] == hashes[1] and len(keys) == 1


@pytest.mark.slow  # ~7 s of subprocesses: CI's second step
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
    # summary, the fiscal note, the bridge, the cost of 1 %, by agency, grade, schedule, fund, by class, benefits,
    # parameters, placements, totals by replica
    assert len(sheets) == 13


# A writer that stops at one point of storing a run until the test kills or interrupts it: the real command
# (cli.main), with store.save_run wrapped from outside (nothing in regrade itself waits for tests).
WRITER = r"""
import pathlib, sys, time
from simulator import cli, store
from simulator.commands import common
marker, point = pathlib.Path(sys.argv[1]), sys.argv[2]

def hold():
    marker.touch()
    time.sleep(600)

real_save, real_cube = store.save_run, store.cost_cube
def cube(*args, **kw):  # the last step before the transaction begins
    out = real_cube(*args, **kw)
    if point == "before_begin":
        hold()
    return out
def save(con, **kw):
    run_id = real_save(con, before_commit=hold if point == "before_commit" else None, **kw)
    if point in ("after_commit", "force_after_commit"):
        hold()
    return run_id
real_headline = common.print_headline
def headline(*args):  # the run stored and said so: what comes after the store
    if point == "after_store":
        hold()
    return real_headline(*args)
store.save_run, store.cost_cube, common.print_headline = save, cube, headline
sys.exit(cli.main(sys.argv[3:]))
"""
POINTS = ("before_begin", "before_commit", "after_commit")


def _start_paused_writer(rosters, db, marker, point="before_commit", scenario="hay-1975-same-step"):
    return subprocess.Popen([sys.executable, "-c", WRITER, str(marker), point, "run", "--roster",
                             str(rosters["1975"]), "--scenario", f"scenarios/{scenario}.toml", "--years", "1",
                             "--db", str(db)],
                            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _wait_for(marker, proc, seconds=240):
    deadline = time.monotonic() + seconds
    while not marker.exists():
        assert proc.poll() is None, f"the writer ended before it reached its point: {proc.stderr.read()}"
        assert time.monotonic() < deadline, "the writer never reached its point"
        time.sleep(0.1)


def _stored_runs(db) -> list[int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        ids = con.execute("SELECT list(run_id ORDER BY run_id) FROM runs").fetchone()[0] or []
        for table in ("placements", "position_years", "run_totals", "cost_cube"):  # no row of a run not in runs
            orphans = con.execute(f"SELECT count(*) FROM {table} WHERE run_id NOT IN (SELECT run_id FROM runs)")
            assert orphans.fetchone()[0] == 0, table
        return ids
    finally:
        con.close()


@pytest.mark.slow  # three killed writers, ~10 s: CI's second step
@pytest.mark.parametrize("point", POINTS)
def test_sigkill_at_every_point_of_a_write_leaves_no_partial_run(rosters, tmp_path, point):
    db = tmp_path / "r.duckdb"
    assert regrade("run", "--roster", str(rosters["1975"]), "--scenario", "scenarios/mms.toml", "--years", "1",
                   "--db", str(db)).returncode == 0
    marker = tmp_path / "at-point"
    proc = _start_paused_writer(rosters, db, marker, point)
    _wait_for(marker, proc)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate()
    # killed before COMMIT: only run 1; killed after it: run 2 whole (its rows are all there)
    assert _stored_runs(db) == ([1, 2] if point == "after_commit" else [1])
    if point == "after_commit":
        con = duckdb.connect(str(db), read_only=True)
        assert con.execute("SELECT count(*) FROM placements WHERE run_id = 2").fetchone()[0] == 1500
        con.close()
    assert regrade("runs", "--db", str(db)).returncode == 0  # the store goes on working


@pytest.mark.slow  # three interrupted writers, ~9 s: CI's second step
@pytest.mark.parametrize("point", POINTS)
def test_ctrl_c_at_every_point_tells_the_truth(rosters, tmp_path, point):
    """Ctrl-C (SIGINT): no traceback, exit 130, and a message that says whether the run was stored, with its id;
    run again, a stored run is recognised and not stored twice."""
    db = tmp_path / "r.duckdb"
    marker = tmp_path / "at-point"
    proc = _start_paused_writer(rosters, db, marker, point)
    _wait_for(marker, proc)
    os.kill(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130 and "Traceback" not in err, err
    if point == "after_commit":
        assert "Stored whole before the interrupt: run 1 in" in err, err
        assert _stored_runs(db) == [1]
    else:
        assert "nothing was stored" in err, err
        assert _stored_runs(db) == []
    again = regrade("run", "--roster", str(rosters["1975"]), "--scenario", "scenarios/hay-1975-same-step.toml",
                    "--years", "1", "--db", str(db))
    assert again.returncode == 0 and _stored_runs(db) == [1]
    assert ("An identical run is stored already as run 1" in again.stdout) == (point == "after_commit")


@pytest.mark.slow  # two interrupted writers, ~8 s: CI's second step
def test_ctrl_c_after_the_store_and_with_force_names_the_run_this_command_stored(rosters, tmp_path):
    """Just after "storing the run ... N s", Ctrl-C once said nothing was stored though the run was; with --force
    and an identical run stored before, the look-up once named the older run."""
    db = tmp_path / "r.duckdb"
    for point, extra, expect in (("after_store", [], "run 1"), ("force_after_commit", ["--force"], "run 2")):
        marker = tmp_path / f"at-{point}"
        args = [sys.executable, "-c", WRITER, str(marker), point, "run", "--roster", str(rosters["1975"]),
                "--scenario", "scenarios/hay-1975-same-step.toml", "--years", "1", "--db", str(db), *extra]
        proc = subprocess.Popen(args, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        _wait_for(marker, proc)
        os.kill(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 130 and "Traceback" not in err, err
        assert f"Stored whole before the interrupt: {expect} in {db}" in err, err
    assert _stored_runs(db) == [1, 2]


@pytest.mark.slow  # a few starts, ~6 s: CI's second step
# from 0.05 s: before that the interpreter is still importing its own site module (no program's code has run;
# Python itself reports the interrupt there), a window no command can answer
@pytest.mark.parametrize("after", [0.05, 0.1, 0.2, 0.3, 0.4, 0.6])
def test_ctrl_c_while_starting_is_one_line_not_a_traceback(tmp_path, after):
    """Ctrl-C in the first half second once printed a traceback ending in KeyboardInterrupt."""
    proc = subprocess.Popen([sys.executable, "-m", "simulator", "runs", "--db", str(tmp_path / "none.duckdb")],
                            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    time.sleep(after)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert proc.returncode in (130, 2, 0), (proc.returncode, err)  # it may have finished first
    if proc.returncode == 130:
        assert err.startswith("regrade: interrupted"), err


INTERRUPTED_IMPORT = """
import os, signal, sys, time
class FirstImportInterrupted:  # the first import of DuckDB's extension is interrupted inside its C initialisation,
    seen = 0                   # which turns the KeyboardInterrupt into another error; a second import aborts, as
    def find_spec(self, name, path=None, target=None):  # nanobind's duplicate registration does
        if name != "_duckdb":
            return None
        FirstImportInterrupted.seen += 1
        if FirstImportInterrupted.seen > 1:
            os.write(2, b"second import of _duckdb: abort\\n")
            os.abort()
        try:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(5)
        except KeyboardInterrupt:
            raise RuntimeError("nanobind: type 'ExplainType' was already registered") from None
sys.meta_path.insert(0, FirstImportInterrupted())
sys.argv = ["regrade", *sys.argv[1:]]
from simulator.entry import entry
entry()
"""


def test_ctrl_c_inside_duckdb_s_import_is_an_interrupt_and_duckdb_is_not_imported_again(tmp_path):
    """CI once saw the process abort (exit -6, "refusing to add duplicate key") after Ctrl-C 0.3 s into `regrade
    runs`: the interrupt came inside DuckDB's import and surfaced as another error, and the check for DuckDB's own
    interrupt imported DuckDB a second time."""
    proc = subprocess.run([sys.executable, "-c", INTERRUPTED_IMPORT, "runs", "--db", str(tmp_path / "none.duckdb")],
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 130, (proc.returncode, proc.stderr)
    assert proc.stderr == "regrade: interrupted; nothing was stored.\n", proc.stderr


@pytest.mark.slow  # two writers, ~5 s: CI's second step
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
        proc.communicate()
    again = regrade("run", "--roster", str(rosters["1975"]), "--scenario", "scenarios/mms.toml", "--years", "1",
                    "--db", str(db))
    assert again.returncode == 0, again.stderr
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*), min(status) FROM runs").fetchone() == (1, "complete")
    con.close()


@pytest.mark.slow  # the whole demo, ~4 s: CI's second step
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
                   "--years", "3", "--db", str(db), "--person-years").returncode == 0
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


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture],
          phases=[Phase.explicit, Phase.generate])
@given(seed=st.integers(0, 2**31), size=st.integers(1, 80), years=st.integers(1, 3), replicas=st.integers(0, 2))
def test_headcount_and_payroll_are_conserved_from_placement_to_store(tmp_path, seed, size, years, replicas):
    """Whatever the roster: every employee placed is stored once, the stored pay is the placed pay to the cent,
    and the stored totals and cost cube add up to the stored person rows (the first path)."""
    import datetime as dt

    from simulator.placement import place
    from simulator.projection import project

    scenario = load_scenario(ROOT / "scenarios" / "hay-1975-same-step.toml")
    roster = synthetic.roster("1975", size, seed)
    placed = place(roster, scenario).frame
    proj = project(placed, scenario, years, seed, replicas)
    import uuid

    db = tmp_path / f"{uuid.uuid4().hex}.duckdb"  # a fresh store per example (hypothesis repeats examples)
    con = store.connect(db)
    try:
        run_id = store.save_run(con, scenario=scenario, roster_name="r", roster_hash=str(seed), synthetic=True,
                                seed=seed, replicas=replicas, years=years, placement=placed, projection=proj,
                                started_at=dt.datetime.now(), person_years=True)
        q = lambda sql: con.execute(sql, [run_id]).fetchall()  # noqa: E731
        assert q("SELECT count(*), count(DISTINCT employee_id), sum(new_annual_cents), sum(old_annual_cents) "
                 "FROM placements WHERE run_id = ?")[0] == (
            size, placed["employee_id"].n_unique(), placed["new_annual_cents"].sum(),
            placed["old_annual_cents"].sum())
        # each year and branch: person rows = cube = the first path's totals, to the cent and the head
        rows = q("SELECT fiscal_year, branch::VARCHAR, sum(annual_cost_cents), count(*) FILTER (annual_cents > 0) "
                 "FROM position_years WHERE run_id = ? AND fiscal_year > 0 GROUP BY ALL ORDER BY ALL")
        totals = q("SELECT fiscal_year, branch, annual_cents, headcount FROM run_totals WHERE run_id = ? AND "
                   "replica = (SELECT min(replica) FROM run_totals WHERE run_id = $1) ORDER BY ALL")
        cube = q("SELECT fiscal_year, b, sum(c), sum(h) FROM (SELECT fiscal_year, 'baseline' AS b, "
                 "baseline_annual_cost_cents AS c, baseline_headcount AS h FROM cost_cube WHERE run_id = $1 "
                 "UNION ALL SELECT fiscal_year, 'reform', reform_annual_cost_cents, reform_headcount FROM cost_cube "
                 "WHERE run_id = $1) WHERE fiscal_year > 0 GROUP BY ALL ORDER BY ALL")
        assert len(rows) == 2 * years and rows == totals == cube
    finally:
        con.close()


def test_the_pipeline_places_projects_and_stores_once(rosters, tmp_path):
    """simulator.run: the one order every command uses; without a store it returns the projection only."""
    import simulator

    alone = simulator.run(rosters["1975"], ROOT / "scenarios" / "mms.toml", years=2)
    assert alone.run_id is None and not alone.stored and alone.projection.fiscal_years == [1977, 1978]
    db = tmp_path / "p.duckdb"
    first = simulator.run(rosters["1975"], ROOT / "scenarios" / "mms.toml", years=2, db=db)
    again = simulator.run(rosters["1975"], ROOT / "scenarios" / "mms.toml", years=2, db=db)
    assert (first.run_id, first.stored, again.run_id, again.stored, again.projection) == (1, True, 1, False, None)
    assert first.placement.frame.height == 1500
    assert first.projection.totals.equals(alone.projection.totals)


def test_the_default_store_shows_the_same_figures_as_one_with_person_rows(rosters, tmp_path):
    """The person-year rows are stored only with --person-years; every figure the report, the explorer and
    compare show comes from the placements, the totals and the cube, so both stores show the same."""
    from simulator import results as R

    dbs = {}
    for flag in ([], ["--person-years"]):
        db = tmp_path / f"r{len(flag)}.duckdb"
        out = regrade("run", "--roster", str(rosters["1975"]), "--scenario", "scenarios/hay-1975-promotion.toml",
                      "--years", "3", "--db", str(db), *flag)
        assert out.returncode == 0, out.stderr
        dbs[len(flag)] = db
    shown = {}
    for k, db in dbs.items():
        con = duckdb.connect(str(db), read_only=True)
        rows = con.execute("SELECT count(*) FROM position_years").fetchall()[0][0]
        figures = [R.summary(con, 1), R.cost_by_year(con, 1), R.cost_by(con, 1, "agency"),
                   R.winners_by_old_grade(con, 1), R.step_distribution(con, 1), R.cost_heatmap(con, 1),
                   R.compression(con, 1), R.headcount_flows(con, 1), R.largest_changes(con, 1),
                   R.exceptions(con, 1)]
        con.close()
        def plain(f):
            if isinstance(f, pl.DataFrame):
                return f.to_dicts()
            if isinstance(f, tuple):
                return [plain(g) for g in f]
            if isinstance(f, dict):  # the run's own record differs (its times, its content key): not a figure
                return {k: plain(v) for k, v in f.items() if k != "info"}
            return f
        shown[k] = (rows, [plain(f) for f in figures],
                    regrade("compare", "1", "--db", str(db)).stdout)
    assert shown[0][0] == 0 and shown[1][0] > 0  # the person rows: only with the flag
    for a, b in zip(shown[0][1], shown[1][1], strict=True):
        assert a == b
    assert shown[0][2] == shown[1][2] and "Cost" in shown[0][2]
