"""A generic rule for your own schedules: the lowest step that does not cut pay.

Not from a seed. Above the top step, the pay is kept and red-circled.
"""

from numba import njit

from kernels.config import JIT_OPTIONS
from kernels.rules._base import KEEP, STEP, Outcome, lowest_step_at_least

NAME = "closest_step"
KINDS = ()
CLOSEST, ABOVE_MAX = range(2)
OUTCOMES = (
    Outcome("GEN.closest_step", "Placed at the lowest step not below the present {present_pay}: step {new_step} of "
            "{target_schedule} grade {new_grade}, at {new_pay}."),
    Outcome("GEN.closest_above_max", "Kept at the present {present_pay}, red-circled: above the top of "
            "{target_schedule} grade {new_grade}."),
)


@njit(**JIT_OPTIONS)
def decide(p, person, rows, options):
    r = person.row[p]
    cur = person.current[p]
    i = lowest_step_at_least(rows.annual, r, rows.n_steps[r], cur)
    if i < 0:
        return KEEP, -1, cur, ABOVE_MAX, 0
    return STEP, i, rows.annual[r, i], CLOSEST, 0


def reference(annual: list[int], current: int) -> tuple:
    enough = [i for i, rate in enumerate(annual) if rate >= current]
    if not enough:
        return KEEP, -1, current, "GEN.closest_above_max", 0
    return STEP, enough[0], annual[enough[0]], "GEN.closest_step", 0
