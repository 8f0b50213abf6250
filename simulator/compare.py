"""``regrade compare``: stored runs side by side, fit for a memo.

Printed (or written as Markdown) it is a legend of the runs (each named by its id), a warning when they differ in
roster, years or effective date, the cost by fiscal year with the multi-year total and the baseline payroll (and
the Monte Carlo 5th-95th percentile where a run has replicas), then winners and losers. ``--by`` breaks the cost
down by agency, grade, schedule or fund. As CSV or Excel it is the same data, long, in dollars.
"""

from __future__ import annotations

import polars as pl

from simulator import results as R
from simulator.money import dollars_text, for_people, pct_text

BY_CHOICES = ("agency", "grade", "schedule", "fund")


def legend(runs: pl.DataFrame) -> list[str]:
    lines = []
    for r in runs.iter_rows(named=True):
        kind = f"{r['replicas']} Monte Carlo replicas" if r["replicas"] else "expected value"
        synthetic = "SYNTHETIC roster " if r["roster_synthetic"] else "roster "
        lines.append(f"run {r['run_id']}: {r['scenario_name']} on {synthetic}{r['roster_name']} "
                     f"({r['employees']:,} employees), {r['years']} fiscal year{'' if r['years'] == 1 else 's'} from "
                     f"{r['effective_date']}, "
                     f"seed {r['seed']}, {kind}")
    return lines


def _cell(row: dict | None) -> str:
    if row is None:
        return ""
    text = f"{dollars_text(row['cost_cents'])} ({pct_text(row['cost_cents'], row['baseline_payroll_cents'])})"
    if row.get("benefits_cost_cents"):
        text += f"; {dollars_text(row['total_cost_cents'])} with benefits"
    if row.get("cost_p05_cents") is not None:
        text += f" [{dollars_text(row['cost_p05_cents'])} to {dollars_text(row['cost_p95_cents'])}]"
    return text


def _grid(header: list[str], rows: list[list[str]], markdown: bool) -> list[str]:
    """Columns sized to their widest cell (nothing cut); Markdown pipes when asked."""
    widths = [max(len(header[i]), *(len(r[i]) for r in rows)) if rows else len(header[i])
              for i in range(len(header))]

    def line(cells):
        parts = [c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths))]
        return ("| " + " | ".join(parts) + " |") if markdown else "  ".join(parts)

    out = [line(header)]
    out.append(("|" + "|".join(("-" * (w + 1) + ":" if i else ":" + "-" * (w + 1)) for i, w in enumerate(widths))
                + "|") if markdown else "  ".join("-" * w for w in widths))
    return out + [line(r) for r in rows]


def render(data: dict, by: str | None = None, markdown: bool = False) -> str:
    runs, cost = data["runs"], data["cost"]
    ids = runs["run_id"].to_list()
    out = ["# Runs compared" if markdown else "Runs compared:"]
    out += [("- " if markdown else "  ") + line for line in legend(runs)]
    for w in data["warnings"]:
        out.append(("> **Warning:** " if markdown else "warning: ") + w)
    out.append("")
    key = R.GROUPINGS[by][1] if by else None
    title = ("Cost of the reform, cash paid in each fiscal year: salary cost (% of baseline payroll); with the "
             "employer's benefits where the scenario has them"
             + (f", by {by}" if by else "")
             + ("; [5th to 95th percentile] for Monte Carlo runs" if "cost_p05_cents" in cost.columns else ""))
    out += [("## " if markdown else "") + title, ""]
    header = ["fiscal year", *([key] if key else []), *[f"run {i}" for i in ids]]
    groups = cost.select("fiscal_year", *([key] if key else [])).unique(maintain_order=True).sort(
        pl.col("fiscal_year") == "total", "fiscal_year", maintain_order=True).rows()
    index = {(r["run_id"], r["fiscal_year"], r.get(key) if key else None): r for r in cost.iter_rows(named=True)}
    rows = []
    for g in groups:
        fy, grp = g[0], (g[1] if key else None)
        label = [fy if fy != "total" else "all years", *([str(grp)] if key else [])]
        rows.append([*label, *[_cell(index.get((i, fy, grp))) for i in ids]])
    if not key:
        totals = {i: index.get((i, "total", None)) for i in ids}
        rows.append(["baseline payroll, all years", *[dollars_text(t["baseline_payroll_cents"]) if t else ""
                                                      for t in totals.values()]])
    out += _grid(header, rows, markdown)
    out += ["", ("## " if markdown else "") + "Winners and losers at placement (annual pay)", ""]
    counts = {r["run_id"]: r for r in data["counts"].iter_rows(named=True)}
    labels = [("employees", "employees"), ("gain", "gain pay"), ("unchanged", "same pay"), ("lose", "lose pay"),
              ("red_circled", "red-circled"), ("excluded", "excluded"),
              ("largest_increase_cents", "largest increase"), ("largest_decrease_cents", "largest decrease")]
    def value(k, v):
        if k.endswith("_cents"):
            return dollars_text(v) if v else "none"
        return f"{v:,}"

    rows = [[label, *[value(k, counts[i][k]) for i in ids]] for k, label in labels]
    out += _grid(["", *[f"run {i}" for i in ids]], rows, markdown)
    return "\n".join(out)


def write(data: dict, fmt: str, path, by: str | None = None) -> None:
    """The comparison as a file: csv (the long cost table, dollars), md (as printed, Markdown) or xlsx (a sheet
    of runs, the cost, and the winners and losers)."""
    from simulator.outputs import write as write_atomically
    from simulator.outputs import write_csv

    if fmt == "md":
        write_atomically(path, lambda tmp: tmp.write_text(render(data, by, markdown=True) + "\n", encoding="utf-8"))
    elif fmt == "csv":
        cost = data["cost"].join(data["runs"].select("run_id", "scenario_name"), on="run_id", how="left")
        write_atomically(path, lambda tmp: write_csv(for_people(cost), tmp))
    else:
        write_atomically(path, lambda tmp: _xlsx(data, tmp, by))


def differences_table(data: dict, by: str | None = None) -> pl.DataFrame:
    """Each run after the first less the first, by fiscal year (and group) and over all years: payrolls, the
    salary cost, the benefits cost and the total (cents; a group one run lacks counts as 0 there)."""
    cost, ids = data["cost"], data["runs"]["run_id"].to_list()
    keys = ["fiscal_year", *([R.GROUPINGS[by][1]] if by else [])]
    money = [c for c in R.COMPARED if c in cost.columns]
    first = cost.filter(pl.col("run_id") == ids[0]).select(*keys, *money)
    parts = []
    for rid in ids[1:]:
        other = cost.filter(pl.col("run_id") == rid).select(*keys, *money)
        both = other.join(first, on=keys, how="full", coalesce=True, suffix="_first").fill_null(0)
        parts.append(both.select(pl.lit(f"run {rid} less run {ids[0]}").alias("difference"), *keys,
                                 *[(pl.col(c) - pl.col(f"{c}_first")).alias(c) for c in money]))
    return pl.concat(parts) if parts else pl.DataFrame()


def _xlsx(data: dict, path, by: str | None = None) -> None:
    import xlsxwriter

    from simulator import workbook as W

    with xlsxwriter.Workbook(str(path)) as book:
        fmts = W.Formats(book)
        runs = data["runs"]  # the effective date a date, the seed and counts numbers
        ws = W.sheet(book, fmts, "Runs", runs, total=False)
        for i, w in enumerate(data["warnings"]):
            ws.write_string(runs.height + 2 + i, 0, "Warning: " + w, fmts.red)
        W.sheet(book, fmts, "Cost", data["cost"], total=False)  # its rows hold each run's own total already
        if data["runs"].height > 1:
            W.sheet(book, fmts, "Difference", differences_table(data, by), total=False)
        W.sheet(book, fmts, "Winners and losers", data["counts"], total=False)
