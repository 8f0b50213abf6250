"""Hay's costing, same step (kernels/rules/hay_same_step.py)."""

import pytest
from harness import compare_with_reference, random_people, random_rows, run
from hypothesis import given, settings
from hypothesis import strategies as st

from kernels.rules import hay_same_step

CASES = [  # Schedule I grade 10: step C $7,481, Y $9,094
    ("HAY.same_step", dict(annual=700_000, same=2, direction=1), False, (748_100, 2, "HAY.same_step")),
    ("HAY.retain_lower", dict(annual=800_000, same=2, direction=-1), False, (800_000, -1, "HAY.retain_lower")),
    # off-step and moving to a lower grade: keeps the salary too (lines 307, 986; issue 13, item 11)
    # (by pay: the new top $9,094 is below the present range's $10,000)
    ("HAY.retain_lower.offstep", dict(annual=550_000, same=-1, direction=-1, old_max=1_000_000), False,
     (550_000, -1, "HAY.retain_lower")),
    ("HAY.same_step_lower", dict(annual=800_000, same=2, direction=-1), True, (748_100, 2, "HAY.same_step_lower")),
    ("HAY.offstep_closest", dict(annual=800_000, same=-1, direction=1), False, (824_900, 4, "HAY.offstep_closest")),
    ("HAY.above_max", dict(annual=950_000, same=-1, direction=1), False, (950_000, -1, "HAY.above_max")),
]


@pytest.mark.parametrize("by_grade", [False, True], ids=["by_pay", "by_grade"])
@pytest.mark.parametrize("pay, lower_same, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_hand_case(pay, lower_same, expected, by_grade):
    """Each case's grade direction and pay agree, so both readings give the same placement."""
    r = run("hay_same_step", "I_10", lower_same=lower_same, by_grade=by_grade, **pay)
    assert (r.annual, r.step, r.code) == expected


# Higher or lower by pay, not by grade number (Hay lines 305-307, 986; issue 27, departure 1): class 0834 moved
# from old grade 19 step Y ($16,016) to grade 20, whose step Y is $13,866, is allocated to a lower range and keeps
# $16,016; by grade number (hay_range_by = "grade") it took step Y, a cut of $2,150. Here on grade 10's rows:
# step C at $8,000 on the old plan, new step C $7,481.
CUT = dict(annual=800_000, same=2, direction=1)
# and the other way: a lower grade number whose step C pays more than the present C ($7,000) is a higher range
RAISE = dict(annual=700_000, same=2, direction=-1)


@pytest.mark.parametrize("pay, by_grade, expected", [
    (CUT, False, (800_000, -1, "HAY.retain_lower")),
    (CUT, True, (748_100, 2, "HAY.same_step")),
    (RAISE, False, (748_100, 2, "HAY.same_step")),
    (RAISE, True, (700_000, -1, "HAY.retain_lower")),
    # level: the comparable step pays the present salary, a range neither higher nor lower: the same step
    (dict(annual=748_100, same=2, direction=-1), False, (748_100, 2, "HAY.same_step")),
    # off the steps: the new top against the present range's top, either side of $9,094
    (dict(annual=800_000, same=-1, direction=1, old_max=909_500), False, (800_000, -1, "HAY.retain_lower")),
    (dict(annual=800_000, same=-1, direction=1, old_max=909_300), False, (824_900, 4, "HAY.offstep_closest")),
    # the present range's rates unknown (the 4/74 plan, old_max 1): off its steps, by grade number
    (dict(annual=800_000, same=-1, direction=-1), False, (800_000, -1, "HAY.retain_lower")),
    (dict(annual=800_000, same=-1, direction=1), False, (824_900, 4, "HAY.offstep_closest")),
], ids=["cut_by_pay_kept", "cut_by_grade", "raise_by_pay", "raise_by_grade_kept", "level", "offstep_lower",
        "offstep_higher", "unknown_rates_lower_number", "unknown_rates_higher_number"])
def test_higher_or_lower_range_by_pay_or_by_grade(pay, by_grade, expected):
    r = run("hay_same_step", "I_10", by_grade=by_grade, **pay)
    assert (r.annual, r.step, r.code) == expected


def test_every_outcome_has_a_hand_case():
    assert {c[3][2] for c in CASES} == {o.code for o in hay_same_step.OUTCOMES}


@settings(max_examples=60, deadline=None)
@given(st.data(), st.booleans(), st.booleans())
def test_kernel_equals_reference(data, lower_same, by_grade):
    rows = data.draw(random_rows(periods=(1,)))
    people = data.draw(random_people(rows, "hay_same_step"))
    compare_with_reference(rows, people, lambda annual, inc, p: hay_same_step.reference(
        annual, p["current_own"] * p["own_periods"], p["same"], p["direction"], lower_same, p["old_max"], by_grade),
        lower_same, by_grade)
