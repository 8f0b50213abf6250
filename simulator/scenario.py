"""Scenario files (TOML): what a proposed pay structure is, and how people are placed into it.

A scenario names the old plan, the target schedules (built-in tables from data/ or written inline),
a crosswalk (CSV: old class -> target schedule and grade, or job points), the default rule for each
target schedule, options, groups that give other rules to parts of the roster or exclude them, and projection
parameters. ``read_scenario(path)`` checks all of it and returns (scenario or None, every problem found);
``load_scenario(path)`` raises InputError with them. See scenarios/template.toml for a commented example.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from kernels import rules as K
from simulator import benefits, overtime, reductions, retirement
from simulator.errors import Problem, raise_if_errors, shorten
from simulator.money import CEILING, dollars_text, dollars_to_cents
from simulator.overtime import Overtime
from simulator.params import PARAMETER_NAMES, PROBABILITIES, PROGRESSIONS, RANGES, shares_over_one
from simulator.retirement import Retirement
from simulator.schedules import BASES, BUILTIN, KINDS, Schedule, builtin, check, quarter_points_of

RULES = dict(K.RULE_ID)  # rule name -> the id the kernel dispatches on (kernels/rules: one module a rule)
# Rules that only make sense on some kinds of schedule (a rule module's KINDS; empty: any kind).
RULE_KINDS = {rule.NAME: rule.KINDS for rule in K.RULES if rule.KINDS}
MATCH_FIELDS = ("agency", "class_code", "bargaining_unit", "fund", "tag", "schedule")
TOP_KEYS = {"name", "title", "models", "sources", "assumptions", "old_plan", "effective_date", "crosswalk",
            "schedules", "rules", "options", "groups", "projection", "base", "retirement", "benefits", "overtime"}
# an overlay's tables merge key by key
MERGED_TABLES = ("schedules", "rules", "options", "projection", "retirement", "benefits", "overtime")
MAX_BASES = 10
REQUIRED_KEYS = ("name", "old_plan", "crosswalk", "schedules")
OLD_PLAN = "old_plan"  # a general increase's schedule: the status quo's own plan (the baseline, and the excluded)
ORIGINS = "\0origins"  # in a merged overlay: which base file each key came from (never a TOML key)
OPTION_KEYS = {"single_rate_max_raise", "hay_lower_grade", "hay_range_by", "next_pct", "special_premiums"}
PREMIUM_KEYS = {"education_specialists", "board_certified_physicians"}
GROUP_KEYS = {"name", "match", "rule", "exclude", "schedule", "set_grade", "cap_amount", "cap_pct", "next_pct"}
INLINE_KEYS = {"kind", "basis", "steps", "grades", "points", "increment", "months", "provenance", "note",
               "quarter_points_of", "assumption"}
CROSSWALK_COLUMNS = ("class_code", "class_title", "schedule", "grade", "points", "rule", "tag", "note")
MAX_FILE_BYTES = 50 << 20  # a scenario or crosswalk larger than 50 MB is not one
BASIS_CEILING = {"weekly": CEILING["weekly"], "annual": CEILING["annual"]}


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
    hay_range_by: str = "pay"  # Hay: a range is higher or lower by its pay, or by its grade number (A-HAY-RANGE)
    next_pct: float = 5.0
    groups: list[Group] = field(default_factory=list)
    # Cresap's special premiums (lines 786-803): class codes of the education specialists (4 % with a Master's, 10 %
    # with a Doctorate) and of the physicians below Physician IV ($1,000 a year with the board certificate)
    special_premiums: dict[str, list[str]] = field(default_factory=dict)
    content_hash: str = ""
    projection: dict = field(default_factory=dict)  # overrides of simulator.params.ProjectionParams
    retirement: Retirement = field(default_factory=Retirement)  # the plans (simulator/retirement.py)
    benefits: list = field(default_factory=list)  # the employer's benefit items (simulator/benefits.py)
    overtime: Overtime = field(default_factory=Overtime)  # pay for hours over 40 a week (simulator/overtime.py)
    spec: dict = field(default_factory=dict, repr=False)  # the document as read (an overlay: merged with its bases)


class _Checker:
    """Problems of one file, with helpers for the checks every part of a scenario makes."""

    def __init__(self, file: str, problems: list[Problem]):
        self.file, self.problems = file, problems
        self.broken: set[str] = set()  # schedules the file defines that could not be read: said once, not again

    def unknown(self, name, schedules: dict) -> bool:
        """A schedule name that is neither defined nor a schedule already reported as broken."""
        return name not in schedules and name not in self.broken

    def add(self, where: str | None, value, message: str, severity: str = "error") -> None:
        self.problems.append(Problem(self.origin(where), None, where, value, message, severity))

    def origin(self, where: str | None) -> str:
        """The file a key was written in: an overlay's own, or the base it came from (``self.origins``, by the
        longest key that begins ``where``)."""
        if where:
            parts = str(where).split(".")
            for n in range(len(parts), 0, -1):
                found = self.origins.get(".".join(parts[:n]).split("[")[0])
                if found:
                    return found
        return self.file

    origins: dict = {}  # key -> the file it came from, where not this one (set by read_scenario)

    def table(self, doc: dict, key: str) -> dict:
        value = doc.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict):  # false, 0 or [] would drop a base's table without a word
            self.add(key, value, "must be a table ([" + key + "], or key = { ... })")
            return {}
        return value

    def number(self, where, value, lo, hi, what="number") -> float | None:
        if isinstance(value, bool) or not isinstance(value, int | float) or not lo <= value <= hi:
            self.add(where, value, f"{what} must be a number from {lo} to {hi}")
            return None
        return float(value)

    def money(self, where, value, ceiling: int | None = None) -> int | None:
        try:
            cents = dollars_to_cents(value)
        except ValueError as exc:
            self.add(where, value, f"{exc}; write dollars, e.g. 2000 or 2000.50")
            return None
        if cents < 0:
            self.add(where, value, "must not be negative")
            return None
        if ceiling is not None and cents > ceiling:
            self.add(where, value, f"is above {dollars_text(ceiling)}, the most regrade takes here")
            return None
        return cents


def _read_doc(path: Path, file: str, problems: list[Problem]) -> tuple[dict | None, bytes]:
    """The TOML document, or None with the reason among the problems."""
    if not path.exists():
        problems.append(Problem(file, None, None, None, f"scenario file not found: {path}"))
    elif path.is_dir():
        problems.append(Problem(file, None, None, None, f"is a folder, not a scenario file: {path}"))
    elif path.stat().st_size > MAX_FILE_BYTES:
        problems.append(Problem(file, None, None, None, f"is {path.stat().st_size:,} bytes: not a scenario"))
    else:
        text = path.read_bytes()
        try:
            return tomllib.loads(text.decode("utf-8")), text
        except UnicodeDecodeError as exc:
            problems.append(Problem(file, None, None, None, f"is not UTF-8 text (byte {exc.start:,}): not a scenario"))
        except tomllib.TOMLDecodeError as exc:
            problems.append(Problem(file, None, None, None, f"not valid TOML: {shorten(str(exc), 200)[1:-1]}"))
    return None, b""


def read_scenario(path: str | Path) -> tuple[Scenario | None, list[Problem]]:
    """The scenario and every problem found in it and its crosswalk (None if any is an error)."""
    path = Path(path)
    file = path.name or str(path)
    problems: list[Problem] = []
    doc, text = _read_doc(path, file, problems)
    if doc is None:
        return None, problems
    doc, base_texts = _with_bases(doc, path, file, problems, [path.resolve()])
    if doc is None:
        return None, problems
    text = b"\0".join([text, *base_texts])  # the content hash covers every file of the chain
    c = _Checker(file, problems)
    c.origins = doc.pop(ORIGINS, {})  # a problem in a key a base wrote names the base
    for key in doc:
        if key not in TOP_KEYS:
            c.add(key, None, f"unknown key; a scenario's keys are {', '.join(sorted(TOP_KEYS))}")
    for key in REQUIRED_KEYS:
        if key not in doc:
            c.add(key, None, "required key is missing")
    schedules = _schedules(c, c.table(doc, "schedules"))
    old_plan = _schedule(c, "old_plan", doc["old_plan"], schedules) if "old_plan" in doc else None
    rules = _rules(c, c.table(doc, "rules"), schedules)
    options = _options(c, c.table(doc, "options"))
    groups = _groups(c, doc.get("groups") or [], schedules)
    projection = c.table(doc, "projection")
    _check_projection(c, projection, schedules)
    plans = retirement.check(c, c.table(doc, "retirement"))
    items = benefits.check(c, c.table(doc, "benefits"), plans)
    ot = overtime.check(c, c.table(doc, "overtime"))
    eff = doc.get("effective_date", dt.date(1967, 7, 1))
    if not isinstance(eff, dt.date) or isinstance(eff, dt.datetime):
        c.add("effective_date", eff, "a date, written 1967-07-01")
    crosswalk, cw_bytes = _crosswalk_of(c, doc, path, schedules)
    _check_premium_codes(c, options["special_premiums"], crosswalk)
    for key in ("name", "title", "models"):
        if key in doc and not isinstance(doc[key], str):
            c.add(key, doc[key], "must be text, in quotes")
    if isinstance(doc.get("name"), str) and not doc["name"].strip():
        c.add("name", doc["name"], "must not be empty: a run is stored and shown under this name")
    if any(p.severity == "error" for p in problems):
        return None, problems
    return Scenario(
        path=path, name=str(doc["name"]), title=str(doc.get("title", doc["name"])),
        models=str(doc.get("models", "")), sources=[str(x) for x in doc.get("sources", [])],
        assumptions=[str(x) for x in doc.get("assumptions", [])], old_plan=old_plan, effective_date=eff,
        schedules=schedules, rules=rules, crosswalk=crosswalk, single_rate_max_raise=options["max_raise"],
        hay_lower_grade=options["lower"], hay_range_by=options["range_by"], next_pct=options["next_pct"], groups=groups,
        special_premiums=options["special_premiums"],
        content_hash=hashlib.sha256(text + b"\0" + cw_bytes).hexdigest()[:16], projection=projection, spec=doc,
        retirement=plans, benefits=items, overtime=ot,
    ), problems


def _with_bases(doc: dict, path: Path, file: str, problems: list[Problem], chain: list[Path]):
    """An overlay (``base = "<scenario>"``, a file beside it, ".toml" optional) merged onto its base, and the
    base onto its own: (the merged document, the bytes of every base file). The overlay's scalars and lists
    replace the base's; its [[groups]] come after the base's; its tables (schedules, rules, options,
    projection) merge key by key, each key replaced whole. A crosswalk is found beside the file that names it.
    None (with the problem) if a base is missing, unreadable or part of a circle."""
    base = doc.get("base")
    if base is None:
        return doc, []
    if not isinstance(base, str) or not base.strip():
        problems.append(Problem(file, None, "base", shorten(base), "the base scenario's file name, in quotes"))
        return None, []
    base_path = base_file(path, base)
    try:
        base_path.resolve(strict=False)
    except (RuntimeError, OSError):  # a link that points back at itself, through any number of links
        problems.append(Problem(file, None, "base", base, f"{base_path} is a circle of links: it never reaches a "
                                                          "scenario file"))
        return None, []
    if base_path.resolve() in chain:
        circle = " -> ".join(p.name for p in [*chain, base_path.resolve()])
        problems.append(Problem(file, None, "base", base, f"the bases form a circle: {circle}"))
        return None, []
    if len(chain) > MAX_BASES:
        problems.append(Problem(file, None, "base", base, f"more than {MAX_BASES} bases deep"))
        return None, []
    if not base_path.is_file():
        problems.append(Problem(file, None, "base", base, f"no scenario file {base_path} (a base is looked for beside "
                                                          f"the overlay, {path.parent}; give a path from there)"))
        return None, []
    base_doc, base_text = _read_doc(base_path, base_path.name, problems)
    if base_doc is None:
        return None, []
    base_doc, deeper = _with_bases(base_doc, base_path, base_path.name, problems, [*chain, base_path.resolve()])
    if base_doc is None:
        return None, []
    merged = {k: v for k, v in base_doc.items() if k not in ("base", ORIGINS)}
    if isinstance(merged.get("crosswalk"), str) and "crosswalk" not in doc:
        merged["crosswalk"] = str((base_path.parent / merged["crosswalk"]).resolve())  # beside the base naming it
    if "name" in doc and "title" not in doc:  # the base's title would misname the overlay's runs
        merged["title"] = f"{doc['name']}: an overlay of {base_doc.get('name', base)}"
    origins = {**base_doc.get(ORIGINS, {}), **{k: base_path.name for k in base_doc if k not in (ORIGINS, "base")},
               **{f"{k}.{sub}": base_path.name for k in MERGED_TABLES if isinstance(base_doc.get(k), dict)
                  for sub in base_doc[k]}}
    for key, value in doc.items():
        origins.pop(key, None)  # written here: this file's
        if isinstance(value, dict):
            for sub in value:
                origins.pop(f"{key}.{sub}", None)
    merged[ORIGINS] = origins
    for key, value in doc.items():
        if key in MERGED_TABLES and isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        elif key == "groups" and isinstance(value, list) and isinstance(merged.get(key), list):
            merged[key] = [*merged[key], *value]  # after the base's groups
        elif key != "base":
            merged[key] = value
    return merged, [base_text, *deeper]


def base_file(path: Path, base: str) -> Path:
    """The file an overlay's ``base`` names: beside the overlay, ".toml" optional."""
    return path.parent / (base if base.endswith(".toml") else f"{base}.toml")


def scenario_files(path: str | Path) -> list[Path]:
    """A scenario file, every base it builds on and each one's crosswalk, as far as they can be read (a file that
    cannot be read is read_scenario's to report): what a command reads, so that it writes over none of them."""
    files, seen, here = [], set(), Path(path)
    while here is not None and len(seen) < 20:
        try:
            where = here.resolve()
            if where in seen:
                break
            seen.add(where)
            files.append(here)
            doc = tomllib.loads(here.read_text(encoding="utf-8-sig"))
        except (OSError, ValueError, UnicodeDecodeError, RuntimeError):  # RuntimeError: a loop of links
            break
        if isinstance(doc.get("crosswalk"), str) and doc["crosswalk"].strip():
            files.append(here.parent / doc["crosswalk"])
        base = doc.get("base")
        here = base_file(here, base) if isinstance(base, str) and base.strip() else None
    return files


def load_scenario(path: str | Path) -> Scenario:
    scenario, problems = read_scenario(path)
    raise_if_errors(problems)
    return scenario


def _schedules(c: _Checker, spec: dict) -> dict[str, Schedule]:
    schedules: dict[str, Schedule] = {}
    for name, one in spec.items():
        sched = _schedule(c, name, one, schedules)
        if sched is not None:
            schedules[name] = sched
        else:
            c.broken.add(name)
    return schedules


def _schedule(c: _Checker, name: str, spec, known: dict[str, Schedule]) -> Schedule | None:
    where = f"schedules.{name}" if name != "old_plan" else "old_plan"
    if isinstance(spec, str):
        if spec not in BUILTIN:
            table = (" or your own old plan as a table: [old_plan] with kind, basis, steps and grades, as the template "
                     "shows" if name == "old_plan" else f" or a table: [schedules.{name}] with kind, basis, steps and "
                     "grades")
            c.add(where, spec, f"unknown schedule; built-in schedules are {', '.join(BUILTIN)};{table}")
            return None
        return builtin(spec)
    if not isinstance(spec, dict):
        c.add(where, spec, "a schedule is a built-in name or a table")
        return None
    if "from" in spec:
        return _transformed(c, where, spec, known)
    for key in spec:
        if key not in INLINE_KEYS:
            c.add(f"{where}.{key}", None, "unknown key")
    if "quarter_points_of" in spec:
        base = known.get(spec["quarter_points_of"]) if isinstance(spec["quarter_points_of"], str) else None
        if base is None:
            c.add(f"{where}.quarter_points_of", spec["quarter_points_of"],
                  "unknown schedule (define it before this one)")
            return None
        schedule = quarter_points_of(base, name)
        schedule.label = f"Schedule {spec['quarter_points_of']}"  # its points are that schedule's ranges'
        return schedule
    kind, basis = spec.get("kind"), spec.get("basis", "annual")
    ok = kind in KINDS and basis in BASES
    if kind not in KINDS:
        c.add(f"{where}.kind", kind, f"kind must be one of {', '.join(KINDS)}")
    if basis not in BASES:
        c.add(f"{where}.basis", basis, f"basis must be one of {', '.join(BASES)}")
    steps, grades_in = spec.get("steps"), spec.get("grades")
    if not isinstance(steps, list) or not steps or not isinstance(grades_in, dict) or not grades_in:
        c.add(where, None, "needs 'steps' (a list of step names) and 'grades' (grade = [rate, rate, ...] in dollars)")
        return None
    grades = {}
    for g, rates in grades_in.items():
        if not isinstance(rates, list) or len(rates) != len(steps):
            c.add(f"{where}.grades.{g}", rates, f"needs one rate for each of the {len(steps)} steps")
            ok = False
            continue
        cents = [c.money(f"{where}.grades.{g}", r, BASIS_CEILING.get(basis)) for r in rates]
        ok = ok and None not in cents
        grades[str(g)] = [(str(s), r) for s, r in zip(steps, cents)]
    points = _points(c, where, spec.get("points") or {})
    months = spec.get("months")
    if months is not None and (not isinstance(months, list) or len(months) != len(steps)
                               or not all(isinstance(m, int) and not isinstance(m, bool) and 0 <= m <= 600
                                          for m in months)):
        c.add(f"{where}.months", months, f"months of service at each step: {len(steps)} whole numbers, 0 to 600")
        ok = False
    if not ok or points is None:
        return None
    sched = Schedule(name, kind, basis, grades, points=points, months=months,
                     description=str(spec.get("note", "")), provenance=str(spec.get("provenance", "scenario")),
                     assumption=str(spec.get("assumption", "")))
    sched.increment = {g: (sched.rates(g)[1] - sched.rates(g)[0]) if len(sched.rates(g)) > 1 else 0
                       for g in grades}
    for msg in check(sched):
        c.add(where, None, msg)
    return sched


def _transformed(c: _Checker, where: str, spec: dict, known: dict[str, Schedule]) -> Schedule | None:
    """A schedule made from another: its rates remade by a formula (simulator/formulas.py), then transforms
    (simulator/transforms.py); each problem named by its place."""
    from simulator import formulas, transforms

    for key in spec:
        if key not in ("from", "formula", "transforms", "note"):
            c.add(f"{where}.{key}", None, "unknown key; a schedule made from another has from, formula, transforms "
                                          "and note")
    origin = spec["from"]
    sched = known.get(origin) if isinstance(origin, str) else None
    if sched is None and isinstance(origin, str) and origin in BUILTIN:
        sched = builtin(origin)
    if sched is None:
        c.add(f"{where}.from", origin, f"unknown schedule: a built-in ({', '.join(BUILTIN)}) or one defined "
                                       f"before this one")
        return None
    if "formula" in spec:
        try:
            sched = formulas.generate(sched, spec["formula"])
        except ValueError as exc:
            c.add(f"{where}.formula", None, str(exc))
            return None
    steps = spec.get("transforms", [])
    if not isinstance(steps, list):
        c.add(f"{where}.transforms", None, "a list of transforms, e.g. [{ pct = -3.0 }]")
        return None
    for i, t in enumerate(steps, start=1):
        try:
            sched = transforms.apply_one(sched, t)
        except ValueError as exc:
            c.add(f"{where}.transforms[{i}]", t, str(exc))
            return None
    for msg in check(sched):
        c.add(where, None, f"after the transforms: {msg}")
    return sched


def _points(c: _Checker, where: str, spec) -> dict | None:
    if not isinstance(spec, dict):
        c.add(f"{where}.points", spec, "a table: grade = [low, high]")
        return None
    points, ok = {}, True
    for g, pr in spec.items():
        if (not isinstance(pr, list) or len(pr) != 2
                or not all(isinstance(x, int) and not isinstance(x, bool) and 0 <= x <= 100_000 for x in pr)):
            c.add(f"{where}.points.{g}", pr, "a point range is [low, high], whole numbers 0 to 100,000")
            ok = False
        else:
            points[str(g)] = (pr[0], pr[1])
    return points if ok else None


def _rules(c: _Checker, spec: dict, schedules: dict[str, Schedule]) -> dict[str, str]:
    rules = {}
    for sched_name, rule in spec.items():
        where = f"rules.{sched_name}"
        if sched_name in c.broken:
            continue
        if sched_name not in schedules:
            c.add(where, rule, "unknown schedule")
        elif not isinstance(rule, str) or rule not in RULES:
            c.add(where, rule, f"unknown rule; rules are {', '.join(RULES)}")
        elif rule in RULE_KINDS and schedules[sched_name].kind not in RULE_KINDS[rule]:
            c.add(where, rule, f"rule {rule} needs a {' or '.join(RULE_KINDS[rule])} schedule, "
                               f"not {schedules[sched_name].kind}")
        else:
            rules[sched_name] = rule
    for sched_name in schedules:
        rules.setdefault(sched_name, "closest_step")
    return rules


def _options(c: _Checker, opts: dict) -> dict:
    for key in opts:
        if key not in OPTION_KEYS:
            c.add(f"options.{key}", None, f"unknown option; options are {', '.join(sorted(OPTION_KEYS))}")
    max_raise = 200_000
    if "single_rate_max_raise" in opts:
        max_raise = c.money("options.single_rate_max_raise", opts["single_rate_max_raise"], CEILING["annual"])
    lower = opts.get("hay_lower_grade", "retain")
    if lower not in ("retain", "same_step"):
        c.add("options.hay_lower_grade", lower, "must be 'retain' or 'same_step'")
    range_by = opts.get("hay_range_by", "pay")
    if range_by not in ("pay", "grade"):
        c.add("options.hay_range_by", range_by, "must be 'pay' or 'grade'")
    next_pct = c.number("options.next_pct", opts.get("next_pct", 5), 0, 100, "next_pct")
    return {"max_raise": max_raise, "lower": lower, "range_by": range_by,
            "next_pct": 5.0 if next_pct is None else next_pct,  # zero is a value; None only after a problem
            "special_premiums": _special_premiums(c, opts.get("special_premiums"))}


def _special_premiums(c: _Checker, spec) -> dict[str, list[str]]:
    """options.special_premiums = { education_specialists = [codes], board_certified_physicians = [codes] }."""
    if spec is None:
        return {}
    if not isinstance(spec, dict):
        c.add("options.special_premiums", spec, "a table: education_specialists = [class codes], "
                                                "board_certified_physicians = [class codes]")
        return {}
    out = {}
    for key, codes in spec.items():
        where = f"options.special_premiums.{key}"
        if key not in PREMIUM_KEYS:
            c.add(where, None, f"unknown key; the premiums are {', '.join(sorted(PREMIUM_KEYS))}")
        elif not isinstance(codes, list) or not all(isinstance(x, str) for x in codes):
            c.add(where, codes, "a list of class codes, as strings")
        else:
            out[key] = codes
    return out


def _check_premium_codes(c: _Checker, premiums: dict, crosswalk: pl.DataFrame) -> None:
    if "class_code" not in crosswalk.columns or crosswalk.height == 0:
        return
    known = set(crosswalk["class_code"].drop_nulls().to_list())
    for key, codes in premiums.items():
        for code in codes:
            if code not in known:
                c.add(f"options.special_premiums.{key}", code, "class code is not in the crosswalk")


def _groups(c: _Checker, spec, schedules: dict[str, Schedule]) -> list[Group]:
    if not isinstance(spec, list):
        c.add("groups", spec, "groups are [[groups]] tables")
        return []
    groups = []
    for i, g in enumerate(spec, start=1):
        where = f"groups[{i}]"
        if not isinstance(g, dict):
            c.add(where, g, "a group is a table")
            continue
        for key in g:
            if key not in GROUP_KEYS:
                c.add(f"{where}.{key}", None, f"unknown key; a group's keys are {', '.join(sorted(GROUP_KEYS))}")
        match = g.get("match") or {}
        if not isinstance(match, dict) or not match:
            c.add(f"{where}.match", None, "a group needs a match: { field = [values] }")
            match = {}
        for key, values in match.items():
            if key not in MATCH_FIELDS:
                c.add(f"{where}.match.{key}", None, f"can match on {', '.join(MATCH_FIELDS)}")
            elif not isinstance(values, list) or not values:
                c.add(f"{where}.match.{key}", values, "a non-empty list of values")
        rule = g.get("rule")
        if rule is not None and (not isinstance(rule, str) or rule not in RULES):
            c.add(f"{where}.rule", rule, f"unknown rule; rules are {', '.join(RULES)}")
        if g.get("schedule") is not None and c.unknown(g["schedule"], schedules):
            c.add(f"{where}.schedule", g["schedule"], "unknown schedule")
        if g.get("set_grade") is not None and not isinstance(g["set_grade"], str | int):
            c.add(f"{where}.set_grade", g["set_grade"], "a grade name, as a string")
        if "exclude" in g and not isinstance(g["exclude"], bool):
            c.add(f"{where}.exclude", g["exclude"], "true or false")
        cap_amount = c.money(f"{where}.cap_amount", g["cap_amount"], CEILING["annual"]) if "cap_amount" in g else None
        cap_pct = c.number(f"{where}.cap_pct", g["cap_pct"], 0, 100, "cap_pct") if "cap_pct" in g else None
        gpct = c.number(f"{where}.next_pct", g["next_pct"], 0, 100, "next_pct") if "next_pct" in g else None
        groups.append(Group(str(g.get("name", where)), {k: [str(v) for v in vv] for k, vv in match.items()
                                                        if isinstance(vv, list)},
                            rule, bool(g.get("exclude", False)), g.get("schedule"),
                            None if g.get("set_grade") is None else str(g["set_grade"]), cap_amount, cap_pct, gpct))
    return groups


def _check_projection(c: _Checker, projection: dict, schedules: dict) -> None:
    for names, total, message in shares_over_one(projection):
        given = [k for k in names if k in projection]
        c.add(f"projection.{(given or names)[-1]}", total, message)
    for key, value in projection.items():
        where = f"projection.{key}"
        if key not in PARAMETER_NAMES:
            import difflib

            close = difflib.get_close_matches(key, sorted(PARAMETER_NAMES), n=1)
            c.add(where, None, "unknown projection parameter" + (f"; did you mean {close[0]}?" if close else "")
                  + f" The parameters are {', '.join(sorted(PARAMETER_NAMES))}")
        elif key in PROBABILITIES:
            c.number(where, value, 0, 1, key)
        elif key in RANGES:
            c.number(where, value, *RANGES[key], key)
        elif key == "separation_rates":
            if not isinstance(value, list) or not all(
                    isinstance(b, list) and len(b) in (2, 3) and all(isinstance(x, int | float) and not isinstance(
                        x, bool) for x in b) and 0 <= b[-1] <= 1 and min(b[:-1]) >= 0 for b in value):
                c.add(where, value, "a list of bands, each [age below, rate] or [age below, years of service below, "
                                    "rate]; rates a year from 0 to 1 (the first band the person is under applies)")
        elif key == "rating_shares":
            if not isinstance(value, list) or len(value) != 3 or not all(
                    isinstance(x, int | float) and not isinstance(x, bool) and 0 <= x <= 1 for x in value) \
                    or sum(value) > 1:
                c.add(where, value, "three shares (outstanding, fully adequate, acceptable) from 0 to 1, at most 1 "
                                    "in all")
        elif key == "general_increases":
            _general_increases(c, where, value, schedules)
        elif key == "reductions_in_force":
            reductions.check(c, where, value)
        elif key == "rif_budget":
            if value not in reductions.BUDGETS:
                c.add(where, value, "must be 'pro_rata' (Hay line 982: the budget recalculated pro rata) or "
                                    "'unchanged'")
        elif key == "teacher_baseline":
            if value not in ("scaled", "flat"):
                c.add(where, value, "must be 'scaled' or 'flat'")
        elif key == "baseline_progression":
            if value not in ("old_plan", "none"):
                c.add(where, value, "must be 'old_plan' (the old plan's steps) or 'none' (the present pay held)")
        elif key == "progression":
            for sched, kind in (value if isinstance(value, dict) else {}).items():
                if sched in c.broken:
                    continue
                if sched not in schedules:
                    c.add(f"{where}.{sched}", kind, "unknown schedule")
                elif kind not in PROGRESSIONS:
                    c.add(f"{where}.{sched}", kind, f"progression must be one of {', '.join(PROGRESSIONS)}")


def _general_increases(c: _Checker, where: str, value, schedules: dict) -> None:
    """Each general increase: { schedule, year, pct } once, or { schedule, from_year, pct } every fiscal year from
    that one; the schedule one of the scenario's or "old_plan" (the status quo's raises: paid in the baseline,
    and to whoever stays on the old plan in the reform)."""
    shapes = ({"schedule", "year", "pct"}, {"schedule", "from_year", "pct"})
    for i, inc in enumerate(value if isinstance(value, list) else [None], start=1):
        if not isinstance(inc, dict) or set(inc) not in shapes:
            c.add(f"{where}[{i}]", inc, 'a general increase is { schedule, year, pct } (once) or { schedule, '
                                        'from_year, pct } (every year from that one); schedule "old_plan" raises the '
                                        "status quo's plan")
            continue
        if inc["schedule"] != OLD_PLAN and c.unknown(inc["schedule"], schedules):
            c.add(f"{where}[{i}].schedule", inc["schedule"], f"unknown schedule (the scenario's: "
                                                             f"{', '.join(schedules) or 'none'}; or old_plan)")
        c.number(f"{where}[{i}].pct", inc["pct"], -50, 100, "pct")
        key = "year" if "year" in inc else "from_year"
        if not isinstance(inc[key], int) or isinstance(inc[key], bool) or not 1 <= inc[key] <= 50:
            c.add(f"{where}[{i}].{key}", inc[key], f"{key} must be a whole number from 1 to 50")


def _crosswalk_of(c: _Checker, doc: dict, path: Path, schedules) -> tuple[pl.DataFrame, bytes]:
    empty = pl.DataFrame(schema={col: pl.String for col in (*CROSSWALK_COLUMNS, "cw_row")})
    name = doc.get("crosswalk")
    if name is None:
        return empty, b""
    if not isinstance(name, str) or not name.strip():
        c.add("crosswalk", name, "the crosswalk's file name, in quotes")
        return empty, b""
    return _crosswalk(path.parent / name, schedules, c.problems, c.broken)


def _crosswalk(path: Path, schedules: dict[str, Schedule], problems: list[Problem],
               broken: set[str] = frozenset()) -> tuple[pl.DataFrame, bytes]:
    """The crosswalk, every row checked; (frame, its bytes for the content hash). Its problems go with the
    scenario's, whatever else is wrong."""
    from simulator.roster import csv_shape_problems

    file = path.name or str(path)
    empty = pl.DataFrame(schema={col: pl.String for col in (*CROSSWALK_COLUMNS, "cw_row")})
    reason = None
    if not path.exists():
        reason = f"crosswalk file not found: {path}"
    elif path.is_dir():
        reason = f"is a folder, not a crosswalk file: {path}"
    elif path.stat().st_size == 0:
        reason = "is empty: a crosswalk needs a header (class_code,schedule,grade,...) and a row per class"
    elif path.stat().st_size > MAX_FILE_BYTES:
        reason = f"is {path.stat().st_size:,} bytes: not a crosswalk"
    if reason:
        problems.append(Problem(file, None, None, None, reason))
        return empty, b""
    shape = csv_shape_problems(path, file)
    if shape:
        problems += shape
        return empty, b""
    cw = pl.read_csv(path, infer_schema=False)
    missing = [col for col in ("class_code", "schedule") if col not in cw.columns]
    if missing:
        problems.append(Problem(file, None, None, None, f"is not a crosswalk: it needs the columns class_code and "
                                f"schedule (it has {shorten(', '.join(cw.columns), 120)[1:-1]})"))
        return empty, b""
    cw = cw.with_columns([pl.lit(None, pl.String).alias(col) for col in CROSSWALK_COLUMNS if col not in cw.columns])
    cw = cw.select([pl.col(col).str.strip_chars().replace("", None) for col in CROSSWALK_COLUMNS]).with_row_index(
        "cw_row", offset=2)
    if cw.height == 0:
        problems.append(Problem(file, None, None, None, "has a header and no rows: a crosswalk needs a row per class"))
    found: list[Problem] = []
    _crosswalk_rows(cw.filter(~pl.col("schedule").is_in(list(broken))), file, schedules, found)
    problems += _capped(found)
    return cw, path.read_bytes()


def _capped(found: list[Problem]) -> list[Problem]:
    """The crosswalk's problems, each kind's first MAX_ROWS_PER_CHECK listed and the rest counted (as the
    roster's are)."""
    from simulator.errors import MAX_ROWS_PER_CHECK

    kinds: dict = {}
    for p in found:
        kinds.setdefault((p.column, p.message, p.severity), []).append(p)
    out = []
    for (column, message, severity), ps in kinds.items():
        out += ps[:MAX_ROWS_PER_CHECK]
        if len(ps) > MAX_ROWS_PER_CHECK:
            rest = len(ps) - MAX_ROWS_PER_CHECK
            out.append(Problem(ps[0].file, None, column, None, f"... and {rest:,} more rows with the same problem "
                               f"({message})", severity, count=rest))
    return out


def _crosswalk_rows(cw: pl.DataFrame, file: str, schedules: dict[str, Schedule], problems: list[Problem]) -> None:
    def add(r, column, value, message):
        problems.append(Problem(file, r["cw_row"], column, value, message))

    for r in cw.filter(pl.col("class_code").is_null()).iter_rows(named=True):
        add(r, "class_code", None, "class_code is blank")
    for r in cw.filter(pl.col("class_code").is_duplicated() & pl.col("class_code").is_not_null()).iter_rows(
            named=True):
        add(r, "class_code", r["class_code"], "class_code is not unique")
    for r in cw.iter_rows(named=True):
        sched = schedules.get(r["schedule"])
        if sched is None:
            add(r, "schedule", r["schedule"], f"unknown schedule; the scenario defines {', '.join(schedules)}"
                if schedules else "unknown schedule; the scenario defines no schedule (its [schedules] table is "
                                  "missing or empty)")
            continue
        if r["rule"] is not None and r["rule"] not in RULES:
            add(r, "rule", r["rule"], f"unknown rule; rules are {', '.join(RULES)}")
        if r["points"] is not None and (not r["points"].isdigit() or len(r["points"]) > 6):
            add(r, "points", r["points"], "points must be a whole number (at most 6 digits)")
            continue
        if r["grade"] is None:
            if r["points"] is None:
                add(r, "grade", None, "give a grade, or points to find it")
            elif not sched.points:
                add(r, "points", r["points"], f"schedule {r['schedule']} has no point ranges to allocate by points")
            elif not any(lo <= int(r["points"]) <= hi for lo, hi in sched.points.values()):
                add(r, "points", r["points"], f"outside every point range of schedule {r['schedule']}")
        elif sched.kind == "teacher_matrix":
            if not any(g.split(":")[0] == r["grade"] for g in sched.grades):
                add(r, "grade", r["grade"], f"unknown category of schedule {r['schedule']}")
        elif r["grade"] not in sched.grades:
            add(r, "grade", r["grade"], f"unknown grade of schedule {r['schedule']}")
