"""The scenario's [overtime] table: each branch's rule for the pay of regular hours over 40 a week, and each
position's scheduled hours; kernels/overtime.py pays it in the year (A-PROJ-OVERTIME).

    [overtime]
    rule = "cresap_1967"          # the reform's: "cresap_1967" (Cresap lines 757-762), "time_and_a_half",
                                  # "straight_time" or "none" (no cash)
    baseline = "straight_time"    # the status quo's (Cresap line 754: hourly staff "on a straight time basis")
    weekly_hours = { "9903" = 45 }  # regular hours a week by class code (the highway men's 45, line 747)
    default_hours = 40            # everyone else's
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import polars as pl

from kernels.overtime import RULE_NAMES
from simulator.schema import MAX_WEEKLY_HOURS

KEYS = {"rule", "baseline", "weekly_hours", "default_hours"}
MAX_HOURS = MAX_WEEKLY_HOURS


@dataclass(frozen=True)
class Overtime:
    rule: str = "none"  # the reform's
    baseline: str = "none"  # the status quo's (and the reform's for a position it excludes)
    weekly_hours: dict = field(default_factory=dict)  # class code -> regular hours a week
    default_hours: float = 40.0


def check(c, spec: dict) -> Overtime:
    """The [overtime] table (empty: no overtime paid); every problem through the scenario's checker ``c``."""
    for key in set(spec) - KEYS:
        c.add(f"overtime.{key}", None, f"unknown key; [overtime]'s keys are {', '.join(sorted(KEYS))}")
    rules = {}
    for key in ("rule", "baseline"):
        value = spec.get(key, "none")
        if value not in RULE_NAMES:
            c.add(f"overtime.{key}", value, f"must be one of {', '.join(RULE_NAMES)}")
            value = "none"
        rules[key] = value
    hours = spec.get("weekly_hours", {})
    if not isinstance(hours, dict):
        c.add("overtime.weekly_hours", hours, 'regular hours a week by class code: { "9903" = 45 }')
        hours = {}
    checked = {str(k): c.number(f"overtime.weekly_hours.{k}", v, 0, MAX_HOURS, "hours a week")
               for k, v in hours.items()}
    default = c.number("overtime.default_hours", spec.get("default_hours", 40), 0, MAX_HOURS, "hours a week")
    return Overtime(rules["rule"], rules["baseline"], {k: v for k, v in checked.items() if v is not None},
                    40.0 if default is None else default)


def arrays(ot: Overtime, class_code: pl.Series, excluded: np.ndarray,
           roster_hours: pl.Series | None = None) -> tuple[np.ndarray, dict]:
    """Per position: the hours over 40 a week (hundredths), and each branch's rule (int8; a position the
    reform excludes keeps the status quo's). A position's hours are the roster's weekly_hours where given, else
    the scenario's for its class, else its default_hours."""
    hours = class_code.cast(pl.String).replace_strict(
        {k: v for k, v in ot.weekly_hours.items()}, default=ot.default_hours, return_dtype=pl.Float64)
    if roster_hours is not None:
        hours = roster_hours.cast(pl.Float64).fill_null(hours)
    over = np.round(np.maximum(hours.to_numpy() - 40, 0) * 100).astype(np.int64)
    base = np.full(over.shape[0], RULE_NAMES[ot.baseline], np.int8)
    reform = np.where(excluded, base, RULE_NAMES[ot.rule]).astype(np.int8)
    return over, {"baseline": base, "reform": reform}


def band_edges() -> tuple[int, int]:
    """Cresap's bands, a year in cents: $150 and $225 a week x 52 (data/tables/cresap_overtime_bands)."""
    from simulator import data

    t = data.table("cresap_overtime_bands").filter(pl.col("band") == "150_to_225")
    return int(t["weekly_from"].item()) * 52, int(t["weekly_to"].item()) * 52

