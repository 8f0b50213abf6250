"""Reductions in force (simulator/reductions.py, A-PROJ-RIF): positions abolished on their day in both branches and
never refilled, by hand; the share of an agency's positions; and Hay's merit budget "recalculated, pro rata for
that budget year" (line 982) against the budget left unchanged."""

import datetime as dt
from pathlib import Path

import numpy as np
import polars as pl
import pytest

from simulator import reductions, synthetic
from simulator.errors import InputError
from simulator.placement import place
from simulator.projection import project
from simulator.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[1]
QUIET = {"separation_rates": [(200, 0.0)], "retire_probability": 0.0, "retire_probability_at_70": 0.0,
         "deny_share": 0.0, "double_share": 0.0}
COLS = ["employee_id", "agency", "class_code", "grade", "step", "salary", "pay_basis", "hire_date", "birth_date"]


def _clerks(agencies):
    rows = [(f"P{i}", a, "0022", "8", "D", "81.50", "weekly", "1960-01-01", "1930-01-01")
            for i, a in enumerate(agencies)]
    return pl.DataFrame(rows, schema={c: pl.String for c in COLS}, orient="row")


def test_a_position_abolished_mid_year_is_paid_to_that_day_and_never_refilled():
    """A clerk of Labor placed at grade 7 C, $88 a week ($4,576 a year), abolished on the first day of FY1968's
    seventh month, 1968-01-01: paid 184 of the year's 366 days, $4,576 x 184 / 366 = $2,300.50; then abolished
    every year, in both branches. The clerk of Parks is untouched."""
    cresap = load_scenario(ROOT / "scenarios" / "cresap-1967.toml")
    placed = place(_clerks(["Labor", "Parks"]), cresap).frame
    cut = {**QUIET, "reductions_in_force": [{"agency": "Labor", "year": 1, "share": 1.0, "month": 7}]}
    persons = project(placed, cresap, 2, params=cut).persons.filter(pl.col("fiscal_year") > 0).sort(
        "fiscal_year", "branch", "employee_id")  # (year 0: the placement)
    labor = persons.filter(pl.col("employee_id") == "P0")
    assert labor["status"].to_list() == ["abolished"] * 4
    first = labor.filter((pl.col("fiscal_year") == 1968) & (pl.col("branch") == "reform")).row(0, named=True)
    assert first["cash_cents"] == 230_050 and first["annual_cents"] == 0
    assert labor.filter(pl.col("fiscal_year") == 1969)["cash_cents"].to_list() == [0, 0]
    parks = persons.filter(pl.col("employee_id") == "P1")
    assert set(parks["status"].to_list()) == {"active"} and (parks["annual_cents"] > 0).all()
    assert persons.filter(pl.col("branch") == "baseline")["status"].to_list() == ["abolished", "active"] * 2


def test_a_share_of_the_agency_the_same_positions_in_both_branches():
    """share 0.25 of 2,000 clerks: about 500 abolished, the same ones in both branches; share 0: none, and every
    other result as without the reduction (its draw moves no other)."""
    cresap = load_scenario(ROOT / "scenarios" / "cresap-1967.toml")
    placed = place(_clerks(["Labor"] * 2000), cresap).frame
    plain = project(placed, cresap, 1, params=QUIET).persons
    cut = project(placed, cresap, 1, params={**QUIET, "reductions_in_force": [
        {"agency": "Labor", "year": 1, "share": 0.25}]}).persons
    gone = cut.filter(pl.col("status") == "abolished")
    assert 440 <= gone.height // 2 <= 560
    by = gone.group_by("branch").agg(pl.col("employee_id").sort())
    assert by["employee_id"][0].to_list() == by["employee_id"][1].to_list()
    none = project(placed, cresap, 1, params={**QUIET, "reductions_in_force": [
        {"agency": "Labor", "year": 1, "share": 0.0}]}).persons
    assert none.equals(plain)


def test_hays_merit_budget_is_recalculated_pro_rata():
    """Line 982: after a reduction in force "the budget will be recalculated, pro rata for that budget year". The
    whole of one department abolished on FY1977's first day takes its budget out (its payroll counts for none
    of the year): that is the department's budget. Abolished instead on the first day of the seventh month
    (1977-01-01, 184 of the year's 365 days after 1976-07-01), its payroll counts for 184/365 of the year, so the
    budget falls by 181/365 of the department's; left "unchanged", it does not fall."""
    scenario = load_scenario(ROOT / "scenarios" / "hay-1975-same-step.toml")
    roster = synthetic.roster("1975", 2000, 4)
    big = roster.group_by("agency").len().sort("len", descending=True)["agency"][0]
    placed = place(roster.with_columns(pl.all().cast(pl.String)), scenario).frame

    def budget(month, how="pro_rata"):
        cut = [{"agency": big, "year": 1, "share": 1.0, "month": month}] if month else []
        t = project(placed, scenario, 1, params={"reductions_in_force": cut, "rif_budget": how}).totals
        return t.filter(pl.col("branch") == "reform")["merit_budget_cents"].item()

    plain = budget(None)
    department = plain - budget(1)
    assert dt.date(1976, 7, 1) + dt.timedelta(days=184) == dt.date(1977, 1, 1)
    assert 0 < department < plain
    assert budget(7) == pytest.approx(plain - department * 181 / 365, abs=100)  # each position's cent, rounded
    assert budget(7, "unchanged") == budget(1, "unchanged") == plain


def test_an_agency_not_in_the_roster_is_a_named_error():
    cresap = load_scenario(ROOT / "scenarios" / "cresap-1967.toml")
    placed = place(_clerks(["Labor"]), cresap).frame
    with pytest.raises(InputError) as err:
        project(placed, cresap, 1, params={"reductions_in_force": [{"agency": "Labour", "year": 1, "share": 0.1}]})
    assert "projection.reductions_in_force[1].agency: 'Labour': no position of the roster is in this agency" in str(
        err.value)


def test_abolish_days_by_hand():
    """Group 2's share 1.0 in year 0 from its 3rd month: day fy_start + 2 months; group 1 none; another year,
    none."""
    r = (reductions.Reduction(0, 2, 1.0, 3),)
    u = np.full((3, 6), 0.3)
    out = np.empty(3, np.int64)
    start = (dt.date(1976, 7, 1) - dt.date(1970, 1, 1)).days
    reductions.abolish_days(r, 0, start, np.array([1, 2, 2]), u, out)
    assert out.tolist() == [reductions.NEVER, start + 31 + 31, start + 62]
    reductions.abolish_days(r, 1, start, np.array([1, 2, 2]), u, out)
    assert (out == reductions.NEVER).all()
