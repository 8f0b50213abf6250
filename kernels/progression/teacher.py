"""Cresap Schedule C: one increment a year.

    "increments ... from the minimum to the maximum ... in 10 equal increments" (line 810); an outstanding
    teacher may be given two, an unsatisfactory one none (the shares are A-PROJ-MERIT).

A teacher off the steps moves from the highest step at or below the pay; above the top, the pay is kept
(A-PROJ-OWED): no increment ever cuts pay.
"""

from numba import njit

from kernels.calendar import add_months
from kernels.config import INLINE_OPTIONS
from kernels.progression._base import CLOCK_YEARLY, Position, ref_add_months, ref_rating, ref_step_pay
from kernels.state import NO_RULE, R_STEP, R_TWO_STEPS, rating_of, step_pay, steps_at_or_below

NAME = "teacher"
HIRE_AT_STEPS, HIRE_PAY_FROM_HOME, CLOCK = True, False, CLOCK_YEARLY
GI_ON_STEP, GI_CAP_AT_TOP = True, False


@njit(**INLINE_OPTIONS)
def step(p, d, who, pay, prm, new):
    r = new.row[p]
    own = who.own
    rating = rating_of(who.u, prm.p_outstanding, prm.p_fully, prm.p_acceptable)
    k = 2 if rating == 0 else (0 if rating == 3 else 1)
    s0 = new.step[p]
    if s0 < 0:  # off the steps: counted from the highest step at or below the pay; above the maximum, kept
        s0 = steps_at_or_below(pay.rates, pay.periods, pay.n_steps, r, new.rate[p] * new.unit[p], own) - 1
    s1 = min(s0 + k, pay.n_steps[r] - 1)
    new.next_day[p] = add_months(d, 12)
    if s1 > s0 and s1 >= 0:
        new.step[p] = s1
        new.rate[p], new.unit[p] = step_pay(pay.rates, pay.periods, r, s1, own)
        return R_TWO_STEPS if k == 2 else R_STEP
    return NO_RULE


def reference(pos: Position, d: int) -> dict:
    rating = ref_rating(pos.u, pos.prm)
    k = {0: 2, 3: 0}.get(rating, 1)
    here = pos.step
    if here < 0:
        here = max((s for s in range(len(pos.rates)) if ref_step_pay(pos, s)[0] * ref_step_pay(pos, s)[1]
                    <= pos.rate * pos.unit), default=-1)
    new = min(here + k, len(pos.rates) - 1)
    out = {"next_day": ref_add_months(d, 12), "rule": NO_RULE}
    if new > here and new >= 0:
        rate, unit = ref_step_pay(pos, new)
        out.update(step=new, rate=rate, unit=unit, rule=R_TWO_STEPS if k == 2 else R_STEP)
    return out
