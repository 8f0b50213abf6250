"""A generic rule for your own schedules: bring pay up to the range's minimum, keep it otherwise.

Not from a seed. Below the minimum, to the minimum; within the range, no change; above the top, kept and
red-circled. The MMS scenario uses it for its open ranges.
"""

from numba import njit

from kernels.config import JIT_OPTIONS
from kernels.rules._base import KEEP, STEP, Outcome, step_of

NAME = "to_minimum"
KINDS = ()  # any kind of schedule
TO_MINIMUM, NO_CHANGE, ABOVE_MAX = range(3)
OUTCOMES = (
    Outcome("GEN.to_minimum", "Brought up to the minimum of {target_schedule} grade {new_grade}, {new_pay}."),
    Outcome("GEN.no_change", "Kept at the present {present_pay}: already within the range of {target_schedule} "
            "grade {new_grade}."),
    Outcome("GEN.above_max", "Kept at the present {present_pay}, red-circled: above the top of {target_schedule} "
            "grade {new_grade}."),
)


@njit(**JIT_OPTIONS)
def decide(p, person, rows, options):
    r = person.row[p]
    n = rows.n_steps[r]
    cur = person.current[p]
    if cur < rows.annual[r, 0]:
        return STEP, 0, rows.annual[r, 0], TO_MINIMUM, 0
    if cur > rows.annual[r, n - 1]:
        return KEEP, -1, cur, ABOVE_MAX, 0
    return KEEP, step_of(rows.annual, r, n, cur), cur, NO_CHANGE, 0


def reference(annual: list[int], current: int) -> tuple:
    if current < annual[0]:
        return STEP, 0, annual[0], "GEN.to_minimum", 0
    if current > annual[-1]:
        return KEEP, -1, current, "GEN.above_max", 0
    return KEEP, annual.index(current) if current in annual else -1, current, "GEN.no_change", 0
