"""Cresap 1967, Schedule A: the regular classified service (and the unclassified titles similar to it).

    "Positions in the regular classified service allocated to Schedule A should be placed at the lowest salary
    step in the proposed pay grade which is greater than their current salary. If the new salary step should
    result in a salary increase which is less than the regular step-to-step increment for that pay grade, the
    position would be moved to the next highest step in the proposed pay grade. No position at the C, D or E
    steps of the present plan would be repositioned lower than the B step of the proposed plan. No position at
    either the X or Y steps of the present plan would be repositioned lower than the C step of the proposed
    plan."  (cresap-1967-proposed-salary-plan.txt, line 577)

The report is silent when no step is greater than the present pay: the pay is kept, on step G if it equals G,
otherwise off-step and red-circled (A-CRESAP-ABOVE-G).
"""

from numba import njit

from kernels.config import JIT_OPTIONS
from kernels.rules._base import KEEP, STEP, Outcome, lowest_step_above

NAME = "cresap_a"
KINDS = ("stepped",)
LOWEST_ABOVE, BUMP, TOP_SMALL_RAISE, FLOOR_B, FLOOR_C, AT_TOP, ABOVE_TOP = range(7)
OUTCOMES = (
    Outcome("A.lowest_above", "Moved to Schedule A grade {new_grade} step {new_step} at {new_pay}: the lowest step "
            "above the present {present_pay}, a raise of at least the grade's {increment} increment (Cresap 1967, "
            "line 577)."),
    Outcome("A.bump_increment", "Moved to Schedule A grade {new_grade} step {new_step} at {new_pay}: the lowest step "
            "above the present {present_pay} raised pay by less than the grade's {increment} increment, so one step "
            "more (Cresap 1967, line 577)."),
    Outcome("A.top_small_raise", "Moved to step {new_step}, the top of Schedule A grade {new_grade}, at {new_pay}: "
            "the lowest step above the present {present_pay}; the raise is less than the grade's {increment} "
            "increment, but there is no higher step (Cresap 1967, line 577)."),
    Outcome("A.floor_B", "Moved to Schedule A grade {new_grade} step {new_step} at {new_pay}: from old step "
            "{old_step} no one is placed below step B (Cresap 1967, line 577)."),
    Outcome("A.floor_C", "Moved to Schedule A grade {new_grade} step {new_step} at {new_pay}: from old longevity "
            "step {old_step} no one is placed below step C (Cresap 1967, line 577)."),
    Outcome("A.at_top", "Kept at the present {present_pay}, which is step {new_step}, the top of Schedule A grade "
            "{new_grade}: no step is greater (Cresap 1967, line 577; assumption A-CRESAP-ABOVE-G).",
            "A-CRESAP-ABOVE-G"),
    Outcome("A.above_max", "Kept at the present {present_pay}, off-step and red-circled: above step G, the top of "
            "Schedule A grade {new_grade}; the report is silent here (assumption A-CRESAP-ABOVE-G).",
            "A-CRESAP-ABOVE-G"),
)


@njit(**JIT_OPTIONS)
def decide(p, person, rows, options):
    r = person.row[p]
    n = rows.n_steps[r]
    cur = person.current[p]
    # "placed at the lowest salary step in the proposed pay grade which is greater than their current salary"
    i = lowest_step_above(rows.annual, r, n, cur)
    if i < 0:
        if cur == rows.annual[r, n - 1]:
            return KEEP, n - 1, cur, AT_TOP, 0
        return KEEP, -1, cur, ABOVE_TOP, 0
    outcome = LOWEST_ABOVE
    # "If the new salary step should result in a salary increase which is less than the regular step-to-step
    # increment for that pay grade, the position would be moved to the next highest step"
    if rows.annual[r, i] - cur < rows.increment[r]:
        if i + 1 < n:
            i += 1
            outcome = BUMP
        else:
            outcome = TOP_SMALL_RAISE
    # "No position at the C, D or E steps ... lower than the B step ... X or Y steps ... lower than the C step"
    floor = min(person.floor_step[p], n - 1)
    if floor > i:
        i = floor
        outcome = FLOOR_B if floor == 1 else FLOOR_C
    return STEP, i, rows.annual[r, i], outcome, 0


def reference(annual: list[int], increment: int, current: int, old_step: str | None) -> tuple:
    """The rule read from line 577, in plain Python: (kind, step, annual value, code, owed)."""
    greater = [i for i, rate in enumerate(annual) if rate > current]
    if not greater:
        if current == annual[-1]:
            return KEEP, len(annual) - 1, current, "A.at_top", 0
        return KEEP, -1, current, "A.above_max", 0
    i, code = greater[0], "A.lowest_above"
    if annual[i] - current < increment:
        if i + 1 < len(annual):
            i, code = i + 1, "A.bump_increment"
        else:
            code = "A.top_small_raise"
    floor = min({"C": 1, "D": 1, "E": 1, "X": 2, "Y": 2}.get(old_step or "", 0), len(annual) - 1)
    if floor > i:
        i, code = floor, ("A.floor_B" if floor == 1 else "A.floor_C")
    return STEP, i, annual[i], code, 0
