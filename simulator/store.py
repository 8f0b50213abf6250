"""The DuckDB store: every run, findable, reproducible and comparable.

Tables: ``runs`` (one row a run), ``placements`` (one row per employee, numbered by ``position``),
``position_years`` (one row per position x fiscal year x branch, for one path; text as DuckDB ENUMs),
``run_totals`` (replica x fiscal year x branch) and ``cost_cube`` (cash and annual cost by fiscal year and
every grouping column, both branches side by side, summed when the run is written). Views: ``employee_years``
(position_years with the employee id and grouping columns of the placement), ``cost_by_year``,
``cost_by_agency``, ``cost_by_grade``, ``cost_by_schedule`` (over the cube) and ``winners_losers``.
The file records its table layout (``store_layout``); a file of another layout is refused with a plain message.

A run is written in ONE transaction: a failure, Ctrl-C or kill before COMMIT leaves no trace of it. DuckDB
lets one process at a time open a file for writing; a second writer waits a little, then gets a clear
StoreBusy error, and the file is never corrupted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
from pathlib import Path

import duckdb
import polars as pl

from simulator import __version__
from simulator.errors import StoreBusy, StoreError  # noqa: F401  (raised here; defined without duckdb)
from simulator.year_labels import BRANCHES, ROW_RULES, STATUS, YEAR_COLUMNS

DEFAULT_DB = "regrade.duckdb"

# the store's table layout; a file written by another layout is refused with a plain message (6: the year rule
# "promotion", which moves the codes of the rules after it; run_totals' overtime columns; 7: the year rule
# "reclassification" and the year status "abolished")
LAYOUT = 7


def _enum_type(name: str, values) -> str:
    return f"CREATE TYPE IF NOT EXISTS {name} AS ENUM ({', '.join(repr(v) for v in values)});"


SCHEMA = "\n".join([
    _enum_type("branch_name", BRANCHES),
    _enum_type("year_status", STATUS),
    _enum_type("year_rule", ROW_RULES),
    """
CREATE TABLE IF NOT EXISTS store_layout (layout INTEGER);
CREATE TABLE IF NOT EXISTS runs (
    run_id INTEGER PRIMARY KEY, scenario_name VARCHAR, scenario_title VARCHAR, scenario_hash VARCHAR,
    roster_name VARCHAR, roster_hash VARCHAR, roster_synthetic BOOLEAN, seed BIGINT, replicas INTEGER,
    years INTEGER, regrade_version VARCHAR, started_at TIMESTAMP, finished_at TIMESTAMP, status VARCHAR,
    results_hash VARCHAR, assumptions VARCHAR, employees INTEGER, effective_date DATE, content_key VARCHAR);
CREATE TABLE IF NOT EXISTS placements (
    run_id INTEGER, position INTEGER, employee_id VARCHAR, agency VARCHAR, class_code VARCHAR, class_title VARCHAR,
    old_grade VARCHAR,
    old_step VARCHAR, old_annual_cents BIGINT, target_schedule VARCHAR, new_grade VARCHAR, new_step VARCHAR,
    new_annual_cents BIGINT, increase_cents BIGINT, increase_pct DOUBLE, rule VARCHAR, red_circle BOOLEAN,
    green_circle BOOLEAN, owed_annual_cents BIGINT, explanation VARCHAR, assumption VARCHAR, fund VARCHAR,
    bargaining_unit VARCHAR, fte DOUBLE, hire_date DATE);
CREATE TABLE IF NOT EXISTS position_years (
    run_id INTEGER, position INTEGER, fiscal_year INTEGER, branch branch_name, status year_status, step VARCHAR,
    annual_cents BIGINT, cash_cents BIGINT, annual_cost_cents BIGINT, rule year_rule, turnover_saving_cents BIGINT,
    hired TINYINT, benefits_cents BIGINT, annual_benefits_cents BIGINT);
CREATE TABLE IF NOT EXISTS run_totals (
    run_id INTEGER, replica INTEGER, fiscal_year INTEGER, branch VARCHAR, cash_cents BIGINT, annual_cents BIGINT,
    benefits_cents BIGINT, annual_benefits_cents BIGINT, headcount INTEGER, fte DOUBLE, retirements INTEGER,
    separations INTEGER, hires INTEGER, turnover_saving_cents BIGINT, merit_budget_cents BIGINT,
    merit_spent_cents BIGINT, owed_cents BIGINT, overtime_cents BIGINT, annual_overtime_cents BIGINT);
CREATE TABLE IF NOT EXISTS run_bridge (
    run_id INTEGER, fiscal_year INTEGER, part VARCHAR, label VARCHAR, cash_cents BIGINT, benefits_cents BIGINT,
    annual_cents BIGINT, annual_benefits_cents BIGINT);
CREATE TABLE IF NOT EXISTS pay_ranges (
    run_id INTEGER, plan VARCHAR, schedule VARCHAR, grade VARCHAR, minimum_cents BIGINT, maximum_cents BIGINT);
CREATE TABLE IF NOT EXISTS unit_costs (
    run_id INTEGER, measure VARCHAR, schedule VARCHAR, positions BIGINT, first_year_cents BIGINT,
    first_year_benefits_cents BIGINT, full_cents BIGINT, full_benefits_cents BIGINT);
CREATE TABLE IF NOT EXISTS benefit_totals (
    run_id INTEGER, replica INTEGER, fiscal_year INTEGER, branch VARCHAR, item VARCHAR, label VARCHAR,
    benefits_cents BIGINT, annual_benefits_cents BIGINT);
CREATE TABLE IF NOT EXISTS run_parameters (
    run_id INTEGER, parameter VARCHAR, value VARCHAR, origin VARCHAR);
CREATE TABLE IF NOT EXISTS cost_cube (
    run_id INTEGER, fiscal_year INTEGER, agency VARCHAR, old_grade VARCHAR, new_grade VARCHAR,
    target_schedule VARCHAR, fund VARCHAR, bargaining_unit VARCHAR, positions BIGINT, baseline_cents BIGINT,
    reform_cents BIGINT, baseline_annual_cost_cents BIGINT, reform_annual_cost_cents BIGINT,
    baseline_headcount BIGINT, reform_headcount BIGINT, baseline_retirements BIGINT, reform_retirements BIGINT,
    baseline_separations BIGINT, reform_separations BIGINT, baseline_hires BIGINT, reform_hires BIGINT,
    baseline_benefits_cents BIGINT, reform_benefits_cents BIGINT, baseline_annual_benefits_cents BIGINT,
    reform_annual_benefits_cents BIGINT, baseline_fte_milli BIGINT, reform_fte_milli BIGINT);
CREATE OR REPLACE VIEW employee_years AS
    SELECT y.run_id, p.employee_id, y.fiscal_year, y.branch::VARCHAR AS branch, y.status::VARCHAR AS status, y.step,
           y.annual_cents, y.cash_cents, y.annual_cost_cents, y.rule::VARCHAR AS rule, y.turnover_saving_cents,
           y.hired, y.benefits_cents, y.annual_benefits_cents, p.agency, p.class_code, p.old_grade, p.new_grade,
           p.target_schedule, p.fund, p.bargaining_unit
    FROM position_years y JOIN placements p USING (run_id, position);
CREATE OR REPLACE VIEW winners_losers AS
    SELECT run_id, agency, old_grade,
           count(*) FILTER (WHERE increase_cents > 0) AS winners,
           count(*) FILTER (WHERE increase_cents = 0) AS unchanged,
           count(*) FILTER (WHERE increase_cents < 0) AS losers,
           count(*) FILTER (WHERE red_circle) AS red_circled,
           count(*) FILTER (WHERE rule = 'EXCLUDED') AS excluded,
           sum(increase_cents)::BIGINT AS increase_cents
    FROM placements GROUP BY run_id, agency, old_grade;
"""])

def cost_cube(placement: pl.DataFrame, projection) -> pl.DataFrame:
    """The run's cost cube (simulator/cube.py): the one the projection filled as it went, or, for a projection
    that kept its person-year rows instead, summed from them."""
    from simulator.cube import Cube  # (the kernels: only where a run is stored)
    from simulator.projection import year_outputs

    if projection.cube is not None:
        return projection.cube.frame(projection.fiscal_years)
    cube = Cube(placement, len(projection.fiscal_years), STATUS.index("retired"), STATUS.index("separated"))
    for k in range(len(projection.fiscal_years)):
        for branch in BRANCHES:
            out = year_outputs(projection.columns, k, branch, placement.height)
            cube.add(k, branch, out, projection.columns["fte_k"])
    return cube.frame(projection.fiscal_years)


def _cost_view(name: str, keys: str) -> str:
    """A view of cash paid by fiscal year and ``keys``: baseline, reform, difference, % of baseline."""
    return (f"CREATE OR REPLACE VIEW {name} AS SELECT *, "
            f"(100.0 * difference_cents / nullif(baseline_cents, 0))::DOUBLE AS pct_of_baseline FROM ("
            f"SELECT run_id, fiscal_year{keys}, sum(baseline_cents)::BIGINT AS baseline_cents, "
            f"sum(reform_cents)::BIGINT AS reform_cents, "
            f"sum(reform_cents - baseline_cents)::BIGINT AS difference_cents "
            f"FROM cost_cube GROUP BY ALL);")


VIEWS = "\n".join([
    _cost_view("cost_by_year", ""),
    _cost_view("cost_by_agency", ", agency"),
    _cost_view("cost_by_grade", ", old_grade, new_grade"),
    _cost_view("cost_by_schedule", ", coalesce(target_schedule, 'excluded') AS target_schedule"),
])

PLACEMENT_COLUMNS = ["position", "employee_id", "agency", "class_code", "class_title", "old_grade", "old_step",
                     "old_annual_cents",
                     "target_schedule", "new_grade", "new_step", "new_annual_cents", "increase_cents", "increase_pct",
                     "rule", "red_circle", "green_circle", "owed_annual_cents", "explanation", "assumption", "fund",
                     "bargaining_unit", "fte", "hire_date"]
TOTAL_COLUMNS = ["replica", "fiscal_year", "branch", "cash_cents", "annual_cents", "benefits_cents",
                 "annual_benefits_cents", "headcount", "fte", "retirements", "separations", "hires",
                 "turnover_saving_cents", "merit_budget_cents", "merit_spent_cents", "owed_cents", "overtime_cents",
                 "annual_overtime_cents"]


def query(con, sql: str, params: list | None = None) -> pl.DataFrame:
    """A query's result as a polars frame (parameters bound, never formatted into the SQL)."""
    return con.sql(sql, params=params or None).pl()


class StoreLayoutError(StoreError):
    """The file was written with another table layout."""


class DuplicateRun(RuntimeError):
    """An identical run (the same content key) is stored already."""

    def __init__(self, run_id: int):
        self.run_id = run_id
        super().__init__(f"an identical run is stored already as run {run_id}")


def _path_problem(path: Path, read_only: bool) -> str | None:
    if path.is_dir():
        return f"{path} is a folder: give --db a file, e.g. {path / DEFAULT_DB}"
    if not path.parent.exists():
        return f"the folder {path.parent} does not exist: create it, or give --db a file in a folder that does"
    if read_only and not path.exists():
        return None  # FileNotFoundError below, with its own message
    if path.is_file():
        return _not_a_store(path)
    return None


KINDS_OF_FILE = ((b"PAR1", "a Parquet file"), (b"PK\x03\x04", "a zip file (an Excel workbook?)"),
                 (b"SQLite format", "an SQLite database"), (b"%PDF", "a PDF"))


def _not_a_store(path: Path) -> str | None:
    """Why a file that exists is no store, from its first bytes: empty, or another kind of file (a CSV, a
    workbook...). None for a DuckDB file (which may still be damaged: see damage())."""
    size = path.stat().st_size
    if size == 0:
        return (f"{path} is empty (0 bytes), not a store: delete it, or give --db another file name (a new name "
                "makes a new store)")
    with open(path, "rb") as fh:
        head = fh.read(16)
    if head[8:12] == b"DUCK":
        return None
    kind = next((what for magic, what in KINDS_OF_FILE if head.startswith(magic)), None)
    if kind is None:
        kind = "a text file (a CSV?)" if all(32 <= b < 127 or b in (9, 10, 13) for b in head) else "not a DuckDB file"
    return (f"{path} is not a regrade store: it is {kind}. Give --db the store regrade wrote, or a new file name "
            "for a new store")


def damage(con, path: Path) -> str | None:
    """Whether the store is shorter than the data it lists (cut short by a copy, a download or a full disk): the
    highest block any table uses must lie inside the file. None if whole; else the reason in words."""
    tables = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables "
                                        "WHERE table_type = 'BASE TABLE'").fetchall()]
    highest = -1
    for t in tables:
        found = con.execute(f"SELECT max(block_id) FROM pragma_storage_info('{t}') WHERE block_id >= 0").fetchall()
        highest = max(highest, found[0][0] if found and found[0][0] is not None else -1)
    block = con.execute("SELECT block_size FROM pragma_database_size()").fetchall()[0][0]
    need, size = 3 * 4096 + (highest + 1) * block, path.stat().st_size
    if size < need:
        return (f"{path} is damaged: it holds {size:,} bytes of the {need:,} its tables use (cut short by a copy, a "
                "download or a full disk?). Restore it from a copy, or give --db a new file name")
    return None


def check_path(path: str | Path) -> None:
    """Raise StoreError now if ``path`` cannot be a store (a folder, in a missing folder, not a DuckDB file)."""
    path = Path(path)
    problem = _path_problem(path, read_only=False)  # a file that is no store among them (_not_a_store)
    if problem:
        raise StoreError(problem)


def connect(path: str | Path = DEFAULT_DB, read_only: bool = False, wait_seconds: float | None = None):
    """Open the store (created on first use). A file locked by another writer is retried for
    ``wait_seconds``, then StoreBusy says so plainly; a folder, a missing folder or a file that is not a DuckDB
    database each get a message of their own (StoreError)."""
    path = Path(path)
    problem = _path_problem(path, read_only)
    if problem:
        raise StoreError(problem)
    if read_only and not path.exists():
        raise FileNotFoundError(f"no store at {path}: run 'regrade run' or 'regrade demo' first")
    if wait_seconds is None:
        wait_seconds = float(os.environ.get("REGRADE_DB_WAIT", "10"))
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only)
            break
        except duckdb.Error as exc:
            text = str(exc)
            if "lock" in text.lower() and "conflicting" in text.lower() or "Could not set lock" in text:
                if time.monotonic() > deadline:
                    raise StoreBusy(f"{path} is being written by another regrade process; wait for it to finish "
                                    f"(or use another --db). DuckDB said: {text.splitlines()[0]}") from None
                time.sleep(0.2)
                continue
            if "not a valid DuckDB database file" in text or "database file" in text.lower():
                raise StoreError(_not_a_store(path) or f"{path} is damaged: DuckDB cannot open it "
                                 f"({text.splitlines()[0]}). Restore it from a copy, or give --db a new file name"
                                 ) from None
            raise StoreError(f"{path} is damaged or cannot be opened as a store ({text.splitlines()[0]}). Restore it "
                             "from a copy, or give --db a new file name") from None
    try:
        _check_layout(con, path)
        hurt = damage(con, path) if path.is_file() else None
    except duckdb.Error as exc:
        con.close()
        raise StoreError(f"{path} is damaged: DuckDB cannot read it ({str(exc).splitlines()[0]}). Restore it from "
                         "a copy, or give --db a new file name") from None
    if hurt:
        con.close()
        raise StoreError(hurt)
    if not read_only:
        con.execute(SCHEMA)
        con.execute(VIEWS)
        if not con.execute("SELECT count(*) FROM store_layout").fetchall()[0][0]:
            con.execute("INSERT INTO store_layout VALUES (?)", [LAYOUT])
    return con


def _check_layout(con, path) -> None:
    tables = dict(con.execute("SELECT table_name, table_type FROM information_schema.tables").fetchall())
    layout = None
    if "store_layout" in tables:
        layout = con.execute("SELECT max(layout) FROM store_layout").fetchall()[0][0]
    if (tables and layout is None) or (layout is not None and layout != LAYOUT):
        con.close()
        raise StoreLayoutError(f"{path} was written by another version of regrade (store layout "
                               f"{layout or 1}, this version writes layout {LAYOUT}); use a new file with --db, "
                               f"or export its runs with the regrade that wrote it")


def results_hash(placement: pl.DataFrame, totals: pl.DataFrame, cube: pl.DataFrame) -> str:
    """A content hash of a run's results (simulator.digest), independent of run id and time, and of whether its
    person-year rows are stored: the placements (every column but the explanation, which is made from the
    others by this version's sentences), the totals of every replica and year, and the cost cube (every fiscal
    year's cash, cost, headcount and flows by every grouping). The frames come in a fixed order (roster order;
    replica, year, branch; year, group), so no sort is needed."""
    from simulator.digest import digest  # (a kernel: only where a run is stored)

    return digest([placement.drop("explanation"), totals, cube])[:16]


def content_key(scenario_hash: str, roster_hash: str, seed: int, years: int, replicas: int,
                person_years: bool = False) -> str:
    """What makes two runs the same run: the scenario's and the roster's content, the seed, the years, the
    replicas, the regrade version, and whether its person-year rows are stored (a run stored without them is
    not the run asked for with --person-years)."""
    text = f"{scenario_hash}|{roster_hash}|{seed}|{years}|{replicas}|{__version__}" + ("|person-years" * person_years)
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def highest_run(con) -> int:
    """The highest run id in the store (0 if none): a run stored after this has a higher one."""
    return con.execute("SELECT coalesce(max(run_id), 0) FROM runs").fetchall()[0][0]


def stored_run(con, key: str) -> int | None:
    """The id of a stored run with this content key, or None."""
    found = con.execute("SELECT min(run_id) FROM runs WHERE content_key = ?", [key]).fetchall()
    return found[0][0] if found and found[0][0] is not None else None


def with_titles(placement: pl.DataFrame, scenario) -> pl.DataFrame:
    """The placement with each class's title from the scenario's crosswalk (null where it gives none)."""
    cw = scenario.crosswalk
    if cw is None or "class_title" not in cw.columns or "class_code" not in cw.columns:
        return placement.with_columns(pl.lit(None, pl.String).alias("class_title"))
    titles = cw.select(pl.col("class_code").cast(pl.String), pl.col("class_title").cast(pl.String)).unique(
        "class_code", keep="first", maintain_order=True)
    return placement.join(titles, on="class_code", how="left", maintain_order="left")


def save_run(con, *, scenario, roster_name: str, roster_hash: str, synthetic: bool, seed: int, replicas: int,
             years: int, placement: pl.DataFrame, projection, started_at: dt.datetime, force: bool = False,
             person_years: bool = False, before_commit=None) -> int:
    """Write one run in one transaction; return its id. The person-year rows (``position_years``) only with
    ``person_years``: the cube, the totals and the placements hold everything the report, the explorer and
    compare show. An identical run (the same content key) stored already raises DuplicateRun, unless ``force``.
    ``before_commit()`` is called inside the transaction, just before COMMIT (the tests use it to kill or
    interrupt a writer there)."""
    key = content_key(scenario.content_hash, roster_hash, seed, years, replicas, person_years)
    pf = with_titles(placement, scenario).with_row_index("position").with_columns(
        pl.col("position").cast(pl.Int32),
        (pl.col("new_annual_cents") - pl.col("old_annual_cents")).alias("increase_cents"),
    ).select(PLACEMENT_COLUMNS)
    tot = projection.totals.select(TOTAL_COLUMNS).with_columns(pl.col("branch").cast(pl.String))
    if not tot.height:
        tot = pl.DataFrame(schema={c: pl.Int64 for c in TOTAL_COLUMNS} | {"branch": pl.String, "fte": pl.Float64})
    from simulator.parameters import run_parameters

    cube = cost_cube(placement, projection)
    parameters = run_parameters(scenario, projection.params)
    digest_ = results_hash(pf, tot, cube)
    ey = projection.years.select(YEAR_COLUMNS) if person_years else None
    con.execute("BEGIN TRANSACTION")
    try:
        earlier = stored_run(con, key)
        if earlier is not None and not force:
            raise DuplicateRun(earlier)
        # the next id inside the transaction (one writer at a time holds the file): a run rolled back or killed
        # leaves no gap in the numbers, as a sequence would
        run_id = con.execute("SELECT coalesce(max(run_id), 0) + 1 FROM runs").fetchall()[0][0]
        con.execute(
            "INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'complete', ?, ?, ?, ?, ?)",
            [run_id, scenario.name, scenario.title, scenario.content_hash, roster_name, roster_hash, synthetic, seed,
             replicas, years, __version__, started_at, dt.datetime.now(), digest_, ",".join(scenario.assumptions),
             pf.height, scenario.effective_date, key])
        for table, frame in (("placements", pf), ("position_years", ey), ("run_totals", tot), ("cost_cube", cube),
                             ("benefit_totals", projection.benefit_totals), ("run_parameters", parameters),
                             ("run_bridge", projection.bridge), ("unit_costs", projection.unit_costs),
                             ("pay_ranges", projection.pay_ranges)):
            if frame is not None and frame.height:
                con.register("_frame", frame.to_arrow())
                con.execute(f"INSERT INTO {table} SELECT {run_id}, * FROM _frame")
                con.unregister("_frame")
        if before_commit is not None:
            before_commit()
        con.execute("COMMIT")
    except BaseException:
        try:
            con.execute("ROLLBACK")
        except Exception:  # an interrupt at COMMIT: the transaction may be gone, committed or not
            pass
        raise
    return run_id


def runs(con, every_field: bool = False) -> pl.DataFrame:
    if every_field:
        return query(con, "SELECT * FROM runs ORDER BY run_id")
    return query(con, "SELECT run_id, scenario_name, roster_name, roster_synthetic, seed, replicas, years, "
                      "employees, status, finished_at, results_hash FROM runs ORDER BY run_id")


def check_runs(con, ids: list[int]) -> None:
    known = {r[0] for r in con.execute("SELECT run_id FROM runs").fetchall()}
    missing = [i for i in ids if i not in known]
    if missing:
        raise KeyError(f"no run {', '.join(map(str, missing))} in the store; 'regrade runs' lists them")


def compare(con, ids: list[int]) -> dict[str, pl.DataFrame]:
    """Side by side: cost by year, % of payroll, winners and losers."""
    check_runs(con, ids)
    marks = ",".join("?" * len(ids))
    cost = query(con, f"SELECT c.run_id, r.scenario_name, c.fiscal_year, c.baseline_cents, c.reform_cents, "
                      f"c.difference_cents, c.pct_of_baseline FROM cost_by_year c JOIN runs r USING (run_id) "
                      f"WHERE run_id IN ({marks}) ORDER BY fiscal_year, run_id", ids)
    wl = query(con, f"SELECT run_id, sum(winners)::BIGINT AS winners, sum(unchanged)::BIGINT AS unchanged, "
                    f"sum(losers)::BIGINT AS losers, sum(red_circled)::BIGINT AS red_circled, "
                    f"sum(excluded)::BIGINT AS excluded FROM winners_losers "
                    f"WHERE run_id IN ({marks}) GROUP BY run_id ORDER BY run_id", ids)
    return {"cost": cost, "winners_losers": wl}
