"""Workbooks a committee can read: every sheet regrade writes to Excel (export, compare, the fiscal note) is written
here. Headers are words with their unit; money is a number in a currency format; a percentage is a fraction in a
percent format (a formula on it is right); fiscal years, grades, steps and counts are numbers where they are
numbers; a total row closes every table with amounts to add; header rows are frozen, columns are as wide as their
contents, and a sheet prints across one page wide (landscape).

Tables come in cents (simulator/results.py); ``simulator.money.for_people`` turns them into dollars here.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import polars as pl

from simulator import results as R
from simulator.money import for_people

WIDE = {"explanation": 90, "class_title": 32, "scenario_title": 40, "label": 40, "value": 40, "origin": 40,
        "parameter": 34}
# columns that name or number something (never added up): written as numbers where they are numbers
KEYS = {"fiscal_year", "replica", "position", "seed", "run_id", "old_grade", "new_grade", "grade", "old_step",
        "new_step", "step", "years", "employee_id", "class_code", "agency", "schedule", "target_schedule", "fund",
        "bargaining_unit", "item", "label", "parameter", "value", "origin", "scenario_name", "measure"}
NUMBERED = {"fiscal_year", "replica", "position", "seed", "run_id", "old_grade", "new_grade", "grade", "old_step",
            "new_step", "step", "years"}
# a percentage column's total: (numerator, denominator) columns, in dollars
PCT_OF = {"pct_of_payroll": ("cost_dollars", "baseline_payroll_dollars"),
          "pct_of_affected_payroll": ("cost_dollars", "affected_payroll_dollars"),
          "increase_pct": ("increase_dollars", "old_annual_dollars"),
          "average_raise_pct": ("average_raise_dollars", "average_old_pay_dollars")}
NOT_ADDED = ("minimum", "maximum", "average", "largest")  # a range's ends and averages do not add up
STOCKS = {"headcount", "fte", "positions", "fte_at_end", "headcount_at_end", "headcount_at_start", "employees"}


PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")  # a text that is a number, written as one


class Formats:
    def __init__(self, book):
        self.money = book.add_format({"num_format": "$#,##0.00;[Red]-$#,##0.00"})
        self.pct = book.add_format({"num_format": "0.00%;[Red]-0.00%"})
        self.int = book.add_format({"num_format": "#,##0"})
        self.fte = book.add_format({"num_format": "#,##0.00"})
        self.year = book.add_format({"num_format": "0"})
        self.date = book.add_format({"num_format": "yyyy-mm-dd"})
        self.head = book.add_format({"bold": True, "bg_color": "#DCE6F1", "text_wrap": True, "valign": "top",
                                     "border": 1})
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.bold = book.add_format({"bold": True})
        self.wrap = book.add_format({"text_wrap": True, "valign": "top"})
        self.red = book.add_format({"bold": True, "font_color": "#B22222"})
        self.total = {name: book.add_format({"bold": True, "top": 1, **({"num_format": f} if f else {})})
                      for name, f in (("money", "$#,##0.00;[Red]-$#,##0.00"), ("pct", "0.00%;[Red]-0.00%"),
                                      ("int", "#,##0"), ("fte", "#,##0.00"), ("text", None))}


def heading(name: str) -> str:
    """A column's heading in words, with its unit: "Salary cost ($)", "% of payroll", "FTE at year end"."""
    words = R.HEADINGS.get(name) or name.removesuffix("_dollars").replace("_", " ").capitalize()
    if name.endswith("_dollars"):
        return f"{words} ($)"
    if "pct" in name and "%" not in words:
        return f"{words} (%)"
    return words


def kind(name: str, dtype) -> str:
    """How a column is written: money, pct, fte, int, year (a number that names), date, bool, text."""
    if name.endswith("_dollars"):
        return "money"
    if "pct" in name:
        return "pct"
    if name in NUMBERED:
        return "year"
    if name.startswith("fte") or name == "fte":
        return "fte"
    if dtype == pl.Date:
        return "date"
    if dtype == pl.Boolean:
        return "bool"
    if dtype.is_integer():
        return "int"
    if dtype.is_numeric():
        return "fte"
    return "value" if name == "value" else "text"


def _number(v):
    """A text that is a whole number (a grade "12", a fiscal year "1968") as that number, else None."""
    if isinstance(v, int) and not isinstance(v, bool):
        return v
    if isinstance(v, str) and v.isdigit() and (len(v) == 1 or not v.startswith("0")):
        return int(v)
    return None


def cell(ws, fmts: Formats, r: int, c: int, how: str, v, total: bool = False) -> None:
    """One cell, written with its type and format (a percentage per cent as a fraction)."""
    if v is None:
        ws.write_blank(r, c, None, fmts.total["text"] if total else None)
        return
    look = fmts.total if total else None
    if how == "money":
        ws.write_number(r, c, float(v), look["money"] if look else fmts.money)
    elif how == "pct":
        ws.write_number(r, c, float(Decimal(str(v)) / 100), look["pct"] if look else fmts.pct)
    elif how == "fte":
        ws.write_number(r, c, float(v), look["fte"] if look else fmts.fte)
    elif how == "int":
        ws.write_number(r, c, v, look["int"] if look else fmts.int)
    elif how == "year" and _number(v) is not None:
        ws.write_number(r, c, _number(v), fmts.year)
    elif how == "date":
        ws.write_datetime(r, c, dt.datetime(v.year, v.month, v.day), fmts.date)
    elif how == "bool":
        ws.write_boolean(r, c, v)
    elif how == "value" and isinstance(v, str) and PLAIN_NUMBER.fullmatch(v):  # a parameter's 0.15 or 7
        ws.write_number(r, c, float(v) if "." in v else int(v))
    else:
        ws.write_string(r, c, str(v), look["text"] if look else None)


def width(name: str, frame: pl.DataFrame) -> float:
    if name in WIDE:
        return WIDE[name]
    sample = frame[name].head(200).cast(pl.String).drop_nulls()
    longest = max([len(s) for s in sample.to_list()] or [0])
    return max(10, min(34, max(len(heading(name)) * 0.75, longest + 3)))


class Totals:
    """A table's total row, added up as its rows are written: money exactly (Decimal), counts and FTE."""

    def __init__(self, names: list[str], hows: list[str]):
        self.names, self.hows = names, hows
        by_year = "fiscal_year" in names  # a count at each year's end is not added over the years
        self.sums = {n: Decimal(0) if h == "money" else 0 for n, h in zip(names, hows)
                     if h in ("money", "int", "fte") and n not in KEYS and not (by_year and n in STOCKS)
                     and not any(w in n for w in NOT_ADDED)}

    def add(self, frame: pl.DataFrame) -> None:
        for n in self.sums:
            s = frame[n].sum()
            if s is not None:  # a column of nulls adds nothing
                self.sums[n] += Decimal(str(s)) if self.hows[self.names.index(n)] == "money" else s

    def row(self) -> list | None:
        """The total row's values, or None for a table with nothing to add up."""
        if not self.sums:
            return None
        values = [self.sums.get(n) for n in self.names]
        for n, (num, den) in PCT_OF.items():
            if n in self.names and num in self.sums and den in self.sums and self.sums[den]:
                values[self.names.index(n)] = (self.sums[num] * 100 / self.sums[den]).quantize(Decimal("0.01"))
        values[0] = "Total"
        return values


def table(ws, fmts: Formats, top: int, batches, total: bool = True, progress=None, count=0, title="") -> tuple:
    """Write a table (a frame or batches, in cents) from row ``top``: header in words, rows, a total row. Returns
    (the row after it, its column names, the frame of its first batch in dollars)."""
    row, hows, names, first, sums = top + 1, None, [], None, None
    for batch in [batches] if isinstance(batches, pl.DataFrame) else batches:
        people = for_people(batch)
        if hows is None:
            names, first = people.columns, people
            for c, name in enumerate(names):
                ws.write_string(top, c, heading(name), fmts.head)
            hows = [kind(n, people.schema[n]) for n in names]
            sums = Totals(names, hows)
        sums.add(people)
        for values in people.iter_rows():
            for c, v in enumerate(values):
                cell(ws, fmts, row, c, hows[c], v)
            row += 1
        if progress:
            progress(row - top - 1, count, title)
    last = sums.row() if (total and sums and row > top + 2) else None
    if last is not None:
        for c, v in enumerate(last):
            cell(ws, fmts, row, c, hows[c] if c else "text", v, total=True)
        row += 1
    return row, names, first


def sheet(book, fmts: Formats, title: str, batches, progress=None, total: bool = True, landscape: bool = True):
    """One sheet holding one table: frozen header, autofilter, widths that fit, printing one page wide."""
    ws = book.add_worksheet(title)
    count = batches.height if isinstance(batches, pl.DataFrame) else getattr(batches, "rows", 0)
    end, names, first = table(ws, fmts, 0, batches, total, progress, count, title)
    for c, name in enumerate(names):
        ws.set_column(c, c, width(name, first), fmts.wrap if name in WIDE else None)
    ws.freeze_panes(1, 0)
    if names:
        ws.autofilter(0, 0, max(end - 1, 0), len(names) - 1)
    print_setup(ws, landscape)
    return ws


def print_setup(ws, landscape: bool = True, one_page: bool = False) -> None:
    """Print one page wide (and one page tall if ``one_page``), landscape, the header row on every page."""
    if landscape:
        ws.set_landscape()
    ws.fit_to_pages(1, 1 if one_page else 0)
    ws.set_paper(1)  # Letter; Excel scales to A4 where that is the printer's paper
    ws.repeat_rows(0)
