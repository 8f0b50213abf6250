"""Placement: every person on the old plan repositioned into the scenario's schedules.

``place(roster, scenario)`` runs, in this order:

1. read and validate the roster (simulator/roster.py) and the scenario (simulator/scenario.py);
2. join the crosswalk and the old plan, apply the scenario's groups, and check every row against them
   (class in the crosswalk, grade and step known to the old plan, salary matching its step);
3. build the pay rows of the target schedules as arrays, and per-person arrays (present pay exact in annual
   cents, and in the person's own unit);
4. call the kernel (kernels/place.py, dispatching to the rules of kernels/rules) once over everyone;
5. turn its outcome codes into rule codes and sentences.

Errors are collected and raised together (InputError); salary mismatches are warnings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import polars as pl

from kernels import rules as R
from kernels.place import place_kernel
from kernels.rules._base import NO_CAP, Options, PayRows, Person, empty, make_pay_rows, range_directions
from simulator import data, explain, retirement
from simulator.errors import MAX_ROWS_PER_CHECK, Problem, raise_if_errors, rows_problems
from simulator.money import DAYS_PER_YEAR, amount_text_expr, dollars_text, pct_expr
from simulator.roster import load_roster, validate_roster
from simulator.scenario import Scenario, read_scenario

PERIODS = {"annual": 1, "weekly": 52, "hourly": 2080}  # a pay basis's periods a year (hourly: 40 x 52)
PER = {1: "year", 52: "week", 2080: "hour"}
A_PER = {1: "a year", 52: "a week", 2080: "an hour"}


@dataclass
class Placement:
    """The result of ``place``: one row per employee, and the warnings met on the way."""
    frame: pl.DataFrame
    warnings: list[Problem]
    prepared: Prepared | None = field(default=None, repr=False)  # to place variants again (simulator/recost.py)


@dataclass
class Rows:
    """The target schedules flattened for the kernel: one row per (schedule, grade)."""
    frame: pl.DataFrame  # row, schedule, grade, basis, periods, steps (list), rates (list), increment, kind
    kernel: PayRows
    steps: pl.DataFrame  # row, step (name), step_idx: each row's step names, long

    @property
    def rates(self) -> np.ndarray:
        return self.kernel.rates

    @property
    def n_steps(self) -> np.ndarray:
        return self.kernel.n_steps

    @property
    def periods(self) -> np.ndarray:
        return self.kernel.periods


def rate_arrays(scenario: Scenario) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The target schedules' rates as arrays, one row per (schedule, grade) in the scenario's order: rates
    [rows, steps] (cents, each row's basis), steps per row, increment, periods a year. A loop over pay rows
    (tens to hundreds), not people."""
    flat = [(sched.rates(g), sched.increment.get(g, 0), sched.periods)
            for sched in scenario.schedules.values() for g in sched.grades]
    rates = np.zeros((len(flat), max(len(r) for r, _, _ in flat)), np.int64)
    for i, (r, _, _) in enumerate(flat):
        rates[i, : len(r)] = r
    return (rates, np.array([len(r) for r, _, _ in flat], np.int64), np.array([inc for _, inc, _ in flat], np.int64),
            np.array([p for _, _, p in flat], np.int64))


def pay_rows(scenario: Scenario) -> Rows:
    records = [dict(schedule=sname, grade=g, basis=sched.basis, periods=sched.periods, steps=sched.step_names(g),
                    rates=sched.rates(g), increment=sched.increment.get(g, 0), kind=sched.kind)
               for sname, sched in scenario.schedules.items() for g in sched.grades]
    frame = pl.DataFrame(records, schema={"schedule": pl.String, "grade": pl.String, "basis": pl.String,
                                          "periods": pl.Int64, "steps": pl.List(pl.String),
                                          "rates": pl.List(pl.Int64), "increment": pl.Int64,
                                          "kind": pl.String}).with_row_index("row").with_columns(
        pl.col("row").cast(pl.Int64))
    kernel = make_pay_rows(*rate_arrays(scenario))
    steps = frame.select("row", pl.col("steps").alias("step")).explode("step").with_columns(
        pl.int_range(pl.len()).over("row").cast(pl.Int32).alias("step_idx"))
    return Rows(frame, kernel, steps)


def _problems(frame: pl.DataFrame, mask: pl.Expr, file: str, column: str, message, severity="error"):
    """The rows where ``mask`` holds, the first MAX_ROWS_PER_CHECK listed and the rest counted; ``message`` is a
    text or a function of the row."""
    bad = frame.filter(mask)
    if isinstance(message, str):
        return rows_problems(bad.select("source_row", column).head(MAX_ROWS_PER_CHECK).rows(), bad.height, file,
                             column, message, severity)
    out = [Problem(file, r["source_row"], column, r[column], message(r), severity)
           for r in bad.head(MAX_ROWS_PER_CHECK).iter_rows(named=True)]
    if bad.height > len(out):
        out += rows_problems([], bad.height - len(out), file, column, message(bad.row(0, named=True)), severity)
    return out


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
    rows = missing.select("source_row", "class_code", padded.alias("hint"))
    base = f"class code is missing from the scenario's crosswalk ({scenario_name})"
    hinted, plain = rows.filter(pl.col("hint").is_not_null()), rows.filter(pl.col("hint").is_null())
    out = rows_problems(plain.select("source_row", "class_code").head(MAX_ROWS_PER_CHECK).rows(), plain.height,
                        roster_name, "class_code", base)
    if hinted.height == 1:
        r, code, hint = hinted.row(0)
        out.append(Problem(roster_name, r, "class_code", code, f"{base}; did you mean '{hint}'? Excel drops leading "
                                                               "zeros: format the class_code column as text"))
    elif hinted.height:  # one line for them all: the codes lost their leading zeros, as Excel does to numbers
        pairs = hinted.select("class_code", "hint").unique(maintain_order=True)
        examples = ", ".join(f"'{c}' for '{h}'" for c, h in pairs.head(4).rows())
        first = ", ".join(str(r) for r in hinted["source_row"].head(5).to_list())
        out.append(Problem(roster_name, None, "class_code", None,
                           f"{hinted.height:,} rows (rows {first}{', ...' if hinted.height > 5 else ''}) have class "
                           f"codes that lost their leading zeros ({examples}{', ...' if pairs.height > 4 else ''}): "
                           f"Excel drops them from a code it reads as a number. Format the class_code column as "
                           f"text, type the codes with their zeros, and save the roster again",
                           count=hinted.height))
    return out


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
    frame = _target(roster, scenario, roster_name, problems)
    frame = _old_plan(frame, scenario, roster_name, problems)
    frame = _target_row(frame, scenario, rows, roster_name, problems)
    frame = _rule_inputs(frame, scenario, rows, roster_name, problems)
    problems += retirement.roster_problems(frame, scenario.retirement, roster_name)
    warnings = raise_if_errors(problems)
    return frame.sort("source_row"), rows, warnings


def _target(roster, scenario, roster_name, problems) -> pl.DataFrame:
    """The crosswalk's schedule, grade and rule for each person, then the scenario's groups."""
    cw = scenario.crosswalk.select(
        "class_code", pl.col("schedule").alias("target_schedule"), pl.col("grade").alias("cw_grade"),
        "points", pl.col("rule").alias("cw_rule"), "tag")
    frame = roster.join(cw, on="class_code", how="left")
    problems += _missing_classes(frame, cw["class_code"], roster_name, scenario.name)
    default_rules = pl.DataFrame({"target_schedule": list(scenario.rules),
                                  "default_rule": list(scenario.rules.values())},
                                 schema={"target_schedule": pl.String, "default_rule": pl.String})
    frame = frame.join(default_rules, on="target_schedule", how="left").with_columns(
        pl.coalesce("cw_rule", "default_rule").alias("rule_name"))
    return _grade_from_points(_group_columns(frame, scenario), scenario)


def _old_plan(frame, scenario, roster_name, problems) -> pl.DataFrame:
    """The old plan: grade and step must exist; the present pay (exact, in annual cents) should equal the
    step's rate (a warning)."""
    old = _old_plan_frame(scenario)
    known_grades = old["grade"].unique()
    problems += _problems(frame, ~pl.col("grade").is_in(known_grades.implode()), roster_name, "grade",
                          f"grade is unknown to the old plan ({scenario.old_plan.name})")
    frame = frame.join(old, on=["grade", "step"], how="left")
    problems += _problems(
        frame, pl.col("step").is_not_null() & pl.col("grade").is_in(known_grades.implode())
        & pl.col("old_step_ord").is_null(), roster_name, "step",
        lambda r: f"step is unknown to grade {r['grade']} of the old plan ({scenario.old_plan.name})")
    eff = scenario.effective_date
    for col, what in (("hire_date", "hired"), ("birth_date", "born"), ("class_entry_date", "in the class")):
        problems += _problems(frame, pl.col(col) > eff, roster_name, col,
                              f"after the scenario's effective date {eff}: not yet {what} when the plan starts")
    age = (pl.lit(eff) - pl.col("birth_date")).dt.total_days() / DAYS_PER_YEAR
    problems += _problems(frame, (pl.col("birth_date") <= eff) & ((age < 14) | (age > 100)), roster_name,
                          "birth_date", f"an age on {eff} outside 14 to 100")
    old_periods = scenario.old_plan.periods
    own = pl.col("pay_basis").replace_strict(PERIODS, default=None, return_dtype=pl.Int64)
    frame = frame.with_columns(own.alias("own_periods")).with_columns(
        (pl.col("salary_cents") * pl.col("own_periods")).alias("annual_cents"))
    mismatch = (pl.col("old_rate").is_not_null() & (pl.col("annual_cents") != pl.col("old_rate") * old_periods)
                & (pl.col("rule_name") != "cresap_highway") & ~pl.col("excluded"))
    problems += _problems(frame.with_columns(amount_text_expr(pl.col("salary_cents")).alias("salary")), mismatch,
                          roster_name, "salary",
                          lambda r: f"does not match grade {r['grade']} step {r['step']} of the old plan "
                                    f"({dollars_text(r['old_rate'])} a {'week' if old_periods == 52 else 'year'})",
                          "warning")
    return frame


def _target_row(frame, scenario, rows: Rows, roster_name, problems) -> pl.DataFrame:
    """The target pay row: schedule + grade (teachers: category:degree column), and the rule's id."""
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
    rule_ids = pl.DataFrame({"rule_name": list(R.RULE_ID), "rule_id": list(R.RULE_ID.values())},
                            schema={"rule_name": pl.String, "rule_id": pl.Int32})
    return frame.join(rule_ids, on="rule_name", how="left").with_columns(
        pl.when(pl.col("excluded")).then(R.EXCLUDED).otherwise(pl.col("rule_id")).cast(pl.Int32).alias("rule_id"))


def _rule_inputs(frame, scenario, rows: Rows, roster_name, problems) -> pl.DataFrame:
    """Each rule's per-person inputs (kernels.rules._base.Person), by joins, not loops over people."""
    # Highway: the printed table names the new step for (old grade, old step, new grade).
    hwy = data.table("cresap_highway_crosswalk").select(
        pl.col("present_grade").cast(pl.String).alias("grade"), pl.col("present_step").alias("step"),
        pl.col("proposed_grade").cast(pl.String).alias("new_grade"), pl.col("proposed_step").alias("hwy_step")
    ).unique()
    frame = frame.join(hwy, on=["grade", "step", "new_grade"], how="left")
    highway = R.RULE_ID["cresap_highway"]
    problems += _problems(
        frame, (pl.col("rule_id") == highway) & pl.col("hwy_step").is_null() & pl.col("row").is_not_null(),
        roster_name, "step", lambda r: f"the highway maintenance table has no row for grade {r['grade']} step "
                                       f"{r['step']} to grade {r['new_grade']}")
    teacher_same = R.RULE_ID["teacher_same_step"]
    problems += _problems(frame, (pl.col("rule_id") == teacher_same) & pl.col("teacher_step").is_null(),
                          roster_name, "teacher_step", "teacher_step is needed to keep a teacher's step")
    same_position = R.RULE_ID["same_position"]
    needs_old_range = (pl.col("rule_id") == same_position) & (pl.col("old_min").is_null()
                                                               | (pl.col("old_min") == pl.col("old_max")))
    problems += _problems(frame, needs_old_range, roster_name, "grade",
                          "same_position needs the old plan's range for this grade, which has no rates")
    no_months = [s for s, sched in scenario.schedules.items() if not sched.months]
    problems += _problems(frame, (pl.col("rule_id") == R.RULE_ID["years_in_class"])
                          & pl.col("target_schedule").is_in(no_months), roster_name, "class_code",
                          lambda r: f"years_in_class needs a timetable (months) for schedule {r['target_schedule']}")

    by_name = rows.steps.rename({"step": "_name"})
    months = {s: sched.months or [] for s, sched in scenario.schedules.items()}
    month_frame = pl.DataFrame({"target_schedule": list(months), "months": list(months.values())},
                               schema={"target_schedule": pl.String, "months": pl.List(pl.Int64)})
    # the step by years in the class: only for the rows of that rule (an explode over every person otherwise)
    years = frame.filter(pl.col("rule_id") == R.RULE_ID["years_in_class"]).select(
        "source_row", "target_schedule", _months_between(
        pl.col("class_entry_date"), scenario.effective_date).alias("in_class")).join(
        month_frame, on="target_schedule", how="left").explode("months").filter(
        pl.col("months") <= pl.col("in_class")).group_by("source_row").agg((pl.len() - 1).alias("years_idx"))
    old_periods = scenario.old_plan.periods
    floor = pl.when(pl.col("step").is_in(["C", "D", "E"])).then(1).when(pl.col("step").is_in(["X", "Y"])).then(2)
    frame = frame.join(by_name.rename({"_name": "step", "step_idx": "same_idx"}), on=["row", "step"], how="left") \
        .join(by_name.rename({"_name": "hwy_step", "step_idx": "fixed_idx"}), on=["row", "hwy_step"], how="left") \
        .join(years, on="source_row", how="left") \
        .join(rows.frame.select("row", pl.col("increment").alias("increment_b")), on="row", how="left") \
        .join(_lift(rows.frame), on="row", how="left")
    frame = _premiums(frame, scenario)
    return frame.with_columns(
        pl.when(pl.col("rule_id") == R.RULE_ID["cresap_a"]).then(floor).otherwise(0).fill_null(0).cast(pl.Int32)
        .alias("floor_step"),
        pl.when(pl.col("rule_id") == teacher_same).then(pl.col("teacher_step") - 1)
        .otherwise(pl.col("same_idx")).fill_null(-1).cast(pl.Int32).alias("same_step"),
        pl.col("fixed_idx").fill_null(-1).cast(pl.Int32).alias("fixed_step"),
        pl.col("years_idx").fill_null(-1).cast(pl.Int32).alias("years_step"),
        direction().alias("direction"),
        (pl.col("next_pct") * 100).round(0).cast(pl.Int32).alias("pct_bp"),
        pl.lit(NO_CAP if scenario.single_rate_max_raise is None else scenario.single_rate_max_raise, pl.Int64)
        .alias("max_raise"),
        pl.col("cap_amount").fill_null(NO_CAP).alias("cap_amount_c"),
        (pl.col("cap_pct") * 100).round(0).cast(pl.Int64).fill_null(NO_CAP).alias("cap_bp"),
        (pl.col("old_min") * old_periods).fill_null(0).alias("old_min_annual"),
        (pl.col("old_max") * old_periods).fill_null(1).alias("old_max_annual"),
        pl.col("row").fill_null(0),
        pl.col("periods").fill_null(1),
    )


def _premiums(frame: pl.DataFrame, scenario: Scenario) -> pl.DataFrame:
    """Cresap's special premiums (lines 786-803), where the scenario turns them on: education specialists with
    an earned Master's degree +4 %, a Doctorate +10 %; physicians below Physician IV certified by the American
    Board of Psychiatry and Neurology +$1,000 a year, above and beyond the range. The amounts are data/'s."""
    rates = {row["condition"]: row for row in data.table("cresap_special_premiums").iter_rows(named=True)}
    bp = pl.lit(0)
    add = pl.lit(0, pl.Int64)
    specialists = scenario.special_premiums.get("education_specialists", [])
    if specialists:
        masters = int(round(rates["earned_masters_degree"]["percent"] * 100))
        doctorate = int(round(rates["earned_doctorate"]["percent"] * 100))
        is_specialist = pl.col("class_code").is_in(specialists)
        bp = (pl.when(is_specialist & (pl.col("degree") == "doctorate")).then(doctorate)
              .when(is_specialist & pl.col("degree").is_in(["master", "master_plus_30"])).then(masters).otherwise(0))
    physicians = scenario.special_premiums.get("board_certified_physicians", [])
    if physicians:
        amount = rates["psychiatry_neurology_board_certified"]["annual_amount"]
        add = pl.when(pl.col("class_code").is_in(physicians) & pl.col("board_certified").fill_null(False)) \
            .then(pl.lit(amount, pl.Int64)).otherwise(0)
    return frame.with_columns(
        pl.when(pl.col("excluded")).then(0).otherwise(bp).cast(pl.Int32).alias("premium_bp"),
        pl.when(pl.col("excluded")).then(0).otherwise(add).cast(pl.Int64).alias("premium_add"))


def _lift(frame: pl.DataFrame) -> pl.DataFrame:
    """Per pay row: 1 where its step A is above the step A of the same grade number in the scenario's first
    schedule that has it, else 0. Hay's Schedule Ia is "$5000 higher at Step D" than Schedule I (line 319): a
    class moved from grade 31 to Ia grade 31 moves to a higher pay range (A-HAY-IA-HIGHER)."""
    first_a = pl.col("rates").list.first()
    return frame.select(
        "row", pl.when(first_a > first_a.first().over("grade", order_by="row")).then(1).otherwise(0)
        .cast(pl.Int8).alias("lift"))


def _assumption(of_rule: pl.Expr, excluded: pl.Expr, scenario: Scenario) -> pl.Expr:
    """A placement's assumption ids: its rule branch's, and those of the schedule it is placed in where the
    scenario gives one (a schedule whose rates are assumed: the MMS's A-MMS-BANDS, A-MMS-RANGES)."""
    by_schedule = {k: s.assumption for k, s in scenario.schedules.items() if s.assumption}
    if not by_schedule:
        return of_rule
    of_schedule = pl.when(excluded).then(None).otherwise(
        pl.col("target_schedule").replace_strict(by_schedule, default=None, return_dtype=pl.String))
    return pl.concat_str([of_rule, of_schedule], separator=", ", ignore_nulls=True).replace("", None)


def direction() -> pl.Expr:
    """The move's direction for the Hay rules: by grade number; at the same number, up where the new pay row is
    above the first schedule's row of that number (``_lift``); not comparable (not numbers): 0."""
    old = pl.col("grade").cast(pl.Int64, strict=False)
    new = pl.col("new_grade").cast(pl.Int64, strict=False)
    return pl.when(old.is_null() | new.is_null()).then(0).when(new < old).then(-1).when(new > old).then(1) \
        .otherwise(pl.col("lift").fill_null(0)).cast(pl.Int8)


def person_arrays(frame: pl.DataFrame) -> Person:
    """The kernel's per-person inputs, as numpy arrays (kernels.rules._base.Person)."""
    def arr(col, dtype):
        return read_only(frame[col].to_numpy().astype(dtype, copy=False))

    return Person(
        rule=arr("rule_id", np.int32), row=arr("row", np.int64), current=arr("annual_cents", np.int64),
        current_own=arr("salary_cents", np.int64), own_periods=arr("own_periods", np.int64),
        floor_step=arr("floor_step", np.int32), fixed_step=arr("fixed_step", np.int32),
        same_step=arr("same_step", np.int32), years_step=arr("years_step", np.int32),
        direction=arr("direction", np.int8), pct_bp=arr("pct_bp", np.int32), max_raise=arr("max_raise", np.int64),
        cap_amount=arr("cap_amount_c", np.int64), cap_bp=arr("cap_bp", np.int64),
        old_min=arr("old_min_annual", np.int64), old_max=arr("old_max_annual", np.int64),
        premium_bp=arr("premium_bp", np.int32), premium_add=arr("premium_add", np.int64))


def read_only(a: np.ndarray) -> np.ndarray:
    """``a`` marked read-only. Numba compiles a kernel once per signature, and a writable array is another
    signature than a read-only one: every per-person input is read-only (whether polars handed over its own
    buffer or a copy), so that one compiled placement kernel serves every roster, run and recost."""
    a.flags.writeable = False
    return a


def kernel_options(scenario: Scenario) -> Options:
    """The scenario's options the placement kernel reads (Hay's lower grade)."""
    return Options(scenario.hay_lower_grade == "same_step")


def with_range(person: Person, rows: PayRows, scenario: Scenario) -> Person:
    """``person`` with its direction the range's, higher or lower by pay or by grade number as the scenario reads
    it (kernels.rules._base.range_directions; A-HAY-RANGE), for the Hay rules."""
    out = np.empty(person.row.shape[0], np.int8)
    range_directions(person, rows, scenario.hay_range_by == "grade", out)
    return person._replace(direction=read_only(out))


def run_kernel(frame: pl.DataFrame, rows: Rows, scenario: Scenario):
    out = empty(frame.height)
    place_kernel(with_range(person_arrays(frame), rows.kernel, scenario), rows.kernel, kernel_options(scenario),
                 R.OUTCOME_BASE, out)
    return out


def place(roster, scenario, sentences: bool = True) -> Placement:
    """Place every employee of ``roster`` (a path or a frame) under ``scenario`` (a path or a Scenario). Every
    problem of the roster, the scenario and its crosswalk is reported together (InputError). ``sentences``
    False: no explanation sentences (null), for costing alternatives in memory (solve, sweep)."""
    problems: list[Problem] = []
    if not isinstance(scenario, Scenario):
        scenario, problems = read_scenario(scenario)
    roster_name = "roster"
    if isinstance(roster, str | Path):
        roster_name = Path(roster).name or str(roster)
        roster, found = load_roster(roster, raise_errors=False)
    elif "salary_cents" not in roster.columns:
        roster, found = validate_roster(roster, raise_errors=False)
    else:
        found = []
    problems = found + problems
    if scenario is None or roster is None:
        raise_if_errors(problems)
    frame, rows, warnings = prepare(roster, scenario, roster_name, problems)
    return Placement(_placed(frame, rows, scenario, sentences), warnings,
                     Prepared(roster, scenario, roster_name, (frame, rows, warnings)).slimmed())


def _placed(frame: pl.DataFrame, rows: Rows, scenario: Scenario, sentences: bool) -> pl.DataFrame:
    """The kernel on a prepared frame, and its output columns."""
    out = run_kernel(frame, rows, scenario)
    frame = frame.with_columns(
        pl.Series("new_amount", out.amount), pl.Series("new_unit", out.unit),
        pl.Series("new_base_annual", out.base_annual), pl.Series("new_annual_cents", out.annual),
        pl.Series("new_step_idx", out.step), pl.Series("outcome", out.outcome),
        pl.Series("owed_annual_cents", out.owed), pl.Series("red_circle", out.red),
        pl.Series("green_circle", out.green))
    return _output(frame, scenario, sentences)


# the prepared frame's columns that come from the pay rows' rates (the rest: from names, grades and steps)
RATE_COLUMNS = ["increment_b", "lift", "direction"]
# what simulator/recost.py reads of a prepared frame without placing it again: the kernel's per-person inputs
# (person_arrays), what the direction of a move is made of, and the schedule each person is placed on
SLIM_COLUMNS = ["rule_id", "row", "annual_cents", "salary_cents", "own_periods", "floor_step", "fixed_step",
                "same_step", "years_step", "direction", "pct_bp", "max_raise", "cap_amount_c", "cap_bp",
                "old_min_annual", "old_max_annual", "premium_bp", "premium_add", "grade", "new_grade", "lift",
                "target_schedule", "excluded"]


def shape(scenario: Scenario) -> tuple:
    """What a prepared placement depends on besides the rates: each schedule's kind, basis, grades and step
    names, points and months."""
    return tuple((k, s.kind, s.basis, tuple((g, tuple(s.step_names(g))) for g in s.grades),
                  tuple(sorted(s.points.items())), tuple(s.months or ()))
                 for k, s in scenario.schedules.items())


class Prepared:
    """A roster prepared once under a scenario (joins, checks, rule inputs), to place it again under variants
    that change only rates (a schedule's percent or dollars, an option), without preparing again: the pay
    rows are rebuilt and the columns that come from their rates (RATE_COLUMNS) joined afresh. A variant of
    another shape (steps, grades, rules, groups, crosswalk) is placed from the start."""

    def __init__(self, roster: pl.DataFrame, scenario: Scenario, roster_name: str = "roster", done=None):
        self.roster, self.scenario, self.roster_name = roster, scenario, roster_name
        self.frame, self.rows, self.warnings = done or prepare(roster, scenario, roster_name)
        self.shape = shape(scenario)
        self.reused = 0  # variants placed from the prepared frame (the rest: from the start)
        self.slim = False

    def slimmed(self) -> Prepared:
        """Only the columns the recost's arrays are made of (a run keeps this one, not the whole prepared frame: a
        third of its memory at 1,000,000 people); placing a variant prepares the roster again first."""
        self.frame = self.frame.select(SLIM_COLUMNS)
        self.slim = True
        return self

    def place(self, variant: Scenario, sentences: bool = False) -> pl.DataFrame:
        if self.slim:
            self.frame, self.rows, _ = prepare(self.roster, self.scenario, self.roster_name)
            self.slim = False
        same = (shape(variant) == self.shape and variant.rules == self.scenario.rules
                and variant.groups == self.scenario.groups and variant.crosswalk is self.scenario.crosswalk
                and variant.old_plan is self.scenario.old_plan)
        if not same:
            return place(self.roster, variant, sentences).frame
        self.reused += 1
        rows = pay_rows(variant)
        frame = (self.frame.drop(RATE_COLUMNS)
                 .join(rows.frame.select("row", pl.col("increment").alias("increment_b")), on="row", how="left",
                       maintain_order="left")
                 .join(_lift(rows.frame), on="row", how="left", maintain_order="left")
                 .with_columns(direction().alias("direction")))
        return _placed(frame, rows, variant, sentences)


def _per(col: str) -> pl.Expr:
    return pl.col(col).replace_strict(PER, return_dtype=pl.String)


def _output(frame: pl.DataFrame, scenario: Scenario, with_sentences: bool = True) -> pl.DataFrame:
    excluded = pl.col("outcome") == R.O_EXCLUDED
    money = explain.money
    frame = frame.with_columns(
        pl.when(excluded | (pl.col("new_step_idx") < 0)).then(None)
        .otherwise(pl.col("steps").list.get(pl.col("new_step_idx").clip(0), null_on_oob=True)).alias("new_step"),
        (pl.col("new_annual_cents") - pl.col("annual_cents")).alias("increase_cents"),
        (pl.col("new_annual_cents") - pl.col("new_base_annual")).alias("premium_annual_cents"),
    )
    row_per = pl.when(pl.col("periods") == 52).then(pl.lit("week")).otherwise(pl.lit("year"))
    fields = {
        "new_grade": pl.col("new_grade"), "new_step": pl.col("new_step"), "old_grade": pl.col("grade"),
        "old_step": pl.col("step").fill_null("off-step"), "group": pl.col("group"),
        "target_schedule": pl.col("target_schedule"),
        "schedule": pl.col("target_schedule").replace_strict(
            {k: sched.label or f"Schedule {k}" for k, sched in scenario.schedules.items()}, default=None),
        "new_pay": money(pl.col("new_amount")) + " " + pl.col("new_unit").replace_strict(A_PER, return_dtype=pl.String),
        "present_pay": money(pl.col("salary_cents")) + " "
        + pl.col("own_periods").replace_strict(A_PER, return_dtype=pl.String),
        "increment": money(pl.col("increment_b")) + " a " + row_per,
        "owed": money(pl.col("owed_annual_cents")) + " a year",
        "target": money(pl.col("new_base_annual") + pl.col("owed_annual_cents")) + " a year",
        "max_raise": money(pl.lit(scenario.single_rate_max_raise or 0)),
        "pct": pl.col("next_pct").round(2).cast(pl.String),
        "cap": money(pl.col("cap_amount")), "cap_pct": pl.col("cap_pct").round(2).cast(pl.String),
    }
    rule = pl.Series(R.CODES, dtype=pl.String)
    assumption = pl.Series([o.assumption for o in R.OUTCOMES], dtype=pl.String)
    codes = list(range(R.N_OUTCOMES))
    change = explain.change_clause(pl.col("increase_cents"), pct_expr("increase_cents", "annual_cents"))
    if with_sentences:
        frame = frame.with_columns(explain.sentence_column(frame, fields).alias("_sentence"))
        sentence = (pl.col("_sentence")
                    + explain.circle_clause(pl.col("outcome"), pl.col("red_circle"), pl.col("green_circle"))
                    + explain.premium_clause() + change)
    else:
        sentence = pl.lit(None, pl.String)
    return frame.select(
        "employee_id", "agency", "class_code",
        pl.col("grade").alias("old_grade"), pl.col("step").alias("old_step"),
        pl.when(excluded).then(None).otherwise(pl.col("target_schedule")).alias("target_schedule"),
        pl.when(excluded).then(pl.col("grade")).otherwise(pl.col("new_grade")).alias("new_grade"),
        "new_step", "pay_basis", pl.col("salary_cents").alias("old_rate_cents"),
        pl.col("new_amount").alias("new_rate_cents"), _per("new_unit").alias("new_rate_per"),
        pl.col("annual_cents").alias("old_annual_cents"), "new_annual_cents", "premium_annual_cents",
        "increase_cents", pct_expr("increase_cents", "annual_cents").alias("increase_pct"),
        pl.col("outcome").replace_strict(codes, rule).alias("rule"),
        "red_circle", "green_circle", "owed_annual_cents",
        sentence.alias("explanation"),
        _assumption(pl.col("outcome").replace_strict(codes, assumption), excluded, scenario).alias("assumption"),
        pl.col("fte"), "birth_date", "hire_date", "class_entry_date", "retirement_plan", "bargaining_unit", "fund",
        "weekly_hours",
        # for the projection: the new pay's unit and any special premium
        pl.col("new_unit").alias("new_rate_unit"), "premium_bp", pl.col("premium_add").alias("premium_add_cents"),
        # a group's limit on the raise, for the projection to pay what is owed (A-PROJ-OWED)
        pl.col("cap_amount").alias("raise_limit_annual_cents"), pl.col("cap_pct").alias("raise_limit_pct"),
        pl.col("source_row"),
    )
