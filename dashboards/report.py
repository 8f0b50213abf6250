"""One self-contained HTML report: plotly.js inlined (no network), every figure's data as a CSV download
(a data: link), the run's scenario, roster (SYNTHETIC or not), seed and assumptions named at the top."""

from __future__ import annotations

import base64
import datetime as dt
import html

import plotly.io as pio
import polars as pl
from plotly.offline import get_plotlyjs

from dashboards import figures as F

STYLE = """
body { font-family: system-ui, -apple-system, Segoe UI, sans-serif; margin: 24px auto; max-width: 1100px;
       color: #222; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; } h2 { font-size: 1.15em; margin-top: 2em; }
.meta { color: #555; font-size: 0.92em; } .synthetic { color: #b22222; font-weight: bold; }
table { border-collapse: collapse; font-size: 0.85em; margin: 8px 0; }
th, td { border-bottom: 1px solid #ddd; padding: 3px 8px; text-align: left; vertical-align: top; }
a.csv { font-size: 0.85em; }
"""


def _csv_link(frame: pl.DataFrame, name: str) -> str:
    data = base64.b64encode(frame.write_csv().encode()).decode()
    return (f'<a class="csv" download="{html.escape(name)}.csv" '
            f'href="data:text/csv;base64,{data}">Download the data (CSV)</a>')


def _table(frame: pl.DataFrame, money: tuple[str, ...] = ()) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in frame.columns)
    rows = []
    for r in frame.iter_rows():
        cells = []
        for c, v in zip(frame.columns, r):
            text = f"${v:,.2f}" if (c in money and v is not None) else ("" if v is None else str(v))
            cells.append(f"<td>{html.escape(text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def build(con, run_id: int, compare: list[int] | None = None) -> str:
    info = F.run_info(con, run_id)
    synthetic = info["roster_synthetic"]
    sections = []

    def figure(key: str, fig, frame: pl.DataFrame, note: str = ""):
        title = fig.layout.title.text or key
        fig.update_layout(title=None, margin=dict(t=20))
        div = pio.to_html(fig, include_plotlyjs=False, full_html=False, div_id=f"fig-{key}",
                          config={"displaylogo": False})
        sections.append(f'<section id="{key}"><h2>{html.escape(title)}</h2>'
                        f"{note}{div}{_csv_link(frame, f'run{run_id}_{key}')}</section>")

    figure("cost_by_year", *F.cost_by_year(con, run_id))
    figure("pct_of_payroll", *F.pct_of_payroll(con, [run_id, *(compare or [])]))
    figure("cost_by_agency", *F.cost_by_agency(con, run_id))
    figure("cost_heatmap", *F.cost_heatmap(con, run_id))
    figure("raises", *F.raises(con, run_id))
    figure("winners_by_old_grade", *F.winners_by_old_grade(con, run_id))
    figure("compression", *F.compression(con, run_id))
    figure("step_distribution", *F.step_distribution(con, run_id))
    figure("headcount_flows", *F.headcount_flows(con, run_id))
    money = ("old_annual", "new_annual", "increase")
    largest = F.largest_changes(con, run_id)
    sections.append(f'<section id="largest_changes"><h2>The largest changes at placement, and the rule that decided '
                    f"each</h2>{_table(largest, money)}{_csv_link(largest, f'run{run_id}_largest_changes')}</section>")
    exc = F.exceptions(con, run_id)
    sections.append(f'<section id="exceptions"><h2>Exceptions: below the new minimum, red-circled, excluded '
                    f"({exc.height:,} shown)</h2>{_table(exc, ('new_annual',))}"
                    f"{_csv_link(exc, f'run{run_id}_exceptions')}</section>")
    roster = html.escape(info["roster_name"]) + (' <span class="synthetic">SYNTHETIC roster: no row is a real '
                                                  "person; every figure is illustrative</span>" if synthetic else "")
    compared = f" Compared with runs {', '.join(map(str, compare))}." if compare else ""
    header = f"""<h1>regrade report: run {run_id}, {html.escape(info['scenario_title'] or info['scenario_name'])}</h1>
<p class="meta">Scenario <b>{html.escape(info['scenario_name'])}</b> (hash {info['scenario_hash']}) &middot; roster
{roster} (hash {info['roster_hash']}) &middot; seed {info['seed']} &middot;
{info['replicas'] or 'expected-value path, no'} replicas &middot; {info['years']} fiscal years &middot;
effective {info['effective_date']} &middot; regrade {info['regrade_version']} &middot;
results hash {info['results_hash']}.{compared}</p>
<p class="meta">Assumptions this scenario rests on (see data/ASSUMPTIONS.md): {html.escape(info['assumptions'] or
'none')}. Projection defaults not printed in the seeds (rates of retirement, separation, performance) are the
A-PROJ assumptions. Money is in dollars; cash is paid within each fiscal year, prorated by day.</p>"""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>regrade report, run {run_id}</title>
<style>{STYLE}</style><script type="text/javascript">{get_plotlyjs()}</script></head>
<body>{header}{''.join(sections)}
<p class="meta">Generated {dt.datetime.now():%Y-%m-%d %H:%M} from the store; no personal data: employee ids only.</p>
</body></html>"""
