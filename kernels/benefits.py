"""The employer's benefits on each position's pay in a year: a percent of pay (up to an annual wage cap) or an
amount per FTE a year, per item, each rounded half up to the cent (simulator/benefits.py reads the items)."""

from typing import NamedTuple

import numpy as np
from numba import njit, prange

from kernels.config import PARALLEL_OPTIONS
from kernels.rules._base import half_up

PCT, PER_FTE = 0, 1  # an item's kind
PPM = 1_000_000  # a percent of pay is held in millionths of pay (7.65 % = 76,500)


class Items(NamedTuple):
    """The benefit items: kind (PCT / PER_FTE) per item; value[item, class]: millionths of pay, or cents per FTE a
    year, for each class of position (a retirement plan and bargaining unit pair); cap[item]: the annual wage cap
    in cents (NO_CAP for none)."""
    kind: np.ndarray  # int8 [items]
    value: np.ndarray  # int64 [items, classes]
    cap: np.ndarray  # int64 [items]


NO_CAP = 1 << 62


@njit(**PARALLEL_OPTIONS)
def benefit_costs(cash, annual_cost, paid_days, fte_k, klass, items, year_days, out_cash, out_annual, totals):
    """Per position p: out_cash[p] the benefits on the cash paid in the year (an amount per FTE prorated by the
    days someone was paid), out_annual[p] those on the annual cost at the year's end (per FTE: if paid then);
    totals[item, 0 / 1] the sums of each item. Positions are split over the cores, a slice a task."""
    n = cash.shape[0]
    k_items = items.kind.shape[0]
    n_chunks = min(n, 64)
    partial = np.zeros((max(n_chunks, 1), k_items, 2), np.int64)
    for c in prange(n_chunks):
        for p in range(c * n // n_chunks, (c + 1) * n // n_chunks):
            sum_cash = 0
            sum_annual = 0
            for k in range(k_items):
                v = items.value[k, klass[p]]
                if items.kind[k] == PCT:
                    b_cash = half_up(min(cash[p], items.cap[k]) * v, PPM)
                    b_annual = half_up(min(annual_cost[p], items.cap[k]) * v, PPM)
                else:
                    b_cash = half_up(v * fte_k[p] * paid_days[p], 1000 * year_days)
                    b_annual = half_up(v * fte_k[p], 1000) if annual_cost[p] > 0 else 0
                partial[c, k, 0] += b_cash
                partial[c, k, 1] += b_annual
                sum_cash += b_cash
                sum_annual += b_annual
            out_cash[p] = sum_cash
            out_annual[p] = sum_annual
    for k in range(k_items):
        totals[k, 0] = partial[:, k, 0].sum()
        totals[k, 1] = partial[:, k, 1].sum()


def reference(cash, annual_cost, paid_days, fte_k, klass, items, year_days):
    """benefit_costs in plain Python, with fractions: (per position cash, per position annual, totals)."""
    from fractions import Fraction

    def up(x: Fraction) -> int:
        return int(x + Fraction(1, 2)) if x >= 0 else -int(-x + Fraction(1, 2))

    per_cash, per_annual = [], []
    totals = [[0, 0] for _ in items.kind]
    for p in range(len(cash)):
        row_c = row_a = 0
        for k, kind in enumerate(items.kind):
            v = int(items.value[k][klass[p]])
            if kind == PCT:
                c = up(Fraction(min(int(cash[p]), int(items.cap[k])) * v, PPM))
                a = up(Fraction(min(int(annual_cost[p]), int(items.cap[k])) * v, PPM))
            else:
                c = up(Fraction(v * int(fte_k[p]) * int(paid_days[p]), 1000 * year_days))
                a = up(Fraction(v * int(fte_k[p]), 1000)) if annual_cost[p] > 0 else 0
            totals[k][0] += c
            totals[k][1] += a
            row_c += c
            row_a += a
        per_cash.append(row_c)
        per_annual.append(row_a)
    return per_cash, per_annual, totals
