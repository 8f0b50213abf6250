"""The one module that knows how ``data/tables/*.csv`` are laid out.

``table(name)`` returns a polars DataFrame with typed columns: money as int64 **cents** (exact: the
decimal strings in the CSVs are parsed as text, never through a float), counts and grades as integers,
rates and percentages as floats, and the provenance columns every row carries.

Each table's columns are declared once, in ``TABLES``: the kind of each column and whether its value is
one that must be found, as printed, on the seed line the row cites (``checked``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import polars as pl

DATA_DIR = Path(os.environ.get("REGRADE_DATA", Path(__file__).resolve().parent.parent / "data" / "tables"))
SCENARIOS_DIR = Path(__file__).resolve().parent.parent / "scenarios"  # the shipped scenarios (the demo's, warm's)

PROVENANCE = ("printed", "reconstructed", "assumed")
META = {"source_file": "str", "source_table": "str", "source_line": "int", "provenance": "provenance",
        "note": "str"}

# Column kinds: str, int, cents (money, exact), rate (a ratio, percentage or dollars-per-point as float).
KINDS = ("str", "int", "cents", "rate")


@dataclass(frozen=True)
class Spec:
    description: str
    columns: dict[str, str]
    checked: tuple[str, ...] = ()  # values that must appear on the cited seed line when provenance == printed
    key: tuple[str, ...] = ()  # columns that identify a row; unique
    units: dict[str, str] = field(default_factory=dict)


TABLES: dict[str, Spec] = {
    # --- Cresap 1967 -------------------------------------------------------------------------------------
    "cresap_plan_1965_ranges": Spec(
        "The plan in force: 12/25/65 weekly ranges, the increase to the January 1966 plan, employees and weekly cost",
        {"grade": "int", "minimum_weekly": "cents", "midpoint_weekly": "cents", "maximum_weekly": "cents",
         "increase_weekly": "cents", "employees": "int", "cost_per_week": "cents"},
        checked=("grade", "minimum_weekly", "midpoint_weekly", "maximum_weekly", "increase_weekly", "employees",
                 "cost_per_week"), key=("grade",)),
    "cresap_plan_1966_steps": Spec(
        "The January 1966 plan (the 'old plan' of Cresap): weekly rate per grade and step A-E, X, Y",
        {"grade": "int", "step": "str", "weekly": "cents"}, checked=("weekly",), key=("grade", "step")),
    "cresap_step_timetables": Spec(
        "Months of service at which each step is reached: the 1966 plan, proposed Schedule A, highway 1966",
        {"plan": "str", "step": "str", "months_of_service": "int"}, key=("plan", "step")),
    "cresap_schedule_a_grades": Spec(
        "Schedule A per grade: annual and weekly range, increments, premium range maximum",
        {"grade": "int", "annual_minimum": "cents", "annual_maximum": "cents", "annual_increment": "cents",
         "weekly_minimum": "cents", "weekly_maximum": "cents", "weekly_increment": "cents",
         "premium_weekly": "cents", "premium_annual": "cents"},
        checked=("grade", "annual_minimum", "annual_maximum", "annual_increment", "weekly_minimum",
                 "weekly_maximum", "weekly_increment", "premium_weekly", "premium_annual"), key=("grade",)),
    "cresap_schedule_a_steps": Spec(
        "Schedule A weekly rate per grade and step A-G",
        {"grade": "int", "step": "str", "weekly": "cents"}, checked=("grade", "weekly"), key=("grade", "step")),
    "cresap_schedule_b": Spec(
        "Schedule B (physicians and dentists): annual minimum, quarter points, midpoint, maximum",
        {"grade": "str", "minimum": "cents", "first_quartile": "cents", "midpoint": "cents",
         "third_quartile": "cents", "maximum": "cents"},
        checked=("minimum", "first_quartile", "midpoint", "third_quartile", "maximum"), key=("grade",)),
    "cresap_schedule_b_titles": Spec("Schedule B titles per grade", {"grade": "str", "class_title": "str"},
                                     key=("class_title",)),
    "cresap_schedule_c": Spec(
        "Schedule C (teachers): weekly minimum and maximum per category and degree column",
        {"category": "str", "degree_column": "str", "weekly_minimum": "cents", "weekly_maximum": "cents"},
        checked=("weekly_minimum",), key=("category", "degree_column")),
    "cresap_schedule_c_titles": Spec("Schedule C titles per category", {"category": "str", "class_title": "str"},
                                     key=("category", "class_title")),
    "cresap_schedule_d": Spec(
        "Schedule D (single-rate unclassified): annual rate (minimum = maximum) or range, and positions",
        {"class_title": "str", "annual_minimum": "cents", "annual_maximum": "cents", "positions": "int"},
        checked=("annual_minimum", "annual_maximum"), key=("class_title",)),
    "cresap_exhibit_2f": Spec("Exhibit II-F: unclassified titles placed in the classified service, with grade",
                              {"class_title": "str", "grade": "int"}, checked=("grade",), key=("class_title",)),
    "cresap_highway_crosswalk": Spec(
        "Highway maintenance repositioning: present (grade, step A/B/C) to proposed (grade, step)",
        {"class_title": "str", "present_grade": "int", "present_step": "str", "proposed_grade": "int",
         "proposed_step": "str"},
        checked=("present_grade", "present_step", "proposed_grade", "proposed_step"),
        key=("class_title", "present_step")),
    "cresap_classes": Spec(
        "Appendix B: class code, title (OCR repaired), title as printed, proposed Schedule A grade",
        {"class_code": "str", "class_title": "str", "class_title_printed": "str", "proposed_grade": "int"},
        key=("class_code",)),
    "cresap_merit_matrix": Spec(
        "Merit guideline matrix: maximum % increase by performance rating and position in range",
        {"rating": "str", "range_position": "str", "max_increase_pct": "rate", "discretionary_pct": "rate",
         "cap": "str"}, key=("rating", "range_position")),
    "cresap_overtime_bands": Spec(
        "Overtime treatment by weekly base salary",
        {"band": "str", "weekly_from": "cents", "weekly_to": "cents", "treatment": "str"}, key=("band",)),
    "cresap_alt_grades_1_3": Spec(
        "Alternative handling of grades 1-3: titles and the grade they would move to",
        {"class_title": "str", "proposed_grade": "int", "alternative_grade": "int"}, key=("class_title",)),
    "cresap_special_premiums": Spec(
        "Special premiums: education specialists' degrees, psychiatry board certificate",
        {"group": "str", "condition": "str", "percent": "rate", "annual_amount": "cents"},
        key=("group", "condition")),
    # --- Hay 1975 ----------------------------------------------------------------------------------------
    "hay_point_ranges": Spec("Job-content point range of each of the 41 grades",
                             {"grade": "int", "points_low": "int", "points_high": "int"},
                             checked=("points_low", "points_high"), key=("grade",)),
    "hay_schedule_1": Spec("Salary Schedule I: annual rate per grade and step A-E, X, Y",
                           {"grade": "int", "step": "str", "annual": "cents"}, checked=("annual",),
                           key=("grade", "step")),
    "hay_schedule_1a": Spec("Salary Schedule Ia (physicians), grades 29-41: annual rate per step",
                            {"grade": "int", "step": "str", "annual": "cents"}, checked=("annual",),
                            key=("grade", "step")),
    "hay_step_ratios": Spec("Each step's rate as a multiple of step D", {"step": "str", "ratio_to_d": "rate"},
                            key=("step",)),
    "hay_step_d_formulas": Spec(
        "Step D = dollars_per_point x P + constant, P the middle of the grade's point range",
        {"schedule": "str", "grade_from": "int", "grade_to": "int", "dollars_per_point": "rate",
         "constant": "cents"}, checked=("dollars_per_point", "constant"), key=("schedule", "grade_from")),
    "hay_class_distribution": Spec(
        "Number of classes per grade: present (September 1975) and recommended (December 1975)",
        {"grade": "int", "period": "str", "classes": "int"}, checked=("classes",), key=("grade", "period")),
    "hay_omnibus": Spec(
        "Omnibus Bill range changes: present, Personnel Board approved, allocated by points (blank: not evaluated)",
        {"class_code": "str", "class_title": "str", "agency": "str", "present_range": "int", "board_range": "int",
         "points_range": "int"}, checked=("class_code", "present_range", "board_range", "points_range")),
    "hay_job_families": Spec(
        "Job family tables 1-5: points, present and proposed grade",
        {"family": "str", "class_code": "str", "class_title": "str", "points": "int", "present_grade": "int",
         "proposed_grade": "int"}, checked=("class_code", "points", "present_grade", "proposed_grade"),
        key=("class_code",)),
    "hay_collapsible": Spec(
        "Collapsible classes: present range, points, range allocated by points",
        {"class_code": "str", "class_title": "str", "present_range": "int", "points": "int",
         "allocated_range": "int"}, checked=("class_code", "present_range", "points", "allocated_range"),
        key=("class_code",)),
    "hay_exhibit_1": Spec(
        "Exhibit I: % of a grade's employees at each step of the 4/74 schedule (absent cells are 0)",
        {"grade": "int", "step": "str", "pct": "rate"}, checked=("pct",), key=("grade", "step")),
    "hay_practice_lines": Spec(
        "Salary practice lines: salary = dollars_per_point x P + constant over a point interval",
        {"scope": "str", "points_from": "int", "points_to": "int", "dollars_per_point": "rate", "constant": "cents"},
        checked=("dollars_per_point", "constant"), key=("scope", "points_from")),
    "hay_org_variations": Spec(
        "Average salary from each practice line at common point levels, and % different from all classified",
        {"scope": "str", "points": "int", "salary": "cents", "pct_diff": "rate"}, checked=("salary",),
        key=("scope", "points")),
    "hay_retirement": Spec("Maine State Retirement System parameters",
                           {"parameter": "str", "value": "rate", "unit": "str"}, key=("parameter",)),
    "hay_early_retirement_reductions": Spec("Illustrative actuarial reductions for early retirement",
                                            {"age": "int", "reduction_pct": "rate"},
                                            checked=("age", "reduction_pct"), key=("age",)),
    "hay_special_retirement_plans": Spec(
        "Special retirement plans: benefit % of compensation at minimum age / service",
        {"group": "str", "benefit_pct": "rate", "basis": "str", "min_age": "int", "min_service": "int"},
        key=("group",)),
    # --- MMS and facts -----------------------------------------------------------------------------------
    "mms_classes": Spec("The nine Maine Management Service classes",
                        {"series": "str", "level": "int", "class_title": "str", "summary": "str"},
                        key=("series", "level")),
    "published_facts": Spec("Single figures the seeds print: headcounts, costs, shares, limits",
                            {"seed": "str", "fact": "str", "value": "rate", "unit": "str"}, key=("fact",)),
}


class DataError(ValueError):
    """A data file that does not match its declared layout."""


def _cents(col: str) -> pl.Expr:
    """Exact decimal dollars ("77.50", "13401", "-6") -> int64 cents, parsed as text (no float)."""
    s = pl.col(col).str.strip_chars()
    whole = s.str.extract(r"^(-?\d*)", 1)
    frac = s.str.extract(r"\.(\d{1,2})$", 1).fill_null("").str.pad_end(2, "0")
    sign = pl.when(whole.str.starts_with("-")).then(-1).otherwise(1)
    dollars = whole.str.strip_chars_start("-").replace("", "0").cast(pl.Int64)
    return (sign * (dollars * 100 + frac.cast(pl.Int64))).alias(col)


def _check_layout(name: str, path: Path, raw: pl.DataFrame, spec: Spec) -> None:
    want = list(spec.columns) + list(META)
    if raw.columns != want:
        raise DataError(f"{path}: columns {raw.columns} do not match the declared {want}")
    problems = []
    for col, kind in spec.columns.items():
        pattern = {"int": r"^-?\d+$", "cents": r"^-?\d+(\.\d{1,2})?$", "rate": r"^-?\d*\.?\d+$"}.get(kind)
        if pattern is None:
            continue
        bad = raw.with_row_index("row", offset=2).filter(
            pl.col(col).is_not_null() & ~pl.col(col).str.contains(pattern))
        for row in bad.head(5).iter_rows(named=True):
            problems.append(f"{path.name}: row {row['row']}, column {col}: {row[col]!r} is not {kind}")
    bad = raw.with_row_index("row", offset=2).filter(~pl.col("provenance").is_in(PROVENANCE))
    for row in bad.head(5).iter_rows(named=True):
        problems.append(f"{path.name}: row {row['row']}, column provenance: {row['provenance']!r}")
    if problems:
        raise DataError("; ".join(problems))


@cache
def _load(name: str) -> pl.DataFrame:
    if name not in TABLES:
        raise KeyError(f"no table {name!r}; tables: {', '.join(sorted(TABLES))}")
    spec = TABLES[name]
    path = DATA_DIR / f"{name}.csv"
    raw = pl.read_csv(path, infer_schema=False)
    _check_layout(name, path, raw, spec)
    exprs = []
    for col, kind in {**spec.columns, **META}.items():
        if kind == "cents":
            exprs.append(_cents(col))
        elif kind == "int":
            exprs.append(pl.col(col).cast(pl.Int64))
        elif kind == "rate":
            exprs.append(pl.col(col).cast(pl.Float64))
        elif kind == "provenance":
            exprs.append(pl.col(col).cast(pl.Enum(PROVENANCE)))
        else:
            exprs.append(pl.col(col))
    return raw.select(exprs)


def table(name: str) -> pl.DataFrame:
    """One data table, typed: money in int64 cents, with ``source_*``, ``provenance`` and ``note``."""
    return _load(name).clone()


def raw_table(name: str) -> pl.DataFrame:
    """One data table exactly as written: every value the decimal string in the CSV."""
    return pl.read_csv(DATA_DIR / f"{name}.csv", infer_schema=False)


def names() -> list[str]:
    return list(TABLES)
