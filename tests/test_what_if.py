"""The explorer's what-if inputs as a scenario (dashboards.app.what_if_variant): a phase-in cap and a placement
rule per schedule on a hand-computed case (one grade, three employees), the same cents the long way, and a
value the scenario cannot take said in words. The browser wiring: tests/test_dashboards.py."""

import pytest

from dashboards.app import rule_choices, what_if_variant
from simulator.recost import Recoster
from simulator.roster import load_roster
from simulator.scenario import load_scenario
from tests.test_solve import _case


def _one_grade(tmp_path):
    roster, scenario = _case(tmp_path, "to_minimum", [("A", "70.00"), ("B", "80.00"), ("C", "90.00")])
    return load_roster(roster)[0], load_scenario(scenario)


def test_a_phase_in_cap_pays_the_limit_in_the_first_year(tmp_path):
    """To the new minimum, $100.00 a week, from $70, $80, $90. A 20 % cap: $84.00 (owed $16), $96.00 (owed $4),
    $100.00 (a $10 raise, under $18): first year 52 x (280 - 240) = $2,080.00; uncapped 52 x 60 = $3,120.00.
    What is owed is paid from the second year (with the steps that year): there, the fast way is held to the
    long one."""
    roster, scenario = _one_grade(tmp_path)
    rc = Recoster(roster, scenario, years=2)
    capped = what_if_variant(scenario, 2, cap_pct=20)
    m = rc.measures(capped)
    assert m["first_year_cost_cents"] == 208_000
    assert m["total_cost_cents"] - m["first_year_cost_cents"] > 312_000  # the owed paid, on top of year one's
    assert m["winners"] == 3 and m["losers"] == 0
    assert rc.measures(what_if_variant(scenario, 2))["first_year_cost_cents"] == 312_000
    assert m == rc.measures(capped, long=True)


def test_another_rule_per_schedule(tmp_path):
    """closest_step instead of to_minimum: $70 -> A $100, $80 -> A $100, $90 -> A $100 (the step nearest at or
    above the present pay is A for all three): the same $3,120.00; next_pct instead is checked to differ."""
    roster, scenario = _one_grade(tmp_path)
    rc = Recoster(roster, scenario, years=1)
    assert "closest_step" in rule_choices(scenario)["NEW"] and rule_choices(scenario)["NEW"][0] == "to_minimum"
    closest = rc.measures(what_if_variant(scenario, 1, rules={"NEW": "closest_step"}))
    assert closest["first_year_cost_cents"] == 312_000
    assert rc.slow == 1  # another rule: placed again from the prepared roster


@pytest.mark.parametrize("kwargs, said", [({"cap_pct": -5}, "above 0 and at most 100"),
                                          ({"cap_pct": 150}, "above 0 and at most 100"),
                                          ({"rules": {"NEW": "teacher_next"}}, "cannot place onto Schedule NEW"),
                                          ({"pcts": {"NEW": -95}}, "from -90 to 1,000 per cent")])
def test_a_value_the_scenario_cannot_take_is_said(tmp_path, kwargs, said):
    _, scenario = _one_grade(tmp_path)
    with pytest.raises(ValueError, match=said):
        what_if_variant(scenario, 1, **kwargs)
