"""The employer's benefits on each position's pay in a year: a percent of pay (up to an annual wage cap) or an
amount per FTE a year, per item, each rounded half up to the cent (simulator/benefits.py reads the items)."""

from typing import NamedTuple

import numpy as np
from numba import njit

from kernels.config import INLINE_OPTIONS, JIT_OPTIONS
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


@njit(**INLINE_OPTIONS)
def position_benefits(cash, annual_cost, paid_days, fte_k, klass, items, year_days, sums, at):
    """One position's year: (the benefits on the cash paid, an amount per FTE prorated by the days someone was
    paid; those on the annual cost at the year's end, per FTE only if paid then), each item added into sums[at +
    2k] and sums[at + 2k + 1]. The year kernel calls it for each position as its pay is known (kernels/year.py)."""
    sum_cash = 0
    sum_annual = 0
    for k in range(items.kind.shape[0]):
        v = items.value[k, klass]
        if items.kind[k] == PCT:
            b_cash = half_up(min(cash, items.cap[k]) * v, PPM)
            b_annual = half_up(min(annual_cost, items.cap[k]) * v, PPM)
        else:
            b_cash = half_up(v * fte_k * paid_days, 1000 * year_days)
            b_annual = half_up(v * fte_k, 1000) if annual_cost > 0 else 0
        sums[at + 2 * k] += b_cash
        sums[at + 2 * k + 1] += b_annual
        sum_cash += b_cash
        sum_annual += b_annual
    return sum_cash, sum_annual


@njit(**JIT_OPTIONS)
def benefit_costs(cash, annual_cost, paid_days, fte_k, klass, items, year_days, out_cash, out_annual, totals):
    """``position_benefits`` over the positions of a year's results on their own, one after another (the year
    kernel calls it inside its own loop): out_cash[p], out_annual[p], and totals[item, 0 / 1] each item's sums."""
    sums = np.zeros(2 * items.kind.shape[0], np.int64)
    for p in range(cash.shape[0]):
        out_cash[p], out_annual[p] = position_benefits(cash[p], annual_cost[p], paid_days[p], fte_k[p], klass[p],
                                                       items, year_days, sums, 0)
    for k in range(items.kind.shape[0]):
        totals[k, 0] = sums[2 * k]
        totals[k, 1] = sums[2 * k + 1]


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
