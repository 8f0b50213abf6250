"""Invariants of placement on random rosters (hypothesis), through the whole pipeline."""

from pathlib import Path

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator import data
from simulator.money import for_people
from simulator.placement import place
from simulator.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[1]
CRESAP = load_scenario(ROOT / "scenarios" / "cresap-1967.toml")
HAY = load_scenario(ROOT / "scenarios" / "hay-1975-same-step.toml")
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

CW = CRESAP.crosswalk
CLASSIFIED = CW.filter(pl.col("tag") == "classified")["class_code"].to_list()
PHYSICIANS = CW.filter(pl.col("tag") == "physician_dentist")["class_code"].to_list()
SINGLE = CW.filter(pl.col("tag") == "single_rate")["class_code"].to_list()
TEACHERS = CW.filter(pl.col("tag") == "teacher").select("class_code", "grade").rows()
OLD = {(g, s): r for g, s, r in data.table("cresap_plan_1966_steps").select(
    pl.col("grade").cast(pl.String), "step", "weekly").iter_rows()}
OLD_STEPS = {}
for (g, s) in OLD:
    OLD_STEPS.setdefault(g, []).append(s)
DEGREES = {"I": ["60_credits", "90_credits", "120_credits"]}
DEGREES_DEFAULT = ["bachelor", "master", "master_plus_30", "doctorate"]


@st.composite
def cresap_person(draw, i):
    kind = draw(st.sampled_from(["classified", "classified", "classified", "physician", "single", "teacher"]))
    row = dict(employee_id=f"P{i:05d}", agency=draw(st.sampled_from(["Health", "Highway", "Education"])),
               pay_basis="weekly", teacher_step=None, degree=None, bargaining_unit=None)
    if kind in ("classified", "physician"):
        code = draw(st.sampled_from(CLASSIFIED if kind == "classified" else PHYSICIANS))
        grade = str(draw(st.integers(1, 45) if kind == "classified" else st.integers(30, 45)))
        off_step = draw(st.booleans())
        step = None if off_step else draw(st.sampled_from(OLD_STEPS[grade]))
        weekly = draw(st.integers(4000, 60000)) if off_step else OLD[(grade, step)]
        row.update(class_code=code, grade=grade, step=step, salary=f"{weekly // 100}.{weekly % 100:02d}")
    elif kind == "single":
        row.update(class_code=draw(st.sampled_from(SINGLE)), grade="U", step=None, pay_basis="annual",
                   salary=str(draw(st.integers(3000, 25000))))
    else:
        code, category = draw(st.sampled_from(TEACHERS))
        row.update(class_code=code, grade="U", step=None, salary=str(draw(st.integers(60, 240))),
                   teacher_step=str(draw(st.integers(1, 11))),
                   degree=draw(st.sampled_from(DEGREES.get(category, DEGREES_DEFAULT))),
                   bargaining_unit=draw(st.sampled_from(["classified", "unclassified"])))
    return row


@st.composite
def cresap_roster(draw):
    n = draw(st.integers(1, 40))
    rows = [draw(cresap_person(i)) for i in range(n)]
    return pl.DataFrame(rows, schema={c: pl.String for c in rows[0]})


@SETTINGS
@given(cresap_roster())
def test_cresap_invariants(roster):
    a = place(roster, CRESAP).frame
    # nobody lost or duplicated, in the roster's order
    assert a["employee_id"].to_list() == roster["employee_id"].to_list()
    # Schedule A never lowers pay and lands on a step unless red-circled
    sched_a = a.filter(pl.col("rule").str.starts_with("A."))
    assert (sched_a["new_annual_cents"] >= sched_a["old_annual_cents"]).all()
    assert sched_a.filter(pl.col("new_step").is_null() & ~pl.col("red_circle")).height == 0
    # Schedule B never exceeds the maximum unless red-circled
    maxima = dict(data.table("cresap_schedule_b").select("grade", "maximum").iter_rows())
    for r in a.filter(pl.col("target_schedule") == "B").iter_rows(named=True):
        assert r["new_annual_cents"] <= maxima[r["new_grade"]] or r["red_circle"]
        assert r["new_annual_cents"] >= r["old_annual_cents"]
    # money adds up to the cent: the increase is new less old, and the dollars a person reads are the cents
    assert (a["increase_cents"] == a["new_annual_cents"] - a["old_annual_cents"]).all()
    people = for_people(a)
    assert (people["new_annual_dollars"].cast(pl.Decimal(38, 2)) * 100).cast(pl.Int64).equals(
        a["new_annual_cents"], check_names=False)
    # every row carries a rule and a sentence
    assert a["rule"].null_count() == 0 and a["explanation"].null_count() == 0
    assert not a["explanation"].str.contains(r"\?").any()
    # the same input gives the same output
    assert place(roster, CRESAP).frame.equals(a)


@st.composite
def hay_roster(draw):
    classes = HAY.crosswalk["class_code"].to_list()
    n = draw(st.integers(1, 40))
    rows = [dict(employee_id=f"H{i:05d}", agency="Transportation", class_code=draw(st.sampled_from(classes)),
                 grade=str(draw(st.integers(1, 41))), step=draw(st.sampled_from([None, *"ABCDEXY"])),
                 salary=str(draw(st.integers(5000, 40000)))) for i in range(n)]
    return pl.DataFrame(rows, schema={c: pl.String for c in rows[0]})


PROMOTION = load_scenario(ROOT / "scenarios" / "hay-1975-same-step.toml")
PROMOTION.rules = {"I": "hay_promotion", "Ia": "hay_promotion"}


def _comparable(r: dict) -> int | None:
    """The new range's annual rate at the step the person holds (None off the steps)."""
    if r["old_step"] is None:
        return None
    sched = HAY.schedules[r["target_schedule"]]
    return dict(sched.grades[r["new_grade"]])[r["old_step"]]


def _direction(r: dict) -> int:
    """Higher (1), lower (-1) or level (0), as A-HAY-RANGE reads it: by the comparable step's pay against the
    present pay; off the steps of the 4/74 plan (no printed rates), by grade number, Ia above I at the same."""
    at = _comparable(r)
    if at is not None:
        return (at > r["old_annual_cents"]) - (at < r["old_annual_cents"])
    old, new = int(r["old_grade"]), int(r["new_grade"])
    return (new > old) - (new < old) if new != old else int(r["target_schedule"] == "Ia")


@SETTINGS
@given(hay_roster())
def test_hay_promotion_gives_5_pct_or_lands_on_y(roster):
    a = place(roster, PROMOTION).frame
    assert a["employee_id"].to_list() == roster["employee_id"].to_list()
    for r in a.iter_rows(named=True):
        up = _direction(r) > 0
        if not up:  # the rule is for moves up; a lateral move or a lower range keeps the salary (Hay line 986)
            assert r["rule"] in ("HAY.promotion_lateral_keeps", "HAY.promotion_lower_keeps"), r
            assert r["new_annual_cents"] == r["old_annual_cents"]
        elif r["rule"] in ("HAY.promotion_above_Y", "HAY.promotion_at_Y"):
            assert r["new_annual_cents"] == r["old_annual_cents"]
        elif r["new_step"] != "Y":
            assert r["new_annual_cents"] * 100 >= r["old_annual_cents"] * 105, r
        else:
            assert r["rule"] in ("HAY.promotion_cap_Y", "HAY.promotion_next", "HAY.promotion_5pct",
                                 "HAY.promotion_to_A", "HAY.promotion_to_B")


@SETTINGS
@given(hay_roster())
def test_hay_same_step_keeps_the_letter_or_the_salary(roster):
    a = place(roster, HAY).frame
    assert a.height == roster.height
    for r in a.iter_rows(named=True):
        if r["rule"] == "HAY.same_step":  # a range not lower: the comparable step pays at least the salary
            assert r["new_step"] == r["old_step"] and _direction(r) >= 0
            assert r["new_annual_cents"] >= r["old_annual_cents"]
        elif r["rule"] == "HAY.retain_lower":  # on a step or not (Hay lines 307, 986; A-HAY-RANGE)
            assert r["new_annual_cents"] == r["old_annual_cents"] and _direction(r) < 0
        else:
            assert r["old_step"] is None and r["rule"] in ("HAY.offstep_closest", "HAY.above_max")
            assert _direction(r) >= 0
