"""Alternative schedules as transforms of another, written in the scenario:

    [schedules.I]
    from = "hay_schedule_1"            # a built-in schedule, or one defined earlier in this scenario
    transforms = [
        { pct = -3.0 },                # every rate 3 % lower (half up to the cent, in the schedule's unit)
        { dollars = 100, grades = "1-10" },   # $100 more (in the schedule's unit) in grades 1 to 10
        { spread_pct = 10.0 },         # each step's distance above step A 10 % wider (step A kept)
        { add_step = "Z", pct = 4.0 }, # a new top step, 4 % above the present top
        { drop_step = "X" },           # a step removed from every grade
        { round_to = 0.50 },           # every rate to the nearest 50 cents, half up (the seeds round weekly
    ]                                  # rates to 50 cents)

Applied in order; every rate stays integer cents (percentages as basis points, half up). ``grades`` is a
range "lo-hi" of grade numbers, or a list of grade names; without it, every grade. The result keeps the
schedule's kind, basis, name (its progression follows the original's), points and months, and is checked like
any schedule (rates increasing along the steps).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal, InvalidOperation

from simulator.schedules import Schedule, above_ceiling

OPS = ("pct", "dollars", "spread_pct", "add_step", "drop_step", "round_to")


def _half_up(x: int, d: int) -> int:
    return (2 * x + d) // (2 * d) if x >= 0 else -((-2 * x + d) // (2 * d))


def _bp(value) -> int:
    """A percentage as whole basis points; ValueError if it has more than two decimals or is not a number."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("a number of per cent, e.g. 3 or -2.5")
    try:
        d = Decimal(str(value)) * 100
    except InvalidOperation:
        raise ValueError("a number of per cent") from None
    if d != d.to_integral_value():
        raise ValueError("at most two decimals of a per cent")
    if not -9000 <= d <= 100_000:
        raise ValueError("from -90 to 1,000 per cent")
    return int(d)


def _cents(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("an amount in dollars, e.g. 100 or 0.50")
    d = Decimal(str(value)) * 100
    if d != d.to_integral_value():
        raise ValueError("at most two decimals of a dollar")
    if abs(d) > 100_000_000:
        raise ValueError("more than $1,000,000")
    return int(d)


def _grades(schedule: Schedule, spec) -> set[str]:
    if spec is None:
        return set(schedule.grades)
    if isinstance(spec, list) and all(isinstance(g, str | int) and not isinstance(g, bool) for g in spec):
        wanted = {str(g) for g in spec}
    elif isinstance(spec, str) and spec.count("-") == 1 and all(p.strip().isdigit() for p in spec.split("-")):
        lo, hi = (int(p) for p in spec.split("-"))
        wanted = {g for g in schedule.grades if g.isdigit() and lo <= int(g) <= hi}
        numbers = sorted(int(g) for g in schedule.grades if g.isdigit())
        if lo > hi or not numbers or lo < numbers[0] or hi > numbers[-1]:  # "40-99" on grades 1-41 is a typo
            raise ValueError(f'grades "{spec}" reaches beyond {schedule.name}\'s grades '
                             f'{numbers[0] if numbers else "?"}-{numbers[-1] if numbers else "?"}: '
                             "give a range inside them")
    else:
        raise ValueError('grades is a range "lo-hi" of grade numbers or a list of grade names')
    unknown = sorted(wanted - set(schedule.grades))
    if unknown or not wanted:
        raise ValueError(f"no grade {', '.join(unknown)} in {schedule.name}" if unknown else "names no grade")
    return wanted


def apply_one(schedule: Schedule, t: dict) -> Schedule:
    """One transform; ValueError (in words) when it cannot apply."""
    if not isinstance(t, dict):
        raise ValueError("a transform is a table, e.g. { pct = -3.0 }")
    ops = [k for k in t if k in OPS]
    extra = set(t) - set(OPS) - {"grades"}
    if len(ops) != 1 and not (ops == ["pct", "add_step"] or ops == ["add_step", "pct"]):
        raise ValueError(f"a transform has one of {', '.join(OPS)} (add_step with its pct)")
    if extra:
        raise ValueError(f"unknown key {sorted(extra)[0]}")
    if any(r is None for steps in schedule.grades.values() for _, r in steps):
        raise ValueError(f"{schedule.name}'s rates are not printed: nothing to transform")
    stepped = schedule.kind == "stepped"
    if ("add_step" in t or "drop_step" in t or "spread_pct" in t) and not stepped:
        raise ValueError(f"add_step, drop_step and spread_pct need a stepped schedule, not {schedule.kind}")
    grades = {g: list(steps) for g, steps in schedule.grades.items()}
    if "add_step" in t:
        name, bp = t["add_step"], _bp(t.get("pct", 0))
        if not isinstance(name, str) or not name.strip():
            raise ValueError("add_step is the new step's name, in quotes")
        if bp <= 0:
            raise ValueError("add_step needs pct above 0: how far the new top step is above the present top")
        for g in _grades(schedule, t.get("grades")):
            if any(s == name for s, _ in grades[g]):
                raise ValueError(f"grade {g} has a step {name} already")
            top = grades[g][-1][1]
            grades[g].append((name, _half_up(top * (10000 + bp), 10000)))
    elif "drop_step" in t:
        name = t["drop_step"]
        for g in _grades(schedule, t.get("grades")):
            kept = [(s, r) for s, r in grades[g] if s != name]
            if len(kept) == len(grades[g]):
                raise ValueError(f"grade {g} has no step {name}")
            if not kept:
                raise ValueError(f"grade {g} would have no step left")
            grades[g] = kept
    elif "round_to" in t:
        unit = _cents(t["round_to"])
        if unit <= 0:
            raise ValueError("round_to is a positive amount, e.g. 0.50")
        for g in _grades(schedule, t.get("grades")):
            grades[g] = [(s, _half_up(r, unit) * unit) for s, r in grades[g]]
    else:
        op = ops[0]
        if op == "dollars":
            add = _cents(t[op])
            change = lambda r, a: r + add  # noqa: E731
        elif op == "pct":
            bp = _bp(t[op])
            change = lambda r, a: _half_up(r * (10000 + bp), 10000)  # noqa: E731
        else:
            bp = _bp(t[op])
            change = lambda r, a: a + _half_up((r - a) * (10000 + bp), 10000)  # noqa: E731
        for g in _grades(schedule, t.get("grades")):
            a = grades[g][0][1]
            grades[g] = [(s, change(r, a)) for s, r in grades[g]]
            if any(r <= 0 for _, r in grades[g]):
                raise ValueError(f"grade {g} would have a rate at or below zero")
    out = replace(schedule, grades=grades, provenance="scenario",
                  description=f"{schedule.description} (transformed in the scenario)".strip())
    too_high = above_ceiling(out)
    if too_high:
        raise ValueError(too_high)
    if stepped:  # the step-to-step increment, as an inline schedule has it
        out.increment = {g: (out.rates(g)[1] - out.rates(g)[0]) if len(out.rates(g)) > 1 else 0 for g in grades}
    return out
