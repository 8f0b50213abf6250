"""The explorer's live what-if: its inputs read exactly as typed (or refused, in words, with the reason), the
scenario variant they describe, and the panel that recosts it on every change (simulator/recost.py)."""

from __future__ import annotations

import copy
import re
from decimal import Decimal

from dash import Input, Output, State, dcc, html

CAP_GROUP = "what-if phase-in cap"
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
MINUS_SIGNS = {"\u2212": "-", "\u2013": "-", "\u2012": "-"}  # a minus sign pasted from a document
# each input's label, and the values a scenario file would accept for it (simulator/transforms.py, the
# [projection] general_increases check, a group's cap_pct), with the reason in words
SCHEDULE_PCT = (-90, 1000, "a transform's percent in a scenario file")
GENERAL_PCT = (-50, 100, "a general increase in a scenario file")
CAP_PCT = (0, 100, "a group's cap_pct in a scenario file; 0: no cap")


def read_percent(typed, label: str, bounds: tuple) -> Decimal:
    """A typed percent as exactly the number shown, on the grid of a hundredth of a per cent; blank is 0.
    ValueError, naming the input and the value as typed, for anything else."""
    lo, hi, source = bounds
    if typed is None:
        return Decimal(0)
    if isinstance(typed, bool) or not isinstance(typed, str | int | float):
        raise ValueError(f"{label}: not a number")
    text = str(typed).strip()
    for sign, minus in MINUS_SIGNS.items():
        text = text.replace(sign, minus)
    shown = str(typed).strip()[:40]
    if text == "":
        return Decimal(0)
    if not NUMBER.fullmatch(text):
        raise ValueError(f"{label}: '{shown}' is not a number; type a percent in plain digits, such as -2.15")
    value = Decimal(text)
    if value != value.quantize(Decimal("0.01")):
        raise ValueError(f"{label}: '{shown}' has more than two decimals; the grid is a hundredth of a per cent: "
                         "round it to two decimals")
    if not lo <= value <= hi:
        raise ValueError(f"{label}: {value:g} % is outside {lo} to {hi:,} %, what {source} accepts")
    return value.quantize(Decimal("0.01"))


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
    from simulator import solve
    from simulator.scenario import Group

    variant = scenario
    for k, p in (pcts or {}).items():
        if p:
            variant = solve.parameter(f"schedules.{k}.pct", scenario).apply(variant, float(p))
    variant = copy.copy(variant)
    if general_pct:
        variant.projection = {**variant.projection, "general_increases": [
            {"schedule": k, "year": y, "pct": float(general_pct)} for k in scenario.schedules
            for y in range(2, years + 1)]}
    if cap_pct:
        if not 0 < cap_pct <= 100:
            raise ValueError("the phase-in cap is a percent of present pay above 0 and at most 100")
        variant.groups = [*scenario.groups, Group(CAP_GROUP, {}, cap_pct=float(cap_pct))]
    choices = rule_choices(scenario)
    for k, rule in (rules or {}).items():
        if rule not in choices[k]:
            raise ValueError(f"rule {rule} cannot place onto Schedule {k} ({scenario.schedules[k].kind})")
    if rules:
        variant.rules = {**scenario.rules, **rules}
    return variant


def _inputs(keys: list[str], values) -> tuple[dict, Decimal, Decimal, list[str]]:
    """The typed values read (percents per schedule, the general increase, the cap) and every problem."""
    problems, pcts = [], {}
    n = len(keys)
    for k, typed in zip(keys, values[:n]):
        try:
            pcts[k] = read_percent(typed, f"Schedule {k}: % across the board", SCHEDULE_PCT)
        except ValueError as exc:
            problems.append(str(exc))
    read = []
    for typed, label, bounds in ((values[n], "General increase", GENERAL_PCT),
                                 (values[n + 1], "Phase-in cap", CAP_PCT)):
        try:
            read.append(read_percent(typed, label, bounds))
        except ValueError as exc:
            problems.append(str(exc))
            read.append(None)
    return pcts, read[0], read[1], problems


def _as_costed(pcts: dict, gi: Decimal, cap: Decimal, rules: dict) -> str:
    """The inputs as costed, in words: what the figures above are the cost of."""
    parts = [f"Schedule {k} {p:+.2f} %" for k, p in pcts.items()]
    parts.append(f"general increase {gi:.2f} % a year" if gi else "no general increase")
    parts.append(f"phase-in cap {cap:.2f} % of present pay" if cap else "no phase-in cap")
    parts += [f"Schedule {k} placed by {r}" for k, r in rules.items()]
    return "Costed: " + "; ".join(parts) + "."


def what_if_panel(roster, scenario, years: int = 5, roster_name: str = "roster"):
    """The live what-if: an across-the-board percent for each of the scenario's schedules, a general increase
    a year, a phase-in cap and a placement rule per schedule; the headline (first-year and total cost, % of
    payroll, winners and losers) recomputed on every change from a placement and projection prepared once
    (simulator.recost.Recoster; a cap or another rule is placed again from the prepared roster). Every input is
    costed as exactly the number it shows, or refused with the reason and no figure. Returns (layout,
    register) where register(app) adds its callback."""
    from simulator.errors import InputError
    from simulator.money import dollars_text, pct_text
    from simulator.recost import Recoster

    recoster = Recoster(roster, scenario, years, roster_name=roster_name)
    keys = list(scenario.schedules)
    choices = rule_choices(scenario)

    def number(id_, label, bounds):
        return html.Div([html.Label(label, htmlFor=id_, style={"display": "block"}),
                         dcc.Input(id=id_, type="text", inputMode="decimal", value="0", debounce=False,
                                   placeholder=f"{bounds[0]} to {bounds[1]:,}", style={"width": "9em"})],
                        style={"display": "inline-block", "marginRight": "18px", "verticalAlign": "top"})

    def rule(k):
        return html.Div([html.Label(f"Schedule {k}: placement rule", htmlFor=f"wi-rule-{k}"),
                         dcc.Dropdown(id=f"wi-rule-{k}", options=choices[k], value=choices[k][0], clearable=False,
                                      style={"width": "14em"})],
                        style={"display": "inline-block", "marginRight": "18px", "verticalAlign": "top"})

    layout = html.Div([
        html.H3(f"What if: {scenario.title}"),
        html.Div("Change a schedule across the board, add a general increase each year, cap the raise at "
                 "placement (the rest is owed and paid from the next year) or place a schedule by another rule "
                 "(where the crosswalk names none), then press Enter; the cost is placed and projected again "
                 f"({years} fiscal years, expected value, nothing stored). Percents to two decimals.",
                 style={"color": "#555", "fontSize": "0.9em"}),
        html.Div([number(f"wi-{k}", f"Schedule {k}: % across the board", SCHEDULE_PCT) for k in keys]
                 + [number("wi-gi", "General increase, % a year from the second", GENERAL_PCT),
                    number("wi-cap", "Phase-in cap, % of present pay (0: none)", CAP_PCT)],
                 style={"margin": "8px 0"}),
        html.Div([rule(k) for k in keys], style={"margin": "8px 0"}),
        html.Div(id="wi-headline", style={"background": "#fbf7f1", "borderLeft": "5px solid #a0522d",
                                          "padding": "8px 14px", "margin": "10px 0"}),
    ])

    def recost(*values):
        pcts, gi, cap, problems = _inputs(keys, values)
        rules = {k: r for k, r in zip(keys, values[len(keys) + 2:]) if r and r != scenario.rules[k]}
        if problems:
            return [html.P("Not costed: " + p, className="wi-error", style={"color": "#b22222", "margin": "4px 0"})
                    for p in problems]
        try:
            m = recoster.measures(what_if_variant(scenario, years, pcts, gi, cap, rules))
        except InputError as exc:
            return html.P(f"Not costed: {exc.render().splitlines()[0]}", className="wi-error")
        except ValueError as exc:
            return html.P(f"Not costed: {exc}", className="wi-error")
        return [html.P(f"First-year cost {dollars_text(m['first_year_cost_cents'])} "
                       f"({pct_text(m['first_year_cost_cents'], m['first_year_baseline_cents'])} of baseline payroll); "
                       f"{years}-year total {dollars_text(m['total_cost_cents'])} "
                       f"({pct_text(m['total_cost_cents'], m['total_baseline_cents'])}).",
                       style={"margin": "4px 0", "fontSize": "1.15em", "fontWeight": 600}),
                *([html.P(f"With the employer's benefits: first year {dollars_text(m['first_year_compensation_cents'])}"
                          f" (benefits {dollars_text(m['first_year_benefits_cents'])}); {years}-year total "
                          f"{dollars_text(m['total_compensation_cents'])} (benefits "
                          f"{dollars_text(m['total_benefits_cents'])}).", className="wi-benefits",
                          style={"margin": "4px 0"})] if scenario.benefits else []),
                html.P(f"At placement {m['winners']:,} employees gain pay and {m['losers']:,} lose pay.",
                       style={"margin": "4px 0"}),
                html.P(_as_costed(pcts, gi, cap, rules), className="wi-costed",
                       style={"margin": "4px 0", "color": "#555", "fontSize": "0.9em"})]

    boxes = [*(f"wi-{k}" for k in keys), "wi-gi", "wi-cap"]

    def register(app):
        def on_enter(*args):
            return recost(*args[2 * len(boxes):])

        app.callback(Output("wi-headline", "children"), *[Input(b, "n_submit") for b in boxes],
                     *[Input(b, "n_blur") for b in boxes], *[State(b, "value") for b in boxes],
                     *[Input(f"wi-rule-{k}", "value") for k in keys])(on_enter)

    return layout, register
