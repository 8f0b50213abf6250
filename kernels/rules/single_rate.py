"""Cresap 1967, Schedule D: single-rate unclassified positions, and the Assistant Attorney General ranges.

    "In order to ensure that movement into the proposed salary plan be within reasonable limits, it is suggested
    that increases be limited to no more than $2,000 per year."  (line 538)

    "... those positions in the unclassified service whose salaries are fixed by various laws, committees,
    boards, etc. ... be the subject of proper administrative and legislative action to bring these salaries into
    line with the proposals made in this report."  (lines 647-649)

Schedule D gives most titles one rate and the two Assistant Attorney General levels a range ($7,500-$10,500,
$9,500-$13,000, lines 553-554). A salary below the rate (or the range's minimum) is brought to it, the raise
limited to the scenario's single_rate_max_raise a year (the $2,000 of line 538) with the rest owed and paid in
later years; a salary within a range is kept; above the rate or range it is kept, red-circled
(A-CRESAP-D-ABOVE).
"""

from numba import njit

from kernels.config import JIT_OPTIONS
from kernels.rules._base import COMPUTED, KEEP, NO_CAP, STEP, Outcome, step_of

NAME = "single_rate"
KINDS = ("single_rate",)
SINGLE_RATE, TO_RANGE_MINIMUM, RAISE_CAPPED, IN_RANGE, ABOVE = range(5)
OUTCOMES = (
    Outcome("D.single_rate", "Paid the single rate of Schedule D, {new_pay} (Cresap 1967, lines 647-655)."),
    Outcome("D.to_range_minimum", "Brought to the minimum of Schedule D's {new_grade} range, {new_pay} (Cresap 1967, "
            "lines 553-554, 647-655)."),
    Outcome("D.raise_capped", "Raised by the limit of {max_raise} a year to {new_pay}: Schedule D's {new_grade} pays "
            "{target}, and {owed} is still owed (Cresap 1967, line 538)."),
    Outcome("D.in_range", "Kept at the present {present_pay}: already within Schedule D's {new_grade} range (Cresap "
            "1967, lines 553-554)."),
    Outcome("D.above_rate", "Kept at the present {present_pay}, red-circled: above Schedule D's {new_grade} "
            "(assumption A-CRESAP-D-ABOVE).", "A-CRESAP-D-ABOVE"),
)


@njit(**JIT_OPTIONS)
def decide(p, person, rows, options):
    r = person.row[p]
    n = rows.n_steps[r]
    cur = person.current[p]
    low = rows.annual[r, 0]
    if cur > rows.annual[r, n - 1]:
        return KEEP, -1, cur, ABOVE, 0
    if n > 1 and cur >= low:
        return KEEP, step_of(rows.annual, r, n, cur), cur, IN_RANGE, 0
    # "increases be limited to no more than $2,000 per year"
    limit = person.max_raise[p]
    if limit != NO_CAP and low - cur > limit:
        return COMPUTED, -1, cur + limit, RAISE_CAPPED, low - cur - limit
    return STEP, 0, low, SINGLE_RATE if n == 1 else TO_RANGE_MINIMUM, 0


def reference(annual: list[int], current: int, max_raise: int | None) -> tuple:
    if current > annual[-1]:
        return KEEP, -1, current, "D.above_rate", 0
    if len(annual) > 1 and current >= annual[0]:
        return KEEP, annual.index(current) if current in annual else -1, current, "D.in_range", 0
    if max_raise is not None and annual[0] - current > max_raise:
        return COMPUTED, -1, current + max_raise, "D.raise_capped", annual[0] - current - max_raise
    return STEP, 0, annual[0], "D.single_rate" if len(annual) == 1 else "D.to_range_minimum", 0
