"""Schedules made by transforms of another (simulator/transforms.py): each transform on a hand-computed case,
in order; a bad transform is a named error; an overlay that lowers Hay's Schedule I places and costs less."""

from pathlib import Path

import pytest

from simulator.placement import place
from simulator.scenario import read_scenario
from simulator.schedules import Schedule
from simulator.transforms import apply_one

ROOT = Path(__file__).resolve().parents[1]


def one_grade(*rates, kind="stepped") -> Schedule:
    return Schedule("toy", kind, "weekly", {"1": [(s, r) for s, r in zip("ABCDE", rates)],
                                           "2": [(s, r + 1000) for s, r in zip("ABCDE", rates)]})


def cells(s: Schedule, grade="1") -> list:
    return s.grades[grade]


def test_pct_is_half_up_to_the_cent_in_the_schedule_unit():
    # 6,001 cents x 0.97 = 5,820.97; 6,350 x 0.97 = 6,159.5 -> 6,160 (half up); 10,000 x 1.025 = 10,250
    s = apply_one(one_grade(6001, 6350, 10000), {"pct": -3})
    assert [r for _, r in cells(s)] == [5821, 6160, 9700]
    assert [r for _, r in cells(apply_one(one_grade(10000, 20000), {"pct": 2.5}))] == [10250, 20500]


def test_dollars_by_grade_range_leave_other_grades_alone():
    s = apply_one(one_grade(6000, 6300), {"dollars": 2.5, "grades": "2-2"})
    assert [r for _, r in cells(s, "1")] == [6000, 6300] and [r for _, r in cells(s, "2")] == [7250, 7550]
    assert [r for _, r in cells(apply_one(one_grade(6000, 6300), {"dollars": 1, "grades": ["1"]}), "1")] == [6100, 6400]


def test_round_to_fifty_cents_half_up_as_the_seeds_round_weekly_rates():
    s = apply_one(one_grade(6024, 6025, 6074, 6075), {"round_to": 0.50})
    assert [r for _, r in cells(s)] == [6000, 6050, 6050, 6100]


def test_spread_keeps_step_a_and_widens_each_distance_above_it():
    # A = 6,000 kept; B: 6,000 + 300 x 1.10 = 6,330; C: 6,000 + 625 x 1.10 = 6,687.5 -> 6,688
    s = apply_one(one_grade(6000, 6300, 6625), {"spread_pct": 10})
    assert [r for _, r in cells(s)] == [6000, 6330, 6688]


def test_add_and_drop_a_step():
    s = apply_one(one_grade(6000, 6300), {"add_step": "Z", "pct": 4})
    assert cells(s) == [("A", 6000), ("B", 6300), ("Z", 6552)]  # 6,300 x 1.04
    assert cells(apply_one(s, {"drop_step": "A"})) == [("B", 6300), ("Z", 6552)]
    assert s.increment["1"] == 300


@pytest.mark.parametrize("t, said", [
    ({"pct": 3.001}, "at most two decimals"),
    ({"pct": "3"}, "a number of per cent"),
    ({"dollars": -70}, "at or below zero"),
    ({"round_to": 0}, "positive amount"),
    ({"add_step": "B", "pct": 3}, "has a step B already"),
    ({"add_step": "Z"}, "needs pct above 0"),
    ({"drop_step": "Q"}, "has no step Q"),
    ({"pct": 3, "grades": "7-9"}, "reaches beyond toy's grades 1-2"),
    ({"pct": 3, "grades": ["9"]}, "no grade 9"),
    ({"pct": 3, "dollars": 1}, "a transform has one of"),
    ({"pct": 3, "grade": "1"}, "unknown key grade"),
    ("pct", "a transform is a table"),
])
def test_a_bad_transform_says_why(t, said):
    with pytest.raises(ValueError, match=said):
        apply_one(one_grade(6000, 6300), t)


def test_steps_only_on_a_stepped_schedule():
    with pytest.raises(ValueError, match="need a stepped schedule"):
        apply_one(one_grade(6000, 6300, kind="open_range"), {"spread_pct": 5})


def _overlay(tmp_path, transforms: str) -> Path:
    path = tmp_path / "lower.toml"
    path.write_text(f'base = "{ROOT / "scenarios" / "hay-1975-same-step"}"\nname = "hay-lower"\n\n'
                    f'[schedules.I]\nfrom = "hay_schedule_1"\ntransforms = {transforms}\n')
    return path


def test_an_overlay_lowering_schedule_i_places_everyone_lower_or_equal(tmp_path):
    from simulator import synthetic

    roster = synthetic.roster("1975", 400, 3)
    base = place(roster, ROOT / "scenarios" / "hay-1975-same-step.toml").frame
    lower = place(roster, _overlay(tmp_path, "[{ pct = -3.0 }]")).frame
    assert lower.height == base.height
    assert (lower["new_annual_cents"] <= base["new_annual_cents"]).all()
    assert lower["new_annual_cents"].sum() < base["new_annual_cents"].sum()


def test_a_bad_transform_in_a_scenario_is_named_by_its_place(tmp_path):
    _, problems = read_scenario(_overlay(tmp_path, '[{ pct = -3.0 }, { drop_step = "Q" }]'))
    assert any(p.column == "schedules.I.transforms[2]" and "has no step Q" in p.message for p in problems), problems
    _, problems = read_scenario(_overlay(tmp_path, "[{ spread_pct = -95 }]"))
    assert any("after the transforms" in p.message or "-90 to 1,000" in p.message for p in problems), problems
