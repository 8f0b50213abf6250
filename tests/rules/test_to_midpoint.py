"""to_midpoint (kernels/rules/to_midpoint.py): a hand case per branch, and the reference on random rows."""

import pytest
from harness import compare_with_reference, random_people, random_rows, run
from hypothesis import given, settings
from hypothesis import strategies as st

from kernels.rules import to_midpoint

# Hay Schedule I grade 10, $6,786-$9,094: the midpoint is $7,940.00
CASES = [
    ("GEN.to_midpoint", dict(annual=700_000), (794_000, -1, "GEN.to_midpoint")),
    ("GEN.at_or_above_midpoint", dict(annual=800_000), (800_000, -1, "GEN.at_or_above_midpoint")),
    ("at_the_top", dict(annual=909_400), (909_400, 6, "GEN.at_or_above_midpoint")),
    ("GEN.above_max_mid", dict(annual=950_000), (950_000, -1, "GEN.above_max_mid")),
]


@pytest.mark.parametrize("pay, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_hand_case(pay, expected):
    r = run("to_midpoint", "I_10", **pay)
    assert (r.annual, r.step, r.code) == expected
    assert r.red == (r.code == "GEN.above_max_mid")


def test_a_midpoint_of_half_a_cent_rounds_up():
    # $80-$104 a week: $4,160-$5,408 a year, midpoint $4,784.00 (whole); weekly $80.00-$104.01 would be
    # $4,160.00-$5,408.52 and a midpoint of $4,784.26
    r = run("to_midpoint", "A7", weekly=7000)
    assert (r.annual, r.amount, r.unit) == (478_400, 9200, 52)  # $92.00 a week, step D
    assert r.step == 3


def test_every_outcome_has_a_hand_case():
    assert {c[2][2] for c in CASES} == {o.code for o in to_midpoint.OUTCOMES}


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_kernel_equals_reference(data):
    rows = data.draw(random_rows())
    people = data.draw(random_people(rows, "to_midpoint"))
    compare_with_reference(rows, people, lambda annual, inc, p: to_midpoint.reference(
        annual, p["current_own"] * p["own_periods"]))
