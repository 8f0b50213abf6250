"""regrade solve: a hand-computable answer (one grade, three employees), the solved overlay reproducing it, a
measure that is not monotone (said, exit 2), a target out of reach (said, exit 2), bad questions (exit 2)."""

from pathlib import Path

import polars as pl
import pytest

from tests.test_store import regrade

SCENARIO = """name = "one-grade"
title = "One grade, three employees"
effective_date = 1976-07-01
crosswalk = "cw.csv"

[old_plan]
kind = "stepped"
basis = "weekly"
steps = ["A", "B", "C"]
[old_plan.grades]
"1" = [70.00, 80.00, 90.00]

[schedules.NEW]
kind = "stepped"
basis = "weekly"
steps = ["A", "B"]
[schedules.NEW.grades]
"1" = [100.00, 110.00]

[rules]
NEW = "{rule}"

[projection]
baseline_progression = "none"
retire_probability = 0.0
retire_probability_at_70 = 0.0
separation_rates = [[200, 0.0]]
"""


def _case(tmp_path: Path, rule: str, salaries: list[str]) -> tuple[Path, Path]:
    (tmp_path / "s.toml").write_text(SCENARIO.replace("{rule}", rule))
    (tmp_path / "cw.csv").write_text("class_code,class_title,schedule,grade,points,rule,tag,note\nC1,Clerk,NEW,1,,,,\n")
    rows = "".join(f"E{i},X,C1,1,{step},{pay},weekly\n" for i, (step, pay) in enumerate(salaries))
    (tmp_path / "r.csv").write_text("employee_id,agency,class_code,grade,step,salary,pay_basis\n" + rows)
    return tmp_path / "r.csv", tmp_path / "s.toml"


def test_one_grade_three_employees_solved_by_hand(tmp_path):
    """Everyone to the new minimum A (to_minimum), a year of 52 weeks, no one leaves, the baseline held:
    first-year cost = 52 x (3A - (70 + 80 + 90)). At most $3,120: 3A - 240 <= 60, A <= $100.00, so the
    across-the-board change is 0.00 %; one cent of a per cent more, A = $100.01, costs 52 x 60.03 = $3,121.56."""
    roster, scenario = _case(tmp_path, "to_minimum", [("A", "70.00"), ("B", "80.00"), ("C", "90.00")])
    out = regrade("solve", "--roster", str(roster), "--scenario", str(scenario), "--vary", "schedules.NEW.pct",
                  "--between", "-20", "20", "--target", "first_year_cost <= 3120", "--out", str(tmp_path / "x.toml"),
                  cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "answer: schedules.NEW.pct = 0.00\n" in out.stdout
    assert "first-year cost $3,120.00 (25.00 % of baseline payroll); 3 employees gain pay and 0 lose pay" in out.stdout
    assert "schedules.NEW.pct = 0.01: first_year_cost = 3,121.56, which does not meet the target" in out.stdout
    written = (tmp_path / "x.toml").read_text()  # a schedule written out in the scenario: written out again
    assert 'base = "s.toml"' in written and '"1" = [100.00, 110.00]' in written and 'kind = "stepped"' in written
    from simulator.scenario import load_scenario

    assert load_scenario(tmp_path / "x.toml").schedules["NEW"].rates("1") == [10000, 11000]
    # a lower target: A <= $90.00 -> 3A - 240 <= 30 -> $1,560; -10 % gives A = $90.00 exactly
    out = regrade("solve", "--roster", str(roster), "--scenario", str(scenario), "--vary", "schedules.NEW.pct",
                  "--between", "-20", "20", "--target", "first_year_cost <= 1560", cwd=tmp_path)
    assert "answer: schedules.NEW.pct = -10.00\n" in out.stdout and "first-year cost $1,560.00" in out.stdout


def test_the_written_overlay_costs_what_solve_said(tmp_path):
    """On Hay's Schedule I (annual; grade 1 step A $5,205.00): first-year cost = 3A - 52 x 240 = 3A - $12,480.
    At most $1,573.50: A <= $4,684.50, which is -10 % exactly (520,500 x 0.90 = 468,450 cents)."""
    from simulator.placement import place

    roster, scenario = _case(tmp_path, "to_minimum", [("A", "70.00"), ("B", "80.00"), ("C", "90.00")])
    text = scenario.read_text()
    start, end = text.index("[schedules.NEW]"), text.index("[rules]")
    scenario.write_text(text[:start] + '[schedules]\nNEW = "hay_schedule_1"\n\n' + text[end:])
    solved = tmp_path / "alternatives" / "x.toml"
    out = regrade("solve", "--roster", str(roster), "--scenario", str(scenario), "--vary", "schedules.NEW.pct",
                  "--between", "-20", "0", "--target", "first_year_cost <= 1573.50", "--out", str(solved),
                  cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "answer: schedules.NEW.pct = -10.00\n" in out.stdout and "first-year cost $1,573.50" in out.stdout
    written = solved.read_text()
    assert 'base = "../s.toml"' in written and 'from = "hay_schedule_1"' in written
    assert "transforms = [{ pct = -10.0 }]" in written
    assert place(roster, solved).frame["new_annual_cents"].to_list() == [468_450] * 3


def test_a_measure_that_is_not_monotone_is_said_and_no_answer_given(tmp_path):
    """closest_step: $101.00 goes to B ($110) while A is below it; at +1 % A is $101.00 and the cost drops to
    nothing, then rises again: not monotone over -5 % to +5 %."""
    roster, scenario = _case(tmp_path, "closest_step", [("C", "101.00")])
    out = regrade("solve", "--roster", str(roster), "--scenario", str(scenario), "--vary", "schedules.NEW.pct",
                  "--between", "-5", "5", "--target", "first_year_cost <= 100", cwd=tmp_path)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert "first_year_cost is not monotone in schedules.NEW.pct between -5 and 5" in out.stderr


def test_a_target_out_of_reach_is_said(tmp_path):
    roster, scenario = _case(tmp_path, "to_minimum", [("A", "70.00")])
    out = regrade("solve", "--roster", str(roster), "--scenario", str(scenario), "--vary", "schedules.NEW.pct",
                  "--between", "-10", "10", "--target", "first_year_cost <= -1", cwd=tmp_path)
    assert out.returncode == 2 and "cannot be reached for schedules.NEW.pct between -10 and 10" in out.stderr


@pytest.mark.parametrize("args, said", [
    (["--vary", "schedules.Q.pct", "--between", "-1", "1", "--target", "losers <= 0"], "no schedule Q"),
    (["--vary", "rules.NEW", "--between", "-1", "1", "--target", "losers <= 0"], "vary schedules.<schedule>.pct"),
    (["--vary", "schedules.NEW.pct", "--between", "1", "-1", "--target", "losers <= 0"], "must be below"),
    (["--vary", "schedules.NEW.pct", "--between", "-1", "1", "--target", "cost < 5"], 'write "<measure> <='),
])
def test_a_bad_question_is_a_clear_error(tmp_path, args, said):
    roster, scenario = _case(tmp_path, "to_minimum", [("A", "70.00")])
    out = regrade("solve", "--roster", str(roster), "--scenario", str(scenario), *args, cwd=tmp_path)
    assert out.returncode == 2 and "Traceback" not in out.stderr and said in out.stderr, out.stderr


def test_the_readme_worked_example_is_what_solve_prints(tmp_path):
    """README: what across-the-board change to Hay's Schedule I keeps the first year's cost at 9 % of payroll,
    on the demo's synthetic 1975 roster. The figures the README quotes are the ones printed."""
    from simulator import synthetic

    roster = tmp_path / "synthetic-roster-1975.parquet"
    synthetic.roster("1975", None, 0).write_parquet(roster)  # the demo's (seed 0, the published size)
    out = regrade("solve", "--roster", str(roster), "--scenario", "scenarios/hay-1975-same-step.toml", "--vary",
                  "schedules.I.pct", "--between", "-10", "10", "--target", "first_year_pct <= 9")
    assert out.returncode == 0, out.stderr
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    for line in out.stdout.splitlines()[1:4]:
        assert line in readme, line


def test_a_sweep_of_one_parameter_costs_each_point_by_hand(tmp_path):
    """The one-grade case at -10 %, -5 % and 0 %: A = $90, $95, $100; first-year cost 52 x (3A - 240)."""
    import polars as pl

    roster, scenario = _case(tmp_path, "to_minimum", [("A", "70.00"), ("B", "80.00"), ("C", "90.00")])
    out = regrade("sweep", "--roster", str(roster), "--scenario", str(scenario), "--vary", "schedules.NEW.pct=-10:0:3",
                  "--out", str(tmp_path / "s.csv"), "--figure", str(tmp_path / "s.html"), cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    table = pl.read_csv(tmp_path / "s.csv", infer_schema=False)
    assert table["first_year_cost_dollars"].to_list() == ["1560.00", "2340.00", "3120.00"]
    assert table["first_year_pct_of_payroll"].to_list() == ["12.50", "18.75", "25.00"]  # of 52 x $240
    assert table["losers"].to_list() == ["0", "0", "0"]
    assert "plotly" in (tmp_path / "s.html").read_text()[:100_000].lower()


def test_a_sweep_of_two_parameters_is_a_grid_with_a_heatmap(tmp_path):
    import polars as pl

    roster, scenario = _case(tmp_path, "to_minimum", [("A", "70.00"), ("B", "80.00")])
    out = regrade("sweep", "--roster", str(roster), "--scenario", str(scenario), "--vary", "schedules.NEW.pct=-10:0:3",
                  "--vary", "schedules.NEW.dollars=0:2:2", "--out", str(tmp_path / "g.parquet"), "--figure",
                  str(tmp_path / "g.html"), cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    table = pl.read_parquet(tmp_path / "g.parquet")
    assert table.height == 6 and set(table.columns) >= {"schedules.NEW.pct", "schedules.NEW.dollars"}
    # -10 % then +$2.00: A = $92.00; two people: 52 x (2 x 92 - 150) = $1,768.00
    row = table.filter((pl.col("schedules.NEW.pct") == -10) & (pl.col("schedules.NEW.dollars") == 2))
    assert str(row["first_year_cost_dollars"][0]) == "1768.00"
    assert '"type":"heatmap"' in (tmp_path / "g.html").read_text().replace(" ", "")


def test_a_two_parameter_sweep_on_values_not_exact_in_binary_draws_its_heatmap(tmp_path):
    """-1:1:3 by -0.1:0.1:3 (grid values such as -0.1 are not exact in binary) once crashed drawing the heatmap,
    after writing the table. At -1 % then -$0.10: A = $98.90; 52 x (2 x 98.90 - 150) = $2,485.60, 31.87 % of
    52 x $150. The parameter that moves nothing is warned of."""
    from simulator import sweep
    from simulator.roster import load_roster
    from simulator.scenario import load_scenario

    roster, scenario = _case(tmp_path, "to_minimum", [("A", "70.00"), ("B", "80.00")])
    out = regrade("sweep", "--roster", str(roster), "--scenario", str(scenario), "--vary", "schedules.NEW.pct=-1:1:3",
                  "--vary", "schedules.NEW.dollars=-0.1:0.1:3", "--out", str(tmp_path / "g.csv"), "--figure",
                  str(tmp_path / "g.html"), cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "g.html").exists() and "warning" not in out.stderr
    s = load_scenario(scenario)
    axes = [sweep.axis("schedules.NEW.pct=-1:1:3", s), sweep.axis("schedules.NEW.dollars=-0.1:0.1:3", s)]
    table = sweep.sweep(load_roster(roster)[0], s, axes, years=1)
    heat = sweep.figure(table, axes, "t").data[0]
    assert list(heat.x) == [-1.0, 0.0, 1.0] and list(heat.y) == [-0.1, 0.0, 0.1]
    assert heat.z[0][0] == 2485.60 and heat.customdata[0][0] == 31.87 and table["first_year_cost_cents"][0] == 248_560
    assert list(heat.x) == [-1.0, 0.0, 1.0]
    idle = regrade("sweep", "--roster", str(roster), "--scenario", str(scenario), "--vary",
                   "projection.premium_fraction=0.2:0.8:3", cwd=tmp_path)
    assert idle.returncode == 0, idle.stderr
    assert "warning: projection.premium_fraction changes no cost, winner or loser from 0.2 to 0.8" in idle.stderr


@pytest.mark.parametrize("vary, said", [("schedules.NEW.pct=5:1:3", "LO below HI"),
                                        ("schedules.NEW.pct", "write PARAM=LO:HI:N"),
                                        ("schedules.Z.pct=1:2:2", "no schedule Z")])
def test_a_bad_sweep_is_a_clear_error(tmp_path, vary, said):
    roster, scenario = _case(tmp_path, "to_minimum", [("A", "70.00")])
    out = regrade("sweep", "--roster", str(roster), "--scenario", str(scenario), "--vary", vary, cwd=tmp_path)
    assert out.returncode == 2 and "Traceback" not in out.stderr and said in out.stderr, out.stderr


@pytest.mark.parametrize("name, schedule", [("hay-1975-same-step", "I"), ("hay-1975-promotion", "Ia"),
                                            ("cresap-1967", "A"), ("cresap-1967", "D"), ("mms", None)])
def test_a_prepared_placement_equals_placing_from_the_start(name, schedule):
    """Prepared.place (joins and checks once, the rate columns afresh) = place() on each variant, every column,
    every person: rates changed by percent and by dollars, and an option."""
    from simulator import synthetic
    from simulator.placement import Prepared, place
    from simulator.roster import validate_roster
    from simulator.scenario import load_scenario
    from simulator.transforms import apply_one

    scenario = load_scenario(Path(__file__).resolve().parents[1] / "scenarios" / f"{name}.toml")
    era = "1967" if name.startswith("cresap") else "1975"
    roster, _ = validate_roster(synthetic.roster(era, 800, 5).with_columns(pl.all().cast(pl.String)))
    prepared = Prepared(roster, scenario)
    key = schedule or next(iter(scenario.schedules))
    import copy

    for change in ({"pct": -3.5}, {"pct": 4.0}, {"dollars": 1.5}):
        try:
            variant = copy.copy(scenario)
            variant.schedules = {**scenario.schedules, key: apply_one(scenario.schedules[key], change)}
        except ValueError:  # a schedule without printed rates: nothing to vary
            continue
        variant.next_pct = 4.0
        assert prepared.place(variant).equals(place(roster, variant, sentences=False).frame), (name, change)
    assert prepared.reused >= 1  # the variants took the prepared path, not a fresh placement


@pytest.mark.parametrize("cmd, args, said", [
    ("sweep", ["--vary", "projection.retire_probability=0:5:6"], "takes values from 0 to 1"),
    ("sweep", ["--vary", "schedules.NEW.pct=-500:5:3"], "schedules.NEW.pct = -500: from -90 to 1,000 per cent"),
    ("sweep", ["--vary", "schedules.NEW.pct=-5:5:100000"], "only 1,001 distinct values"),
    ("sweep", ["--vary", "projection.nosuch=0:1:2"], "a parameter being one of deny_share"),
    ("solve", ["--vary", "projection.retire_probability", "--between", "0", "5", "--target", "losers <= 0"],
     "--between 0 5: projection.retire_probability takes values from 0 to 1"),
    ("solve", ["--vary", "options.next_pct", "--between", "0", "10", "--target", "total_pct <= 1"],
     "does not change with options.next_pct"),
])
def test_out_of_range_and_idle_parameters_are_said(tmp_path, cmd, args, said):
    roster, scenario = _case(tmp_path, "to_minimum", [("A", "70.00")])
    out = regrade(cmd, "--roster", str(roster), "--scenario", str(scenario), *args, cwd=tmp_path)
    assert out.returncode == 2 and "Traceback" not in out.stderr and said in out.stderr, out.stderr
