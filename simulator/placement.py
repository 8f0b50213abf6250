"""Placement: every person on the old plan repositioned into the scenario's schedules.

``place(roster, scenario)`` runs, in this order:

1. read and validate the roster (simulator/roster.py) and the scenario (simulator/scenario.py);
2. join the crosswalk and the old plan, apply the scenario's groups, and check every row against them
   (class in the crosswalk, grade and step known to the old plan, salary matching its step);
3. build the pay rows of the target schedules as arrays, and per-person arrays in each row's basis;
4. call the kernel (kernels/placement.py) once over everyone;
5. turn its outcome codes into rule codes and sentences, and money into dollars with cents.

Errors are collected and raised together (InputError); salary mismatches are warnings.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

from kernels import placement as k
from simulator import data, explain
from simulator.errors import Problem, raise_if_errors
from simulator.money import pct_expr
from simulator.roster import load_roster, validate_roster
from simulator.scenario import RULES, Scenario, load_scenario


@dataclass
class Placement:
    """The result of ``place``: one row per employee, and the warnings met on the way."""
    frame: pl.DataFrame
    warnings: list[Problem]


@dataclass
class PayRows:
    """The target schedules flattened into kernel arrays: one row per (schedule, grade)."""
    frame: pl.DataFrame  # row, schedule, grade, basis, periods, steps (list), n_steps, increment, min, max
    rates: np.ndarray  # int64 [rows, max_steps], padded with 0
    n_steps: np.ndarray
    increment: np.ndarray
    periods: np.ndarray


def pay_rows(scenario: Scenario) -> PayRows:
    records = []
    for sname, sched in scenario.schedules.items():
        for g in sched.grades:
            rates = sched.rates(g)
            records.append(dict(schedule=sname, grade=g, basis=sched.basis, periods=sched.periods,
                                steps=sched.step_names(g), rates=rates, increment=sched.increment.get(g, 0),
                                kind=sched.kind))
    frame = pl.DataFrame(records, schema={"schedule": pl.String, "grade": pl.String, "basis": pl.String,
                                          "periods": pl.Int64, "steps": pl.List(pl.String),
                                          "rates": pl.List(pl.Int64), "increment": pl.Int64,
                                          "kind": pl.String}).with_row_index("row")
    width = max(len(r["rates"]) for r in records)
    rates = np.zeros((len(records), width), np.int64)
    for i, r in enumerate(records):  # one pass over pay rows (tens), not over people
        rates[i, : len(r["rates"])] = r["rates"]
    return PayRows(frame.with_columns(pl.col("row").cast(pl.Int64)), rates,
                   frame["rates"].list.len().to_numpy().astype(np.int32),
                   frame["increment"].to_numpy().astype(np.int64), frame["periods"].to_numpy().astype(np.int64))


def _problems(frame: pl.DataFrame, mask: pl.Expr, file: str, column: str, message, severity="error"):
    bad = frame.filter(mask)
    if isinstance(message, str):
        return [Problem(file, r, column, v, message, severity)
                for r, v in bad.select("source_row", column).head(1000).iter_rows()]
    return [Problem(file, r["source_row"], column, r[column], message(r), severity)
            for r in bad.head(1000).iter_rows(named=True)]


def _missing_classes(frame: pl.DataFrame, codes: pl.Series, roster_name: str, scenario_name: str) -> list[Problem]:
    """Class codes not in the crosswalk; where the code with its leading zeros put back is there (Excel drops
    them: '22' for '0022'), the message says so."""
    missing = frame.filter(pl.col("target_schedule").is_null() & pl.col("class_code").is_not_null())
    if missing.height == 0:
        return []
    known = codes.drop_nulls().unique()
    padded = pl.lit(None, pl.String)
    for width in sorted({len(c) for c in known.to_list()}, reverse=True):
        candidate = pl.col("class_code").str.zfill(width)
        padded = pl.when(pl.col("class_code").str.contains(r"^\d+$") & candidate.is_in(known.implode())
                         & (candidate != pl.col("class_code"))).then(candidate).otherwise(padded)
    rows = missing.select("source_row", "class_code", padded.alias("hint")).head(1000)
    base = f"class code is missing from the scenario's crosswalk ({scenario_name})"
    return [Problem(roster_name, r, "class_code", code,
                    base if hint is None else f"{base}; did you mean '{hint}'? Excel drops leading zeros: format "
                                              f"the class_code column as text")
            for r, code, hint in rows.iter_rows()]


def _old_plan_frame(scenario: Scenario) -> pl.DataFrame:
    plan = scenario.old_plan
    rows = []
    for g, steps in plan.grades.items():
        if not steps:  # a grade with no steps (the unclassified service): known, but no step can match
            rows.append((g, None, None, None, None, None))
            continue
        present = [r for _, r in steps if r is not None]
        for i, (s, r) in enumerate(steps):
            if present and r is None:  # a step this grade does not have (grade 1 of 1966 starts at C)
                continue
            rows.append((g, s, i, r, present[0] if present else None, present[-1] if present else None))
    return pl.DataFrame(rows, schema={"grade": pl.String, "step": pl.String, "old_step_ord": pl.Int32,
                                      "old_rate": pl.Int64, "old_min": pl.Int64, "old_max": pl.Int64},
                        orient="row")


def _group_columns(frame: pl.DataFrame, scenario: Scenario) -> pl.DataFrame:
    """Apply the scenario's groups in order (a later group overrides an earlier one)."""
    frame = frame.with_columns(
        pl.lit(False).alias("excluded"), pl.lit(None, pl.String).alias("group"),
        pl.lit(None, pl.Int64).alias("cap_amount"), pl.lit(None, pl.Float64).alias("cap_pct"),
        pl.lit(scenario.next_pct).alias("next_pct"),
    )
    for g in scenario.groups:
        cond = pl.lit(True)
        for field_, values in g.match.items():
            col = "target_schedule" if field_ == "schedule" else field_
            cond = cond & pl.col(col).is_in(values)
        updates = [pl.when(cond).then(pl.lit(g.name)).otherwise(pl.col("group")).alias("group")]
        if g.exclude:
            updates.append(pl.when(cond).then(True).otherwise(pl.col("excluded")).alias("excluded"))
        if g.rule:
            updates.append(pl.when(cond).then(pl.lit(g.rule)).otherwise(pl.col("rule_name")).alias("rule_name"))
        if g.schedule:
            updates.append(pl.when(cond).then(pl.lit(g.schedule)).otherwise(pl.col("target_schedule"))
                           .alias("target_schedule"))
        if g.set_grade:
            updates.append(pl.when(cond).then(pl.lit(g.set_grade)).otherwise(pl.col("cw_grade")).alias("cw_grade"))
        if g.cap_amount is not None:
            updates.append(pl.when(cond).then(pl.lit(g.cap_amount)).otherwise(pl.col("cap_amount"))
                           .alias("cap_amount"))
        if g.cap_pct is not None:
            updates.append(pl.when(cond).then(pl.lit(g.cap_pct)).otherwise(pl.col("cap_pct")).alias("cap_pct"))
        if g.next_pct is not None:
            updates.append(pl.when(cond).then(pl.lit(g.next_pct)).otherwise(pl.col("next_pct")).alias("next_pct"))
        frame = frame.with_columns(updates)
    return frame


def _grade_from_points(frame: pl.DataFrame, scenario: Scenario) -> pl.DataFrame:
    """Where the crosswalk gives points and no grade, the grade whose point range holds them."""
    ranges = [(s, g, lo, hi) for s, sched in scenario.schedules.items() for g, (lo, hi) in sched.points.items()]
    if not ranges:
        return frame
    pr = pl.DataFrame(ranges, schema={"target_schedule": pl.String, "pt_grade": pl.String, "lo": pl.Int64,
                                      "hi": pl.Int64}, orient="row").sort("lo")
    need = frame.filter(pl.col("cw_grade").is_null() & pl.col("points").is_not_null()).select(
        "source_row", "target_schedule", pl.col("points").cast(pl.Int64)).sort("points")
    found = need.join_asof(pr, left_on="points", right_on="lo", by="target_schedule", check_sortedness=False).filter(
        pl.col("points") <= pl.col("hi")).select("source_row", "pt_grade")
    return frame.join(found, on="source_row", how="left").with_columns(
        pl.coalesce("cw_grade", "pt_grade").alias("cw_grade")).drop("pt_grade")


def _months_between(start: pl.Expr, end) -> pl.Expr:
    return (pl.lit(end).dt.year() - start.dt.year()) * 12 + (pl.lit(end).dt.month() - start.dt.month()) - (
        pl.lit(end).dt.day() < start.dt.day()).cast(pl.Int32)


def prepare(roster: pl.DataFrame, scenario: Scenario, roster_name: str = "roster",
            problems: list[Problem] | None = None):
    """Join, group, check and convert: everything the kernel needs, as one frame. Returns (frame, rows, warnings).

    ``problems`` already found in the roster are reported with these checks' own, all at once."""
    problems = list(problems or [])
    rows = pay_rows(scenario)
    cw = scenario.crosswalk.select(
        "class_code", pl.col("schedule").alias("target_schedule"), pl.col("grade").alias("cw_grade"),
        "points", pl.col("rule").alias("cw_rule"), "tag")
    frame = roster.join(cw, on="class_code", how="left")
    problems += _missing_classes(frame, cw["class_code"], roster_name, scenario.name)

    default_rules = pl.DataFrame({"target_schedule": list(scenario.rules),
                                  "default_rule": list(scenario.rules.values())})
    frame = frame.join(default_rules, on="target_schedule", how="left").with_columns(
        pl.coalesce("cw_rule", "default_rule").alias("rule_name"))
    frame = _group_columns(frame, scenario)
    frame = _grade_from_points(frame, scenario)

    # The old plan: grade and step must exist; salary should match the step's rate.
    old = _old_plan_frame(scenario)
    known_grades = old["grade"].unique()
    problems += _problems(frame, ~pl.col("grade").is_in(known_grades.implode()), roster_name, "grade",
                          f"grade is unknown to the old plan ({scenario.old_plan.name})")
    frame = frame.join(old, on=["grade", "step"], how="left")
    problems += _problems(
        frame, pl.col("step").is_not_null() & pl.col("grade").is_in(known_grades.implode())
        & pl.col("old_step_ord").is_null(), roster_name, "step",
        lambda r: f"step is unknown to grade {r['grade']} of the old plan ({scenario.old_plan.name})")
    old_basis_periods = scenario.old_plan.periods
    frame = frame.with_columns(
        annual_cents=pl.when(pl.col("pay_basis") == "weekly").then(pl.col("salary_cents") * 52)
        .when(pl.col("pay_basis") == "hourly").then(pl.col("salary_cents") * 40 * 52)
        .otherwise(pl.col("salary_cents")),
        weekly_cents=pl.when(pl.col("pay_basis") == "weekly").then(pl.col("salary_cents"))
        .when(pl.col("pay_basis") == "hourly").then(pl.col("salary_cents") * 40)
        .otherwise((pl.col("salary_cents") + 26) // 52),
    )
    in_old_basis = pl.col("weekly_cents") if old_basis_periods == 52 else pl.col("annual_cents")
    mismatch = (pl.col("old_rate").is_not_null() & (in_old_basis != pl.col("old_rate"))
                & (pl.col("rule_name") != "cresap_highway") & ~pl.col("excluded"))
    as_text = pl.format("{}.{}", pl.col("salary_cents") // 100, (pl.col("salary_cents") % 100).cast(pl.String)
                        .str.zfill(2))
    problems += _problems(frame.with_columns(as_text.alias("salary")), mismatch, roster_name, "salary",
                          lambda r: f"does not match grade {r['grade']} step {r['step']} of the old plan "
                                    f"({r['old_rate'] / 100:.2f} a {'week' if old_basis_periods == 52 else 'year'})",
                          "warning")

    # Target pay row: schedule + grade (teachers: category:degree column).
    kinds = rows.frame.select(pl.col("schedule").alias("target_schedule"), "kind").unique("target_schedule")
    frame = frame.join(kinds, on="target_schedule", how="left").with_columns(
        pl.when(pl.col("kind") == "teacher_matrix").then(pl.format("{}:{}", pl.col("cw_grade"), pl.col("degree")))
        .otherwise(pl.col("cw_grade")).alias("new_grade"))
    teacher = (pl.col("kind") == "teacher_matrix") & ~pl.col("excluded")
    problems += _problems(frame, teacher & pl.col("degree").is_null(), roster_name, "degree",
                          "a degree column is needed to place a teacher on Schedule C")
    frame = frame.join(rows.frame.select("row", pl.col("schedule").alias("target_schedule"),
                                         pl.col("grade").alias("new_grade"), "steps", "periods"),
                       on=["target_schedule", "new_grade"], how="left")
    problems += _problems(
        frame, pl.col("target_schedule").is_not_null() & pl.col("row").is_null() & ~pl.col("excluded")
        & ~(teacher & pl.col("degree").is_null()), roster_name, "class_code",
        lambda r: f"no grade {r['new_grade']} in schedule {r['target_schedule']} for this class"
                  + (" (points outside every range)" if r["cw_grade"] is None else ""))

    # Rule ids and their per-person inputs.
    rule_ids = pl.DataFrame({"rule_name": list(RULES), "rule_id": list(RULES.values())},
                            schema={"rule_name": pl.String, "rule_id": pl.Int32})
    frame = frame.join(rule_ids, on="rule_name", how="left").with_columns(
        pl.when(pl.col("excluded")).then(k.EXCLUDED).otherwise(pl.col("rule_id")).cast(pl.Int32).alias("rule_id"))

    # Highway: the printed table names the new step for (old grade, old step, new grade).
    hwy = data.table("cresap_highway_crosswalk").select(
        pl.col("present_grade").cast(pl.String).alias("grade"), pl.col("present_step").alias("step"),
        pl.col("proposed_grade").cast(pl.String).alias("new_grade"), pl.col("proposed_step").alias("hwy_step")
    ).unique()
    frame = frame.join(hwy, on=["grade", "step", "new_grade"], how="left")
    problems += _problems(
        frame, (pl.col("rule_id") == k.FIXED_STEP) & pl.col("hwy_step").is_null() & pl.col("row").is_not_null(),
        roster_name, "step",
        lambda r: f"the highway maintenance table has no row for grade {r['grade']} step {r['step']} "
                  f"to grade {r['new_grade']}")
    problems += _problems(frame, (pl.col("rule_id") == k.TEACHER_SAME) & pl.col("teacher_step").is_null(),
                          roster_name, "teacher_step", "teacher_step is needed to keep a teacher's step")
    needs_old_range = (pl.col("rule_id") == k.SAME_POSITION) & (pl.col("old_min").is_null()
                                                                  | (pl.col("old_min") == pl.col("old_max")))
    problems += _problems(frame, needs_old_range, roster_name, "grade",
                          "same_position needs the old plan's range for this grade, which has no rates")
    no_months = [s for s, sched in scenario.schedules.items() if not sched.months]
    problems += _problems(frame, (pl.col("rule_id") == k.YEARS_IN_CLASS) & pl.col("target_schedule").is_in(no_months),
                          roster_name, "class_code",
                          lambda r: f"years_in_class needs a timetable (months) for schedule {r['target_schedule']}")
    warnings = raise_if_errors(problems)

    periods = pl.col("periods")
    old_p = scenario.old_plan.periods

    def to_target_basis(col: str) -> pl.Expr:
        """An old-plan amount (old plan's basis) in the target row's basis."""
        c = pl.col(col)
        if old_p == 52:
            return pl.when(periods == 52).then(c).otherwise(c * 52)
        return pl.when(periods == 52).then((c + 26) // 52).otherwise(c)

    months = {s: sched.months or [] for s, sched in scenario.schedules.items()}
    month_frame = pl.DataFrame({"target_schedule": list(months), "months": list(months.values())},
                               schema={"target_schedule": pl.String, "months": pl.List(pl.Int64)})
    floor = pl.when(pl.col("step").is_in(["C", "D", "E"])).then(1).when(pl.col("step").is_in(["X", "Y"])).then(2)
    max_raise = -1 if scenario.single_rate_max_raise is None else scenario.single_rate_max_raise
    frame = frame.join(month_frame, on="target_schedule", how="left").with_columns(
        pl.when(periods == 52).then(pl.col("weekly_cents")).otherwise(pl.col("annual_cents")).alias("current"),
        pl.when(pl.col("rule_id") == k.CRESAP_A).then(floor).otherwise(0).fill_null(0).cast(pl.Int32)
        .alias("floor_step"),
        _months_between(pl.col("class_entry_date"), scenario.effective_date).alias("months_in_class"),
        (pl.col("next_pct") * 100).round(0).cast(pl.Int32).alias("pct_bp"),
        pl.when(pl.col("rule_id") == k.SINGLE_RATE).then(pl.lit(max_raise) // periods).otherwise(-1)
        .alias("max_raise"),
        pl.col("cap_amount").fill_null(-1).alias("cap_amount_c"),
        (pl.col("cap_pct") * 100).round(0).cast(pl.Int64).fill_null(-1).alias("cap_bp"),
        to_target_basis("old_min").fill_null(0).alias("old_min_b"),
        to_target_basis("old_max").fill_null(1).alias("old_max_b"),
    )

    def index_in_steps(value_col: str, name: str) -> pl.DataFrame:
        """Per person: the position of ``value_col`` among the target row's step names."""
        return frame.select("source_row", value_col, "steps").explode("steps").with_columns(
            pl.int_range(pl.len()).over("source_row").alias(name)).filter(
            pl.col("steps") == pl.col(value_col)).select("source_row", name)

    years = frame.select("source_row", "months_in_class", "months").explode("months").filter(
        pl.col("months") <= pl.col("months_in_class")).group_by("source_row").agg(
        (pl.len() - 1).alias("years_idx"))
    frame = frame.join(index_in_steps("step", "same_idx"), on="source_row", how="left").join(
        index_in_steps("hwy_step", "fixed_idx"), on="source_row", how="left").join(
        years, on="source_row", how="left").join(
        rows.frame.select("row", pl.col("increment").alias("increment_b")), on="row", how="left").with_columns(
        pl.when(pl.col("rule_id") == k.TEACHER_SAME).then(pl.col("teacher_step") - 1)
        .otherwise(pl.col("same_idx")).fill_null(-1).alias("same_step"),
        pl.col("fixed_idx").fill_null(-1).alias("fixed_step"),
        pl.col("years_idx").fill_null(-1).alias("years_step"),
        _direction().alias("direction"),
        pl.col("row").fill_null(0),
        pl.col("periods").fill_null(1),
    ).sort("source_row")
    return frame, rows, warnings


def _direction() -> pl.Expr:
    old = pl.col("grade").cast(pl.Int64, strict=False)
    new = pl.col("new_grade").cast(pl.Int64, strict=False)
    return pl.when(old.is_null() | new.is_null()).then(0).when(new < old).then(-1).when(new > old).then(1) \
        .otherwise(0).cast(pl.Int8)


def run_kernel(frame: pl.DataFrame, rows: PayRows, lower_takes_same_step: bool):
    n = frame.height

    def arr(col, dtype):
        return frame[col].to_numpy().astype(dtype, copy=False)

    out = k.empty_outputs(n)
    k.place_kernel(arr("rule_id", np.int32), arr("row", np.int64), arr("current", np.int64),
                   arr("floor_step", np.int32), arr("fixed_step", np.int32), arr("same_step", np.int32),
                   arr("years_step", np.int32), arr("direction", np.int8), arr("pct_bp", np.int32),
                   arr("max_raise", np.int64), arr("cap_amount_c", np.int64), arr("cap_bp", np.int64),
                   arr("old_min_b", np.int64), arr("old_max_b", np.int64),
                   np.full(n, lower_takes_same_step, np.bool_),
                   rows.rates, rows.n_steps, rows.increment, rows.periods, *out)
    return out


def place(roster, scenario) -> Placement:
    """Place every employee of ``roster`` (a path or a frame) under ``scenario`` (a path or a Scenario)."""
    if not isinstance(scenario, Scenario):
        scenario = load_scenario(scenario)
    roster_name = "roster"
    found: list[Problem] = []
    if isinstance(roster, str | Path):
        roster_name = Path(roster).name
        roster, found = load_roster(roster, raise_errors=False)
    elif "salary_cents" not in roster.columns:
        roster, found = validate_roster(roster, raise_errors=False)
    frame, rows, warnings = prepare(roster, scenario, roster_name, found)
    new_rate, new_step, outcome, owed, red, green = run_kernel(frame, rows, scenario.hay_lower_grade == "same_step")
    frame = frame.with_columns(
        pl.Series("new_rate", new_rate), pl.Series("new_step_idx", new_step), pl.Series("outcome", outcome),
        pl.Series("owed", owed), pl.Series("red_circle", red), pl.Series("green_circle", green))
    return Placement(_output(frame, scenario), warnings)


def hourly_from_weekly(weekly_cents):
    """'the weekly salaries shown in Schedule A should be divided by 40 and rounded to the nearest cent to
    arrive at the equivalent hourly rate' (Cresap line 613); halves round up. Works on ints, Series, Exprs."""
    return (weekly_cents + 20) // 40


def _output(frame: pl.DataFrame, scenario: Scenario) -> pl.DataFrame:
    excluded = pl.col("outcome") == k.O_EXCLUDED
    per = pl.when(pl.col("periods") == 52).then(pl.lit("week")).otherwise(pl.lit("year"))
    weekly_row = pl.col("periods") == 52
    basis = pl.col("pay_basis")
    # The new rate in the person's own pay basis: an hourly rate is the weekly rate / 40 to the cent.
    own_rate = (
        pl.when(excluded).then(pl.col("salary_cents"))
        .when(basis == "hourly").then(pl.when(weekly_row).then(hourly_from_weekly(pl.col("new_rate")))
                                      .otherwise((pl.col("new_rate") + 1040) // 2080))
        .when(basis == "weekly").then(pl.when(weekly_row).then(pl.col("new_rate"))
                                      .otherwise((pl.col("new_rate") + 26) // 52))
        .otherwise(pl.col("new_rate") * pl.col("periods"))
    )
    frame = frame.with_columns(own_rate.alias("new_rate_own")).with_columns(
        # annual cost: hourly people are paid by the hour (40 a week), everyone else at the schedule's rate
        pl.when(excluded).then(pl.col("annual_cents"))
        .when(basis == "hourly").then(pl.col("new_rate_own") * 40 * 52)
        .otherwise(pl.col("new_rate") * pl.col("periods")).alias("new_annual_cents"),
        pl.when(excluded | (pl.col("new_step_idx") < 0)).then(None)
        .otherwise(pl.col("steps").list.get(pl.col("new_step_idx").clip(0), null_on_oob=True)).alias("new_step"),
        (pl.col("owed") * pl.col("periods")).alias("owed_annual_cents"),
    ).with_columns((pl.col("new_annual_cents") - pl.col("annual_cents")).alias("increase_cents"))
    fields = {
        "new_grade": pl.col("new_grade"), "new_step": pl.col("new_step"), "old_grade": pl.col("grade"),
        "old_step": pl.col("step").fill_null("off-step"), "per": per, "group": pl.col("group"),
        "target_schedule": pl.col("target_schedule"),
        "new_rate": explain.money(pl.col("new_rate")), "current": explain.money(pl.col("current")),
        "increment": explain.money(pl.col("increment_b")), "owed": explain.money(pl.col("owed")),
        "target": explain.money(pl.col("new_rate") + pl.col("owed")),
        "max_raise": explain.money(pl.lit(scenario.single_rate_max_raise or 0)),
        "pct": pl.col("next_pct").round(2).cast(pl.String),
        "cap": explain.money(pl.col("cap_amount")), "cap_pct": pl.col("cap_pct").round(2).cast(pl.String),
    }
    rule = pl.Series(explain.RULE_CODES, dtype=pl.String)
    assumption = pl.Series(explain.ASSUMPTION_IDS, dtype=pl.String)
    out = frame.select(
        "employee_id", "agency", "class_code",
        pl.col("grade").alias("old_grade"), pl.col("step").alias("old_step"),
        pl.when(excluded).then(None).otherwise(pl.col("target_schedule")).alias("target_schedule"),
        pl.when(excluded).then(pl.col("grade")).otherwise(pl.col("new_grade")).alias("new_grade"),
        "new_step", "pay_basis", pl.col("salary_cents").alias("old_rate_cents"),
        pl.col("new_rate_own").alias("new_rate_cents"),
        pl.col("annual_cents").alias("old_annual_cents"), "new_annual_cents", "increase_cents",
        pct_expr("increase_cents", "annual_cents").alias("increase_pct"),
        pl.col("outcome").replace_strict(list(range(k.N_OUTCOMES)), rule).alias("rule"),
        "red_circle", "green_circle", "owed_annual_cents",
        explain.sentences(pl.col("outcome"), fields,
                          explain.change_clause(pl.col("increase_cents"), pct_expr("increase_cents", "annual_cents"))
                          ).alias("explanation"),
        pl.col("outcome").replace_strict(list(range(k.N_OUTCOMES)), assumption).alias("assumption"),
        pl.col("fte"), "birth_date", "hire_date", "class_entry_date", "retirement_plan", "bargaining_unit", "fund",
        pl.col("source_row"),
    )
    return out
