"""A generic rule for your own schedules: bring pay up to the range's midpoint, keep it otherwise.

Not from a seed: the costing of a common alternative (pay everyone at least the midpoint, the "job rate" of
an open range). The midpoint is halfway between the minimum and the top, in annual cents, rounded half up to
the cent. Below it, to it (on a step where it is one); from it to the top, no change; above the top, kept and
red-circled.
"""

from numba import njit

from kernels.config import JIT_OPTIONS
from kernels.rules._base import COMPUTED, KEEP, Outcome, half_up, ref_half_up, step_of

NAME = "to_midpoint"
KINDS = ()  # any kind of schedule
TO_MIDPOINT, NO_CHANGE, ABOVE_MAX = range(3)
OUTCOMES = (
    Outcome("GEN.to_midpoint", "Brought up to the midpoint of {target_schedule} grade {new_grade}, {new_pay}."),
    Outcome("GEN.at_or_above_midpoint", "Kept at the present {present_pay}: at or above the midpoint of "
            "{target_schedule} grade {new_grade}, within its range."),
    Outcome("GEN.above_max_mid", "Kept at the present {present_pay}, red-circled: above the top of "
            "{target_schedule} grade {new_grade}."),
)


@njit(**JIT_OPTIONS)
def decide(p, person, rows, options):
    r = person.row[p]
    n = rows.n_steps[r]
    cur = person.current[p]
    mid = half_up(rows.annual[r, 0] + rows.annual[r, n - 1], 2)
    if cur < mid:
        return COMPUTED, step_of(rows.annual, r, n, mid), mid, TO_MIDPOINT, 0
    if cur > rows.annual[r, n - 1]:
        return KEEP, -1, cur, ABOVE_MAX, 0
    return KEEP, step_of(rows.annual, r, n, cur), cur, NO_CHANGE, 0


def reference(annual: list[int], current: int) -> tuple:
    mid = ref_half_up(annual[0] + annual[-1], 2)
    if current < mid:
        return COMPUTED, annual.index(mid) if mid in annual else -1, mid, "GEN.to_midpoint", 0
    if current > annual[-1]:
        return KEEP, -1, current, "GEN.above_max_mid", 0
    return KEEP, annual.index(current) if current in annual else -1, current, "GEN.at_or_above_midpoint", 0
