"""Multi-year projection: the payroll under the old plan (baseline) and under the reform, year by year.

``project(placement, scenario, years, seed=0, replicas=0)`` takes the placement (one row per employee,
from simulator.placement) and returns a Projection: one row per position x fiscal year x branch for one
path, and totals per replica x year x branch. In order:

1. the state at implementation of each position, in each branch (pay row, step, rate, review dates);
2. for each fiscal year, the year's draws (random for replicas >= 1; for replicas = 0 an evenly spread
   sequence, so that each probability applies to that share of the positions: the expected-value path)
   and one call of kernels.projection.advance_year per branch, which returns a new state;
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

from kernels import projection as kp
from simulator import data
from simulator.params import ProjectionParams
from simulator.params import params_from as _params_from
from simulator.placement import PERIODS, pay_rows
from simulator.scenario import Scenario

TIMETABLES = {  # months of service at each step
    "plan_1966": [0, 6, 18, 30, 42, 96, 180],  # Cresap lines 673-684
    "schedule_a": [0, 6, 18, 30, 42, 60, 84],  # Cresap lines 688-694
    "highway_1966": [0, 96, 180],  # Cresap line 585
    "yearly": [12 * k for k in range(11)],  # one step a year (Schedule C; Hay merit)
}
TT_IDS = {name: i for i, name in enumerate(TIMETABLES)}
STATUS = ["active", "retired", "separated", "replacement", "vacant"]
RULES = [
    "none",
    "step",
    "two_steps",
    "denied",
    "premium_range",
    "merit_pct",
    "owed_paid",
    "general_increase",
    "hired",
    "merit_step",
    "merit_not_funded",
]


def params_from(scenario: Scenario, overrides: dict | None = None) -> ProjectionParams:
    """The projection's parameters: the defaults (simulator/params.py) with the scenario's [projection] table."""
    return _params_from(getattr(scenario, "projection", {}) or {}, overrides)


@dataclass
class Projection:
    """A projection's results. ``years``: one path, one row per position x fiscal year x branch, with the
    position's number (its row in the placement) and integer-coded text (polars Enums); ``groups``: the
    placement's grouping columns, one row per position; ``persons``: the two joined (built on first use);
    ``totals``: one row per replica x fiscal year x branch."""

    years: pl.DataFrame
    groups: pl.DataFrame
    totals: pl.DataFrame
    params: ProjectionParams
    fiscal_years: list[int]
    kernel_seconds: float = 0.0  # time inside the kernels year_budgets and advance_year (for the benchmarks)
    _persons: pl.DataFrame | None = field(default=None, repr=False)

    @property
    def persons(self) -> pl.DataFrame:
        """Person rows with the placement's grouping columns (employee id, agency, class, grades, ...)."""
        if self._persons is None:
            groups = self.groups[self.years["position"].to_numpy()]
            self._persons = pl.concat([groups, self.years.drop("position")], how="horizontal").select(
                PERSON_COLUMNS
            )
        return self._persons


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


def _draws(replica: int, year: int, n: int, seed: int, out: np.ndarray | None = None) -> np.ndarray:
    """The year's draws, n x N_DRAWS on [0, 1). replica 0: the expected-value path (A-PROJ-EXPECTED), a
    low-discrepancy sequence, different per column and year, so that in any sizable group a probability p
    applies to a share p of the positions; replica >= 1: pseudo-random, seeded by (seed, replica, year)."""
    if out is None:
        out = np.empty((n, kp.N_DRAWS))
    if replica == 0:
        kp.expected_draws(year, seed, out)
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
) -> Projection:
    """Project ``years`` fiscal years. replicas = 0: the expected-value path; R >= 1: R Monte Carlo paths
    (person rows kept for the first; totals for all). The kernels split their loop over people across the
    cores; results do not depend on how many (numba.set_num_threads)."""
    if years < 0 or replicas < 0:
        raise ValueError("years and replicas must not be negative")
    prm = params_from(scenario, params)
    state0, fixed, arrays = _initial_state(placement, scenario, prm)
    fys = _fiscal_years(scenario.effective_date, years, prm.fiscal_year_start_month)
    paths = [rep + 1 for rep in range(replicas)] if replicas else [0]
    per_year = [(label, _day(a), _day(b), _pay_for_year(arrays, prm, k)) for k, (label, a, b) in enumerate(fys)]
    columns = _allocate_columns(placement.height, len(fys), _step_table(placement, arrays))
    columns["fte_k"] = fixed["fte_k"]
    results = [
        _run_path(r, columns if r == paths[0] else None, state0, fixed, arrays, per_year, seed, prm, progress)
        for r in paths
    ]
    totals = [t for res in results for t in res["totals"]]
    year_frame = _year_frame(placement, columns, [f[0] for f in fys])
    totals_frame = (
        pl.DataFrame(totals).with_columns(pl.col("branch").cast(pl.Enum(BRANCHES)))
        if totals
        else pl.DataFrame(schema={"replica": pl.Int64, "fiscal_year": pl.Int64, "branch": pl.Enum(BRANCHES)})
    )
    return Projection(
        year_frame,
        placement.select(GROUP_COLUMNS),
        totals_frame,
        prm,
        [f[0] for f in fys],
        sum(res["kernel_seconds"] for res in results),
    )


def _run_path(r_index, columns, state0, fixed, arrays, per_year, seed, prm, progress):
    """All years of one path, both branches. With ``columns`` (the first path) each year's person results are
    written straight into them; otherwise into scratch arrays reused every year. The state alternates
    between two sets of arrays: each year writes a new state from the last, with no fresh memory a year."""
    n = fixed["fte_k"].shape[0]
    state = {b: [{k: v.copy() for k, v in state0[b].items()}, {k: np.empty_like(v) for k, v in state0[b].items()}]
             for b in BRANCHES}
    scratch = {b: [_out_arrays(n), _out_arrays(n)] for b in BRANCHES}
    status_prev = {b: np.zeros(n, np.int8) for b in BRANCHES}
    u = np.empty((n, kp.N_DRAWS))
    totals, kernel_seconds = [], 0.0
    for k, (label, a, b, pay) in enumerate(per_year):
        _draws(r_index, k, n, seed, u)
        for br in BRANCHES:
            out = _year_outputs(columns, k, br, n) if columns is not None else scratch[br][k % 2]
            new = state[br][(k + 1) % 2]
            done = _advance(state[br][k % 2], new, status_prev[br], out, fixed, arrays, pay[br], u, a, b, br)
            status_prev[br] = out["status"]
            kernel_seconds += done["kernel_seconds"]
            if columns is not None:  # the step's name, as a code
                kp.step_codes(new["row"], new["step"], columns["steps"]["code"], out["step"])
            totals.append(_totals(done, label, br, r_index, prm))
        if progress:
            progress(r_index, k)
    return {"totals": totals, "kernel_seconds": kernel_seconds}


# ----------------------------------------------------------------------------------------------------------


def _initial_state(placement: pl.DataFrame, scenario: Scenario, prm: ProjectionParams):
    """Both branches' state at implementation, the fixed per-position arrays, and the pay rows."""
    n = placement.height
    d0 = _day(scenario.effective_date)
    rows = pay_rows(scenario)
    # old plan rows (rates may be unknown: zeros), after the reform rows
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
    old_row_of = {}
    for i, ((g, names), rr) in enumerate(zip(old_names, old_rates)):
        rates[n_reform + i, : len(rr)] = rr
        n_steps[n_reform + i] = max(len(names), 1)
        periods[n_reform + i] = scenario.old_plan.periods
        old_row_of[g] = (n_reform + i, names)
    premium = np.zeros(rates.shape[0], np.int64)
    if any(s.name == "cresap_schedule_a" for s in scenario.schedules.values()):
        prem = dict(
            data.table("cresap_schedule_a_grades").select(pl.col("grade").cast(pl.String), "premium_weekly").iter_rows()
        )
        for r_i, (sched, grade) in enumerate(rows.frame.select("schedule", "grade").iter_rows()):
            if scenario.schedules[sched].name == "cresap_schedule_a":
                premium[r_i] = prem[grade]
    tt_months = np.zeros((len(TIMETABLES), 11), np.int64)
    tt_len = np.zeros(len(TIMETABLES), np.int64)
    for name, months in TIMETABLES.items():
        tt_months[TT_IDS[name], : len(months)] = months
        tt_len[TT_IDS[name]] = len(months)

    # per position: reform row and step
    key = rows.frame.select(
        "row", pl.col("schedule").alias("target_schedule"), pl.col("grade").alias("new_grade"), "steps"
    )
    pf = placement.with_row_index("_i").join(key, on=["target_schedule", "new_grade"], how="left").sort("_i")
    reform_row = pf["row"].fill_null(0).to_numpy().astype(np.int32)
    excluded = (pf["rule"] == "EXCLUDED").to_numpy()
    step_index = (
        key.select("row", "steps")
        .explode("steps")
        .with_columns(pl.int_range(pl.len()).over("row").cast(pl.Int32).alias("idx"))
        .rename({"steps": "new_step"})
    )
    new_step = pf.join(step_index, on=["row", "new_step"], how="left").sort("_i")["idx"].fill_null(-1).to_numpy()
    # per schedule (a handful of rows): its progression family and timetable, mapped onto people by a join
    default = {
        "quarter_points": "merit_matrix",
        "open_range": "merit_matrix",
        "teacher_matrix": "teacher",
        "single_rate": "single_rate",
    }
    fam_of = {
        "review": kp.REVIEW_A,
        "merit_matrix": kp.MERIT_MATRIX,
        "teacher": kp.TEACHER,
        "single_rate": kp.SINGLE_RATE,
        "hay_merit": kp.HAY_MERIT,
    }
    per_schedule = pl.DataFrame(
        [
            (
                name,
                fam_of[
                    prm.progression.get(name)
                    or default.get(sched.kind)
                    or ("hay_merit" if sched.name.startswith("hay") else "review")
                ],
                TT_IDS["schedule_a"] if sched.name == "cresap_schedule_a" else TT_IDS["yearly"],
            )
            for name, sched in scenario.schedules.items()
        ],
        schema={"target_schedule": pl.String, "family": pl.Int8, "tt": pl.Int8},
        orient="row",
    )
    fam_tt = pf.select("_i", "target_schedule").join(per_schedule, on="target_schedule", how="left").sort("_i")
    reform_family = fam_tt["family"].fill_null(kp.FLAT).to_numpy().astype(np.int8)
    reform_tt = fam_tt["tt"].fill_null(TT_IDS["yearly"]).to_numpy().astype(np.int8)
    # the placed pay, exact in its unit (an hourly rate, a weekly step, an annual amount), and what is owed (annual)
    new_rate = pf["new_rate_cents"].to_numpy().astype(np.int64)
    new_unit = pf["new_rate_unit"].to_numpy().astype(np.int64)
    owed = pf["owed_annual_cents"].to_numpy()
    own_periods = pf["pay_basis"].replace_strict(PERIODS, default=1, return_dtype=pl.Int64).to_numpy()

    # per position: baseline (old plan) row, step and family, by joins on the old plan's grades and steps
    order_1966 = ["A", "B", "C", "D", "E", "X", "Y"]
    old_rows = pl.DataFrame(
        [(g, r, names[0] if names and names[0] in order_1966 else "A") for g, (r, names) in old_row_of.items()],
        schema={"old_grade": pl.String, "base_row": pl.Int32, "first": pl.String},
        orient="row",
    )
    old_steps = pl.DataFrame(
        [(g, name, i) for g, (_, names) in old_row_of.items() for i, name in enumerate(names)],
        schema={"old_grade": pl.String, "old_step": pl.String, "base_step": pl.Int32},
        orient="row",
    )
    base = (
        pf.select("_i", "old_grade", "old_step", "rule")
        .join(old_rows, on="old_grade", how="left")
        .join(old_steps, on=["old_grade", "old_step"], how="left")
        .sort("_i")
    )
    base_row = base["base_row"].to_numpy().astype(np.int32)
    base_step = base["base_step"].fill_null(-1).to_numpy().astype(np.int32)
    highway = (base["rule"] == "HWY.crosswalk").to_numpy()
    known_rates = scenario.old_plan.provenance != "unknown"
    base_family = np.where(base_step < 0, kp.FLAT, np.where(highway | (not known_rates), kp.PCT_STEPS, kp.TIMETABLE))
    base_family = np.where((base["old_grade"] == "U").to_numpy(), kp.FLAT, base_family).astype(np.int8)
    base_tt = np.where(highway, TT_IDS["highway_1966"], TT_IDS["plan_1966"]).astype(np.int8)
    # the timetable index of the row's first step (grade 1 of 1966 starts at C)
    first_index = base["first"].replace_strict(order_1966, list(range(7)), default=0, return_dtype=pl.Int32)
    base_off = np.where(highway, 0, first_index.to_numpy()).astype(np.int32)
    base_rate = pf["old_rate_cents"].to_numpy().astype(np.int64)  # the present pay, in its own unit
    base_unit = own_periods.copy()
    # Unclassified teachers kept their step (rule C.same_step, Cresap line 633), so the present teacher plan has
    # steps; it is not printed: Schedule C's steps scaled to the teacher's present pay (A-PROJ-TEACHER-BASELINE)
    teachers = (base["rule"] == "C.same_step").to_numpy() & (prm.teacher_baseline == "scaled")
    base_family = np.where(teachers, kp.TEACHER_SCALED, base_family).astype(np.int8)
    base_row = np.where(teachers, reform_row, base_row).astype(np.int32)
    base_step = np.where(teachers, new_step, base_step).astype(np.int32)

    hire = pf["hire_date"].to_numpy() if "hire_date" in pf.columns else None
    birth = pf["birth_date"].to_numpy() if "birth_date" in pf.columns else None
    entry = pf["class_entry_date"].to_numpy() if "class_entry_date" in pf.columns else None
    epoch = np.datetime64("1970-01-01", "D")
    days_per_year = 365.25

    def as_days(a, default):
        if a is None:
            return np.full(n, default, np.int64)
        out = (a.astype("datetime64[D]") - epoch).astype(np.int64)
        return np.where(np.isnat(a.astype("datetime64[D]")), default, out)

    hire_day = as_days(hire, d0)
    birth_day = as_days(birth, d0 - int(40 * days_per_year))
    entry_day = as_days(entry, -1)
    entry_day = np.where(entry_day < 0, hire_day, entry_day)

    def add_months(days, months):
        out = np.empty(n, np.int64)
        kp.add_months_array(
            np.asarray(days, np.int64) * np.ones(n, np.int64), np.asarray(months, np.int64) * np.ones(n, np.int64), out
        )
        return out

    # baseline review clock: service from hire; a step behind its service is taken as just reached
    tt_idx = base_step + base_off
    at_last = tt_idx >= tt_len[base_tt] - 1
    nxt_m = tt_months[base_tt, np.minimum(tt_idx + 1, 10)]
    cur_m = tt_months[base_tt, np.maximum(tt_idx, 0)]
    origin_b = hire_day.copy()
    overdue = add_months(origin_b, nxt_m) < d0
    origin_b = np.where(overdue, add_months(d0, -cur_m), origin_b)
    next_b = np.where(at_last | (base_family == kp.FLAT), kp.NEVER, add_months(origin_b, nxt_m))
    next_b = np.where(teachers, add_months(d0, 12), next_b)  # the present plan's steps, a year apart

    # reform review clock: "the anniversary resets to the implementation date"; placed at a step, the service
    # that step stands for (Cresap lines 696, 778); Hay: the position entrance anniversary (line 960)
    r_idx = np.maximum(new_step, 0)
    r_cur = tt_months[reform_tt, np.minimum(r_idx, 10)]
    r_nxt = tt_months[reform_tt, np.minimum(r_idx + 1, 10)]
    origin_r = add_months(d0, -r_cur)
    # off the steps below the top (a raise limited by a group): reviewed a year on (A-PROJ-OWED)
    below_top = (new_step < 0) & (new_rate * new_unit < rates[reform_row, np.maximum(n_steps[reform_row] - 1, 0)]
                                  * periods[reform_row])
    next_r = np.where(
        reform_family == kp.REVIEW_A,
        np.where(below_top, add_months(d0, 12),
                 np.where((new_step < 0) | (r_idx >= n_steps[reform_row] - 1), kp.NEVER,
                          add_months(d0, r_nxt - r_cur))),
        add_months(d0, 12),
    )
    entry_anniv = np.empty(n, np.int64)
    kp.next_anniversary_array(entry_day, d0, entry_anniv)
    next_r = np.where(reform_family == kp.HAY_MERIT, entry_anniv, next_r)
    next_r = np.where((reform_family == kp.SINGLE_RATE) & (owed <= 0), kp.NEVER, next_r)
    top_since = np.where(
        (reform_family == kp.REVIEW_A) & (new_step == n_steps[reform_row] - 1) & (new_step >= 0), d0, kp.NEVER
    )

    def branch(family, row, step, rate, unit, owed_, next_day, top, origin, prem_bp, prem_add):
        return {
            "family": family.astype(np.int8),
            "row": row.astype(np.int32),
            "step": step.astype(np.int32),
            "rate": rate.astype(np.int64),
            "unit": unit.astype(np.int64),
            "owed": owed_.astype(np.int64),
            "next_day": next_day.astype(np.int64),
            "top_since": np.asarray(top, np.int64) * np.ones(n, np.int64),
            "in_premium": np.zeros(n, np.bool_),
            "origin": origin.astype(np.int64),
            "hire_day": hire_day.copy(),
            "birth_day": birth_day.copy(),
            "vacant_until": np.full(n, kp.NOT_VACANT, np.int64),
            "prem_bp": np.asarray(prem_bp, np.int32) * np.ones(n, np.int32),
            "prem_add": np.asarray(prem_add, np.int64) * np.ones(n, np.int64),
        }

    zeros = np.zeros(n, np.int64)
    baseline = branch(base_family, base_row, base_step, base_rate, base_unit, zeros, next_b, kp.NEVER, origin_b, 0, 0)
    reform = branch(
        np.where(excluded, base_family, reform_family),
        np.where(excluded, base_row, reform_row),
        np.where(excluded, base_step, new_step),
        np.where(excluded, base_rate, new_rate),
        np.where(excluded, base_unit, new_unit),
        np.where(excluded, 0, owed),
        np.where(excluded, next_b, next_r),
        np.where(excluded, kp.NEVER, top_since),
        np.where(excluded, origin_b, origin_r),
        np.where(excluded, 0, pf["premium_bp"].to_numpy()),
        np.where(excluded, 0, pf["premium_add_cents"].to_numpy()),
    )

    names = pf["agency"].cast(pl.String).unique().sort().to_list()
    group = (
        pf["agency"]
        .cast(pl.String)
        .replace_strict(names, list(range(1, len(names) + 1)), return_dtype=pl.Int32)
        .to_numpy()
    )
    # retirement eligibility (Hay lines 451, 471, 545-552): regular age 60, or 25 years at any age; the special
    # plans at their age and service; a plan without a minimum age ("after 20 years") retires at any age
    plans = data.table("hay_special_retirement_plans").select(
        pl.col("group").alias("retirement_plan"),
        (pl.col("min_age").fill_null(0) * days_per_year).cast(pl.Int64).alias("min_age"),
        (pl.col("min_service").fill_null(0) * days_per_year).cast(pl.Int64).alias("min_service"),
        pl.when(pl.col("min_age").is_null())
        .then(pl.col("min_service"))
        .otherwise(25)
        .mul(days_per_year)
        .cast(pl.Int64)
        .alias("any_age"),
    )
    plan_of = (
        pf.select(
            "_i",
            pl.col("retirement_plan")
            if "retirement_plan" in pf.columns
            else pl.lit("regular").alias("retirement_plan"),
        )
        .join(plans, on="retirement_plan", how="left")
        .sort("_i")
    )
    min_age = plan_of["min_age"].fill_null(kp.REGULAR_AGE_DAYS).to_numpy()
    min_service = plan_of["min_service"].fill_null(0).to_numpy()
    any_age = plan_of["any_age"].fill_null(int(25 * days_per_year)).to_numpy()
    fte_k = np.round(pf["fte"].to_numpy() * 1000).astype(np.int64)
    # a hire's step-A pay in each branch (integers, no float): the old plan's step A; without printed rates
    # (4/74, highway) the incumbent's pay taken back to step A at 5 % a step; the present teacher plan scaled
    base_rate0, base_unit0 = _step_a_pay(rates, periods, base_row, base_family, base_rate, base_unit,
                                         np.maximum(base_step + base_off, 0), own_periods)
    reform_rate0, reform_unit0 = _step_a_pay(rates, periods, reform_row, reform_family, new_rate, new_unit,
                                             np.maximum(new_step, 0), own_periods)
    bands = np.array(prm.separation_rates, np.float64).reshape(-1, 2)  # (age below, rate)
    # a group's limit on the raise (placement's CAP outcomes): what it left owed is paid in the later years
    limit_amount = pf["raise_limit_annual_cents"].fill_null(kp.NO_LIMIT).to_numpy().astype(np.int64)
    limit_bp = (pf["raise_limit_pct"] * 100).round(0).fill_null(kp.NO_LIMIT).to_numpy().astype(np.int64)
    limit_amount = np.where(excluded, kp.NO_LIMIT, limit_amount)
    max_raise = scenario.single_rate_max_raise if scenario.single_rate_max_raise is not None else kp.NEVER
    # the kernels' inputs that stay the same every year: tuples laid out as kernels.projection.advance_year says
    fixed = {
        # home: (home_row, home_family, home_rate0, home_unit0, tt, tt_offset), the pay row a hire gets
        "baseline": (base_row, base_family, base_rate0, base_unit0, base_tt, base_off),
        "reform": (
            np.where(excluded, base_row, reform_row).astype(np.int32),
            np.where(excluded, base_family, reform_family).astype(np.int8),
            np.where(excluded, base_rate0, reform_rate0),
            np.where(excluded, base_unit0, reform_unit0),
            np.where(excluded, base_tt, reform_tt).astype(np.int8),
            np.where(excluded, base_off, 0).astype(np.int32),
        ),
        "person": (fte_k, group, min_age, min_service, any_age, own_periods, np.ascontiguousarray(bands[:, 0]),
                   np.ascontiguousarray(bands[:, 1]), limit_amount, limit_bp),
        "implemented": d0,
        "prm": kernel_params(prm, max_raise),
        "fte_k": fte_k,
        "n_groups": len(names) + 1,
        "agencies": names,
    }
    arrays = {
        "rates": rates,
        "n_steps": n_steps,
        "periods": periods,
        "premium": premium,
        "tt_months": tt_months,
        "tt_len": tt_len,
        "n_reform_rows": n_reform,
        "row_frame": rows.frame,
        "old_rows": [(g, names) for g, (_, names) in old_row_of.items()],
    }
    return {"baseline": baseline, "reform": reform}, fixed, arrays


def _step_a_pay(rates, periods, row, family, rate, unit, step_index, own_periods):
    """The pay of a hire at step A of each position's row, as (amount, unit): the row's step A (an hourly
    person on a weekly row: / 40); an old plan without printed rates (PCT_STEPS), the present pay taken back a
    step at a time at 5 % (half up: rate x 100 / 105); the present teacher plan (TEACHER_SCALED), the present
    pay scaled by Schedule C's step A over its present step; no progression (FLAT), the present pay."""
    a = rates[row, 0]
    hourly_on_weekly = (own_periods == 2080) & (periods[row] == 52)
    amount = np.where(hourly_on_weekly, (a + 20) // 40, a)
    unit_a = np.where(hourly_on_weekly, 2080, periods[row])
    back = rate.copy()
    for _ in range(int(step_index.max(initial=0))):  # at most six steps back: a loop over steps, not people
        back = np.where(step_index > _, (back * 100 + 52) // 105, back)
    scaled = (rate * rates[row, 0] + rates[row, step_index] // 2) // np.maximum(rates[row, step_index], 1)
    amount = np.where(family == kp.PCT_STEPS, back, np.where(family == kp.TEACHER_SCALED, scaled,
                                                             np.where(family == kp.FLAT, rate, amount)))
    unit_a = np.where((family == kp.PCT_STEPS) | (family == kp.TEACHER_SCALED) | (family == kp.FLAT), unit, unit_a)
    return amount.astype(np.int64), unit_a.astype(np.int64)


def _pay_for_year(arrays, prm: ProjectionParams, year_index: int) -> dict:
    """Per branch: the pay rows with the general increases up to this year (and the premium range's maxima with
    them, Cresap lines 715-719), and this year's increase per row (basis points). General increases belong to
    the reform's schedules; the baseline's rows never change."""
    rates = arrays["rates"].copy()
    premium = arrays["premium"].copy()
    gi = np.zeros(rates.shape[0], np.int64)
    sched_of_row = arrays["row_frame"]["schedule"].to_list()
    for inc in prm.general_increases:
        bp = int(round(float(inc["pct"]) * 100))
        rows_hit = [i for i, s in enumerate(sched_of_row) if s == inc["schedule"]]
        y = int(inc["year"]) - 1  # year 1 is the first fiscal year
        if y <= year_index:
            for i in rows_hit:
                rates[i] = (rates[i] * (10000 + bp) + 5000) // 10000
                premium[i] = (premium[i] * (10000 + bp) + 5000) // 10000
        if y == year_index:
            gi[rows_hit] = bp
    return {"baseline": (arrays["rates"], arrays["premium"], np.zeros(rates.shape[0], np.int64)),
            "reform": (rates, premium, gi)}


def _out_arrays(n: int) -> dict:
    return {
        "status": np.empty(n, np.int8),
        "rule": np.empty(n, np.int8),
        "cash_cents": np.empty(n, np.int64),
        "annual_cents": np.empty(n, np.int64),
        "annual_cost_cents": np.empty(n, np.int64),
        "turnover_saving_cents": np.empty(n, np.int64),
        "hired": np.empty(n, np.int8),
    }


def _allocate_columns(n: int, years: int, steps: dict) -> dict:
    """The person columns of one path: year 0 of each branch, then each fiscal year x branch, n rows each."""
    m = 2 * (years + 1)
    cols = {name: np.empty(m * n, a.dtype) for name, a in _out_arrays(1).items()}
    cols["step"] = np.empty(m * n, np.int16)
    cols["steps"] = steps
    return cols


def _year_outputs(columns, k, branch, n) -> dict:
    """Views of fiscal year k's block of one branch in the person columns."""
    block = 2 * (k + 1) + BRANCHES.index(branch)
    return {name: columns[name][block * n : (block + 1) * n] for name in (*_out_arrays(1), "step")}


def kernel_params(prm: ProjectionParams, max_raise: int) -> tuple:
    """The kernel's ``prm`` tuple (see kernels.projection.advance_year): shares as floats, days and
    thousandths as integers."""
    shares = prm.rating_shares
    return (
        float(prm.retire_probability),
        float(prm.retire_probability_at_70),
        float(prm.deny_share),
        float(prm.double_share),
        float(shares[0]),
        float(shares[1]),
        float(shares[2]),
        float(prm.merit_share),
        float(prm.two_step_share),
        float(prm.merit_budget_factor),
        float(prm.hire_share_b),
        float(prm.hire_share_c),
        int(round(prm.premium_fraction * 1000)),
        int(round(prm.vacancy_months * kp.DAYS_PER_MONTH)),
        int(round(prm.hire_age * 365.25)),
        int(max_raise),
        int(prm.min_merit_group),
    )


def _advance(st, new_st, status_prev, out, fixed, arrays, pay, u, a, b, branch):
    """Call the kernels for one year of one branch: ``st`` -> ``new_st``, results into ``out``."""
    rates, premium, gi = pay
    budget = np.zeros(fixed["n_groups"], np.int64)
    spent = np.zeros(fixed["n_groups"], np.int64)
    totals = np.zeros(kp.N_TOTALS, np.int64)
    state = tuple(st[k] for k in STATE) + (status_prev,)
    pay = (rates, arrays["n_steps"], arrays["periods"], premium, gi, arrays["tt_months"], arrays["tt_len"])
    n = u.shape[0]
    flags = (np.empty(n, np.bool_), np.empty(n, np.bool_))
    t0 = time.perf_counter()
    year = (a, b, fixed["implemented"])
    kp.year_budgets(state, fixed["person"], pay, u, year, fixed["prm"], (budget, spent), flags)
    kp.advance_year(
        state,
        fixed[branch],
        fixed["person"],
        pay,
        u,
        year,
        fixed["prm"],
        flags,
        tuple(new_st[k] for k in STATE),
        (out["status"], out["rule"], out["cash_cents"], out["annual_cents"], out["annual_cost_cents"],
         out["turnover_saving_cents"], out["hired"]),
        totals,
    )
    return {"kernel_seconds": time.perf_counter() - t0, "totals": totals, "merit_budget": budget,
            "merit_spent": spent}


BRANCHES = ("baseline", "reform")
STATE = ("family", "row", "step", "rate", "unit", "owed", "next_day", "top_since", "in_premium", "origin",
         "hire_day", "birth_day", "vacant_until", "prem_bp", "prem_add")
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
                "annual_cost_cents", "rule", "turnover_saving_cents", "hired"]
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


def _step_names(arrays) -> list[list[str]]:
    """The step names of every pay row, reform rows first, then the old plan's."""
    return [list(s) for s in arrays["row_frame"]["steps"].to_list()] + [list(nm) for _, nm in arrays["old_rows"]]


def _step_table(placement, arrays) -> dict:
    """Step names as integer codes: the categories (every pay row's step names, then any other name the
    placement uses), and code[row, step index] (-1 for a step index the row does not name)."""
    names = _step_names(arrays)
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
    status[: 2 * n] = kp.S_ACTIVE
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
        }
    )


def _totals(done, label, branch, replica, prm):
    t = done["totals"]
    cash = int(t[kp.T_CASH])
    return {
        "replica": replica,
        "fiscal_year": label,
        "branch": branch,
        "cash_cents": cash,
        "annual_cents": int(t[kp.T_ANNUAL_COST]),
        "retirement_cents": int((cash * int(round(prm.employer_retirement_rate * 10000)) + 5000) // 10000),
        "headcount": int(t[kp.T_HEADCOUNT]),
        "retirements": int(t[kp.T_RETIREMENTS]),
        "separations": int(t[kp.T_SEPARATIONS]),
        "hires": int(t[kp.T_HIRES]),
        "turnover_saving_cents": int(t[kp.T_TURNOVER_SAVING]),
        "merit_budget_cents": int(done["merit_budget"].sum()),
        "merit_spent_cents": int(done["merit_spent"].sum()),
        "merit_budget_exceeded": bool((done["merit_spent"] > done["merit_budget"]).any()),
    }


def costs(
    projection: Projection, by: list[str] | None = None, replicas: bool = False, cash: bool = True
) -> pl.DataFrame:
    """Cost of the reform by fiscal year (and ``by`` groups): baseline, reform, the difference, the difference as
    a % of baseline payroll, and the employer's retirement load on it. ``cash``: paid within each fiscal year
    (prorated by day); otherwise annualized at the year's end. ``replicas``: mean and 5th / 95th percentiles of
    the difference over the Monte Carlo replicas (totals only)."""
    value = "cash_cents" if cash else "annual_cents"
    rate = int(round(projection.params.employer_retirement_rate * 10000))
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
    col = "cash_cents" if cash else "annual_cost_cents"
    keys = ["fiscal_year", *(by or [])]
    years = projection.years.filter(pl.col("fiscal_year") > 0)
    if by:
        years = pl.concat([projection.groups.select(by)[years["position"].to_numpy()], years], how="horizontal")
    wide = (
        years.group_by(*keys, "branch")
        .agg(pl.col(col).sum())
        .pivot(on="branch", index=keys, values=col)
        .fill_null(0)
    )
    return wide.select(
        *keys,
        pl.col("baseline").alias("baseline_cents"),
        pl.col("reform").alias("reform_cents"),
        (pl.col("reform") - pl.col("baseline")).alias("difference_cents"),
        pl.when(pl.col("baseline") != 0)
        .then((pl.col("reform") - pl.col("baseline")) / pl.col("baseline") * 100)
        .alias("pct_of_baseline"),
        (((pl.col("reform") - pl.col("baseline")) * rate + 5000) // 10000).alias("retirement_load_cents"),
    ).sort(keys)
