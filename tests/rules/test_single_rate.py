"""Cresap Schedule D (kernels/rules/single_rate.py)."""

import pytest
from harness import compare_with_reference, random_people, random_rows, run
from hypothesis import given, settings
from hypothesis import strategies as st

from kernels.rules import single_rate
from kernels.rules._base import NO_CAP

CASES = [
    ("D.single_rate", "D_15", dict(annual=1_400_000, max_raise=200_000), (1_500_000, 0, "D.single_rate", 0)),
    # $9,500 to a $15,000 rate: $2,000 now, $3,500 a year still owed (line 538)
    ("D.raise_capped", "D_15", dict(annual=950_000, max_raise=200_000), (1_150_000, -1, "D.raise_capped", 350_000)),
    ("D.above_rate", "D_15", dict(annual=1_600_000, max_raise=200_000), (1_600_000, -1, "D.above_rate", 0)),
    ("D.to_range_minimum", "D_AAG2", dict(annual=800_000, max_raise=200_000),
     (950_000, 0, "D.to_range_minimum", 0)),
    # the $2,000 limit holds for the Assistant Attorneys General too: $7,000 -> $9,000, $500 owed (issue 13, item 2)
    ("D.raise_capped.AAG", "D_AAG2", dict(annual=700_000, max_raise=200_000),
     (900_000, -1, "D.raise_capped", 50_000)),
    ("D.in_range", "D_AAG2", dict(annual=1_000_000, max_raise=200_000), (1_000_000, -1, "D.in_range", 0)),
]


@pytest.mark.parametrize("row, pay, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_hand_case(row, pay, expected):
    r = run("single_rate", row, **pay)
    assert (r.annual, r.step, r.code, r.owed) == expected


def test_every_outcome_has_a_hand_case():
    assert {c[3][2] for c in CASES} == {o.code for o in single_rate.OUTCOMES}


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_kernel_equals_reference(data):
    rows = data.draw(random_rows(periods=(1,)))
    people = data.draw(random_people(rows, "single_rate"))
    compare_with_reference(rows, people, lambda annual, inc, p: single_rate.reference(
        annual, p["current_own"] * p["own_periods"], None if p["max_raise"] == NO_CAP else p["max_raise"]))
