"""The explorer: a Dash app on 127.0.0.1 with pickers for run, agency, schedule, fiscal year and runs to compare.
The headline and the summary table come first; then every figure of dashboards.figures.FIGURES, each with its
data as a CSV download (dollars). Every picker applies to every figure and download, or the figure's subtitle
says that it does not. Employee ids are not shown."""

from __future__ import annotations

from pathlib import Path

import dash
import plotly.graph_objects as go
from dash import Input, Output, State, dash_table, dcc, html

from dashboards import figures as F
from dashboards.what_if import what_if_panel
from simulator import results as R
from simulator import store
from simulator.money import for_people

ALL = "all"  # the pickers' "All ..." choice


def _filters(agency, schedule, year) -> R.Filters:
    return R.Filters(None if agency in (None, ALL) else agency, None if schedule in (None, ALL) else schedule,
                     None if year in (None, ALL) else int(year))


def _table_props(frame) -> tuple[list[dict], list[dict]]:
    """A frame in cents as DataTable columns (headings in words, money as $) and rows (dollars)."""
    people = for_people(frame)
    from dash.dash_table.Format import Format, Group, Scheme, Symbol

    columns = []
    for c in people.columns:
        col = {"name": R.HEADINGS.get(c, c.replace("_", " ")), "id": c}
        if c.endswith("_dollars"):
            col.update(type="numeric", format=dash_table.FormatTemplate.money(2))
        elif "pct" in c:
            col.update(type="numeric", format=Format(precision=2, scheme=Scheme.fixed, symbol=Symbol.yes,
                                                     symbol_suffix=" %"))
        elif people.schema[c].is_integer() and c not in ("fiscal_year", "position"):
            col.update(type="numeric", format=Format(group=Group.yes))
        columns.append(col)
    rows = people.with_columns([people[c].cast(float) for c in people.columns if c.endswith("_dollars")
                                or "pct" in c]).to_dicts()
    return columns, rows


TABLE_STYLE = dict(style_cell={"textAlign": "left", "fontSize": 12, "whiteSpace": "normal", "height": "auto",
                               "fontFamily": "system-ui, sans-serif"},
                   # the sentence wraps in what the other columns leave (a fixed 420 px pushed the table past a
                   # 1024-px window); headings wrap too
                   style_cell_conditional=[{"if": {"column_id": "explanation"}, "minWidth": "200px"},
                                           {"if": {"column_type": "numeric"}, "textAlign": "right"}],
                   style_header={"fontWeight": "bold", "backgroundColor": "#f0f0f0", "whiteSpace": "normal"},
                   style_table={"maxWidth": "100%"})


LOCAL_HOSTS = ("127.0.0.1", "localhost")


def local_only(server) -> None:
    """Answer only requests addressed to this machine: a Host header other than 127.0.0.1 or localhost (with any
    port) gets 403, the defence against DNS rebinding, on top of listening on 127.0.0.1 only."""
    from flask import abort, request

    @server.before_request
    def _check_host():
        host = request.host.rsplit(":", 1)[0] if not request.host.startswith("[") else request.host
        if host not in LOCAL_HOSTS:
            abort(403, description="regrade's explorer answers only requests for 127.0.0.1 or localhost")


MAX_BODY = 1_000_000  # bytes of a request: a callback's inputs are a few hundred; more is refused (413)
MAX_COMPARED = 20  # runs compared at once in the explorer


def harden(server) -> None:
    """Requests larger than MAX_BODY get 413, a callback body that is not JSON gets 400, and any error a
    callback did not foresee is one line on the terminal and a plain 500, never a traceback."""
    from flask import abort, request
    from werkzeug.exceptions import HTTPException

    server.config["MAX_CONTENT_LENGTH"] = MAX_BODY

    @server.before_request
    def _json_only():
        if request.method == "POST" and request.path.endswith("_dash-update-component"):
            if request.get_json(silent=True) is None:
                abort(400, description="a callback's body is JSON")

    @server.errorhandler(Exception)
    def _plain(exc):
        if isinstance(exc, HTTPException):
            return exc
        print(f"regrade explorer: a request failed ({type(exc).__name__}: {str(exc)[:200]})", flush=True)
        return "regrade explorer: internal error", 500


def checked(con, run_id, agency=None, schedule=None, year=None, compare=None) -> None:
    """The pickers' values as a callback receives them, checked: a run of this store (or none), text for agency
    and schedule, a fiscal year as a number, at most MAX_COMPARED runs to compare. Anything else is a request no
    page of this explorer sends: 400 (werkzeug's BadRequest), no traceback."""
    from werkzeug.exceptions import BadRequest

    ids = set(store.runs(con)["run_id"].to_list())

    def a_run(v) -> bool:
        return isinstance(v, int) and not isinstance(v, bool) and v in ids

    if run_id is not None and not a_run(run_id):
        raise BadRequest(f"no run {str(run_id)[:40]} in this store")
    for name, v in (("agency", agency), ("schedule", schedule)):
        if v is not None and (not isinstance(v, str) or len(v) > 300):
            raise BadRequest(f"{name} is a name")
    if year not in (None, ALL) and (isinstance(year, bool) or not isinstance(year, int)):
        raise BadRequest("a fiscal year is a number")
    if compare is not None and (not isinstance(compare, list) or len(compare) > MAX_COMPARED
                                or not all(a_run(c) for c in compare)):
        raise BadRequest(f"compare takes at most {MAX_COMPARED} runs of this store")


def _run_options(runs, leave_out=None) -> list[dict]:
    """A choice per run, told apart by more than its scenario: its years, its people, when it was stored."""
    return [{"label": f"run {r['run_id']}: {r['scenario_name']}" + (" (SYNTHETIC)" if r["roster_synthetic"] else "")
             + f" · {r['years']} yr · {r['employees']:,} people · {r['finished_at']:%b %d %H:%M}",
             "value": r["run_id"]} for r in runs.iter_rows(named=True) if r["run_id"] != leave_out]


def _no_one(text: str) -> go.Figure:
    """An empty figure that says why it is empty (no axes to misread)."""
    fig = go.Figure()
    fig.add_annotation(text=text, showarrow=False, font=dict(size=14, color="#555"), x=0.5, y=0.5,
                       xref="paper", yref="paper")
    fig.update_layout(template="plotly_white", height=160, xaxis=dict(visible=False), yaxis=dict(visible=False),
                      margin=dict(l=10, r=10, t=10, b=10))
    return fig


def nothing(text: str) -> list:
    """Every output of the stored-run view saying ``text`` instead (no run chosen, no one matches)."""
    out = [html.P(text, style={"margin": "4px 0", "fontWeight": 600}), [], []]
    for _ in F.FIGURES:
        out += [_no_one(text), ""]
    return out + [[], [], [], [], "Exceptions", ""]


REFRESH_SECONDS = 10  # runs stored while the explorer is open appear in its pickers within this


def make_app(db: str | Path, what_if=None) -> dash.Dash:
    """The explorer over the store at ``db``; ``what_if`` (a roster frame and a Scenario) adds the live what-if
    panel above the stored runs, which then start at the newest stored run of the same scenario (none chosen if
    there is none: two scenarios' headlines never share the screen unasked)."""
    db = str(db)

    def connect():
        return store.connect(db, read_only=True)

    con = connect()
    runs = store.runs(con)
    con.close()
    if runs.height == 0:
        raise ValueError(f"no runs in {db}: run 'regrade run' or 'regrade demo' first")
    options = _run_options(runs)
    first = options[-1]["value"]
    if what_if:
        same = runs.filter(runs["scenario_name"] == what_if[1].name)
        first = same["run_id"][-1] if same.height else None
    app = dash.Dash(__name__, title="regrade explorer")
    local_only(app.server)
    harden(app.server)

    def picker(id_, label, opts, value=None, multi=False, width="19%", clearable=None):
        return html.Div([html.Label(label, htmlFor=id_),
                         dcc.Dropdown(id=id_, options=opts, value=value, multi=multi,
                                      clearable=multi if clearable is None else clearable)],
                        style={"width": width, "display": "inline-block", "marginRight": "1%",
                               "verticalAlign": "top"})

    def figure_block(spec: F.Figure):
        return html.Div([html.H3(spec.title, style={"marginBottom": "2px"}),
                         html.Div(id=f"sub-{spec.key}", style={"color": "#555", "fontSize": "0.85em"}),
                         dcc.Graph(id=f"fig-{spec.key}", config={"displaylogo": False}),
                         html.Button("Download CSV (dollars)", id=f"dl-btn-{spec.key}"),
                         dcc.Download(id=f"dl-{spec.key}")], style={"minWidth": "0"})

    panel, register = what_if_panel(*what_if) if what_if else (html.Div(), None)
    stored_title = ([html.H2("Stored runs", style={"marginTop": "28px"}),
                     html.Div("Below: a run stored in the database, not the what-if above. It starts at the newest "
                              "stored run of the same scenario, if there is one.",
                              style={"color": "#555", "fontSize": "0.9em"})] if what_if else [])
    app.layout = html.Div([
        html.H2("regrade explorer"),
        panel,
        *stored_title,
        dcc.Interval(id="refresh", interval=REFRESH_SECONDS * 1000),
        html.Div(id="meta", style={"color": "#555", "fontSize": "0.9em"}),
        html.Div([picker("run", "Run", options, first, clearable=True, width="34%"),
                  picker("agency", "Agency", [{"label": "All agencies", "value": ALL}], ALL, width="20%"),
                  picker("schedule", "Schedule", [{"label": "All schedules", "value": ALL}], ALL, width="12%"),
                  picker("year", "Fiscal year (cost by agency)", [{"label": "First fiscal year", "value": ALL}], ALL,
                         width="14%"),
                  picker("compare", "Compare with runs", options, [], multi=True, width="16%")],
                 style={"margin": "8px 0"}),
        html.Div(id="compare-warning", style={"color": "#b22222", "fontSize": "0.9em"}),
        html.Div(id="headline", style={"background": "#f4f7fb", "borderLeft": "5px solid #1f4e79",
                                       "padding": "8px 14px", "margin": "10px 0"}),
        html.H3("Summary by fiscal year"),
        dash_table.DataTable(id="summary", **TABLE_STYLE),
        html.Div([figure_block(spec) for spec in F.FIGURES],
                 style={"display": "grid", "gridTemplateColumns": "repeat(auto-fit, minmax(min(560px, 100%), 1fr))",
                        "gap": "12px 24px"}),
        html.H3("The largest changes at placement, and the rule that decided each"),
        dash_table.DataTable(id="largest", page_size=15, **TABLE_STYLE),
        html.Button("Download CSV (dollars)", id="dl-btn-largest"), dcc.Download(id="dl-largest"),
        html.H3(id="exceptions-title"),
        dash_table.DataTable(id="exceptions", page_size=15, **TABLE_STYLE),
        html.Button("Download CSV (dollars)", id="dl-btn-exceptions"), dcc.Download(id="dl-exceptions"),
    ], style={"maxWidth": "1280px", "margin": "auto", "fontFamily": "system-ui, sans-serif", "padding": "0 12px"})

    @app.callback(Output("run", "options"), Output("compare", "options"), Input("refresh", "n_intervals"),
                  Input("run", "value"))
    def refresh(_, run_id):
        """The runs in the store as choices, read when the page loads and every REFRESH_SECONDS (runs stored since
        appear; a store busy with a writer: next time); the run shown is not offered to compare with itself."""
        try:
            con = connect()
        except Exception:  # a writer holds the store: try again at the next tick
            return dash.no_update, dash.no_update
        try:
            runs = store.runs(con)
        finally:
            con.close()
        return _run_options(runs), _run_options(runs, leave_out=run_id)

    _pickers(app, connect)
    _update(app, connect)
    _downloads(app, connect)
    if register:
        register(app)
    return app


def _pickers(app, connect) -> None:
    """A run chosen: its agencies, schedules and years, every picker back to All. An agency chosen: the
    schedules its people are placed on (the schedule picker back to All if the one chosen has none there)."""
    @app.callback(Output("agency", "options"), Output("schedule", "options"), Output("year", "options"),
                  Output("agency", "value"), Output("schedule", "value"), Output("year", "value"),
                  Output("meta", "children"), Input("run", "value"), Input("agency", "value"),
                  State("schedule", "value"))
    def pickers(run_id, agency, schedule):
        all_agencies = {"label": "All agencies", "value": ALL}
        all_schedules = {"label": "All schedules", "value": ALL}
        first_year = {"label": "First fiscal year", "value": ALL}
        if run_id is None:
            return [all_agencies], [all_schedules], [first_year], ALL, ALL, ALL, "Choose a stored run above."
        con = connect()
        try:
            checked(con, run_id, agency, schedule)
            if dash.ctx.triggered_id == "agency":
                kept = R.schedules(con, run_id, None if agency in (None, ALL) else agency)
                return (dash.no_update, [all_schedules, *[{"label": s, "value": s} for s in kept]], dash.no_update,
                        dash.no_update, schedule if schedule in kept else ALL, dash.no_update, dash.no_update)
            info = R.run_info(con, run_id)
            opts = R.options(con, run_id)
        finally:
            con.close()
        meta = (f"Run {run_id}: {info['scenario_title']} | roster {info['roster_name']}"
                + (" (SYNTHETIC: no real person)" if info["roster_synthetic"] else "")
                + f" | {info['employees']:,} employees | seed {info['seed']} | "
                + (f"{info['replicas']} replicas" if info["replicas"] else "expected value")
                + f" | assumptions: {info['assumptions'] or 'none'} | " + R.COST_NOTE)
        return ([all_agencies, *[{"label": a, "value": a} for a in opts["agency"]]],
                [all_schedules, *[{"label": s, "value": s} for s in opts["schedule"]]],
                [first_year, *[{"label": str(y), "value": y} for y in opts["year"]]], ALL, ALL, ALL, meta)


def _update(app, connect) -> None:
    """The headline, the summary, every figure and the tables for the run and filters chosen; where no one
    matches the filters, that said in place of each (no empty axes to misread)."""
    outputs = [Output("headline", "children"), Output("summary", "columns"), Output("summary", "data")]
    for spec in F.FIGURES:
        outputs += [Output(f"fig-{spec.key}", "figure"), Output(f"sub-{spec.key}", "children")]
    outputs += [Output("largest", "columns"), Output("largest", "data"), Output("exceptions", "columns"),
                Output("exceptions", "data"), Output("exceptions-title", "children"),
                Output("compare-warning", "children")]

    @app.callback(outputs, Input("run", "value"), Input("agency", "value"), Input("schedule", "value"),
                  Input("year", "value"), Input("compare", "value"))
    def update(run_id, agency, schedule, year, compare):
        if run_id is None:
            return nothing("No stored run chosen: choose one in the Run picker.")
        con = connect()
        try:
            checked(con, run_id, agency, schedule, year, compare)
            return stored_run_view(con, run_id, _filters(agency, schedule, year), compare or [])
        finally:
            con.close()


def stored_run_view(con, run_id: int, f: R.Filters, compare: list[int]) -> list:
    """What the explorer shows of a stored run for the filters chosen, in the order of its outputs: the headline,
    the summary, each figure and its subtitle, the largest changes, the exceptions, compare's warning. Where no
    one matches the filters, that is said in place of each (``nothing``)."""
    compare = [c for c in compare if c != run_id]
    warning = "; ".join("Warning: " + w for w in R.differences(R.runs_info(con, [run_id, *compare]))) \
        if compare else ""
    s = R.summary(con, run_id, f)
    if s["counts"]["employees"] == 0:
        return nothing(f"No employees match {f.label()} in run {run_id}: choose another agency or "
                       "schedule.")[:-1] + [warning]
    out = [[html.P(line, style={"margin": "4px 0", "fontSize": "1.15em" if i == 0 else "1em",
                                "fontWeight": 600 if i == 0 else 400})
            for i, line in enumerate(R.headline(s))], *_table_props(R.summary_table(s))]
    for spec in F.FIGURES:
        fig, _ = spec.build(con, run_id, f, compare)
        out += [fig, spec.subtitle(f)]
    out += [*_table_props(R.largest_changes(con, run_id, f, limit=50, with_ids=False))]
    exc, n_exc = R.exceptions(con, run_id, f, limit=500, with_ids=False)
    return out + [*_table_props(exc), f"Exceptions: excluded, red-circled, below the new minimum ({n_exc:,} in "
                                      f"all{'; the first 500 here' if n_exc > 500 else ''})", warning]


TABLES = {  # the explorer's tables, downloaded as the report's are: every row asked for, in dollars
    "largest": lambda con, run_id, f: R.largest_changes(con, run_id, f, limit=50, with_ids=False),
    "exceptions": lambda con, run_id, f: R.exceptions(con, run_id, f, limit=20_000, with_ids=False)[0],
}


def _downloads(app, connect) -> None:
    """Each figure's data and each table as CSV in dollars (formula cells neutralized: simulator/outputs.py), for
    the run and filters chosen."""
    def build(key):
        if key in TABLES:
            return lambda con, run_id, f, compare: (None, TABLES[key](con, run_id, f))
        return F.BY_KEY[key].build

    for key in [*(spec.key for spec in F.FIGURES), *TABLES]:
        def download(n, run_id, agency, schedule, year, compare, key=key):
            if run_id is None:
                return dash.no_update
            con = connect()
            try:
                checked(con, run_id, agency, schedule, year, compare)
                _, frame = build(key)(con, run_id, _filters(agency, schedule, year), compare or [])
            finally:
                con.close()
            return dcc.send_string(F.download(frame), f"run{run_id}_{key}.csv")

        app.callback(Output(f"dl-{key}", "data"), Input(f"dl-btn-{key}", "n_clicks"), State("run", "value"),
                     State("agency", "value"), State("schedule", "value"), State("year", "value"),
                     State("compare", "value"), prevent_initial_call=True)(download)


def serve(app: dash.Dash, port: int = 8050) -> None:
    """The explorer ``app`` (make_app) on 127.0.0.1 only; the web server's own banner and a line per request
    left off the terminal (errors still show)."""
    import logging

    import flask.cli

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    flask.cli.show_server_banner = lambda *args, **kwargs: None
    app.run(host="127.0.0.1", port=port, debug=False)
