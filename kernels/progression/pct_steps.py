"""An old plan without printed rates (Hay's 4/74 plan; the 1966 highway rates): the timetable's steps, each
raising pay 5 per cent (A-PROJ-HAY-BASELINE; Hay's step-to-step ratio is 1.05, lines 216-258)."""

from numba import njit

from kernels.config import INLINE_OPTIONS
from kernels.progression._base import CLOCK_TIMETABLE, Position, ref_half_up
from kernels.progression.timetable import next_step, ref_next_step
from kernels.rules._base import half_up
from kernels.state import NO_RULE, R_STEP

NAME = "pct_steps"
HIRE_AT_STEPS, HIRE_PAY_FROM_HOME, CLOCK = True, True, CLOCK_TIMETABLE
GI_ON_STEP, GI_CAP_AT_TOP = False, False


@njit(**INLINE_OPTIONS)
def step(p, d, who, pay, prm, new):
    if not next_step(p, who, pay, new):
        return NO_RULE
    new.rate[p] = half_up(new.rate[p] * 105, 100)
    return R_STEP


def reference(pos: Position, d: int) -> dict:
    step_, nxt, moved = ref_next_step(pos)
    out = {"step": step_, "next_day": nxt, "rule": R_STEP if moved else NO_RULE}
    if moved:
        out["rate"] = ref_half_up(pos.rate * 105, 100)
    return out
