"""Hay 1975, section V: promotion or reclassification to a higher pay grade.

    "1. If the employee's rate of pay in the previous positions was less than Step A established for the class
    of the new position, the rate of pay shall be advanced to Step A ...; or if this represent an increase of
    less than 5 percent, the rate of pay shall be advanced to Step B ... 2. If the employee's rate of pay in the
    previous position falls between Steps A and Y ... the rate of pay shall be advanced to the next higher step,
    or if this represents an increase of less than 5 percent, ... to the next highest step which equals or
    exceeds a 5 percent increase in rate of pay. 3. No employee's salary should be increased beyond Step Y of
    the assigned pay range."  (lines 950-958)

    "Normally, employee salaries will not change as the result of a lateral transfer, or a reduction in pay range
    resulting from actions or conditions beyond the employees control."  (line 986)

The rule is for moves to a higher range; a move to the same or a lower range keeps the salary. Higher and lower
are by pay, as in hay_same_step (A-HAY-RANGE), or by grade number with ``hay_range_by = "grade"``.
"""

from numba import njit

from kernels.config import JIT_OPTIONS
from kernels.rules._base import (
    KEEP,
    STEP,
    Outcome,
    first_step_giving_pct,
    lowest_step_above,
    ref_range_direction,
    step_of,
)

NAME = "hay_promotion"
KINDS = ("stepped",)
TO_A, TO_B, NEXT, FIVE_PCT, CAP_Y, AT_Y, ABOVE_Y, LOWER, LATERAL = range(9)
OUTCOMES = (
    Outcome("HAY.promotion_to_A", "Below step A of grade {new_grade}: moved to step A at {new_pay}, at least 5 per "
            "cent above the present {present_pay} (Hay 1975, line 952)."),
    Outcome("HAY.promotion_to_B", "Below step A of grade {new_grade}, which would give less than 5 per cent: moved "
            "to step B at {new_pay} (Hay 1975, lines 952-954)."),
    Outcome("HAY.promotion_next", "Moved to the next higher step, {new_step} of grade {new_grade}, at {new_pay}: at "
            "least 5 per cent above the present {present_pay} (Hay 1975, line 956)."),
    Outcome("HAY.promotion_5pct", "Moved to step {new_step} of grade {new_grade} at {new_pay}: the next higher step "
            "gave less than 5 per cent, so the first step giving at least 5 per cent above {present_pay} (Hay 1975, "
            "line 956)."),
    Outcome("HAY.promotion_cap_Y", "Moved to step Y of grade {new_grade} at {new_pay}: no step gives 5 per cent "
            "above {present_pay}, and no salary goes beyond step Y (Hay 1975, line 957)."),
    Outcome("HAY.promotion_at_Y", "Kept at the present {present_pay}, which is step Y, the top of grade "
            "{new_grade}: no salary goes beyond step Y (Hay 1975, line 957)."),
    Outcome("HAY.promotion_above_Y", "Kept at the present {present_pay}, red-circled: above step Y of grade "
            "{new_grade} (Hay 1975, line 957)."),
    Outcome("HAY.promotion_lower_keeps", "Kept the present {present_pay}: grade {new_grade} is a lower range than "
            "the present grade {old_grade}; the promotion rule is for moves up, and a reduction in pay range does "
            "not change salary (Hay 1975, lines 950, 986; A-HAY-RANGE).", "A-HAY-RANGE"),
    Outcome("HAY.promotion_lateral_keeps", "Kept the present {present_pay}: grade {new_grade} is neither a higher "
            "nor a lower range than the present grade {old_grade}, and a lateral transfer does not change salary "
            "(Hay 1975, lines 950, 986; A-HAY-RANGE).", "A-HAY-RANGE"),
)


@njit(**JIT_OPTIONS)
def decide(p, person, rows, options):
    r = person.row[p]
    n = rows.n_steps[r]
    cur = person.current[p]
    d = person.direction[p]  # the range's direction (kernels.rules._base.range_directions)
    if d < 0:
        return KEEP, step_of(rows.annual, r, n, cur), cur, LOWER, 0
    if d == 0:
        return KEEP, step_of(rows.annual, r, n, cur), cur, LATERAL, 0
    step_a = rows.annual[r, 0]
    if cur < step_a:
        # "advanced to Step A ...; or if this represent an increase of less than 5 percent, ... Step B"
        if step_a * 100 < cur * 105 and n > 1:
            return STEP, 1, rows.annual[r, 1], TO_B, 0
        return STEP, 0, step_a, TO_A, 0
    top = rows.annual[r, n - 1]
    if cur >= top:
        # "No employee's salary should be increased beyond Step Y"
        if cur == top:
            return KEEP, n - 1, cur, AT_Y, 0
        return KEEP, -1, cur, ABOVE_Y, 0
    # "advanced to the next higher step, or if this represents an increase of less than 5 percent, ... the next
    # highest step which equals or exceeds a 5 percent increase"
    i = lowest_step_above(rows.annual, r, n, cur)
    if rows.annual[r, i] * 100 >= cur * 105:
        return STEP, i, rows.annual[r, i], NEXT, 0
    j = first_step_giving_pct(rows.annual, r, n, cur, 500)
    if j < 0:
        return STEP, n - 1, top, CAP_Y, 0
    return STEP, j, rows.annual[r, j], FIVE_PCT, 0


def reference(annual: list[int], current: int, direction: int, same: int = -1, old_max: int = 1,
              by_grade: bool = True) -> tuple:
    from decimal import Decimal

    direction = ref_range_direction(annual, current, same, old_max, by_grade, direction)
    on = annual.index(current) if current in annual else -1
    if direction < 0:
        return KEEP, on, current, "HAY.promotion_lower_keeps", 0
    if direction == 0:
        return KEEP, on, current, "HAY.promotion_lateral_keeps", 0
    five = Decimal(current) * Decimal("1.05")
    if current < annual[0]:
        if Decimal(annual[0]) < five and len(annual) > 1:
            return STEP, 1, annual[1], "HAY.promotion_to_B", 0
        return STEP, 0, annual[0], "HAY.promotion_to_A", 0
    if current == annual[-1]:
        return KEEP, len(annual) - 1, current, "HAY.promotion_at_Y", 0
    if current > annual[-1]:
        return KEEP, -1, current, "HAY.promotion_above_Y", 0
    nxt = [i for i, rate in enumerate(annual) if rate > current][0]
    if Decimal(annual[nxt]) >= five:
        return STEP, nxt, annual[nxt], "HAY.promotion_next", 0
    enough = [i for i, rate in enumerate(annual) if Decimal(rate) >= five]
    if not enough:
        return STEP, len(annual) - 1, annual[-1], "HAY.promotion_cap_Y", 0
    return STEP, enough[0], annual[enough[0]], "HAY.promotion_5pct", 0
