"""Hay's promotion rule (kernels/rules/hay_promotion.py)."""

import pytest
from harness import compare_with_reference, random_people, random_rows, run
from hypothesis import given, settings
from hypothesis import strategies as st

from kernels.rules import hay_promotion

CASES = [
    ("HAY.promotion_to_A", dict(annual=600_000, direction=1), (678_600, 0, "HAY.promotion_to_A")),
    # $6,500 x 1.05 = $6,825 > A $6,786: step B
    ("HAY.promotion_to_B", dict(annual=650_000, direction=1), (712_500, 1, "HAY.promotion_to_B")),
    # at C $7,481: D $7,856 >= $7,855.05
    ("HAY.promotion_next", dict(annual=748_100, direction=1), (785_600, 3, "HAY.promotion_next")),
    # $7,000: next B $7,125 < $7,350; C $7,481 is the first step at +5 %
    ("HAY.promotion_5pct", dict(annual=700_000, direction=1), (748_100, 2, "HAY.promotion_5pct")),
    ("HAY.promotion_cap_Y", dict(annual=900_000, direction=1), (909_400, 6, "HAY.promotion_cap_Y")),
    ("HAY.promotion_at_Y", dict(annual=909_400, direction=1), (909_400, 6, "HAY.promotion_at_Y")),
    ("HAY.promotion_above_Y", dict(annual=950_000, direction=1), (950_000, -1, "HAY.promotion_above_Y")),
    # a move down keeps the salary (line 986; issue 13, item 12): $6,400 is not raised to X
    ("HAY.promotion_lower_keeps", dict(annual=640_000, direction=-1), (640_000, -1, "HAY.promotion_lower_keeps")),
    ("HAY.promotion_lateral_keeps", dict(annual=640_000, direction=0),
     (640_000, -1, "HAY.promotion_lateral_keeps")),
]


@pytest.mark.parametrize("pay, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_hand_case(pay, expected):
    """By grade number (hay_range_by = "grade"): the direction given."""
    r = run("hay_promotion", "I_10", by_grade=True, **pay)
    assert (r.annual, r.step, r.code) == expected
    assert r.red == (r.code == "HAY.promotion_above_Y")


def test_every_outcome_has_a_hand_case():
    assert {c[2][2] for c in CASES} == {o.code for o in hay_promotion.OUTCOMES}


@pytest.mark.parametrize("pay, expected", [
    # by pay: step C held at $8,000, the new C $7,481: a lower range, the salary kept whatever the grade numbers
    (dict(annual=800_000, same=2, direction=1), (800_000, -1, "HAY.promotion_lower_keeps")),
    # the new C pays the present $7,481: level, kept
    (dict(annual=748_100, same=2, direction=1), (748_100, 2, "HAY.promotion_lateral_keeps")),
    # the new C $7,481 above the present $7,000 though the grade number falls: a promotion, C is the first +5 %
    (dict(annual=700_000, same=2, direction=-1), (748_100, 2, "HAY.promotion_5pct")),
], ids=["lower_by_pay", "level_by_pay", "higher_by_pay"])
def test_higher_or_lower_by_pay(pay, expected):
    r = run("hay_promotion", "I_10", **pay)
    assert (r.annual, r.step, r.code) == expected


@settings(max_examples=60, deadline=None)
@given(st.data(), st.booleans())
def test_kernel_equals_reference(data, by_grade):
    rows = data.draw(random_rows(periods=(1,)))
    people = data.draw(random_people(rows, "hay_promotion"))
    compare_with_reference(rows, people, lambda annual, inc, p: hay_promotion.reference(
        annual, p["current_own"] * p["own_periods"], p["direction"], p["same"], p["old_max"], by_grade),
        by_grade=by_grade)
