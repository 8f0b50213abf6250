"""Plotly figure builders. Their data comes only from DuckDB queries on the store (parameters bound, never
formatted into SQL), so a 1-million-employee run draws as fast as a 10-thousand one: every aggregation
happens in the database. Each builder returns (figure, frame): the frame is the figure's data, for CSV.

Filters (agency, schedule, fiscal year) are optional; ``None`` means all.
"""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from simulator.store import query

BLUE, ORANGE, GREY, RED, GREEN = "#1f4e79", "#d9822b", "#8c8c8c", "#b22222", "#2e7d32"
# reform less baseline cash, for a GROUP BY over the store's cost cube (cash paid by year and group)
DIFFERENCE = "sum(reform_cents - baseline_cents)::BIGINT AS difference_cents"


def _where(agency, schedule, year=None, prefix="") -> tuple[str, list]:
    sql, params = "", []
    if agency:
        sql += f" AND {prefix}agency = ?"
        params.append(agency)
    if schedule:
        sql += f" AND coalesce({prefix}target_schedule, 'excluded') = ?"
        params.append(schedule)
    if year:
        sql += f" AND {prefix}fiscal_year = ?"
        params.append(year)
    return sql, params


def _layout(fig: go.Figure, title: str, y: str = "", x: str = "") -> go.Figure:
    fig.update_layout(title=title, template="plotly_white", margin=dict(l=70, r=70, t=60, b=50),
                      yaxis_title=y, xaxis_title=x, legend=dict(orientation="h", y=-0.2), height=420)
    if x == "fiscal year":
        fig.update_xaxes(tickformat="d", dtick=1)
    return fig


def run_info(con, run_id: int) -> dict:
    return query(con, "SELECT * FROM runs WHERE run_id = ?", [run_id]).row(0, named=True)


def cost_by_year(con, run_id: int, agency=None, schedule=None):
    """Baseline and reform cash payroll by fiscal year (lines), the difference (bars), and, with Monte Carlo
    replicas, the 5th-95th percentile band of the difference."""
    where, params = _where(agency, schedule)
    frame = query(con, f"""
        SELECT fiscal_year, sum(baseline_cents)::BIGINT AS baseline_cents, sum(reform_cents)::BIGINT AS reform_cents
        FROM cost_cube WHERE run_id = ? {where}
        GROUP BY fiscal_year ORDER BY fiscal_year""", [run_id, *params]).with_columns(
        (pl.col("reform_cents") - pl.col("baseline_cents")).alias("difference_cents"))
    fig = go.Figure()
    # the difference as bars on the left axis; the two payrolls as lines over them, on the right axis
    fig.add_bar(x=frame["fiscal_year"], y=frame["difference_cents"] / 100, name="difference (reform - baseline)",
                marker_color=ORANGE, opacity=0.7)
    bands = query(con, """
        SELECT fiscal_year, quantile_cont(d, 0.05) AS p05, quantile_cont(d, 0.95) AS p95, count(*) AS replicas
        FROM (SELECT replica, fiscal_year,
                     sum(cash_cents) FILTER (WHERE branch = 'reform')
                     - sum(cash_cents) FILTER (WHERE branch = 'baseline') AS d
              FROM run_totals WHERE run_id = ? AND replica > 0 GROUP BY replica, fiscal_year)
        GROUP BY fiscal_year HAVING count(*) > 1 ORDER BY fiscal_year""", [run_id])
    if bands.height and not agency and not schedule:
        fig.add_scatter(x=bands["fiscal_year"], y=bands["p95"] / 100, mode="lines", line=dict(width=0),
                        showlegend=False, hoverinfo="skip")
        fig.add_scatter(x=bands["fiscal_year"], y=bands["p05"] / 100, mode="lines", line=dict(width=0),
                        fill="tonexty", fillcolor="rgba(120,60,0,0.25)",
                        name=f"difference, 5th-95th percentile of {bands['replicas'][0]} replicas")
    fig.add_scatter(x=frame["fiscal_year"], y=frame["baseline_cents"] / 100, name="baseline payroll",
                    mode="lines+markers", line=dict(color=GREY, width=3), yaxis="y2")
    fig.add_scatter(x=frame["fiscal_year"], y=frame["reform_cents"] / 100, name="reform payroll",
                    mode="lines+markers", line=dict(color=BLUE, width=3), yaxis="y2")
    fig.update_layout(yaxis2=dict(overlaying="y", side="right", title="payroll ($)", showgrid=False))
    return _layout(fig, "Cost by fiscal year (cash paid)", "difference ($)", "fiscal year"), frame


def pct_of_payroll(con, run_ids: list[int]):
    """The reform's cost as a % of baseline payroll, by fiscal year, one line per run."""
    marks = ",".join("?" * len(run_ids))
    frame = query(con, f"""SELECT c.run_id, r.scenario_name, c.fiscal_year, c.pct_of_baseline
        FROM cost_by_year c JOIN runs r USING (run_id) WHERE c.run_id IN ({marks})
        ORDER BY c.run_id, c.fiscal_year""", run_ids)
    fig = go.Figure()
    for (run_id, name), part in frame.group_by("run_id", "scenario_name", maintain_order=True):
        fig.add_scatter(x=part["fiscal_year"], y=part["pct_of_baseline"], mode="lines+markers",
                        name=f"run {run_id}: {name}")
    return _layout(fig, "Cost as a % of baseline payroll", "% of baseline payroll", "fiscal year"), frame


def cost_by_agency(con, run_id: int, year=None, schedule=None):
    if year is None:
        year = query(con, "SELECT min(fiscal_year) AS y FROM cost_cube WHERE run_id = ?", [run_id])["y"][0]
    where, params = _where(None, schedule, year)
    frame = query(con, f"""
        SELECT agency, {DIFFERENCE}
        FROM cost_cube WHERE run_id = ? {where} GROUP BY agency ORDER BY difference_cents DESC""",
                  [run_id, *params])
    fig = go.Figure(go.Bar(x=frame["agency"], y=frame["difference_cents"] / 100, marker_color=ORANGE))
    return _layout(fig, f"Cost by agency, fiscal year {year}", "difference ($)"), frame


def cost_heatmap(con, run_id: int, agency=None):
    where, params = _where(agency, None)
    frame = query(con, f"""
        SELECT coalesce(new_grade, old_grade) AS grade, fiscal_year, {DIFFERENCE}
        FROM cost_cube WHERE run_id = ? {where} GROUP BY ALL""", [run_id, *params])
    grades = sorted(frame["grade"].unique().to_list(), key=lambda g: (not g.isdigit(), int(g) if g.isdigit() else 0, g))
    years = sorted(frame["fiscal_year"].unique().to_list())
    cell = {(g, y): v for g, y, v in frame.iter_rows()}
    z = [[(cell.get((g, y)) or 0) / 100 for y in years] for g in grades]
    fig = go.Figure(go.Heatmap(z=z, x=years, y=grades, colorscale="Oranges", colorbar=dict(title="$")))
    fig = _layout(fig, "Cost by new grade and fiscal year", "new grade", "fiscal year")
    return fig, frame.sort("grade", "fiscal_year")


def raises(con, run_id: int, agency=None, schedule=None):
    """Placement raises: the histogram of the % increase (binned in SQL), with winners, losers and the
    red-circled counted."""
    where, params = _where(agency, schedule)
    frame = query(con, f"""
        SELECT floor(increase_pct)::INTEGER AS pct_bin, count(*)::BIGINT AS employees
        FROM placements WHERE run_id = ? AND rule <> 'EXCLUDED' {where} GROUP BY 1 ORDER BY 1""", [run_id, *params])
    counts = query(con, f"""SELECT count(*) FILTER (WHERE increase_cents > 0)::BIGINT AS winners,
               count(*) FILTER (WHERE increase_cents < 0)::BIGINT AS losers,
               count(*) FILTER (WHERE red_circle)::BIGINT AS red_circled
        FROM placements WHERE run_id = ? {where}""", [run_id, *params]).row(0, named=True)
    fig = go.Figure(go.Bar(x=frame["pct_bin"], y=frame["employees"], marker_color=BLUE))
    title = (f"Placement raises: {counts['winners']:,} gain, {counts['losers']:,} lose, "
             f"{counts['red_circled']:,} red-circled")
    return _layout(fig, title, "employees", "raise at placement (% of annual pay, 1-point bins)"), frame


def winners_by_old_grade(con, run_id: int, agency=None):
    """Winners, losers and the red-circled by the grade people held on the OLD plan (where they stood when
    the vote was taken)."""
    params = [run_id] + ([agency] if agency else [])
    frame = query(con, f"""
        SELECT old_grade, sum(winners)::BIGINT AS winners, sum(unchanged)::BIGINT AS unchanged,
               sum(losers)::BIGINT AS losers, sum(red_circled)::BIGINT AS red_circled
        FROM winners_losers WHERE run_id = ? {"AND agency = ?" if agency else ""} GROUP BY old_grade""", params)
    frame = frame.sort(pl.col("old_grade").cast(pl.Int64, strict=False), "old_grade")
    fig = go.Figure()
    for col, color in (("winners", GREEN), ("unchanged", GREY), ("losers", RED), ("red_circled", ORANGE)):
        fig.add_bar(x=frame["old_grade"], y=frame[col], name=col.replace("_", "-"), marker_color=color)
    fig.update_layout(barmode="group")
    return _layout(fig, "Winners and losers by old grade", "employees", "grade on the old plan"), frame


def compression(con, run_id: int, grade=None, sample: int = 3000):
    """Pay against years of service in a new grade, before and after placement, and the inversions: people
    out-earned by someone junior in the same class (window functions in SQL)."""
    if grade is None:
        grade = query(con, """SELECT new_grade FROM placements WHERE run_id = ? AND rule <> 'EXCLUDED'
                              GROUP BY new_grade ORDER BY count(*) DESC LIMIT 1""", [run_id])["new_grade"][0]
    base = """FROM placements p JOIN runs r USING (run_id)
              WHERE run_id = ? AND new_grade = ? AND hire_date IS NOT NULL AND rule <> 'EXCLUDED'"""
    frame = query(con, f"""SELECT class_code, (date_diff('day', hire_date, r.effective_date) / 365.25)::DOUBLE
               AS years_of_service, old_annual_cents, new_annual_cents {base}
               ORDER BY hash(employee_id) LIMIT ?""", [run_id, grade, sample])
    inv = query(con, f"""SELECT
        count(*) FILTER (WHERE old_annual_cents < max_junior_old)::BIGINT AS before,
        count(*) FILTER (WHERE new_annual_cents < max_junior_new)::BIGINT AS after
        FROM (SELECT old_annual_cents, new_annual_cents,
                max(old_annual_cents) OVER w AS max_junior_old, max(new_annual_cents) OVER w AS max_junior_new
              {base}
              WINDOW w AS (PARTITION BY class_code ORDER BY hire_date DESC
                           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING))""", [run_id, grade]).row(0, named=True)
    fig = go.Figure()
    fig.add_scatter(x=frame["years_of_service"], y=frame["old_annual_cents"] / 100, mode="markers", name="before",
                    marker=dict(color=GREY, size=5, opacity=0.6))
    fig.add_scatter(x=frame["years_of_service"], y=frame["new_annual_cents"] / 100, mode="markers", name="after",
                    marker=dict(color=BLUE, size=5, opacity=0.6))
    title = (f"Compression in new grade {grade}: inversions {inv['before']:,} before, {inv['after']:,} after "
             f"(someone junior in the class earns more)")
    return _layout(fig, title, "annual pay ($)", "years of service"), frame


def step_distribution(con, run_id: int, agency=None):
    """Share of employees at each step, before (old plan) and after (new schedules)."""
    where, params = _where(agency, None)
    frame = query(con, f"""
        SELECT 'before' AS when_, coalesce(old_step, 'off-step') AS step, count(*)::BIGINT AS employees
        FROM placements WHERE run_id = ? {where} GROUP BY ALL
        UNION ALL
        SELECT 'after', coalesce(new_step, 'off-step'), count(*)::BIGINT
        FROM placements WHERE run_id = ? {where} GROUP BY ALL
        ORDER BY 1 DESC, 2""", [run_id, *params, run_id, *params])
    fig = go.Figure()
    for when, color in (("before", GREY), ("after", BLUE)):
        part = frame.filter(pl.col("when_") == when)
        fig.add_bar(x=part["step"], y=part["employees"], name=when, marker_color=color)
    fig.update_layout(barmode="group")
    return _layout(fig, "Steps before and after placement", "employees", "step"), frame


def headcount_flows(con, run_id: int):
    frame = query(con, """
        SELECT fiscal_year, count(*) FILTER (WHERE status = 'retired')::BIGINT AS retirements,
               count(*) FILTER (WHERE status = 'separated')::BIGINT AS separations,
               count(*) FILTER (WHERE status = 'replacement' AND rule = 'hired')::BIGINT AS replacements_hired
        FROM position_years WHERE run_id = ? AND branch = 'reform' AND fiscal_year > 0
        GROUP BY fiscal_year ORDER BY fiscal_year""", [run_id])
    fig = go.Figure()
    for col, color in (("retirements", BLUE), ("separations", GREY), ("replacements_hired", GREEN)):
        fig.add_bar(x=frame["fiscal_year"], y=frame[col], name=col.replace("_", " "), marker_color=color)
    fig.update_layout(barmode="group")
    return _layout(fig, "Headcount flows", "positions", "fiscal year"), frame


def largest_changes(con, run_id: int, agency=None, schedule=None, limit: int = 50) -> pl.DataFrame:
    where, params = _where(agency, schedule)
    return query(con, f"""SELECT employee_id, agency, class_code, old_grade, old_step, new_grade, new_step,
               old_annual_cents / 100.0 AS old_annual, new_annual_cents / 100.0 AS new_annual,
               increase_cents / 100.0 AS increase, increase_pct, rule, explanation
        FROM placements WHERE run_id = ? {where} ORDER BY abs(increase_cents) DESC, employee_id LIMIT ?""",
                 [run_id, *params, limit])


def exceptions(con, run_id: int, agency=None, limit: int = 500) -> pl.DataFrame:
    where, params = _where(agency, None)
    return query(con, f"""SELECT CASE WHEN rule = 'EXCLUDED' THEN 'excluded' WHEN red_circle THEN 'red-circled'
                    ELSE 'below the new minimum' END AS exception,
               employee_id, agency, class_code, old_grade, new_grade, new_annual_cents / 100.0 AS new_annual,
               rule, explanation
        FROM placements WHERE run_id = ? AND (green_circle OR red_circle OR rule = 'EXCLUDED') {where}
        ORDER BY 1, employee_id LIMIT ?""", [run_id, *params, limit])


FIGURES = {
    "cost_by_year": cost_by_year,
    "cost_by_agency": cost_by_agency,
    "cost_heatmap": cost_heatmap,
    "raises": raises,
    "winners_by_old_grade": winners_by_old_grade,
    "compression": compression,
    "step_distribution": step_distribution,
    "headcount_flows": headcount_flows,
}
