"""Promotions and reclassifications during the projected years (kernels/promotion.py): each plan's rule by hand
from the seeds' words, the kernel against its plain-Python reference, who is promoted or reclassified and when,
and runs with them on."""

from pathlib import Path

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kernels import promotion as K
from kernels.calendar import NEVER
from kernels.progression import FAMILY_ID, HAY_MERIT, MERIT_MATRIX, PCT_STEPS, REVIEW_A, TIMETABLE
from kernels.state import NO_RULE, R_PROMOTED, R_RECLASSIFIED, Pay, empty_state

ROOT = Path(__file__).resolve().parents[1]


def pay_of(rows: list[list[int]], periods: int) -> Pay:
    """Pay rows in order, each promoted into the next (the last to none)."""
    width = max(len(r) for r in rows)
    rates = np.zeros((len(rows), width), np.int64)
    for i, r in enumerate(rows):
        rates[i, : len(r)] = r
    up = np.array([*range(1, len(rows)), -1], np.int32)
    return Pay(rates, np.array([len(r) for r in rows], np.int32), np.full(len(rows), periods, np.int64),
               np.zeros(len(rows), np.int64), np.zeros(len(rows), np.int64), np.zeros((1, 11), np.int64),
               np.zeros(1, np.int64), np.zeros((4, 3), np.int64), np.zeros((4, 3), np.int64), up)


def promoted(family: int, rows: list[list[int]], periods: int, rate: int, unit: int, step: int = -1,
             reclass: bool = False):
    pay = pay_of(rows, periods)
    new = empty_state(1)
    new.family[0], new.row[0], new.step[0], new.rate[0], new.unit[0] = family, 0, step, rate, unit
    new.in_premium[0] = False
    rule = K.promote(0, 1000, unit, pay, new, reclass)
    return rule, int(new.row[0]), int(new.step[0]), int(new.rate[0]), int(new.unit[0])


PLAN_1966_3_4 = [[5500, 5800, 6100, 6400, 6700, 7050, 7400], [5800, 6100, 6400, 6700, 7050, 7400, 7750]]
SCHEDULE_A_7_8 = [[8000, 8400, 8800, 9200, 9600, 10000, 10400], [8600, 9000, 9400, 9800, 10200, 10600, 11000]]
HAY_9_10 = [[646_300, 678_600, 712_500, 748_100, 785_600, 824_900, 866_100],
            [678_600, 712_500, 748_100, 785_600, 824_900, 866_100, 909_400]]


@pytest.mark.parametrize("family, rows, periods, rate, unit, step, expected", [
    # the present system (the 1966 plan): "the step in the new pay grade which is just higher than his present
    # salary or the minimum of new grade" (line 721): grade 3 C $61 -> grade 4 C $64 (B pays $61, not higher)
    (TIMETABLE, PLAN_1966_3_4, 52, 6100, 52, 2, (1, 2, 6400)),
    # Cresap's proposal: "the next higher salary in the new pay grade" (line 723): grade 7 C $88 -> grade 8 C $94
    (REVIEW_A, SCHEDULE_A_7_8, 52, 8800, 52, 2, (1, 2, 9400)),
    # "should this movement result in an increase of less than 5 per cent ... the next higher step": grade 7 E
    # $96 -> grade 8 D $98 is +2.1 %, so E $102
    (REVIEW_A, SCHEDULE_A_7_8, 52, 9600, 52, 4, (1, 4, 10200)),
    # Hay (lines 952-956): $7,000 -> the next higher step B $7,125 is +1.8 %: the first step giving 5 %, C $7,481
    (HAY_MERIT, HAY_9_10, 1, 700_000, 1, -1, (1, 2, 748_100)),
    # below step A ($6,500 under A $6,786, +4.4 %): step B, $7,125
    (HAY_MERIT, HAY_9_10, 1, 650_000, 1, -1, (1, 1, 712_500)),
    # at or above Y of the grade above: kept, off the steps ("never beyond Step Y")
    (HAY_MERIT, HAY_9_10, 1, 950_000, 1, -1, (1, -1, 950_000)),
    # no printed rates (Hay's 4/74 plan): a grade up at one step's 5 %, the step kept
    (PCT_STEPS, [[0] * 7, [0] * 7], 1, 1_000_000, 1, 3, (1, 3, 1_050_000)),
    # a range: 5 % more, at least the range above's minimum ($14,452 -> $15,551)
    (MERIT_MATRIX, [[1_445_200, 1_998_400], [1_555_100, 2_167_900]], 1, 1_445_200, 1, 0, (1, 0, 1_555_100)),
    # and 5 % more where that is above it, off the range's points: $16,000 -> $16,800
    (MERIT_MATRIX, [[1_445_200, 1_998_400], [1_555_100, 2_167_900]], 1, 1_600_000, 1, -1, (1, -1, 1_680_000)),
], ids=["present_just_higher", "cresap_next_higher", "cresap_under_5_next_step", "hay_first_5",
        "hay_below_a_to_b", "hay_above_y_kept", "no_rates_5_pct", "range_minimum", "range_5_pct"])
def test_each_plans_promotion_rule_by_hand(family, rows, periods, rate, unit, step, expected):
    rule, row, s, new_rate, _ = promoted(family, rows, periods, rate, unit, step)
    assert (rule, (row, s, new_rate)) == (R_PROMOTED, expected)


def test_no_grade_above_or_no_rule_is_no_promotion():
    assert promoted(REVIEW_A, SCHEDULE_A_7_8[:1], 52, 8800, 52, 2)[:3] == (NO_RULE, 0, 2)
    assert promoted(FAMILY_ID["teacher"], SCHEDULE_A_7_8, 52, 8800, 52, 2)[:3] == (NO_RULE, 0, 2)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from([K.CRESAP, K.PRESENT, K.HAY]), st.lists(st.integers(1, 60_000), min_size=1, max_size=9),
       st.integers(100_000, 900_000), st.data())
def test_promoted_step_equals_its_reference(rule, gaps, start, data):
    annual = [int(a) for a in np.cumsum([start, *gaps[1:]])]
    cur = data.draw(st.one_of(st.integers(1, annual[-1] + 100_000), st.sampled_from(annual)))
    pay = pay_of([annual, annual], 1)
    assert K.promoted_step(rule, pay, 1, cur, 1) == K.reference(rule, annual, cur)


def test_the_promotion_draw_is_a_share_of_the_year_and_a_day_within_it():
    """At a rate of 10 % a year about a tenth of positions are promoted, on days spread over the year; at 0,
    none (and no draw is read)."""
    rng = np.random.default_rng(3)
    u = rng.random((20_000, 2))
    days = np.array([K.promotion_day(a, b, 0.10, 0.0, 0, 365) for a, b in u])
    hit = days[days != NEVER]
    assert abs(hit.size / 20_000 - 0.10) < 0.01 and hit.min() >= 0 and hit.max() < 365
    assert abs(np.median(hit) - 182) < 15
    assert all(K.promotion_day(a, b, 0.0, 0.0, 0, 365) == NEVER for a, b in u[:100])
    # nearly independent of the rank draw it mixes: the promoted are not the first in the rank order
    assert abs(u[days != NEVER, 0].mean() - 0.5) < 0.02


PLAN_A_3_4 = [[6000, 6300, 6600, 6900, 7200, 7500, 7800], [6400, 6700, 7000, 7300, 7600, 7900, 8200]]


@pytest.mark.parametrize("family, rows, rate, step, expected", [
    # Cresap's example (lines 727-729): "if a position with an employee at Step C, Grade 3, $66 per week, was
    # reallocated to Grade 4, the employee would normally move to Step B, Grade 4, or $67 per week" (+1.5 %: no
    # 5 per cent, where a promotion goes to C, $70)
    (REVIEW_A, PLAN_A_3_4, 6600, 2, (1, 1, 6700)),
    # the 1966 plan: its promotion rule, the step just higher (grade 3 C $61 -> grade 4 C $64)
    (TIMETABLE, PLAN_1966_3_4, 6100, 2, (1, 2, 6400)),
], ids=["cresap_just_higher", "present_as_promoted"])
def test_each_plans_reclassification_by_hand(family, rows, rate, step, expected):
    rule, row, s, new_rate, _ = promoted(family, rows, 52, rate, 52, step, reclass=True)
    assert (rule, (row, s, new_rate)) == (R_RECLASSIFIED, expected)
    assert promoted(REVIEW_A, PLAN_A_3_4, 52, 6600, 52, 2)[:4] == (R_PROMOTED, 1, 2, 7000)  # promoted: C, $70


def test_hay_reclassifies_as_it_promotes():
    """Hay's Section V is for employees "Promoted or Reclassified to Higher Pay Grades" (line 950): the same
    step, $7,000 -> C $7,481 (B gives 1.8 %)."""
    assert promoted(HAY_MERIT, HAY_9_10, 1, 700_000, 1, -1, reclass=True)[:4] == (R_RECLASSIFIED, 1, 2, 748_100)


def test_reclassifications_take_the_next_share_of_the_draw_and_leave_promotions_alone():
    """Promotions at 10 % and reclassifications at 5 % a year: the same positions are promoted, on the same days,
    as with reclassifications off; another 5 % are reclassified, on days spread over the year; none both."""
    rng = np.random.default_rng(5)
    u = rng.random((20_000, 2))
    alone = np.array([K.promotion_day(a, b, 0.10, 0.0, 0, 365) for a, b in u])
    both = np.array([K.promotion_day(a, b, 0.10, 0.05, 0, 365) for a, b in u])
    kind = np.array([K.reclassified(a, b, 0.10) for a, b in u])
    promoted_now = (both != NEVER) & ~kind
    assert np.array_equal(both[promoted_now], alone[alone != NEVER]) and np.array_equal(promoted_now, alone != NEVER)
    reclassified_days = both[(both != NEVER) & kind]
    assert abs(reclassified_days.size / 20_000 - 0.05) < 0.006
    assert reclassified_days.min() >= 0 and reclassified_days.max() < 365
    assert abs(np.median(reclassified_days) - 182) < 20


def test_a_run_with_every_position_reclassified():
    """reclassification_rate 1.0: the Cresap clerk placed at grade 7 C, $88 a week, is reclassified to grade 8 at
    the step just higher, B $90 (+2.3 %; promoted, C $94); the rule says reclassification."""
    from simulator.placement import place
    from simulator.projection import project
    from simulator.scenario import load_scenario

    cresap = load_scenario(ROOT / "scenarios" / "cresap-1967.toml")
    cols = ["employee_id", "agency", "class_code", "grade", "step", "salary", "pay_basis", "hire_date", "birth_date"]
    roster = pl.DataFrame([dict(zip(cols, ("P1", "Labor", "0022", "8", "D", "81.50", "weekly", "1960-01-01",
                                            "1930-01-01")))], schema={c: pl.String for c in cols})
    placed = place(roster, cresap).frame
    quiet = {"separation_rates": [(200, 0.0)], "retire_probability": 0.0, "retire_probability_at_70": 0.0,
             "deny_share": 0.0, "double_share": 0.0}
    on = project(placed, cresap, 1, params={**quiet, "reclassification_rate": 1.0}).persons
    reform = on.filter((pl.col("fiscal_year") == 1968) & (pl.col("branch") == "reform")).row(0, named=True)
    assert reform["rule"] == "reclassification" and reform["annual_cents"] == 9000 * 52


def test_a_run_with_every_one_promoted_in_its_first_year():
    """promotion_rate 1.0: each of three Schedule A employees is promoted once a year, on a day of the year, in
    both branches (the baseline under the 1966 plan's rule); at the year's end each is a grade up."""
    from simulator.placement import place
    from simulator.projection import project
    from simulator.scenario import load_scenario

    cresap = load_scenario(ROOT / "scenarios" / "cresap-1967.toml")
    cols = ["employee_id", "agency", "class_code", "grade", "step", "salary", "pay_basis", "hire_date", "birth_date"]
    rows = [("P1", "Labor", "0022", "8", "D", "81.50", "weekly", "1960-01-01", "1930-01-01"),
            ("P2", "Labor", "0022", "10", "E", "94.50", "weekly", "1960-01-01", "1930-01-01")]
    roster = pl.DataFrame([dict(zip(cols, r)) for r in rows], schema={c: pl.String for c in cols})
    placed = place(roster, cresap).frame
    quiet = {"separation_rates": [(200, 0.0)], "retire_probability": 0.0, "retire_probability_at_70": 0.0,
             "deny_share": 0.0, "double_share": 0.0}
    off = project(placed, cresap, 1, params=quiet).persons
    on = project(placed, cresap, 1, params={**quiet, "promotion_rate": 1.0}).persons
    year = pl.col("fiscal_year") == 1968
    # the reform's next reviews fall after FY1968, so the promotion is each one's last change of the year
    assert on.filter(year & (pl.col("branch") == "reform"))["rule"].to_list() == ["promotion"] * 2
    a, b = off.filter(year).sort("branch", "employee_id"), on.filter(year).sort("branch", "employee_id")
    assert (b["annual_cents"] > a["annual_cents"]).all()  # a grade up pays more, in both branches
    assert (b["cash_cents"] >= a["cash_cents"]).all()
