"""Overtime (kernels/overtime.py, simulator/overtime.py): Cresap's bands by hand at their edges, in each unit of
pay; the pay for the hours against its plain-Python reference; a run that pays it in both branches."""

import shutil
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kernels import overtime as K

ROOT = Path(__file__).resolve().parents[1]
LOW, HIGH = 15000 * 52, 22500 * 52  # $150 and $225 a week, a year in cents (data/tables/cresap_overtime_bands)


@pytest.mark.parametrize("base_annual, fte_k, tenths", [
    (8800 * 52, 1000, 15),  # $88 a week: "less than $150 per week", time and a half
    (14999 * 52, 1000, 15),  # $149.99 a week
    (15000 * 52, 1000, 10),  # $150.00: "from $150 to $225", straight time
    (22500 * 52, 1000, 10),  # $225.00
    (22501 * 52, 1000, 0),  # $225.01: "exceed $225 per week", no cash
    (374 * 2080, 1000, 15),  # $3.74 an hour is $149.60 a week
    (375 * 2080, 1000, 10),  # $3.75 an hour is $150.00 a week, compared in the hour: no rounding decides it
    (779_999, 1000, 15),  # $7,799.99 a year is under $150 a week
    (780_000, 1000, 10),
    (30000 * 52, 500, 10),  # part-time: "straight time", whatever the pay
])
def test_cresaps_bands_at_their_edges_in_each_unit(base_annual, fte_k, tenths):
    assert K.multiplier_tenths(K.OT_BANDS, base_annual, fte_k, LOW, HIGH) == tenths


def test_the_plain_rules():
    assert [K.multiplier_tenths(r, 10**9, 1000, LOW, HIGH) for r in (K.OT_NONE, K.OT_STRAIGHT, K.OT_HALF)] == [0, 10,
                                                                                                               15]


def test_a_highway_man_at_45_hours():
    """Cresap line 747: a 45-hour week, "time-and-one-half salary for all time over 40 hours": $1.88 an hour,
    $3,910.40 a year for 40 hours; 5 hours a week at $2.82 is $733.20 a year; at straight time $488.80."""
    pay = 188 * 2080
    assert K.overtime_pay(pay, 500, K.multiplier_tenths(K.OT_BANDS, pay, 1000, LOW, HIGH)) == 73_320
    assert K.overtime_pay(pay, 500, 10) == 48_880


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([K.OT_NONE, K.OT_STRAIGHT, K.OT_HALF, K.OT_BANDS]), st.integers(1, 5_000_000),
       st.sampled_from([250, 500, 1000]), st.integers(0, 5_000_000), st.integers(0, 6000))
def test_overtime_equals_its_reference(rule, base_annual, fte_k, pay, hours_c):
    tenths = K.multiplier_tenths(rule, base_annual, fte_k, LOW, HIGH)
    assert K.overtime_pay(pay, hours_c, tenths) == K.reference(rule, base_annual, fte_k, pay, hours_c, LOW, HIGH)


def test_a_run_pays_overtime_in_both_branches_each_by_its_rule(tmp_path):
    """A clerk of class 0022 working 44 hours: placed at grade 7 C, $88 a week, all of FY1968; Cresap's
    proposal pays 4 hours at time and a half: $88 x 52 = $4,576 plus 4 x $2.20 x 1.5 x 52 = $686.40, a year's
    annual cost of $5,262.40. The baseline pays the present straight time: a tenth more than its pay (4 of 40
    hours). The overtime is in the salary, and in run_totals apart."""
    from simulator.placement import place
    from simulator.projection import project
    from simulator.scenario import load_scenario

    shutil.copy(ROOT / "scenarios" / "cresap-1967-crosswalk.csv", tmp_path)
    text = (ROOT / "scenarios" / "cresap-1967.toml").read_text().replace('weekly_hours = { "9903" = 45',
                                                                          'weekly_hours = { "0022" = 44, "9903" = 45')
    (tmp_path / "ot.toml").write_text(text)
    scenario = load_scenario(tmp_path / "ot.toml")
    cols = ["employee_id", "agency", "class_code", "grade", "step", "salary", "pay_basis", "hire_date", "birth_date"]
    roster = pl.DataFrame([dict(zip(cols, ("P1", "Labor", "0022", "8", "D", "81.50", "weekly", "1960-01-01",
                                            "1930-01-01")))], schema={c: pl.String for c in cols})
    placed = place(roster, scenario).frame
    quiet = {"separation_rates": [(200, 0.0)], "retire_probability": 0.0, "retire_probability_at_70": 0.0}
    proj = project(placed, scenario, 1, params=quiet)
    year = proj.persons.filter(pl.col("fiscal_year") == 1968)
    reform = year.filter(pl.col("branch") == "reform").row(0, named=True)
    assert (reform["annual_cents"], reform["annual_cost_cents"]) == (457_600, 526_240)
    base = year.filter(pl.col("branch") == "baseline").row(0, named=True)
    assert base["annual_cost_cents"] * 10 == base["annual_cents"] * 11
    totals = proj.totals.filter(pl.col("fiscal_year") == 1968).sort("branch")
    assert totals["annual_overtime_cents"].to_list() == [base["annual_cents"] // 10, 68_640]


def test_the_roster_s_weekly_hours_come_before_the_scenario_s(tmp_path):
    """Scheduled hours from the roster or the scenario (issue 27): a roster's weekly_hours is the position's own;
    blank, the scenario's hours for its class; else its default_hours. Three clerks of class 0022 at grade 7 C,
    $88 a week ($2.20 an hour) after placement, the scenario giving class 0022 44 hours: one whose roster says 42
    works 2 hours over 40 ($2.20 x 1.5 x 2 x 52 = $343.20 a year), one blank works the scenario's 4 ($686.40),
    one whose roster says 40 none."""
    from simulator.placement import place
    from simulator.projection import project
    from simulator.scenario import load_scenario

    shutil.copy(ROOT / "scenarios" / "cresap-1967-crosswalk.csv", tmp_path)
    text = (ROOT / "scenarios" / "cresap-1967.toml").read_text().replace('weekly_hours = { "9903" = 45',
                                                                          'weekly_hours = { "0022" = 44, "9903" = 45')
    (tmp_path / "ot.toml").write_text(text)
    cols = ["employee_id", "agency", "class_code", "grade", "step", "salary", "pay_basis", "hire_date", "birth_date",
            "weekly_hours"]
    rows = [(f"P{i}", "Labor", "0022", "8", "D", "81.50", "weekly", "1960-01-01", "1930-01-01", h)
            for i, h in enumerate(["42", None, "40"])]
    placed = place(pl.DataFrame(rows, schema={c: pl.String for c in cols}, orient="row"),
                   load_scenario(tmp_path / "ot.toml")).frame
    quiet = {"separation_rates": [(200, 0.0)], "retire_probability": 0.0, "retire_probability_at_70": 0.0}
    year = project(placed, load_scenario(tmp_path / "ot.toml"), 1, params=quiet).persons.filter(
        (pl.col("fiscal_year") == 1968) & (pl.col("branch") == "reform")).sort("employee_id")
    assert year["annual_cents"].to_list() == [457_600] * 3
    assert (year["annual_cost_cents"] - year["annual_cents"]).to_list() == [34_320, 68_640, 0]

