"""Cresap Schedule C, unclassified teachers (kernels/rules/teacher_same_step.py)."""

from harness import compare_with_reference, random_people, random_rows, run
from hypothesis import given, settings
from hypothesis import strategies as st

from kernels.rules import teacher_same_step


def test_the_eighth_step_goes_to_the_eighth_step():
    # "an individual on the eighth step of the present plan would be repositioned to the eighth step" (line 633)
    r = run("teacher_same_step", "C_II", weekly=15000, same=7)
    assert (r.code, r.step, r.amount, r.unit) == ("C.same_step", 7, 16200, 52)  # $120 + 7 x $6


def test_the_step_is_kept_even_when_it_pays_less():
    r = run("teacher_same_step", "C_II", weekly=17000, same=7)
    assert (r.code, r.annual) == ("C.same_step", 16200 * 52)


def test_every_outcome_has_a_hand_case():
    assert {o.code for o in teacher_same_step.OUTCOMES} == {"C.same_step"}


@settings(max_examples=30, deadline=None)
@given(st.data())
def test_kernel_equals_reference(data):
    rows = data.draw(random_rows())
    people = [p for p in data.draw(random_people(rows, "teacher_same_step")) if p["same"] >= 0]
    compare_with_reference(rows, people, lambda annual, inc, p: teacher_same_step.reference(annual, p["same"] + 1))
