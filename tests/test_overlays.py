"""Scenarios as overlays (``base = "<scenario>"``) and ``regrade diff``: the shipped variants are overlays of
their bases and differ from them in exactly what their headers say; an overlay of an overlay composes; a
circle, a missing base and a bad overlay are named errors."""

import shutil
from pathlib import Path

from simulator.diff import scenario_diff
from simulator.placement import place
from simulator.scenario import load_scenario, read_scenario
from tests.test_store import regrade

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"


def _diff(a: str, b: str) -> str:
    out = regrade("diff", str(SCENARIOS / f"{a}.toml"), str(SCENARIOS / f"{b}.toml"))
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_the_shipped_variants_are_overlays_of_their_base():
    for variant, base in (("cresap-1967-alt-grades", "cresap-1967"), ("hay-1975-promotion", "hay-1975-same-step"),
                          ("bench-simple", "hay-1975-same-step"), ("hay-1975-formula", "hay-1975-same-step")):
        text = (SCENARIOS / f"{variant}.toml").read_text()
        assert f'base = "{base}"' in text, variant
        assert "[schedules]" not in text and "crosswalk =" not in text, variant  # only what changes


def test_diff_of_formula_shows_the_cells_the_formulas_change():
    text = _diff("hay-1975-same-step", "hay-1975-formula")
    # 287 - 212 and 91 - 77 printed cells the formulas do not reproduce (tests/test_formulas.py lists them)
    assert "schedule I: 75 cell(s) differ" in text and "schedule Ia: 14 cell(s) differ" in text
    assert "grade 21 step D: $12,580.00 a year -> $12,588.00 a year" in text  # 24.39 x 348 + 4,100 = 12,587.72
    assert "grade 16 step D" not in text  # 24.39 x 240 + 4,100 = 9,953.60 -> 9,954, as printed
    assert "grade 33 step D: $26,226.13 a year -> $26,227.13 a year" in text  # Ia: printed $1.00 below the formula
    assert "grade 39 step D" not in text  # Ia: 14.79 x 1,347 + 13,700 = 33,622.13, as printed (the p of grade 39)
    assert "Rules:" not in text and "Groups:" not in text and "Projection:" not in text


def test_diff_of_alt_grades_shows_its_two_groups_and_nothing_else():
    text = _diff("cresap-1967", "cresap-1967-alt-grades")
    assert "group 'grades 1 and 2 to grade 3': only in B" in text and "set_grade = 3" in text
    assert "group 'Clerk I to grade 4': only in B" in text
    assert "Schedules:" not in text and "Rules:" not in text and "Crosswalk:" not in text
    assert "Projection:" not in text and "Options:" not in text


def test_diff_of_promotion_shows_the_rule_for_both_schedules():
    text = _diff("hay-1975-same-step", "hay-1975-promotion")
    assert "rule for schedule I: hay_same_step -> hay_promotion" in text
    assert "rule for schedule Ia: hay_same_step -> hay_promotion" in text
    assert ("assumptions: A-HAY-RANGE, A-HAY-SCHED-I, A-HAY-OFFSTEP, A-PROJ-SEPARATION, A-PROJ-BENEFITS -> "
            "A-HAY-RANGE, A-HAY-SCHED-I, A-PROJ-SEPARATION, A-PROJ-BENEFITS") in text
    assert "Groups:" not in text and "Schedules:" not in text and "Projection:" not in text


def test_diff_of_bench_simple_shows_its_projection_in_words():
    text = _diff("hay-1975-same-step", "bench-simple")
    assert "hay_lower_grade: retain -> same_step" in text
    assert ("general_increases: none -> I +3 % every year from year 2; Ia +3 % every year from year 2"
            in text)
    assert "baseline_progression: old_plan -> none" in text


def test_a_scenario_against_itself_has_no_differences():
    assert "No differences" in _diff("mms", "mms")
    mms = load_scenario(SCENARIOS / "mms.toml")
    assert scenario_diff(mms, mms) == []


def _template(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(SCENARIOS / "template.toml", folder / "template.toml")
    shutil.copy(SCENARIOS / "template-crosswalk.csv", folder / "template-crosswalk.csv")
    return folder / "template.toml"


def test_an_overlay_of_an_overlay_composes_and_diff_shows_the_changed_cells(tmp_path):
    base = _template(tmp_path / "base")
    mid = tmp_path / "alternatives" / "higher-2.toml"  # another folder: the base's crosswalk is found beside it
    mid.parent.mkdir()
    mid.write_text('base = "../base/template"\nname = "higher-2"\n\n[schedules.NEW]\nkind = "stepped"\n'
                   'basis = "weekly"\nsteps = ["A", "B", "C", "D", "E"]\nmonths = [0, 12, 24, 36, 48]\n'
                   '[schedules.NEW.grades]\n"1" = [60.00, 63.00, 66.00, 69.00, 72.00]\n'
                   '"2" = [72.00, 75.50, 77.00, 80.50, 84.00]\n"3" = [95.00, 100.00, 105.00, 110.00, 115.00]\n')
    top = tmp_path / "alternatives" / "higher-2-next.toml"
    top.write_text('base = "higher-2.toml"\nname = "higher-2-next"\n\n[rules]\nNEW = "next_pct"\n\n'
                   '[options]\nnext_pct = 4\n\n[[groups]]\nname = "agency X excluded"\nmatch = { agency = ["X"] }\n'
                   'exclude = true\n')
    a, b = load_scenario(base), load_scenario(top)
    assert b.name == "higher-2-next" and b.rules == {"NEW": "next_pct"} and b.next_pct == 4
    assert [g.name for g in b.groups] == [*[g.name for g in a.groups], "agency X excluded"]  # after the base's
    assert b.crosswalk.height == a.crosswalk.height  # inherited through both
    assert b.title == "higher-2-next: an overlay of higher-2"  # not the base's title: runs are not misnamed
    assert len({a.content_hash, load_scenario(mid).content_hash, b.content_hash}) == 3
    text = regrade("diff", str(base), str(top)).stdout
    assert "schedule NEW: 2 cell(s) differ" in text
    assert "grade 2 step A: $70.00 a week -> $72.00 a week" in text
    assert "grade 2 step B: $73.50 a week -> $75.50 a week" in text
    assert "rule for schedule NEW: closest_step -> next_pct" in text and "next_pct: 5.0 -> 4" in text
    assert "group 'agency X excluded': only in B" in text
    roster = tmp_path / "r.csv"
    roster.write_text("employee_id,agency,class_code,grade,step,salary,pay_basis\nE1,Health,0022,8,C,80.50,weekly\n")
    assert place(roster, top).frame.height == 1


def test_a_circle_of_bases_a_missing_base_and_a_bad_base_are_named_errors(tmp_path):
    (tmp_path / "a.toml").write_text('base = "b"\nname = "a"\n')
    (tmp_path / "b.toml").write_text('base = "a.toml"\nname = "b"\n')
    (tmp_path / "c.toml").write_text('base = "nowhere"\nname = "c"\n')
    (tmp_path / "d.toml").write_text('base = 3\nname = "d"\n')
    for name, said in (("a", "the bases form a circle: a.toml -> b.toml -> a.toml"),
                       ("c", "no scenario file"), ("d", "the base scenario's file name, in quotes")):
        _, problems = read_scenario(tmp_path / f"{name}.toml")
        assert any(said in p.message for p in problems), (name, problems)
        out = regrade("diff", str(tmp_path / f"{name}.toml"), str(SCENARIOS / "mms.toml"))
        assert out.returncode == 2 and "Traceback" not in out.stderr and said in out.stderr, out.stderr


def test_a_broken_schedule_is_one_error_not_one_per_crosswalk_row(tmp_path):
    """A typo in an overlay's schedule: that error, not 'unknown schedule' for the rule and for each of the
    crosswalk's 900 rows that use the schedule."""
    path = tmp_path / "typo.toml"
    path.write_text(f'base = "{SCENARIOS / "hay-1975-same-step"}"\nname = "typo"\n\n[schedules.I]\n'
                    'from = "hay_schedule_one"\n')
    _, problems = read_scenario(path)
    errors = [p for p in problems if p.severity == "error"]
    assert len(errors) == 1 and errors[0].column == "schedules.I.from", errors


def test_crosswalk_problems_list_the_first_rows_and_count_the_rest(tmp_path):
    from simulator.errors import MAX_ROWS_PER_CHECK

    rows = "".join(f"C{i},Clerk,NOPE,1,,,,\n" for i in range(MAX_ROWS_PER_CHECK + 50))
    (tmp_path / "cw.csv").write_text("class_code,class_title,schedule,grade,points,rule,tag,note\n" + rows)
    (tmp_path / "s.toml").write_text('name = "s"\nold_plan = "cresap_1966"\ncrosswalk = "cw.csv"\n\n[schedules]\n'
                                     'D = "cresap_schedule_d"\n')
    _, problems = read_scenario(tmp_path / "s.toml")
    unknown = [p for p in problems if "unknown schedule" in p.message]
    assert len(unknown) == MAX_ROWS_PER_CHECK + 1 and unknown[-1].count == 50, len(unknown)
    out = regrade("diff", str(tmp_path / "s.toml"), str(SCENARIOS / "mms.toml"))
    assert out.returncode == 2 and f"{MAX_ROWS_PER_CHECK + 50:,} errors in the input" in out.stderr


def test_a_closed_pipe_is_not_an_internal_error(tmp_path):
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-m", "simulator", "diff", str(SCENARIOS / "cresap-1967.toml"),
                             str(SCENARIOS / "hay-1975-same-step.toml")], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=ROOT)
    proc.stdout.read(10)
    proc.stdout.close()  # as `| head -c 10` does
    err = proc.stderr.read().decode()
    assert proc.wait() == 0 and "internal error" not in err and "Traceback" not in err, err
