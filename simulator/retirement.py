"""Retirement plans: who may retire when, from a scenario's [retirement] table (or Maine's 1975 State Retirement
System, shipped as data for the Maine scenarios), checked key by key, and each position's plan as the kernels read
it (kernels/state.py: Bands.tiers).

A plan has one or more tiers (by hire date: every tier but the last says ``hired_before``); a tier opens the door
to retirement by any of: ``age`` (at any service), ``service`` (years, at any age), ``age_and_service`` (both), and
``rule_of`` (age + service reach the number: "rule of 80"). A person is in the tier of their plan that their hire
date falls in; a replacement hired in the projection, in its last tier. A scenario without [retirement] retires
nobody: regrade has no eligibility of its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import polars as pl

from kernels.calendar import DAYS_PER_YEAR, NEVER
from simulator import data
from simulator.errors import MAX_ROWS_PER_CHECK, Problem, rows_problems

# the tier table's columns (kernels/year.py ``eligible`` reads them): days of age / service, NEVER for none
HIRED_BEFORE, AGE, WITH_AGE, WITH_SERVICE, SERVICE, SUM = range(6)
N_TIER_COLUMNS = 6
DOORS = ("age", "service", "age_and_service", "rule_of")
TIER_KEYS = {*DOORS, "hired_before", "note"}
PLAN_KEYS = {*TIER_KEYS, "tiers"}
RETIREMENT_KEYS = {"plans", "default_plan"}
MAINE = "maine_msrs_1975"  # the built-in plans: Hay lines 449-552
BUILTIN_PLANS = (MAINE,)


@dataclass(frozen=True)
class Tier:
    hired_before: dt.date | None = None
    age: float | None = None
    service: float | None = None
    age_and_service: tuple | None = None
    rule_of: float | None = None

    def doors(self) -> str:
        """The tier in words: "age 60, or 25 years of service, or age + service 80"."""
        out = []
        if self.age is not None:
            out.append(f"age {self.age:g}")
        if self.age_and_service is not None:
            out.append(f"age {self.age_and_service[0]:g} with {self.age_and_service[1]:g} years")
        if self.service is not None:
            out.append(f"{self.service:g} years of service")
        if self.rule_of is not None:
            out.append(f"age + service {self.rule_of:g}")
        head = f"hired before {self.hired_before}: " if self.hired_before else ""
        return head + ", or ".join(out)


@dataclass
class Retirement:
    """The plans (name -> tiers, oldest hires first), the plan of a roster row with none, and where they came
    from ("scenario", or a built-in's name with its source)."""
    plans: dict[str, list[Tier]] = field(default_factory=dict)
    default_plan: str | None = None
    source: str = "none"


def maine_msrs_1975() -> Retirement:
    """Maine's State Retirement System as Hay prints it: every member may retire at 60 (line 451) or with 25 years
    at any age, actuarially reduced (line 471); the special groups (lines 545-552) at their own age with their
    service, and a group without an age ("after 20 years") at that service at any age."""
    facts = dict(data.table("hay_retirement").select("parameter", "value").iter_rows())
    regular, early = float(facts["normal_retirement_age"]), float(facts["early_retirement_service"])
    plans = {"regular": [Tier(age=regular, service=early)]}
    for g in data.table("hay_special_retirement_plans").iter_rows(named=True):
        if g["min_age"] is None:
            plans[g["group"]] = [Tier(age=regular, service=float(g["min_service"]))]
        else:
            plans[g["group"]] = [Tier(age=regular, service=early,
                                      age_and_service=(float(g["min_age"]), float(g["min_service"])))]
    return Retirement(plans, "regular", f"{MAINE}: Hay 1975 lines 449-552")


def check(c, spec) -> Retirement:
    """The [retirement] table, every problem reported through the scenario's checker ``c``."""
    if not spec:
        return Retirement()
    for key in spec:
        if key not in RETIREMENT_KEYS:
            c.add(f"retirement.{key}", None, f"unknown key; [retirement] has {', '.join(sorted(RETIREMENT_KEYS))}")
    plans_spec = spec.get("plans")
    if isinstance(plans_spec, str):
        if plans_spec not in BUILTIN_PLANS:
            c.add("retirement.plans", plans_spec, f"unknown built-in plans (regrade ships {', '.join(BUILTIN_PLANS)});"
                  " or write your own: [retirement.plans.<name>] with age, service, age_and_service or rule_of")
            return Retirement()
        out = maine_msrs_1975()
    elif isinstance(plans_spec, dict) and plans_spec:
        out = Retirement({name: _tiers(c, f"retirement.plans.{name}", p) for name, p in plans_spec.items()},
                         None, "scenario")
    else:
        c.add("retirement.plans", plans_spec, "a table of plans ([retirement.plans.<name>] with age, service, "
              f"age_and_service or rule_of), or a built-in's name ({', '.join(BUILTIN_PLANS)})")
        return Retirement()
    default = spec.get("default_plan", out.default_plan if len(out.plans) > 1 else next(iter(out.plans)))
    if default is not None and default not in out.plans:
        c.add("retirement.default_plan", default, f"unknown plan (the plans: {', '.join(out.plans)})")
    out.default_plan = default
    return out


def _tiers(c, where: str, spec) -> list[Tier]:
    if not isinstance(spec, dict):
        c.add(where, spec, "a plan is a table: age, service, age_and_service or rule_of (or tiers = [...])")
        return []
    if "tiers" in spec:
        extra = set(spec) - {"tiers", "note"}
        if extra:
            c.add(where, None, f"a plan with tiers keeps its doors in each tier, not beside them: {', '.join(extra)}")
        tiers = spec["tiers"] if isinstance(spec["tiers"], list) and spec["tiers"] else None
        if tiers is None:
            c.add(f"{where}.tiers", spec["tiers"], "a list of tiers: { hired_before = 2011-07-01, age = 62 }, ...,"
                  " the last without hired_before")
            return []
        out = [_tier(c, f"{where}.tiers[{i}]", t, last=i == len(tiers)) for i, t in enumerate(tiers, start=1)]
        dates = [t.hired_before for t in out if t is not None and t.hired_before is not None]
        if dates != sorted(set(dates)):
            c.add(f"{where}.tiers", None, "hired_before must rise from tier to tier (the oldest hires first)")
        return [t for t in out if t is not None]
    tier = _tier(c, where, spec, last=True)
    return [tier] if tier else []


def _tier(c, where: str, spec, last: bool) -> Tier | None:
    if not isinstance(spec, dict):
        c.add(where, spec, "a tier is a table: { age = 65, rule_of = 80 }")
        return None
    keys = set(spec) - ({"tiers"} if "tiers" in spec else set())
    for key in keys - TIER_KEYS:
        c.add(f"{where}.{key}", None, f"unknown key; a plan's keys are {', '.join(sorted(PLAN_KEYS))}")
    if not keys & set(DOORS):
        c.add(where, None, "a plan needs at least one of age, service, age_and_service, rule_of")
    hired = spec.get("hired_before")
    if last and hired is not None:
        c.add(f"{where}.hired_before", hired, "the last tier (or a plan without tiers) is for everyone hired "
              "since the tier before it: no hired_before")
    elif not last and (not isinstance(hired, dt.date) or isinstance(hired, dt.datetime)):
        c.add(f"{where}.hired_before", hired, "each tier but the last needs hired_before, a date: 2011-07-01")
    pair = spec.get("age_and_service")
    if pair is not None and not (isinstance(pair, list) and len(pair) == 2):
        c.add(f"{where}.age_and_service", pair, "two numbers: [age, years of service], e.g. [55, 10]")
        pair = None
    return Tier(
        hired_before=hired if not last and isinstance(hired, dt.date) else None,
        age=_years(c, f"{where}.age", spec.get("age"), 30, 80),
        service=_years(c, f"{where}.service", spec.get("service"), 1, 50),
        age_and_service=(None if pair is None else
                         (_years(c, f"{where}.age_and_service[1]", pair[0], 30, 80),
                          _years(c, f"{where}.age_and_service[2]", pair[1], 0, 50))),
        rule_of=_years(c, f"{where}.rule_of", spec.get("rule_of"), 40, 130),
    )


def _years(c, where, value, lo, hi) -> float | None:
    return None if value is None else c.number(where, value, lo, hi, where.rsplit(".", 1)[-1])


def _days(years) -> int:
    """Years as days, cut to the whole day, as every age and service in the projection is."""
    return NEVER if years is None else int(years * DAYS_PER_YEAR)


def _day(d: dt.date | None) -> int:
    return NEVER if d is None else (d - dt.date(1970, 1, 1)).days


def tier_table(ret: Retirement) -> tuple[np.ndarray, np.ndarray]:
    """(tiers, plan_first): one row per tier (columns HIRED_BEFORE ... SUM, in days), each plan's tiers together,
    oldest hires first; plan_first[k] the first row of plan k and plan_first[k + 1] the row after its last."""
    rows, first = [], [0]
    for tiers in ret.plans.values():
        for t in tiers:
            with_age, with_service = t.age_and_service or (None, 0.0)
            rows.append([_day(t.hired_before), _days(t.age), _days(with_age), _days(with_service),
                         _days(t.service), _days(t.rule_of)])
        first.append(len(rows))
    table = np.array(rows, np.int64).reshape(-1, N_TIER_COLUMNS)
    return np.ascontiguousarray(table), np.array(first, np.int32)


def plan_index(plan: pl.Series, ret: Retirement) -> np.ndarray:
    """Each position's plan as an index into the scenario's plans (a blank one: the default plan), -1 for none
    (a scenario without plans). Unknown names were refused by ``roster_problems``."""
    if not ret.plans:
        return np.full(plan.len(), -1, np.int32)
    names = list(ret.plans)
    filled = plan.cast(pl.String).fill_null(ret.default_plan or "")
    return filled.replace_strict(names, list(range(len(names))), default=-1, return_dtype=pl.Int32).to_numpy()


def roster_problems(frame: pl.DataFrame, ret: Retirement, file: str) -> list:
    """Rows whose retirement_plan is not one of the scenario's plans (the first rows listed, the rest counted, as
    every roster check does), or blank with no default plan to take."""
    if not ret.plans:
        return []
    col = frame["retirement_plan"] if "retirement_plan" in frame.columns else pl.Series([None] * frame.height)
    plans = ", ".join(ret.plans)
    known = col.cast(pl.String).is_in(list(ret.plans))
    bad = frame.select("source_row", col.alias("retirement_plan").cast(pl.String)).filter(
        col.is_not_null() & ~known)
    out = rows_problems(bad.head(MAX_ROWS_PER_CHECK).rows(), bad.height, file, "retirement_plan",
                        f"unknown retirement plan (the scenario's: {plans})")
    if ret.default_plan is None:
        blank = frame.filter(col.is_null())
        if blank.height:
            out.append(Problem(file, int(blank["source_row"][0]), "retirement_plan", None,
                               f"blank in {blank.height:,} rows, and the scenario has several plans and no "
                               f"default_plan: name the plan ({plans}) or set [retirement] default_plan"))
    return out


def describe(ret: Retirement) -> list[tuple[str, str]]:
    """(plan, its doors) for the report's list of parameters."""
    return [(name, "; ".join(t.doors() for t in tiers)) for name, tiers in ret.plans.items()]
