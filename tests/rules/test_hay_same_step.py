"""Hay's costing, same step (kernels/rules/hay_same_step.py)."""

import pytest
from harness import compare_with_reference, random_people, random_rows, run
from hypothesis import given, settings
from hypothesis import strategies as st

from kernels.rules import hay_same_step

CASES = [
    ("HAY.same_step", dict(annual=700_000, same=2, direction=1), False, (748_100, 2, "HAY.same_step")),
    ("HAY.retain_lower", dict(annual=800_000, same=2, direction=-1), False, (800_000, -1, "HAY.retain_lower")),
    # off-step and moving to a lower grade: keeps the salary too (lines 307, 986; issue 13, item 11)
    ("HAY.retain_lower.offstep", dict(annual=550_000, same=-1, direction=-1), False,
     (550_000, -1, "HAY.retain_lower")),
    ("HAY.same_step_lower", dict(annual=800_000, same=2, direction=-1), True, (748_100, 2, "HAY.same_step_lower")),
    ("HAY.offstep_closest", dict(annual=800_000, same=-1, direction=1), False, (824_900, 4, "HAY.offstep_closest")),
    ("HAY.above_max", dict(annual=950_000, same=-1, direction=1), False, (950_000, -1, "HAY.above_max")),
]


@pytest.mark.parametrize("pay, lower_same, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_hand_case(pay, lower_same, expected):
    r = run("hay_same_step", "I_10", lower_same=lower_same, **pay)
    assert (r.annual, r.step, r.code) == expected


def test_every_outcome_has_a_hand_case():
    assert {c[3][2] for c in CASES} == {o.code for o in hay_same_step.OUTCOMES}


@settings(max_examples=60, deadline=None)
@given(st.data(), st.booleans())
def test_kernel_equals_reference(data, lower_same):
    rows = data.draw(random_rows(periods=(1,)))
    people = data.draw(random_people(rows, "hay_same_step"))
    compare_with_reference(rows, people, lambda annual, inc, p: hay_same_step.reference(
        annual, p["current_own"] * p["own_periods"], p["same"], p["direction"], lower_same), lower_same)
