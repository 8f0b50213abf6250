"""The projection's start: each position's state at implementation in each branch (baseline and reform), the row a
replacement is hired into, and the facts that stay the same every year (kernels/state.py: State, Home, Staff,
Params, Bands), built from the placement and the scenario. simulator/projection.py runs the years from it; a recost
(simulator/recost.py) keeps a ``Start`` and rebuilds only the reform's side (``setup``).

In order (``start``): the pay rows (the reform's schedules, then the old plan's); each position's reform side (its
row, step, progression family, placed pay, what is owed) and baseline side (the old plan's row, step and family);
the dates; the baseline's review clock and a replacement's step-A pay; the staff facts (fte, merit group,
retirement plan, benefit class, a group's limit on a raise). ``setup`` then makes both branches' states.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import polars as pl

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
from kernels.progression import FAMILY_ID, HAY_MERIT, PCT_STEPS, REVIEW_A, SINGLE_RATE, TEACHER_SCALED, TIMETABLE
from kernels.state import (
    FLAT,
    MERIT_CAP_MAX,
    MERIT_CAP_Q3,
    NO_LIMIT,
    Bands,
    Home,
    Params,
    Staff,
    State,
)
from simulator import benefits, data, overtime, reductions, retirement
from simulator.errors import raise_if_errors
from simulator.money import hourly_from_weekly
from simulator.params import ALL_RETIRE_AGE, PROBATION_MONTHS, TRAINEE_BELOW_PCT, ProjectionParams, printed
from simulator.placement import PERIODS, pay_rows
from simulator.scenario import OLD_PLAN, Scenario
from simulator.schedules import BUILTIN as BUILTIN_SCHEDULES

TIMETABLES = {**printed()["timetables"], "yearly": [12 * k for k in range(11)],  # yearly: Schedule C, Hay merit
              "own_plan": []}  # a scenario's own old plan: its months, or a step a year (set per scenario)
TT_IDS = {name: i for i, name in enumerate(TIMETABLES)}


OLD_STEP_ORDER = ["A", "B", "C", "D", "E", "X", "Y"]  # the 1966 plan's steps, in the order of its timetable


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
    up: np.ndarray  # int32 [rows]: the row of the grade above (a promotion's), -1 for none (``_grades_above``)


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
    reductions: tuple = ()  # the reductions in force (simulator/reductions.py Reduction)
    no_abolition: np.ndarray | None = None  # NEVER per position: a year without a reduction in force


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


def _day(d: dt.date) -> int:
    return (d - dt.date(1970, 1, 1)).days


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
    ot_rules: dict  # branch -> each position's overtime rule (simulator/overtime.py)
    reductions: tuple  # the reductions in force, by merit group (simulator/reductions.py)
    no_abolition: np.ndarray  # NEVER per position: the abolition days of a year without a reduction in force


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
    staff, agencies, items, ot_rules = _staff(pf, reform["excluded"], scenario)
    cut, problems = reductions.resolve(prm.reductions_in_force, agencies, scenario.path.name)
    raise_if_errors(problems)
    max_raise = scenario.single_rate_max_raise if scenario.single_rate_max_raise is not None else NEVER
    bands = bands_of(scenario, prm)
    base_home = _base_home(table, base, staff.own_periods)
    return Start(table, reform, base, (hire_day, birth_day, entry_day), _baseline_clock(base, table, hire_day, d0),
                 base_home, (pf["premium_bp"].to_numpy(), pf["premium_add_cents"].to_numpy()), staff,
                 len(agencies) + 1, kernel_params(prm, max_raise), bands, d0, items, scenario.benefits,
                 _anniversaries(entry_day, d0), ot_rules, cut, np.full(pf.height, NEVER, np.int64))


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
        base_home = _base_home(table, base, st.staff.own_periods)
    homes = _homes(table, base, base_home, reform, st.staff.own_periods, st.ot_rules)
    return Setup(state0, homes, st.staff, st.prm, st.bands, table, st.n_groups, st.d0, st.items, st.item_list,
                 st.reductions, st.no_abolition)


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
    up = _grades_above(rates, periods, rows.frame["schedule"].to_list() + ["old plan"] * len(old_rates) + [""])
    return PayTable(rates, n_steps, periods, premium, tt_months, tt_len, merit_bp, merit_cap, n_reform, rows.frame,
                    old_rows, up)


def _grades_above(rates: np.ndarray, periods: np.ndarray, schedule: list[str]) -> np.ndarray:
    """Per pay row, the row of the grade above in the same schedule: the next by first rate a year (Cresap's
    Schedule B lists its grades from the top; rows of equal first rate, MMS's parallel classes, go up together
    to the next higher); a plan without printed rates (all zeros), the next grade in its order. -1 for the top
    grade (and the spare last row, schedule ""). A loop over rows, not people."""
    first = rates[:, 0] * periods
    up = np.full(len(schedule), -1, np.int32)
    by_schedule: dict[str, list[int]] = {}
    for i, name in enumerate(schedule):
        if name:
            by_schedule.setdefault(name, []).append(i)
    for rows in by_schedule.values():
        if not first[rows].any():  # no printed rates: the plan's own order
            for a, b in zip(rows, rows[1:]):
                up[a] = b
            continue
        ordered = sorted(rows, key=lambda j: (first[j], j))
        for k, a in enumerate(ordered):
            nxt = next((b for b in ordered[k + 1:] if first[b] > first[a]), -1)
            up[a] = nxt
    return up


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
    stepped = np.where(highway | (not known_rates), PCT_STEPS, TIMETABLE)
    unclassified = (base["old_grade"] == "U").to_numpy() | (row < 0)
    family = np.where((step < 0) | unclassified, FLAT, stepped).astype(np.int8)
    # the family of the position's row: a replacement for an incumbent off its steps is hired at the row's step A
    # and moves on its steps (A-PROJ-REPLACEMENT); only the unclassified service has none
    home_family = np.where(unclassified, FLAT, stepped).astype(np.int8)
    own = table.tt_len[TT_IDS["own_plan"]] > 0  # a scenario's own old plan moves by its own timetable
    tt = np.where(highway, TT_IDS["highway_1966"], TT_IDS["own_plan" if own else "plan_1966"]).astype(np.int8)
    # the timetable index of the row's first step (grade 1 of 1966 starts at C)
    first = base["first"].replace_strict(OLD_STEP_ORDER, list(range(7)), default=0, return_dtype=pl.Int32)
    offset = np.where(highway | own, 0, first.to_numpy()).astype(np.int32)
    # Unclassified teachers kept their step (rule C.same_step, Cresap line 633), so the present teacher plan has
    # steps; it is not printed: Schedule C's steps scaled to the teacher's present pay (A-PROJ-TEACHER-BASELINE)
    teachers = (base["rule"] == "C.same_step").to_numpy() & (prm.teacher_baseline == "scaled")
    if prm.baseline_progression == "none":  # the present pay held: no steps on the old plan
        family = home_family = np.full_like(family, FLAT)
        teachers = np.zeros_like(teachers)
    return {
        "row": np.where(teachers, reform["row"], row).astype(np.int32),
        "step": np.where(teachers, reform["step"], step).astype(np.int32),
        "family": np.where(teachers, TEACHER_SCALED, family).astype(np.int8),
        "home_family": np.where(teachers, TEACHER_SCALED, home_family).astype(np.int8),
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
    origin = np.where(fam == HAY_MERIT, _add_months(anniversary, -12, n), origin)  # the last anniversary
    nxt = np.where((fam == SINGLE_RATE) & (reform["owed"] <= 0), NEVER, nxt)
    top_since = np.where((fam == REVIEW_A) & (step == top) & (step >= 0), d0, NEVER)
    return origin, nxt, top_since


def _staff(pf: pl.DataFrame, excluded: np.ndarray, scenario: Scenario) -> tuple[Staff, list, Items, dict]:
    """The facts per position that do not change: fte, merit group (agency), retirement plan (simulator/
    retirement.py), the class of its benefits (simulator/benefits.py), a group's limit on a raise, its regular
    hours over 40 a week; the scenario's benefit items, and each branch's overtime rule per position."""
    agencies = pf["agency"].cast(pl.String).unique().sort().to_list()
    group = pf["agency"].cast(pl.String).replace_strict(agencies, list(range(1, len(agencies) + 1)),
                                                        return_dtype=pl.Int32).to_numpy()
    plan = pf["retirement_plan"] if "retirement_plan" in pf.columns else pl.Series([None] * pf.height, dtype=pl.String)
    limit_amount = pf["raise_limit_annual_cents"].fill_null(NO_LIMIT).to_numpy().astype(np.int64)
    limit_bp = (pf["raise_limit_pct"] * 100).round(0).fill_null(NO_LIMIT).to_numpy().astype(np.int64)
    unit = pf["bargaining_unit"] if "bargaining_unit" in pf.columns else pl.Series([None] * pf.height, dtype=pl.String)
    items, klass = benefits.arrays(scenario.benefits, plan.fill_null(scenario.retirement.default_plan or ""), unit)
    ot_hours, ot_rules = overtime.arrays(scenario.overtime, pf["class_code"], excluded,
                                         pf["weekly_hours"] if "weekly_hours" in pf.columns else None)
    staff = Staff(
        fte_k=np.round(pf["fte"].to_numpy() * 1000).astype(np.int64),
        group=group,
        plan=retirement.plan_index(plan, scenario.retirement),
        benefit_class=klass,
        own_periods=pf["pay_basis"].replace_strict(PERIODS, default=1, return_dtype=pl.Int64).to_numpy(),
        limit_amount=np.where(excluded, NO_LIMIT, limit_amount),
        limit_bp=limit_bp,
        ot_hours_c=ot_hours,
    )
    return staff, agencies, items, ot_rules


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


def _homes(table: PayTable, base: dict, base_home: tuple, reform: dict, own_periods: np.ndarray,
           ot_rules: dict) -> dict:
    """Per branch, the pay row a replacement is hired into, with its step-A pay (integers, no float): the old
    plan's step A (``base_home``, from _step_a_pay); without printed rates (4/74, highway) the incumbent's pay
    taken back to step A at 5 % a step; the present teacher plan scaled; an excluded position, the old plan's."""
    b_rate0, b_unit0 = base_home
    r_rate0, r_unit0 = _step_a_pay(table, reform["row"], reform["family"], reform["rate"], reform["unit"],
                                   np.maximum(reform["step"], 0), own_periods)
    ex = reform["excluded"]
    return {
        "baseline": Home(base["row"], base["home_family"], b_rate0, b_unit0, base["tt"], base["offset"],
                         ot_rules["baseline"]),
        "reform": Home(np.where(ex, base["row"], reform["row"]).astype(np.int32),
                       np.where(ex, base["home_family"], reform["family"]).astype(np.int8),
                       np.where(ex, b_rate0, r_rate0), np.where(ex, b_unit0, r_unit0),
                       np.where(ex, base["tt"], reform["tt"]).astype(np.int8),
                       np.where(ex, base["offset"], 0).astype(np.int32), ot_rules["reform"]),
    }


def step_pay_array(table: PayTable, row, step, own_periods) -> tuple[np.ndarray, np.ndarray]:
    """(amount, unit) of each position's step ``step`` of its row, in the person's own unit: the step's rate in its
    row's basis; an hourly person on a weekly row, the weekly rate / 40 to the cent (Cresap line 613). The array
    form of kernels.state.step_pay."""
    a = table.rates[row, step]
    hourly_on_weekly = (own_periods == 2080) & (table.periods[row] == 52)
    return np.where(hourly_on_weekly, hourly_from_weekly(a), a), np.where(hourly_on_weekly, 2080, table.periods[row])


def _base_home(table: PayTable, base: dict, own_periods: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The old plan's step-A pay a replacement is hired at, per position (amount, unit). An incumbent off the
    steps of a plan without printed rates (Exhibit I's "over Y" on the 4/74 plan) has no step to take the pay back
    from: the step A of the same row, as the incumbents on its steps give it (their median), else the incumbent's
    own pay (above Y) taken back from the row's top step, as if it were Y (A-PROJ-REPLACEMENT; the replacement
    was hired at the incumbent's own pay)."""
    step_index = np.maximum(base["step"] + base["offset"], 0)
    off = (base["step"] < 0) & (base["home_family"] == PCT_STEPS)
    if off.any():
        step_index = np.where(off, table.n_steps[base["row"]] - 1 + base["offset"], step_index)
    amount, unit = _step_a_pay(table, base["row"], base["home_family"], base["rate"], base["unit"], step_index,
                               own_periods)
    if off.any():
        on = (base["step"] >= 0) & (base["family"] == PCT_STEPS)
        peers = pl.DataFrame({"row": base["row"][on], "unit": unit[on], "a": amount[on]}).group_by(
            "row", "unit").agg(pl.col("a").median().round(0).cast(pl.Int64).alias("peer"))
        mine = pl.DataFrame({"row": base["row"], "unit": unit}).join(
            peers, on=["row", "unit"], how="left", maintain_order="left")["peer"]
        amount = np.where(off & mine.is_not_null().to_numpy(), mine.fill_null(0).to_numpy(), amount)
    return amount.astype(np.int64), unit.astype(np.int64)


def _step_a_pay(table: PayTable, row, family, rate, unit, step_index, own_periods):
    """The pay of a hire at step A of each position's row, as (amount, unit): the row's step A (an hourly
    person on a weekly row: / 40); an old plan without printed rates (PCT_STEPS), the present pay taken back a
    step at a time at 5 % (half up: rate x 100 / 105); the present teacher plan (TEACHER_SCALED), the present
    pay scaled by Schedule C's step A over its present step; no progression (FLAT), the present pay."""
    rates = table.rates
    amount, unit_a = step_pay_array(table, row, 0, own_periods)
    back = rate.copy()
    for _ in range(int(step_index.max(initial=0))):  # at most six steps back: a loop over steps, not people
        back = np.where(step_index > _, (back * 100 + 52) // 105, back)
    scaled = (rate * rates[row, 0] + rates[row, step_index] // 2) // np.maximum(rates[row, step_index], 1)
    amount = np.where(family == PCT_STEPS, back, np.where(family == TEACHER_SCALED, scaled,
                                                          np.where(family == FLAT, rate, amount)))
    unit_a = np.where((family == PCT_STEPS) | (family == TEACHER_SCALED) | (family == FLAT), unit, unit_a)
    return amount.astype(np.int64), unit_a.astype(np.int64)


def kernel_params(prm: ProjectionParams, max_raise: int) -> Params:
    """The kernels' Params: shares as floats, days and thousandths as integers, the printed tables as arrays."""
    shares = prm.rating_shares
    p = printed()
    ot_low, ot_high = overtime.band_edges()  # Cresap's overtime bands, a year in cents
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
        ot_low=ot_low, ot_high=ot_high,
        hire_trainee=float(prm.hire_share_trainee), trainee_bp=TRAINEE_BELOW_PCT * 100,
        probation_months=PROBATION_MONTHS, hire_mid=float(prm.hire_share_midpoint),
        teacher_years=int(prm.hire_teacher_years), p_promote=float(prm.promotion_rate),
        p_reclass=float(prm.reclassification_rate),
        p_twice=float(prm.merit_twice_share), rif_pro_rata=prm.rif_budget == "pro_rata",
    )
