"""Cresap 1967, Schedule B: physicians and dentists, by quarter points.

    "- Employees whose present salaries are below the minimum of the proposed pay scale would move to the
    minimum of the proposed pay scale. - ... between the minimum and the first quarter point ... would move to
    the first-quarter point. [and so for the midpoint, the third quarter point and the maximum] - Employees
    whose salaries are above the proposed maximum would remain at their present salaries. - Any employee being
    moved from the present to the proposed structure should receive no less than a 5 per cent increase. - No
    increase should result in a salary beyond the maximum of the pay scale."  (lines 617-627)

A salary exactly at the maximum stays there (no point is above it, and none may pass it). An hourly or weekly
physician is placed by the same annual points: the pay is the printed point, a year.
"""

from numba import njit

from kernels.config import JIT_OPTIONS
from kernels.rules._base import COMPUTED, KEEP, STEP, Outcome, half_up, lowest_step_above, step_of

NAME = "quarter_points"
KINDS = ("quarter_points",)
TO_POINT, MIN_5PCT, CAPPED_MAX, AT_MAX, ABOVE_MAX = range(5)
OUTCOMES = (
    Outcome("B.to_point", "Moved to the next quarter point of {schedule} grade {new_grade} above the present "
            "{present_pay}: {new_step}, {new_pay} (Cresap 1967, lines 619-624)."),
    Outcome("B.min_5pct", "Raised 5 per cent to {new_pay}: the next quarter point of {schedule} grade {new_grade} "
            "above the present {present_pay} was less than 5 per cent higher (Cresap 1967, line 626)."),
    Outcome("B.capped_at_max", "Raised to {new_pay}, the maximum of {schedule} grade {new_grade}: 5 per cent above "
            "the present {present_pay} would pass the maximum, and no increase goes beyond it (Cresap 1967, lines "
            "626-627)."),
    Outcome("B.at_max", "Kept at the present {present_pay}, the maximum of {schedule} grade {new_grade}: no "
            "increase goes beyond the maximum (Cresap 1967, line 627)."),
    Outcome("B.above_max", "Kept at the present {present_pay}, red-circled: above the maximum of {schedule} grade "
            "{new_grade} (Cresap 1967, line 625)."),
)

@njit(**JIT_OPTIONS)
def decide(p, person, rows, options):
    r = person.row[p]
    n = rows.n_steps[r]
    cur = person.current[p]
    top = rows.annual[r, n - 1]
    # "Employees whose salaries are above the proposed maximum would remain at their present salaries."
    if cur > top:
        return KEEP, -1, cur, ABOVE_MAX, 0
    if cur == top:
        return KEEP, n - 1, cur, AT_MAX, 0
    # below the minimum, to the minimum; between two points, to the higher
    i = lowest_step_above(rows.annual, r, n, cur)
    # "no less than a 5 per cent increase" (half up to the cent); "No increase ... beyond the maximum"
    at_least = half_up(cur * 105, 100)
    if rows.annual[r, i] >= at_least:
        return STEP, i, rows.annual[r, i], TO_POINT, 0
    if at_least > top:
        return STEP, n - 1, top, CAPPED_MAX, 0
    s = step_of(rows.annual, r, n, at_least)
    if s >= 0:
        return STEP, s, at_least, MIN_5PCT, 0
    return COMPUTED, -1, at_least, MIN_5PCT, 0


def reference(points: list[int], current: int) -> tuple:
    from decimal import ROUND_HALF_UP, Decimal

    if current > points[-1]:
        return KEEP, -1, current, "B.above_max", 0
    if current == points[-1]:
        return KEEP, len(points) - 1, current, "B.at_max", 0
    target = [p for p in points if p > current][0]
    five = int((Decimal(current) * Decimal("1.05")).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if target >= five:
        return STEP, points.index(target), target, "B.to_point", 0
    if five > points[-1]:
        return STEP, len(points) - 1, points[-1], "B.capped_at_max", 0
    return (STEP, points.index(five), five, "B.min_5pct", 0) if five in points else (COMPUTED, -1, five,
                                                                                     "B.min_5pct", 0)
