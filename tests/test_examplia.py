"""The invented example (scenarios/examplia-2027.toml, roster scenarios/examplia-roster.xlsx): its first fiscal
year computed by hand here, from the roster's cells and the numbers the scenario writes (typed again below, not
read from the engine), then held against what regrade stores: the salary cost, the benefits by item and the cost
by fund, to the cent.

To keep the year one a person can follow, the test's overlay turns turnover off (no retirements, no separations)
and holds the baseline at the present pay (baseline_progression = "none"); the reform's first step is on the
change's first anniversary, 1 July 2028, after the year, and the cost-of-living raises start in year 2. So in
fiscal year 2028 (1 July 2027 - 30 June 2028) everyone is paid their placed rate all year. The whole projection,
turnover and all, is held by the golden files (tests/test_golden.py)."""

import datetime as dt
import shutil
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import polars as pl

from simulator import results, store
from simulator.placement import place
from simulator.projection import project
from simulator.roster import load_roster
from simulator.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[1]
OLD = {  # [old_plan.grades], dollars a year at steps 1-5
    "10": [34000, 35020, 36071, 37153, 38267], "11": [36720, 37822, 38956, 40125, 41329],
    "12": [39658, 40847, 42073, 43335, 44635], "13": [42830, 44115, 45439, 46802, 48206],
    "14": [46257, 47644, 49074, 50546, 52062], "20": [165000, 170000, 175000, 180000, 185000],
}
NEW = {  # [schedules.S.grades], steps 1-6
    "10": [35360, 36421, 37513, 38639, 39798, 40992], "11": [38189, 39334, 40514, 41730, 42982, 44271],
    "12": [41244, 42482, 43756, 45069, 46421, 47813], "13": [44543, 45879, 47256, 48674, 50134, 51638],
    "14": [48107, 49550, 51037, 52568, 54145, 55770], "20": [172000, 177000, 182000, 187000, 192000, 197000],
}
NEW_GRADE = {"EX101": "10", "EX102": "12", "EX201": "13", "EX202": "13", "EX203": "14", "EX301": "10",
             "EX302": "13", "EX401": "12", "EX402": "13", "EX501": "11", "EX601": "20"}  # the crosswalk
FICA, FICA_CAP, MEDICARE, HEALTH = Decimal("0.062"), 176_100, Decimal("0.0145"), 12_000
RETIREMENT = {"pers": Decimal("0.12"), "public_safety": Decimal("0.185")}


def cents(dollars) -> int:
    """Dollars as cents, half up (in decimal: no binary fraction in the way)."""
    return int((Decimal(str(dollars)) * 100).quantize(Decimal(1), ROUND_HALF_UP))


def by_hand(rows: list[dict]) -> dict:
    """The first fiscal year, person by person: the placed pay (the lowest step of the new grade not below the
    present pay), pay x fte for the year, each benefit on it; summed by branch, item and fund."""
    out = {"baseline": {}, "reform": {}}
    for r in rows:
        old = r["salary"]
        new = next(v for v in NEW[NEW_GRADE[r["class_code"]]] if v >= old)
        plan = r["retirement_plan"] or "pers"
        for branch, pay in (("baseline", old), ("reform", new)):
            salary = cents(Decimal(str(pay)) * Decimal(str(r["fte"])))
            dollars = Decimal(salary) / 100
            items = {"salary": salary, "fica": cents(min(dollars, FICA_CAP) * FICA),
                     "medicare": cents(dollars * MEDICARE), "retirement": cents(dollars * RETIREMENT[plan]),
                     "health": cents(HEALTH * Decimal(str(r["fte"])))}
            acc = out[branch].setdefault(r["fund"], {})
            for k, v in items.items():
                acc[k] = acc.get(k, 0) + v
    return out


def test_the_first_year_by_hand_is_what_regrade_stores(tmp_path):
    for name in ("examplia-2027.toml", "examplia-2027-crosswalk.csv"):
        shutil.copy(ROOT / "scenarios" / name, tmp_path / name)
    overlay = tmp_path / "examplia-first-year.toml"
    overlay.write_text('base = "examplia-2027"\nname = "examplia-first-year"\n[projection]\nseparation_rates = []\n'
                       'retire_probability = 0.0\nretire_probability_at_70 = 0.0\nbaseline_progression = "none"\n')
    scenario = load_scenario(overlay)
    roster, _ = load_roster(ROOT / "scenarios" / "examplia-roster.xlsx")
    cells = pl.read_excel(ROOT / "scenarios" / "examplia-roster.xlsx").to_dicts()
    placed = place(roster, scenario).frame
    proj = project(placed, scenario, 1, cube=True, person_rows=False)
    con = store.connect(tmp_path / "e.duckdb")
    run = store.save_run(con, scenario=scenario, roster_name="examplia-roster.xlsx", roster_hash="h", synthetic=True,
                         seed=0, replicas=0, years=1, placement=placed, projection=proj, started_at=dt.datetime.now())
    hand = by_hand(cells)

    def total(branch, item):
        return sum(f[item] for f in hand[branch].values())

    year = results.cost_by_year(con, run).row(0, named=True)
    assert year["fiscal_year"] == 2028
    assert year["baseline_payroll_cents"] == total("baseline", "salary")
    assert year["cost_cents"] == total("reform", "salary") - total("baseline", "salary")
    items = ("fica", "medicare", "retirement", "health")
    stored = store.query(con, "SELECT branch, item, benefits_cents FROM benefit_totals WHERE run_id = ?", [run])
    for branch in ("baseline", "reform"):
        for item in items:
            got = stored.filter((pl.col("branch") == branch) & (pl.col("item") == item))["benefits_cents"].item()
            assert got == total(branch, item), (branch, item)
    benefits = sum(total("reform", i) - total("baseline", i) for i in items)
    assert year["benefits_cost_cents"] == benefits
    assert year["total_cost_cents"] == year["cost_cents"] + benefits

    # by fund: Health's positions are paid 60 % general, 40 % federal; the split is made on each group of the
    # cost cube (agency, grades, schedule, fund, unit), the general fund's part half up, the federal the rest
    funds = results.cost_by(con, run, "fund").filter(pl.col("fiscal_year") == 2028)
    got = dict(zip(funds["fund"], funds["cost_cents"]))
    health = "general:0.6;federal:0.4"
    cost = {f: hand["reform"][f]["salary"] - hand["baseline"][f]["salary"] for f in hand["reform"]}
    groups = [r for r in cells if r["fund"] == health]
    by_group: dict = {}
    for r in groups:
        key = (r["grade"], NEW_GRADE[r["class_code"]])
        new = next(v for v in NEW[key[1]] if v >= r["salary"])
        fte = Decimal(str(r["fte"]))
        by_group[key] = by_group.get(key, 0) + cents(new * fte) - cents(Decimal(str(r["salary"])) * fte)
    general_part = sum((v * 6 + 5) // 10 for v in by_group.values())
    assert got["highway"] == cost["highway"]
    assert got["general"] == cost["general"] + general_part
    assert got["federal"] == cost[health] - general_part
    assert sum(got.values()) == year["cost_cents"]
    con.close()
