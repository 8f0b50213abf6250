"""Goal-seek: the value of one scenario parameter at which a measure of the reform meets a target.

    regrade solve --roster R --scenario S --vary schedules.I.pct --between -10 10 --target "first_year_pct <= 9"

The parameter moves on its own grid (a percent or a dollar amount to the cent; a projection parameter to a
ten-thousandth), so the answer is exact on that grid: the last value that meets the target, next to the first
that does not. Each value is costed in memory (simulator/recost.py): the roster read, checked, placed and projected
once, then each value's placement and expected-value projection from arrays (no person rows, nothing
stored). The measure is sampled across the range first;
where it is not monotone there, bisection could stop at any of several crossings, so the command says so and
gives no answer.
"""

from __future__ import annotations

import copy
import json
import math
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from simulator.params import PARAMETER_NAMES, PROBABILITIES, RANGES, params_from
from simulator.scenario import Scenario

MEASURES = {
    "first_year_cost": "the first fiscal year's cost (dollars)",
    "total_cost": "the cost over all the years (dollars)",
    "first_year_pct": "the first year's cost as a % of baseline payroll",
    "total_pct": "the cost over all the years as a % of baseline payroll",
    "first_year_compensation": "the first fiscal year's cost in salary and the employer's benefits (dollars)",
    "total_compensation": "the cost in salary and benefits over all the years (dollars)",
    "losers": "the number of employees whose pay goes down at placement",
}
SAMPLES = 9  # points of the monotonicity check, ends included


class SolveError(ValueError):
    """A question solve cannot answer (said in words; the command exits 2)."""


@dataclass
class Parameter:
    path: str  # schedules.<K>.pct | .dollars | .line<N>.constant | .line<N>.per_point | options.next_pct |
    #            projection.<name>
    step: float  # the grid
    bounds: tuple[float, float] | None = None  # the values a scenario may give it, where checked

    def check(self, lo: float, hi: float, option: str) -> None:
        """The range asked for (``option``: as the user wrote it), within the values the parameter may take."""
        if self.bounds and not (self.bounds[0] <= lo and hi <= self.bounds[1]):
            raise SolveError(f"{option}: {self.path} takes values from {self.bounds[0]:g} to {self.bounds[1]:g}")

    def apply(self, scenario: Scenario, x: float) -> Scenario:
        """A copy of the scenario with the parameter at x (SolveError naming the parameter and the value). A
        schedule made from another (``from``) keeps its making in the copy's spec, with the change: a formula's
        line changed, or the percent or dollars as one more transform; so that a second parameter applied
        after this one, and the overlay written out, make the schedule with both."""
        out = copy.copy(scenario)
        part, *rest = self.path.split(".")
        try:
            if part == "schedules":
                key = rest[0]
                spec = scenario.spec.get("schedules", {}).get(key)
                made = {"from": spec} if isinstance(spec, str) else spec if isinstance(spec, dict) and "from" in spec \
                    else None
                if len(rest) == 3:  # a formula's line
                    made = {**made, "formula": self._formula(made["formula"], x)}
                    sched = _make(scenario, key, made)
                else:
                    sched = _apply_one(scenario.schedules[key], {rest[1]: round(x, 2)})
                    if made is not None:
                        made = {**made, "transforms": [*made.get("transforms", []), {rest[1]: round(x, 2)}]}
                out.schedules = {**scenario.schedules, key: sched}
                if made is not None:
                    out.spec = {**scenario.spec, "schedules": {**scenario.spec.get("schedules", {}), key: made}}
            elif part == "options":
                out.next_pct = round(x, 2)
            else:
                out.projection = {**scenario.projection, rest[0]: x}
        except ValueError as exc:
            raise SolveError(f"{self.path} = {x:g}: {exc}") from None
        return out

    def _formula(self, formula: dict, x: float) -> dict:
        """The formula with line N's per_point or constant at x (its note saying so)."""
        _, line, field_ = self.path.split(".")[1:]
        formula = copy.deepcopy(formula)
        changed = formula["lines"][int(line[4:]) - 1]
        was = changed.get(field_)
        changed[field_] = round(x, 2)
        before = f"; {changed['note']}" if changed.get("note") else ""
        changed["note"] = f"{field_} {x:g} by regrade solve or sweep (was {was:g}{before})"
        return formula

    def overlay(self, scenario: Scenario, x: float, out_path: Path) -> str:
        """The solved scenario as an overlay of ``scenario`` (TOML text)."""
        base = os.path.relpath(scenario.path.resolve(), out_path.resolve().parent)
        lines = [f"# Written by regrade solve: {self.path} = {x:g}", "",
                 f"base = {json.dumps(base)}", f"name = {json.dumps(scenario.name + '-solved')}",
                 f"title = {json.dumps(f'{scenario.title}, {self.path} = {x:g}')}", ""]
        part, *rest = self.path.split(".")
        if part == "schedules":
            solved = self.apply(scenario, x)
            key = rest[0]
            made = solved.spec.get("schedules", {}).get(key)
            if not (isinstance(made, dict) and "from" in made):  # written out in the scenario: again, solved
                return "\n".join(lines + _inline(key, made, solved.schedules[key])) + "\n"
            lines += [f"[schedules.{key}]", f"from = {json.dumps(made['from'])}"]
            lines += [f"{k} = {_toml(made[k])}" for k in ("formula", "transforms", "note") if k in made]
        elif part == "options":
            lines += ["[options]", f"next_pct = {round(x, 2):g}"]
        else:
            lines += ["[projection]", f"{rest[0]} = {x:g}"]
        return "\n".join(lines) + "\n"


def _apply_one(schedule, t: dict):
    from simulator.transforms import apply_one

    return apply_one(schedule, t)


def _make(scenario: Scenario, key: str, made: dict):
    """A schedule made from another as ``made`` says (from, formula, transforms): its origin a schedule of the
    scenario defined before it, or a built-in."""
    from simulator.formulas import generate
    from simulator.schedules import builtin

    origin = made["from"]
    sched = scenario.schedules[origin] if origin in scenario.schedules and origin != key else builtin(origin)
    if "formula" in made:
        sched = generate(sched, made["formula"])
    for t in made.get("transforms", []):
        sched = _apply_one(sched, t)
    return sched


def _toml(value) -> str:
    """A value as TOML on one line: tables inline, strings and numbers as JSON writes them (valid TOML)."""
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return json.dumps(value)


def _inline(key: str, spec: dict, schedule) -> list[str]:
    """A schedule written out in a scenario, as TOML, with ``schedule``'s rates (dollars, two decimals)."""
    lines = [f"[schedules.{key}]"]
    lines += [f"{k} = {json.dumps(v)}" for k, v in spec.items() if k not in ("grades", "points")]
    if spec.get("points"):
        lines += [f"[schedules.{key}.points]", *[f"{json.dumps(str(g))} = {json.dumps(v)}"
                                                 for g, v in spec["points"].items()]]
    lines += [f"[schedules.{key}.grades]"]
    lines += [f"{json.dumps(g)} = [{', '.join(f'{r / 100:.2f}' for _, r in steps)}]"
              for g, steps in schedule.grades.items()]
    return lines


def parameter(path: str, scenario: Scenario) -> Parameter:
    part, *rest = path.split(".")
    if part == "schedules" and len(rest) == 2 and rest[1] in ("pct", "dollars"):
        if rest[0] not in scenario.schedules:
            raise SolveError(f"--vary {path}: no schedule {rest[0]} in {scenario.name} "
                             f"(its schedules: {', '.join(scenario.schedules)})")
        return Parameter(path, 0.01)
    if part == "schedules" and len(rest) == 3 and re.fullmatch(r"line[1-9]\d*", rest[1]) \
            and rest[2] in ("per_point", "constant"):
        spec = scenario.spec.get("schedules", {}).get(rest[0])
        lines = spec.get("formula", {}).get("lines", []) if isinstance(spec, dict) else []
        if not lines:
            raise SolveError(f"--vary {path}: schedule {rest[0]} of {scenario.name} is not made by a formula "
                             f"(a [schedules.{rest[0]}.formula] table)")
        if int(rest[1][4:]) > len(lines):
            raise SolveError(f"--vary {path}: schedule {rest[0]}'s formula has {len(lines)} line(s)")
        return Parameter(path, 0.01, (0.0, 1_000_000.0))
    if path == "options.next_pct":
        return Parameter(path, 0.01, (0.0, 100.0))
    numeric = sorted(k for k in PARAMETER_NAMES if isinstance(getattr(params_from(None), k), int | float)
                     and not isinstance(getattr(params_from(None), k), bool))
    if part == "projection" and len(rest) == 1 and rest[0] in numeric:
        name = rest[0]
        bounds = (0.0, 1.0) if name in PROBABILITIES else tuple(RANGES[name]) if name in RANGES else None
        return Parameter(path, 1.0 if isinstance(getattr(params_from(None), name), int) else 0.0001, bounds)
    raise SolveError(f"--vary {path}: vary schedules.<schedule>.pct (an across-the-board percent), "
                     f"schedules.<schedule>.dollars, schedules.<schedule>.line<N>.constant or .per_point (a formula's "
                     f"line N), options.next_pct or projection.<parameter>, a parameter being "
                     f"one of {', '.join(numeric)}")


def target(text: str) -> tuple[str, str, float]:
    # a value as a person writes it: -5, 9, 8000000, 8,000,000.50 (commas only between groups of three)
    m = re.fullmatch(r"\s*(\w+)\s*(<=|>=)\s*\$?\s*(-?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?|-?\.[0-9]+)"
                     r"\s*%?\s*", text)
    if not m or m.group(1) not in MEASURES:
        raise SolveError(f'--target {text!r}: write "<measure> <= <value>" or ">=", a measure being one of '
                         + "; ".join(f"{k} ({v})" for k, v in MEASURES.items()))
    return m.group(1), m.group(2), float(m.group(3).replace(",", ""))


@dataclass
class Point:
    x: float
    value: float  # the measure, in its unit (dollars, %, employees)
    first_year_cost: int  # cents
    first_year_pct: float
    winners: int
    losers: int


def evaluate(recoster, prm: Parameter, x: float, measure: str) -> Point:
    """The measure at x (simulator.recost.Recoster: the roster prepared once under the scenario)."""
    m = recoster.measures(prm.apply(recoster.scenario, x))
    values = {"first_year_cost": m["first_year_cost_cents"] / 100, "total_cost": m["total_cost_cents"] / 100,
              "first_year_compensation": m["first_year_compensation_cents"] / 100,
              "total_compensation": m["total_compensation_cents"] / 100,
              "first_year_pct": m["first_year_pct"], "total_pct": m["total_pct"], "losers": float(m["losers"])}
    return Point(x, values[measure], m["first_year_cost_cents"], m["first_year_pct"], m["winners"], m["losers"])


@dataclass
class Answer:
    x: float | None
    point: Point | None
    beyond: Point | None  # the first grid value past the answer that does not meet the target
    message: str
    evaluations: int
    seconds: float


def solve(roster: pl.DataFrame, scenario: Scenario, vary: str, lo: float, hi: float, target_text: str,
          years: int = 5, roster_name: str = "roster") -> Answer:
    """Bisection on the parameter's grid between lo and hi, after a monotonicity check on SAMPLES points."""
    from simulator.recost import Recoster

    t0 = time.perf_counter()
    prm = parameter(vary, scenario)
    measure, op, goal = target(target_text)
    if not (math.isfinite(lo) and math.isfinite(hi)):
        raise SolveError(f"--between {lo:g} {hi:g}: two finite numbers, e.g. --between -10 10")
    if not lo < hi:
        raise SolveError(f"--between {lo:g} {hi:g}: the first must be below the second")
    prm.check(lo, hi, f"--between {lo:g} {hi:g}")
    n = int(round((hi - lo) / prm.step))
    if n > 10_000_000:
        raise SolveError(f"--between {lo:g} {hi:g}: more than ten million steps of {prm.step:g}; narrow it")
    grid = lambda i: round(lo + i * prm.step, 6)  # noqa: E731
    cache: dict[int, Point] = {}
    # placed and projected once; each value recosted from arrays, over the years the measure needs (a first
    # year's cost does not depend on the years after it)
    recoster = Recoster(roster, scenario, years if measure.startswith("total") else min(years, 1),
                        roster_name=roster_name)

    def at(i: int) -> Point:
        if i not in cache:
            cache[i] = evaluate(recoster, prm, grid(i), measure)
        return cache[i]

    meets = (lambda v: v <= goal) if op == "<=" else (lambda v: v >= goal)
    sample = sorted({round(k * n / (SAMPLES - 1)) for k in range(SAMPLES)})
    values = [at(i).value for i in sample]
    rising, falling = all(b >= a for a, b in zip(values, values[1:])), all(b <= a for a, b in zip(values, values[1:]))
    shown = ", ".join(f"{grid(i):g}: {v:,.{0 if measure == 'losers' else 2}f}" for i, v in zip(sample, values))
    done = lambda msg, x=None, p=None, b=None: Answer(x, p, b, msg, len(cache), time.perf_counter() - t0)  # noqa: E731
    if rising and falling:  # the same everywhere sampled
        return done(f"{measure} does not change with {vary} between {lo:g} and {hi:g} (it is {values[0]:,.2f} "
                    f"at every sampled value): this parameter does not act on this scenario's measure")
    if not (rising or falling):
        return done(f"{measure} is not monotone in {vary} between {lo:g} and {hi:g} ({shown}): bisection could "
                    f"stop at any of several crossings, so there is no single answer; narrow the range")
    ok_lo, ok_hi = meets(at(0).value), meets(at(n).value)
    if not ok_lo and not ok_hi:
        places = 0 if measure == "losers" else 2
        return done(f"the target {measure} {op} {goal:,g} cannot be reached for {vary} between {lo:g} and {hi:g}: "
                    f"{measure} runs from {at(0).value:,.{places}f} to {at(n).value:,.{places}f}")
    if ok_lo and ok_hi:  # the boundary lies beyond the range: the end nearest it
        end = n if rising == (op == "<=") else 0
        return done(f"the whole range from {lo:g} to {hi:g} meets the target: the boundary is beyond it; the end "
                    f"nearest it is given", grid(end), at(end))
    # the boundary lies between two neighbouring samples; bisection from there, each cut placed where the
    # line through the two ends meets the goal (regula falsi), and halfway when that stalls
    pairs = [(a, b) for a, b in zip(sample, sample[1:]) if meets(at(a).value) != meets(at(b).value)]
    good, bad = pairs[0] if meets(at(pairs[0][0]).value) else pairs[0][::-1]
    last, repeats = None, 0  # the side the last cut moved, and how many times in a row
    while abs(bad - good) > 1:
        vg, vb = at(good).value, at(bad).value
        if repeats < 2 and vb != vg:
            cut = round(good + (goal - vg) / (vb - vg) * (bad - good))
            mid = min(max(cut, min(good, bad) + 1), max(good, bad) - 1)
        else:
            mid, last, repeats = (good + bad) // 2, None, 0
        side = meets(at(mid).value)
        if side:
            good = mid
        else:
            bad = mid
        repeats, last = (repeats + 1 if side == last else 1), side
    return done("solved", grid(good), at(good), at(bad))
