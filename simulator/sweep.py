"""Sweeps: every point of a grid of one or two scenario parameters, costed in memory (placement, the
expected-value projection's totals; no person rows, nothing stored), as a table in dollars and a Plotly figure.

    regrade sweep --roster R --scenario S --vary schedules.I.pct=-5:5:11
        [--vary projection.merit_budget_factor=0.01:0.04:4] --out sweep.csv [--figure sweep.html]

A parameter is one that ``regrade solve`` varies (simulator/solve.py); LO:HI:N gives N values from LO to HI,
ends included, each rounded to the parameter's grid. The roster is placed and projected once, then each point
costed from arrays (simulator/recost.py), one after another in this process; the kernels themselves use every
core. ``--dask ADDRESS`` costs the points on a Dask cluster instead (the same rows, in the same order; each
worker needs regrade installed): for sweeps that outgrow one machine."""

from __future__ import annotations

import itertools
import math
import re

import polars as pl

from simulator.money import for_people, pct
from simulator.scenario import Scenario
from simulator.solve import Parameter, SolveError, parameter

MAX_POINTS = 10_000


def axis(text: str, scenario: Scenario) -> tuple[Parameter, list[float]]:
    """``PARAM=LO:HI:N`` -> (the parameter, its N values on its grid)."""
    number = r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
    m = re.fullmatch(rf"\s*([\w.]+)\s*=\s*({number}):({number}):([0-9]+)\s*", text)
    if not m:
        raise SolveError(f"--vary {text!r}: write PARAM=LO:HI:N with LO and HI numbers and N a whole number, e.g. "
                         "schedules.I.pct=-5:5:11")
    prm = parameter(m.group(1), scenario)
    lo, hi, n = float(m.group(2)), float(m.group(3)), int(m.group(4))
    if n < 2 or not lo < hi:
        raise SolveError(f"--vary {text!r}: LO below HI and N at least 2")
    prm.check(lo, hi, f"--vary {text.strip()}")
    # both said before any value is made (a billion values would take minutes just to list)
    on_grid = round(hi / prm.step) - round(lo / prm.step) + 1
    if n > on_grid:
        raise SolveError(f"--vary {text!r}: from {lo:g} to {hi:g} on {prm.path}'s grid of {prm.step:g} there are only "
                         f"{on_grid:,} distinct values; give N at most {on_grid:,}")
    if n > MAX_POINTS:
        raise SolveError(f"--vary {text!r}: {n:,} values; a sweep takes at most {MAX_POINTS:,} points")
    values = sorted({round(round((lo + (hi - lo) * k / (n - 1)) / prm.step) * prm.step, 6) for k in range(n)})
    if len(values) < n:
        raise SolveError(f"--vary {text!r}: from {lo:g} to {hi:g} on {prm.path}'s grid of {prm.step:g} there are only "
                         f"{len(values):,} distinct values; give N at most {len(values):,}")
    return prm, values


def sweep(roster: pl.DataFrame, scenario: Scenario, axes: list[tuple[Parameter, list[float]]], years: int = 5,
          progress=None, dask: str | None = None, roster_name: str = "roster") -> pl.DataFrame:
    """One row per grid point, in the grid's order: the parameters' values, then the costs (cents), % of payroll
    (two decimals, computed in integers), winners and losers. ``dask``: the address of a Dask scheduler to
    cost the points on (each worker prepares the roster once, then costs its share); default, in this process."""
    if not 1 <= len(axes) <= 2:
        raise SolveError("--vary one or two parameters")
    if len({prm.path for prm, _ in axes}) != len(axes):
        raise SolveError("--vary the same parameter once")
    count = math.prod(len(values) for _, values in axes)
    if count > MAX_POINTS:  # counted before the grid is made
        raise SolveError(f"{count:,} points: at most {MAX_POINTS:,} (fewer values, or a narrower range)")
    points = list(itertools.product(*[values for _, values in axes]))
    if dask:
        rows = _on_dask(dask, roster, scenario, axes, points, years, progress)
    else:
        from simulator.recost import Recoster

        # placed and projected once; each point recosted from arrays
        recoster = Recoster(roster, scenario, years, roster_name=roster_name)
        rows = _rows(recoster, axes, points, progress)
    return pl.DataFrame(rows)


MEASURE_COLUMNS = ("first_year_cost_cents", "total_cost_cents", "first_year_compensation_cents",
                   "total_compensation_cents", "winners", "losers")


def idle_axes(table: pl.DataFrame, axes: list[tuple[Parameter, list[float]]]) -> list[str]:
    """A warning for each parameter that changes nothing in the table (every measure the same whatever its
    value, the other parameter held): a schedule nobody is placed on, a rate no rule reads."""
    warnings = []
    for i, (prm, values) in enumerate(axes):
        others = [p.path for j, (p, _) in enumerate(axes) if j != i]
        spread = (table.group_by(others).agg(pl.col(c).n_unique().alias(c) for c in MEASURE_COLUMNS) if others
                  else table.select(pl.col(c).n_unique() for c in MEASURE_COLUMNS))
        if all((spread[c] <= 1).all() for c in MEASURE_COLUMNS):
            warnings.append(f"{prm.path} changes no cost, winner or loser from {values[0]:g} to {values[-1]:g}: "
                            "every row is the same for it (is anyone placed where it applies?)")
    return warnings


def _rows(recoster, axes, points, progress=None) -> list[dict]:
    """The table's rows for ``points`` (tuples of the axes' values), costed by ``recoster``."""
    rows = []
    for xs in points:
        variant = recoster.scenario
        for (prm, _), x in zip(axes, xs):
            variant = prm.apply(variant, x)
        m = recoster.measures(variant)
        rows.append({**{prm.path: x for (prm, _), x in zip(axes, xs)},
                     "first_year_cost_cents": m["first_year_cost_cents"],
                     "first_year_pct_of_payroll": pct(m["first_year_cost_cents"], m["first_year_baseline_cents"]),
                     "total_cost_cents": m["total_cost_cents"],
                     "total_pct_of_payroll": pct(m["total_cost_cents"], m["total_baseline_cents"]),
                     "first_year_benefits_cents": m["first_year_benefits_cents"],
                     "first_year_compensation_cents": m["first_year_compensation_cents"],
                     "total_benefits_cents": m["total_benefits_cents"],
                     "total_compensation_cents": m["total_compensation_cents"],
                     "winners": m["winners"], "losers": m["losers"]})
        if progress:
            progress()
    return rows


def _chunk(key: str, roster: pl.DataFrame, scenario: Scenario, axes, years: int, points) -> list[dict]:
    """A Dask task: one share of the points, costed on the worker from the roster it prepared for this sweep."""
    from simulator import cluster
    from simulator.recost import Recoster

    with cluster.LOCK:
        return _rows(cluster.kept(key, lambda: Recoster(roster, scenario, years)), axes, points)


def _on_dask(address: str, roster, scenario, axes, points, years, progress) -> list[dict]:
    """The points in chunks on the Dask cluster at ``address`` (simulator/cluster.py); the rows in the grid's
    order whatever order the chunks finish in."""
    from simulator import cluster

    def done(rows):
        if progress:
            for _ in rows:
                progress()

    return cluster.map_chunks(address, _chunk, [roster, scenario, axes, years], points, done)


def figure(table: pl.DataFrame, axes: list[tuple[Parameter, list[float]]], title: str):
    """Cost and % of payroll against one parameter (with the losers on a second panel), or a heatmap of the
    first year's % of payroll over two."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    people = for_people(table)
    if len(axes) == 1:
        x = people[axes[0][0].path].to_list()
        fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08,
                            subplot_titles=("First-year cost of the reform (dollars)", "Employees whose pay goes down"))
        fig.add_trace(go.Scatter(x=x, y=[float(v) for v in people["first_year_cost_dollars"]], mode="lines+markers",
                                 name="first-year cost",
                                 customdata=[float(v) for v in people["first_year_pct_of_payroll"]],
                                 hovertemplate="%{x}: $%{y:,.2f} (%{customdata:.2f} % of payroll)<extra></extra>"),
                      row=1, col=1)
        fig.add_trace(go.Bar(x=x, y=people["losers"].to_list(), name="losing pay",
                             hovertemplate="%{x}: %{y:,} employees<extra></extra>"), row=2, col=1)
        fig.update_xaxes(title_text=axes[0][0].path, row=2, col=1)
        fig.update_yaxes(tickprefix="$", tickformat=",.0f", row=1, col=1)
    else:
        (px, xs), (py, ys) = axes
        # the rows come in the grid's order (x outer, y inner): placed by position, never looked up by a value
        # (a value read back from the table is a two-decimal Decimal, not the float of the grid). The colour is
        # the cost in dollars, exact (a % rounded to two decimals would paint small steps one flat colour), and
        # a small grid writes each cell's cost in it
        dollars = [float(v) for v in people["first_year_cost_dollars"]]
        pcts = [float(v) for v in people["first_year_pct_of_payroll"]]
        at = lambda values, i, j: values[i * len(ys) + j]  # noqa: E731
        z = [[at(dollars, i, j) for i in range(len(xs))] for j in range(len(ys))]
        pct = [[at(pcts, i, j) for i in range(len(xs))] for j in range(len(ys))]
        small = len(xs) * len(ys) <= 144
        fig = go.Figure(go.Heatmap(
            x=xs, y=ys, z=z, customdata=pct, colorscale="Viridis", colorbar={"title": "first-year cost ($)"},
            texttemplate="$%{z:,.0f}" if small else None,
            hovertemplate=f"{px.path} %{{x}}, {py.path} %{{y}}: $%{{z:,.2f}} (%{{customdata:.2f}} % of payroll)"
                          "<extra></extra>"))
        fig.update_layout(xaxis_title=px.path, yaxis_title=py.path)
        if len(xs) <= 25:  # ticks on the values swept, not between them
            fig.update_xaxes(tickvals=xs)
        if len(ys) <= 25:
            fig.update_yaxes(tickvals=ys)
    fig.update_layout(title=title, template="plotly_white", showlegend=False)
    return fig

