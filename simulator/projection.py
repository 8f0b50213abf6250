"""Multi-year projection: the payroll under the old plan (baseline) and under the reform, year by year.

``project(placement, scenario, years, seed=0, replicas=0)`` takes the placement (one row per employee,
from simulator.placement) and returns a Projection: one row per position x fiscal year x branch for one
path, and totals per replica x year x branch. In order:

1. the state at implementation of each position, in each branch (pay row, step, rate, review dates), and the
   facts that stay the same (kernels/state.py: State, Home, Staff, Params), made by simulator/start.py;
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
from kernels.draws import expected_draws
from kernels.state import (
    N_DRAWS,
    S_ACTIVE,
    T_ANNUAL_COST,
    T_CASH,
    T_FTE,
    T_HEADCOUNT,
    T_HIRES,
    T_OVERTIME,
    T_OVERTIME_ANNUAL,
    T_RETIREMENTS,
    T_SEPARATIONS,
    T_TURNOVER_SAVING,
    Budgets,
    Flags,
    Out,
    Pay,
    State,
    Year,
    empty_out,
    empty_state,
)
from simulator import reductions
from simulator.cube import Cube
from simulator.params import ProjectionParams
from simulator.params import params_from as _params_from
from simulator.scenario import OLD_PLAN, Scenario
from simulator.start import PayTable, Setup, Start, _day, setup, start
from simulator.year_labels import (  # noqa: F401  (re-exported: the names of a year's results)
    BENEFIT_TOTALS,
    BRANCHES,
    GROUP_COLUMNS,
    OUT_COLUMNS,
    PERSON_COLUMNS,
    ROW_RULES,
    RULES,
    STATUS,
    YEAR_COLUMNS,
)


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


def whole_year_days(end: int) -> int:
    """The days of the whole fiscal year that ends the day before day ``end`` (365 or 366), whatever day a first
    year begins on."""
    last = dt.date(1970, 1, 1) + dt.timedelta(days=end)
    return end - _day(last.replace(year=last.year - 1))


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
    elsewhere=None,
) -> Projection:
    """Project ``years`` fiscal years. replicas = 0: the expected-value path; R >= 1: R Monte Carlo paths
    (totals for all). Of the first path: its person rows (``person_rows``: one row per position x fiscal year x
    branch) and / or its cost cube (``cube``: simulator/cube.py, summed as each year is computed, which needs
    no person rows kept). The kernels split their loop over people across the cores; results do not depend on
    how many (numba.set_num_threads). ``elsewhere``: a function that costs the paths after the first elsewhere,
    given their replica numbers (simulator/replicas.py on_dask: on a Dask cluster), with the same results."""
    if years < 0 or replicas < 0:
        raise ValueError("years and replicas must not be negative")
    prm, st, both, fys, per_year = prepared(placement, scenario, years, params)
    paths = [rep + 1 for rep in range(replicas)] if replicas else [0]
    columns = None
    if person_rows:
        columns = _allocate_columns(placement.height, len(fys), _step_table(placement, both.table))
        columns["fte_k"] = both.staff.fte_k
    sums = Cube(placement, len(fys), STATUS.index("retired"), STATUS.index("separated")) if cube else None
    results = [run_path(paths[0], (columns, sums), both, per_year, seed, prm, progress)]
    if elsewhere is not None and len(paths) > 1:
        results += elsewhere(paths[1:])
    else:
        results += [run_path(r, (None, None), both, per_year, seed, prm, progress) for r in paths[1:]]
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


def prepared(placement: pl.DataFrame, scenario: Scenario, years: int, params: dict | None = None):
    """What every path of a projection shares: (parameters, the start, its set-up, the fiscal years' days, each
    year's pay tables)."""
    prm = params_from(scenario, params)
    st = start(placement, scenario, prm)
    both = setup(st)
    fys = fiscal_days(scenario, years, prm)
    check_exact(both.table, present_max(placement), placement.height, prm, len(fys))
    per_year = [(label, a, b, pay_for_year(both.table, prm, k)) for k, (label, a, b) in enumerate(fys)]
    return prm, st, both, fys, per_year


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
        done = _advance(start, new, self.status_prev, out, setup, pay_year, u, days, branch, k)
        self.status_prev = out.status
        return done, out, new


def branch_cash(setup: Setup, branch: str, prm: ProjectionParams, days, draws, steady: bool = False) -> np.ndarray:
    """One branch's cash paid in each fiscal year and the employer's benefits on it, then the annual cost at the
    year's end and the benefits on it (cents; [years, 4]), alone: ``days`` from fiscal_days, ``draws`` one array a
    year (year_draws) or a function of the year's index giving it. The branches do not depend on each other, so
    this equals that branch's totals of a whole path on the same draws.

    ``steady``: a branch where nothing moves, rises or leaves (the cost bridge's placement stage). From a whole
    fiscal year that begins with nothing placed still owed, no one's pay changes again, so every later year is that
    year again (a whole year's cash is the year's pay, 365 days or 366) and is not computed again; a first year cut
    short by a mid-year effective date is not whole."""
    run = Branch(setup.state0[branch], setup.staff.fte_k.shape[0])
    out = np.zeros((len(days), 4), np.int64)
    owed = steady and setup.state0[branch].owed.any()
    for k, (_, a, b) in enumerate(days):
        u = draws(k) if callable(draws) else draws[k]
        done, _, after = run.year(k, setup, pay_for_year(setup.table, prm, k)[branch], u, (a, b), branch)
        ben = done["benefits"].sum(axis=0)
        out[k] = done["totals"][T_CASH], ben[0], done["totals"][T_ANNUAL_COST], ben[1]
        if steady and not owed and b - a == whole_year_days(b):
            out[k + 1:] = out[k]
            break
        owed = steady and after.owed.any()
    return out


def run_path(r_index, kept, setup: Setup, per_year, seed, prm, progress):
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


def _advance(state, new, status_prev, out, setup: Setup, pay_year, u, days, branch, k):
    """The kernels for one year of one branch (fiscal year ``k``): ``state`` -> ``new``, results into ``out``;
    ``days`` the year's first day and the day after its last."""
    rates, premium, gi = pay_year
    t = setup.table
    pay = Pay(rates, t.n_steps, t.periods, premium, gi, t.tt_months, t.tt_len, t.merit_bp, t.merit_cap, t.up)
    year = Year(days[0], days[1], setup.implemented, whole_year_days(days[1]))
    budgets = Budgets(np.zeros(setup.n_groups, np.int64), np.zeros(setup.n_groups, np.int64))
    n = u.shape[0]
    flags = Flags(np.empty(n, np.bool_), np.empty(n, np.bool_), setup.no_abolition)
    if setup.reductions:  # a reduction in force in this fiscal year (simulator/reductions.py)
        flags = flags._replace(abolish_day=np.empty(n, np.int64))
        reductions.abolish_days(setup.reductions, k, days[0], setup.staff.group, u, flags.abolish_day)
    totals = np.zeros(ky.N_TOTALS + 2 * setup.items.kind.shape[0], np.int64)  # the T_* sums, then each item's two
    t0 = time.perf_counter()
    if setup.prm.moves:  # the flags and budgets are read only by movement (the cost bridge turns it off)
        ky.year_budgets(state, setup.staff, pay, u, year, setup.prm, budgets, flags)
    ky.advance_year(state, status_prev, u, pay, setup.homes[branch], setup.staff, setup.prm, setup.bands, setup.items,
                    flags, year, new, out, totals)
    return {"kernel_seconds": time.perf_counter() - t0, "totals": totals[: ky.N_TOTALS],
            "merit_budget": budgets.budget, "merit_spent": budgets.spent,
            "benefits": totals[ky.N_TOTALS:].reshape(-1, 2)}


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
        "overtime_cents": int(t[T_OVERTIME]),
        "annual_overtime_cents": int(t[T_OVERTIME_ANNUAL]),
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
