"""The corpus of bad rosters and bad scenarios: each gives its clear error (file, row, column, value),
the command exits 2, and no output file is written."""

import subprocess
import sys
from pathlib import Path

import pytest

from simulator.errors import InputError
from simulator.placement import place
from simulator.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).resolve().parent / "corpus"
CRESAP = ROOT / "scenarios" / "cresap-1967.toml"

BAD_ROSTERS = {
    "duplicate_id.csv": ["duplicate_id.csv, row 3, column employee_id: 'E1': employee_id is not unique "
                         "(first on row 2)"],
    "unknown_grade.csv": ["unknown_grade.csv, row 2, column grade: '46': grade is unknown to the old plan"],
    "unknown_step.csv": ["unknown_step.csv, row 2, column step: 'A': step is unknown to grade 1 of the old plan"],
    "negative_salary.csv": ["negative_salary.csv, row 2, column salary: '-77.50': salary is negative"],
    "nan_salary.csv": ["nan_salary.csv, row 2, column salary: 'NaN': salary is not a number"],
    "text_salary.csv": ["text_salary.csv, row 2, column salary: 'seventy': salary is not a number"],
    "three_decimals.csv": ["three_decimals.csv, row 2, column salary: '77.505': salary is not a number of dollars "
                           "with at most two decimals"],
    "bad_date.csv": ["bad_date.csv, row 2, column hire_date: '1960-13-45': date cannot be read"],
    "missing_column.csv": ["missing_column.csv, column salary: required column is missing"],
    "class_not_in_crosswalk.csv": ["class_not_in_crosswalk.csv, row 2, column class_code: '7777': class code is "
                                   "missing from the scenario's crosswalk"],
    "bad_pay_basis.csv": ["bad_pay_basis.csv, row 2, column pay_basis: 'monthly': pay_basis must be one of"],
    "bad_fte.csv": ["bad_fte.csv, row 2, column fte: '1.5': fte must be a number above 0 and at most 1"],
    "blank_required.csv": ["blank_required.csv, row 2, column employee_id: required value is blank"],
    "teacher_without_step.csv": ["teacher_without_step.csv, row 2, column teacher_step: teacher_step is needed"],
    "many_problems.csv": [
        "many_problems.csv, row 4, column employee_id: 'A1': employee_id is not unique (first on row 2)",
        "many_problems.csv, row 3, column class_code: '7777': class code is missing",
        "many_problems.csv, row 3, column grade: '99': grade is unknown",
        "many_problems.csv, row 3, column salary: 'abc': salary is not a number",
        "many_problems.csv, row 4, column salary: '-1': salary is negative",
    ],
}

BAD_SCENARIOS = {
    "unknown_schedule.toml": ["unknown_schedule.toml, column schedules.A: 'cresap_schedule_z': unknown schedule"],
    "unknown_rule.toml": ["unknown_rule.toml, column rules.A: 'cresap_magic': unknown rule"],
    "crosswalk_unknown_grade.toml": [
        "bad-crosswalk.csv, row 2, column grade: '28': unknown grade of schedule A",
        "bad-crosswalk.csv, row 3, column schedule: 'Z': unknown schedule"],
    "negative_rate.toml": ["negative_rate.toml, column schedules.A: grade 1: negative rate"],
    "steps_not_increasing.toml": ["steps_not_increasing.toml, column schedules.A: grade 1: steps do not increase "
                                  "(57.00, 60.00, 59.00)"],
    "overlapping_points.toml": ["point ranges overlap: grade 1 (76-90) and grade 2 (85-100)"],
    "parameter_out_of_range.toml": ["options.next_pct: 150: next_pct must be between 0 and 100",
                                    "options.single_rate_max_raise: -2000: must not be negative"],
    "unknown_key.toml": ["unknown_key.toml, column colour: unknown key"],
    "not_toml.toml": ["not_toml.toml: not valid TOML"],
    "rule_wrong_kind.toml": ["rules.A: 'quarter_points': rule quarter_points needs a quarter_points schedule, "
                             "not stepped"],
}


def test_corpus_is_complete():
    assert sorted(p.name for p in (CORPUS / "bad_rosters").glob("*.csv")) == sorted(BAD_ROSTERS)
    assert sorted(p.name for p in (CORPUS / "bad_scenarios").glob("*.toml")) == sorted(BAD_SCENARIOS)


@pytest.mark.parametrize("name", sorted(BAD_ROSTERS))
def test_bad_roster_reports_every_problem(name):
    with pytest.raises(InputError) as err:
        place(CORPUS / "bad_rosters" / name, CRESAP)
    text = err.value.render()
    for want in BAD_ROSTERS[name]:
        assert want in text, text
    assert len(err.value.problems) == len(BAD_ROSTERS[name]), text


@pytest.mark.parametrize("name", sorted(BAD_SCENARIOS))
def test_bad_scenario_reports_every_problem(name):
    with pytest.raises(InputError) as err:
        load_scenario(CORPUS / "bad_scenarios" / name)
    text = err.value.render()
    for want in BAD_SCENARIOS[name]:
        assert want in text, text


@pytest.mark.parametrize("roster, scenario", [
    (CORPUS / "bad_rosters" / "many_problems.csv", CRESAP),
    (CORPUS / "bad_rosters" / "duplicate_id.csv", CORPUS / "bad_scenarios" / "unknown_rule.toml"),
])
def test_command_exits_2_and_writes_nothing(tmp_path, roster, scenario):
    out = tmp_path / "placed.parquet"
    run = subprocess.run([sys.executable, "-m", "simulator", "place", "--roster", str(roster), "--scenario",
                          str(scenario), "--out", str(out)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 2, run.stderr
    assert "nothing was written" in run.stderr
    assert list(tmp_path.iterdir()) == []


def test_salary_that_does_not_match_its_step_is_a_warning_not_an_error(tmp_path):
    roster = tmp_path / "r.csv"
    roster.write_text("employee_id,agency,class_code,grade,step,salary,pay_basis\nE1,Labor,0022,8,C,78.00,weekly\n")
    result = place(roster, CRESAP)
    assert result.frame.height == 1
    assert [str(w) for w in result.warnings] == [
        "warning: r.csv, row 2, column salary: '78.00': does not match grade 8 step C of the old plan "
        "(77.50 a week)"]
