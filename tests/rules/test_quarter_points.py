"""Cresap Schedule B (kernels/rules/quarter_points.py)."""

import pytest
from harness import compare_with_reference, random_people, random_rows, run
from hypothesis import given, settings
from hypothesis import strategies as st

from kernels.rules import quarter_points

CASES = [
    ("B.to_point", dict(annual=1_400_000), (1_500_000, 0, "B.to_point")),
    # "a Physician III presently in Grade 37, Step C at $305 would move to the first-quarter point or
    # approximately $317. Since this does not represent a 5 per cent increase ... 5 per cent above $305 or
    # approximately $320" (line 629): $15,860 x 1.05 = $16,653.00 a year, $320.25 a week
    ("B.min_5pct", dict(weekly=30500), (1_665_300, -1, "B.min_5pct")),
    ("B.capped_at_max", dict(annual=2_050_000), (2_100_000, 4, "B.capped_at_max")),
    ("B.at_max", dict(annual=2_100_000), (2_100_000, 4, "B.at_max")),
    ("B.above_max", dict(annual=2_200_000), (2_200_000, -1, "B.above_max")),
    # an hourly physician, $5.52 x 2080 = $11,481.60 a year, below grade E: its printed minimum, a year
    ("B.to_point.hourly", dict(hourly=552), (1_500_000, 0, "B.to_point")),
]


@pytest.mark.parametrize("pay, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_hand_case(pay, expected):
    r = run("quarter_points", "B_E", **pay)
    assert (r.annual, r.step, r.code) == expected


def test_the_physician_example_is_320_25_a_week():
    r = run("quarter_points", "B_E", weekly=30500)
    assert (r.amount, r.unit) == (32_025, 52)


def test_an_hourly_physician_is_paid_the_printed_point_a_year():
    r = run("quarter_points", "B_E", hourly=552)
    assert (r.amount, r.unit) == (1_500_000, 1)  # not $7.21 an hour x 2080 = $14,996.80


def test_every_outcome_has_a_hand_case():
    assert {c[2][2] for c in CASES} == {o.code for o in quarter_points.OUTCOMES}


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_kernel_equals_reference(data):
    rows = data.draw(random_rows())
    people = data.draw(random_people(rows, "quarter_points"))
    compare_with_reference(rows, people, lambda annual, inc, p: quarter_points.reference(
        annual, p["current_own"] * p["own_periods"]))
