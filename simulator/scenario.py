"""Scenario files (TOML): what a proposed pay structure is, and how people are placed into it.

A scenario names the old plan, the target schedules (built-in tables from data/ or written inline),
a crosswalk (CSV: old class -> target schedule and grade, or job points), the default rule for each
target schedule, options, and groups that give other rules to parts of the roster or exclude them.
``load_scenario(path)`` validates all of it and reports every mistake at once.
See scenarios/template.toml for a commented example.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from kernels import rules as K
from simulator.errors import Problem, raise_if_errors
from simulator.schedules import BASES, BUILTIN, KINDS, Schedule, builtin, check, dollars_to_cents, quarter_points_of

RULES = dict(K.RULE_ID)  # rule name -> the id the kernel dispatches on (kernels/rules: one module a rule)
# Rules that only make sense on some kinds of schedule (a rule module's KINDS; empty: any kind).
RULE_KINDS = {rule.NAME: rule.KINDS for rule in K.RULES if rule.KINDS}
MATCH_FIELDS = ("agency", "class_code", "bargaining_unit", "fund", "tag", "schedule")
TOP_KEYS = {"name", "title", "models", "sources", "assumptions", "old_plan", "effective_date", "crosswalk",
            "schedules", "rules", "options", "groups", "projection"}
PROBABILITIES = ("retire_probability", "retire_probability_at_70", "hire_share_b", "hire_share_c", "deny_share",
                 "double_share", "merit_share", "two_step_share", "premium_fraction")
OPTION_KEYS = {"single_rate_max_raise", "hay_lower_grade", "next_pct", "special_premiums"}
PREMIUM_KEYS = {"education_specialists", "board_certified_physicians"}
GROUP_KEYS = {"name", "match", "rule", "exclude", "schedule", "set_grade", "cap_amount", "cap_pct", "next_pct"}
INLINE_KEYS = {"kind", "basis", "steps", "grades", "points", "increment", "months", "provenance", "note",
               "quarter_points_of"}
CROSSWALK_COLUMNS = ("class_code", "class_title", "schedule", "grade", "points", "rule", "tag", "note")


@dataclass
class Group:
    name: str
    match: dict[str, list[str]]
    rule: str | None = None
    exclude: bool = False
    schedule: str | None = None
    set_grade: str | None = None
    cap_amount: int | None = None  # annual cents
    cap_pct: float | None = None
    next_pct: float | None = None


@dataclass
class Scenario:
    path: Path
    name: str
    title: str
    models: str
    sources: list[str]
    assumptions: list[str]
    old_plan: Schedule
    effective_date: dt.date
    schedules: dict[str, Schedule]
    rules: dict[str, str]
    crosswalk: pl.DataFrame
    single_rate_max_raise: int | None = 200_000
    hay_lower_grade: str = "retain"
    next_pct: float = 5.0
    groups: list[Group] = field(default_factory=list)
    # Cresap's special premiums (lines 786-803): class codes of the education specialists (4 % with a Master's, 10 %
    # with a Doctorate) and of the physicians below Physician IV ($1,000 a year with the board certificate)
    special_premiums: dict[str, list[str]] = field(default_factory=dict)
    content_hash: str = ""
    projection: dict = field(default_factory=dict)  # overrides of simulator.projection.ProjectionParams


def _schedule(name: str, spec, file: str, problems: list[Problem], known: dict[str, Schedule]) -> Schedule | None:
    where = f"schedules.{name}"
    if isinstance(spec, str):
        if spec not in BUILTIN:
            problems.append(Problem(file, None, where, spec,
                                    f"unknown schedule; built-in schedules are {', '.join(BUILTIN)}"))
            return None
        return builtin(spec)
    if not isinstance(spec, dict):
        problems.append(Problem(file, None, where, spec, "a schedule is a built-in name or a table"))
        return None
    for key in spec:
        if key not in INLINE_KEYS:
            problems.append(Problem(file, None, f"{where}.{key}", None, "unknown key"))
    if "quarter_points_of" in spec:
        base = known.get(spec["quarter_points_of"])
        if base is None:
            problems.append(Problem(file, None, f"{where}.quarter_points_of", spec["quarter_points_of"],
                                    "unknown schedule (define it before this one)"))
            return None
        return quarter_points_of(base, name)
    kind, basis = spec.get("kind"), spec.get("basis", "annual")
    ok = True
    if kind not in KINDS:
        problems.append(Problem(file, None, f"{where}.kind", kind, f"kind must be one of {', '.join(KINDS)}"))
        ok = False
    if basis not in BASES:
        problems.append(Problem(file, None, f"{where}.basis", basis, f"basis must be one of {', '.join(BASES)}"))
        ok = False
    steps = spec.get("steps")
    grades_in = spec.get("grades")
    if not isinstance(steps, list) or not steps or not isinstance(grades_in, dict) or not grades_in:
        problems.append(Problem(file, None, where, None, "needs 'steps' (a list of step names) and 'grades' "
                                "(grade = [rate, rate, ...] in dollars)"))
        return None
    grades = {}
    for g, rates in grades_in.items():
        if not isinstance(rates, list) or len(rates) != len(steps):
            problems.append(Problem(file, None, f"{where}.grades.{g}", rates,
                                    f"needs one rate for each of the {len(steps)} steps"))
            ok = False
            continue
        cents = []
        for s, r in zip(steps, rates):
            try:
                cents.append((str(s), dollars_to_cents(r)))
            except ValueError as exc:
                problems.append(Problem(file, None, f"{where}.grades.{g}", r, str(exc)))
                ok = False
        grades[str(g)] = cents
    points = {}
    for g, pr in (spec.get("points") or {}).items():
        if (not isinstance(pr, list) or len(pr) != 2 or not all(isinstance(x, int) and not isinstance(x, bool)
                                                               for x in pr)):
            problems.append(Problem(file, None, f"{where}.points.{g}", pr, "a point range is [low, high]"))
            ok = False
        else:
            points[str(g)] = (pr[0], pr[1])
    if not ok:
        return None
    sched = Schedule(name, kind, basis, grades, points=points, months=spec.get("months"),
                     description=spec.get("note", ""), provenance=spec.get("provenance", "scenario"))
    sched.increment = {g: (sched.rates(g)[1] - sched.rates(g)[0]) if len(sched.rates(g)) > 1 else 0
                       for g in grades}
    for msg in check(sched):
        problems.append(Problem(file, None, where, None, msg))
    return sched


def _crosswalk(path: Path, schedules: dict[str, Schedule], problems: list[Problem]) -> pl.DataFrame:
    file = path.name
    if not path.exists():
        problems.append(Problem(file, None, None, None, f"crosswalk file not found: {path}"))
        return pl.DataFrame(schema={c: pl.String for c in CROSSWALK_COLUMNS})
    cw = pl.read_csv(path, infer_schema=False)
    for c in ("class_code", "schedule"):
        if c not in cw.columns:
            problems.append(Problem(file, None, c, None, "required column is missing"))
    if problems:
        return cw
    cw = cw.with_columns([pl.lit(None, pl.String).alias(c) for c in CROSSWALK_COLUMNS if c not in cw.columns])
    cw = cw.select([pl.col(c).str.strip_chars().replace("", None) for c in CROSSWALK_COLUMNS]).with_row_index(
        "cw_row", offset=2)
    for r in cw.filter(pl.col("class_code").is_duplicated()).iter_rows(named=True):
        problems.append(Problem(file, r["cw_row"], "class_code", r["class_code"], "class_code is not unique"))
    for r in cw.iter_rows(named=True):
        sched = schedules.get(r["schedule"])
        if sched is None:
            problems.append(Problem(file, r["cw_row"], "schedule", r["schedule"],
                                    f"unknown schedule; the scenario defines {', '.join(schedules)}"))
            continue
        if r["rule"] is not None and r["rule"] not in RULES:
            problems.append(Problem(file, r["cw_row"], "rule", r["rule"],
                                    f"unknown rule; rules are {', '.join(RULES)}"))
        if r["points"] is not None and not r["points"].isdigit():
            problems.append(Problem(file, r["cw_row"], "points", r["points"], "points must be a whole number"))
            continue
        if r["grade"] is None:
            if r["points"] is None:
                problems.append(Problem(file, r["cw_row"], "grade", None, "give a grade, or points to find it"))
            elif not sched.points:
                problems.append(Problem(file, r["cw_row"], "points", r["points"],
                                        f"schedule {r['schedule']} has no point ranges to allocate by points"))
            elif not any(lo <= int(r["points"]) <= hi for lo, hi in sched.points.values()):
                problems.append(Problem(file, r["cw_row"], "points", r["points"],
                                        f"outside every point range of schedule {r['schedule']}"))
        elif sched.kind == "teacher_matrix":
            if not any(g.split(":")[0] == r["grade"] for g in sched.grades):
                problems.append(Problem(file, r["cw_row"], "grade", r["grade"],
                                        f"unknown category of schedule {r['schedule']}"))
        elif r["grade"] not in sched.grades:
            problems.append(Problem(file, r["cw_row"], "grade", r["grade"],
                                    f"unknown grade of schedule {r['schedule']}"))
    return cw


def _number(file, where, value, lo, hi, problems, what="number") -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not lo <= value <= hi:
        problems.append(Problem(file, None, where, value, f"{what} must be between {lo} and {hi}"))
        return None
    return float(value)


def _money(file, where, value, problems) -> int | None:
    try:
        cents = dollars_to_cents(value)
    except ValueError as exc:
        problems.append(Problem(file, None, where, value, str(exc)))
        return None
    if cents < 0:
        problems.append(Problem(file, None, where, value, "must not be negative"))
        return None
    return cents


def load_scenario(path: str | Path) -> Scenario:
    path = Path(path)
    file = path.name
    problems: list[Problem] = []
    if not path.exists():
        raise_if_errors([Problem(file, None, None, None, f"scenario file not found: {path}")])
    text = path.read_bytes()
    try:
        doc = tomllib.loads(text.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise_if_errors([Problem(file, None, None, None, f"not valid TOML: {exc}")])
    for key in doc:
        if key not in TOP_KEYS:
            problems.append(Problem(file, None, key, None, "unknown key"))
    for key in ("name", "old_plan", "crosswalk", "schedules"):
        if key not in doc:
            problems.append(Problem(file, None, key, None, "required key is missing"))
    raise_if_errors(problems)

    schedules: dict[str, Schedule] = {}
    for name, spec in (doc.get("schedules") or {}).items():
        sched = _schedule(name, spec, file, problems, schedules)
        if sched is not None:
            schedules[name] = sched
    old_spec = doc["old_plan"]
    old_plan = _schedule("old_plan", old_spec, file, problems, schedules)

    rules = {}
    for sched_name, rule in (doc.get("rules") or {}).items():
        if sched_name not in (doc.get("schedules") or {}):
            problems.append(Problem(file, None, f"rules.{sched_name}", rule, "unknown schedule"))
        elif rule not in RULES:
            problems.append(Problem(file, None, f"rules.{sched_name}", rule,
                                    f"unknown rule; rules are {', '.join(RULES)}"))
        elif sched_name in schedules and rule in RULE_KINDS and schedules[sched_name].kind not in RULE_KINDS[rule]:
            problems.append(Problem(file, None, f"rules.{sched_name}", rule,
                                    f"rule {rule} needs a {' or '.join(RULE_KINDS[rule])} schedule, "
                                    f"not {schedules[sched_name].kind}"))
        else:
            rules[sched_name] = rule
    for sched_name in schedules:
        if sched_name not in rules and sched_name in (doc.get("schedules") or {}):
            rules.setdefault(sched_name, "closest_step")

    opts = doc.get("options") or {}
    for key in opts:
        if key not in OPTION_KEYS:
            problems.append(Problem(file, None, f"options.{key}", None, "unknown option"))
    max_raise = 200_000
    if "single_rate_max_raise" in opts:
        max_raise = _money(file, "options.single_rate_max_raise", opts["single_rate_max_raise"], problems)
    lower = opts.get("hay_lower_grade", "retain")
    if lower not in ("retain", "same_step"):
        problems.append(Problem(file, None, "options.hay_lower_grade", lower, "must be 'retain' or 'same_step'"))
    next_pct = _number(file, "options.next_pct", opts.get("next_pct", 5), 0, 100, problems, "next_pct")
    next_pct = 5.0 if next_pct is None else next_pct  # zero is a value; None only after a reported problem
    premiums = _special_premiums(file, opts.get("special_premiums"), problems)

    groups = []
    for i, g in enumerate(doc.get("groups") or [], start=1):
        where = f"groups[{i}]"
        if not isinstance(g, dict):
            problems.append(Problem(file, None, where, g, "a group is a table"))
            continue
        for key in g:
            if key not in GROUP_KEYS:
                problems.append(Problem(file, None, f"{where}.{key}", None, "unknown key"))
        match = g.get("match") or {}
        if not match:
            problems.append(Problem(file, None, f"{where}.match", None, "a group needs a match"))
        for key, values in match.items():
            if key not in MATCH_FIELDS:
                problems.append(Problem(file, None, f"{where}.match.{key}", None,
                                        f"can match on {', '.join(MATCH_FIELDS)}"))
            elif not isinstance(values, list) or not values:
                problems.append(Problem(file, None, f"{where}.match.{key}", values, "a non-empty list of values"))
        rule = g.get("rule")
        if rule is not None and rule not in RULES:
            problems.append(Problem(file, None, f"{where}.rule", rule, f"unknown rule; rules are {', '.join(RULES)}"))
        if g.get("schedule") is not None and g["schedule"] not in schedules:
            problems.append(Problem(file, None, f"{where}.schedule", g["schedule"], "unknown schedule"))
        if g.get("set_grade") is not None and g.get("schedule", None) is None and not isinstance(g["set_grade"], str):
            problems.append(Problem(file, None, f"{where}.set_grade", g["set_grade"], "a grade name, as a string"))
        cap_amount = _money(file, f"{where}.cap_amount", g["cap_amount"], problems) if "cap_amount" in g else None
        cap_pct = _number(file, f"{where}.cap_pct", g["cap_pct"], 0, 100, problems, "cap_pct") \
            if "cap_pct" in g else None
        gpct = _number(file, f"{where}.next_pct", g["next_pct"], 0, 100, problems, "next_pct") \
            if "next_pct" in g else None
        groups.append(Group(g.get("name", where), {kk: [str(v) for v in vv] for kk, vv in match.items()
                                                   if isinstance(vv, list)},
                            rule, bool(g.get("exclude", False)), g.get("schedule"),
                            None if g.get("set_grade") is None else str(g["set_grade"]), cap_amount, cap_pct, gpct))

    projection = doc.get("projection") or {}
    _check_projection(file, projection, schedules, problems)
    eff = doc.get("effective_date", dt.date(1967, 7, 1))
    if not isinstance(eff, dt.date):
        problems.append(Problem(file, None, "effective_date", eff, "a date, written 1967-07-01"))
    crosswalk = _crosswalk(path.parent / str(doc["crosswalk"]), schedules, problems)
    if "class_code" in crosswalk.columns:
        known = set(crosswalk["class_code"].drop_nulls().to_list())
        for key, codes in premiums.items():
            for code in codes:
                if code not in known:
                    problems.append(Problem(file, None, f"options.special_premiums.{key}", code,
                                            "class code is not in the crosswalk"))
    raise_if_errors(problems)
    cw_bytes = (path.parent / str(doc["crosswalk"])).read_bytes()
    return Scenario(
        path=path, name=str(doc["name"]), title=str(doc.get("title", doc["name"])),
        models=str(doc.get("models", "")), sources=list(doc.get("sources", [])),
        assumptions=list(doc.get("assumptions", [])), old_plan=old_plan, effective_date=eff,
        schedules=schedules, rules=rules, crosswalk=crosswalk, single_rate_max_raise=max_raise,
        hay_lower_grade=lower, next_pct=next_pct, groups=groups, special_premiums=premiums,
        content_hash=hashlib.sha256(text + b"\0" + cw_bytes).hexdigest()[:16], projection=projection,
    )


def _special_premiums(file: str, spec, problems: list[Problem]) -> dict[str, list[str]]:
    """options.special_premiums = { education_specialists = [codes], board_certified_physicians = [codes] }."""
    if spec is None:
        return {}
    if not isinstance(spec, dict):
        problems.append(Problem(file, None, "options.special_premiums", spec,
                                "a table: education_specialists = [class codes], board_certified_physicians = "
                                "[class codes]"))
        return {}
    out = {}
    for key, codes in spec.items():
        where = f"options.special_premiums.{key}"
        if key not in PREMIUM_KEYS:
            problems.append(Problem(file, None, where, None,
                                    f"unknown key; the premiums are {', '.join(sorted(PREMIUM_KEYS))}"))
        elif not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            problems.append(Problem(file, None, where, codes, "a list of class codes, as strings"))
        else:
            out[key] = codes
    return out


def _check_projection(file: str, projection: dict, schedules: dict, problems: list[Problem]) -> None:
    from simulator.projection import ProjectionParams

    known = set(ProjectionParams.__dataclass_fields__)
    for key, value in projection.items():
        where = f"projection.{key}"
        if key not in known:
            problems.append(Problem(file, None, where, None, "unknown projection parameter"))
        elif key in PROBABILITIES:
            _number(file, where, value, 0, 1, problems, key)
        elif key == "merit_budget_factor":
            _number(file, where, value, 0.01, 0.04, problems, key)
        elif key == "fiscal_year_start_month":
            _number(file, where, value, 1, 12, problems, key)
        elif key in ("vacancy_months", "hire_age", "min_merit_group"):
            _number(file, where, value, 0, 100, problems, key)
        elif key == "general_increases":
            for i, inc in enumerate(value if isinstance(value, list) else [None], start=1):
                if not isinstance(inc, dict) or set(inc) != {"schedule", "year", "pct"}:
                    problems.append(Problem(file, None, f"{where}[{i}]", inc,
                                            "a general increase is { schedule, year, pct }"))
                    continue
                if inc["schedule"] not in schedules:
                    problems.append(Problem(file, None, f"{where}[{i}].schedule", inc["schedule"], "unknown schedule"))
                _number(file, f"{where}[{i}].pct", inc["pct"], -50, 100, problems, "pct")
                _number(file, f"{where}[{i}].year", inc["year"], 1, 100, problems, "year")
        elif key == "teacher_baseline":
            if value not in ("scaled", "flat"):
                problems.append(Problem(file, None, where, value, "must be 'scaled' or 'flat'"))
        elif key == "progression":
            allowed = ("review", "merit_matrix", "teacher", "single_rate", "hay_merit")
            for sched, kind in (value or {}).items():
                if sched not in schedules:
                    problems.append(Problem(file, None, f"{where}.{sched}", kind, "unknown schedule"))
                elif kind not in allowed:
                    problems.append(Problem(file, None, f"{where}.{sched}", kind,
                                            f"progression must be one of {', '.join(allowed)}"))
