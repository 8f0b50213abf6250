"""Multi-year projection: the payroll under the old plan (baseline) and under the reform, year by year.

``project(placement, scenario, years, seed=0, replicas=0)`` takes the placement (one row per employee,
from simulator.placement) and returns a Projection: one row per position x fiscal year x branch for one
path, and totals per replica x year x branch. In order:

1. the state at implementation of each position, in each branch (pay row, step, rate, review dates), and the
   facts that stay the same (kernels/state.py: State, Home, Staff, Params);
2. for each fiscal year, the year's draws (random for replicas >= 1; for replicas = 0 an evenly spread
   sequence, so that each probability applies to that share of the positions: the expected-value path)
   and, per branch, kernels.year.year_budgets and kernels.year.advance_year, which writes a new state;
3. the results as frames: cash paid in the year (prorated by day) and the annual rate at its end.

Parameters the seeds do not give are defaults in ``ProjectionParams`` (assumptions A-PROJ-* in
data/ASSUMPTIONS.md); a scenario's ``[projection]`` table overrides them.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field

import numpy as np
import polars as pl

from kernels import year as ky
from kernels.benefits import Items
from kernels.calendar import (
    DAYS_PER_MONTH,
    DAYS_PER_YEAR,
    NEVER,
    NOT_VACANT,
    add_months,
    add_months_array,
    next_anniversary_array,
)
from kernels.draws import expected_draws
from kernels.progression import FAMILY_ID, HAY_MERIT, PCT_STEPS, REVIEW_A, SINGLE_RATE, TEACHER_SCALED, TIMETABLE
from kernels.state import (
    FLAT,
    MERIT_CAP_MAX,
    MERIT_CAP_Q3,
    N_DRAWS,
    NO_LIMIT,
    S_ACTIVE,
    T_ANNUAL_COST,
    T_CASH,
    T_FTE,
    T_HEADCOUNT,
    T_HIRES,
    T_RETIREMENTS,
    T_SEPARATIONS,
    T_TURNOVER_SAVING,
    Bands,
    Budgets,
    Flags,
    Home,
    Out,
    Params,
    Pay,
    Staff,
    State,
    Year,
    empty_out,
    empty_state,
)
from simulator import benefits, data, retirement
from simulator.cube import Cube
from simulator.money import hourly_from_weekly
from simulator.params import ALL_RETIRE_AGE, ProjectionParams, printed
from simulator.params import params_from as _params_from
from simulator.placement import PERIODS, pay_rows
from simulator.scenario import OLD_PLAN, Scenario
from simulator.schedules import BUILTIN as BUILTIN_SCHEDULES

TIMETABLES = {**printed()["timetables"], "yearly": [12 * k for k in range(11)],  # yearly: Schedule C, Hay merit
              "own_plan": []}  # a scenario's own old plan: its months, or a step a year (set per scenario)
TT_IDS = {name: i for i, name in enumerate(TIMETABLES)}
STATUS = ["active", "retired", "separated", "replacement", "vacant"]
RULES = ["none", "step", "two_steps", "denied", "premium_range", "merit_pct", "owed_paid", "general_increase",
         "hired", "merit_step", "merit_not_funded"]
OLD_STEP_ORDER = ["A", "B", "C", "D", "E", "X", "Y"]  # the 1966 plan's steps, in the order of its timetable


def params_from(scenario: Scenario, overrides: dict | None = None) -> ProjectionParams:
    """The projection's parameters: the defaults (simulator/params.py) with the scenario's [projection] table."""
    return _params_from(getattr(scenario, "projection", {}) or {}, overrides)


@dataclass
class Projection:
    """A projection's results. ``years``: one path, one row per position x fiscal year x branch, with the
    position's number (its row in the placement) and integer-coded text (polars Enums), built on first use from
    ``columns`` (the kernels' per-year output arrays of the first path, blocks of n positions: year 0 of both
    branches, then fiscal year x branch); ``groups``: the placement's grouping columns, one row per position;
    ``persons``: the two joined (built on first use); ``totals``: one row per replica x fiscal year x branch."""

    columns: dict | None  # None: the person rows were not kept (project(..., person_rows=False))
    groups: pl.DataFrame
    totals: pl.DataFrame
    params: ProjectionParams
    fiscal_years: list[int]
    kernel_seconds: float = 0.0  # time inside the kernels year_budgets and advance_year (for the benchmarks)
    placement: pl.DataFrame | None = field(default=None, repr=False)
    cube: Cube | None = field(default=None, repr=False)  # the cost cube of the first path, filled as it went
    benefit_totals: pl.DataFrame | None = field(default=None, repr=False)  # replica x year x branch x item
    setup: Setup | None = field(default=None, repr=False)  # the start both branches ran from (the bridge reruns it)
    start: Start | None = field(default=None, repr=False)  # what it was made of (the cost of 1 % recosts from it)
    bridge: pl.DataFrame | None = field(default=None, repr=False)  # simulator/bridge.py, when the run asked for it
    unit_costs: pl.DataFrame | None = field(default=None, repr=False)  # simulator/unit_costs.py, likewise
    pay_ranges: pl.DataFrame | None = field(default=None, repr=False)  # each grade's lowest and highest rate a year
    _years: pl.DataFrame | None = field(default=None, repr=False)
    _persons: pl.DataFrame | None = field(default=None, repr=False)

    @property
    def years(self) -> pl.DataFrame:
        """The person rows of the first path (22 million at 1 M people over 10 years: built only when asked)."""
        if self._years is None:
            if self.columns is None:
                raise ValueError("this projection did not keep its person rows (person_rows=False)")
            self._years = _year_frame(self.placement, self.columns, self.fiscal_years)
        return self._years

    @property
    def persons(self) -> pl.DataFrame:
        """Person rows with the placement's grouping columns (employee id, agency, class, grades, ...)."""
        if self._persons is None:
            groups = self.groups[self.years["position"].to_numpy()]
            self._persons = pl.concat([groups, self.years.drop("position")], how="horizontal").select(
                PERSON_COLUMNS
            )
        return self._persons


@dataclass
class PayTable:
    """Every pay row a position can be on: the reform's rows, then the old plan's (rates may be unknown:
    zeros), with Schedule A's premium range maxima and the review timetables."""
    rates: np.ndarray  # int64 [rows, steps], each row's basis
    n_steps: np.ndarray  # int32
    periods: np.ndarray  # int64
    premium: np.ndarray  # int64
    tt_months: np.ndarray  # int64 [timetables, 11]
    tt_len: np.ndarray  # int64
    merit_bp: np.ndarray  # int64 [4, 3]: Cresap's merit matrix
    merit_cap: np.ndarray  # int64 [4, 3]
    n_reform_rows: int
    row_frame: pl.DataFrame  # the reform rows: schedule, grade, steps, ...
    old_rows: dict  # old grade -> (row, step names)


@dataclass
class Setup:
    """The projection's start: each branch's state at implementation, and what stays the same every year."""
    state0: dict  # branch -> State
    homes: dict  # branch -> Home
    staff: Staff
    prm: Params
    bands: Bands  # who may leave: retirement tiers, separation bands
    table: PayTable
    n_groups: int
    implemented: int  # day
    items: Items  # the employer's benefit items (kernels/benefits.py)
    item_list: list  # the items as the scenario writes them (simulator/benefits.py Benefit), in order


def pay_ranges(table: PayTable) -> pl.DataFrame:
    """Each grade's range a year (its lowest and its highest rate x its periods), the reform's schedules' ("new")
    and the old plan's ("old"; null where its rates are not known), in cents."""
    lo = table.rates[:, 0] * table.periods
    hi = table.rates[np.arange(table.rates.shape[0]), np.maximum(table.n_steps - 1, 0)] * table.periods
    rows = [("new", sched, grade, int(lo[r]), int(hi[r])) for r, sched, grade in
            table.row_frame.select("row", "schedule", "grade").iter_rows()]
    rows += [("old", OLD_PLAN, grade, int(lo[r]) or None, int(hi[r]) or None)
             for grade, (r, _) in table.old_rows.items()]
    return pl.DataFrame(rows, schema={"plan": pl.String, "schedule": pl.String, "grade": pl.String,
                                      "minimum_cents": pl.Int64, "maximum_cents": pl.Int64}, orient="row")


def _fiscal_years(start: dt.date, years: int, month: int) -> list[tuple[int, dt.date, dt.date]]:
    """(label, first day, day after last) of each fiscal year; the first starts at ``start``."""
    fy_start = dt.date(start.year if start.month >= month else start.year - 1, month, 1)
    out = []
    a = start
    for k in range(years):
        end = dt.date(fy_start.year + k + 1, month, 1)
        out.append((end.year if month > 1 else end.year - 1, a, end))
        a = end
    return out


def _day(d: dt.date) -> int:
    return (d - dt.date(1970, 1, 1)).days


def fiscal_days(scenario: Scenario, years: int, prm: ProjectionParams) -> list[tuple[int, int, int]]:
    """(label, first day, day after last) of each fiscal year, as day numbers."""
    return [(label, _day(a), _day(b))
            for label, a, b in _fiscal_years(scenario.effective_date, years, prm.fiscal_year_start_month)]


def year_draws(replica: int, year: int, n: int, seed: int, out: np.ndarray | None = None) -> np.ndarray:
    """The year's draws, n x N_DRAWS on [0, 1). replica 0: the expected-value path (A-PROJ-EXPECTED), a
    low-discrepancy sequence, different per column and year, so that in any sizable group a probability p
    applies to a share p of the positions; replica >= 1: pseudo-random, seeded by (seed, replica, year)."""
    if out is None:
        out = np.empty((n, N_DRAWS))
    if replica == 0:
        expected_draws(year, seed, out)
    else:
        np.random.default_rng([seed, replica, year]).random(out=out)
    return out


def project(
    placement: pl.DataFrame,
    scenario: Scenario,
    years: int,
    seed: int = 0,
    replicas: int = 0,
    params: dict | None = None,
    progress=None,
    person_rows: bool = True,
    cube: bool = False,
) -> Projection:
    """Project ``years`` fiscal years. replicas = 0: the expected-value path; R >= 1: R Monte Carlo paths
    (totals for all). Of the first path: its person rows (``person_rows``: one row per position x fiscal year x
    branch) and / or its cost cube (``cube``: simulator/cube.py, summed as each year is computed, which needs
    no person rows kept). The kernels split their loop over people across the cores; results do not depend on
    how many (numba.set_num_threads)."""
    if years < 0 or replicas < 0:
        raise ValueError("years and replicas must not be negative")
    prm = params_from(scenario, params)
    st = start(placement, scenario, prm)
    both = setup(st)
    fys = fiscal_days(scenario, years, prm)
    check_exact(both.table, present_max(placement), placement.height, prm, len(fys))
    paths = [rep + 1 for rep in range(replicas)] if replicas else [0]
    per_year = [(label, a, b, pay_for_year(both.table, prm, k)) for k, (label, a, b) in enumerate(fys)]
    columns = None
    if person_rows:
        columns = _allocate_columns(placement.height, len(fys), _step_table(placement, both.table))
        columns["fte_k"] = both.staff.fte_k
    sums = Cube(placement, len(fys), STATUS.index("retired"), STATUS.index("separated")) if cube else None
    results = [_run_path(r, (columns, sums) if r == paths[0] else (None, None), both, per_year, seed, prm, progress)
               for r in paths]
    totals = [t for res in results for t in res["totals"]]
    totals_frame = (
        pl.DataFrame(totals).with_columns(pl.col("branch").cast(pl.Enum(BRANCHES)))
        if totals
        else pl.DataFrame(schema={"replica": pl.Int64, "fiscal_year": pl.Int64, "branch": pl.Enum(BRANCHES)})
    )
    items = [t for res in results for t in res["items"]]
    return Projection(columns, placement.select(GROUP_COLUMNS), totals_frame, prm, [f[0] for f in fys],
                      sum(res["kernel_seconds"] for res in results), placement, sums,
                      benefit_totals=pl.DataFrame(items, schema=BENEFIT_TOTALS), setup=both, start=st)


class Branch:
    """One branch's years on one path: the state at implementation (read, never written: a recost reuses it),
    then two sets of state arrays written in turn (each year a new state from the last, no fresh memory a year),
    scratch outputs, and the last year's status."""

    def __init__(self, state0: State, n: int):
        self.state0 = state0
        self.state = [empty_state(n), empty_state(n)]
        self.scratch = [empty_out(n), empty_out(n)]
        self.status_prev = np.zeros(n, np.int8)

    def year(self, k: int, setup: Setup, pay_year, u, days, branch: str, out: Out | None = None):
        """Fiscal year k: the results into ``out`` (default: scratch); (the kernels' totals, out, new state)."""
        out = out if out is not None else self.scratch[k % 2]
        new = self.state[k % 2]
        start = self.state0 if k == 0 else self.state[(k - 1) % 2]
        done = _advance(start, new, self.status_prev, out, setup, pay_year, u, days, branch)
        self.status_prev = out.status
        return done, out, new


def branch_cash(setup: Setup, branch: str, prm: ProjectionParams, days, draws) -> np.ndarray:
    """One branch's cash paid in each fiscal year and the employer's benefits on it, then the annual cost at the
    year's end and the benefits on it (cents; [years, 4]), alone: ``days`` from fiscal_days, ``draws`` one array a
    year (year_draws) or a function of the year's index giving it. The branches do not depend on each other, so
    this equals that branch's totals of a whole path on the same draws."""
    run = Branch(setup.state0[branch], setup.staff.fte_k.shape[0])
    out = np.zeros((len(days), 4), np.int64)
    for k, (_, a, b) in enumerate(days):
        u = draws(k) if callable(draws) else draws[k]
        done = run.year(k, setup, pay_for_year(setup.table, prm, k)[branch], u, (a, b), branch)[0]
        ben = done["benefits"].sum(axis=0)
        out[k] = done["totals"][T_CASH], ben[0], done["totals"][T_ANNUAL_COST], ben[1]
    return out


def _run_path(r_index, kept, setup: Setup, per_year, seed, prm, progress):
    """All years of one path, both branches. ``kept`` (columns, cube), for the first path: with columns, each
    year's person results are written straight into them, otherwise into scratch arrays; with a cube, each
    year is added into it."""
    columns, cube = kept
    n = setup.staff.fte_k.shape[0]
    runs = {b: Branch(setup.state0[b], n) for b in BRANCHES}
    u = np.empty((n, N_DRAWS))
    totals, items, kernel_seconds = [], [], 0.0
    for k, (label, a, b, pay) in enumerate(per_year):
        year_draws(r_index, k, n, seed, u)
        for br in BRANCHES:
            keep = year_outputs(columns, k, br, n) if columns is not None else None
            done, out, new = runs[br].year(k, setup, pay[br], u, (a, b), br, keep)
            kernel_seconds += done["kernel_seconds"]
            if columns is not None:  # the step's name, as a code
                ky.step_codes(new.row, new.step, columns["steps"]["code"], columns["step"][_block(k, br, n)])
            if cube is not None:
                cube.add(k, br, out, setup.staff.fte_k)
            owed = int(new.owed.sum(where=new.vacant_until < b))  # still owed to those in post at the year's end
            totals.append({**_totals(done, label, br, r_index), "owed_cents": owed})
            items += [{"replica": r_index, "fiscal_year": label, "branch": br, "item": b.name, "label": b.label,
                       "benefits_cents": int(by_item[0]), "annual_benefits_cents": int(by_item[1])}
                      for b, by_item in zip(setup.item_list, done["benefits"])]
        if progress:
            progress(r_index, k)
    return {"totals": totals, "items": items, "kernel_seconds": kernel_seconds}


def _advance(state, new, status_prev, out, setup: Setup, pay_year, u, days, branch):
    """The kernels for one year of one branch: ``state`` -> ``new``, results into ``out``; ``days`` the year's
    first day and the day after its last."""
    rates, premium, gi = pay_year
    t = setup.table
    pay = Pay(rates, t.n_steps, t.periods, premium, gi, t.tt_months, t.tt_len, t.merit_bp, t.merit_cap)
    year = Year(days[0], days[1], setup.implemented)
    budgets = Budgets(np.zeros(setup.n_groups, np.int64), np.zeros(setup.n_groups, np.int64))
    n = u.shape[0]
    flags = Flags(np.empty(n, np.bool_), np.empty(n, np.bool_))
    totals = np.zeros(ky.N_TOTALS + 2 * setup.items.kind.shape[0], np.int64)  # the T_* sums, then each item's two
    t0 = time.perf_counter()
    if setup.prm.moves:  # the flags and budgets are read only by movement (the cost bridge turns it off)
        ky.year_budgets(state, setup.staff, pay, u, year, setup.prm, budgets, flags)
    ky.advance_year(state, status_prev, u, pay, setup.homes[branch], setup.staff, setup.prm, setup.bands, setup.items,
                    flags, year, new, out, totals)
    return {"kernel_seconds": time.perf_counter() - t0, "totals": totals[: ky.N_TOTALS],
            "merit_budget": budgets.budget, "merit_spent": budgets.spent,
            "benefits": totals[ky.N_TOTALS:].reshape(-1, 2)}


# --- the state at implementation ----------------------------------------------------------------------------


@dataclass
class Start:
    """What the projection's start is made of that a variant changing only the reform's rates keeps: the pay
    rows' shape, each position's baseline side, dates, baseline clock and staff facts, the reform's rows and
    families (``reform``: the base placement's; a variant replaces step, rate, unit and owed)."""
    table: PayTable
    reform: dict
    base: dict
    dates: tuple  # hire, birth, class-entry days
    base_clock: tuple  # origin, next review
    base_home: tuple  # step-A pay (amount, unit)
    premium: tuple  # premium_bp, premium_add of each position
    staff: Staff
    n_groups: int
    prm: Params
    bands: Bands
    d0: int
    items: Items
    item_list: list
    anniversary: np.ndarray  # each position's next class-entry anniversary after the change (Hay's merit clock)


def start(placement: pl.DataFrame, scenario: Scenario, prm: ProjectionParams) -> Start:
    """The parts of the state at implementation that do not depend on the reform's rates, in order: the pay
    rows; each position's reform and baseline rows, steps, families and pay; the dates; the baseline's review
    clock and home pay; the staff facts."""
    d0 = _day(scenario.effective_date)
    table = _pay_table(scenario)
    pf = placement.with_row_index("_i").join(
        table.row_frame.select("row", pl.col("schedule").alias("target_schedule"), pl.col("grade").alias("new_grade"),
                               "steps"), on=["target_schedule", "new_grade"], how="left").sort("_i")
    reform = _reform_side(pf, table, scenario, prm)
    base = _baseline_side(pf, table, scenario, prm, reform)
    hire_day, birth_day, entry_day = _dates(pf, d0)
    staff, n_groups, items = _staff(pf, reform["excluded"], scenario)
    max_raise = scenario.single_rate_max_raise if scenario.single_rate_max_raise is not None else NEVER
    bands = bands_of(scenario, prm)
    base_home = _step_a_pay(table, base["row"], base["family"], base["rate"], base["unit"],
                            np.maximum(base["step"] + base["offset"], 0), staff.own_periods)
    return Start(table, reform, base, (hire_day, birth_day, entry_day), _baseline_clock(base, table, hire_day, d0),
                 base_home, (pf["premium_bp"].to_numpy(), pf["premium_add_cents"].to_numpy()), staff, n_groups,
                 kernel_params(prm, max_raise), bands, d0, items, scenario.benefits, _anniversaries(entry_day, d0))


def setup(st: Start, table: PayTable | None = None, reform: dict | None = None) -> Setup:
    """Both branches' state at implementation and their homes, from ``st`` with the reform's pay ``table`` and
    placed ``reform`` side (default: the base placement's): the reform's review clock, then each branch's
    state and the row a replacement is hired into."""
    table, reform = table or st.table, reform or st.reform
    hire_day, birth_day, entry_day = st.dates
    origin_b, next_b = st.base_clock
    origin_r, next_r, top_since = _reform_clock(reform, table, st.anniversary, st.d0)
    base, ex = st.base, reform["excluded"]

    def either(r, b):
        return np.where(ex, b, r)

    zeros = np.zeros(ex.shape[0], np.int64)
    state0 = {
        "baseline": _state(base["family"], base["row"], base["step"], base["rate"], base["unit"], zeros, next_b,
                           NEVER, origin_b, hire_day, birth_day, 0, 0),
        "reform": _state(either(reform["family"], base["family"]), either(reform["row"], base["row"]),
                         either(reform["step"], base["step"]), either(reform["rate"], base["rate"]),
                         either(reform["unit"], base["unit"]), either(reform["owed"], 0), either(next_r, next_b),
                         either(top_since, NEVER), either(origin_r, origin_b), hire_day, birth_day,
                         either(st.premium[0], 0), either(st.premium[1], 0)),
    }
    base_home = st.base_home
    if table is not st.table and base["teachers"].any():  # their present plan is scaled from the reform's rows
        base_home = _step_a_pay(table, base["row"], base["family"], base["rate"], base["unit"],
                                np.maximum(base["step"] + base["offset"], 0), st.staff.own_periods)
    homes = _homes(table, base, base_home, reform, st.staff.own_periods)
    return Setup(state0, homes, st.staff, st.prm, st.bands, table, st.n_groups, st.d0, st.items, st.item_list)


def _initial_state(placement: pl.DataFrame, scenario: Scenario, prm: ProjectionParams) -> Setup:
    """Both branches' state at implementation, and what stays the same every year."""
    return setup(start(placement, scenario, prm))


def _pay_table(scenario: Scenario) -> PayTable:
    rows = pay_rows(scenario)
    old_names, old_rates = [], []
    for g, steps in scenario.old_plan.grades.items():
        names = [s for s, r in steps if r is not None] or [s for s, _ in steps]
        old_names.append((g, names))
        old_rates.append([r for _, r in steps if r is not None] or [0] * len(names))
    width = max(rows.rates.shape[1], max((len(r) for r in old_rates), default=1), 1)
    n_reform = rows.rates.shape[0]
    rates = np.zeros((n_reform + len(old_rates) + 1, width), np.int64)
    rates[:n_reform, : rows.rates.shape[1]] = rows.rates
    n_steps = np.zeros(rates.shape[0], np.int32)
    n_steps[:n_reform] = rows.n_steps
    periods = np.ones(rates.shape[0], np.int64)
    periods[:n_reform] = rows.periods
    old_rows = {}
    for i, ((g, names), rr) in enumerate(zip(old_names, old_rates)):
        rates[n_reform + i, : len(rr)] = rr
        n_steps[n_reform + i] = max(len(names), 1)
        periods[n_reform + i] = scenario.old_plan.periods
        old_rows[g] = (n_reform + i, names)
    premium = np.zeros(rates.shape[0], np.int64)
    if any(s.name == "cresap_schedule_a" for s in scenario.schedules.values()):
        prem = dict(data.table("cresap_schedule_a_grades").select(pl.col("grade").cast(pl.String),
                                                                  "premium_weekly").iter_rows())
        for r_i, (sched, grade) in enumerate(rows.frame.select("schedule", "grade").iter_rows()):
            if scenario.schedules[sched].name == "cresap_schedule_a":
                premium[r_i] = prem[grade]
    timetables = {**TIMETABLES, "own_plan": own_timetable(scenario.old_plan)}
    tt_months = np.zeros((len(timetables), max(11, *(len(m) for m in timetables.values()))), np.int64)
    tt_len = np.zeros(len(timetables), np.int64)
    for name, months in timetables.items():
        tt_months[TT_IDS[name], : len(months)] = months
        tt_len[TT_IDS[name]] = len(months)
    p = printed()
    merit_bp = np.array(p["merit_bp"], np.int64)
    merit_cap = np.where(np.array(p["merit_cap_q3"]), MERIT_CAP_Q3, MERIT_CAP_MAX).astype(np.int64)
    return PayTable(rates, n_steps, periods, premium, tt_months, tt_len, merit_bp, merit_cap, n_reform, rows.frame,
                    old_rows)


def own_timetable(plan) -> list[int]:
    """A scenario's own old plan (a table, not a built-in): the months of service at which each step is reached,
    as its ``months`` says, or a step a year. Maine's plans keep their printed timetables (Cresap 673-694)."""
    if plan is None or plan.name in BUILTIN_SCHEDULES:
        return []
    steps = max((len(s) for s in plan.grades.values()), default=1)
    return list(plan.months) if plan.months else [12 * k for k in range(steps)]


def _stepped_default(sched) -> str:
    """A stepped schedule's progression where the scenario names none: Maine's printed schedules (and schedules
    made from them) theirs, Hay's merit steps or Cresap's Schedule A review; any other, a step a year on the
    anniversary of the change, with nothing of Maine's (no review denied or doubled)."""
    if sched.name.startswith("hay"):
        return "hay_merit"
    return "review" if sched.name in BUILTIN_SCHEDULES else "annual_step"


KIND_PROGRESSION = {"quarter_points": "merit_matrix", "open_range": "merit_matrix", "teacher_matrix": "teacher",
                    "single_rate": "single_rate"}


def progressions(scenario: Scenario, prm: ProjectionParams) -> dict[str, str]:
    """Each of the scenario's schedules' progression: the one [projection] progression names, else its kind's
    (quarter points and open ranges the merit matrix, teachers their increments, a single rate none), else a
    stepped schedule's default (``_stepped_default``)."""
    return {name: prm.progression.get(name) or KIND_PROGRESSION.get(sched.kind) or _stepped_default(sched)
            for name, sched in scenario.schedules.items()}


def _family(progression: str) -> str:
    """A progression's kernel family: annual_step is the timetable family on a yearly timetable."""
    return "timetable" if progression == "annual_step" else progression


def _reform_side(pf: pl.DataFrame, table: PayTable, scenario: Scenario, prm: ProjectionParams) -> dict:
    """Per position, on the reform: row, step index, progression family and timetable, the placed pay (exact in
    its unit) and what is owed (annual cents). The family is per schedule (a handful), mapped by a join."""
    step_index = (table.row_frame.select("row", "steps").explode("steps")
                  .with_columns(pl.int_range(pl.len()).over("row").cast(pl.Int32).alias("idx"))
                  .rename({"steps": "new_step"}))
    new_step = pf.join(step_index, on=["row", "new_step"], how="left").sort("_i")["idx"].fill_null(-1).to_numpy()
    families = progressions(scenario, prm)
    per_schedule = pl.DataFrame(
        [(name, FAMILY_ID[_family(families[name])],
          TT_IDS["schedule_a"] if sched.name == "cresap_schedule_a" else TT_IDS["yearly"])
         for name, sched in scenario.schedules.items()],
        schema={"target_schedule": pl.String, "family": pl.Int8, "tt": pl.Int8}, orient="row")
    fam_tt = pf.select("_i", "target_schedule").join(per_schedule, on="target_schedule", how="left").sort("_i")
    return {
        "row": pf["row"].fill_null(0).to_numpy().astype(np.int32),
        "step": new_step,
        "family": fam_tt["family"].fill_null(FLAT).to_numpy().astype(np.int8),
        "tt": fam_tt["tt"].fill_null(TT_IDS["yearly"]).to_numpy().astype(np.int8),
        "rate": pf["new_rate_cents"].to_numpy().astype(np.int64),
        "unit": pf["new_rate_unit"].to_numpy().astype(np.int64),
        "owed": pf["owed_annual_cents"].to_numpy(),
        "own_periods": pf["pay_basis"].replace_strict(PERIODS, default=1, return_dtype=pl.Int64).to_numpy(),
        "excluded": (pf["rule"] == "EXCLUDED").to_numpy(),
    }


def _baseline_side(pf: pl.DataFrame, table: PayTable, scenario: Scenario, prm: ProjectionParams,
                   reform: dict) -> dict:
    """Per position, on the old plan: row, step, family, timetable (and the index of the row's first step in
    it), and the present pay in its own unit, by joins on the old plan's grades and steps."""
    old_rows = pl.DataFrame(
        [(g, r, names[0] if names and names[0] in OLD_STEP_ORDER else "A") for g, (r, names) in table.old_rows.items()],
        schema={"old_grade": pl.String, "base_row": pl.Int32, "first": pl.String}, orient="row")
    old_steps = pl.DataFrame(
        [(g, name, i) for g, (_, names) in table.old_rows.items() for i, name in enumerate(names)],
        schema={"old_grade": pl.String, "old_step": pl.String, "base_step": pl.Int32}, orient="row")
    base = (pf.select("_i", "old_grade", "old_step", "rule").join(old_rows, on="old_grade", how="left")
            .join(old_steps, on=["old_grade", "old_step"], how="left").sort("_i"))
    row = base["base_row"].to_numpy().astype(np.int32)
    step = base["base_step"].fill_null(-1).to_numpy().astype(np.int32)
    highway = (base["rule"] == "HWY.crosswalk").to_numpy()
    known_rates = scenario.old_plan.provenance != "unknown"
    family = np.where(step < 0, FLAT, np.where(highway | (not known_rates), PCT_STEPS, TIMETABLE))
    family = np.where((base["old_grade"] == "U").to_numpy(), FLAT, family).astype(np.int8)
    own = table.tt_len[TT_IDS["own_plan"]] > 0  # a scenario's own old plan moves by its own timetable
    tt = np.where(highway, TT_IDS["highway_1966"], TT_IDS["own_plan" if own else "plan_1966"]).astype(np.int8)
    # the timetable index of the row's first step (grade 1 of 1966 starts at C)
    first = base["first"].replace_strict(OLD_STEP_ORDER, list(range(7)), default=0, return_dtype=pl.Int32)
    offset = np.where(highway | own, 0, first.to_numpy()).astype(np.int32)
    # Unclassified teachers kept their step (rule C.same_step, Cresap line 633), so the present teacher plan has
    # steps; it is not printed: Schedule C's steps scaled to the teacher's present pay (A-PROJ-TEACHER-BASELINE)
    teachers = (base["rule"] == "C.same_step").to_numpy() & (prm.teacher_baseline == "scaled")
    if prm.baseline_progression == "none":  # the present pay held: no steps on the old plan
        family = np.full_like(family, FLAT)
        teachers = np.zeros_like(teachers)
    return {
        "row": np.where(teachers, reform["row"], row).astype(np.int32),
        "step": np.where(teachers, reform["step"], step).astype(np.int32),
        "family": np.where(teachers, TEACHER_SCALED, family).astype(np.int8),
        "tt": tt, "offset": offset, "teachers": teachers,
        "rate": pf["old_rate_cents"].to_numpy().astype(np.int64),  # the present pay, in its own unit
        "unit": reform["own_periods"].copy(),
    }


def _dates(pf: pl.DataFrame, d0: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Hire, birth and class-entry days (a missing hire date: the effective date; a missing birth date: 40 years
    before it; a missing class entry: the hire)."""
    n = pf.height
    epoch = np.datetime64("1970-01-01", "D")

    def as_days(column, default):
        if column not in pf.columns:
            return np.full(n, default, np.int64)
        a = pf[column].to_numpy().astype("datetime64[D]")
        return np.where(np.isnat(a), default, (a - epoch).astype(np.int64))

    hire_day = as_days("hire_date", d0)
    birth_day = as_days("birth_date", d0 - int(40 * DAYS_PER_YEAR))
    entry_day = as_days("class_entry_date", -1)
    return hire_day, birth_day, np.where(entry_day < 0, hire_day, entry_day)


def _add_months(days, months, n: int) -> np.ndarray:
    """days + months on the calendar, for n positions. From one day (the change's), each number of months a
    timetable holds is computed once and looked up (a recost does this for every alternative)."""
    if np.ndim(days) == 0:
        if np.ndim(months) == 0:
            return np.full(n, add_months(int(days), int(months)), np.int64)
        lo, hi = (int(months.min()), int(months.max())) if n else (0, 0)
        if hi - lo <= 1200:  # a century of months at most: a table
            table = np.array([add_months(int(days), m) for m in range(lo, hi + 1)], np.int64)
            return table[np.asarray(months, np.int64) - lo]
    out = np.empty(n, np.int64)
    add_months_array(np.asarray(days, np.int64) * np.ones(n, np.int64),
                        np.asarray(months, np.int64) * np.ones(n, np.int64), out)
    return out


def _baseline_clock(base: dict, table: PayTable, hire_day: np.ndarray, d0: int) -> tuple[np.ndarray, np.ndarray]:
    """The old plan's review clock: service from hire; a step behind its service is taken as just reached;
    the present teacher plan's steps a year apart."""
    n = hire_day.shape[0]
    idx = base["step"] + base["offset"]
    at_last = idx >= table.tt_len[base["tt"]] - 1
    nxt_m = table.tt_months[base["tt"], np.minimum(idx + 1, table.tt_months.shape[1] - 1)]
    cur_m = table.tt_months[base["tt"], np.maximum(idx, 0)]
    overdue = _add_months(hire_day, nxt_m, n) < d0
    origin = np.where(overdue, _add_months(d0, -cur_m, n), hire_day)
    nxt = np.where(at_last | (base["family"] == FLAT), NEVER, _add_months(origin, nxt_m, n))
    return origin, np.where(base["teachers"], _add_months(d0, 12, n), nxt)


def _anniversaries(entry_day: np.ndarray, d0: int) -> np.ndarray:
    out = np.empty(entry_day.shape[0], np.int64)
    next_anniversary_array(entry_day, d0, out)
    return out


def _reform_clock(reform: dict, table: PayTable, anniversary: np.ndarray, d0: int):
    """The reform's review clock: "the anniversary resets to the implementation date"; placed at a step, the
    service that step stands for (Cresap lines 696, 778); Hay: the position entrance anniversary (line 960).
    Off the steps below the top (a raise limited by a group): reviewed a year on (A-PROJ-OWED)."""
    n = anniversary.shape[0]
    row, step, fam = reform["row"], reform["step"], reform["family"]
    top = table.n_steps[row] - 1
    idx = np.maximum(step, 0)
    cur_m = table.tt_months[reform["tt"], np.minimum(idx, 10)]
    nxt_m = table.tt_months[reform["tt"], np.minimum(idx + 1, 10)]
    origin = _add_months(d0, -cur_m, n)
    top_pay = table.rates[row, np.maximum(top, 0)] * table.periods[row]
    below_top = (step < 0) & (reform["rate"] * reform["unit"] < top_pay)
    review = np.where(below_top, _add_months(d0, 12, n),
                      np.where((step < 0) | (idx >= top), NEVER, _add_months(d0, nxt_m - cur_m, n)))
    nxt = np.where(fam == REVIEW_A, review, _add_months(d0, 12, n))
    nxt = np.where(fam == HAY_MERIT, anniversary, nxt)
    nxt = np.where((fam == SINGLE_RATE) & (reform["owed"] <= 0), NEVER, nxt)
    top_since = np.where((fam == REVIEW_A) & (step == top) & (step >= 0), d0, NEVER)
    return origin, nxt, top_since


def _staff(pf: pl.DataFrame, excluded: np.ndarray, scenario: Scenario) -> tuple[Staff, int, Items]:
    """The facts per position that do not change: fte, merit group (agency), retirement plan (simulator/
    retirement.py), the class of its benefits (simulator/benefits.py), a group's limit on a raise; and the
    scenario's benefit items."""
    agencies = pf["agency"].cast(pl.String).unique().sort().to_list()
    group = pf["agency"].cast(pl.String).replace_strict(agencies, list(range(1, len(agencies) + 1)),
                                                        return_dtype=pl.Int32).to_numpy()
    plan = pf["retirement_plan"] if "retirement_plan" in pf.columns else pl.Series([None] * pf.height, dtype=pl.String)
    limit_amount = pf["raise_limit_annual_cents"].fill_null(NO_LIMIT).to_numpy().astype(np.int64)
    limit_bp = (pf["raise_limit_pct"] * 100).round(0).fill_null(NO_LIMIT).to_numpy().astype(np.int64)
    unit = pf["bargaining_unit"] if "bargaining_unit" in pf.columns else pl.Series([None] * pf.height, dtype=pl.String)
    items, klass = benefits.arrays(scenario.benefits, plan.fill_null(scenario.retirement.default_plan or ""), unit)
    staff = Staff(
        fte_k=np.round(pf["fte"].to_numpy() * 1000).astype(np.int64),
        group=group,
        plan=retirement.plan_index(plan, scenario.retirement),
        benefit_class=klass,
        own_periods=pf["pay_basis"].replace_strict(PERIODS, default=1, return_dtype=pl.Int64).to_numpy(),
        limit_amount=np.where(excluded, NO_LIMIT, limit_amount),
        limit_bp=limit_bp,
    )
    return staff, len(agencies) + 1, items


def bands_of(scenario: Scenario, prm: ProjectionParams) -> Bands:
    """Who may leave: the scenario's retirement plans as a tier table, and its separation rates' bands, each
    [age below, rate] or [age below, years of service below, rate]."""
    rows = [(b[0], float("inf"), b[1]) if len(b) == 2 else tuple(b) for b in prm.separation_rates]
    rates = np.array(rows, np.float64).reshape(-1, 3)
    tiers, first = retirement.tier_table(scenario.retirement)
    return Bands(np.ascontiguousarray(rates[:, 0]), np.ascontiguousarray(rates[:, 1]),
                 np.ascontiguousarray(rates[:, 2]), tiers, first)


def _state(family, row, step, rate, unit, owed, next_day, top_since, origin, hire_day, birth_day, prem_bp,
           prem_add) -> State:
    n = hire_day.shape[0]

    def full(a, dtype):
        return np.full(n, a, dtype) if np.ndim(a) == 0 else np.asarray(a).astype(dtype, copy=False)

    return State(full(family, np.int8), full(row, np.int32), full(step, np.int32), full(rate, np.int64),
                 full(unit, np.int64), full(owed, np.int64), full(next_day, np.int64), full(top_since, np.int64),
                 np.zeros(n, np.bool_), full(origin, np.int64), hire_day.copy(), birth_day.copy(),
                 np.full(n, NOT_VACANT, np.int64), full(prem_bp, np.int32), full(prem_add, np.int64))


def _homes(table: PayTable, base: dict, base_home: tuple, reform: dict, own_periods: np.ndarray) -> dict:
    """Per branch, the pay row a replacement is hired into, with its step-A pay (integers, no float): the old
    plan's step A (``base_home``, from _step_a_pay); without printed rates (4/74, highway) the incumbent's pay
    taken back to step A at 5 % a step; the present teacher plan scaled; an excluded position, the old plan's."""
    b_rate0, b_unit0 = base_home
    r_rate0, r_unit0 = _step_a_pay(table, reform["row"], reform["family"], reform["rate"], reform["unit"],
                                   np.maximum(reform["step"], 0), own_periods)
    ex = reform["excluded"]
    return {
        "baseline": Home(base["row"], base["family"], b_rate0, b_unit0, base["tt"], base["offset"]),
        "reform": Home(np.where(ex, base["row"], reform["row"]).astype(np.int32),
                       np.where(ex, base["family"], reform["family"]).astype(np.int8),
                       np.where(ex, b_rate0, r_rate0), np.where(ex, b_unit0, r_unit0),
                       np.where(ex, base["tt"], reform["tt"]).astype(np.int8),
                       np.where(ex, base["offset"], 0).astype(np.int32)),
    }


def _step_a_pay(table: PayTable, row, family, rate, unit, step_index, own_periods):
    """The pay of a hire at step A of each position's row, as (amount, unit): the row's step A (an hourly
    person on a weekly row: / 40); an old plan without printed rates (PCT_STEPS), the present pay taken back a
    step at a time at 5 % (half up: rate x 100 / 105); the present teacher plan (TEACHER_SCALED), the present
    pay scaled by Schedule C's step A over its present step; no progression (FLAT), the present pay."""
    rates, periods = table.rates, table.periods
    a = rates[row, 0]
    hourly_on_weekly = (own_periods == 2080) & (periods[row] == 52)
    amount = np.where(hourly_on_weekly, hourly_from_weekly(a), a)
    unit_a = np.where(hourly_on_weekly, 2080, periods[row])
    back = rate.copy()
    for _ in range(int(step_index.max(initial=0))):  # at most six steps back: a loop over steps, not people
        back = np.where(step_index > _, (back * 100 + 52) // 105, back)
    scaled = (rate * rates[row, 0] + rates[row, step_index] // 2) // np.maximum(rates[row, step_index], 1)
    amount = np.where(family == PCT_STEPS, back, np.where(family == TEACHER_SCALED, scaled,
                                                          np.where(family == FLAT, rate, amount)))
    unit_a = np.where((family == PCT_STEPS) | (family == TEACHER_SCALED) | (family == FLAT), unit, unit_a)
    return amount.astype(np.int64), unit_a.astype(np.int64)


EXACT_LIMIT = 2**62  # a sum of cents regrade keeps, with room to spare in int64 (9.2e18)


def present_max(placement: pl.DataFrame) -> int:
    """The highest annual pay in a placement, before or after it (cents; 0 for no one): check_exact's start."""
    if not placement.height:
        return 0
    return max(int(placement["old_annual_cents"].max() or 0), int(placement["new_annual_cents"].max() or 0))


def check_exact(table: PayTable, present_max: int, people: int, prm: ProjectionParams, years: int) -> None:
    """Before the kernels run: the largest pay anyone could reach (the highest rate or present pay, grown by every
    general increase, twice over for premiums and amounts owed) summed over everyone, every year and both
    branches must stay exact in int64 cents; else ValueError in words (a run never stores wrapped money)."""
    growth = {}
    for inc in prm.general_increases:
        for _ in applications(inc, years - 1):
            growth[inc["schedule"]] = growth.get(inc["schedule"], 1.0) * (1 + float(inc["pct"]) / 100)
    most = max(growth.values(), default=1.0)
    annual = table.rates.max(axis=1, initial=0) * table.periods if table.rates.size else np.zeros(1, np.int64)
    top = max(int(annual.max(initial=0)), int(present_max), 1)
    reach = top * max(most, 1.0) * 2
    if reach * max(people, 1) * (years + 1) * 2 > EXACT_LIMIT:
        from simulator.money import dollars_text

        raise ValueError(f"pay could reach {dollars_text(int(min(reach / 2, 9e18)))} a year (the highest rate, "
                         f"{dollars_text(top)}, grown {most:,.1f} times by the general increases over {years} years): "
                         f"summed over {people:,} people and {years} years it is beyond what regrade adds up exactly "
                         "in cents. Lower the general increases or the rates, or project fewer years")


def applications(inc: dict, year_index: int) -> list[int]:
    """The fiscal years (0 the first) up to ``year_index`` in which a general increase is paid: its year, or every
    year from its from_year."""
    if "from_year" in inc:
        return list(range(int(inc["from_year"]) - 1, year_index + 1))
    y = int(inc["year"]) - 1
    return [y] if y <= year_index else []


def pay_for_year(table: PayTable, prm: ProjectionParams, year_index: int) -> dict:
    """Per branch: the pay rows with the general increases up to this year (and the premium range's maxima with
    them, Cresap lines 715-719), and this year's increase per row (basis points). The increases of the reform's
    schedules raise the reform's rows; those of "old_plan" (the status quo's own raises) raise the old plan's rows
    in both branches: the baseline's, and the reform's for those who stay on the old plan."""
    n_old = table.rates.shape[0] - table.n_reform_rows
    sched_of_row = [*table.row_frame["schedule"].to_list(), *([OLD_PLAN] * n_old)]
    branches = {b: (table.rates.copy(), table.premium.copy(), np.zeros(table.rates.shape[0], np.int64))
                for b in BRANCHES}
    for inc in prm.general_increases:
        bp = int(round(float(inc["pct"]) * 100))
        rows_hit = [i for i, s in enumerate(sched_of_row) if s == inc["schedule"]]
        years = applications(inc, year_index)
        for branch in (BRANCHES if inc["schedule"] == OLD_PLAN else ("reform",)):
            rates, premium, gi = branches[branch]
            for _ in years:
                for i in rows_hit:
                    rates[i] = (rates[i] * (10000 + bp) + 5000) // 10000
                    premium[i] = (premium[i] * (10000 + bp) + 5000) // 10000
            if year_index in years:
                gi[rows_hit] = bp
    return branches


def _allocate_columns(n: int, years: int, steps: dict) -> dict:
    """The person columns of one path: year 0 of each branch, then each fiscal year x branch, n rows each."""
    m = 2 * (years + 1)
    cols = {name: np.empty(m * n, a.dtype) for name, a in zip(OUT_COLUMNS, empty_out(1))}
    cols["step"] = np.empty(m * n, np.int16)
    cols["steps"] = steps
    return cols


def _block(k: int, branch: str, n: int) -> slice:
    """Fiscal year k's rows of one branch in the person columns."""
    block = 2 * (k + 1) + BRANCHES.index(branch)
    return slice(block * n, (block + 1) * n)


def year_outputs(columns, k, branch, n) -> Out:
    """Views of fiscal year k's block of one branch in the person columns, as the kernel's Out."""
    part = _block(k, branch, n)
    return Out(*(columns[name][part] for name in OUT_COLUMNS))


def kernel_params(prm: ProjectionParams, max_raise: int) -> Params:
    """The kernels' Params: shares as floats, days and thousandths as integers, the printed tables as arrays."""
    shares = prm.rating_shares
    p = printed()
    return Params(
        p_retire=float(prm.retire_probability), p_retire_all=float(prm.retire_probability_at_70),
        all_retire_days=ALL_RETIRE_AGE * 36525 // 100,
        deny=float(prm.deny_share), double=float(prm.double_share), p_outstanding=float(shares[0]),
        p_fully=float(shares[1]), p_acceptable=float(shares[2]), p_merit=float(prm.merit_share),
        p_two_steps=float(prm.two_step_share), merit_factor=float(prm.merit_budget_factor),
        hire_b=float(prm.hire_share_b), hire_c=float(prm.hire_share_c),
        premium_fraction_k=int(round(prm.premium_fraction * 1000)),
        premium_after_months=12 * p["premium_after_years"],
        premium_top_k=int(round(p["premium_top_share"] * 1000)),
        premium_dept_k=int(round(p["premium_dept_share"] * 1000)),
        vacancy_days=int(round(prm.vacancy_months * DAYS_PER_MONTH)),
        hire_age_days=int(round(prm.hire_age * DAYS_PER_YEAR)),
        max_raise=int(max_raise), min_group_size=int(prm.min_merit_group),
    )


OUT_COLUMNS = ("status", "rule", "cash_cents", "annual_cents", "annual_cost_cents", "turnover_saving_cents", "hired",
               "benefits_cents", "annual_benefits_cents")


BRANCHES = ("baseline", "reform")
BENEFIT_TOTALS = {"replica": pl.Int64, "fiscal_year": pl.Int64, "branch": pl.String, "item": pl.String,
                  "label": pl.String, "benefits_cents": pl.Int64, "annual_benefits_cents": pl.Int64}
GROUP_COLUMNS = [
    "employee_id",
    "agency",
    "class_code",
    "old_grade",
    "new_grade",
    "target_schedule",
    "fund",
    "bargaining_unit",
]
YEAR_COLUMNS = ["position", "fiscal_year", "branch", "status", "step", "annual_cents", "cash_cents",
                "annual_cost_cents", "rule", "turnover_saving_cents", "hired", "benefits_cents",
                "annual_benefits_cents"]
PERSON_COLUMNS = [*GROUP_COLUMNS, *YEAR_COLUMNS[1:]]
ROW_RULES = [*RULES, "placement", "old_plan"]  # the kernel's rules, and the year-0 rows' origins


def _enum(codes: np.ndarray, categories: list[str]) -> pl.Series:
    """Integer codes (negative: none) as a polars Enum column, built from the codes without a string pass."""
    dtype = pl.Enum(categories)
    physical = pl.Series([], dtype=dtype).to_physical().dtype
    index = pl.Series(codes).cast(physical, strict=False)  # a negative code (none) becomes null
    try:
        return index.cat.to(dtype)
    except AttributeError:  # polars without Series.cat.to: gather the categories
        return pl.Series(categories, dtype=dtype).gather(index)


def _step_names(table: PayTable) -> list[list[str]]:
    """The step names of every pay row, reform rows first, then the old plan's."""
    return [list(s) for s in table.row_frame["steps"].to_list()] + [list(nm) for _, nm in table.old_rows.values()]


def _step_table(placement, table: PayTable) -> dict:
    """Step names as integer codes: the categories (every pay row's step names, then any other name the
    placement uses), and code[row, step index] (-1 for a step index the row does not name)."""
    names = _step_names(table)
    categories = list(dict.fromkeys(
        [s for row in names for s in row]
        + [s for s in placement["old_step"].cast(pl.String).drop_nulls().unique().sort().to_list()]
        + [s for s in placement["new_step"].cast(pl.String).drop_nulls().unique().sort().to_list()]
    ))
    code_of = {s: i for i, s in enumerate(categories)}
    width = max((len(r) for r in names), default=1)
    code = np.full((len(names), width), -1, np.int16)
    for r, row_names in enumerate(names):
        code[r, : len(row_names)] = [code_of[s] for s in row_names]
    return {"categories": categories, "code_of": code_of, "code": code}


def _year_frame(placement, columns, labels) -> pl.DataFrame:
    """The person rows of one path: year 0 (at implementation, from the placement), then each fiscal year's
    kernel results (already in ``columns``), as one frame with integer-coded text."""
    n = placement.height
    code_of = columns["steps"]["code_of"]
    m = 2 * (len(labels) + 1)
    fiscal_year = np.repeat(np.array([0, 0, *[y for y in labels for _ in BRANCHES]], np.int32), n)
    branch = np.tile(np.repeat(np.arange(len(BRANCHES), dtype=np.int8), n), m // 2)
    status = columns["status"]
    status[: 2 * n] = S_ACTIVE
    # year 0: each branch at implementation, as placed
    for i, (annual, step, origin) in enumerate((
        ("old_annual_cents", "old_step", "old_plan"),
        ("new_annual_cents", "new_step", "placement"),
    )):
        part = slice(i * n, (i + 1) * n)
        columns["step"][part] = (placement[step].cast(pl.String)
                                 .replace_strict(code_of, default=-1, return_dtype=pl.Int64).fill_null(-1).to_numpy())
        columns["annual_cents"][part] = placement[annual].to_numpy()
        # annual rate x fte (thousandths), rounded half up, as the kernel does for every later year
        columns["annual_cost_cents"][part] = (columns["annual_cents"][part] * columns["fte_k"] + 500) // 1000
        columns["cash_cents"][part] = 0
        columns["turnover_saving_cents"][part] = 0
        columns["hired"][part] = 0
        columns["benefits_cents"][part] = 0  # year 0 is the moment of implementation: nothing paid yet
        columns["annual_benefits_cents"][part] = 0
        columns["rule"][part] = ROW_RULES.index(origin)
    position = np.empty(m * n, np.int32)
    for i in range(m):
        position[i * n : (i + 1) * n] = np.arange(n, dtype=np.int32)
    return pl.DataFrame(
        {
            "position": position,
            "fiscal_year": fiscal_year,
            "branch": _enum(branch, list(BRANCHES)),
            "status": _enum(status, STATUS),
            "step": _enum(columns["step"], columns["steps"]["categories"]),
            "annual_cents": columns["annual_cents"],
            "cash_cents": columns["cash_cents"],
            "annual_cost_cents": columns["annual_cost_cents"],
            "rule": _enum(columns["rule"], ROW_RULES),
            "turnover_saving_cents": columns["turnover_saving_cents"],
            "hired": columns["hired"],
            "benefits_cents": columns["benefits_cents"],
            "annual_benefits_cents": columns["annual_benefits_cents"],
        }
    )


def _totals(done, label, branch, replica):
    """One (replica, year, branch) row of the totals: salary, benefits (in all, and by item), the flows."""
    t, by_item = done["totals"], done["benefits"]
    return {
        "replica": replica,
        "fiscal_year": label,
        "branch": branch,
        "cash_cents": int(t[T_CASH]),
        "annual_cents": int(t[T_ANNUAL_COST]),
        "benefits_cents": int(by_item[:, 0].sum()),
        "annual_benefits_cents": int(by_item[:, 1].sum()),
        "headcount": int(t[T_HEADCOUNT]),
        "fte": int(t[T_FTE]) / 1000,
        "retirements": int(t[T_RETIREMENTS]),
        "separations": int(t[T_SEPARATIONS]),
        "hires": int(t[T_HIRES]),
        "turnover_saving_cents": int(t[T_TURNOVER_SAVING]),
        "merit_budget_cents": int(done["merit_budget"].sum()),
        "merit_spent_cents": int(done["merit_spent"].sum()),
        "merit_budget_exceeded": bool((done["merit_spent"] > done["merit_budget"]).any()),
    }


def costs(
    projection: Projection, by: list[str] | None = None, replicas: bool = False, cash: bool = True
) -> pl.DataFrame:
    """Cost of the reform by fiscal year (and ``by`` groups): baseline, reform, the difference (salary), the
    difference as a % of baseline payroll, the difference in the employer's benefits and the total. ``cash``:
    paid within each fiscal year (prorated by day); otherwise annualized at the year's end. ``replicas``: mean
    and 5th / 95th percentiles of the difference over the Monte Carlo replicas (totals only)."""
    value = "cash_cents" if cash else "annual_cents"
    if replicas:
        t = projection.totals.pivot(on="branch", index=["replica", "fiscal_year"], values=value).with_columns(
            (pl.col("reform") - pl.col("baseline")).alias("difference")
        )
        return (
            t.group_by("fiscal_year")
            .agg(
                pl.col("baseline").mean().alias("baseline_mean_cents"),
                pl.col("reform").mean().alias("reform_mean_cents"),
                pl.col("difference").mean().alias("difference_mean_cents"),
                pl.col("difference").quantile(0.05, "nearest").alias("difference_p05_cents"),
                pl.col("difference").quantile(0.95, "nearest").alias("difference_p95_cents"),
                pl.len().alias("replicas"),
            )
            .sort("fiscal_year")
        )
    col, ben = ("cash_cents", "benefits_cents") if cash else ("annual_cost_cents", "annual_benefits_cents")
    keys = ["fiscal_year", *(by or [])]
    years = projection.years.filter(pl.col("fiscal_year") > 0)
    if by:
        years = pl.concat([projection.groups.select(by)[years["position"].to_numpy()], years], how="horizontal")
    wide = (
        years.group_by(*keys, "branch")
        .agg(pl.col(col).sum().alias("pay"), pl.col(ben).sum().alias("ben"))
        .pivot(on="branch", index=keys, values=["pay", "ben"])
        .fill_null(0)
    )
    return wide.select(
        *keys,
        pl.col("pay_baseline").alias("baseline_cents"),
        pl.col("pay_reform").alias("reform_cents"),
        (pl.col("pay_reform") - pl.col("pay_baseline")).alias("difference_cents"),
        pl.when(pl.col("pay_baseline") != 0)
        .then((pl.col("pay_reform") - pl.col("pay_baseline")) / pl.col("pay_baseline") * 100)
        .alias("pct_of_baseline"),
        (pl.col("ben_reform") - pl.col("ben_baseline")).alias("benefits_difference_cents"),
        (pl.col("pay_reform") + pl.col("ben_reform") - pl.col("pay_baseline") - pl.col("ben_baseline"))
        .alias("total_difference_cents"),
    ).sort(keys)
