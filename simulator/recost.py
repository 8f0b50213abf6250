"""Recosting alternatives fast: a roster placed and projected once under a scenario, then each variant that
changes only the reform's rates (a schedule's percent or dollars, a formula, the general increases) costed
from arrays, in this order:

1. the variant's pay rows as arrays (simulator.placement.rate_arrays), and each person's move direction from
   them (Hay's Schedule Ia above Schedule I at the same grade number, A-HAY-IA-HIGHER);
2. the placement kernel over everyone, with the other per-person inputs kept from the prepared placement;
3. the reform branch's start from the kernel's pay (simulator.start.setup) and its years, with the
   baseline branch's totals kept (the old plan does not change with the reform's rates);
4. the measures: cost by year, as a % of baseline payroll, winners and losers.

A variant of another shape (steps, grades, rules, groups, options, crosswalk, other projection parameters) is
costed the long way (simulator.placement.Prepared, simulator.projection.project); both ways give the same
cents (tests/test_recost.py).
"""

from __future__ import annotations

import dataclasses

import numpy as np
import polars as pl

from kernels import rules as R
from kernels.place import place_kernel
from kernels.rules._base import empty, make_pay_rows
from simulator import projection as pj
from simulator.placement import (
    RATE_COLUMNS,
    Prepared,
    direction,
    kernel_options,
    person_arrays,
    rate_arrays,
    read_only,
    shape,
    with_range,
)
from simulator.scenario import OLD_PLAN, Scenario

USE_LIFT = 2  # a direction the grade numbers leave open: the pay rows decide it (``lift``)
TEACHER_SAME_STEP = R.CODES.index("C.same_step")  # the outcome whose present plan the baseline scales


def _old_plan_raises(prm) -> list:
    return [inc for inc in prm.general_increases if inc["schedule"] == OLD_PLAN]


def _without_increases(prm) -> pj.ProjectionParams:
    return dataclasses.replace(prm, general_increases=[])


class Recoster:
    """``roster`` placed and projected once under ``scenario`` for ``years`` (expected value); ``measures(v)``
    costs a variant ``v`` of it."""

    def __init__(self, roster: pl.DataFrame | None, scenario: Scenario, years: int = 5, seed: int = 0,
                 roster_name: str = "roster", prepared: Prepared | None = None, placed: tuple | None = None,
                 baseline: np.ndarray | None = None):
        self.scenario, self.years, self.seed = scenario, years, seed
        # problems name the roster's file; ``prepared``: a placement's own (simulator.placement.place), and
        # ``placed`` its (frame, projection Start) when a run has them already: neither is made again; ``baseline``
        # the baseline branch's branch_cash on the expected-value path, when the run has it
        self.prepared = prepared or Prepared(roster, scenario, roster_name)
        frame = self.prepared.frame
        self.person = person_arrays(frame)
        # the direction of each move where grade numbers decide it; USE_LIFT where the pay rows do
        self.cmp = frame.drop(RATE_COLUMNS[1:]).with_columns(pl.lit(USE_LIFT, pl.Int8).alias("lift")).select(
            direction().alias("direction"))["direction"].to_numpy()
        self.lift_of = _first_row_of_grade(self.prepared.rows.frame)
        self.old_annual = frame["annual_cents"].to_numpy()
        frame_placed, start = placed or (self.prepared.place(scenario), None)
        self.present_max = pj.present_max(frame_placed)
        self.prm = pj.params_from(scenario)
        self.start = start or pj.start(frame_placed, scenario, self.prm)
        self.days = pj.fiscal_days(scenario, years, self.prm)
        self.draws = [pj.year_draws(0, k, frame.height, seed) for k in range(len(self.days))]  # expected value
        self.baseline = (baseline if baseline is not None
                         else pj.branch_cash(pj.setup(self.start), "baseline", self.prm, self.days, self.draws))
        # the present teacher plan is scaled from the reform's Schedule C (A-PROJ-TEACHER-BASELINE): with
        # teachers, the baseline is costed again for each variant
        self.teachers = bool(self.start.base["teachers"].any())
        self.fast, self.slow = 0, 0

    def _same_shape(self, v: Scenario) -> bool:
        """Whether ``v`` differs from the prepared scenario only in its rates and general increases (the names of
        its schedules too decide the progression and Schedule A's premium range)."""
        base = self.scenario
        names = [s.name for s in v.schedules.values()] == [s.name for s in base.schedules.values()]
        return (names and shape(v) == self.prepared.shape and v.rules == base.rules and v.groups == base.groups
                and v.crosswalk is base.crosswalk and v.old_plan is base.old_plan and v.next_pct == base.next_pct
                and v.single_rate_max_raise == base.single_rate_max_raise and v.hay_lower_grade == base.hay_lower_grade
                and v.hay_range_by == base.hay_range_by
                and v.effective_date == base.effective_date
                and _without_increases(pj.params_from(v)) == _without_increases(self.prm))

    def costs(self, v: Scenario, long: bool = False) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(cash and benefits by fiscal year, [years, 2], baseline; reform; each person's change in annual pay at
        placement), cents. ``long``: the long way even where the fast one applies (the reference the tests hold
        it to)."""
        if long or not self._same_shape(v):
            self.slow += 1
            placed = self.prepared.place(v)
            totals = pj.project(placed, v, self.years, self.seed, person_rows=False).totals.sort("fiscal_year")

            def branch(name):
                return totals.filter(pl.col("branch") == name).select("cash_cents", "benefits_cents").to_numpy()
            return (branch("baseline"), branch("reform"),
                    (placed["new_annual_cents"] - placed["old_annual_cents"]).to_numpy())
        rates, n_steps, increment, periods = rate_arrays(v)
        rows = make_pay_rows(rates, n_steps, increment, periods)
        lift = (rates[:, 0] > rates[self.lift_of, 0]).astype(np.int8)
        moves = read_only(np.where(self.cmp == USE_LIFT, lift[self.person.row], self.cmp).astype(np.int8))
        out = empty(self.person.row.shape[0])
        place_kernel(with_range(self.person._replace(direction=moves), rows, v), rows, kernel_options(v),
                     R.OUTCOME_BASE, out)
        st = self.start
        table = dataclasses.replace(st.table, rates=st.table.rates.copy())
        table.rates[: rates.shape[0], : rates.shape[1]] = rates
        excluded = st.reform["excluded"]
        reform = {**st.reform, "step": np.where(excluded | (out.step < 0), -1, out.step).astype(np.int32),
                  "rate": out.amount, "unit": out.unit, "owed": out.owed}
        if self.teachers and not np.array_equal(out.outcome == TEACHER_SAME_STEP, st.base["teachers"]):
            return self.costs(v, long=True)  # a teacher kept or left the same step: the baseline's plan moves
        baseline, reform_cash = self.placed_costs(table, reform, pj.params_from(v), int(out.annual.max(initial=0)))
        return baseline, reform_cash, out.annual - self.old_annual

    def placed_costs(self, table: pj.PayTable, reform: dict, prm: pj.ProjectionParams,
                     placed_max: int) -> tuple[np.ndarray, np.ndarray]:
        """(baseline, reform) by fiscal year ([years, 4]: branch_cash) of a placement given as the reform's pay
        ``table`` and placed ``reform`` side (simulator.start.start's form), everything else the run's."""
        s = pj.setup(self.start, table, reform)
        pj.check_exact(table, max(self.present_max, placed_max), reform["row"].shape[0], prm, len(self.days))
        # the baseline is costed again where it can move: teachers (their plan is scaled from the reform's Schedule
        # C) or the status quo's own raises changed ("old_plan" general increases)
        again = self.teachers or _old_plan_raises(prm) != _old_plan_raises(self.prm)
        baseline = pj.branch_cash(s, "baseline", prm, self.days, self.draws) if again else self.baseline
        self.fast += 1
        return baseline, pj.branch_cash(s, "reform", prm, self.days, self.draws)

    def measures(self, v: Scenario, long: bool = False) -> dict:
        """Every measure of variant ``v``: costs in cents (first year, all years: salary, the employer's benefits,
        both together; the baseline payroll of both), percentages of baseline payroll (unrounded), winners and
        losers at placement."""
        both, reform_both, change = self.costs(v, long)
        base, diff, ben = both[:, 0], reform_both[:, 0] - both[:, 0], reform_both[:, 1] - both[:, 1]
        first, total, total_base = int(diff[0]), int(diff.sum()), int(base.sum())
        return {"first_year_cost_cents": first, "first_year_baseline_cents": int(base[0]),
                "total_cost_cents": total, "total_baseline_cents": total_base,
                "first_year_benefits_cents": int(ben[0]), "total_benefits_cents": int(ben.sum()),
                "first_year_compensation_cents": first + int(ben[0]),
                "total_compensation_cents": total + int(ben.sum()),
                "first_year_pct": 100 * first / int(base[0]) if base[0] else 0.0,
                "total_pct": 100 * total / total_base if total_base else 0.0,
                "winners": int((change > 0).sum()), "losers": int((change < 0).sum())}


def _first_row_of_grade(rows: pl.DataFrame) -> np.ndarray:
    """Per pay row, the first row (in the scenario's order) with the same grade name: the row ``lift`` compares
    its step A with (simulator.placement._lift)."""
    return rows.select(pl.col("row").first().over("grade", order_by="row"))["row"].to_numpy()
