"""A generic rule for your own schedules: the step for the years in the class, never a cut.

Not from a seed. The step whose months of service (the schedule's ``months``) the person has in the class; if
that step would cut pay, or the years are unknown, the lowest step not below the present pay; above the top,
kept and red-circled.
"""

from numba import njit

from kernels.config import JIT_OPTIONS
from kernels.rules._base import KEEP, STEP, Outcome, lowest_step_at_least

NAME = "years_in_class"
KINDS = ()
YEARS, FALLBACK, ABOVE_MAX = range(3)
OUTCOMES = (
    Outcome("GEN.years_in_class", "Placed at step {new_step} of {target_schedule} grade {new_grade}, the step for "
            "the years in class, at {new_pay}."),
    Outcome("GEN.years_fallback", "The step for the years in class would cut pay (or the years are unknown), so the "
            "lowest step not below the present {present_pay}: step {new_step} of {target_schedule} grade {new_grade}, "
            "at {new_pay}."),
    Outcome("GEN.years_above_max", "Kept at the present {present_pay}, red-circled: above the top of "
            "{target_schedule} grade {new_grade}."),
)


@njit(**JIT_OPTIONS)
def decide(p, person, rows, options):
    r = person.row[p]
    n = rows.n_steps[r]
    cur = person.current[p]
    y = min(person.years_step[p], n - 1)
    if y >= 0 and rows.annual[r, y] >= cur:
        return STEP, y, rows.annual[r, y], YEARS, 0
    i = lowest_step_at_least(rows.annual, r, n, cur)
    if i < 0:
        return KEEP, -1, cur, ABOVE_MAX, 0
    return STEP, i, rows.annual[r, i], FALLBACK, 0


def reference(annual: list[int], current: int, years_index: int) -> tuple:
    y = min(years_index, len(annual) - 1)
    if years_index >= 0 and annual[y] >= current:
        return STEP, y, annual[y], "GEN.years_in_class", 0
    enough = [i for i, rate in enumerate(annual) if rate >= current]
    if not enough:
        return KEEP, -1, current, "GEN.years_above_max", 0
    return STEP, enough[0], annual[enough[0]], "GEN.years_fallback", 0
