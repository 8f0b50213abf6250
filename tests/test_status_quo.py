"""The status quo's own raises (issue 25): general increases of "old_plan" raise the old plan's pay, in the
baseline (and for whoever stays on the old plan in the reform), so that a cost-of-living raise both plans would
pay is not counted as the reform's cost; and "every year from year k" written once. Hand-computed on the
one-grade case of tests/test_solve.py: three people at $70, $80 and $90 a week, everyone to the new minimum
$100.00, no one leaves, the baseline held at its steps."""

import polars as pl
import pytest

from simulator import projection as pj
from simulator.placement import place
from simulator.recost import Recoster
from simulator.roster import load_roster
from simulator.scenario import load_scenario
from tests.test_solve import _case


def _cash(tmp_path, increases: str, years: int) -> dict[str, list[int]]:
    roster, scenario = _case(tmp_path, "to_minimum", [("A", "70.00"), ("B", "80.00"), ("C", "90.00")])
    text = scenario.read_text().replace("[projection]\n", f"[projection]\ngeneral_increases = [{increases}]\n")
    scenario.write_text(text)
    s = load_scenario(scenario)
    totals = pj.project(place(roster, s).frame, s, years, person_rows=False).totals
    wide = totals.pivot(on="branch", index="fiscal_year", values="cash_cents").sort("fiscal_year")
    return {"baseline": wide["baseline"].to_list(), "reform": wide["reform"].to_list()}


def test_a_status_quo_raise_is_paid_in_the_baseline_and_not_counted_as_the_reforms_cost(tmp_path):
    """10 % on the old plan in year 1: the old rates become $77, $88, $99 a week; the baseline pays 52 x 264 =
    $13,728.00 in year 1, the reform 52 x 300 = $15,600.00: the reform costs $1,872.00, not $3,120.00."""
    cash = _cash(tmp_path, '{ schedule = "old_plan", year = 1, pct = 10 }', 1)
    assert cash["baseline"] == [1_372_800] and cash["reform"] == [1_560_000]


def test_every_year_from_a_year_is_one_line(tmp_path):
    """10 % every year from year 2, three years: the baseline pays 52 x 240 = $12,480.00, then 52 x 264 =
    $13,728.00, then 52 x (84.70 + 96.80 + 108.90) = $15,100.80."""
    cash = _cash(tmp_path, '{ schedule = "old_plan", from_year = 2, pct = 10 }', 3)
    assert cash["baseline"] == [1_248_000, 1_372_800, 1_510_080]


def test_a_recost_of_the_status_quos_raise_costs_the_baseline_again(tmp_path):
    """solve or sweep varying the old plan's raise: the fast way equals the long way (the baseline is costed
    again, not kept from the prepared scenario)."""
    import copy

    roster, scenario = _case(tmp_path, "to_minimum", [("A", "70.00"), ("B", "80.00"), ("C", "90.00")])
    s = load_scenario(scenario)
    rc = Recoster(load_roster(roster)[0], s, years=2)
    v = copy.copy(s)
    v.projection = {**s.projection, "general_increases": [{"schedule": "old_plan", "from_year": 1, "pct": 10.0}]}
    fast, long = rc.measures(v), rc.measures(v, long=True)
    assert fast == long and fast["first_year_cost_cents"] == 187_200


@pytest.mark.parametrize("inc, said", [
    ('{ schedule = "old_plan", from_year = 0, pct = 3 }', "from_year must be a whole number from 1 to 50"),
    ('{ schedule = "OLD", year = 1, pct = 3 }', "unknown schedule (the scenario's: NEW; or old_plan)"),
    ('{ schedule = "old_plan", year = 1, from_year = 2, pct = 3 }', 'or { schedule, from_year, pct }'),
])
def test_a_bad_status_quo_raise_is_named(tmp_path, inc, said):
    from simulator.errors import InputError

    roster, scenario = _case(tmp_path, "to_minimum", [("A", "70.00")])
    scenario.write_text(scenario.read_text().replace("[projection]\n", f"[projection]\ngeneral_increases = [{inc}]\n"))
    with pytest.raises(InputError, match=said.replace("(", r"\(").replace(")", r"\)").replace("{", r"\{")
                       .replace("}", r"\}")):
        load_scenario(scenario)


OWN_PLAN = """name = "own-plan"
effective_date = 1976-07-01
crosswalk = "cw.csv"

[old_plan]
kind = "stepped"
basis = "annual"
steps = ["A", "B", "C"]
{months}
[old_plan.grades]
"1" = [10000.00, 12000.00, 14000.00]

[schedules.NEW]
kind = "stepped"
basis = "annual"
steps = ["A", "B"]
[schedules.NEW.grades]
"1" = [10000.00, 11000.00]

[rules]
NEW = "to_minimum"

[projection]
retire_probability = 0.0
retire_probability_at_70 = 0.0
separation_rates = [[200, 0.0]]
"""


def _one_employee_cash(tmp_path, scenario_text: str, branch: str) -> list[int]:
    """Cash by fiscal year of one branch, over three years, for one employee hired 1975-07-01 at step A of grade 1
    ($10,000 a year) under ``scenario_text`` (OWN_PLAN, changed)."""
    (tmp_path / "s.toml").write_text(scenario_text)
    (tmp_path / "cw.csv").write_text("class_code,class_title,schedule,grade,points,rule,tag,note\nC1,Clerk,NEW,1,,,,\n")
    (tmp_path / "r.csv").write_text("employee_id,agency,class_code,grade,step,salary,pay_basis,hire_date,birth_date\n"
                                    "E1,X,C1,1,A,10000,annual,1975-07-01,1950-01-01\n")
    s = load_scenario(tmp_path / "s.toml")
    totals = pj.project(place(tmp_path / "r.csv", s).frame, s, 3, person_rows=False).totals
    return totals.filter(pl.col("branch") == branch).sort("fiscal_year")["cash_cents"].to_list()


@pytest.mark.parametrize("months, raises, cash", [
    ("months = [0, 12, 24]", "", [1_200_000, 1_400_000, 1_400_000]),  # a step a year from the hire: B at 1976-07-01
    ("months = [0, 24, 48]", "", [1_000_000, 1_200_000, 1_200_000]),  # B at 1977-07-01, C at 1979-07-01 (year 4)
    ("", "", [1_200_000, 1_400_000, 1_400_000]),  # no months: a step a year
    # and the status quo's raise, 3 % from the second year: 14,000 x 1.03 = 14,420.00; x 1.03 = 14,852.60
    ("months = [0, 12, 24]", '{ schedule = "old_plan", from_year = 2, pct = 3.0 }', [1_200_000, 1_442_000, 1_485_260]),
])
def test_a_scenarios_own_old_plan_moves_by_its_own_months(tmp_path, months, raises, cash):
    """One employee hired 1975-07-01 on step A of a plan of the scenario's own ($10,000, $12,000, $14,000 a
    year). The baseline moves up by the plan's own months (once it moved by Maine's 1966 timetable, whatever the
    scenario said): each step on the day its months of service are reached, here a fiscal year's first day."""
    text = OWN_PLAN.replace("{months}", months)
    if raises:
        text = text.replace("[projection]\n", f"[projection]\ngeneral_increases = [{raises}]\n")
    assert _one_employee_cash(tmp_path, text, "baseline") == cash


def test_a_schedule_of_the_scenarios_own_moves_a_step_a_year_with_nothing_of_maines(tmp_path):
    """The reform's own schedule NEW ($10,000 and $11,000): placed at A on 1976-07-01, step B a year on, on the
    anniversary of the change, with no review denied or doubled (it once took Cresap's Schedule A review: 5 %
    denied, 5 % two steps): $10,000.00, then $11,000.00 twice, its top. Named as review, the review's denials
    apply."""
    def reform(text):
        return _one_employee_cash(tmp_path, text, "reform")

    plain = OWN_PLAN.replace("{months}", "")
    assert reform(plain) == [1_000_000, 1_100_000, 1_100_000]
    # Schedule A's review, asked for by name, with every review denied: no step
    denied = plain.replace("[projection]\n", '[projection]\nprogression = { NEW = "review" }\ndeny_share = 1.0\n')
    assert reform(denied) == [1_000_000, 1_000_000, 1_000_000]
    # and a deny_share without the review named changes nothing: a schedule of the scenario's own has no reviews
    assert reform(plain.replace("[projection]\n", "[projection]\ndeny_share = 1.0\n")) == [1_000_000, 1_100_000,
                                                                                           1_100_000]


def test_a_scenario_of_its_own_gets_no_turnover_and_no_benefits_it_did_not_write(tmp_path):
    """No [retirement], no separation_rates, no [benefits]: nobody retires or leaves, even at 70 with 45 years
    (Maine's MSRS would retire them), and the cost is salary only (no 10.5 % of Maine's); the run's parameters
    say so. With a plan written, the same person retires."""
    text = OWN_PLAN.replace("{months}", "").split("[projection]")[0]
    (tmp_path / "s.toml").write_text(text)
    (tmp_path / "cw.csv").write_text("class_code,class_title,schedule,grade,points,rule,tag,note\nC1,Clerk,NEW,1,,,,\n")
    (tmp_path / "r.csv").write_text("employee_id,agency,class_code,grade,step,salary,pay_basis,hire_date,birth_date\n"
                                    + "".join(f"E{i},X,C1,1,A,10000,annual,1931-07-01,1906-07-01\n" for i in range(50)))
    s = load_scenario(tmp_path / "s.toml")
    totals = pj.project(place(tmp_path / "r.csv", s).frame, s, 3, person_rows=False).totals
    assert totals["retirements"].sum() == 0 and totals["separations"].sum() == 0
    assert totals["benefits_cents"].sum() == 0
    from simulator.parameters import run_parameters

    listed = dict(run_parameters(s, pj.params_from(s)).select("parameter", "value").iter_rows())
    assert listed["retirement.plans"].startswith("none") and listed["benefits"].startswith("none")
    assert listed["projection.separation_rates"] == "none"
    assert "projection.deny_share" not in listed  # no review: its denials are neither used nor listed
    (tmp_path / "s.toml").write_text(text + "[retirement.plans.pers]\nage = 65\n")
    s = load_scenario(tmp_path / "s.toml")
    retired = pj.project(place(tmp_path / "r.csv", s).frame, s, 1, person_rows=False).totals["retirements"]
    assert retired.to_list() == [50, 50]  # both branches, everyone: at 70 all who may retire do (A-PROJ-RETIREMENT)
