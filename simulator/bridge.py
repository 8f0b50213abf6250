"""The cost bridge: each fiscal year's cost of the reform split into what causes it (the new structure at day one,
step and merit movement, general increases, turnover), salary and benefits apart, adding up to the run's cost to
the cent.

The parts are attributed in a fixed order, the same in both branches (baseline and reform), by projecting the
run's path again with the causes switched on one at a time:

1. **placement**: both branches with no movement, no general increase and no one leaving: each position keeps its
   pay at implementation (the reform's placement, and what a limit on a raise left owed paid as the rules say),
   so this is the cost of the new structure at day one, year after year;
2. **movement**: then step, merit and premium-range movement on: the reform's movement less the old plan's;
3. **general_increases**: then the general increases on (the reform's schedules' and the status quo's own);
4. **turnover**: then retirements, separations and reductions in force on, with their vacancies and
   replacements: the run itself.

Each part is (reform - baseline) with its causes on, less the same with the causes before it on, so the four add
up to the run's cost exactly, with no residual; a reform that changes nothing costs $0 in every part. Each part is
given in cash paid in the fiscal year and annualized (the rates in force at the year's end, for a whole year),
salary and the employer's benefits on it.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import numpy as np
import polars as pl

from simulator.year_labels import BRANCHES

if TYPE_CHECKING:  # the projection (and its kernels) only where the bridge is computed, not where it is read
    from simulator import projection as pj

PARTS = ("placement", "movement", "general_increases", "turnover")
LABELS = {
    "placement": "New structure at day one (placement)",
    "movement": "Step and merit movement",
    "general_increases": "General increases",
    "turnover": "Turnover (leavers, vacancies, replacements, reductions in force)",
}
MEASURES = ("cash_cents", "benefits_cents", "annual_cents", "annual_benefits_cents")
# the causes on in each of the first three parts' projections (the fourth is the run): movement, increases, turnover
CAUSES = ((False, False, False), (True, False, False), (True, True, False))
SCHEMA = {"fiscal_year": pl.Int64, "part": pl.String, "label": pl.String,
          **{m: pl.Int64 for m in MEASURES}}


def with_causes(setup: pj.Setup, prm: pj.ProjectionParams, moves: bool, increases: bool, turnover: bool):
    """The run's start and parameters with some causes off: (Setup, ProjectionParams)."""
    kernel = setup.prm._replace(moves=moves)
    bands = setup.bands
    cut = setup.reductions
    if not turnover:  # retirements, separations and reductions in force
        kernel = kernel._replace(p_retire=0.0, p_retire_all=0.0)
        bands = bands._replace(rate=np.zeros_like(bands.rate))
        cut = ()
    if not increases:
        prm = dataclasses.replace(prm, general_increases=[])
    return dataclasses.replace(setup, prm=kernel, bands=bands, reductions=cut), prm


def stage_totals(setup: pj.Setup, prm: pj.ProjectionParams, days, replica: int, seed: int) -> np.ndarray:
    """The first three parts' projections on the run's path (the same draws): [stage, year, branch, measure],
    cents, each branch run alone (pj.branch_cash), one at a time, so memory stays that of one branch."""
    from simulator import projection as pj

    n = setup.staff.fte_k.shape[0]
    u = np.empty((n, pj.N_DRAWS))

    def draws(k):
        return pj.year_draws(replica, k, n, seed, u)

    out = np.zeros((len(CAUSES), len(days), len(BRANCHES), len(MEASURES)), np.int64)
    for s, causes in enumerate(CAUSES):
        if causes[1] and not prm.general_increases:  # no increase to switch on: the same as the stage before
            out[s] = out[s - 1]
            continue
        s_setup, s_prm = with_causes(setup, prm, *causes)
        for b, branch in enumerate(BRANCHES):
            out[s, :, b] = pj.branch_cash(s_setup, branch, s_prm, days, draws, steady=not any(causes))
    return out


def branch_totals(totals: pl.DataFrame, replica: int) -> dict[str, np.ndarray]:
    """Each branch's cash, benefits, annual cost and annual benefits by year from a run's totals ([year, measure],
    as pj.branch_cash gives them)."""
    t = totals.filter(pl.col("replica") == replica).sort("fiscal_year")
    return {b: t.filter(pl.col("branch") == b).select(MEASURES).to_numpy() for b in BRANCHES}


def run_differences(totals: pl.DataFrame, replica: int) -> np.ndarray:
    """The run's own reform - baseline by year from its totals, [year, measure]."""
    side = branch_totals(totals, replica)
    return side["reform"] - side["baseline"]


def parts(stages: np.ndarray, run: np.ndarray, labels: list[int]) -> pl.DataFrame:
    """The bridge as rows (fiscal year x part): each part's difference less the one before it."""
    diffs = [stages[s, :, 1] - stages[s, :, 0] for s in range(stages.shape[0])] + [run]
    rows = []
    before = np.zeros_like(run)
    for part, d in zip(PARTS, diffs):
        step = d - before
        before = d
        rows += [{"fiscal_year": label, "part": part, "label": LABELS[part],
                  **{m: int(v) for m, v in zip(MEASURES, step[k])}} for k, label in enumerate(labels)]
    return pl.DataFrame(rows, schema=SCHEMA)


def bridge(placement: pl.DataFrame, scenario, projection: pj.Projection, seed: int, replicas: int) -> pl.DataFrame:
    """The cost bridge of a run's first path (the expected value, or replica 1 of a Monte Carlo run)."""
    from simulator import projection as pj

    years = len(projection.fiscal_years)
    if not years or not placement.height:
        return pl.DataFrame(schema=SCHEMA)
    prm = projection.params
    setup = projection.setup or pj.setup(pj.start(placement, scenario, prm))
    days = pj.fiscal_days(scenario, years, prm)
    replica = 1 if replicas else 0
    stages = stage_totals(setup, prm, days, replica, seed)
    return parts(stages, run_differences(projection.totals, replica), projection.fiscal_years)


def full_implementation(totals: pl.DataFrame, replica: int) -> tuple[int, int]:
    """(the index of the full-implementation year, what is still owed at its end): the first fiscal year at
    whose end nothing placed is still owed (a limit on a raise has paid it all), else the last, with what is owed."""
    owed = (totals.filter((pl.col("replica") == replica) & (pl.col("branch") == "reform"))
            .sort("fiscal_year")["owed_cents"].to_list())
    for k, cents in enumerate(owed):
        if cents == 0:
            return k, 0
    return max(len(owed) - 1, 0), int(owed[-1]) if owed else 0
