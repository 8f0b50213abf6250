"""Read and validate a roster against the schema in simulator/schema.py.

``load_roster(path)`` returns a typed polars frame (money as int64 cents in ``salary_cents``) or raises
``InputError`` listing every problem in the file at once. Checks that need the scenario (grade and step
known to the old plan, class in the crosswalk, salary matching its step) are in simulator/placement.py.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from simulator.errors import Problem, raise_if_errors
from simulator.schema import DEGREES, NO, PAY_BASES, ROSTER, YES

MONEY_PATTERN = r"^-?\d+(\.\d{1,2})?$"
MAX_PROBLEMS_PER_CHECK = 1000


EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")


def _read(path: Path) -> pl.DataFrame:
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        frame = pl.read_parquet(path)
        return frame.select(pl.all().cast(pl.String))
    if suffix in EXCEL_SUFFIXES:
        # the first sheet, every column as text (so class codes keep what Excel kept of them); a date cell
        # reads as 'YYYY-MM-DD 00:00:00', cut to its date
        frame = pl.read_excel(path, sheet_id=1, infer_schema_length=0)
        dates = [c for c, spec in ROSTER.items() if spec.kind == "date" and c in frame.columns]
        return frame.with_columns(pl.col(dates).str.replace(r"^(\d{4}-\d{2}-\d{2}) 00:00:00$", "$1"))
    return pl.read_csv(path, infer_schema=False, truncate_ragged_lines=False)


def cents_expr(col: str) -> pl.Expr:
    """A validated money string ("77.50", "-6", "4368.5") -> int64 cents, exactly (no float)."""
    s = pl.col(col)
    neg = s.str.starts_with("-")
    body = s.str.strip_chars_start("-")
    whole = body.str.extract(r"^(\d+)", 1).cast(pl.Int64)
    frac = body.str.extract(r"\.(\d{1,2})$", 1).fill_null("").str.pad_end(2, "0").cast(pl.Int64)
    value = whole * 100 + frac
    return pl.when(neg).then(-value).otherwise(value)


def _problems(frame: pl.DataFrame, mask: pl.Expr, file: str, column: str, message: str,
              severity: str = "error") -> list[Problem]:
    bad = frame.filter(mask).select("_row", column).head(MAX_PROBLEMS_PER_CHECK)
    return [Problem(file, r, column, v, message, severity) for r, v in bad.iter_rows()]


def load_roster(path: str | Path, raise_errors: bool = True) -> tuple[pl.DataFrame, list[Problem]]:
    """The roster, typed, and its problems. Raises InputError with every error found, unless
    ``raise_errors`` is False: then rows with bad values carry nulls there, for later checks to go on."""
    path = Path(path)
    name = path.name
    if not path.exists():
        raise_if_errors([Problem(name, None, None, None, f"roster file not found: {path}")])
    try:
        raw = _read(path)
    except Exception as exc:  # a file polars cannot parse at all
        raise_if_errors([Problem(name, None, None, None, f"cannot be read as a roster (CSV, Parquet or Excel): {exc}")])
    return validate_roster(raw, name, raise_errors)


def validate_roster(raw: pl.DataFrame, name: str = "roster",
                    raise_errors: bool = True) -> tuple[pl.DataFrame, list[Problem]]:
    problems: list[Problem] = []
    missing = [c for c, spec in ROSTER.items() if spec.required and c not in raw.columns]
    for c in missing:
        problems.append(Problem(name, None, c, None, "required column is missing"))
    for c in raw.columns:
        if c not in ROSTER:
            problems.append(Problem(name, None, c, None, "column is not in the roster schema; ignored", "warning"))
    raise_if_errors(problems)

    frame = raw.with_columns(
        [pl.lit(None, pl.String).alias(c) for c in ROSTER if c not in raw.columns]
    ).select(
        [pl.col(c).cast(pl.String).str.strip_chars().replace("", None).alias(c) for c in ROSTER]
    ).with_row_index("_row", offset=2).with_columns(pl.col("_row").cast(pl.Int64))

    for c, spec in ROSTER.items():
        if spec.required:
            problems += _problems(frame, pl.col(c).is_null(), name, c, "required value is blank")

    first = pl.col("_row").min().over("employee_id")
    dup = pl.col("employee_id").is_not_null() & (pl.col("_row") != first)
    for r, v, f in frame.with_columns(first.alias("f")).filter(dup).select("_row", "employee_id", "f").head(
            MAX_PROBLEMS_PER_CHECK).iter_rows():
        problems.append(Problem(name, r, "employee_id", v, f"employee_id is not unique (first on row {f})"))

    salary = pl.col("salary").str.replace_all(r"[$,]", "")
    frame = frame.with_columns(salary.alias("_salary"))
    s = pl.col("_salary")
    nan = s.str.to_lowercase().is_in(["nan", "-nan", "inf", "-inf", "infinity"])
    not_number = s.is_not_null() & ~s.str.contains(MONEY_PATTERN) & ~nan
    problems += _problems(frame, nan, name, "salary", "salary is not a number (NaN or infinite)")
    problems += _problems(frame, not_number, name, "salary",
                          "salary is not a number of dollars with at most two decimals")
    problems += _problems(frame, s.str.contains(MONEY_PATTERN) & s.str.starts_with("-"), name, "salary",
                          "salary is negative")

    basis_bad = pl.col("pay_basis").is_not_null() & ~pl.col("pay_basis").str.to_lowercase().is_in(PAY_BASES)
    problems += _problems(frame, basis_bad, name, "pay_basis", f"pay_basis must be one of {', '.join(PAY_BASES)}")

    fte = pl.col("fte").cast(pl.Float64, strict=False)
    fte_bad = pl.col("fte").is_not_null() & (fte.is_null() | fte.is_nan() | (fte <= 0) | (fte > 1))
    problems += _problems(frame, fte_bad, name, "fte", "fte must be a number above 0 and at most 1")

    for c, spec in ROSTER.items():
        if spec.kind == "date":
            parsed = pl.col(c).str.to_date("%Y-%m-%d", strict=False)
            problems += _problems(frame, pl.col(c).is_not_null() & parsed.is_null(), name, c,
                                  "date cannot be read; write it as YYYY-MM-DD")

    tstep = pl.col("teacher_step").cast(pl.Int64, strict=False)
    tstep_bad = pl.col("teacher_step").is_not_null() & (tstep.is_null() | (tstep < 1) | (tstep > 11))
    problems += _problems(frame, tstep_bad, name, "teacher_step", "teacher_step must be a whole number 1 to 11")

    degree_bad = pl.col("degree").is_not_null() & ~pl.col("degree").is_in(DEGREES)
    problems += _problems(frame, degree_bad, name, "degree", f"degree must be one of {', '.join(DEGREES)}")

    for c, spec in ROSTER.items():
        if spec.kind == "bool":
            problems += _problems(frame, pl.col(c).is_not_null() & ~pl.col(c).str.to_lowercase().is_in([*YES, *NO]),
                                  name, c, "must be yes or no")

    step_bad = pl.col("step").is_not_null() & ~pl.col("step").str.contains(r"^[A-Za-z]{1,2}$")
    problems += _problems(frame, step_bad, name, "step", "step must be a step letter (A, B, ... Y) or blank")

    if raise_errors:
        raise_if_errors(problems)

    good_money = pl.col("_salary").str.contains(MONEY_PATTERN) & ~pl.col("_salary").str.starts_with("-")
    typed = frame.with_columns(
        pl.when(good_money).then(cents_expr("_salary")).alias("salary_cents"),
        pl.col("pay_basis").str.to_lowercase().fill_null("annual"),
        fte.fill_null(1.0).alias("fte"),
        pl.col("step").str.to_uppercase(),
        tstep.alias("teacher_step"),
        *[pl.col(c).str.to_lowercase().is_in(YES).alias(c) for c, spec in ROSTER.items() if spec.kind == "bool"],
        *[pl.col(c).str.to_date("%Y-%m-%d", strict=False) for c, spec in ROSTER.items() if spec.kind == "date"],
    ).drop("_salary", "salary").rename({"_row": "source_row"})
    return typed, problems
