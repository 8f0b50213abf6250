"""The explorer: a Dash app on 127.0.0.1 with pickers for run, agency, schedule and year. Every figure is
built by dashboards/figures.py from a DuckDB query with bound parameters; every figure's data downloads."""

from __future__ import annotations

from pathlib import Path

import dash
from dash import Input, Output, State, dash_table, dcc, html

from dashboards import figures as F
from simulator import store

FIGS = ["cost_by_year", "pct_of_payroll", "cost_by_agency", "cost_heatmap", "raises", "winners_by_old_grade",
        "compression", "step_distribution", "headcount_flows"]


def make_app(db: str | Path) -> dash.Dash:
    db = str(db)

    def connect():
        return store.connect(db, read_only=True)

    con = connect()
    runs = store.runs(con)
    con.close()
    if runs.height == 0:
        raise ValueError(f"no runs in {db}: run 'regrade run' or 'regrade demo' first")
    options = [{"label": f"run {r}: {n}" + (" (SYNTHETIC)" if s else ""), "value": r}
               for r, n, s in runs.select("run_id", "scenario_name", "roster_synthetic").iter_rows()]
    app = dash.Dash(__name__, title="regrade explorer")

    def picker(id_, label, opts, value=None, multi=False):
        return html.Div([html.Label(label), dcc.Dropdown(id=id_, options=opts, value=value, multi=multi,
                                                         clearable=not (id_ == "run"))],
                        style={"width": "24%", "display": "inline-block", "marginRight": "1%"})

    app.layout = html.Div([
        html.H2("regrade explorer"),
        html.Div(id="meta", style={"color": "#555"}),
        html.Div([picker("run", "Run", options, options[-1]["value"]), picker("agency", "Agency", []),
                  picker("schedule", "Schedule", []), picker("year", "Fiscal year", [])]),
        html.Div(id="total", style={"fontSize": "1.2em", "margin": "12px 0"}),
        *[html.Div([dcc.Graph(id=f"fig-{k}"), html.Button("Download CSV", id=f"dl-btn-{k}"),
                    dcc.Download(id=f"dl-{k}")]) for k in FIGS],
        html.H3("The largest changes, and the rule that decided each"),
        dash_table.DataTable(id="largest", page_size=15, style_cell={"textAlign": "left", "fontSize": 12},
                             export_format="csv"),
        html.H3("Exceptions: below the new minimum, red-circled, excluded"),
        dash_table.DataTable(id="exceptions", page_size=15, style_cell={"textAlign": "left", "fontSize": 12},
                             export_format="csv"),
    ], style={"maxWidth": "1200px", "margin": "auto", "fontFamily": "system-ui, sans-serif"})

    @app.callback(Output("agency", "options"), Output("schedule", "options"), Output("year", "options"),
                  Output("meta", "children"), Input("run", "value"))
    def pickers(run_id):
        con = connect()
        try:
            info = F.run_info(con, run_id)
            ag = store.query(con, "SELECT DISTINCT agency FROM placements WHERE run_id = ? ORDER BY 1", [run_id])
            sc = store.query(con, "SELECT DISTINCT coalesce(target_schedule, 'excluded') AS s FROM placements "
                                  "WHERE run_id = ? ORDER BY 1", [run_id])
            yr = store.query(con, "SELECT DISTINCT fiscal_year FROM cost_cube WHERE run_id = ? ORDER BY 1", [run_id])
        finally:
            con.close()
        meta = (f"{info['scenario_title']} | roster {info['roster_name']}"
                + (" (SYNTHETIC: no real person)" if info["roster_synthetic"] else "")
                + f" | seed {info['seed']} | assumptions: {info['assumptions']}")
        return ag["agency"].to_list(), sc["s"].to_list(), yr["fiscal_year"].to_list(), meta

    @app.callback([Output(f"fig-{k}", "figure") for k in FIGS] + [Output("total", "children"),
                   Output("largest", "data"), Output("exceptions", "data")],
                  Input("run", "value"), Input("agency", "value"), Input("schedule", "value"), Input("year", "value"))
    def update(run_id, agency, schedule, year):
        con = connect()
        try:
            cost, cost_frame = F.cost_by_year(con, run_id, agency, schedule)
            figs = [cost, F.pct_of_payroll(con, [run_id])[0], F.cost_by_agency(con, run_id, year, schedule)[0],
                    F.cost_heatmap(con, run_id, agency)[0], F.raises(con, run_id, agency, schedule)[0],
                    F.winners_by_old_grade(con, run_id, agency)[0], F.compression(con, run_id)[0],
                    F.step_distribution(con, run_id, agency)[0], F.headcount_flows(con, run_id)[0]]
            largest = F.largest_changes(con, run_id, agency, schedule).to_dicts()
            exc = F.exceptions(con, run_id, agency).to_dicts()
        finally:
            con.close()
        row = cost_frame.filter(cost_frame["fiscal_year"] == (year or cost_frame["fiscal_year"].min()))
        total = "no rows for this choice"
        if row.height:
            d = row["difference_cents"][0]
            total = f"Cost of the reform in fiscal year {row['fiscal_year'][0]}: ${d / 100:,.2f}"
        return [*figs, total, largest, exc]

    for key in FIGS:
        def download(n, run_id, agency, schedule, key=key):
            con = connect()
            try:
                builder = F.FIGURES.get(key)
                frame = (F.pct_of_payroll(con, [run_id])[1] if key == "pct_of_payroll" else
                         builder(con, run_id)[1])
            finally:
                con.close()
            return dcc.send_string(frame.write_csv(), f"run{run_id}_{key}.csv")

        app.callback(Output(f"dl-{key}", "data"), Input(f"dl-btn-{key}", "n_clicks"), State("run", "value"),
                     State("agency", "value"), State("schedule", "value"), prevent_initial_call=True)(download)
    return app


def serve(db: str | Path, port: int = 8050) -> None:
    make_app(db).run(host="127.0.0.1", port=port, debug=False)
