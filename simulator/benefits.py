"""The employer's benefits as data: a scenario's [benefits] items (a percent of pay with an optional annual wage
cap, or an amount per FTE a year; optionally another value by retirement plan or by bargaining unit), checked key
by key, and the arrays the benefits kernel reads (kernels/benefits.py). A scenario without [benefits] costs
salary only; nothing is added unasked."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import polars as pl

from kernels.benefits import NO_CAP, PCT, PER_FTE, PPM, Items
from simulator.money import CEILING, dollars_text

ITEM_KEYS = {"pct", "per_fte", "wage_cap", "by_plan", "by_unit", "label", "source", "note"}
MAX_ITEMS = 50


@dataclass
class Benefit:
    """One item: ``pct`` (percent of pay) or ``per_fte`` (cents per FTE a year); its values by plan or unit."""
    name: str
    label: str
    kind: int  # PCT or PER_FTE
    value: int  # millionths of pay, or cents per FTE a year
    cap_cents: int | None = None
    by: str | None = None  # "plan" or "unit"
    values_by: dict = field(default_factory=dict)  # plan or unit -> value
    source: str = ""

    def describe(self) -> str:
        def one(v):
            return f"{v / 10_000:g} % of pay" if self.kind == PCT else f"{dollars_text(v)} per FTE a year"
        text = one(self.value)
        if self.cap_cents is not None:
            text += f" up to {dollars_text(self.cap_cents)} of pay a year"
        if self.values_by:
            text += "; " + ", ".join(f"{k}: {one(v)}" for k, v in self.values_by.items()) + f" (by {self.by})"
        return text


def check(c, spec: dict, plans) -> list[Benefit]:
    """The [benefits] table: one sub-table per item; every problem through the scenario's checker ``c``."""
    if len(spec) > MAX_ITEMS:
        c.add("benefits", len(spec), f"at most {MAX_ITEMS} items")
        return []
    return [b for name, item in spec.items() if (b := _item(c, f"benefits.{name}", name, item, plans))]


def _item(c, where: str, name: str, item, plans) -> Benefit | None:
    if not isinstance(item, dict):
        c.add(where, item, "a benefit item is a table: { pct = 7.65 } or { per_fte = 9000 }, with an optional "
              "wage_cap, by_plan or by_unit")
        return None
    for key in set(item) - ITEM_KEYS:
        c.add(f"{where}.{key}", None, f"unknown key; a benefit item's keys are {', '.join(sorted(ITEM_KEYS))}")
    kinds = [k for k in ("pct", "per_fte") if k in item]
    if len(kinds) != 1:
        c.add(where, None, "give one of pct (a percent of pay) or per_fte (dollars per FTE a year)")
        return None
    kind = PCT if kinds[0] == "pct" else PER_FTE
    value = _value(c, f"{where}.{kinds[0]}", item[kinds[0]], kind)
    cap = None
    if "wage_cap" in item:
        if kind != PCT:
            c.add(f"{where}.wage_cap", item["wage_cap"], "a wage cap applies to a percent of pay, not per_fte")
        else:
            cap = c.money(f"{where}.wage_cap", item["wage_cap"], CEILING["annual"])
    by = [k for k in ("by_plan", "by_unit") if k in item]
    values_by = {}
    if len(by) > 1:
        c.add(where, None, "by_plan or by_unit, not both")
    elif by:
        table = item[by[0]]
        if not isinstance(table, dict) or not table:
            c.add(f"{where}.{by[0]}", table, "a table: { <name> = value, ... }")
        else:
            for key, v in table.items():
                if by[0] == "by_plan" and key not in plans.plans:
                    c.add(f"{where}.by_plan.{key}", None, "unknown retirement plan (the scenario's: "
                          f"{', '.join(plans.plans) or 'none: add [retirement] plans'})")
                values_by[key] = _value(c, f"{where}.{by[0]}.{key}", v, kind)
    for key in ("label", "source", "note"):
        if key in item and not isinstance(item[key], str):
            c.add(f"{where}.{key}", item[key], "must be text, in quotes")
    if value is None or any(v is None for v in values_by.values()):
        return None
    return Benefit(name, str(item.get("label", name)), kind, value, cap, by[0][3:] if by else None, values_by,
                   str(item.get("source", "")))


def _value(c, where: str, value, kind: int) -> int | None:
    if kind == PER_FTE:
        return c.money(where, value, CEILING["annual"])
    if c.number(where, value, 0, 100, "pct") is None:
        return None
    ppm = round(value * 10_000)
    if abs(value * 10_000 - ppm) > 1e-6:
        c.add(where, value, "a percent of pay to at most four decimals (7.65, 0.1275)")
        return None
    return ppm


def arrays(items: list[Benefit], plan: pl.Series, unit: pl.Series) -> tuple[Items, np.ndarray]:
    """(Items, each position's class): a class per (plan, bargaining unit) pair the positions hold, so that an
    item's value by plan or by unit is one column of Items.value."""
    n = plan.len()
    kind = np.array([b.kind for b in items], np.int8)
    cap = np.array([NO_CAP if b.cap_cents is None else b.cap_cents for b in items], np.int64)
    if not any(b.values_by for b in items):  # one class: every position alike
        return Items(kind, np.array([[b.value] for b in items], np.int64).reshape(len(items), 1), cap), \
            np.zeros(n, np.int32)
    pairs = pl.DataFrame({"plan": plan.cast(pl.String), "unit": unit.cast(pl.String)})
    members = pairs.unique(maintain_order=True)
    klass = pairs.join(members.with_row_index("c"), on=["plan", "unit"], how="left", nulls_equal=True,
                       maintain_order="left")["c"].to_numpy().astype(np.int32)
    value = np.zeros((len(items), max(members.height, 1)), np.int64)
    for k, b in enumerate(items):
        key = members["plan" if b.by == "plan" else "unit"].to_list()
        value[k] = [b.values_by.get(x, b.value) if b.by else b.value for x in key] or [b.value]
    return Items(kind, value, cap), klass


__all__ = ["Benefit", "PCT", "PER_FTE", "PPM", "check", "arrays"]
