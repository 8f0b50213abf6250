"""The generic rules for your own schedules: to_minimum, closest_step, years_in_class, next_pct, same_position."""

import pytest
from harness import compare_with_reference, random_people, random_rows, run
from hypothesis import given, settings
from hypothesis import strategies as st

from kernels.rules import closest_step, next_pct, same_position, to_minimum, years_in_class

CASES = [
    ("to_minimum", dict(annual=600_000), (678_600, 0, "GEN.to_minimum")),
    ("to_minimum", dict(annual=700_000), (700_000, -1, "GEN.no_change")),
    ("to_minimum", dict(annual=950_000), (950_000, -1, "GEN.above_max")),
    ("closest_step", dict(annual=700_000), (712_500, 1, "GEN.closest_step")),
    ("closest_step", dict(annual=950_000), (950_000, -1, "GEN.closest_above_max")),
    ("years_in_class", dict(annual=700_000, years=3), (785_600, 3, "GEN.years_in_class")),
    ("years_in_class", dict(annual=700_000, years=0), (712_500, 1, "GEN.years_fallback")),
    ("years_in_class", dict(annual=950_000, years=0), (950_000, -1, "GEN.years_above_max")),
    ("next_pct", dict(annual=700_000, pct_bp=1000), (785_600, 3, "GEN.next_pct")),
    ("next_pct", dict(annual=890_000, pct_bp=1000), (909_400, 6, "GEN.next_pct_top")),
    ("next_pct", dict(annual=909_400, pct_bp=1000), (909_400, 6, "GEN.next_pct_at_top")),
    ("next_pct", dict(annual=950_000, pct_bp=1000), (950_000, -1, "GEN.next_pct_above_max")),
    # old range $5,000-$7,000, at $6,000 (half way): $6,786 + ($9,094 - $6,786) / 2 = $7,940
    ("same_position", dict(annual=600_000, old_min=500_000, old_max=700_000), (794_000, -1, "GEN.same_position")),
]
MODULES = {m.NAME: m for m in (to_minimum, closest_step, years_in_class, next_pct, same_position)}


@pytest.mark.parametrize("rule, pay, expected", CASES, ids=[c[2][2] for c in CASES])
def test_hand_case(rule, pay, expected):
    r = run(rule, "I_10", **pay)
    assert (r.annual, r.step, r.code) == expected


def test_every_outcome_has_a_hand_case():
    assert {c[2][2] for c in CASES} == {o.code for m in MODULES.values() for o in m.OUTCOMES}


REFERENCES = {
    "to_minimum": lambda annual, inc, p: to_minimum.reference(annual, p["current_own"] * p["own_periods"]),
    "closest_step": lambda annual, inc, p: closest_step.reference(annual, p["current_own"] * p["own_periods"]),
    "years_in_class": lambda annual, inc, p: years_in_class.reference(annual, p["current_own"] * p["own_periods"],
                                                                      p["years"]),
    "next_pct": lambda annual, inc, p: next_pct.reference(annual, p["current_own"] * p["own_periods"], p["pct_bp"]),
    "same_position": lambda annual, inc, p: same_position.reference(annual, p["current_own"] * p["own_periods"],
                                                                    p["old_min"], p["old_max"]),
}


@pytest.mark.parametrize("rule", sorted(REFERENCES))
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_kernel_equals_reference(rule, data):
    rows = data.draw(random_rows())
    compare_with_reference(rows, data.draw(random_people(rows, rule)), REFERENCES[rule])
