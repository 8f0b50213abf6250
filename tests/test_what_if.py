"""The explorer's what-if inputs as a scenario (dashboards.what_if.what_if_variant): a phase-in cap and a placement
rule per schedule on a hand-computed case (one grade, three employees), the same cents the long way, and a
value the scenario cannot take said in words. The browser wiring: tests/test_dashboards.py."""

import pytest

from dashboards.what_if import rule_choices, what_if_variant
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


@pytest.mark.parametrize("typed, value", [("-2.15", "-2.15"), ("2.10", "2.10"), ("  +3 ", "3.00"), ("", "0.00"),
                                          (None, "0.00"), ("\u22122.15", "-2.15"), (".5", "0.50"), ("-90", "-90.00"),
                                          ("1000", "1000.00")])
def test_a_typed_percent_is_read_as_exactly_the_number_shown(typed, value):
    from decimal import Decimal

    from dashboards.what_if import SCHEDULE_PCT, read_percent

    assert read_percent(typed, "Schedule I", SCHEDULE_PCT) == Decimal(value)


@pytest.mark.parametrize("typed, said", [("2.155", "more than two decimals"), ("-100", "outside -90 to 1,000 %"),
                                         ("1e6", "'1e6' is not a number"), ("1000000", "outside -90 to 1,000 %"),
                                         ("abc", "'abc' is not a number"), ("1,5", "is not a number"),
                                         ("nan", "is not a number"), (["1"], "not a number"), (True, "not a number")])
def test_a_typed_percent_that_cannot_be_costed_as_shown_is_refused(typed, said):
    from dashboards.what_if import SCHEDULE_PCT, read_percent

    with pytest.raises(ValueError, match=said):
        read_percent(typed, "Schedule I", SCHEDULE_PCT)


class _App:
    """Stands in for a Dash app: keeps the callback the what-if panel registers, and calls it as Dash does when a
    box is entered (the boxes' n_submit and n_blur counts, then their values, then the rules)."""

    def callback(self, *io):
        self.boxes = sum(1 for d in io if getattr(d, "component_property", "") == "n_submit")
        return lambda fn: setattr(self, "on_enter", fn)

    def fn(self, *values_and_rules):
        return self.on_enter(*([1] * (2 * self.boxes)), *values_and_rules)


def _headline_text(children) -> str:
    children = children if isinstance(children, list) else [children]
    return " ".join(str(c.children) for c in children)


def test_the_panel_costs_what_it_shows_or_says_why_not(tmp_path):
    """The panel's own callback: -2.15 costs what solve's parameter gives at -2.15 (the long way, to the cent) and
    says it costed -2.15; 2.155, -100 and 1e6 on the schedule and -100 or 1,000,000 as a general increase are
    refused with the reason and no figure, each input named; re-entering a bad value says it again."""
    from dashboards.what_if import what_if_panel
    from simulator import solve
    from simulator.money import dollars_text

    roster, scenario = _one_grade(tmp_path)
    _, register = what_if_panel(roster, scenario, years=2)
    app = _App()
    register(app)
    want = Recoster(roster, scenario, 2).measures(solve.parameter("schedules.NEW.pct", scenario).apply(scenario, -2.15),
                                                  long=True)
    text = _headline_text(app.fn("-2.15", "0", "0", "to_minimum"))
    assert f"First-year cost {dollars_text(want['first_year_cost_cents'])}" in text
    assert "Costed: Schedule NEW -2.15 %; no general increase; no phase-in cap." in text
    for typed, gi, said in (("2.155", "0", "Schedule NEW: % across the board: '2.155' has more than two decimals"),
                            ("-100", "0", "Schedule NEW: % across the board: -100 % is outside -90 to 1,000 %"),
                            ("1e6", "0", "'1e6' is not a number"),
                            ("0", "-100", "General increase: -100 % is outside -50 to 100 %"),
                            ("0", "1000000", "General increase: 1000000 % is outside -50 to 100 %"),
                            ("abc", "x", "General increase: 'x' is not a number")):
        for _ in range(2):  # the same bad value entered again is said again
            text = _headline_text(app.fn(typed, gi, "0", "to_minimum"))
            assert said in text and "First-year cost" not in text, (typed, gi, text)
