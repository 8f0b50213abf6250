"""The cost cube: cash paid and annual cost by fiscal year and every grouping column, both branches side by side,
with the year's headcount at its end, retirements, separations and hires. The projection adds each year of its
first path into it as the year is computed (kernels.aggregate.cube_sums), so no person-year rows need be kept;
the store writes it with the run, and the cost views and the dashboards read it."""

from __future__ import annotations

import numpy as np
import polars as pl

from kernels.aggregate import (
    ANNUAL_BENEFITS,
    ANNUAL_COST,
    BENEFITS,
    CASH,
    FTE_K,
    HEADCOUNT,
    HIRES,
    N_SUMS,
    RETIREMENTS,
    SEPARATIONS,
    cube_sums,
)

BRANCHES = ("baseline", "reform")
CUBE_KEYS = ["agency", "old_grade", "new_grade", "target_schedule", "fund", "bargaining_unit"]
QUANTITIES = {"cents": CASH, "annual_cost_cents": ANNUAL_COST, "headcount": HEADCOUNT, "retirements": RETIREMENTS,
              "separations": SEPARATIONS, "hires": HIRES, "benefits_cents": BENEFITS,
              "annual_benefits_cents": ANNUAL_BENEFITS, "fte_milli": FTE_K}
CUBE_VALUES = [f"{branch}_{name}" for name in QUANTITIES for branch in BRANCHES]


class Cube:
    """The sums of one path, filled a (fiscal year, branch) block at a time by ``add``."""

    def __init__(self, placement: pl.DataFrame, years: int, retired: int, separated: int):
        keys = placement.select(CUBE_KEYS)
        self.members = keys.unique(maintain_order=True)  # the groups, in the order they first appear
        self.group = (keys.join(self.members.with_row_index("gid"), on=CUBE_KEYS, how="left", nulls_equal=True,
                                maintain_order="left")["gid"].to_numpy().astype(np.int64))
        self.sums = np.zeros((2 * years, self.members.height, N_SUMS), np.int64)
        self.codes = (retired, separated)

    def add(self, k: int, branch: str, out, fte_k) -> None:
        """Fiscal year k's results of one branch, per position (kernels.state.Out), and each position's fte."""
        block = 2 * k + BRANCHES.index(branch)
        cols = (out.status, out.cash, out.annual_cost, out.annual_end, out.hired, out.benefit_cash, out.benefit_annual)
        cube_sums(self.group, fte_k, cols, *self.codes, self.sums[block:block + 1])

    def frame(self, labels: list[int]) -> pl.DataFrame:
        """One row per fiscal year x group: the grouping columns, the positions, both branches' sums."""
        if not (labels and self.group.shape[0]):
            return pl.DataFrame()
        g = self.members.height
        positions = np.bincount(self.group, minlength=g)
        by_year = self.sums.reshape(len(labels), 2, g, N_SUMS)
        return pl.concat([
            self.members.with_columns(
                pl.lit(label, pl.Int32).alias("fiscal_year"),
                pl.Series("positions", positions),
                *[pl.Series(f"{branch}_{name}", by_year[k, b, :, q]) for name, q in QUANTITIES.items()
                  for b, branch in enumerate(BRANCHES)],
            )
            for k, label in enumerate(labels)
        ]).select("fiscal_year", *CUBE_KEYS, "positions", *CUBE_VALUES)
