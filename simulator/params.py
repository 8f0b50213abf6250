"""The projection's parameters: the defaults, their units and where each comes from.

A scenario's ``[projection]`` table overrides any of them (simulator/scenario.py checks each against the range
given here). Defaults marked A-PROJ are assumptions (data/ASSUMPTIONS.md): the seeds give the rules of
progression and retirement but no rates.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields


@dataclass
class ProjectionParams:
    """Projection parameters. Defaults marked A-PROJ are assumptions (data/ASSUMPTIONS.md)."""

    fiscal_year_start_month: int = 7  # Maine: July 1 - June 30
    retire_probability: float = 0.15  # A-PROJ-RETIREMENT: a year, once eligible
    retire_probability_at_70: float = 1.0  # A-PROJ-RETIREMENT
    separation_rates: tuple = ((30, 0.12), (45, 0.07), (60, 0.04), (200, 0.03))  # A-PROJ-SEPARATION: (age below, rate)
    vacancy_months: float = 2.0  # A-PROJ-REPLACEMENT
    hire_share_b: float = 0.10  # A-PROJ-REPLACEMENT
    hire_share_c: float = 0.05  # A-PROJ-REPLACEMENT
    hire_age: float = 27.0  # A-PROJ-REPLACEMENT
    deny_share: float = 0.05  # A-PROJ-MERIT: Schedule A reviews denied
    double_share: float = 0.05  # A-PROJ-MERIT: two steps
    rating_shares: tuple = (0.10, 0.60, 0.25)  # A-PROJ-MERIT: outstanding, fully adequate, acceptable
    merit_share: float = 0.80  # A-PROJ-MERIT: Hay, meritorious
    two_step_share: float = 0.10  # A-PROJ-MERIT: Hay, of the meritorious
    merit_budget_factor: float = 0.03  # Hay line 976-980 (.01 to .04)
    premium_fraction: float = 0.5  # A-PROJ-PREMIUM: the partial move into the premium range
    min_merit_group: int = 30  # Hay line 972
    employer_retirement_rate: float = 0.105  # Hay line 449
    general_increases: list = field(default_factory=list)  # [{"schedule": "A", "year": 2, "pct": 5.0}]
    progression: dict = field(default_factory=dict)  # schedule -> review | merit_matrix | teacher | ...
    teacher_baseline: str = "scaled"  # A-PROJ-TEACHER-BASELINE: "scaled" (Schedule C's steps) or "flat"


PARAMETER_NAMES = {f.name for f in fields(ProjectionParams)}
PROBABILITIES = ("retire_probability", "retire_probability_at_70", "hire_share_b", "hire_share_c", "deny_share",
                 "double_share", "merit_share", "two_step_share", "premium_fraction", "employer_retirement_rate")
RANGES = {  # parameter -> (lowest, highest) a scenario may set
    "merit_budget_factor": (0.01, 0.04),  # Hay line 980: "from .01 to .04"
    "fiscal_year_start_month": (1, 12),
    "vacancy_months": (0, 120),
    "hire_age": (14, 80),
    "min_merit_group": (0, 100_000),
}
PROGRESSIONS = ("review", "merit_matrix", "teacher", "single_rate", "hay_merit")


def params_from(values: dict | None, overrides: dict | None = None) -> ProjectionParams:
    """ProjectionParams from a scenario's checked [projection] table and any overrides."""
    merged = dict(values or {})
    merged.update(overrides or {})
    unknown = set(merged) - PARAMETER_NAMES
    if unknown:
        raise ValueError(f"unknown projection parameters: {', '.join(sorted(unknown))}")
    p = ProjectionParams(**{k: (tuple(tuple(x) if isinstance(x, list) else x for x in v) if isinstance(v, list)
                                and k in ("separation_rates", "rating_shares") else v) for k, v in merged.items()})
    lo, hi = RANGES["merit_budget_factor"]
    if not lo <= p.merit_budget_factor <= hi:
        raise ValueError(f"merit_budget_factor must be from {lo} to {hi} (Hay line 980), not {p.merit_budget_factor}")
    return p
