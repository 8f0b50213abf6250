"""The seeds' worked examples, to the cent, through the whole pipeline (roster -> scenario -> place)."""

from pathlib import Path

import polars as pl
import pytest

from simulator import data
from simulator.placement import place

ROOT = Path(__file__).resolve().parents[1]
CRESAP = ROOT / "scenarios" / "cresap-1967.toml"
HAY = ROOT / "scenarios" / "hay-1975-same-step.toml"


def roster(rows):
    cols = ["employee_id", "agency", "class_code", "grade", "step", "salary", "pay_basis"]
    return pl.DataFrame([dict(zip(cols, r)) for r in rows], schema={c: pl.String for c in cols})


def one(frame, eid):
    return frame.filter(pl.col("employee_id") == eid).row(0, named=True)


def test_cresap_clerk_stenographer_ii():
    """'a Clerk-Stenographer II at Step C of Grade 8 presently earns $77.50 ... the move is made to Step B, $84'"""
    r = one(place(roster([("E1", "Education", "0022", "8", "C", "77.50", "weekly")]), CRESAP).frame, "E1")
    assert (r["new_grade"], r["new_step"], r["rule"]) == ("7", "B", "A.bump_increment")
    assert r["new_annual_cents"] == 8400 * 52 and r["old_annual_cents"] == 7750 * 52
    assert r["increase_cents"] == 338_00 and str(r["increase_pct"]) == "8.39"
    assert "$84.00 a week" in r["explanation"] and "$4.00 a week increment" in r["explanation"]


def test_cresap_informational_writer():
    """'An Informational Writer presently in Grade 17, Step A at $109 would move to Step A in proposed Grade 12
    or $116. Since this increase equals the normal step-to-step increase of $7 ... this is the final placement'"""
    r = one(place(roster([("E2", "Labor", "0820", "17", "A", "109", "weekly")]), CRESAP).frame, "E2")
    assert (r["new_grade"], r["new_step"], r["rule"]) == ("12", "A", "A.lowest_above")
    assert r["new_annual_cents"] == 11600 * 52


def test_cresap_physician_iii():
    """'a Physician III presently in Grade 37, Step C at $305 would move to the first-quarter point or
    approximately $317. Since this does not represent a 5 per cent increase, his new salary would be increased
    to 5 per cent above $305 or approximately $320.'"""
    r = one(place(roster([("E3", "Health", "RGB005", "37", "C", "305", "weekly")]), CRESAP).frame, "E3")
    assert (r["target_schedule"], r["new_grade"], r["rule"]) == ("B", "E", "B.min_5pct")
    assert r["new_annual_cents"] == 1_665_300  # $16,653.00 a year
    assert r["new_rate_cents"] == 32_025 and r["pay_basis"] == "weekly"  # $320.25 a week
    first_quartile = data.table("cresap_schedule_b").filter(pl.col("grade") == "E")["first_quartile"].item()
    assert round(first_quartile / 52 / 100) == 317  # "approximately $317"


HIGHWAY = data.table("cresap_highway_crosswalk").rows(named=True)
CODES = dict(pl.read_csv(ROOT / "scenarios" / "cresap-1967-crosswalk.csv", infer_schema=False)
             .filter(pl.col("tag") == "highway").select("class_title", "class_code").iter_rows())


@pytest.mark.parametrize("row", HIGHWAY, ids=[f"{r['class_title']} {r['present_grade']}{r['present_step']}"
                                               for r in HIGHWAY])
def test_cresap_highway_table_every_row(row):
    rates = data.table("cresap_schedule_a_steps")
    weekly = rates.filter((pl.col("grade") == row["proposed_grade"]) & (pl.col("step") == row["proposed_step"]))
    r = one(place(roster([("H", "Highway", CODES[row["class_title"]], str(row["present_grade"]),
                           row["present_step"], "1.60", "hourly")]), CRESAP).frame, "H")
    assert (r["new_grade"], r["new_step"], r["rule"]) == (str(row["proposed_grade"]), row["proposed_step"],
                                                          "HWY.crosswalk")
    hourly = (weekly["weekly"].item() + 20) // 40  # weekly / 40, to the nearest cent
    assert r["new_rate_cents"] == hourly and r["pay_basis"] == "hourly"
    assert r["new_annual_cents"] == hourly * 40 * 52  # paid by the hour, 40 hours a week
    assert r["old_annual_cents"] == 160 * 40 * 52


def test_highway_hourly_rate_is_weekly_over_40_rounded():
    """'the weekly salaries shown in Schedule A should be divided by 40 and rounded to the nearest cent'"""
    from simulator.money import hourly_from_weekly

    # $57.00 / 40 = $1.425 -> $1.43; $73.00 / 40 = $1.825 -> $1.83; $86.00 / 40 = $2.15
    assert hourly_from_weekly(pl.Series([5700, 7300, 8600])).to_list() == [143, 183, 215]


def test_hay_same_step_higher_and_lower_grade():
    """'an employee at Step E in his or her current range will be at Step E in the new higher range' and
    'employees allocated to ranges lower than their present range, will continue to enjoy their current salary'"""
    frame = place(roster([("C", "Transportation", "6342", "22", "E", "13000", "annual"),
                          ("S", "Finance", "0144", "26", "C", "15500", "annual")]), HAY).frame
    civil, senior = one(frame, "C"), one(frame, "S")
    assert (civil["new_grade"], civil["new_step"], civil["rule"]) == ("26", "E", "HAY.same_step")
    assert civil["new_annual_cents"] == 1_734_000  # Schedule I grade 26 step E, $17,340
    assert (senior["new_grade"], senior["rule"], senior["new_annual_cents"]) == ("21", "HAY.retain_lower",
                                                                                 1_550_000)


def test_hay_lower_grade_option_takes_the_same_step(tmp_path):
    text = HAY.read_text().replace('hay_lower_grade = "retain"', 'hay_lower_grade = "same_step"')
    alt = tmp_path / "hay-same.toml"
    alt.write_text(text)
    (tmp_path / "hay-1975-crosswalk.csv").write_bytes((ROOT / "scenarios" / "hay-1975-crosswalk.csv").read_bytes())
    r = one(place(roster([("S", "Finance", "0144", "26", "C", "15500", "annual")]), alt).frame, "S")
    assert (r["new_grade"], r["new_step"], r["rule"]) == ("21", "C", "HAY.same_step_lower")
    assert r["new_annual_cents"] == 1_198_100  # grade 21 step C, $11,981: a cut, as the 16 % in the report


def test_schedule_d_raise_limited_and_owed():
    """$2,000 a year at most: a Commissioner of Education at $12,000 reaches $14,000 now, $7,000 owed."""
    r = one(place(roster([("D", "Education", "RGD003", "45", "A", "12000", "annual")]), CRESAP).frame, "D")
    assert (r["target_schedule"], r["new_grade"], r["rule"]) == ("D", "21000", "D.raise_capped")
    assert r["new_annual_cents"] == 1_400_000 and r["owed_annual_cents"] == 700_000
