"""The present teacher plan (the baseline of Cresap's unclassified teachers): its rates are not printed, so a
step a year, each worth what Schedule C's next step is worth over its present one, scaled to the teacher's pay
(A-PROJ-TEACHER-BASELINE)."""

from numba import njit

from kernels.calendar import NEVER, add_months
from kernels.config import INLINE_OPTIONS
from kernels.progression._base import CLOCK_YEARLY, Position, ref_add_months, ref_half_up
from kernels.rules._base import half_up
from kernels.state import NO_RULE, R_STEP

NAME = "teacher_scaled"
HIRE_AT_STEPS, HIRE_PAY_FROM_HOME, CLOCK = False, True, CLOCK_YEARLY
GI_ON_STEP, GI_CAP_AT_TOP = False, False


@njit(**INLINE_OPTIONS)
def step(p, d, who, pay, prm, new):
    rates, n = pay.rates, pay.n_steps[new.row[p]]
    r, s0 = new.row[p], new.step[p]
    rule = NO_RULE
    if 0 <= s0 < n - 1:
        new.rate[p] = half_up(new.rate[p] * rates[r, s0 + 1], rates[r, s0])
        new.step[p] = s0 + 1
        rule = R_STEP
    new.next_day[p] = add_months(d, 12) if new.step[p] < n - 1 else NEVER
    return rule


def reference(pos: Position, d: int) -> dict:
    n = len(pos.rates)
    if 0 <= pos.step < n - 1:
        s = pos.step + 1
        return {"step": s, "rate": ref_half_up(pos.rate * pos.rates[s], pos.rates[s - 1]), "rule": R_STEP,
                "next_day": ref_add_months(d, 12) if s < n - 1 else NEVER}
    return {"rule": NO_RULE, "next_day": ref_add_months(d, 12) if pos.step < n - 1 else NEVER}
