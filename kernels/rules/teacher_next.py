"""Cresap 1967, Schedule C, teachers now in the classified service: the next higher rate.

    "Teachers whose positions are presently in the classified service should be placed into the proposed
    Schedule C at the next highest salary level. If, as for the other classified service positions, the salary
    increase which results is less than the regular annual increment for that teacher's salary category, the
    position should be moved to the next higher step on Schedule C."  (line 635)

Silent at or above the top of the column: the pay is kept (A-CRESAP-ABOVE-G), red-circled only above it.
"""

from numba import njit

from kernels.config import JIT_OPTIONS
from kernels.rules._base import KEEP, STEP, Outcome, lowest_step_above

NAME = "teacher_next"
KINDS = ("teacher_matrix",)
NEXT_HIGHER, BUMP, TOP_SMALL_RAISE, AT_MAX, ABOVE_MAX = range(5)
OUTCOMES = (
    Outcome("C.next_higher", "Moved to step {new_step} of Schedule C {new_grade} at {new_pay}, the next rate above "
            "the present {present_pay}, a raise of at least the {increment} increment (Cresap 1967, line 635)."),
    Outcome("C.bump_increment", "Moved to step {new_step} of Schedule C {new_grade} at {new_pay}: the next rate "
            "above the present {present_pay} raised pay by less than the {increment} increment, so one step more "
            "(Cresap 1967, line 635)."),
    Outcome("C.top_small_raise", "Moved to step {new_step}, the top of Schedule C {new_grade}, at {new_pay}: the "
            "next rate above the present {present_pay}; the raise is less than the {increment} increment, but "
            "there is no higher step (Cresap 1967, line 635)."),
    Outcome("C.at_max", "Kept at the present {present_pay}, which is step {new_step}, the top of Schedule C "
            "{new_grade}: no rate is higher (assumption A-CRESAP-ABOVE-G).", "A-CRESAP-ABOVE-G"),
    Outcome("C.above_max", "Kept at the present {present_pay}, red-circled: above the top of Schedule C "
            "{new_grade} (assumption A-CRESAP-ABOVE-G).", "A-CRESAP-ABOVE-G"),
)


@njit(**JIT_OPTIONS)
def decide(p, person, rows, options):
    r = person.row[p]
    n = rows.n_steps[r]
    cur = person.current[p]
    # "placed into the proposed Schedule C at the next highest salary level"
    i = lowest_step_above(rows.annual, r, n, cur)
    if i < 0:
        if cur == rows.annual[r, n - 1]:
            return KEEP, n - 1, cur, AT_MAX, 0
        return KEEP, -1, cur, ABOVE_MAX, 0
    # "If ... the salary increase ... is less than the regular annual increment ... moved to the next higher step"
    if rows.annual[r, i] - cur < rows.increment[r]:
        if i + 1 < n:
            return STEP, i + 1, rows.annual[r, i + 1], BUMP, 0
        return STEP, i, rows.annual[r, i], TOP_SMALL_RAISE, 0
    return STEP, i, rows.annual[r, i], NEXT_HIGHER, 0


def reference(annual: list[int], increment: int, current: int) -> tuple:
    higher = [i for i, rate in enumerate(annual) if rate > current]
    if not higher:
        if current == annual[-1]:
            return KEEP, len(annual) - 1, current, "C.at_max", 0
        return KEEP, -1, current, "C.above_max", 0
    i = higher[0]
    if annual[i] - current < increment:
        if i + 1 < len(annual):
            return STEP, i + 1, annual[i + 1], "C.bump_increment", 0
        return STEP, i, annual[i], "C.top_small_raise", 0
    return STEP, i, annual[i], "C.next_higher", 0
