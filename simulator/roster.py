"""Read and validate a roster against the schema in simulator/schema.py.

``load_roster(path)`` returns a typed polars frame (money as int64 cents in ``salary_cents``) and its problems,
or raises ``InputError`` listing every problem in the file at once. The file is read strictly: a CSV line with
too many or too few fields is an error naming its line; every value is checked against a stated range before
any arithmetic (simulator/money.py for money). Checks that need the scenario (grade and step known to the old
plan, class in the crosswalk, dates against the effective date, salary matching its step) are in
simulator/placement.py.
"""

from __future__ import annotations

import csv
from pathlib import Path

import polars as pl

from simulator import funds
from simulator.errors import MAX_ROWS_PER_CHECK, Problem, raise_if_errors, rows_problems, shorten
from simulator.money import (
    CEILING,
    DAYS_PER_YEAR,
    MAX_DIGITS,
    PLAUSIBLE_ANNUAL,
    cents_expr,
    dollars_text,
    money_text_problem,
)
from simulator.schema import DEGREES, MAX_WEEKLY_HOURS, NO, PAY_BASES, ROSTER, YES

EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
MAX_HEADER_BYTES = 1 << 20  # a header line longer than 1 MB is not a roster's
MAX_TEXT = 200  # characters in an id, a code, a name
PERIODS = {"annual": 1, "weekly": 52, "hourly": 2080}
DATE_FORMAT = "%Y-%m-%d"


def _problems(frame: pl.DataFrame, mask: pl.Expr, file: str, column: str, message: str,
              severity: str = "error") -> list[Problem]:
    bad = frame.lazy().filter(mask).select("_row", column).collect()  # only the columns the check reads
    return rows_problems(bad.head(MAX_ROWS_PER_CHECK).rows(), bad.height, file, column, message, severity)


def csv_shape_problems(path: Path, name: str) -> list[Problem]:
    """Every line whose number of fields is not the header's, or that is blank (a CSV is read strictly:
    polars would pad a short line with nulls and refuse a long one without saying which)."""
    with open(path, "rb") as fh:
        head = fh.read(MAX_HEADER_BYTES)
    if b"\n" not in head and len(head) == MAX_HEADER_BYTES:
        return [Problem(name, None, None, None, "the first line is longer than 1 MB: a roster's first line names its "
                        "columns (employee_id,agency,...)")]
    if b"\r" in head and b"\n" not in head:
        return [Problem(name, None, None, None, "its lines end in a carriage return only (an old Mac format), so it "
                        "reads as one line: save it as CSV UTF-8")]
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut at the end of what was read
            return [Problem(name, None, None, None, f"is not UTF-8 text (byte {exc.start:,}): save the roster as "
                            "CSV UTF-8, or as .xlsx or .parquet")]
    found = _line_shape(path, quoted=b'"' in head or _has_quote(path))
    bad, total = found if found is not None else _quoted_shape(path)
    if bad is None:
        return [Problem(name, None, None, None, "is empty: a roster needs a header line and a row per employee")]
    problems = [Problem(name, r, None, v or None, m, where="line") for r, v, m in bad]
    header = next(csv.reader([head.split(b"\n", 1)[0].decode("utf-8", "replace").lstrip("\ufeff")]), [])
    seen: dict[str, int] = {}
    for i, col in enumerate(c.strip() for c in header):
        if col in seen and col:
            problems.append(Problem(name, 1, col, None, f"the column appears twice (columns {seen[col] + 1} and "
                                    f"{i + 1}): keep one", where="line"))
        seen.setdefault(col, i)
    if total > len(bad):
        problems.append(Problem(name, None, None, None, f"... and {total - len(bad):,} more lines with the wrong "
                                "number of fields", count=total - len(bad)))
    return problems


def _has_quote(path: Path) -> bool:
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 24):
            if b'"' in chunk:
                return True
    return False


QUOTED = r'(^|,)"(?:[^"]|"")*"'  # a quoted field ("" is a quote inside it), where a field begins


def _line_shape(path: Path, quoted: bool):
    """Every line's fields, by polars: its commas plus one, not counting those inside quoted fields. None where a
    line has a quote that is not a quoted field's (a quoted field running over the line's end, a stray quote
    inside a field): then the csv module reads the records."""
    lines = pl.read_csv(path, has_header=False, separator="\x1f", quote_char=None, infer_schema=False,
                        new_columns=["line"], truncate_ragged_lines=True).with_row_index("n", offset=1)
    if lines.height == 0:
        return None if quoted else (None, 0)
    commas = pl.col("line").str.count_matches(",", literal=True) + 1
    lines = lines.with_columns(commas.alias("fields"))
    if quoted:  # the lines with a quote (few, in a roster), their quoted fields taken out
        some = lines.filter(pl.col("line").str.contains('"', literal=True)).with_columns(
            pl.col("line").str.replace_all(QUOTED, "$1").alias("rest"))
        if some.select(pl.col("rest").str.contains('"', literal=True).any()).item():
            return None
        fields = lines["fields"].fill_null(0).to_numpy().copy()  # (a blank line: null, said blank below)
        fields[some["n"].to_numpy() - 1] = some["rest"].str.count_matches(",", literal=True).to_numpy() + 1
        lines = lines.with_columns(pl.Series("fields", fields))
    width = lines["fields"][0] if lines["line"][0] is not None else 1
    wrong = lines.slice(1).filter(pl.col("line").is_null() | (pl.col("fields") != width))
    bad = [(n, line or "", "is blank; remove it" if not line else f"has {count} fields; the header has {width}")
           for n, line, count in wrong.head(MAX_ROWS_PER_CHECK).iter_rows()]
    return bad, wrong.height


def _quoted_shape(path: Path):
    """A file with quotes: the csv module counts each record's fields (a quoted field may hold commas)."""
    with open(path, encoding="utf-8", newline="", errors="replace") as fh:
        reader = csv.reader(fh)
        header = next(reader, None)
        if header is None:
            return None, 0
        width, bad, total, line = len(header), [], 0, reader.line_num
        for record in reader:
            start, line = line + 1, reader.line_num
            if len(record) != width:
                total += 1
                if len(bad) < MAX_ROWS_PER_CHECK:
                    bad.append((start, ",".join(record), f"has {len(record)} fields; the header has {width}"
                                if record else "is blank; remove it"))
    return bad, total


MAX_SHEET_COLUMNS = 1_000  # a roster has a few dozen columns; far beyond that, a stray cell is out to the right
MAX_SHEET_CELLS = 200_000_000  # rows x columns of the used range the reader would lay out


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def excel_shape(path: Path, name: str) -> tuple[list[Problem], int]:
    """An .xlsx workbook's first sheet, looked at before it is read: a used range far beyond a roster's (one stray
    cell at XFD1048576 makes the reader lay out 17 billion cells and the process abort) is an error; other
    sheets, which are not read, are a warning that says so. Also the sheet row of the header (the first row with
    a cell: a sheet may start lower than row 1), so that problems name the rows Excel shows. Other Excel formats:
    nothing to look at here (row 1)."""
    import re
    import zipfile

    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return [], 1
    try:
        with zipfile.ZipFile(path) as z:
            book = z.read("xl/workbook.xml")[:1_000_000].decode("utf-8", "replace")
            rels = z.read("xl/_rels/workbook.xml.rels")[:1_000_000].decode("utf-8", "replace")
            sheets = [(re.search(r'\bname="([^"]*)"', tag), re.search(r'\br:id="([^"]*)"', tag))
                      for tag in re.findall(r"<sheet\b[^>]*>", book)]
            sheets = [(n.group(1), r.group(1)) for n, r in sheets if n and r]
            if not sheets:
                return [], 1
            target = re.search(rf'<Relationship\b[^>]*\bId="{re.escape(sheets[0][1])}"[^>]*>', rels)
            target = re.search(r'\bTarget="([^"]*)"', target.group(0)) if target else None
            if not target:
                return [], 1
            member = target.group(1).lstrip("/")
            member = member if member.startswith("xl/") else f"xl/{member}"
            with z.open(member) as fh:
                head = fh.read(65_536).decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError, OSError):
        return [], 1  # not a workbook this can look into: the reader says what is wrong with it
    problems = []
    found = re.search(r'<dimension\b[^>]*\bref="[A-Z]+\d+:([A-Z]+)(\d+)"', head)
    if found:
        cols, rows = _column_number(found.group(1)), int(found.group(2))
        if cols > MAX_SHEET_COLUMNS or rows * cols > MAX_SHEET_CELLS:
            problems.append(Problem(name, None, None, None,
                                    f"sheet '{sheets[0][0]}' has cells out to {found.group(1)}{rows} "
                                    f"({rows:,} rows x {cols:,} columns), far beyond a roster's: a stray cell? Delete "
                                    "the rows and columns after your data (or save the sheet as CSV) and try again"))
    if len(sheets) > 1:
        others = ", ".join(f"'{n}'" for n, _ in sheets[1:4]) + (", ..." if len(sheets) > 4 else "")
        problems.append(Problem(name, None, None, None, f"has {len(sheets)} sheets: the roster is read from the "
                                f"first, '{sheets[0][0]}'; the others ({others}) are not read", "warning"))
    first = re.search(r'<row\b[^>]*\br="(\d+)"', head)
    return problems, int(first.group(1)) if first else 1


def _kept_typed(column: str, dtype) -> bool:
    """A Parquet column read as it is typed rather than as text: a date column of dates, a number column (fte,
    hours, a whole number) of numbers (their text would only be parsed back; a million dates take 0.15 s)."""
    spec = ROSTER.get(column)
    if spec is None:
        return False
    return ((spec.kind == "date" and dtype == pl.Date) or (spec.kind in ("fte", "hours") and dtype.is_numeric())
            or (spec.kind == "int" and dtype.is_integer()))


def _read(path: Path, name: str) -> tuple[pl.DataFrame | None, list[Problem], int]:
    """(the roster as text, but a Parquet file's dates and numbers as typed (``_kept_typed``), problems of its
    shape, the file row of its header line)."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        frame = pl.read_parquet(path)
        nested = [c for c, t in frame.schema.items() if t.is_nested() or t == pl.Binary or t == pl.Object]
        if nested:
            return None, [Problem(name, None, c, None, f"holds {frame.schema[c]} values; a roster column is text, a "
                                  "number or a date") for c in nested], 1
        return frame.select([pl.col(c) if _kept_typed(c, t) else pl.col(c).cast(pl.String)
                             for c, t in frame.schema.items()]), [], 1
    if suffix in EXCEL_SUFFIXES:
        shape, header_row = excel_shape(path, name)
        if any(p.severity == "error" for p in shape):
            return None, shape, 1
        # the first sheet, every column as text (so class codes keep what Excel kept of them); a date cell
        # reads as 'YYYY-MM-DD 00:00:00', cut to its date
        frame = pl.read_excel(path, sheet_id=1, infer_schema_length=0)
        dates = [c for c, spec in ROSTER.items() if spec.kind == "date" and c in frame.columns]
        frame = frame.with_columns(pl.col(dates).str.replace(r"^(\d{4}-\d{2}-\d{2}) 00:00:00$", "$1"))
        return frame, shape, header_row
    shape = csv_shape_problems(path, name)
    if shape:
        return None, shape, 1
    return pl.read_csv(path, infer_schema=False, truncate_ragged_lines=False), [], 1


def load_roster(path: str | Path, raise_errors: bool = True) -> tuple[pl.DataFrame | None, list[Problem]]:
    """The roster, typed, and its problems. Raises InputError with every error found, unless
    ``raise_errors`` is False: then a frame with nulls where values are bad (for later checks to go on), or
    None when the file cannot be read at all, and the problems."""
    path = Path(path)
    name = path.name or str(path)
    problem = None
    if not path.exists():
        problem = f"roster file not found: {path}"
    elif path.is_dir():
        problem = f"is a folder, not a roster file: {path}"
    elif path.stat().st_size == 0:
        problem = "is empty: a roster needs a header line and a row per employee"
    if problem:
        return _finish(None, [Problem(name, None, None, None, problem)], raise_errors)
    try:
        raw, problems, header_row = _read(path, name)
    except Exception as exc:  # a file polars cannot parse at all
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raw, header_row = None, 1
        problems = [Problem(name, None, None, None, "cannot be read as a roster (CSV, Parquet or Excel): "
                                       + shorten(first, 160)[1:-1])]
    if raw is None:
        return _finish(None, problems, raise_errors)
    frame, found = validate_roster(raw, name, raise_errors, first_row=header_row + 1)
    return frame, problems + found  # the reader's warnings (a workbook's other sheets) with the checks' problems


def _finish(frame, problems, raise_errors):
    if raise_errors:
        raise_if_errors(problems)
    return frame, problems


def validate_roster(raw: pl.DataFrame, name: str = "roster", raise_errors: bool = True,
                    first_row: int = 2) -> tuple[pl.DataFrame | None, list[Problem]]:
    """The roster typed and every problem of it; ``first_row``: the file row of its first data row (2 below a
    header on row 1), so that problems name the rows a spreadsheet shows."""
    problems: list[Problem] = []
    for c in [c for c, spec in ROSTER.items() if spec.required and c not in raw.columns]:
        problems.append(Problem(name, None, c, None, "required column is missing"))
    unknown = [c for c in raw.columns if c not in ROSTER]
    for c in unknown[:20]:
        problems.append(Problem(name, None, c, None, "column is not in the roster schema; ignored", "warning"))
    if len(unknown) > 20:
        problems.append(Problem(name, None, None, None, f"... and {len(unknown) - 20:,} more columns not in the "
                                "schema; ignored", "warning", count=len(unknown) - 20))
    if raw.height == 0:
        problems.append(Problem(name, None, None, None, "has a header and no rows: a roster needs a row per employee"))
    if any(p.severity == "error" for p in problems):
        return _finish(None, problems, raise_errors)

    raw = raw.with_columns([pl.lit(None, pl.String).alias(c) for c in ROSTER if c not in raw.columns])

    def text(c: str) -> pl.Expr:  # a typed column's text has no blanks to strip
        if raw.schema[c] != pl.String:
            return pl.col(c).cast(pl.String)
        return pl.col(c).str.strip_chars().replace("", None)

    def value(c: str) -> pl.Expr:  # what a problem quotes: the text, or the date or number as typed
        return pl.col(c) if _kept_typed(c, raw.schema[c]) else text(c)

    # every column as text (what a problem quotes), and the dates and fte read once: as they are where the file
    # typed them (Parquet, Excel), else parsed from the text
    typed = {c: pl.col(c) if raw.schema[c] == pl.Date else text(c).str.to_date(DATE_FORMAT, strict=False)
             for c, spec in ROSTER.items() if spec.kind == "date"}
    for c in ("fte", "weekly_hours"):
        typed[c] = pl.col(c).cast(pl.Float64) if raw.schema[c].is_numeric() else text(c).cast(pl.Float64, strict=False)
    frame = raw.select(
        *[value(c).alias(c) for c in ROSTER], *[e.alias(f"_{c}") for c, e in typed.items()]
    ).with_row_index("_row", offset=first_row).with_columns(pl.col("_row").cast(pl.Int64))
    frame = _with_salary_reason(frame)
    problems += _value_problems(frame, name)
    if raise_errors:
        raise_if_errors(problems)
    return _typed(frame), problems


def _value_problems(frame: pl.DataFrame, name: str) -> list[Problem]:
    """Every value of every row against its column's kind and range (the checks of a kind counted together, in
    one pass over the frame: ``_checked``)."""
    checks = []
    for c, spec in ROSTER.items():
        if spec.required:
            checks.append((pl.col(c).is_null(), c, "required value is blank"))
        if spec.kind == "str":
            checks.append((pl.col(c).str.len_chars() > MAX_TEXT, c, f"longer than {MAX_TEXT} characters"))
    problems = _checked(frame, name, checks)

    first = pl.col("_row").min().over("employee_id")
    dup = frame.head(0).with_columns(first.alias("f"))
    if frame.select(pl.col("employee_id").drop_nulls().is_duplicated().any()).item():  # the window only if needed
        dup = frame.with_columns(first.alias("f")).filter(pl.col("employee_id").is_not_null()
                                                          & (pl.col("_row") != first))
    problems += [Problem(name, r, "employee_id", v, f"employee_id is not unique (first on row {f})")
                 for r, v, f in dup.select("_row", "employee_id", "f").head(MAX_ROWS_PER_CHECK).iter_rows()]
    if dup.height > MAX_ROWS_PER_CHECK:
        problems += rows_problems([], dup.height - MAX_ROWS_PER_CHECK, name, "employee_id", "employee_id is not unique")

    basis = pl.col("pay_basis").str.to_lowercase()
    problems += _problems(frame, pl.col("pay_basis").is_not_null() & ~basis.is_in(PAY_BASES), name, "pay_basis",
                          f"pay_basis must be one of {', '.join(PAY_BASES)}")
    problems += _salary_problems(frame, name)
    problems += _checked(frame, name, _other_checks())
    problems += funds.problems(frame, name)
    return problems


def _other_checks() -> list[tuple[pl.Expr, str, str]]:
    """(the rows it finds, column, message) of the checks after the salary's, in the order they are reported."""
    fte = pl.col("_fte")
    hours = pl.col("_weekly_hours")
    checks = [
        (pl.col("fte").is_not_null() & (fte.is_null() | fte.is_nan() | (fte <= 0) | (fte > 1)), "fte",
         "fte must be a number above 0 and at most 1 (a point for decimals: 0.5)"),
        (pl.col("weekly_hours").is_not_null()
         & (hours.is_null() | hours.is_nan() | (hours < 0) | (hours > MAX_WEEKLY_HOURS)), "weekly_hours",
         f"weekly_hours must be a number of hours from 0 to {MAX_WEEKLY_HOURS}"),
    ]
    for c, spec in ROSTER.items():
        if spec.kind == "date":
            parsed = pl.col(f"_{c}")
            checks.append((pl.col(c).is_not_null() & (parsed.is_null() | (parsed.dt.year() < 1850)), c,
                           "date cannot be read; write it as YYYY-MM-DD (a year after 1850)"))
        if spec.kind == "bool":
            checks.append((pl.col(c).is_not_null() & ~pl.col(c).str.to_lowercase().is_in([*YES, *NO]), c,
                           "must be yes or no"))
    birth = pl.col("_birth_date")
    hire = pl.col("_hire_date")
    age_at_hire = (hire - birth).dt.total_days() / DAYS_PER_YEAR
    tstep = pl.col("teacher_step").cast(pl.Int64, strict=False)
    step_name = r"^([A-Za-z]{1,2}|\d{1,2})$"  # a letter or two (A ... Y), or a number (1 ... 99)
    return checks + [
        (hire < birth, "hire_date", "hire_date is before birth_date"),
        ((hire >= birth) & (age_at_hire < 14), "hire_date", "hired before the age of 14 (birth_date and hire_date)"),
        (pl.col("teacher_step").is_not_null() & (tstep.is_null() | (tstep < 1) | (tstep > 11)), "teacher_step",
         "teacher_step must be a whole number 1 to 11"),
        (pl.col("degree").is_not_null() & ~pl.col("degree").is_in(DEGREES), "degree",
         f"degree must be one of {', '.join(DEGREES)}"),
        (pl.col("step").is_not_null() & ~pl.col("step").str.contains(step_name), "step",
         "step must be a step's name: a letter (A, B, ... Y) or a number (1, 2, ... 99), or blank"),
    ]


def _checked(frame: pl.DataFrame, file: str, checks: list[tuple[pl.Expr, str, str]]) -> list[Problem]:
    """The problems of ``checks`` (mask, column, message), in their order: every mask counted in one pass over the
    frame, and the rows listed only of those that found any (a clean roster is read once, not once a check)."""
    if not checks:
        return []
    counts = frame.lazy().select([mask.sum().alias(str(i)) for i, (mask, _, _) in enumerate(checks)]).collect().row(0)
    problems: list[Problem] = []
    for (mask, column, message), n in zip(checks, counts):
        if n:
            problems += _problems(frame, mask, file, column, message)
    return problems


def _salary_text() -> pl.Expr:
    return pl.col("salary").str.strip_prefix("$").str.strip_chars()


SIMPLE_MONEY = rf"^[0-9]{{1,{MAX_DIGITS}}}(\.[0-9]{{1,2}})?$"  # plain dollars (and cents), digits 0-9 only


def _with_salary_reason(frame: pl.DataFrame) -> pl.DataFrame:
    """``_why``: why the salary text cannot be read (money_text_problem), null if it can; ``_cents``: the salary in
    cents where it can. The full test runs only
    on the texts that are not plain digits (at most 13) with up to two decimals: almost every roster's salaries
    are, and the full test is a dozen patterns a row."""
    text = _salary_text()
    odd = frame.lazy().filter(pl.col("salary").is_not_null() & ~text.str.contains(SIMPLE_MONEY)).select(
        "_row", money_text_problem(text).alias("_why")).collect()
    if odd.height:  # (a join of a million rows costs half a second: only when some salary is not plain)
        frame = frame.join(odd, on="_row", how="left", maintain_order="left")
    else:
        frame = frame.with_columns(pl.lit(None, pl.String).alias("_why"))
    # and ``_cents``: the readable salaries in cents, read once (the checks and the typed roster use it)
    return frame.with_columns(pl.when(pl.col("_why").is_null()).then(cents_expr(text)).alias("_cents"))


def _salary_problems(frame: pl.DataFrame, name: str) -> list[Problem]:
    """Money checked before any arithmetic: readable, above zero, below the ceiling of its unit (an error);
    a year's pay outside $500 to $500,000, a warning."""
    problems = []
    why = frame.select("_row", "salary", pl.col("_why").alias("why")).filter(pl.col("why").is_not_null())
    for reason in why["why"].unique(maintain_order=True).to_list():
        part = why.filter(pl.col("why") == reason)
        problems += rows_problems(part.select("_row", "salary").head(MAX_ROWS_PER_CHECK).rows(), part.height, name,
                                  "salary", f"salary is {reason}")
    readable = pl.col("_why").is_null() & pl.col("salary").is_not_null()
    basis = pl.col("pay_basis").str.to_lowercase().fill_null("annual")
    checked = frame.lazy().select("_row", "salary", "_cents", "_why", "pay_basis").filter(
        readable & basis.is_in(PAY_BASES)).with_columns(basis.alias("_basis")).collect()  # the columns it reads
    problems += _problems(checked, pl.col("_cents") == 0, name, "salary", "salary is zero: pay must be above zero")
    for b, ceiling in CEILING.items():
        per = {"annual": "a year", "weekly": "a week", "hourly": "an hour"}[b]
        problems += _problems(checked, (pl.col("_basis") == b) & (pl.col("_cents") > ceiling), name, "salary",
                              f"salary is above {dollars_text(ceiling)} {per}, the most regrade takes as pay "
                              f"(pay_basis {b}); check the amount and the pay_basis")
    annual = pl.col("_cents") * pl.col("_basis").replace_strict(PERIODS, return_dtype=pl.Int64)
    lo, hi = PLAUSIBLE_ANNUAL
    odd = checked.filter((pl.col("_cents") > 0) & ((annual < lo) | (annual > hi))
                         & (pl.col("_cents") <= pl.col("_basis").replace_strict(CEILING, return_dtype=pl.Int64)))
    if odd.height:
        problems.append(Problem(name, None, "salary", None, f"{odd.height:,} salaries are outside {dollars_text(lo)} "
                                f"to {dollars_text(hi)} a year (first on row {odd['_row'][0]}: "
                                f"{shorten(odd['salary'][0])}); read as given: check the amounts and pay_basis",
                                "warning", count=odd.height))
    return problems


def _typed(frame: pl.DataFrame) -> pl.DataFrame:
    """The validated text as types: money in cents, dates, numbers (a bad value becomes null: its problem is
    already reported); one chunk a column (a Parquet file's row groups left as chunks cost placement's joins
    0.2 GB more at a million rows)."""
    return frame.with_columns(
        pl.col("_cents").alias("salary_cents"),
        pl.col("pay_basis").str.to_lowercase().fill_null("annual"),
        pl.col("_fte").fill_null(1.0).alias("fte"),
        pl.col("_weekly_hours").alias("weekly_hours"),
        pl.col("step").str.to_uppercase(),
        pl.col("teacher_step").cast(pl.Int64, strict=False).alias("teacher_step"),
        *[pl.col(c).str.to_lowercase().is_in(YES).alias(c) for c, spec in ROSTER.items() if spec.kind == "bool"],
        *[pl.col(f"_{c}").alias(c) for c, spec in ROSTER.items() if spec.kind == "date"],
    ).drop("salary", "_why", *[c for c in frame.columns if c.startswith("_") and c not in ("_row",)]) \
        .rename({"_row": "source_row"}).rechunk()
