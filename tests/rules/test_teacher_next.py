"""Cresap Schedule C, classified teachers (kernels/rules/teacher_next.py)."""

import pytest
from harness import compare_with_reference, random_people, random_rows, run
from hypothesis import given, settings
from hypothesis import strategies as st

from kernels.rules import teacher_next

CASES = [
    ("C.next_higher", dict(weekly=10000), (12000 * 52, 0, "C.next_higher")),
    # $125: the next rate $126 is +$1, less than the $6 increment: one step more, $132
    ("C.bump_increment", dict(weekly=12500), (13200 * 52, 2, "C.bump_increment")),
    ("C.top_small_raise", dict(weekly=17700), (18000 * 52, 10, "C.top_small_raise")),
    ("C.at_max", dict(weekly=18000), (18000 * 52, 10, "C.at_max")),
    ("C.above_max", dict(weekly=19000), (19000 * 52, -1, "C.above_max")),
]


@pytest.mark.parametrize("pay, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_hand_case(pay, expected):
    r = run("teacher_next", "C_II", **pay)
    assert (r.annual, r.step, r.code) == expected
    assert r.red == (r.code == "C.above_max")


def test_every_outcome_has_a_hand_case():
    assert {c[2][2] for c in CASES} == {o.code for o in teacher_next.OUTCOMES}


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_kernel_equals_reference(data):
    rows = data.draw(random_rows())
    people = data.draw(random_people(rows, "teacher_next"))
    compare_with_reference(rows, people, lambda annual, inc, p: teacher_next.reference(
        annual, inc, p["current_own"] * p["own_periods"]))
