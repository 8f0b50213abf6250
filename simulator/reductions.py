"""Reductions in force: the scenario's positions abolished in an agency in a fiscal year, in both branches, and the
Hay merit budget recalculated for them (A-PROJ-RIF).

    [projection]
    reductions_in_force = [{ agency = "Transportation", year = 2, share = 0.10, month = 7 }]
    rif_budget = "pro_rata"   # Hay line 982, or "unchanged"

    "In the event of a reduction in force in any agency, the budget will be recalculated, pro rata for that
    budget year."  (Hay 1975, line 982)

In fiscal year ``year`` (1 = the first), on the first day of its ``month`` (1 = its first month), each position of
the agency filled that day is abolished with probability ``share``: its holder leaves and it is never refilled. The
same positions, on the same day, in both branches (a draw mixed from two of the year's draws, so that no other draw
moves). The year's merit budget then counts an abolished position's pay only for the part of the year before it
("pro_rata"); "unchanged" counts the whole year. Positions vacant that day are not abolished.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kernels.calendar import NEVER, add_months
from kernels.state import D_PERF, D_SEP_DAY
from simulator.errors import Problem

KEYS = {"agency", "year", "share", "month"}
BUDGETS = ("pro_rata", "unchanged")
# the draw: frac(6700417 u_perf + 2147483647 u_sep_day), uniform and, to about 1 part in 6 million, independent of
# both (the promotion draw mixes two others: kernels/promotion.py)
MIX_PERF, MIX_DAY = 6700417.0, 2147483647.0


@dataclass(frozen=True)
class Reduction:
    year: int  # 0-based fiscal year index
    group: int  # merit group (simulator/start.py: the agency's)
    share: float
    month: int  # 1-12: the first day of the fiscal year's month


def check(c, where: str, value) -> None:
    """Each reduction { agency, year, share[, month] }, through the scenario's checker ``c``."""
    for i, r in enumerate(value if isinstance(value, list) else [None], start=1):
        at = f"{where}[{i}]"
        if not isinstance(r, dict) or not {"agency", "year", "share"} <= set(r) <= KEYS:
            c.add(at, r, "a reduction in force is { agency, year, share } or { agency, year, share, month }: the "
                         "share of the agency's positions abolished in that fiscal year, from its month's first day")
            continue
        if not isinstance(r["agency"], str) or not r["agency"].strip():
            c.add(f"{at}.agency", r["agency"], "the agency's name, as the roster writes it, in quotes")
        c.number(f"{at}.share", r["share"], 0, 1, "share")
        for key, hi in (("year", 50), ("month", 12)):
            v = r.get(key, 1)
            if not isinstance(v, int) or isinstance(v, bool) or not 1 <= v <= hi:
                c.add(f"{at}.{key}", v, f"{key} must be a whole number from 1 to {hi}")


def resolve(spec: list, agencies: list[str], file: str) -> tuple[tuple[Reduction, ...], list]:
    """The checked reductions with each agency's merit group (``agencies`` sorted: group i + 1), and a problem for
    each agency no position of the roster is in."""
    out, problems = [], []
    for i, r in enumerate(spec, start=1):
        if r["agency"] not in agencies:
            problems.append(Problem(file, None, f"projection.reductions_in_force[{i}].agency", r["agency"],
                                    "no position of the roster is in this agency"))
            continue
        out.append(Reduction(r["year"] - 1, agencies.index(r["agency"]) + 1, float(r["share"]), r.get("month", 1)))
    return tuple(out), problems


def abolish_days(reductions: tuple[Reduction, ...], k: int, fy_start: int, group: np.ndarray, u: np.ndarray,
                 out: np.ndarray) -> None:
    """``out``: the day each position is abolished in fiscal year ``k`` (first day ``fy_start``), else NEVER."""
    out.fill(NEVER)
    drawn = None  # the year's draw, made once for all of its reductions
    for r in reductions:
        if r.year != k or r.share <= 0:
            continue
        if drawn is None:
            x = u[:, D_PERF] * MIX_PERF + u[:, D_SEP_DAY] * MIX_DAY
            drawn = x - np.floor(x)
        hit = (group == r.group) & (drawn < r.share)
        out[hit] = np.minimum(out[hit], add_months(fy_start, r.month - 1))
