"""``regrade diff A B``: what differs between two scenarios, as a reader wants it: the scenario's own facts, each
schedule's cells (old -> new, by grade and step, in the schedule's own unit), the rules, the groups, the
options, the projection's parameters (with the defaults filled in) and the crosswalk's rows. Overlays are
compared as merged (simulator/scenario.py), so an overlay against its base shows exactly what it changes."""

from __future__ import annotations

from dataclasses import asdict, fields

from simulator.money import dollars_text
from simulator.params import params_from
from simulator.scenario import Scenario

MAX_LINES = 40  # per section; the rest counted
PER = {"weekly": "a week", "annual": "a year", "hourly": "an hour"}


def _money(cents, basis: str) -> str:
    return "none" if cents is None else f"{dollars_text(cents)} {PER.get(basis, '')}".strip()


def _capped(lines: list[str]) -> list[str]:
    if len(lines) <= MAX_LINES:
        return lines
    return [*lines[:MAX_LINES], f"... and {len(lines) - MAX_LINES:,} more"]


def _facts(a: Scenario, b: Scenario) -> list[str]:
    out = []
    facts = (("name", lambda s: s.name), ("title", lambda s: s.title), ("models", lambda s: s.models),
             ("effective date", lambda s: str(s.effective_date)), ("old plan", lambda s: s.old_plan.name),
             ("sources", lambda s: "; ".join(s.sources)), ("assumptions", lambda s: ", ".join(s.assumptions)))
    for label, get in facts:
        if get(a) != get(b):
            out.append(f"{label}: {get(a) or '(none)'} -> {get(b) or '(none)'}")
    return out


def _schedules(a: Scenario, b: Scenario) -> list[str]:
    out = []
    for key in sorted(set(a.schedules) | set(b.schedules)):
        sa, sb = a.schedules.get(key), b.schedules.get(key)
        if sa is None or sb is None:
            out.append(f"schedule {key}: only in {'B' if sa is None else 'A'} ({(sb or sa).name})")
            continue
        if sa.name != sb.name:
            out.append(f"schedule {key}: {sa.name} -> {sb.name}")
        if sa.basis != sb.basis:
            out.append(f"schedule {key}: paid {sa.basis} -> {sb.basis}")
        cells = []
        for grade in sorted(set(sa.grades) | set(sb.grades), key=lambda g: (len(g), g)):
            ra, rb = dict(sa.grades.get(grade, [])), dict(sb.grades.get(grade, []))
            if grade not in sa.grades or grade not in sb.grades:
                cells.append(f"  grade {grade}: only in {'B' if grade not in sa.grades else 'A'}")
                continue
            for step in list(dict.fromkeys([*ra, *rb])):
                if ra.get(step) != rb.get(step):
                    cells.append(f"  grade {grade} step {step}: {_money(ra.get(step), sa.basis)} -> "
                                 f"{_money(rb.get(step), sb.basis)}")
        if cells:
            out.append(f"schedule {key}: {len(cells):,} cell(s) differ")
            out += _capped(cells)
    return out


def _rules(a: Scenario, b: Scenario) -> list[str]:
    return [f"rule for schedule {k}: {a.rules.get(k, '(none)')} -> {b.rules.get(k, '(none)')}"
            for k in sorted(set(a.rules) | set(b.rules)) if a.rules.get(k) != b.rules.get(k)]


def _groups(a: Scenario, b: Scenario) -> list[str]:
    ga, gb = {g.name: g for g in a.groups}, {g.name: g for g in b.groups}
    out = []
    for name in list(dict.fromkeys([*ga, *gb])):
        if name not in gb:
            out.append(f"group {name!r}: only in A")
        elif name not in ga:
            g = gb[name]
            what = {k: v for k, v in asdict(g).items() if k != "name" and v not in (None, False, {})}
            out.append(f"group {name!r}: only in B ({', '.join(f'{k} = {v}' for k, v in what.items())})")
        elif ga[name] != gb[name]:
            changed = [f"{f.name}: {getattr(ga[name], f.name)} -> {getattr(gb[name], f.name)}"
                       for f in fields(ga[name]) if getattr(ga[name], f.name) != getattr(gb[name], f.name)]
            out.append(f"group {name!r}: {'; '.join(changed)}")
    if [g.name for g in a.groups if g.name in gb] != [g.name for g in b.groups if g.name in ga]:
        out.append("groups: the same groups in another order (the order decides which applies)")
    return out


def _options(a: Scenario, b: Scenario) -> list[str]:
    out = []
    if a.single_rate_max_raise != b.single_rate_max_raise:
        out.append(f"single_rate_max_raise: {_money(a.single_rate_max_raise, 'annual')} -> "
                   f"{_money(b.single_rate_max_raise, 'annual')}")
    for label in ("hay_lower_grade", "hay_range_by", "next_pct", "special_premiums"):
        va, vb = getattr(a, label), getattr(b, label)
        if va != vb:
            out.append(f"{label}: {va} -> {vb}")
    return out


def _increases(items: list[dict]) -> str:
    """General increases in words: each schedule's percentages with the fiscal years (runs of years joined)."""
    if not items:
        return "none"
    by, every = {}, []
    for inc in items:
        if "from_year" in inc:
            every.append(f"{inc['schedule']} {inc['pct']:+g} % every year from year {inc['from_year']}")
        else:
            by.setdefault((inc["schedule"], inc["pct"]), []).append(int(inc["year"]))
    parts = every
    for (schedule, pct), years in by.items():
        years, runs = sorted(years), []
        for y in years:
            if runs and y == runs[-1][1] + 1:
                runs[-1][1] = y
            else:
                runs.append([y, y])
        spans = ", ".join(f"{lo}" if lo == hi else f"{lo}-{hi}" for lo, hi in runs)
        parts.append(f"{schedule} {pct:+g} % in year{'s' if len(years) > 1 else ''} {spans}")
    return "; ".join(parts)


def _projection(a: Scenario, b: Scenario) -> list[str]:
    pa, pb = params_from(a.projection), params_from(b.projection)
    out = []
    for f in fields(pa):
        va, vb = getattr(pa, f.name), getattr(pb, f.name)
        if va != vb:
            if f.name == "general_increases":
                va, vb = _increases(va), _increases(vb)
            out.append(f"{f.name}: {va} -> {vb}")
    return out


def _crosswalk(a: Scenario, b: Scenario) -> list[str]:
    cols = ["class_code", "schedule", "grade", "rule"]
    ca = a.crosswalk.select(cols).unique("class_code", keep="first")
    cb = b.crosswalk.select(cols).unique("class_code", keep="first")
    both = ca.join(cb, on="class_code", how="full", suffix="_b", coalesce=True, nulls_equal=True).sort("class_code")
    out = []
    for row in both.iter_rows(named=True):
        old = None if row["schedule"] is None else f"{row['schedule']} {row['grade']}" + (
            f" ({row['rule']})" if row["rule"] else "")
        new = None if row["schedule_b"] is None else f"{row['schedule_b']} {row['grade_b']}" + (
            f" ({row['rule_b']})" if row["rule_b"] else "")
        if old != new:
            out.append(f"  class {row['class_code']}: {old or '(not in A)'} -> {new or '(not in B)'}")
    return ([f"crosswalk: {len(out):,} class(es) differ"] + _capped(out)) if out else []


def scenario_diff(a: Scenario, b: Scenario) -> list[str]:
    """The differences, section by section; empty when the two scenarios place and project alike."""
    out = []
    for title, part in (("Scenario", _facts), ("Schedules", _schedules), ("Rules", _rules), ("Groups", _groups),
                        ("Options", _options), ("Projection", _projection), ("Crosswalk", _crosswalk)):
        lines = part(a, b)
        if lines:
            out += [f"{title}:", *[f"  {line}" for line in lines], ""]
    return out


def render(a: Scenario, b: Scenario) -> str:
    lines = scenario_diff(a, b)
    head = f"A: {a.name} ({a.path.name})\nB: {b.name} ({b.path.name})\n"
    if not lines:
        return head + "\nNo differences: the two scenarios place and project alike.\n"
    return head + "\n" + "\n".join(lines)

