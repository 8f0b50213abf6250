"""Input problems, reported all at once: file, row or line, column, value and what is wrong.

Every check of every input file (roster, scenario, crosswalk) and of the command line adds Problems to one list;
the command then prints them all, exits with code 2 and writes nothing. A check that finds many rows lists the
first of them and one line for the rest, which still counts them, so the total is the true total.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_SHOWN_VALUE = 60  # characters of a value quoted in a message
MAX_ROWS_PER_CHECK = 200  # rows listed for one check; the rest are counted in one more line
MAX_LINES = 1000  # lines of problems printed in all


def as_written(value: object) -> str:
    """A value as a person wrote it: text quoted ('22'), a date as 2025-07-19, a number as itself; never a Python
    repr such as datetime.date(2025, 7, 19)."""
    import datetime as dt
    from decimal import Decimal

    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):  # as a TOML inline table is written
        return "{ " + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return repr(value)


def _toml(value: object) -> str:
    """A value inside a table or a list, as TOML writes it (text in double quotes)."""
    return '"' + value.replace('"', '\\"') + '"' if isinstance(value, str) else as_written(value)


def shorten(value: object, limit: int = MAX_SHOWN_VALUE) -> str:
    """The value as written, cut to ``limit`` characters with a note of how long it was."""
    text = as_written(value)
    if len(text) <= limit:
        return text
    return f"{text[:limit]}... ({len(text):,} characters)"


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None  # 1-based data row as a spreadsheet shows it (header = row 1); None: the whole file
    column: str | None
    value: object
    message: str
    severity: str = "error"  # or "warning"
    count: int = 1  # how many rows this line stands for (a summary line of a long check stands for many)
    where: str = "row"  # "row" (a spreadsheet row) or "line" (a line of the file, for a malformed CSV line)

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", {self.where} {self.row}"
        if self.column is not None:
            column = str(self.column)
            where += f", column {column if len(column) <= 100 else column[:100] + '...'}"
        value = "" if self.value is None else f" {shorten(self.value)}:"
        return f"{self.severity}: {where}:{value} {self.message}"


def rows_problems(found: list[tuple[int, object]], total: int, file: str, column: str, message: str,
                  severity: str = "error") -> list[Problem]:
    """Problems for the (row, value) pairs of one check, the first MAX_ROWS_PER_CHECK listed and the rest counted
    in one more line. ``total`` is the number of rows the check found."""
    out = [Problem(file, r, column, v, message, severity) for r, v in found[:MAX_ROWS_PER_CHECK]]
    if total > len(out):
        out.append(Problem(file, None, column, None, f"... and {total - len(out):,} more rows with the same problem "
                           f"({message})", severity, count=total - len(out)))
    return out


class InputError(Exception):
    """One or more problems with the user's input. Nothing has been written."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted((p for p in problems if p.severity == "error"),
                               key=lambda p: (p.file, p.row is None and p.count > 1, p.row or 0, p.column or ""))
        self.warnings = [p for p in problems if p.severity != "error"]
        super().__init__(self.render())

    @property
    def total(self) -> int:
        return sum(p.count for p in self.problems)

    def render(self, limit: int = MAX_LINES) -> str:
        """'5,000 errors in the input (200 listed); nothing was written.' and the lines: at most ``limit`` of them,
        each long check's rows beyond MAX_ROWS_PER_CHECK counted in one line of its own."""
        lines = [str(p) for p in self.problems[:limit]]
        listed = sum(1 for p in self.problems[:limit] if p.count == 1)
        if len(self.problems) > limit:
            rest = sum(p.count for p in self.problems[limit:])
            lines.append(f"... and {rest:,} more errors")
        total = self.total
        head = f"{total:,} error{'' if total == 1 else 's'} in the input"
        if 0 < listed < total:
            head += f" ({listed:,} listed)"
        return head + "; nothing was written.\n" + "\n".join(lines)


def raise_if_errors(problems: list[Problem]) -> list[Problem]:
    """Raise InputError if any problem is an error; otherwise return the warnings."""
    if any(p.severity == "error" for p in problems):
        raise InputError(problems)
    return [p for p in problems if p.severity != "error"]


def warning_summary(warnings: list[Problem]) -> str:
    """'1,234 warnings (the first 20 shown)': the true count of warnings, summary lines included."""
    return f"{sum(w.count for w in warnings):,} warnings"


class StoreError(RuntimeError):
    """The --db path is not a store regrade can use: a folder, in a missing folder, not a DuckDB file. (Here,
    not in simulator/store.py, so that a command that stores nothing catches it without importing DuckDB.)"""


class StoreBusy(StoreError):
    """Another process is writing the store."""
