"""Projection: hand-computed cases for the progression rules, conservation, determinism."""

from pathlib import Path

import polars as pl
import pytest

from simulator import synthetic
from simulator.placement import place
from simulator.projection import project
from simulator.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[1]
CRESAP = load_scenario(ROOT / "scenarios" / "cresap-1967.toml")
HAY = load_scenario(ROOT / "scenarios" / "hay-1975-same-step.toml")
QUIET = {
    "separation_rates": [(200, 0.0)],
    "retire_probability": 0.0,
    "retire_probability_at_70": 0.0,
    "deny_share": 0.0,
    "double_share": 0.0,
}


def roster(rows, extra=None):
    cols = ["employee_id", "agency", "class_code", "grade", "step", "salary", "pay_basis", "hire_date", "birth_date"]
    frame = pl.DataFrame([dict(zip(cols, r)) for r in rows], schema={c: pl.String for c in cols})
    return frame


def annual(proj, eid, year, branch="reform"):
    return proj.persons.filter(
        (pl.col("employee_id") == eid) & (pl.col("fiscal_year") == year) & (pl.col("branch") == branch)
    )["annual_cents"].item()


def test_placed_at_c_reaches_d_after_one_year_and_e_after_two():
    # grade 8 step D $81.50 -> grade 7: B $84 is +$2.50 < $4, so C $88 (A.bump_increment)
    placed = place(
        roster([("P1", "Labor", "0022", "8", "D", "81.50", "weekly", "1960-01-01", "1930-01-01")]), CRESAP
    ).frame
    assert placed["new_step"].item() == "C"
    proj = project(placed, CRESAP, 3, params=QUIET)
    # reviews: C is "one and one-half years", D "two and one-half": a year after 1967-07-01, then E a year later
    assert annual(proj, "P1", 1968) == 8800 * 52  # FY1968 (7/67-6/68): still C
    assert annual(proj, "P1", 1969) == 9200 * 52  # D on 7/1/68
    assert annual(proj, "P1", 1970) == 9600 * 52  # E on 7/1/69
    steps = proj.persons.filter(pl.col("branch") == "reform").sort("fiscal_year")["step"].to_list()
    assert steps == ["C", "C", "D", "E"]
    cash_1969 = proj.persons.filter((pl.col("fiscal_year") == 1969) & (pl.col("branch") == "reform"))["cash_cents"]
    assert cash_1969.item() == 9200 * 52  # the whole year at D


def test_premium_range_one_of_two_eligible_enters():
    """Two people at G for three years in a department of 20: at most half of those at the maximum, and 5 %
    of the department (one), may enter; the move is partial (half way to the premium maximum, A-PROJ-PREMIUM)."""
    rows = [
        ("G1", "Tax", "0022", "10", "E", "94.50", "weekly", "1950-01-01", "1920-01-01"),
        ("G2", "Tax", "0022", "10", "E", "94.50", "weekly", "1950-01-01", "1920-01-01"),
    ]
    rows += [(f"O{i}", "Tax", "0022", "3", "A", "55", "weekly", "1966-06-01", "1945-01-01") for i in range(18)]
    placed = place(roster(rows), CRESAP).frame
    top = placed.filter(pl.col("employee_id").is_in(["G1", "G2"]))
    # $94.50 -> grade 7 (80-104): lowest above 96 (E) +1.50 < 4 -> F 100; they are not yet at G
    assert top["new_step"].to_list() == ["F", "F"]
    params = dict(QUIET, rating_shares=[1.0, 0.0, 0.0])  # everyone outstanding: the caps decide
    proj = project(placed, CRESAP, 6, params=params)
    # F at 5 years of service, G two years later (7/1/69); three years at G -> eligible from FY1973 (7/1/72)
    years = proj.persons.filter(pl.col("employee_id").is_in(["G1", "G2"]) & (pl.col("branch") == "reform"))
    entered = years.filter(pl.col("rule") == "premium_range")
    assert entered.height == 1 and entered["fiscal_year"].item() == 1973
    g, premium = 10400, 10900  # grade 7: G $104, premium maximum $109 a week
    assert entered["annual_cents"].item() == (g + (premium - g) // 2) * 52
    other = years.filter((pl.col("employee_id") != entered["employee_id"].item()) & (pl.col("fiscal_year") == 1973))
    assert other["annual_cents"].item() == g * 52


def test_premium_range_half_of_those_at_the_maximum_counts_those_already_in_it():
    """Issue 27, departure 3: "only up to 50 per cent of the employees in any department who are at the maximum
    ... at any given time" (Cresap line 719). Four at G for three years in a department of 60 (5 %: 3), all
    outstanding: two enter in FY1973; the next year the two in the premium range count among the four at the
    maximum, so none more enter (counting only those still at G, one more entered: 3 of 4)."""
    rows = [(f"G{i}", "Tax", "0022", "10", "E", "94.50", "weekly", "1950-01-01", "1920-01-01") for i in range(4)]
    rows += [(f"O{i}", "Tax", "0022", "3", "A", "55", "weekly", "1966-06-01", "1945-01-01") for i in range(56)]
    placed = place(roster(rows), CRESAP).frame
    proj = project(placed, CRESAP, 8, params=dict(QUIET, rating_shares=[1.0, 0.0, 0.0]))  # to FY1975
    top = proj.persons.filter(pl.col("employee_id").str.starts_with("G") & (pl.col("branch") == "reform"))
    entered = top.filter(pl.col("rule") == "premium_range")
    assert entered["fiscal_year"].to_list() == [1973, 1973]


def test_schedule_d_raise_owed_3500_is_paid_over_two_years():
    # Adjutant General, single rate $15,000; paid $9,500: $2,000 now, $3,500 owed
    placed = place(
        roster([("D1", "Military", "RGD021", "U", None, "9500", "annual", "1950-01-01", "1915-01-01")]), CRESAP
    ).frame
    assert placed["new_annual_cents"].item() == 1_150_000 and placed["owed_annual_cents"].item() == 350_000
    proj = project(placed, CRESAP, 3, params=QUIET)
    assert annual(proj, "D1", 1968) == 1_150_000
    assert annual(proj, "D1", 1969) == 1_350_000  # +$2,000 on the first anniversary
    assert annual(proj, "D1", 1970) == 1_500_000  # +$1,500: the single rate reached


def test_schedule_d_owed_rises_with_a_general_increase_so_the_single_rate_is_reached(tmp_path):
    """Issue 27, departure 2: the increases bring salaries "into line with the proposals" (Cresap lines 538, 649).
    Adjutant General at $9,500, single rate $15,000: placed at $11,500, $3,500 owed. A 5 % general increase in
    year 1 raises the rate to $15,750, the pay to $12,075 and what is owed to $3,675; $2,000 on the first
    anniversary, $1,675 on the second: $15,750, the raised single rate (it ended at $15,575 for good)."""
    import shutil

    shutil.copy(ROOT / "scenarios" / "cresap-1967-crosswalk.csv", tmp_path)
    text = (ROOT / "scenarios" / "cresap-1967.toml").read_text().replace(
        "[projection]\n", '[projection]\ngeneral_increases = [{ schedule = "D", year = 1, pct = 5.0 }]\n')
    (tmp_path / "gi.toml").write_text(text)
    scenario = load_scenario(tmp_path / "gi.toml")
    placed = place(
        roster([("D1", "Military", "RGD021", "U", None, "9500", "annual", "1950-01-01", "1915-01-01")]), scenario
    ).frame
    proj = project(placed, scenario, 4, params=QUIET)
    assert [annual(proj, "D1", y) for y in (1968, 1969, 1970, 1971)] == [1_207_500, 1_407_500, 1_575_000,
                                                                          1_575_000]
    last = proj.persons.filter((pl.col("fiscal_year") == 1970) & (pl.col("branch") == "reform"))
    assert last["step"].item() is not None  # on the single rate's step, not off it by a cent


def test_baseline_replaces_an_incumbent_off_the_steps_at_the_rows_step_a():
    """Issue 27, departure 6: "at step A of the same class" (A-PROJ-REPLACEMENT). On the 4/74 plan (no printed
    rates) an incumbent "over Y" at $9,000 in old grade 20 was replaced at $9,000, labelled step A and never
    progressing; now at the row's step A as its incumbents on a step give it ($8,000 at Y taken back six steps
    at 5 %, half up each: $5,969.72), moving on the row's steps; in a row with no one on a step, the pay taken
    back from Y ($9,000 -> $6,715.93)."""
    from kernels.progression import PCT_STEPS
    from simulator import projection as pj

    placed = place(roster([
        ("Y1", "Big", "0834", "20", "Y", "8000", "annual", "1960-01-01", "1930-01-01"),
        ("O1", "Big", "0834", "20", None, "9000", "annual", "1950-01-01", "1915-01-01"),
        ("O2", "Big", "0834", "21", None, "9000", "annual", "1950-01-01", "1915-01-01"),
    ]), HAY).frame
    home = pj.setup(pj.start(placed, HAY, pj.params_from(HAY))).homes["baseline"]
    assert home.rate0.tolist() == [596_972, 596_972, 671_593]
    assert home.family.tolist() == [PCT_STEPS] * 3


def test_merit_budget_smaller_than_the_eligible_increases_grants_only_what_it_covers():
    n = 40
    rows = [
        (f"H{i}", "Transportation", "6342", "22", "C", "12000", "annual", "1965-03-01", "1940-01-01") for i in range(n)
    ]
    placed = place(roster(rows), HAY).frame  # all to grade 26 step C ($15,727)
    params = dict(QUIET, merit_share=1.0, two_step_share=0.0, merit_budget_factor=0.03)
    proj = project(placed, HAY, 1, params=params)
    year = proj.persons.filter((pl.col("branch") == "reform") & (pl.col("fiscal_year") == 1977))
    granted = year.filter(pl.col("rule") == "merit_step")
    # one agency: budget = payroll x 1 x .03 = 40 x $15,727 x .03 = $18,872.40; a step C -> D costs $787
    budget = n * 1_572_700 * 3 // 100
    assert granted.height == budget // (1_651_400 - 1_572_700) == 23
    assert granted.height * (1_651_400 - 1_572_700) <= budget
    assert year.filter(pl.col("rule") == "merit_not_funded").height == n - 23


@pytest.fixture(scope="module")
def synthetic_projection():
    r = synthetic.roster("1975", 3000, seed=2).with_columns(pl.all().cast(pl.String))
    placed = place(r, HAY).frame
    return placed, project(placed, HAY, 4, seed=11, replicas=2)


def test_conservation_positions_and_totals(synthetic_projection):
    placed, proj = synthetic_projection
    persons = proj.persons
    for _, part in persons.group_by("fiscal_year", "branch"):
        assert part.height == placed.height  # every position every year
    first = proj.totals.filter(pl.col("replica") == 1)
    sums = (
        persons.filter(pl.col("fiscal_year") > 0)
        .group_by("fiscal_year", "branch")
        .agg(
            pl.col("cash_cents").sum(), pl.col("annual_cost_cents").sum(), (pl.col("annual_cents") > 0).sum().alias("h")
        )
    )
    joined = first.join(sums, on=["fiscal_year", "branch"])
    assert joined.height == 8
    assert (joined["cash_cents"] == joined["cash_cents_right"]).all()
    assert (joined["annual_cents"] == joined["annual_cost_cents"]).all()
    assert (joined["headcount"] == joined["h"]).all()
    assert not proj.totals["merit_budget_exceeded"].any()
    assert (proj.totals.filter(pl.col("branch") == "reform")["merit_spent_cents"] > 0).all()
    # the same draws: the same exits in both branches
    exits = first.group_by("fiscal_year").agg(pl.col("retirements").n_unique(), pl.col("separations").n_unique())
    assert (exits["retirements"] == 1).all() and (exits["separations"] == 1).all()
    # headcount: last year's, less the positions emptied this year, plus those refilled
    status = persons.filter(pl.col("branch") == "reform").sort("fiscal_year")
    for year in proj.fiscal_years[1:]:
        prev = status.filter(pl.col("fiscal_year") == year - 1)
        cur = status.filter(pl.col("fiscal_year") == year)
        emptied = (
            prev.filter(pl.col("annual_cents") > 0)
            .join(cur.filter(pl.col("annual_cents") == 0), on="employee_id")
            .height
        )
        refilled = (
            prev.filter(pl.col("annual_cents") == 0)
            .join(cur.filter(pl.col("annual_cents") > 0), on="employee_id")
            .height
        )
        assert (cur["annual_cents"] > 0).sum() == (prev["annual_cents"] > 0).sum() - emptied + refilled


def test_same_seed_same_result_other_seed_other_result(synthetic_projection):
    placed, proj = synthetic_projection
    again = project(placed, HAY, 4, seed=11, replicas=2)
    assert again.totals.equals(proj.totals) and again.persons.equals(proj.persons)
    other = project(placed, HAY, 4, seed=12, replicas=2)
    assert not other.totals.equals(proj.totals)


def test_expected_value_path_is_deterministic_and_zero_years_is_the_placement():
    placed = place(synthetic.roster("1967", 800, seed=3).with_columns(pl.all().cast(pl.String)), CRESAP).frame
    a, b = project(placed, CRESAP, 3), project(placed, CRESAP, 3)
    assert a.totals.equals(b.totals) and (a.totals["replica"] == 0).all()
    zero = project(placed, CRESAP, 0)
    assert zero.persons["fiscal_year"].unique().to_list() == [0]
    reform = zero.persons.filter(pl.col("branch") == "reform").sort("employee_id")
    assert reform["annual_cents"].to_list() == placed.sort("employee_id")["new_annual_cents"].to_list()
    base = zero.persons.filter(pl.col("branch") == "baseline").sort("employee_id")
    assert base["annual_cents"].to_list() == placed.sort("employee_id")["old_annual_cents"].to_list()


def test_general_increase_raises_every_step():
    placed = place(
        roster([("P1", "Labor", "0022", "8", "D", "81.50", "weekly", "1960-01-01", "1930-01-01")]), CRESAP
    ).frame
    proj = project(placed, CRESAP, 2, params=dict(QUIET, general_increases=[{"schedule": "A", "year": 2, "pct": 5.0}]))
    # FY1969: D of grade 7 raised 5 %: $92 x 1.05 = $96.60
    assert annual(proj, "P1", 1969) == 9660 * 52
    # the baseline is the 1966 plan, untouched: D $81.50 (service past its timetable: taken as just reached),
    # automatic E $85.50 a year later
    assert annual(proj, "P1", 1968, "baseline") == 8150 * 52
    assert annual(proj, "P1", 1969, "baseline") == 8550 * 52


def test_costs_by_group_add_up_to_the_totals(synthetic_projection):
    from simulator.projection import costs

    placed, proj = synthetic_projection
    total = costs(proj)
    by_agency = costs(proj, by=["agency"])
    assert set(total.columns) >= {
        "fiscal_year",
        "baseline_cents",
        "reform_cents",
        "difference_cents",
        "pct_of_baseline",
        "benefits_difference_cents",
        "total_difference_cents",
    }
    summed = by_agency.group_by("fiscal_year").agg(pl.col("difference_cents").sum()).sort("fiscal_year")
    assert summed["difference_cents"].to_list() == total.sort("fiscal_year")["difference_cents"].to_list()
    row = total.filter(pl.col("fiscal_year") == proj.fiscal_years[0]).row(0, named=True)
    assert row["difference_cents"] == row["reform_cents"] - row["baseline_cents"]
    assert abs(row["pct_of_baseline"] - row["difference_cents"] / row["baseline_cents"] * 100) < 1e-9
    mc = costs(proj, replicas=True)
    assert set(mc.columns) >= {"fiscal_year", "difference_mean_cents", "difference_p05_cents", "difference_p95_cents"}


def test_scenario_projection_table_is_validated(tmp_path):
    from simulator.errors import InputError

    text = (ROOT / "scenarios" / "hay-1975-same-step.toml").read_text().split("\n[projection]\n")[0]
    (tmp_path / "hay-1975-crosswalk.csv").write_bytes((ROOT / "scenarios" / "hay-1975-crosswalk.csv").read_bytes())
    bad = tmp_path / "bad.toml"
    bad.write_text(
        text + "\n[projection]\nmerit_budget_factor = 0.05\nretire_probability = 2\nspeed = 3\n"
        'general_increases = [{ schedule = "Z", year = 1, pct = 5 }]\n'
    )
    with pytest.raises(InputError) as err:
        load_scenario(bad)
    msg = err.value.render()
    assert "projection.merit_budget_factor: 0.05: merit_budget_factor must be a number from 0.01 to 0.04" in msg
    assert "projection.retire_probability: 2: retire_probability must be a number from 0 to 1" in msg
    assert "projection.speed: unknown projection parameter" in msg
    assert "projection.general_increases[1].schedule: 'Z': unknown schedule" in msg
    good = tmp_path / "good.toml"
    good.write_text(text + "\n[projection]\nmerit_budget_factor = 0.02\n")
    assert load_scenario(good).projection == {"merit_budget_factor": 0.02}


def test_top_level_project():
    import simulator

    placed = simulator.place(
        roster([("P1", "Labor", "0022", "8", "D", "81.50", "weekly", "1960-01-01", "1930-01-01")]),
        ROOT / "scenarios" / "cresap-1967.toml",
    )
    proj = simulator.project(placed, ROOT / "scenarios" / "cresap-1967.toml", 2)
    assert proj.fiscal_years == [1968, 1969] and proj.persons.height == 2 * 3


def test_a_raise_limited_by_a_group_is_paid_in_the_next_year_and_the_steps_go_on():
    """$77.50 a week (grade 8, step C) goes to grade 7 step B, $84; a group limits the raise to 5 per cent:
    $81.38 now (5 % of $77.50 is $3.875, $3.88), $2.62 a week ($136.24 a year) owed. The next year that is paid
    (under the 5 % limit, $4.07 a week), which lands on step B; B's review a year after implementation moves it to
    C (A-PROJ-OWED)."""
    import dataclasses

    from simulator.scenario import Group

    capped = dataclasses.replace(CRESAP, groups=[*CRESAP.groups, Group("limited", {"class_code": ["0022"]},
                                                                      cap_pct=5.0)])
    placed = place(roster([("C1", "Labor", "0022", "8", "C", "77.50", "weekly", "1960-01-01", "1930-01-01")]),
                   capped).frame
    row = placed.row(0, named=True)
    assert (row["rule"], row["new_annual_cents"], row["owed_annual_cents"]) == ("CAP.pct", 8138 * 52, 262 * 52)
    assert "?" not in row["explanation"] and "5.0 per cent of the present $77.50 a week" in row["explanation"]
    proj = project(placed, capped, 3, params=QUIET)
    assert annual(proj, "C1", 1968) == 8138 * 52
    assert annual(proj, "C1", 1969) == 8800 * 52  # $84 (B) on 7/1/68, then B's review: C, $88
    rules = proj.persons.filter((pl.col("branch") == "reform") & (pl.col("fiscal_year") == 1969))["rule"]
    assert rules.item() == "step"
    assert annual(proj, "C1", 1970) == 9200 * 52  # C's review a year later: D


def test_a_teacher_above_schedule_c_keeps_the_pay_in_the_projection():
    """A classified teacher at $135 a week, above the top of the column ($126 grade U... see the scenario), is
    kept at $135 (C.above_max) and no increment ever cuts the pay."""
    rows = [("T1", "Education", "RGC001", "U", None, "135", "weekly", "1960-01-01", "1930-01-01")]
    frame = roster(rows).with_columns(pl.lit("60_credits").alias("degree"),
                                      pl.lit("classified").alias("bargaining_unit"))
    placed = place(frame, CRESAP).frame
    assert placed["rule"].item() == "C.above_max" and placed["new_annual_cents"].item() == 13_500 * 52
    proj = project(placed, CRESAP, 4, params=QUIET)
    kept = proj.persons.filter(pl.col("branch") == "reform")["annual_cents"].to_list()
    assert kept == [13_500 * 52] * len(kept)


def test_a_special_plan_member_is_eligible_under_the_regular_terms_too():
    """An airplane pilot born in 1897, hired in 1964: not 25 years of service, so not eligible under the pilots'
    plan, but past 60 and so eligible under the regular terms; at 70 and over, all eligible retire."""
    rows = [("R1", "Aero", "0022", "8", "C", "77.50", "weekly", "1964-01-01", "1897-01-01")]
    frame = roster(rows).with_columns(pl.lit("airplane_pilots").alias("retirement_plan"))
    placed = place(frame, CRESAP).frame
    params = dict(QUIET, retire_probability_at_70=1.0)
    proj = project(placed, CRESAP, 2, params=params)
    first = proj.persons.filter((pl.col("branch") == "reform") & (pl.col("fiscal_year") == 1968))
    assert first["status"].item() == "retired"
