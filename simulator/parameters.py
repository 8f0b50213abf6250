"""Every parameter a run used, with its value and where it came from: the scenario, a seed (a printed number,
with its line), or a regrade default (with the assumption id it rests on). The store keeps the list with the run
(``run_parameters``); the report and the exports show it."""

from __future__ import annotations

from dataclasses import fields

import polars as pl

from simulator import retirement
from simulator.params import ProjectionParams, printed
from simulator.start import progressions

ASSUMED = {  # a default's assumption (data/ASSUMPTIONS.md)
    "retire_probability": "A-PROJ-RETIREMENT", "retire_probability_at_70": "A-PROJ-RETIREMENT",
    "vacancy_months": "A-PROJ-REPLACEMENT", "hire_share_b": "A-PROJ-REPLACEMENT",
    "hire_share_c": "A-PROJ-REPLACEMENT", "hire_age": "A-PROJ-REPLACEMENT", "deny_share": "A-PROJ-MERIT",
    "double_share": "A-PROJ-MERIT", "rating_shares": "A-PROJ-MERIT", "merit_share": "A-PROJ-MERIT",
    "two_step_share": "A-PROJ-MERIT", "premium_fraction": "A-PROJ-PREMIUM",
    "teacher_baseline": "A-PROJ-TEACHER-BASELINE", "separation_rates": "A-PROJ-SEPARATION",
}
PRINTED = {  # a default the seeds print
    "merit_budget_factor": "Hay 1975 line 976", "min_merit_group": "Hay 1975 line 972",
}
SCHEMA = {"parameter": pl.String, "value": pl.String, "origin": pl.String}
TURNOVER = {"vacancy_months", "hire_share_b", "hire_share_c", "hire_age", "hire_share_trainee", "hire_share_midpoint",
            "hire_teacher_years"}
RETIRING = {"retire_probability", "retire_probability_at_70"}
USED_BY = {  # a parameter only some progressions read -> those progressions
    "deny_share": {"review"}, "double_share": {"review"}, "premium_fraction": {"review"},
    "rating_shares": {"merit_matrix"}, "merit_share": {"hay_merit"}, "two_step_share": {"hay_merit"},
    "merit_twice_share": {"hay_merit"},
    "merit_budget_factor": {"hay_merit"}, "min_merit_group": {"hay_merit"}, "teacher_baseline": {"teacher"},
}


def _text(value, top: bool = True) -> str:
    if isinstance(value, list | tuple):
        if not top:
            return "[" + ", ".join(_text(v, False) for v in value) + "]"
        return "none" if not value else "; ".join(_text(v, False) for v in value)
    if isinstance(value, dict):
        return "none" if not value else ", ".join(f"{k}: {_text(v)}" for k, v in value.items())
    return str(value)


def _used(name: str, scenario, prm: ProjectionParams, used: set) -> bool:
    """Does the run read this parameter: its progression is one of the run's, or there is turnover to refill."""
    if name in USED_BY:
        return bool(USED_BY[name] & used)
    if name in RETIRING:
        return bool(scenario.retirement.plans)
    if name in TURNOVER:
        return bool(scenario.retirement.plans) or any(b[-1] > 0 for b in prm.separation_rates)
    return name != "progression"


def _projection_rows(scenario, prm: ProjectionParams) -> list[tuple[str, str, str]]:
    given = getattr(scenario, "projection", {}) or {}
    families = progressions(scenario, prm)
    rows = [(f"projection.progression.{name}", family,
             "scenario" if name in prm.progression else "default (the schedule's kind; Maine's printed schedules "
             "their reports' rules)") for name, family in families.items()]
    for f in fields(ProjectionParams):
        if not _used(f.name, scenario, prm, set(families.values())):
            continue
        value = getattr(prm, f.name)
        if f.name in given:  # the scenario's own value; a Maine scenario's may be one of regrade's assumptions
            origin = "scenario" + (f" ({ASSUMED[f.name]})" if ASSUMED.get(f.name) in scenario.assumptions else "")
        elif f.name in PRINTED:
            origin = f"seed ({PRINTED[f.name]})"
        else:  # none given: regrade's default (an assumption, unless it is "none")
            origin = "default" + (f" ({ASSUMED[f.name]})" if f.name in ASSUMED and value not in ((), [], {}) else "")
        rows.append((f"projection.{f.name}", _text(value), origin))
    return rows


def _plan_rows(scenario) -> list[tuple[str, str, str]]:
    ret = scenario.retirement
    if not ret.plans:
        return [("retirement.plans", "none: no one retires (the scenario has no [retirement])", "default")]
    origin = "scenario" if ret.source == "scenario" else f"seed ({ret.source})"
    rows = [(f"retirement.plans.{name}", doors, origin) for name, doors in retirement.describe(ret)]
    rows.append(("retirement.default_plan", str(ret.default_plan or "none"),
                 "scenario" if "default_plan" in (scenario.spec.get("retirement") or {}) else "default"))
    return rows


def _benefit_rows(scenario) -> list[tuple[str, str, str]]:
    if not scenario.benefits:
        return [("benefits", "none: the cost is salary only (the scenario has no [benefits])", "default")]
    rate = printed()["employer_retirement_rate"] * 100
    rows = []
    for b in scenario.benefits:
        origin = "scenario" + (f"; {b.source}" if b.source else "")
        if b.source and "line 449" in b.source and b.value == round(rate * 10_000):
            origin = f"seed ({b.source})"
        rows.append((f"benefits.{b.name}", f"{b.label}: {b.describe()}", origin))
    return rows


def run_parameters(scenario, prm: ProjectionParams) -> pl.DataFrame:
    """(parameter, value, origin) for every parameter the run reads: dates, placement options, retirement plans,
    benefits, each schedule's progression and the projection's parameters (those of a progression or of turnover
    the run does not have are left out)."""
    rows = [("effective_date", str(scenario.effective_date), "scenario"), *_option_rows(scenario),
            *_plan_rows(scenario), *_benefit_rows(scenario), *_projection_rows(scenario, prm)]
    return pl.DataFrame(rows, schema=SCHEMA, orient="row")


def _option_rows(scenario) -> list[tuple[str, str, str]]:
    """The placement options the scenario's rules read (the single rate's limit, Hay's lower grade, next_pct)."""
    options = scenario.spec.get("options") or {}
    rules = {*scenario.rules.values(), *scenario.crosswalk["rule"].drop_nulls().to_list(),
             *(g.rule for g in scenario.groups if g.rule)}
    limit = scenario.single_rate_max_raise
    return [row for row, rule in (
        (("options.single_rate_max_raise", "none" if limit is None else f"${limit / 100:,.2f} a year",
          "scenario" if "single_rate_max_raise" in options else "seed (Cresap 1967 line 538)"), "single_rate"),
        (("options.hay_lower_grade", scenario.hay_lower_grade,
          "scenario" if "hay_lower_grade" in options else "seed (Hay 1975 lines 305, 986)"), "hay_same_step"),
        (("options.hay_range_by", scenario.hay_range_by,
          "scenario" if "hay_range_by" in options else "assumption A-HAY-RANGE (Hay 1975 lines 305-307, 986)"),
         "hay_same_step"),
        (("options.next_pct", _text(scenario.next_pct), "scenario" if "next_pct" in options else "default"),
         "next_pct"),
    ) if rule in rules or (rule == "hay_same_step" and "hay_promotion" in rules)]
