"""The cost bridge (simulator/bridge.py) and the cost of 1 % and of one step (simulator/unit_costs.py).

1. A case computed by hand, every part to the cent: two employees over two fiscal years; one retires during the
   first, and a replacement is hired after the vacancy; a 2 % general increase in the second; one benefit item
   (10 % of pay). Every figure below is typed from the scenario and the roster; the one input read from regrade
   is the day the retirement falls on, which is a random draw (an input, as the design passes draws in).
2. On random rosters, the parts add up to the run's cost, year by year, to the cent.
3. A null reform (the new schedule equal to the old plan, the same rules) costs $0 in every part, every year.
4. The cost of 1 % equals the difference of two full runs: the scenario, and the scenario with the schedule's
   rates 1 % higher; the cost of one step likewise against a run placed one step higher.
"""

import datetime as dt
from pathlib import Path

import duckdb
import numpy as np
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kernels.state import D_SEP_DAY
from simulator import bridge, pipeline, unit_costs
from simulator import projection as pj
from simulator.placement import place
from simulator.recost import Recoster
from simulator.scenario import load_scenario

SCENARIO = """
name = "bridge-hand"
title = "Two employees, two years, by hand"
effective_date = 2027-07-01
crosswalk = "cw.csv"

[old_plan]
kind = "stepped"
basis = "annual"
steps = ["1", "2", "3"]
months = [0, 12, 24]
provenance = "assumed"
[old_plan.grades]
"10" = [30000.00, 31000.00, 32000.00]

[schedules.S]
kind = "stepped"
basis = "annual"
steps = ["1", "2", "3"]
months = [0, 12, 24]
provenance = "assumed"
[schedules.S.grades]
"10" = [{new}]

[rules]
S = "closest_step"

[retirement.plans.pers]
age = 65

[benefits.tax]
label = "Employer tax"
pct = 10.0

[projection]
hire_share_b = 0.0
hire_share_c = 0.0
general_increases = [{{ schedule = "S", pct = 2.0, year = 2 }}, {{ schedule = "old_plan", pct = 2.0, year = 2 }}]
"""
CROSSWALK = "class_code,class_title,schedule,grade,points,rule,tag,note\nC1,Clerk,S,10,,,,\n"
ROSTER = """employee_id,agency,class_code,grade,step,salary,pay_basis,fte,birth_date,hire_date,retirement_plan,fund
E1,Revenue,C1,10,1,30000,annual,1,1990-03-01,2027-01-01,pers,general
E2,Revenue,C1,10,3,32000,annual,1,1955-01-01,2010-01-01,pers,general
"""


def write_case(folder: Path, new: str = "31500.00, 32500.00, 33500.00", roster: str = ROSTER) -> tuple[Path, Path]:
    (folder / "cw.csv").write_text(CROSSWALK)
    (folder / "s.toml").write_text(SCENARIO.format(new=new))
    (folder / "r.csv").write_text(roster)
    return folder / "r.csv", folder / "s.toml"


def hu(num: int, den: int) -> int:
    """num / den rounded half up (non-negative)."""
    return (2 * num + den) // (2 * den)


def days(a: dt.date, b: dt.date) -> int:
    return (b - a).days


def tax(cash: int) -> int:
    return hu(cash, 10)  # 10 % of the pay, half up to the cent


def by_hand(sep: int) -> dict:
    """Each stage's (reform - baseline) by fiscal year: cash, benefits, annual, annual benefits; ``sep`` the day of
    the first year on which E2 retires."""
    fy1, fy2, fy3 = dt.date(2027, 7, 1), dt.date(2028, 7, 1), dt.date(2029, 7, 1)
    y1, y2 = days(fy1, fy2), days(fy2, fy3)  # 366 (29 February 2028) and 365
    e1_step2 = dt.date(2028, 1, 1)  # hired 2027-01-01: step 2 a year on, step 3 two years on (months 0, 12, 24)
    e1_step3 = dt.date(2029, 1, 1)
    vacancy = 61  # two months (A-PROJ-REPLACEMENT) of 30.4375 days, rounded
    fill = fy1 + dt.timedelta(days=sep + vacancy)
    assert fill < fy2, "the replacement is hired within the first year in this case"
    fill_step2 = fill.replace(year=fill.year + 1)  # a year after hire

    def split(rate_a, rate_b, change, start, n):  # a rate to ``change``, then another, in a year of n days
        a = days(start, change)
        return hu(rate_a * a, n) + hu(rate_b * (n - a), n)

    # cash of each position, per stage (P placement only, M + movement, G + general increases, F + turnover),
    # branch, year: {position: (cash, annual rate at the year's end)}
    P = {"B": [{1: (3000000, 3000000), 2: (3200000, 3200000)}] * 2,
         "R": [{1: (3150000, 3150000), 2: (3250000, 3250000)}] * 2}
    M = {"B": [{1: (split(3000000, 3100000, e1_step2, fy1, y1), 3100000), 2: (3200000, 3200000)},
               {1: (split(3100000, 3200000, e1_step3, fy2, y2), 3200000), 2: (3200000, 3200000)}],
         "R": [{1: (3150000, 3150000), 2: (3250000, 3250000)},  # the reform's step a year after the change
               {1: (3250000, 3250000), 2: (3350000, 3350000)}]}
    G = {"B": [M["B"][0],  # 2 %: 31,000 -> 31,620 and 32,000 -> 32,640
               {1: (split(3162000, 3264000, e1_step3, fy2, y2), 3264000), 2: (3264000, 3264000)}],
         "R": [M["R"][0],  # raised first (31,500 -> 32,130), then the step at the year's start: 32,500 x 1.02
               {1: (3315000, 3315000), 2: (3417000, 3417000)}]}
    e2 = {"B": [(hu(3200000 * sep, y1) + hu(3000000 * days(fill, fy2), y1), 3000000),
                (split(3060000, 3162000, fill_step2, fy2, y2), 3162000)],
          "R": [(hu(3250000 * sep, y1) + hu(3150000 * days(fill, fy2), y1), 3150000),
                (split(3213000, 3315000, fill_step2, fy2, y2), 3315000)]}
    F = {b: [{1: G[b][k][1], 2: e2[b][k]} for k in range(2)] for b in ("B", "R")}

    def diff(stage, k):
        def total(b, what):
            return sum(what(v) for v in stage[b][k].values())
        return np.array([total(b, lambda v: v[0]) for b in "RB"]) @ [1, -1], \
            np.array([total(b, lambda v: tax(v[0])) for b in "RB"]) @ [1, -1], \
            np.array([total(b, lambda v: v[1]) for b in "RB"]) @ [1, -1], \
            np.array([total(b, lambda v: tax(v[1])) for b in "RB"]) @ [1, -1]
    return {name: [diff(stage, k) for k in range(2)] for name, stage in
            (("placement", P), ("movement", M), ("general_increases", G), ("turnover", F))}


def test_each_part_of_the_bridge_by_hand(tmp_path):
    roster, scenario = write_case(tmp_path)
    sep = int(pj.year_draws(0, 0, 2, 0)[1, D_SEP_DAY] * 366)  # the draw: the day E2 retires (0.546... -> 199)
    stages = by_hand(sep)
    result = pipeline.run(roster, scenario, 2, db=tmp_path / "b.duckdb")
    con = duckdb.connect(str(tmp_path / "b.duckdb"), read_only=True)
    stored = con.sql("SELECT * FROM run_bridge WHERE run_id = ? ORDER BY fiscal_year", params=[result.run_id]).pl()
    cost = con.sql("SELECT fiscal_year, sum(reform_cents - baseline_cents) AS c FROM cost_cube WHERE run_id = ? "
                   "GROUP BY 1 ORDER BY 1", params=[result.run_id]).pl()["c"].to_list()
    before = [np.zeros(4, np.int64)] * 2
    for part in bridge.PARTS:
        for k, fy in enumerate((2028, 2029)):
            row = stored.filter((pl.col("part") == part) & (pl.col("fiscal_year") == fy)).row(0, named=True)
            want = np.array(stages[part][k]) - before[k]
            got = [row["cash_cents"], row["benefits_cents"], row["annual_cents"], row["annual_benefits_cents"]]
            assert got == [int(x) for x in want], (part, fy)
        before = [np.array(stages[part][k]) for k in range(2)]
    # the case's parts by hand, in words: the structure costs $2,000 a year (+ $200 tax); in the first year the old
    # plan's step (E1, 1 January) outruns the reform's (a year after the change)
    assert stages["placement"][0][0] == 200000 and stages["placement"][0][1] == 20000
    assert cost == [int(stages["turnover"][k][0]) for k in range(2)]  # the last stage is the run itself


def test_a_mid_year_effective_date_pays_the_first_year_its_share(tmp_path):
    """Effective 1 January 2028, fiscal years July-June: the first fiscal year is 182 of FY 2028's 366 days, and
    is paid that share; the next is a whole year. E3 is at the old plan's top ($32,000; no step to come) and placed
    at the new step 2 ($32,500, the lowest not below): the structure costs $500 a year, its share the first year."""
    roster = ROSTER.splitlines()[0] + "\nE3,Revenue,C1,10,3,32000,annual,1,1980-01-01,2010-01-01,pers,general\n"
    _, scenario = write_case(tmp_path, roster=roster)
    scenario.write_text(scenario.read_text().replace("effective_date = 2027-07-01", "effective_date = 2028-01-01"))
    result = pipeline.run(tmp_path / "r.csv", scenario, 2)
    share = 182  # 1 January to 30 June 2028
    parts = result.projection.bridge.filter(pl.col("part") == "placement").sort("fiscal_year")
    first = hu(3250000 * share, 366) - hu(3200000 * share, 366)
    assert parts["cash_cents"].to_list() == [first, 50000]
    assert parts["benefits_cents"].to_list() == [tax(hu(3250000 * share, 366)) - tax(hu(3200000 * share, 366)),
                                                 5000]  # 10 % of each branch's cash, rounded per position
    assert parts["annual_cents"].to_list() == [50000, 50000]  # the rates in force: a whole year's
    baseline = result.projection.totals.filter(pl.col("branch") == "baseline").sort("fiscal_year")
    assert baseline["cash_cents"][0] == hu(3200000 * share, 366)  # not a whole year's pay in half a year
    sums = result.projection.bridge.group_by("fiscal_year").agg(pl.col(bridge.MEASURES).sum()).sort("fiscal_year")
    assert sums.select(bridge.MEASURES).to_numpy().tolist() == bridge.run_differences(
        result.projection.totals, 0).tolist()


def test_the_parts_add_up_to_the_runs_cost_on_random_rosters():
    """Property: for rosters drawn at random (synthetic, various sizes and seeds), in every year, the parts sum to
    the run's cost (salary, benefits, cash and annualized) to the cent."""

    @settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(size=st.integers(5, 300), seed=st.integers(0, 10_000), era=st.sampled_from(["1967", "1975"]))
    def check(size, seed, era):
        from simulator.synthetic import roster as synthetic_roster

        roster = synthetic_roster(era, size, seed)
        root = Path(__file__).resolve().parents[1] / "scenarios"
        scenario = load_scenario(root / ("cresap-1967.toml" if era == "1967" else "hay-1975-same-step.toml"))
        placed = place(roster, scenario).frame
        proj = pj.project(placed, scenario, 3, seed=seed, person_rows=False, cube=True)
        parts = bridge.bridge(placed, scenario, proj, seed, 0)
        run = bridge.run_differences(proj.totals, 0)
        sums = parts.group_by("fiscal_year").agg(pl.col(bridge.MEASURES).sum()).sort("fiscal_year")
        assert sums.select(bridge.MEASURES).to_numpy().tolist() == run.tolist()

    check()


NULL_ROSTER = """employee_id,agency,class_code,grade,step,salary,pay_basis,fte,birth_date,hire_date,retirement_plan,fund
N1,Revenue,C1,10,1,30000,annual,1,1990-03-01,2027-07-01,pers,general
N2,Revenue,C1,10,2,31000,annual,0.5,1980-03-01,2026-07-01,pers,general
N3,Revenue,C1,10,3,32000,annual,1,1950-01-01,2025-07-01,pers,general
N4,Revenue,C1,10,3,32000,annual,1,1958-06-15,2000-07-01,pers,federal
"""


def test_a_null_reform_costs_nothing_in_any_part(tmp_path):
    """The new schedule equal to the old plan (same steps, same months), the same placement (closest step: each at
    their own step) and the same raises: each employee hired on the change's anniversary, on the step their
    service gives, so the reform's review dates (a year after the change) are the old plan's. Both branches are
    then the same path: $0 in every part, every year, cash and annualized, salary and benefits."""
    roster, scenario = write_case(tmp_path, new="30000.00, 31000.00, 32000.00", roster=NULL_ROSTER)
    result = pipeline.run(roster, scenario, 4, db=tmp_path / "n.duckdb")
    parts = result.projection.bridge
    assert parts.height == 4 * 4
    assert parts.select(bridge.MEASURES).to_numpy().any() == False  # noqa: E712  (every cell 0)
    totals = result.projection.totals
    # and the run moves: people progress, one retires and is replaced, the raise is paid (nothing trivially 0)
    assert totals["retirements"].sum() > 0 and totals["hires"].sum() > 0
    assert totals.filter(pl.col("branch") == "reform")["cash_cents"].n_unique() == 4


@pytest.fixture(scope="module")
def examplia():
    root = Path(__file__).resolve().parents[1] / "scenarios"
    from simulator.roster import load_roster

    scenario = load_scenario(root / "examplia-2027.toml")
    roster, _ = load_roster(root / "examplia-roster.xlsx")
    return roster, scenario


def _full_runs(roster, scenario, years):
    placed = place(roster, scenario, sentences=False).frame
    t = pj.project(placed, scenario, years, person_rows=False).totals.sort("fiscal_year")
    side = {b: t.filter(pl.col("branch") == b).select("cash_cents", "benefits_cents", "annual_cents",
                                                      "annual_benefits_cents").to_numpy() for b in pj.BRANCHES}
    return side["reform"] - side["baseline"]


def test_the_cost_of_one_percent_is_two_full_runs_apart(examplia):
    roster, scenario = examplia
    years, full = 3, 1
    rc = Recoster(roster, scenario, years)
    table = unit_costs.unit_costs(rc, full)
    row = table.filter((pl.col("measure") == "one_pct") & (pl.col("schedule") == "S")).row(0, named=True)
    higher = unit_costs.one_pct(scenario, ["S"])
    assert higher.schedules["S"].grades["10"][0][1] == 3571360  # $35,360.00 x 1.01, typed: $35,713.60
    delta = _full_runs(roster, higher, years) - _full_runs(roster, scenario, years)
    assert [row["first_year_cents"], row["first_year_benefits_cents"]] == delta[0, :2].tolist()
    assert [row["full_cents"], row["full_benefits_cents"]] == delta[full, 2:].tolist()
    assert row["first_year_cents"] > 0 and row["positions"] == roster.height


def test_the_cost_of_one_step_is_a_run_placed_one_step_higher(examplia):
    """One step: the same as a run whose placement puts everyone below the top one step higher (their rate at that
    step), costed the long way (simulator.projection.project on that placement)."""
    roster, scenario = examplia
    rc = Recoster(roster, scenario, 2)
    row = unit_costs.unit_costs(rc, 1).filter(pl.col("measure") == "one_step").row(0, named=True)
    placed = place(roster, scenario, sentences=False).frame
    steps = ["1", "2", "3", "4", "5", "6"]
    rates = {g: r for g, r in ((g, [a for _, a in s]) for g, s in scenario.schedules["S"].grades.items())}
    up = placed.with_columns(
        pl.col("new_step").replace_strict(dict(zip(steps, [*steps[1:], "6"])), default=None).alias("up"))
    moved = up.filter(pl.col("new_step") != "6")
    new_annual = [rates[g][steps.index(s)] for g, s in moved.select("new_grade", "up").iter_rows()]
    up = up.with_columns(pl.col("up").alias("new_step")).drop("up")
    up = up.with_columns(pl.when(pl.col("new_step") != placed["new_step"]).then(pl.lit(None)).otherwise(None)
                         .alias("_x")).drop("_x")
    index = moved.with_row_index("_k")["employee_id"].to_list()
    pay = dict(zip(index, new_annual))
    up = up.with_columns(pl.col("employee_id").replace_strict(pay, default=None, return_dtype=pl.Int64)
                         .fill_null(pl.col("new_annual_cents")).alias("new_annual_cents"))
    up = up.with_columns(pl.col("new_annual_cents").alias("new_rate_cents"))
    base = pj.project(placed, scenario, 2, person_rows=False).totals
    moved_run = pj.project(up, scenario, 2, person_rows=False).totals

    def cost(t):
        t = t.sort("fiscal_year")
        return (t.filter(pl.col("branch") == "reform").select("cash_cents", "benefits_cents", "annual_cents",
                                                              "annual_benefits_cents").to_numpy()
                - t.filter(pl.col("branch") == "baseline").select("cash_cents", "benefits_cents", "annual_cents",
                                                                  "annual_benefits_cents").to_numpy())
    delta = cost(moved_run) - cost(base)
    assert row["positions"] == moved.height > 0
    assert [row["first_year_cents"], row["first_year_benefits_cents"]] == delta[0, :2].tolist()
    assert [row["full_cents"], row["full_benefits_cents"]] == delta[1, 2:].tolist()


def test_full_implementation_waits_for_what_a_limit_still_owes():
    totals = pl.DataFrame({"replica": [0] * 6, "fiscal_year": [1, 1, 2, 2, 3, 3],
                           "branch": ["baseline", "reform"] * 3, "owed_cents": [0, 500, 0, 100, 0, 0]})
    assert bridge.full_implementation(totals, 0) == (2, 0)
    assert bridge.full_implementation(totals.filter(pl.col("fiscal_year") < 3), 0) == (1, 100)


def test_turning_causes_off_changes_only_what_it_says():
    """with_causes: no movement flag, no increases, no one leaving; the run's own setup is untouched."""
    root = Path(__file__).resolve().parents[1] / "scenarios"
    scenario = load_scenario(root / "examplia-2027.toml")
    from simulator.roster import load_roster

    roster, _ = load_roster(root / "examplia-roster.xlsx")
    placed = place(roster, scenario, sentences=False).frame
    prm = pj.params_from(scenario)
    setup = pj.setup(pj.start(placed, scenario, prm))
    off, prm_off = bridge.with_causes(setup, prm, False, False, False)
    assert not off.prm.moves and off.prm.p_retire == 0.0 and not off.bands.rate.any()
    assert prm_off.general_increases == [] and prm.general_increases
    assert setup.prm.moves and setup.bands.rate.any() and setup.prm.p_retire > 0
