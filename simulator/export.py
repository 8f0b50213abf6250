"""Exports of a stored run, in dollars: CSV or Parquet files in a folder, or one Excel workbook an analyst can
hand on.

Every money column is dollars with exactly two decimals (``*_dollars``, a Decimal in CSV and Parquet; a number
with a currency format in Excel); percentages have two decimals (``*_pct``). Employee ids and dates are left
out unless ``with_ids``. Person-year rows are written only on request (``person_years``).

The workbook: ``Summary`` first (the run, its scenario and roster, whether synthetic, the assumptions, the
headline, the cost by fiscal year with the multi-year total, headcount, winners and losers), then cost by
agency, by grade and by schedule, the placements, and the person-years last when asked. Every sheet has a frozen
header row, an autofilter, widths that fit and number formats. It is written row by row in xlsxwriter's
constant-memory mode, so memory stays bounded whatever the size.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import polars as pl

from simulator import outputs
from simulator import results as R
from simulator import workbook as W
from simulator.money import for_people

EXCEL_MAX_ROWS = 1_048_575  # rows below the header on one sheet
ID_COLUMNS = ("employee_id", "birth_date", "hire_date", "class_entry_date")


BATCH_ROWS = 50_000  # the big tables are read from the store and written this many rows at a time


class Batches:
    """A large table read from the store in batches (bounded memory), in cents: ``rows`` and iteration."""

    def __init__(self, con, sql: str, params: list, drop: tuple[str, ...] = ()):
        self.con, self.sql, self.params, self.drop = con, sql, params, drop
        self.rows = con.execute(f"SELECT count(*) FROM ({sql})", params).fetchall()[0][0]

    def __iter__(self):
        reader = self.con.sql(self.sql, params=self.params).to_arrow_reader(BATCH_ROWS)
        for batch in reader:
            frame = pl.from_arrow(batch)
            yield frame.drop([c for c in self.drop if c in frame.columns])


def placements(con, run_id: int, with_ids: bool = False) -> Batches:
    # A run's placements are inserted in position order, and a scan keeps DuckDB's insertion order (its default,
    # preserve_insertion_order): no ORDER BY, whose sort would hold every row in memory at once.
    return Batches(con, "SELECT * EXCLUDE (run_id) FROM placements WHERE run_id = ?", [run_id],
                   () if with_ids else ID_COLUMNS)


def person_years(con, run_id: int, with_ids: bool = False) -> Batches:
    ident = "p.employee_id, " if with_ids else ""
    return Batches(con, f"""SELECT y.position, {ident}p.agency, p.class_code, p.old_grade, p.new_grade,
            p.target_schedule, y.fiscal_year, y.branch::VARCHAR AS branch, y.status::VARCHAR AS status, y.step,
            y.annual_cents AS annual_pay_cents, y.annual_cost_cents, y.cash_cents AS cash_paid_cents,
            y.rule::VARCHAR AS rule, y.turnover_saving_cents, y.hired AS replacements_hired,
            y.benefits_cents, y.annual_benefits_cents
        FROM position_years y JOIN placements p USING (run_id, position)
        WHERE y.run_id = ? ORDER BY y.fiscal_year, y.branch, y.position""", [run_id])


def tables(con, run_id: int, person_rows: bool = False, with_ids: bool = False) -> dict:
    """The run's tables for people, in the order a reader wants them (money still in cents): frames, and
    Batches for the two that grow with the roster."""
    s = R.summary(con, run_id)
    out = {
        "summary": R.summary_table(s),
        "cost_bridge": R.cost_bridge(con, run_id),
        "unit_costs": R.unit_costs(con, run_id),
        "cost_by_agency": R.cost_by(con, run_id, "agency"),
        "cost_by_grade": R.cost_by(con, run_id, "grade"),
        "cost_by_schedule": R.cost_by(con, run_id, "schedule"),
        "cost_by_fund": R.cost_by(con, run_id, "fund"),
        "by_class": R.by_class(con, run_id),
        "benefits_by_item": R.benefits_by_item(con, run_id),
        "parameters": R.parameters(con, run_id),
        "placements": placements(con, run_id, with_ids),
        "replica_totals": con.sql("SELECT * EXCLUDE (run_id) FROM run_totals WHERE run_id = ? "
                                  "ORDER BY replica, fiscal_year, branch", params=[run_id]).pl(),
    }
    if person_rows:
        stored = con.execute("SELECT count(*) FROM position_years WHERE run_id = ?", [run_id]).fetchall()[0][0]
        if not stored:
            raise NoPersonYears(f"run {run_id} was stored without its person-year rows; run it again with "
                                f"'regrade run ... --person-years' to store them, then export that run")
        out["person_years"] = person_years(con, run_id, with_ids)
    return out


class NoPersonYears(KeyError):
    """--person-years asked of a run stored without them (the default)."""


def _write_table(table, path: Path, fmt: str) -> None:
    """One table as a CSV or Parquet file in dollars; Batches are streamed, a batch at a time."""
    if isinstance(table, pl.DataFrame):
        people = for_people(table)
        outputs.write_csv(people, path) if fmt == "csv" else people.write_parquet(path)
        return
    if fmt == "csv":
        with open(path, "wb") as fh:
            for i, batch in enumerate(table):
                outputs.write_csv(for_people(batch), fh, include_header=i == 0)
        return
    import pyarrow.parquet as pq

    writer = None
    try:
        for batch in table:
            arrow = for_people(batch).to_arrow()
            writer = writer or pq.ParquetWriter(str(path), arrow.schema)
            writer.write_table(arrow)
    finally:
        if writer is not None:
            writer.close()


def export(con, run_id: int, fmt: str, out: Path, person_rows: bool = False, with_ids: bool = False,
           progress=None, inputs: list = ()) -> list[Path]:
    """Write the run: csv / parquet as one file per table in the folder ``out``; xlsx as one workbook.
    ``progress(done, total, what)`` is called as the work goes. Each file appears whole or not at all, and none
    over one of ``inputs`` (the store: simulator.outputs.check)."""
    if fmt == "xlsx":
        if person_rows:
            n = con.execute("SELECT count(*) FROM position_years WHERE run_id = ?", [run_id]).fetchall()[0][0]
            if n > EXCEL_MAX_ROWS:
                raise ValueError(f"run {run_id} has {n:,} person-year rows, more than an Excel sheet holds "
                                 f"({EXCEL_MAX_ROWS:,}); export them with --format parquet or csv")
        frames = tables(con, run_id, person_rows, with_ids)
        if frames["placements"].rows > EXCEL_MAX_ROWS:
            raise ValueError(f"run {run_id} has {frames['placements'].rows:,} placements, more than an Excel sheet "
                             f"holds ({EXCEL_MAX_ROWS:,}); export them with --format parquet or csv")
        outputs.write(out, lambda tmp: write_workbook(con, run_id, frames, tmp, with_ids, progress))
        return [out]
    frames = tables(con, run_id, person_rows, with_ids)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for i, (name, frame) in enumerate(frames.items()):
        path = outputs.check(out / f"run{run_id}_{name}.{fmt}", inputs, "--out")
        outputs.write(path, lambda tmp, table=frame: _write_table(table, tmp, fmt))
        written.append(path)
        if progress:
            progress(i + 1, len(frames), name)
    return written


# ------------------------------------------------------------------------------------------------------------
# The workbook
# ------------------------------------------------------------------------------------------------------------

SHEETS = {"summary": "Summary", "cost_bridge": "Cost bridge", "unit_costs": "Cost of 1 % and a step",
          "cost_by_agency": "Cost by agency", "cost_by_grade": "Cost by grade",
          "cost_by_schedule": "Cost by schedule", "cost_by_fund": "Cost by fund", "by_class": "By class",
          "benefits_by_item": "Benefits by item", "parameters": "Parameters", "placements": "Placements",
          "replica_totals": "Totals by replica",
          "person_years": "Person-years"}
NO_TOTAL = {"parameters", "cost_bridge", "unit_costs", "replica_totals", "person_years"}  # rows not parts of one whole
# (a bridge is already its own total; two branches or replicas do not add up)


def write_workbook(con, run_id: int, frames: dict[str, pl.DataFrame], path: Path, with_ids: bool,
                   progress=None) -> None:
    """The workbook: the Summary sheet (one printed page), then the fiscal note (simulator/note_files.py), then a
    sheet a table (simulator/workbook.py: words and units in the headers, numbers in their formats, a total row)."""
    import xlsxwriter

    from simulator import note, note_files

    info = R.run_info(con, run_id)
    s = R.summary(con, run_id)
    with xlsxwriter.Workbook(str(path), {"constant_memory": True, "default_date_format": "yyyy-mm-dd"}) as book:
        fmts = W.Formats(book)
        _summary_sheet(book, fmts, info, s, frames["summary"], with_ids)
        try:
            note_files.note_sheet(book, fmts, note.note(con, run_id), assumptions=False)
        except note.NoNoteMeasures:  # a run with no fiscal year or no employee: nothing to note
            pass
        for key, table in frames.items():
            if key != "summary":
                W.sheet(book, fmts, SHEETS[key], table, progress, total=key not in NO_TOTAL)


def _summary_sheet(book, fmts, info: dict, s: dict, table: pl.DataFrame, with_ids: bool) -> None:
    ws = book.add_worksheet("Summary")
    ws.set_column(0, 0, 26)
    ws.set_column(1, 12, 17)
    ws.write_string(0, 0, f"regrade: run {info['run_id']}, {info['scenario_title'] or info['scenario_name']}",
                    fmts.title)
    facts = [
        ("Scenario", f"{info['scenario_name']} (hash {info['scenario_hash']})"),
        ("Roster", f"{info['roster_name']} (hash {info['roster_hash']})"),
        ("Synthetic roster", "YES: no row is a real person; every figure is illustrative"
         if info["roster_synthetic"] else "no"),
        ("Employees", info["employees"]),
        ("Fiscal years", f"{info['years']} from {info['effective_date']}"),
        ("Seed, replicas", f"{info['seed']}, " + (f"{info['replicas']} Monte Carlo replicas" if info["replicas"]
                                                  else "expected-value path (no replicas)")),
        ("Assumptions", f"{info['assumptions'] or 'none'} (data/ASSUMPTIONS.md); projection rates A-PROJ-*"),
        ("regrade version, results hash", f"{info['regrade_version']}, {info['results_hash']}"),
        ("Money", "dollars with cents; " + R.COST_NOTE),
        ("Employee ids", "included (--with-ids)" if with_ids else "left out (export with --with-ids to include)"),
    ]
    row = 2
    for label, value in facts:
        ws.write_string(row, 0, label, fmts.bold)
        if isinstance(value, int):
            ws.write_number(row, 1, value, fmts.int)
        else:
            ws.write_string(row, 1, value, fmts.red if label == "Synthetic roster" and info["roster_synthetic"]
                            else None)
        row += 1
    row += 1
    for line in R.headline(s):
        ws.write_string(row, 0, line)
        row += 1
    row += 1
    ws.write_string(row, 0, "Cost of the reform by fiscal year", fmts.bold)
    row = W.table(ws, fmts, row + 1, table, total=False)[0] + 1  # the table's own last row is its total
    _counts(ws, fmts, row, s["counts"])
    W.print_setup(ws, landscape=True, one_page=True)
    ws.freeze_panes(1, 0)


def _counts(ws, fmts, row: int, c: dict) -> None:
    """Winners and losers at placement, from ``row``."""
    ws.write_string(row, 0, "Winners and losers at placement", fmts.bold)
    for label, value in (("Employees", c["employees"]), ("Gain pay", c["gain"]), ("Same pay", c["unchanged"]),
                         ("Lose pay", c["lose"]), ("Red-circled (above the new maximum)", c["red_circled"]),
                         ("Below the new minimum", c["below_minimum"]), ("Excluded (stay on the old plan)",
                                                                          c["excluded"])):
        row += 1
        ws.write_string(row, 0, label)
        ws.write_number(row, 1, value, fmts.int)
    for label, key in (("Largest increase, a year", "largest_increase"), ("Largest decrease, a year",
                                                                          "largest_decrease")):
        row += 1
        ws.write_string(row, 0, label)
        if c[f"{key}_cents"] is None:
            ws.write_string(row, 1, "none")
            continue
        ws.write_number(row, 1, float(Decimal(c[f"{key}_cents"]).scaleb(-2)), fmts.money)
        if c[f"{key}_pct"] is not None:
            W.cell(ws, fmts, row, 2, "pct", c[f"{key}_pct"])
