"""Overtime: the pay for a position's regular hours over 40 a week, by the rule of its branch (the status quo's or
the reform's), added to the pay of the year (its cash and its annual cost) so that the employer's benefits on pay
follow it. simulator/overtime.py reads the scenario's [overtime] table into the rules and hours.

    "Employees whose base salaries are less than $150 per week should receive time and one-half for all
    overtime ...; Employees whose salaries range from $150 to $225 per week should receive straight time ...;
    Employees whose salaries exceed $225 per week should not receive cash payment for overtime ...; Seasonal or
    part-time employees should be paid on the basis of straight time for overtime."  (Cresap lines 757-762)
    "Employees on an hourly rate are presently compensated on a straight time basis for hours worked in excess
    of 40."  (line 754)
    Highway maintenance men: "If the Department wishes to continue the standard work week as 45 hours ...
    employees should receive time-and-one-half salary for all time over 40 hours."  (line 747)

The band is the base pay at the year's end, compared in the pay's own unit ($150 a week is $3.75 an hour and
$7,800 a year); the hours are the scheduled hours a week, the same every week of the year (A-PROJ-OVERTIME).
"""

from numba import njit

from kernels.config import INLINE_OPTIONS
from kernels.rules._base import half_up

# a branch's overtime rule: none paid in cash, straight time, time and a half, Cresap's bands by base pay
OT_NONE, OT_STRAIGHT, OT_HALF, OT_BANDS = 0, 1, 2, 3
RULE_NAMES = {"none": OT_NONE, "straight_time": OT_STRAIGHT, "time_and_a_half": OT_HALF, "cresap_1967": OT_BANDS}


@njit(**INLINE_OPTIONS)
def multiplier_tenths(rule, base_annual, fte_k, low_annual, high_annual):
    """The overtime rate in tenths of the straight rate (15 time and a half, 10 straight, 0 none) under ``rule``
    for a base pay of ``base_annual`` cents a year (the bands' edges a year: $150 and $225 a week x 52)."""
    if rule == OT_HALF:
        return 15
    if rule == OT_STRAIGHT:
        return 10
    if rule == OT_BANDS:
        if fte_k < 1000:  # "Seasonal or part-time employees ... straight time"
            return 10
        if base_annual < low_annual:  # "less than $150 per week"
            return 15
        if base_annual <= high_annual:  # "from $150 to $225 per week"
            return 10
    return 0  # none, or "exceed $225 per week"


@njit(**INLINE_OPTIONS)
def overtime_pay(pay_cents, hours_c, tenths):
    """The overtime on ``pay_cents`` of straight pay for 40 hours a week: pay / 40 hours x the hours over 40
    (``hours_c``, hundredths) x the rate (tenths), half up to the cent."""
    return half_up(pay_cents * hours_c * tenths, 40 * 100 * 10)


def reference(rule: int, base_annual: int, fte_k: int, pay_cents: int, hours_c: int, low: int, high: int) -> int:
    """overtime_pay x multiplier_tenths in plain Python, with fractions."""
    from fractions import Fraction

    if rule == OT_HALF:
        m = Fraction(3, 2)
    elif rule == OT_STRAIGHT or (rule == OT_BANDS and (fte_k < 1000 or low <= base_annual <= high)):
        m = Fraction(1)
    elif rule == OT_BANDS and base_annual < low:
        m = Fraction(3, 2)
    else:
        m = Fraction(0)
    x = Fraction(pay_cents, 40) * Fraction(hours_c, 100) * m
    return int(x + Fraction(1, 2))
