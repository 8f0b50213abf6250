"""Schedules from formulas (simulator/formulas.py): Hay's Schedules I and Ia regenerated from the report's own
Step D formulas (lines 276-280, 319) and step construction (lines 262, 917) reproduce every printed cell except
the departures listed here; each departure was found by hand-checking the printed row (Decimal arithmetic in
the seed's own terms), not by running this code. Plus a hand-computed toy and the named errors."""

import copy
from pathlib import Path

import pytest

from simulator.formulas import generate
from simulator.scenario import load_scenario, read_scenario
from simulator.schedules import Schedule, builtin

ROOT = Path(__file__).resolve().parents[1]
FORMULA = ROOT / "scenarios" / "hay-1975-formula.toml"


def _off(printed: Schedule, made: Schedule) -> dict:
    """(grade, step) -> printed minus generated, cents, for every cell that differs."""
    return {(g, s): r - dict(made.grades[g])[s] for g in printed.grades for s, r in printed.grades[g]
            if r != dict(made.grades[g])[s]}


# Step D as printed minus D = per_point x P + constant (P the range's middle, half up, or the "approximate
# middle point" the scenario gives grades 28, 39 and 40: 579, 1347, 1429, line 280), whole dollars: grade 26 is
# the report's own departure (a clean row, all seven cells consistent with the printed D, which no whole P
# gives: P = 528.33); the $1 rows are the formula's value cut to the dollar where rounding gives one more (its
# cents are .52 to .88: 17 is 24.39 x 258 + 4,100 = 10,392.62, printed 10,392), not another middle point (a
# point more or less moves D by $24.39); grade 21 (-$8) is a misprint or another P; row 1 is reconstructed.
I_D_OFF = {"1": -100, "11": -100, "13": -100, "17": -100, "21": -800, "25": -100, "26": 36000,
           "32": -100, "36": -100}
# With D as printed, the other 246 cells follow "each step 5 percent higher than the preceding step" from
# A = D x .8638, each rounded half up to the dollar, but for these 17 (9 cells, and the ones built from them):
I_CELLS_OFF = {("1", "C"): 100,
               ("7", "A"): 100, ("7", "B"): 100, ("7", "C"): 100,
               ("9", "A"): -100, ("9", "B"): -100, ("9", "C"): -100, ("9", "X"): 100, ("9", "Y"): 100,
               ("16", "X"): -100, ("17", "B"): -100, ("17", "C"): -100,
               ("31", "A"): -100, ("31", "B"): -100, ("31", "C"): -100, ("38", "X"): 100, ("39", "Y"): -100}
# Ia: D = 14.79 P + 13,700 exactly, to the cent (grade 34 a point above the middle, P = 913; grades 39 and 40
# at Schedule I's P, 1347 and 1429), except grade 33 ($1.00 less). With D as printed every other cell is
# D x its ratio of line 917 (C = D x .9523) cut to the cent, Y rounded, but for these 8 printed cells:
IA_D_OFF = {"33": -100}
IA_CELLS_OFF = {("32", "E"): 20, ("33", "A"): 4, ("34", "C"): 2, ("34", "E"): -15, ("35", "X"): -54,
                ("41", "C"): 200, ("41", "X"): -8820, ("41", "Y"): -2}


@pytest.mark.parametrize("key, table, d_off, cells_off", [
    ("I", "hay_schedule_1", I_D_OFF, I_CELLS_OFF),
    ("Ia", "hay_schedule_1a", IA_D_OFF, IA_CELLS_OFF),
])
def test_hays_schedules_from_the_reports_formulas(key, table, d_off, cells_off):
    scenario = load_scenario(FORMULA)
    printed, made = builtin(table), scenario.schedules[key]
    assert made.provenance == "formula" and made.points == printed.points
    off = _off(printed, made)
    assert {g: v for (g, s), v in off.items() if s == "D"} == d_off
    # pinned at the printed Step D where the report departs, the formula gives every other printed cell
    spec = copy.deepcopy(scenario.spec["schedules"][key]["formula"])
    spec["pinned"] = {g: dict(printed.grades[g])["D"] / 100 for g in d_off}
    assert _off(printed, generate(printed, spec)) == cells_off
    # the whole rows that follow a departing D, and nothing else, make up the rest
    rows = {g for g in d_off}
    assert {c for c in off if c[0] not in rows} == {c for c in cells_off if c[0] not in rows}


def test_the_grade_16_example_of_the_seeds_comparison_table():
    """Hay line 270: grade 16, 240 points, Step D proposed $9,954 (24.39 x 240 + 4,100 = 9,953.60)."""
    made = load_scenario(FORMULA).schedules["I"]
    assert dict(made.grades["16"])["D"] == 995_400
    assert dict(made.grades["25"])["D"] == 1_551_500  # 24.39 x 468 + 4,100 = 15,514.52; printed 15,514
    assert dict(made.grades["35"])["D"] == 2_322_400  # 14.79 x 982 + 8,700 = 23,223.78 -> printed 23,224


def toy() -> Schedule:
    return Schedule("toy", "stepped", "annual", {"1": [(s, 0) for s in "ABC"], "2": [(s, 0) for s in "ABC"]},
                    points={"1": (10, 13), "2": (14, 20)})


SPEC = {"control": "B", "unit": 1, "rounding": "half_up",
        "lines": [{"grades": "1-1", "per_point": 2.50, "constant": 100},
                  {"grades": "2-2", "per_point": 3, "constant": 91}],
        "steps": [{"step": "A", "of": "B", "times": 0.9}, {"step": "C", "of": "B", "times": 1.05}]}


def test_a_hand_computed_formula_schedule():
    # grade 1: P = 11.5 -> 12 (half up); B = 2.50 x 12 + 100 = 130; A = 117; C = 136.50 -> 137 half up
    # grade 2: P = 17; B = 3 x 17 + 91 = 142; A = 127.80 -> 128; C = 149.10 -> 149
    s = generate(toy(), SPEC)
    assert s.grades == {"1": [("A", 11_700), ("B", 13_000), ("C", 13_700)],
                        "2": [("A", 12_800), ("B", 14_200), ("C", 14_900)]}
    cut = generate(toy(), {**SPEC, "rounding": "down"})
    assert [r for _, r in cut.grades["1"]] == [11_700, 13_000, 13_600]  # 136.50 cut to 136
    cents = generate(toy(), {**SPEC, "unit": 0.01, "p": {"1": 11}})
    assert [r for _, r in cents.grades["1"]] == [11_475, 12_750, 13_388]  # P = 11: B = 127.50, A = 114.75, C = 133.875
    pinned = generate(toy(), {**SPEC, "pinned": {"2": 150}})
    assert [r for _, r in pinned.grades["2"]] == [13_500, 15_000, 15_800]  # C = 157.50 half up


@pytest.mark.parametrize("change, said", [
    ({"control": "Q"}, "control is one of"),
    ({"lines": [{"grades": "1-2", "per_point": 1, "constant": 1}, {"grades": "2-2", "per_point": 1, "constant": 1}]},
     "grade 2 is in an earlier line"),
    ({"lines": [{"grades": "1-1", "per_point": 1, "constant": 1}]}, "grade 2 is in no line"),
    ({"steps": [{"step": "A", "of": "C", "times": 0.9}]}, "C is not made yet"),
    ({"steps": [{"step": "A", "of": "B", "times": 0.9}]}, "no rule makes step C"),
    ({"steps": [{"step": "A", "of": "B", "times": "0.9"}]}, "times is a number"),
    ({"rounding": "nearest"}, "rounding is one of"),
    ({"p": {"1": 11.5}}, "whole number of points"),
    ({"slope": 1}, "unknown key slope"),
    ({"lines": [{"grades": "1-2", "constant": 1}]}, r"lines\[1\]: per_point and constant are each"),
])
def test_a_bad_formula_says_why(change, said):
    with pytest.raises(ValueError, match=said):
        generate(toy(), {**SPEC, **change})


def test_a_grade_without_points_needs_its_p_and_a_one_step_grade_is_made():
    s = toy()
    s.points = {"1": (10, 13)}
    s.grades["2"] = [("B", 0)]
    with pytest.raises(ValueError, match="grade 2 has no point range in toy"):
        generate(s, SPEC)
    made = generate(s, {**SPEC, "p": {"2": 17}})
    assert made.grades["2"] == [("B", 14_200)] and made.increment["2"] == 0  # 3 x 17 + 91


def test_a_bad_formula_in_a_scenario_is_named_by_its_place(tmp_path):
    base = ROOT / "scenarios" / "hay-1975-same-step"
    text = FORMULA.read_text().replace('base = "hay-1975-same-step"', f'base = "{base}"')
    path = tmp_path / "bad.toml"
    path.write_text(text.replace("times = 0.9523", 'times = "0.9523"'))
    _, problems = read_scenario(path)
    assert [(p.column, p.message) for p in problems] == [("schedules.Ia.formula", "times is a number, e.g. 1.05")]


ONE_GRADE_FORMULA = '''
[schedules.BASE]
kind = "stepped"
basis = "weekly"
steps = ["A", "B"]
points = { "1" = [10, 13] }
[schedules.BASE.grades]
"1" = [1.00, 2.00]

[schedules.NEW]
from = "BASE"
[schedules.NEW.formula]
control = "A"
unit = 0.01
[[schedules.NEW.formula.lines]]
grades = "1-1"
per_point = 1.00
constant = 80.00
[[schedules.NEW.formula.steps]]
step = "B"
of = "A"
times = 1.1
'''


def test_solve_varies_a_formulas_constant_and_writes_it_out(tmp_path):
    """One grade, points 10-13 (P = 12), step A = $1.00 x P + constant a week, to the new minimum from $70, $80,
    $90: first-year cost = 52 x (3A - 240). At most $3,120: A <= $100.00, constant <= $88.00; one cent more,
    A = $100.01, costs 52 x 60.03 = $3,121.56."""
    from simulator.scenario import load_scenario
    from tests.test_solve import _case
    from tests.test_store import regrade

    roster, scenario = _case(tmp_path, "to_minimum", [("A", "70.00"), ("B", "80.00"), ("C", "90.00")])
    text = scenario.read_text()
    start, end = text.index("[schedules.NEW]"), text.index("[rules]")
    scenario.write_text(text[:start] + ONE_GRADE_FORMULA + "\n" + text[end:])
    ask = ["solve", "--roster", str(roster), "--scenario", str(scenario), "--between", "0", "200", "--target",
           "first_year_cost <= 3120"]
    out = regrade(*ask, "--vary", "schedules.NEW.line1.constant", "--out", str(tmp_path / "x.toml"), cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "answer: schedules.NEW.line1.constant = 88.00\n" in out.stdout
    assert "schedules.NEW.line1.constant = 88.01: first_year_cost = 3,121.56" in out.stdout
    solved = load_scenario(tmp_path / "x.toml")
    assert solved.schedules["NEW"].rates("1") == [10_000, 11_000]  # A = 12 + 88; B = A x 1.1
    assert solved.spec["schedules"]["NEW"]["formula"]["lines"][0]["constant"] == 88
    bad = regrade(*ask, "--vary", "schedules.BASE.line1.constant", cwd=tmp_path)
    assert bad.returncode == 2 and "is not made by a formula" in bad.stderr


def test_two_formula_parameters_of_one_schedule_in_a_sweep_both_act():
    """A sweep over line 1's constant and line 2's per_point: each row is the schedule made with both, as the
    formula written out by hand makes it (the long way), so the cost moves along both axes."""
    import polars as pl

    from simulator import sweep, synthetic
    from simulator.recost import Recoster
    from simulator.roster import validate_roster

    scenario = load_scenario(FORMULA)
    roster, _ = validate_roster(synthetic.roster("1975", 500, 9).with_columns(pl.all().cast(pl.String)))
    axes = [sweep.axis("schedules.I.line1.constant=3000:5000:2", scenario),
            sweep.axis("schedules.I.line2.per_point=13:16:2", scenario)]
    table = sweep.sweep(roster, scenario, axes, years=1)
    rc = Recoster(roster, scenario, years=1)
    for row in table.iter_rows(named=True):
        spec = copy.deepcopy(scenario.spec["schedules"]["I"]["formula"])
        spec["lines"][0]["constant"] = row["schedules.I.line1.constant"]
        spec["lines"][1]["per_point"] = row["schedules.I.line2.per_point"]
        v = copy.copy(scenario)
        v.schedules = {**scenario.schedules, "I": generate(builtin("hay_schedule_1"), spec)}
        assert row["first_year_cost_cents"] == rc.measures(v, long=True)["first_year_cost_cents"], row
    assert table["first_year_cost_cents"].n_unique() == 4
