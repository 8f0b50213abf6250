"""Plotly figures of a stored run. Their data comes only from simulator.results (SQL on the store, parameters
bound), so a 1-million-employee run draws as fast as a 10-thousand one: every aggregation happens in the
database. ``FIGURES`` is the one list of figures: the report and the explorer both draw it, in this order.

Each figure's ``build(con, run_id, filters, compare)`` returns ``(plotly figure, data frame)``: the frame is
exactly what is drawn, in cents, and ``download(frame)`` is it in dollars for the CSV. Each figure names the
filters it honours (``uses``); its subtitle says in words which filters apply and which do not.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import plotly.graph_objects as go
import polars as pl
from plotly.subplots import make_subplots

from simulator import results as R
from simulator.bridge import LABELS
from simulator.money import dollars_float, for_people

BLUE, ORANGE, GREY, RED, GREEN, GOLD = "#1f4e79", "#d9822b", "#8c8c8c", "#b22222", "#2e7d32", "#b8860b"
DIVERGING = "RdBu_r"  # red for a cost, blue for a saving, white at zero
MONEY_HOVER = "$%{y:,.2f}"


def _dollars(frame: pl.DataFrame, col: str) -> list[float]:
    """Cents as dollars for plotting (the exact amounts are in the frame and its download)."""
    return dollars_float(frame[col]).to_list()


def _layout(fig: go.Figure, y: str = "", x: str = "", height: int = 380) -> go.Figure:
    fig.update_layout(template="plotly_white", margin=dict(l=80, r=30, t=30, b=60), height=height,
                      legend=dict(orientation="h", y=-0.22, x=0), yaxis_title=y, xaxis_title=x,
                      separators=".,", hoverlabel=dict(namelength=-1))
    return fig


def _years_axis(fig: go.Figure, **kw) -> None:
    fig.update_xaxes(tickformat="d", dtick=1, **kw)


@dataclass(frozen=True)
class Figure:
    key: str
    title: str
    uses: tuple[str, ...]  # the filters it honours: agency, schedule, year
    build: Callable  # (con, run_id, filters, compare) -> (go.Figure, frame)
    note: str = ""  # what the figure does not do, in words
    scope: str = "every fiscal year"  # the time it shows, in words

    def subtitle(self, f: R.Filters) -> str:
        """In words: which filters this figure shows, which chosen ones do not apply, and its note."""
        shown = []
        if "agency" in self.uses:
            shown.append(f"agency {f.agency}" if f.agency else "all agencies")
        if "schedule" in self.uses:
            shown.append(f"schedule {f.schedule}" if f.schedule else "all schedules")
        if "year" in self.uses:
            shown.append(f"fiscal year {f.year}" if f.year else "the first fiscal year")
        text = "Showing " + (", ".join(shown) or self.scope) + "."
        ignored = [label for key, label, value in (("agency", "Agency", f.agency), ("schedule", "Schedule", f.schedule),
                                                   ("year", "Fiscal year", f.year))
                   if value and key not in self.uses]
        if ignored:
            text += (f" The {' and '.join(ignored)} picker{'s do' if len(ignored) > 1 else ' does'} not apply: "
                     f"this figure shows {self.scope}.")
        return f"{text} {self.note}".strip()


def cost_by_year(con, run_id: int, f: R.Filters, compare=None):
    """The cost by fiscal year as bars (with the Monte Carlo 5th-95th percentile as error bars when the run has
    replicas and no filter is chosen), and the two payrolls in a small panel below, on their own axis."""
    frame = R.cost_by_year(con, run_id, f)
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.7, 0.3], vertical_spacing=0.08)
    colors = [ORANGE if v >= 0 else BLUE for v in frame["cost_cents"].to_list()]
    fig.add_bar(x=frame["fiscal_year"], y=_dollars(frame, "cost_cents"), marker_color=colors, row=1, col=1,
                name="cost of the reform (reform payroll less baseline)", hovertemplate=MONEY_HOVER,
                text=[f"{p} %" for p in frame["pct_of_payroll"].to_list()], textposition="outside",
                cliponaxis=False)
    bands = R.replica_bands(con, run_id).filter(pl.col("fiscal_year") > 0) if not f.any else pl.DataFrame()
    if bands.height:
        mean = bands["cost_mean_cents"]
        fig.add_scatter(x=bands["fiscal_year"], y=_dollars(bands, "cost_mean_cents"), mode="markers", row=1, col=1,
                        marker=dict(color="black", size=9, symbol="diamond"),
                        error_y=dict(type="data", array=dollars_float(bands["cost_p95_cents"] - mean).to_list(),
                                     arrayminus=dollars_float(mean - bands["cost_p05_cents"]).to_list(), color="black",
                                     thickness=2, width=8),
                        name=f"mean of {bands['replicas'][0]} Monte Carlo replicas, 5th-95th percentile",
                        hovertemplate=MONEY_HOVER)
    fig.add_scatter(x=frame["fiscal_year"], y=_dollars(frame, "baseline_payroll_cents"), row=2, col=1,
                    name="baseline payroll", mode="lines+markers", line=dict(color=GREY, width=2),
                    hovertemplate=MONEY_HOVER)
    fig.add_scatter(x=frame["fiscal_year"], y=_dollars(frame, "reform_payroll_cents"), row=2, col=1,
                    name="reform payroll", mode="lines+markers", line=dict(color=BLUE, width=2),
                    hovertemplate=MONEY_HOVER)
    _layout(fig, height=470)
    fig.update_yaxes(title_text="cost ($)", tickformat="$,.3s", rangemode="tozero", row=1, col=1)
    fig.update_yaxes(title_text="payroll ($)", tickformat="$,.3s", row=2, col=1)
    _years_axis(fig, row=2, col=1)
    _years_axis(fig, row=1, col=1)
    fig.update_xaxes(title_text="fiscal year", row=2, col=1)
    return fig, frame


def pct_of_payroll(con, run_id: int, f: R.Filters, compare=None):
    """The cost as a % of baseline payroll by fiscal year, one line per run (this run and those compared)."""
    parts = []
    for rid in [run_id, *(compare or [])]:
        info = R.run_info(con, rid)
        part = R.cost_by_year(con, rid, f).select(
            pl.lit(rid).alias("run_id"), pl.lit(info["scenario_name"]).alias("scenario_name"), "fiscal_year",
            "baseline_payroll_cents", "cost_cents", "pct_of_payroll")
        parts.append(part)
    frame = pl.concat(parts) if parts else pl.DataFrame()
    fig = go.Figure()
    for (rid, name), part in frame.group_by("run_id", "scenario_name", maintain_order=True):
        fig.add_scatter(x=part["fiscal_year"], y=part["pct_of_payroll"].cast(pl.Float64), mode="lines+markers",
                        name=f"run {rid}: {name}", hovertemplate="%{y:.2f} %")
    _layout(fig, "% of baseline payroll", "fiscal year")
    fig.update_yaxes(ticksuffix=" %", rangemode="tozero")
    _years_axis(fig)
    return fig, frame


def cost_by_agency(con, run_id: int, f: R.Filters, compare=None):
    year = f.year or (R.fiscal_years(con, run_id) or [None])[0]
    frame = R.cost_by(con, run_id, "agency", R.Filters(f.agency, f.schedule, year)).sort("cost_cents",
                                                                                         descending=True)
    fig = go.Figure(go.Bar(y=frame["agency"], x=_dollars(frame, "cost_cents"), orientation="h",
                           marker_color=[ORANGE if v >= 0 else BLUE for v in frame["cost_cents"].to_list()],
                           hovertemplate="$%{x:,.2f}", text=[f"{p} %" for p in frame["pct_of_payroll"].to_list()],
                           textposition="outside", cliponaxis=False))
    _layout(fig, "", f"cost in fiscal year {year} ($)", height=max(300, 60 + 28 * frame.height))
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(tickformat="$,.3s", automargin=True)
    return fig, frame


def cost_heatmap(con, run_id: int, f: R.Filters, compare=None):
    frame = R.cost_heatmap(con, run_id, f)
    grades = list(dict.fromkeys(frame["new_grade"].to_list()))
    years = sorted(frame["fiscal_year"].unique().to_list())
    cell = {(g, y): v for g, y, v in frame.iter_rows()}
    z = [[dollars_float(cell.get((g, y)) or 0) for y in years] for g in grades]
    fig = go.Figure(go.Heatmap(z=z, x=years, y=grades, colorscale=DIVERGING, zmid=0,
                               colorbar=dict(title="cost ($)", tickformat="$,.3s"),
                               hovertemplate="grade %{y}, fiscal year %{x}: $%{z:,.2f}<extra></extra>"))
    _layout(fig, "new grade", "fiscal year", height=max(380, 40 + 14 * len(grades)))
    fig.update_yaxes(type="category")
    _years_axis(fig)
    return fig, frame


def raises(con, run_id: int, f: R.Filters, compare=None):
    frame = R.raises(con, run_id, f)
    # a bin of the same pay only is grey; the 0 bin also holds raises under 1 % (blue, the unchanged said on hover)
    colors = [RED if b < 0 else (GREY if n == same else BLUE)
              for b, n, same in frame.select("raise_pct_from", "employees", "unchanged").iter_rows()]
    fig = go.Figure(go.Bar(x=frame["raise_pct_from"], y=frame["employees"], marker_color=colors,
                           customdata=frame["unchanged"],
                           hovertemplate="%{x} to %{x}.99 %: %{y:,} employees (%{customdata:,} with the same pay)"
                                         "<extra></extra>"))
    _layout(fig, "employees", "raise at placement (% of annual pay, 1-point bins; red: a pay cut; grey: the same "
                              "pay)")
    return fig, frame


def winners_by_old_grade(con, run_id: int, f: R.Filters, compare=None):
    frame = R.winners_by_old_grade(con, run_id, f)
    fig = go.Figure()
    for col, color, name in (("gain", GREEN, "gain"), ("unchanged", GREY, "unchanged"), ("lose", RED, "lose"),
                             ("red_circled", GOLD, "red-circled (above the new maximum)")):
        fig.add_bar(x=frame["old_grade"], y=frame[col], name=name, marker_color=color)
    fig.update_layout(barmode="group")
    _layout(fig, "employees", "grade on the old plan")
    fig.update_xaxes(type="category")
    return fig, frame


def compression(con, run_id: int, f: R.Filters, compare=None):
    points, grade, before, after = R.compression(con, run_id, f)
    fig = go.Figure()
    fig.add_scatter(x=points["years_of_service"], y=_dollars(points, "old_annual_cents"), mode="markers",
                    name="before placement", marker=dict(color=GREY, size=5, opacity=0.6))
    fig.add_scatter(x=points["years_of_service"], y=_dollars(points, "new_annual_cents"), mode="markers",
                    name="after placement", marker=dict(color=BLUE, size=5, opacity=0.6))
    _layout(fig, "annual pay ($)", f"years of service (new grade {grade}; inversions: {before:,} before, "
                                   f"{after:,} after)")
    fig.update_yaxes(tickformat="$,.3s")
    return fig, points.with_columns(pl.lit(grade).alias("new_grade"))


def step_distribution(con, run_id: int, f: R.Filters, compare=None):
    frame = R.step_distribution(con, run_id, f)
    fig = go.Figure()
    for when, color in (("before", GREY), ("after", BLUE)):
        part = frame.filter(pl.col("placement") == when)
        fig.add_bar(x=part["step"], y=part["employees"], name=f"{when} placement", marker_color=color)
    fig.update_layout(barmode="group")
    _layout(fig, "employees", "step (or the point of an open range)")
    steps = sorted(set(frame["step"].to_list()), key=R.step_order)
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=steps)
    return fig, frame


def headcount_flows(con, run_id: int, f: R.Filters, compare=None):
    frame = R.headcount_flows(con, run_id, f)
    fig = make_subplots(specs=[[{"secondary_y": False}]])
    for col, color, name in (("retirements", BLUE, "retirements"), ("separations", GREY, "other separations"),
                             ("hires", GREEN, "replacements hired")):
        sign = -1 if col != "hires" else 1
        fig.add_bar(x=frame["fiscal_year"], y=(frame[col] * sign).to_list(), name=name, marker_color=color,
                    customdata=frame[col].to_list(), hovertemplate="%{customdata:,}")
    fig.update_layout(barmode="relative")
    _layout(fig, "positions (leavers below zero, hires above)", "fiscal year")
    _years_axis(fig)
    return fig, frame


def cost_bridge(con, run_id: int, f: R.Filters, compare=None):
    """The cost bridge of a fiscal year (the first unless one is chosen) as a waterfall: each part's cost, salary and
    benefits together, from placement to turnover, ending on the year's total."""
    year = f.year or (R.fiscal_years(con, run_id) or [None])[0]
    frame = R.cost_bridge(con, run_id).filter(pl.col("fiscal_year") == year).select(
        "fiscal_year", "part", "cost_cents", "benefits_cost_cents", "total_cost_cents")  # the parts, then "Total"
    short = {LABELS[k]: v for k, v in (("placement", "placement<br>(day one)"),
                                       ("movement", "step and merit<br>movement"),
                                       ("general_increases", "general<br>increases"), ("turnover", "turnover"))}
    fig = go.Figure(go.Waterfall(
        x=[short.get(p, p) for p in frame["part"].to_list()], y=_dollars(frame, "total_cost_cents"),
        measure=["relative"] * (frame.height - 1) + ["total"] if frame.height else [],
        increasing=dict(marker_color=ORANGE), decreasing=dict(marker_color=BLUE), totals=dict(marker_color=GREY),
        text=[("-" if v < 0 else "") + f"${abs(v):,.0f}" for v in _dollars(frame, "total_cost_cents")],
        textposition="outside", cliponaxis=False,
        hovertemplate="%{x}: $%{y:,.2f}<extra></extra>", connector=dict(line=dict(color=GREY))))
    _layout(fig, "cost, salary and benefits ($)", f"fiscal year {year}: each part added to the last", height=420)
    fig.update_yaxes(tickformat="$,.3s")
    return fig, frame


def unit_costs(con, run_id: int, f: R.Filters, compare=None):
    """The cost of 1 % and of one step, per schedule and for all, in the first year and at full implementation."""
    frame = R.unit_costs(con, run_id)
    fig = go.Figure()
    labels = [f"{'1 %' if m.startswith('1') else 'a step'}<br>{'all' if s == 'all schedules' else s}"
              for m, s in frame.select("measure", "schedule").iter_rows()]
    for col, color, name in (("first_year_total_cost_cents", ORANGE, "first fiscal year"),
                             ("full_implementation_total_cost_cents", BLUE, "full implementation (annualized)")):
        fig.add_bar(x=labels, y=_dollars(frame, col), name=name, marker_color=color, hovertemplate=MONEY_HOVER)
    fig.update_layout(barmode="group")
    _layout(fig, "cost, salary and benefits ($)")
    fig.update_xaxes(type="category", tickangle=0)
    fig.update_layout(xaxis_title="rates 1 % higher, or everyone one step higher, by schedule")
    fig.update_yaxes(tickformat="$,.3s")
    return fig, frame


AT_PLACEMENT = "the placement, on the effective date"
FIGURES = [
    Figure("cost_bridge", "What the cost is made of: the cost bridge", ("year",), cost_bridge,
           "Attributed in this order, the same in both branches: placement (the new structure at day one), step and "
           "merit movement, general increases, turnover.", scope="the whole run"),
    Figure("unit_costs", "Cost of 1 % and of one step", (), unit_costs,
           "Each recosted from the placement, not a share of the total.", scope="the whole run"),
    Figure("cost_by_year", "Cost of the reform by fiscal year", ("agency", "schedule"), cost_by_year,
           "For a run with Monte Carlo replicas, their 5th-95th percentiles are statewide, so they are drawn only "
           "when no agency or schedule is chosen."),
    Figure("pct_of_payroll", "Cost as a % of baseline payroll", ("agency", "schedule"), pct_of_payroll),
    Figure("cost_by_agency", "Cost by agency", ("agency", "schedule", "year"), cost_by_agency),
    Figure("cost_heatmap", "Cost by new grade and fiscal year", ("agency", "schedule"), cost_heatmap),
    Figure("raises", "Raises at placement", ("agency", "schedule"), raises, scope=AT_PLACEMENT),
    Figure("winners_by_old_grade", "Who gains and who loses, by old grade", ("agency", "schedule"),
           winners_by_old_grade, scope=AT_PLACEMENT),
    Figure("compression", "Compression: pay against service in the largest new grade", ("agency", "schedule"),
           compression, scope=AT_PLACEMENT),
    Figure("step_distribution", "Steps before and after placement", ("agency", "schedule"), step_distribution,
           scope=AT_PLACEMENT),
    Figure("headcount_flows", "Headcount flows of the reform", ("agency", "schedule"), headcount_flows),
]
BY_KEY = {f.key: f for f in FIGURES}


def download(frame: pl.DataFrame) -> str:
    """A figure's data as CSV text, money in dollars with two decimals, formula cells neutralized."""
    from simulator.outputs import csv_text

    return csv_text(for_people(frame))


HEADINGS = R.HEADINGS
