"""One self-contained HTML report: plotly.js inlined (no network), every figure's data as a CSV download (a data:
link, money in dollars), the run's scenario, roster (SYNTHETIC or not), seed and assumptions named at the top, and
a headline with a summary table first, so that a reader of the first screen knows the cost and who gains and who
loses. Employee ids are left out unless asked for (``with_ids``)."""

from __future__ import annotations

import base64
import datetime as dt
import html

import plotly.io as pio
import polars as pl
from plotly.offline import get_plotlyjs

from dashboards import figures as F
from simulator import results as R
from simulator.money import for_people
from simulator.outputs import csv_text

STYLE = """
body { font-family: system-ui, -apple-system, Segoe UI, sans-serif; margin: 20px auto; max-width: 1240px;
       color: #222; padding: 0 16px; }
h1 { font-size: 1.45em; margin-bottom: 0.2em; } h2 { font-size: 1.1em; margin: 0.2em 0; }
.meta { color: #555; font-size: 0.9em; } .synthetic { color: #b22222; font-weight: bold; }
.headline { background: #f4f7fb; border-left: 5px solid #1f4e79; padding: 10px 16px; margin: 14px 0; }
.headline p { margin: 6px 0; font-size: 1.05em; } .headline p:first-child { font-size: 1.25em; font-weight: 600; }
.tablewrap { overflow-x: auto; } table { border-collapse: collapse; font-size: 0.8em; margin: 8px 0; width: 100%; }
th, td { border-bottom: 1px solid #ddd; padding: 4px 5px; text-align: left; vertical-align: top; }
th { background: #f0f0f0; font-weight: 600; } td.num, th.num { text-align: right; }
td.num, td.code { white-space: nowrap; } td.why { min-width: 8em; overflow-wrap: anywhere; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(560px, 100%), 1fr)); gap: 18px 24px; }
.grid > section { min-width: 0; } .js-plotly-plot, .plot-container { max-width: 100%; }
section { margin: 18px 0; } .sub { color: #555; font-size: 0.85em; margin: 0 0 4px 0; }
a.csv { font-size: 0.85em; }
@page { size: landscape; margin: 0.4in; }
@media print {
  body { max-width: none; margin: 0; padding: 0; }
  .grid { grid-template-columns: 1fr 1fr; gap: 10px 18px; } section { break-inside: avoid; }
  tr { break-inside: avoid; } thead { display: table-header-group; }
  table { font-size: 0.7em; } th, td { padding: 3px 4px; } td.why { min-width: 0; }
  .tablewrap { overflow: visible; } a.csv { display: none; }
}
"""

# Every figure fitted to its box once the page is laid out, and again for print and after: a plot is drawn as the
# page is read, before the figures after it exist, when the grid still gives its one column the whole width
# (a 1240-px plot left in a 608-px column, clipped); Plotly's own resizing follows only the window's size.
FIT_FIGURES = """
(function () {
  var plots = function () { return document.querySelectorAll('.js-plotly-plot'); };
  function fit() { plots().forEach(function (d) { Plotly.Plots.resize(d); }); }
  // printed: two figures a row, each PRINT_WIDTH px (Letter landscape less margins holds two; A4 more), set
  // before the page is laid out for paper, when the boxes cannot yet be measured; then back to the window
  function forPaper() { plots().forEach(function (d) { Plotly.relayout(d, {width: PRINT_WIDTH}); }); }
  function forScreen() {
    plots().forEach(function (d) { Plotly.relayout(d, {width: null, autosize: true}); });
    fit();
  }
  window.addEventListener('load', fit);
  window.addEventListener('beforeprint', forPaper);
  window.addEventListener('afterprint', forScreen);
  window.regradeFit = fit;
})();
""".replace("PRINT_WIDTH", "470")

MONEY_SUFFIX = "_dollars"
CODES = {"class_code", "rule", "old_grade", "new_grade", "old_step", "new_step", "fiscal_year", "employee_id"}


def _csv_link(frame: pl.DataFrame, name: str, label: str = "Download the data (CSV, dollars)") -> str:
    data = base64.b64encode(csv_text(for_people(frame)).encode()).decode()
    return (f'<a class="csv" download="{html.escape(name)}.csv" '
            f'href="data:text/csv;base64,{data}">{html.escape(label)}</a>')


def _cell(column: str, value) -> tuple[str, str]:
    """(text, css class) of one cell: money as $1,234.56, percentages with a % sign, numbers right-aligned."""
    if value is None:
        return "", ""
    if column.endswith(MONEY_SUFFIX):
        v = float(value)
        return (f"-${-v:,.2f}" if v < 0 else f"${v:,.2f}"), "num"
    if "pct" in column:
        return f"{value} %", "num"
    if column.startswith("fte"):
        return f"{value:,.2f}", "num"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}", "num"
    return str(value), "why" if column == "explanation" else "code" if column in CODES else ""


def table_html(frame: pl.DataFrame) -> str:
    """A frame in cents as an HTML table in dollars, with headings in words."""
    people = for_people(frame)
    head = "".join(f'<th class="{"num" if c.endswith(MONEY_SUFFIX) or "pct" in c else ""}">'
                   f"{html.escape(F.HEADINGS.get(c, c.replace('_', ' ').capitalize()))}</th>" for c in people.columns)
    rows = []
    for r in people.iter_rows():
        cells = "".join(f'<td class="{cls}">{html.escape(text)}</td>'
                        for text, cls in (_cell(c, v) for c, v in zip(people.columns, r)))
        rows.append(f"<tr>{cells}</tr>")
    return f'<div class="tablewrap"><table><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'


def assumption_notes(con, info: dict) -> list[str]:
    """The assumptions that move the cost, each beside the part of the cost it moves."""
    from simulator.money import dollars_text

    notes = []
    ids = (info["assumptions"] or "").split(",")
    if "A-PROJ-TEACHER-BASELINE" in ids:
        by = R.cost_by(con, info["run_id"], "schedule").filter(pl.col("schedule") == "C")
        notes.append("The unclassified teachers' present plan is not printed: their baseline takes a step a year on "
                     "Schedule C's own steps scaled to their pay (A-PROJ-TEACHER-BASELINE); Schedule C's cost over "
                     f"the years, which that choice moves, is {dollars_text(int(by['cost_cents'].sum()))}.")
    if info["roster_synthetic"] and info["scenario_name"].startswith(("hay", "mms")):
        notes.append("The synthetic 1975 roster's present pay is calibrated so that Hay's own costing gives its "
                     "printed 11.1 % of payroll and the comparable step its 84 % paid more and 16 % less "
                     "(A-SYNTH-HAY-474). That 11.1 % is another measure from the headline's: the change in annual pay "
                     "at placement on the day of the change over the present annual payroll; the headline's "
                     "first-year figure is the first fiscal year's cash, with step and merit movement, leavers and "
                     "hires, over the baseline's cash payroll that year. The report's figures for the physicians are "
                     "the check that was not tuned, shown by regrade roster calibrate --era 1975.")
    return notes


def header_html(info: dict, compare: list[int] | None, with_ids: bool, notes: list[str] = (),
                used_defaults: list[str] = ()) -> str:
    run_id = info["run_id"]
    synthetic = info["roster_synthetic"]
    roster = html.escape(info["roster_name"]) + (' <span class="synthetic">SYNTHETIC roster: no row is a real '
                                                  "person; every figure is illustrative</span>" if synthetic else "")
    compared = f" Compared with run{'s' if len(compare) > 1 else ''} {', '.join(map(str, compare))}." if compare \
        else ""
    ids = ("Employee ids are shown (asked for with --with-ids)." if with_ids else
           "No employee ids or dates are shown (add --with-ids to include ids).")
    assumptions = (info["assumptions"] or "").replace(",", ", ") or "none"
    defaults = ", ".join(used_defaults) or "none"
    return f"""<h1>regrade report: run {run_id}, {html.escape(info['scenario_title'] or info['scenario_name'])}</h1>
<p class="meta">Scenario <b>{html.escape(info['scenario_name'])}</b> (hash {info['scenario_hash']}) &middot; roster
{roster} (hash {info['roster_hash']}) &middot; {info['employees']:,} employees &middot; seed {info['seed']} &middot;
{f"{info['replicas']} Monte Carlo replicas" if info['replicas'] else 'expected-value path (no replicas)'} &middot;
{info['years']} fiscal year{'' if info['years'] == 1 else 's'} from {info['effective_date']} &middot;
regrade {info['regrade_version']} &middot;
results hash {info['results_hash']}.{compared}</p>
<p class="meta">Assumptions this scenario rests on (see data/ASSUMPTIONS.md): {html.escape(assumptions)}; regrade's
defaults it left to them: {html.escape(defaults)}. Every parameter the run used is listed below with its value and
where it came from.
{html.escape(R.COST_NOTE)} Money is in dollars. {ids}</p>
{"".join(f'<p class="meta">{html.escape(n)}</p>' for n in notes)}"""


def _summary_html(table: pl.DataFrame) -> str:
    """The summary as two tables that each fit a page: the payrolls and the salary cost; then the benefits, the
    total, and the headcount and FTE at each year's end (the download holds them as one)."""
    staff = ["benefits_cost_cents", "total_cost_cents", "headcount", "fte"]
    return (table_html(table.drop(staff, strict=False))
            + table_html(table.select("fiscal_year", *[c for c in staff if c in table.columns])))


def _benefits_html(con, run_id: int) -> str:
    """The benefits by fiscal year and item, or a line saying the cost is salary only."""
    items = R.benefits_by_item(con, run_id)
    if not items.height:
        return ('<p class="sub">None: this scenario has no [benefits], so every cost here is salary only.</p>')
    shown = items.drop("item").with_columns(pl.col("fiscal_year").cast(pl.String))
    return f"{table_html(shown)}{_csv_link(items, f'run{run_id}_benefits_by_item')}"


def _funds_html(con, run_id: int) -> str:
    """The cost by fund and fiscal year (a split-funded position's money split by its shares), or nothing where
    every position is paid from one fund or none."""
    by = R.cost_by(con, run_id, "fund")
    if by["fund"].n_unique() < 2:
        return ""
    shown = by.with_columns(pl.col("fiscal_year").cast(pl.String))
    return ('<section id="funds"><h2>Cost by fund</h2><p class="sub">A position paid from several funds (the roster\'s '
            "fund, e.g. general:0.6;federal:0.4) is split by its shares, to the cent; the funds add up to the total. "
            "Its position is counted under the fund that pays the largest share; its FTE is split.</p>"
            f"{table_html(shown)}{_csv_link(by, f'run{run_id}_cost_by_fund')}</section>")


def build(con, run_id: int, compare: list[int] | None = None, with_ids: bool = False) -> str:
    info = R.run_info(con, run_id)
    f = R.ALL
    summary = R.summary(con, run_id, f)
    notes = assumption_notes(con, info)
    if compare:  # compared on one axis: what makes the runs' costs not comparable, as compare says it
        notes = [*("Warning: " + w for w in R.differences(R.runs_info(con, [run_id, *compare]))), *notes]
    sections = []
    for fig_spec in F.FIGURES:
        fig, frame = fig_spec.build(con, run_id, f, compare)
        div = pio.to_html(fig, include_plotlyjs=False, full_html=False, div_id=f"fig-{fig_spec.key}",
                          config={"displaylogo": False, "responsive": True})
        sections.append(f'<section id="{fig_spec.key}"><h2>{html.escape(fig_spec.title)}</h2>'
                        f'<p class="sub">{html.escape(fig_spec.subtitle(f))}</p>{div}'
                        f"{_csv_link(frame, f'run{run_id}_{fig_spec.key}')}</section>")
    largest = R.largest_changes(con, run_id, f, with_ids=with_ids)
    exc, n_exc = R.exceptions(con, run_id, f, with_ids=with_ids)
    all_exc, _ = R.exceptions(con, run_id, f, limit=20_000, with_ids=with_ids)
    headline = "".join(f"<p>{html.escape(line)}</p>" for line in R.headline(summary))
    params = R.parameters(con, run_id)  # the header names its defaults' assumptions; the last table lists them
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>regrade report, run {run_id}</title>
<style>{STYLE}</style><script type="text/javascript">{get_plotlyjs()}</script></head>
<body>{header_html(info, compare, with_ids, notes, R.default_assumptions(params))}
<div class="headline" id="headline">{headline}</div>
<section id="summary"><h2>Summary by fiscal year</h2>{_summary_html(R.summary_table(summary))}
{_csv_link(R.summary_table(summary), f'run{run_id}_summary')}</section>
<div class="grid">{''.join(sections)}</div>
{_funds_html(con, run_id)}
<section id="benefits"><h2>The employer's benefits, by item (the scenario's [benefits])</h2>
{_benefits_html(con, run_id)}</section>
<section id="parameters"><h2>Every parameter this run used, and where it came from</h2>
<p class="sub">From the scenario, from a seed (a printed number, with its line), or a regrade default (with the
assumption it rests on, data/ASSUMPTIONS.md).</p>{table_html(params)}
{_csv_link(params, f'run{run_id}_parameters')}</section>
<section id="largest_changes"><h2>The largest changes at placement, and the rule that decided each</h2>
{table_html(largest)}{_csv_link(largest, f'run{run_id}_largest_changes')}</section>
<section id="exceptions"><h2>Exceptions: excluded, red-circled, below the new minimum ({n_exc:,} in all,
the first {exc.height:,} shown)</h2>{table_html(exc)}
{_csv_link(all_exc, f'run{run_id}_exceptions', f'Download {min(n_exc, 20_000):,} of them (CSV, dollars)')}</section>
<p class="meta">Generated {dt.datetime.now():%Y-%m-%d %H:%M} from the store by regrade.</p>
<script type="text/javascript">{FIT_FIGURES}</script>
</body></html>"""
