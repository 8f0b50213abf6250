"""What the placement kernel adds to every rule (kernels/place.py): exclusion, a group's cap on the raise, the
special premiums, and the explicit list of rules."""

import pytest
from harness import run

from kernels import rules as R


def test_excluded_keeps_the_present_pay():
    r = run("excluded", "A7", weekly=7000)
    assert (r.code, r.annual, r.step, r.red, r.green) == ("EXCLUDED", 7000 * 52, -1, False, False)


@pytest.mark.parametrize("cap, expected", [
    # $70 a week to the $80 minimum is +$520 a year; capped at $260 a year: $3,900.00 a year, $260 owed
    (dict(cap_amount=26_000), (7000 * 52 + 26_000, "CAP.amount", 26_000)),
    # 5 % of $3,640 a year = $182 a year: $3,822.00 a year, $338 owed
    (dict(cap_bp=500), (7000 * 52 + 18_200, "CAP.pct", 52_000 - 18_200)),
    # both: the tighter binds
    (dict(cap_amount=20_000, cap_bp=500), (7000 * 52 + 18_200, "CAP.pct", 52_000 - 18_200)),
])
def test_a_group_cap_limits_the_annual_raise_exactly(cap, expected):
    r = run("to_minimum", "A7", weekly=7000, **cap)
    assert (r.annual, r.code, r.owed) == expected
    assert r.green


def test_special_premiums_are_on_top_of_the_pay_and_outside_the_circles():
    # an education specialist at G with a Master's: 4 % on $540.80 a year... ($104 x 52 = $5,408.00): $5,624.32
    r = run("cresap_a", "A7", weekly=10400, premium_bp=400)
    assert (r.annual, r.with_premium, r.red) == (540_800, 562_432, False)
    # a board-certified physician at the maximum: $21,000 + $1,000 "above and beyond the proposed salary range"
    r = run("quarter_points", "B_E", annual=2_100_000, premium_add=100_000)
    assert (r.annual, r.with_premium, r.red, r.code) == (2_100_000, 2_200_000, False, "B.at_max")


def test_the_rules_are_an_explicit_list_with_unique_codes():
    assert [m.NAME for m in R.RULES] == list(R.RULE_ID)
    assert len(set(R.CODES)) == R.N_OUTCOMES
    for m in R.RULES:
        assert m.__doc__ and '"' in m.__doc__ or m.NAME in ("to_minimum", "closest_step", "years_in_class",
                                                             "next_pct", "same_position"), m.NAME
        assert callable(m.reference) and len(m.OUTCOMES) >= 1
