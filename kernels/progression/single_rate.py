"""Cresap Schedule D: the single rate, reached at most $2,000 a year.

    "increases be limited to no more than $2,000 per year"  (line 538)

What placement left owed is paid on each anniversary of implementation, at most Params.max_raise a year, until
the rate is reached; a general increase raises what is owed with the rate (kernels/year.py general_increase).
"""

from numba import njit

from kernels.calendar import NEVER, add_months
from kernels.config import INLINE_OPTIONS
from kernels.progression._base import CLOCK_NONE, Position, ref_add_months
from kernels.state import NO_RULE, R_OWED_PAID, annual_step, step_pay

NAME = "single_rate"
HIRE_AT_STEPS, HIRE_PAY_FROM_HOME, CLOCK = False, False, CLOCK_NONE
GI_ON_STEP, GI_CAP_AT_TOP = True, False


@njit(**INLINE_OPTIONS)
def step(p, d, who, pay, prm, new):
    rule = NO_RULE
    if new.owed[p] > 0:
        r = new.row[p]
        paid = min(new.owed[p], prm.max_raise)
        raised = new.rate[p] * new.unit[p] + paid
        new.owed[p] -= paid
        s = annual_step(pay.rates, pay.periods, pay.n_steps, r, raised)
        if s >= 0:
            new.rate[p], new.unit[p] = step_pay(pay.rates, pay.periods, r, s, who.own)
        else:
            new.rate[p] = raised
            new.unit[p] = 1
        new.step[p] = s
        rule = R_OWED_PAID
    new.next_day[p] = add_months(d, 12) if new.owed[p] > 0 else NEVER
    return rule


def reference(pos: Position, d: int) -> dict:
    if pos.owed <= 0:
        return {"rule": NO_RULE, "next_day": NEVER}
    paid = min(pos.owed, pos.prm["max_raise"])
    raised = pos.rate * pos.unit + paid
    annual = [r * pos.periods for r in pos.rates]
    s = annual.index(raised) if raised in annual else -1
    rate, unit = (raised, 1) if s < 0 else (pos.rates[s], pos.periods)
    if s >= 0 and pos.own_periods == 2080 and pos.periods == 52:
        rate, unit = (pos.rates[s] + 20) // 40, 2080
    owed = pos.owed - paid
    return {"owed": owed, "rate": rate, "unit": unit, "step": s, "rule": R_OWED_PAID,
            "next_day": ref_add_months(d, 12) if owed > 0 else NEVER}
