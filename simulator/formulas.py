"""Schedules generated from a formula, as Hay built Schedules I and Ia, written in the scenario:

    [schedules.I]
    from = "hay_schedule_1"        # grades, step names, point ranges and step timing of this schedule
    [schedules.I.formula]
    control = "D"                  # the step the lines set ("Each Step D, selected as the control step")
    unit = 1                       # every cell rounded to whole dollars (0.01: to the cent)
    rounding = "half_up"           # or "down" (cut to the unit)
    [[schedules.I.formula.lines]]  # control = per_point x P + constant, P the middle of the grade's points
    grades = "1-25"
    per_point = 24.39
    constant = 4100
    [[schedules.I.formula.steps]]  # every other step: another step times a factor, in this order
    step = "A"
    of = "D"
    times = 0.8638

P is the middle point of the grade's point range, half up to a whole point; ``p = { "1" = 79 }`` gives a grade
another ("or approximate middle point", Hay line 280), and ``pinned = { "26" = 16514 }`` sets a grade's control
step as printed where the report departs from its own formula. A step may round its own way
(``rounding = "half_up"`` in its table). Every amount is integer cents: per_point and constant to the cent,
factors exact as written (decimal), each cell rounded once, to the unit, from the cells it is made of.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal, InvalidOperation

from simulator.schedules import Schedule, above_ceiling
from simulator.transforms import _cents, _grades, _half_up

ROUNDINGS = ("half_up", "down")
KEYS = {"control", "unit", "rounding", "lines", "steps", "p", "pinned", "note"}


def _round(x: int, d: int, how: str) -> int:
    """x / d to a whole number: half up, or cut toward zero (x >= 0 here: rates are positive)."""
    return _half_up(x, d) if how == "half_up" else x // d


def _factor(value) -> tuple[int, int]:
    """A factor as an exact fraction (numerator, 10^k), from its decimal text: 0.8638 -> (8638, 10000)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("times is a number, e.g. 1.05")
    try:
        d = Decimal(str(value))
    except InvalidOperation:
        raise ValueError("times is a number, e.g. 1.05") from None
    if not d.is_finite():
        raise ValueError("times is a number, e.g. 1.05, not nan or inf")
    if not 0 < d <= 10:
        raise ValueError("times is above 0 and at most 10")
    exp = -d.as_tuple().exponent if d.as_tuple().exponent < 0 else 0
    if exp > 8:
        raise ValueError("times has at most 8 decimals")
    return int(d * 10 ** exp), 10 ** exp


def _whole(value, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{what} is a whole number of points")
    return value


def generate(structure: Schedule, spec: dict) -> Schedule:
    """``structure``'s grades and steps with every rate made by ``spec`` (ValueError, in words, naming the key)."""
    if not isinstance(spec, dict):
        raise ValueError("formula is a table: control, unit, rounding, lines, steps")
    extra = set(spec) - KEYS
    if extra:
        raise ValueError(f"unknown key {sorted(extra)[0]} (a formula has {', '.join(sorted(KEYS))})")
    if structure.kind != "stepped" or not structure.points:
        raise ValueError(f"{structure.name} is not a stepped schedule with point ranges: a formula needs both")
    unit = _cents(spec.get("unit", 1))
    how = spec.get("rounding", "half_up")
    if unit <= 0:
        raise ValueError("unit is a positive amount, e.g. 1 (whole dollars) or 0.01")
    if not isinstance(how, str) or how not in ROUNDINGS:
        raise ValueError(f"rounding is one of {', '.join(ROUNDINGS)}")
    names = {s for steps in structure.grades.values() for s, _ in steps}
    control = spec.get("control")
    if not isinstance(control, str) or control not in names:
        raise ValueError(f"control is one of {structure.name}'s steps ({', '.join(sorted(names))})")

    per_point, constant, covered = {}, {}, set()
    lines = spec.get("lines")
    if not isinstance(lines, list) or not lines:
        raise ValueError("lines: at least one { grades, per_point, constant }")
    for i, line in enumerate(lines, start=1):
        if not isinstance(line, dict) or set(line) - {"grades", "per_point", "constant", "note"}:
            raise ValueError(f"lines[{i}] is a table of grades, per_point and constant")
        gs = _grades(structure, line.get("grades"))
        if gs & covered:
            raise ValueError(f"lines[{i}]: grade {sorted(gs & covered)[0]} is in an earlier line too")
        covered |= gs
        try:
            slope, intercept = _cents(line.get("per_point")), _cents(line.get("constant"))
        except ValueError as exc:
            raise ValueError(f"lines[{i}]: per_point and constant are each {exc}") from None
        for g in gs:
            per_point[g], constant[g] = slope, intercept
    for key in ("p", "pinned"):
        if not isinstance(spec.get(key) or {}, dict):
            raise ValueError(f'{key} is a table by grade, e.g. {key} = {{ "28" = {579 if key == "p" else 14000} }}')
    p = {str(g): _whole(v, f"p.{g}") for g, v in (spec.get("p") or {}).items()}
    pinned = {str(g): _cents(v) for g, v in (spec.get("pinned") or {}).items()}
    for g in [*p, *pinned]:
        if g not in covered:
            raise ValueError(f"grade {g} (in p or pinned) is in no line")

    rules = spec.get("steps")
    if not isinstance(rules, list):
        raise ValueError("steps: a list of { step, of, times }")
    parsed = []
    for i, r in enumerate(rules, start=1):
        keys = set(r) if isinstance(r, dict) else set()
        if not isinstance(r, dict) or keys - {"step", "of", "times", "rounding"} or not {"step", "of", "times"} <= keys:
            raise ValueError(f"steps[{i}] is a table of step, of, times (and rounding)")
        if not isinstance(r.get("rounding", how), str) or r.get("rounding", how) not in ROUNDINGS:
            raise ValueError(f"steps[{i}].rounding is one of {', '.join(ROUNDINGS)}")
        if not isinstance(r["step"], str) or not isinstance(r["of"], str):
            raise ValueError(f"steps[{i}]: step and of are step names, in quotes")
        parsed.append((r["step"], r["of"], _factor(r["times"]), r.get("rounding", how)))

    grades = {}
    for g, steps in structure.grades.items():
        if g not in covered:
            raise ValueError(f"grade {g} is in no line")
        if g not in structure.points and g not in p:
            raise ValueError(f"grade {g} has no point range in {structure.name} (give its P in p)")
        lo, hi = structure.points.get(g, (0, 0))
        point = p.get(g, _half_up(lo + hi, 2))
        made = {control: pinned.get(g, _round(per_point[g] * point + constant[g], unit, how) * unit)}
        for i, (step, of, (num, den), rounding) in enumerate(parsed, start=1):
            if of not in made:
                raise ValueError(f"steps[{i}]: {of} is not made yet (the control step, or a step listed before)")
            made[step] = _round(made[of] * num, den * unit, rounding) * unit
        missing = [s for s, _ in steps if s not in made]
        if missing:
            raise ValueError(f"grade {g}: no rule makes step {missing[0]}")
        grades[g] = [(s, made[s]) for s, _ in steps]
    out = replace(structure, grades=grades, provenance="formula",
                  description=f"{structure.description} (rates from the scenario's formula)".strip())
    too_high = above_ceiling(out)
    if too_high:
        raise ValueError(too_high)
    out.increment = {g: (out.rates(g)[1] - out.rates(g)[0]) if len(out.rates(g)) > 1 else 0 for g in grades}
    return out
