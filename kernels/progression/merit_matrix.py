"""Cresap Schedule B and open ranges: a merit increase by performance and position in the range.

    The guideline matrix (lines 706-714): outstanding up to 8 / 6 / 5 per cent in the lower half / third
    quartile / fourth quartile; fully adequate 6 / 4 / 3; acceptable 3 / 2 (not to exceed the maximum of the
    third quartile) / none; unsatisfactory none. No increase carries pay past the range's maximum.

The percentages and caps are data/'s (cresap_merit_matrix), passed in Pay.merit_bp and merit_cap; each year
the full guideline percentage is given (A-PROJ-MERIT). Pay that lands on a step takes the step.
"""

from numba import njit

from kernels.calendar import add_months
from kernels.config import INLINE_OPTIONS
from kernels.progression._base import CLOCK_YEARLY, Position, ref_add_months, ref_half_up, ref_rating
from kernels.rules._base import half_up
from kernels.state import MERIT_CAP_Q3, NO_RULE, R_MERIT_PCT, annual_step, rating_of, step_pay

NAME = "merit_matrix"
HIRE_AT_STEPS, HIRE_PAY_FROM_HOME, CLOCK = False, False, CLOCK_YEARLY
GI_ON_STEP, GI_CAP_AT_TOP = True, False


@njit(**INLINE_OPTIONS)
def range_points(pay, r):
    """Row r's minimum, midpoint, third quartile and maximum, annual cents (the midpoint and Q3 cut down to the
    cent): the points the guidelines place a pay by, and a hire "up to the midpoint" (kernels/year.py) is at."""
    lo = pay.rates[r, 0] * pay.periods[r]
    hi = pay.rates[r, pay.n_steps[r] - 1] * pay.periods[r]
    return lo, lo + (hi - lo) // 2, lo + (hi - lo) * 3 // 4, hi


@njit(**INLINE_OPTIONS)
def step(p, d, who, pay, prm, new):
    r = new.row[p]
    lo, mid, q3, hi = range_points(pay, r)
    cur = new.rate[p] * new.unit[p]
    position = 0 if cur < mid else (1 if cur < q3 else 2)
    rating = rating_of(who.u, prm.p_outstanding, prm.p_fully, prm.p_acceptable)
    raised = half_up(cur * (10000 + pay.merit_bp[rating, position]), 10000)
    cap = q3 if pay.merit_cap[rating, position] == MERIT_CAP_Q3 else hi
    if raised > cap:
        raised = max(cur, cap)
    rule = NO_RULE
    if raised > cur:
        s = annual_step(pay.rates, pay.periods, pay.n_steps, r, raised)
        if s >= 0:
            new.rate[p], new.unit[p] = step_pay(pay.rates, pay.periods, r, s, who.own)
        else:
            new.rate[p] = raised
            new.unit[p] = 1
        rule = R_MERIT_PCT
    new.step[p] = annual_step(pay.rates, pay.periods, pay.n_steps, r, new.rate[p] * new.unit[p])
    new.next_day[p] = add_months(d, 12)
    return rule


def reference(pos: Position, d: int) -> dict:
    annual = [r * pos.periods for r in pos.rates]
    lo, hi = annual[0], annual[-1]
    q3 = lo + (hi - lo) * 3 // 4
    cur = pos.rate * pos.unit
    position = 0 if cur < lo + (hi - lo) // 2 else 1 if cur < q3 else 2
    rating = ref_rating(pos.u, pos.prm)
    raised = ref_half_up(cur * (10000 + pos.prm["merit_bp"][rating][position]), 10000)
    cap = q3 if pos.prm["merit_cap"][rating][position] == MERIT_CAP_Q3 else hi
    raised = max(cur, cap) if raised > cap else raised
    out = {"next_day": ref_add_months(d, 12), "rule": NO_RULE}
    rate, unit = pos.rate, pos.unit
    if raised > cur:
        out["rule"] = R_MERIT_PCT
        if raised in annual:
            s = annual.index(raised)
            rate, unit = (ref_half_up(pos.rates[s], 40), 2080) if pos.own_periods == 2080 and pos.periods == 52 \
                else (pos.rates[s], pos.periods)
        else:
            rate, unit = raised, 1
    out.update(rate=rate, unit=unit, step=annual.index(rate * unit) if rate * unit in annual else -1)
    return out
