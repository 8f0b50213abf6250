"""Cresap Schedule A (kernels/rules/cresap_a.py): one hand case per branch, and the reference on random rows."""

import pytest
from harness import compare_with_reference, random_people, random_rows, run
from hypothesis import given, settings
from hypothesis import strategies as st

from kernels.rules import cresap_a

CASES = [
    ("A.lowest_above", dict(weekly=7500), (416_000, 0, "A.lowest_above")),
    # "$77.50 ... Step A, $80 ... only an increase of $2.50, which is less than the normal step-to-step increase of
    # $4 for Grade 7. Therefore, the move is made to Step B, $84" (line 579)
    ("A.bump_increment", dict(weekly=7750, floor=1), (436_800, 1, "A.bump_increment")),
    ("A.top_small_raise", dict(weekly=10200), (540_800, 6, "A.top_small_raise")),
    ("A.floor_B", dict(weekly=7000, floor=1), (436_800, 1, "A.floor_B")),
    ("A.floor_C", dict(weekly=7000, floor=2), (457_600, 2, "A.floor_C")),
    ("A.at_top", dict(weekly=10400), (540_800, 6, "A.at_top")),
    ("A.above_max", dict(weekly=10650), (553_800, -1, "A.above_max")),
    # an annual salary in its own basis: $4,160.01 is above A ($4,160.00 a year); B is +$207.99, under the $208
    # increment, so C (issue 13, item 3)
    ("A.bump_increment.annual", dict(annual=416_001), (457_600, 2, "A.bump_increment")),
    # an hourly $2.00 is exactly A ($80 a week): the lowest step above is B, +$4 = the increment
    ("A.lowest_above.hourly", dict(hourly=200), (436_800, 1, "A.lowest_above")),
]


@pytest.mark.parametrize("pay, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_hand_case(pay, expected):
    r = run("cresap_a", "A7", **pay)
    assert (r.annual, r.step, r.code) == expected
    assert r.red == (r.code == "A.above_max") and not r.green


def test_an_hourly_person_placed_on_a_step_is_paid_the_weekly_rate_over_40():
    # $1.90 an hour is $76 a week: A $80 is +$4, the increment: step A, $80.00 a week / 40 = $2.00 an hour
    r = run("cresap_a", "A7", hourly=190)
    assert (r.step, r.amount, r.unit, r.annual) == (0, 200, 2080, 200 * 2080)
    # $2.37 an hour ($94.80 a week): the lowest step above is E $96 (+$1.20, under $4): F $100 / 40 = $2.50
    r = run("cresap_a", "A7", hourly=237)
    assert (r.step, r.amount, r.unit, r.code) == (5, 250, 2080, "A.bump_increment")


def test_an_hourly_rate_is_compared_with_the_hourly_rates():
    # grade 1, step G: $75 a week / 40 = $1.875, $1.88 an hour (line 613). $1.88 an hour is step G, at the top,
    # not above it (in weekly terms it would be $75.20); $1.89 is above G and red-circled.
    r = run("cresap_a", "A1", hourly=188)
    assert (r.step, r.amount, r.code, r.red) == (6, 188, "A.at_top", False)
    r = run("cresap_a", "A1", hourly=189)
    assert (r.step, r.amount, r.code, r.red) == (-1, 189, "A.above_max", True)
    # $1.87: G is $0.01 more, under the $0.075 increment: G, $1.88
    r = run("cresap_a", "A1", hourly=187)
    assert (r.step, r.amount, r.code, r.red) == (6, 188, "A.top_small_raise", False)


def test_every_outcome_has_a_hand_case():
    assert {c[2][2] for c in CASES} == {o.code for o in cresap_a.OUTCOMES}


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_kernel_equals_reference(data):
    rows = data.draw(random_rows())
    people = data.draw(random_people(rows, "cresap_a"))
    compare_with_reference(rows, people, lambda annual, inc, p: cresap_a.reference(
        annual, inc, p["current_own"] * p["own_periods"], p["old_step"]))
