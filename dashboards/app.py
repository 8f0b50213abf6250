"""The explorer: a Dash app on 127.0.0.1 with pickers for run, agency, schedule, fiscal year and runs to compare.
The headline and the summary table come first; then every figure of dashboards.figures.FIGURES, each with its
data as a CSV download (dollars). Every picker applies to every figure and download, or the figure's subtitle
says that it does not. Employee ids are not shown."""

from __future__ import annotations

from pathlib import Path

import dash
from dash import Input, Output, State, dash_table, dcc, html

from dashboards import figures as F
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
                   style_cell_conditional=[{"if": {"column_id": "explanation"}, "minWidth": "420px",
                                            "width": "420px"},
                                           {"if": {"column_type": "numeric"}, "textAlign": "right"}],
                   style_header={"fontWeight": "bold", "backgroundColor": "#f0f0f0"})


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


CAP_GROUP = "what-if phase-in cap"


def rule_choices(scenario) -> dict[str, list[str]]:
    """Per schedule of the scenario, the placement rules a scenario may give it (those made for its kind, and
    the general ones), the scenario's own first."""
    from simulator.scenario import RULE_KINDS, RULES

    return {k: [scenario.rules[k]] + [r for r in RULES if r != scenario.rules[k]
                                      and (r not in RULE_KINDS or sched.kind in RULE_KINDS[r])]
            for k, sched in scenario.schedules.items()}


def what_if_variant(scenario, years: int, pcts: dict | None = None, general_pct: float = 0.0,
                    cap_pct: float = 0.0, rules: dict | None = None):
    """The scenario the what-if's inputs describe: each schedule across the board by its percent
    (``schedules.<K>.pct``), a general increase a year from the second, a phase-in cap (no raise at placement
    above ``cap_pct`` % of present pay; the rest owed and paid from the next year, A-PROJ-OWED: a group over
    everyone, after the scenario's own) and a placement rule per schedule. ValueError, in words, for a value
    the scenario cannot take."""
    import copy

    from simulator import solve
    from simulator.scenario import Group

    variant = scenario
    for k, p in (pcts or {}).items():
        if p:
            variant = solve.parameter(f"schedules.{k}.pct", scenario).apply(variant, p)
    variant = copy.copy(variant)
    if general_pct:
        variant.projection = {**variant.projection, "general_increases": [
            {"schedule": k, "year": y, "pct": round(general_pct, 2)} for k in scenario.schedules
            for y in range(2, years + 1)]}
    if cap_pct:
        if not 0 < cap_pct <= 100:
            raise ValueError("the phase-in cap is a percent of present pay above 0 and at most 100")
        variant.groups = [*scenario.groups, Group(CAP_GROUP, {}, cap_pct=round(cap_pct, 2))]
    choices = rule_choices(scenario)
    for k, rule in (rules or {}).items():
        if rule not in choices[k]:
            raise ValueError(f"rule {rule} cannot place onto Schedule {k} ({scenario.schedules[k].kind})")
    if rules:
        variant.rules = {**scenario.rules, **rules}
    return variant


def what_if_panel(roster, scenario, years: int = 5):
    """The live what-if: an across-the-board percent for each of the scenario's schedules, a general increase
    a year, a phase-in cap and a placement rule per schedule; the headline (first-year and total cost, % of
    payroll, winners and losers) recomputed on every change from a placement and projection prepared once
    (simulator.recost.Recoster; a cap or another rule is placed again from the prepared roster). Returns
    (layout, register) where register(app) adds its callback."""
    from simulator.errors import InputError
    from simulator.money import dollars_text, pct_text
    from simulator.recost import Recoster

    recoster = Recoster(roster, scenario, years)
    keys = list(scenario.schedules)
    choices = rule_choices(scenario)

    def number(id_, label, value=0):
        return html.Div([html.Label(label, htmlFor=id_), dcc.Input(id=id_, type="number", value=value, step=0.1,
                                                                    debounce=True, style={"width": "7em"})],
                        style={"display": "inline-block", "marginRight": "18px"})

    def rule(k):
        return html.Div([html.Label(f"Schedule {k}: placement rule", htmlFor=f"wi-rule-{k}"),
                         dcc.Dropdown(id=f"wi-rule-{k}", options=choices[k], value=choices[k][0], clearable=False,
                                      style={"width": "14em"})],
                        style={"display": "inline-block", "marginRight": "18px", "verticalAlign": "top"})

    layout = html.Div([
        html.H3(f"What if: {scenario.title}"),
        html.Div("Change a schedule across the board, add a general increase each year, cap the raise at "
                 "placement (the rest is owed and paid from the next year) or place a schedule by another rule "
                 "(where the crosswalk names none); the cost is placed and projected again "
                 f"({years} fiscal years, expected value, nothing stored).",
                 style={"color": "#555", "fontSize": "0.9em"}),
        html.Div([number(f"wi-{k}", f"Schedule {k}: % across the board") for k in keys]
                 + [number("wi-gi", "General increase, % a year from the second"),
                    number("wi-cap", "Phase-in cap, % of present pay (0: none)")], style={"margin": "8px 0"}),
        html.Div([rule(k) for k in keys], style={"margin": "8px 0"}),
        html.Div(id="wi-headline", style={"background": "#fbf7f1", "borderLeft": "5px solid #a0522d",
                                          "padding": "8px 14px", "margin": "10px 0"}),
    ])

    def recost(*values):
        n = len(keys)
        pcts = [float(v or 0) for v in values[:n]]
        gi, cap = float(values[n] or 0), float(values[n + 1] or 0)
        rules = {k: r for k, r in zip(keys, values[n + 2:]) if r and r != scenario.rules[k]}
        try:
            m = recoster.measures(what_if_variant(scenario, years, dict(zip(keys, pcts)), gi, cap, rules))
        except InputError as exc:
            return html.P(f"Not costed: {exc.render().splitlines()[0]}")
        except ValueError as exc:
            return html.P(f"Not costed: {exc}")
        return [html.P(f"First-year cost {dollars_text(m['first_year_cost_cents'])} "
                       f"({pct_text(m['first_year_cost_cents'], m['first_year_baseline_cents'])} of baseline payroll); "
                       f"{years}-year total {dollars_text(m['total_cost_cents'])} "
                       f"({pct_text(m['total_cost_cents'], m['total_baseline_cents'])}).",
                       style={"margin": "4px 0", "fontSize": "1.15em", "fontWeight": 600}),
                html.P(f"At placement {m['winners']:,} employees gain pay and {m['losers']:,} lose pay.",
                       style={"margin": "4px 0"})]

    def register(app):
        app.callback(Output("wi-headline", "children"), *[Input(f"wi-{k}", "value") for k in keys],
                     Input("wi-gi", "value"), Input("wi-cap", "value"),
                     *[Input(f"wi-rule-{k}", "value") for k in keys])(recost)

    return layout, register


def make_app(db: str | Path, what_if=None) -> dash.Dash:
    """The explorer over the store at ``db``; ``what_if`` (a roster frame and a Scenario) adds the live what-if
    panel above the stored runs."""
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
    local_only(app.server)

    def picker(id_, label, opts, value=None, multi=False, width="19%"):
        return html.Div([html.Label(label, htmlFor=id_), dcc.Dropdown(id=id_, options=opts, value=value, multi=multi,
                                                                      clearable=multi)],
                        style={"width": width, "display": "inline-block", "marginRight": "1%",
                               "verticalAlign": "top"})

    def figure_block(spec: F.Figure):
        return html.Div([html.H3(spec.title, style={"marginBottom": "2px"}),
                         html.Div(id=f"sub-{spec.key}", style={"color": "#555", "fontSize": "0.85em"}),
                         dcc.Graph(id=f"fig-{spec.key}", config={"displaylogo": False}),
                         html.Button("Download CSV (dollars)", id=f"dl-btn-{spec.key}"),
                         dcc.Download(id=f"dl-{spec.key}")], style={"minWidth": "0"})

    panel, register = what_if_panel(*what_if) if what_if else (html.Div(), None)
    app.layout = html.Div([
        html.H2("regrade explorer"),
        panel,
        html.Div(id="meta", style={"color": "#555", "fontSize": "0.9em"}),
        html.Div([picker("run", "Run", options, options[-1]["value"]),
                  picker("agency", "Agency", [{"label": "All agencies", "value": ALL}], ALL),
                  picker("schedule", "Schedule", [{"label": "All schedules", "value": ALL}], ALL),
                  picker("year", "Fiscal year (cost by agency)", [{"label": "First fiscal year", "value": ALL}], ALL),
                  picker("compare", "Compare with runs", options, [], multi=True, width="20%")],
                 style={"margin": "8px 0"}),
        html.Div(id="headline", style={"background": "#f4f7fb", "borderLeft": "5px solid #1f4e79",
                                       "padding": "8px 14px", "margin": "10px 0"}),
        html.H3("Summary by fiscal year"),
        dash_table.DataTable(id="summary", **TABLE_STYLE),
        html.Div([figure_block(spec) for spec in F.FIGURES],
                 style={"display": "grid", "gridTemplateColumns": "repeat(auto-fit, minmax(560px, 1fr))",
                        "gap": "12px 24px"}),
        html.H3("The largest changes at placement, and the rule that decided each"),
        dash_table.DataTable(id="largest", page_size=15, export_format="csv", **TABLE_STYLE),
        html.H3(id="exceptions-title"),
        dash_table.DataTable(id="exceptions", page_size=15, export_format="csv", **TABLE_STYLE),
    ], style={"maxWidth": "1280px", "margin": "auto", "fontFamily": "system-ui, sans-serif", "padding": "0 12px"})

    @app.callback(Output("agency", "options"), Output("schedule", "options"), Output("year", "options"),
                  Output("agency", "value"), Output("schedule", "value"), Output("year", "value"),
                  Output("meta", "children"), Input("run", "value"))
    def pickers(run_id):
        con = connect()
        try:
            info = R.run_info(con, run_id)
            opts = R.options(con, run_id)
        finally:
            con.close()
        meta = (f"{info['scenario_title']} | roster {info['roster_name']}"
                + (" (SYNTHETIC: no real person)" if info["roster_synthetic"] else "")
                + f" | {info['employees']:,} employees | seed {info['seed']} | "
                + (f"{info['replicas']} replicas" if info["replicas"] else "expected value")
                + f" | assumptions: {info['assumptions'] or 'none'} | " + R.COST_NOTE)
        return ([{"label": "All agencies", "value": ALL}, *[{"label": a, "value": a} for a in opts["agency"]]],
                [{"label": "All schedules", "value": ALL}, *[{"label": s, "value": s} for s in opts["schedule"]]],
                [{"label": "First fiscal year", "value": ALL}, *[{"label": str(y), "value": y} for y in opts["year"]]],
                ALL, ALL, ALL, meta)

    outputs = [Output("headline", "children"), Output("summary", "columns"), Output("summary", "data")]
    for spec in F.FIGURES:
        outputs += [Output(f"fig-{spec.key}", "figure"), Output(f"sub-{spec.key}", "children")]
    outputs += [Output("largest", "columns"), Output("largest", "data"), Output("exceptions", "columns"),
                Output("exceptions", "data"), Output("exceptions-title", "children")]

    @app.callback(outputs, Input("run", "value"), Input("agency", "value"), Input("schedule", "value"),
                  Input("year", "value"), Input("compare", "value"))
    def update(run_id, agency, schedule, year, compare):
        f = _filters(agency, schedule, year)
        con = connect()
        try:
            s = R.summary(con, run_id, f)
            out = [[html.P(line, style={"margin": "4px 0", "fontSize": "1.15em" if i == 0 else "1em",
                                        "fontWeight": 600 if i == 0 else 400})
                    for i, line in enumerate(R.headline(s))], *_table_props(R.summary_table(s))]
            for spec in F.FIGURES:
                fig, _ = spec.build(con, run_id, f, compare or [])
                out += [fig, spec.subtitle(f)]
            out += [*_table_props(R.largest_changes(con, run_id, f, limit=50, with_ids=False))]
            exc, n_exc = R.exceptions(con, run_id, f, limit=500, with_ids=False)
            out += [*_table_props(exc), f"Exceptions: excluded, red-circled, below the new minimum ({n_exc:,} in "
                                        f"all{'; the first 500 here' if n_exc > 500 else ''})"]
        finally:
            con.close()
        return out

    for spec in F.FIGURES:
        def download(n, run_id, agency, schedule, year, compare, spec=spec):
            con = connect()
            try:
                _, frame = spec.build(con, run_id, _filters(agency, schedule, year), compare or [])
            finally:
                con.close()
            return dcc.send_string(F.download(frame), f"run{run_id}_{spec.key}.csv")

        app.callback(Output(f"dl-{spec.key}", "data"), Input(f"dl-btn-{spec.key}", "n_clicks"), State("run", "value"),
                     State("agency", "value"), State("schedule", "value"), State("year", "value"),
                     State("compare", "value"), prevent_initial_call=True)(download)
    if register:
        register(app)
    return app


def serve(db: str | Path, port: int = 8050, what_if=None) -> None:
    make_app(db, what_if).run(host="127.0.0.1", port=port, debug=False)
