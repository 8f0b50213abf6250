"""Hay 1975, the report's costing: the comparable step in a higher range; a lower range keeps the salary.

    "The estimate assumes, for purposes of cost comparison, that employees allocated to ranges higher than
    their present range will occupy the comparable step in the higher range, e.g., an employee at Step E in his
    or her current range will be at Step E in the new higher range. The estimate also assumes for purposes of
    cost comparison, that employees allocated to ranges lower than their present range, will continue to enjoy
    their current salary."  (hay-1975-classification-compensation-study.txt, lines 305-307)

    "Taking the same data, but assuming that all employees changing grade will occupy a comparable step in the
    lower or higher grade ..."  (line 309: the option hay_lower_grade = "same_step")

    "Normally, employee salaries will not change as the result of a lateral transfer, or a reduction in pay range
    resulting from actions or conditions beyond the employees control."  (line 986)

Higher and lower are by pay (A-HAY-RANGE, ``kernels.rules._base.range_directions``): a range is lower when its
comparable step pays less than the present salary (off the steps: when its top is below the present range's;
on a plan without printed rates, by grade number),
so that no one's pay falls for a move the report says keeps it; by grade number with the option
``hay_range_by = "grade"``. A lower range keeps the salary whether or not it is on a step. A person off-step on
the old plan (Exhibit I's "over Y") moving to a range not lower has no comparable step: the lowest step not below
the present pay, or the pay kept, red-circled, above step Y (A-HAY-OFFSTEP).
"""

from numba import njit

from kernels.config import JIT_OPTIONS
from kernels.rules._base import KEEP, STEP, Outcome, lowest_step_at_least, ref_range_direction, step_of

NAME = "hay_same_step"
KINDS = ("stepped",)
SAME_STEP, RETAIN_LOWER, SAME_STEP_LOWER, OFFSTEP_CLOSEST, ABOVE_MAX = range(5)
OUTCOMES = (
    Outcome("HAY.same_step", "Placed at step {new_step} of grade {new_grade}, the step held on the old plan, at "
            "{new_pay}: the comparable step in a range not lower than the present one, as the report costs it (Hay "
            "1975, line 305; A-HAY-RANGE).", "A-HAY-RANGE"),
    Outcome("HAY.retain_lower", "Kept the present {present_pay}: grade {new_grade} is a lower range than the present "
            "grade {old_grade}, and employees allocated to a lower range keep their salary (Hay 1975, lines 305, "
            "986; lower by pay, or by grade number where the scenario says so or the present range's rates are "
            "unknown, A-HAY-RANGE).", "A-HAY-RANGE"),
    Outcome("HAY.same_step_lower", "Placed at step {new_step} of the lower grade {new_grade} at {new_pay}: the "
            "comparable step in the lower grade, as in the report's 84 % / 16 % analysis (Hay 1975, lines "
            "309-311)."),
    Outcome("HAY.offstep_closest", "Off-step on the old plan and allocated to a range not lower, so placed at the "
            "lowest step of grade {new_grade} not below the present {present_pay}: step {new_step}, {new_pay} "
            "(assumption A-HAY-OFFSTEP).",
            "A-HAY-OFFSTEP"),
    Outcome("HAY.above_max", "Kept at the present {present_pay}, red-circled: off-step on the old plan and above "
            "step Y, the top of grade {new_grade} (assumption A-HAY-OFFSTEP).", "A-HAY-OFFSTEP"),
)


@njit(**JIT_OPTIONS)
def decide(p, person, rows, options):
    r = person.row[p]
    n = rows.n_steps[r]
    cur = person.current[p]
    d = person.direction[p]  # the range's direction (kernels.rules._base.range_directions)
    same = person.same_step[p]
    if d < 0 and (same < 0 or not options.lower_takes_same_step):
        # "allocated to ranges lower than their present range, will continue to enjoy their current salary"
        return KEEP, step_of(rows.annual, r, n, cur), cur, RETAIN_LOWER, 0
    if same < 0:
        i = lowest_step_at_least(rows.annual, r, n, cur)
        if i < 0:
            return KEEP, -1, cur, ABOVE_MAX, 0
        return STEP, i, rows.annual[r, i], OFFSTEP_CLOSEST, 0
    s = min(same, n - 1)
    # "will occupy the comparable step in the higher range" / "in the lower or higher grade"
    return STEP, s, rows.annual[r, s], SAME_STEP_LOWER if d < 0 else SAME_STEP, 0


def reference(annual: list[int], current: int, old_step_index: int, direction: int, lower_same: bool,
              old_max: int = 1, by_grade: bool = True) -> tuple:
    direction = ref_range_direction(annual, current, old_step_index, old_max, by_grade, direction)
    if direction < 0 and (old_step_index < 0 or not lower_same):
        return KEEP, annual.index(current) if current in annual else -1, current, "HAY.retain_lower", 0
    if old_step_index < 0:
        enough = [i for i, rate in enumerate(annual) if rate >= current]
        if not enough:
            return KEEP, -1, current, "HAY.above_max", 0
        return STEP, enough[0], annual[enough[0]], "HAY.offstep_closest", 0
    s = min(old_step_index, len(annual) - 1)
    return STEP, s, annual[s], "HAY.same_step_lower" if direction < 0 else "HAY.same_step", 0
