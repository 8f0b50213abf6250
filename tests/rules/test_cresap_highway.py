"""The highway maintenance table (kernels/rules/cresap_highway.py)."""

from harness import compare_with_reference, random_people, random_rows, run
from hypothesis import given, settings
from hypothesis import strategies as st

from kernels.rules import cresap_highway


def test_the_table_names_the_step_and_hourly_pay_is_the_weekly_rate_over_40():
    # Highway Maintenance Man II, present 7 B -> proposed 5 C (line 595); here on grade 7's row, step D given
    r = run("cresap_highway", "A7", hourly=185, fixed=3)
    assert (r.code, r.step, r.amount, r.unit) == ("HWY.crosswalk", 3, 230, 2080)  # $92 a week / 40 = $2.30
    assert r.annual == 230 * 2080 and not r.red and not r.green


def test_every_outcome_has_a_hand_case():
    assert {o.code for o in cresap_highway.OUTCOMES} == {"HWY.crosswalk"}


@settings(max_examples=30, deadline=None)
@given(st.data())
def test_kernel_equals_reference(data):
    rows = data.draw(random_rows())
    people = data.draw(random_people(rows, "cresap_highway"))
    compare_with_reference(rows, people, lambda annual, inc, p: cresap_highway.reference(annual, p["fixed"]))
