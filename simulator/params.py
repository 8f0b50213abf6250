"""The projection's parameters: the defaults, their units and where each comes from.

Every number the seeds print is read here from data/ (with its source line there): the review timetables, the
merit matrix, the premium range's rules, the employer's retirement contribution, Hay's merit budget (the
retirement plans are simulator/retirement.py's). The defaults the seeds do not give are assumptions, marked
A-PROJ (data/ASSUMPTIONS.md). A scenario's
``[projection]`` table overrides any parameter (simulator/scenario.py checks each against the range given here).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cache

import polars as pl

from simulator import data


def _values(table: str) -> dict[str, float]:
    """A parameter table of data/ (parameter, value) as a dict."""
    return dict(data.table(table).select("parameter", "value").iter_rows())


@cache
def printed() -> dict:
    """The numbers the seeds print that the projection uses, each from its data/ table."""
    retirement = _values("hay_retirement")
    facts = dict(data.table("published_facts").select("fact", "value").iter_rows())
    steps = data.table("cresap_step_timetables")
    timetables = {plan: steps.filter(pl.col("plan") == plan)["months_of_service"].to_list()
                  for plan in steps["plan"].unique(maintain_order=True)}
    ratings = ["outstanding", "fully_adequate", "acceptable", "unsatisfactory"]
    positions = ["lower_half", "third_quartile", "fourth_quartile"]
    matrix = {(r["rating"], r["range_position"]): r for r in data.table("cresap_merit_matrix").iter_rows(named=True)}
    return {
        "timetables": timetables,  # plan -> months of service at each step (Cresap lines 585, 673-694)
        # Cresap's merit matrix (lines 706-714): basis points, and which cells stop at the third quartile
        "merit_bp": [[round(matrix[r, p]["max_increase_pct"] * 100) for p in positions] for r in ratings],
        "merit_cap_q3": [[matrix[r, p]["cap"] == "third_quartile_maximum" for p in positions] for r in ratings],
        "premium_after_years": int(facts["premium_years_at_maximum"]),  # Cresap line 719
        "premium_top_share": facts["premium_max_share_of_those_at_maximum"] / 100,
        "premium_dept_share": facts["premium_max_share_of_department"] / 100,
        "employer_retirement_rate": retirement["state_contribution"] / 100,  # Hay line 449 (the Maine scenarios' item)
        "merit_budget_factor": facts["merit_budget_factor_default"],  # Hay line 976
        "merit_budget_range": (facts["merit_budget_factor_min"], facts["merit_budget_factor_max"]),  # Hay line 980
        "min_merit_group": int(facts["merit_budget_min_agency_size"]),  # Hay line 972
    }


@dataclass
class ProjectionParams:
    """Projection parameters. Defaults marked A-PROJ are assumptions (data/ASSUMPTIONS.md); the others are
    printed (``printed()``)."""

    fiscal_year_start_month: int = 7  # Maine: July 1 - June 30
    retire_probability: float = 0.15  # A-PROJ-RETIREMENT: a year, once eligible
    retire_probability_at_70: float = 1.0  # A-PROJ-RETIREMENT
    # [age below, rate] or [age below, years of service below, rate] bands; none unless the scenario gives them (the
    # Maine scenarios give A-PROJ-SEPARATION's)
    separation_rates: tuple = ()
    vacancy_months: float = 2.0  # A-PROJ-REPLACEMENT
    hire_share_b: float = 0.10  # A-PROJ-REPLACEMENT
    hire_share_c: float = 0.05  # A-PROJ-REPLACEMENT
    hire_age: float = 27.0  # A-PROJ-REPLACEMENT
    # the hiring rules a scenario may turn on (Cresap lines 657-667; none unless the scenario says so, A-PROJ-HIRING):
    hire_share_trainee: float = 0.0  # hired up to 10 % below the minimum, raised to it after probation (line 667)
    hire_share_midpoint: float = 0.0  # of hires into a range (Schedule B, an open range), at its midpoint (line 661)
    hire_teacher_years: int = 0  # a teacher's years of teaching experience credited on the scale (line 663)
    promotion_rate: float = 0.0  # A-PROJ-PROMOTION: a year, to the grade above, in both branches; none unless set
    reclassification_rate: float = 0.0  # A-PROJ-PROMOTION: a year, positions reallocated to the grade above
    # A-PROJ-RIF (simulator/reductions.py): [{ agency, year, share, month }], none unless set; and the Hay merit
    # budget after one: "pro_rata" (Hay line 982) or "unchanged"
    reductions_in_force: list = field(default_factory=list)
    rif_budget: str = "pro_rata"
    deny_share: float = 0.05  # A-PROJ-MERIT: Schedule A reviews denied
    double_share: float = 0.05  # A-PROJ-MERIT: two steps
    rating_shares: tuple = (0.10, 0.60, 0.25)  # A-PROJ-MERIT: outstanding, fully adequate, acceptable
    merit_share: float = 0.80  # A-PROJ-MERIT: Hay, meritorious
    two_step_share: float = 0.10  # A-PROJ-MERIT: Hay, of the meritorious
    merit_twice_share: float = 0.0  # A-PROJ-MERIT: Hay, of the meritorious, a step twice a year (line 964); or none
    merit_budget_factor: float = field(default_factory=lambda: printed()["merit_budget_factor"])
    premium_fraction: float = 0.5  # A-PROJ-PREMIUM: the partial move into the premium range
    min_merit_group: int = field(default_factory=lambda: printed()["min_merit_group"])
    general_increases: list = field(default_factory=list)  # [{"schedule": "A", "year": 2, "pct": 5.0}]
    progression: dict = field(default_factory=dict)  # schedule -> review | merit_matrix | teacher | ...
    teacher_baseline: str = "scaled"  # A-PROJ-TEACHER-BASELINE: "scaled" (Schedule C's steps) or "flat"
    # "old_plan": the baseline follows the old plan's own progression; "none": the status quo held at the present
    # pay, no steps (a static baseline, as the reports' one-year costings are; and the benchmark's simple rules)
    baseline_progression: str = "old_plan"


ALL_RETIRE_AGE = 70  # A-PROJ-RETIREMENT: from this age retire_probability_at_70 applies
PARAMETER_NAMES = {f.name for f in fields(ProjectionParams)}
PROBABILITIES = ("retire_probability", "retire_probability_at_70", "hire_share_b", "hire_share_c",
                 "hire_share_trainee", "hire_share_midpoint", "promotion_rate", "reclassification_rate", "deny_share",
                 "double_share", "merit_share", "two_step_share", "merit_twice_share", "premium_fraction")
RANGES = {  # parameter -> (lowest, highest) a scenario may set
    "merit_budget_factor": printed()["merit_budget_range"],  # Hay line 980: "from .01 to .04"
    "fiscal_year_start_month": (1, 12),
    "vacancy_months": (0, 120),
    "hire_age": (14, 80),
    "min_merit_group": (0, 100_000),
    "hire_teacher_years": (0, 40),
}
# shares one draw decides among (a hire's step, a merit increase's kind): each group at most 1 in all
SHARES_OF_ONE = ((("hire_share_b", "hire_share_c", "hire_share_trainee"), "the same hires"),
                 (("two_step_share", "merit_twice_share"), "the same meritorious employees"),
                 (("promotion_rate", "reclassification_rate"), "the same positions in a year"))
TRAINEE_BELOW_PCT = 10  # "rates up to 10 per cent below the minimum" (Cresap line 667)
PROBATION_MONTHS = 6  # A-PROJ-HIRING: the probationary period (the seeds give none; Schedule A's first review)
# the progression a scenario may name per schedule: annual_step is a step a year on the anniversary of the change,
# no review denied or doubled (a schedule of the scenario's own takes it unless it names another); review is
# Cresap's Schedule A review (deny_share, double_share), merit_matrix Cresap's Schedule B guidelines
# (rating_shares), hay_merit Hay's merit steps within budgets (merit_share, two_step_share, merit_budget_factor)
PROGRESSIONS = ("annual_step", "review", "merit_matrix", "teacher", "single_rate", "hay_merit")


def shares_over_one(values: dict) -> list[tuple[tuple, float, str]]:
    """Each group of SHARES_OF_ONE whose shares (``values``, else the defaults) add up to more than 1: (its names,
    the sum, the message). Values that are not shares are left to the check of each one."""
    over = []
    for names, what in SHARES_OF_ONE:
        shares = [values.get(k, getattr(ProjectionParams, k)) for k in names]
        if all(isinstance(s, int | float) and not isinstance(s, bool) and 0 <= s <= 1 for s in shares) \
                and sum(shares) > 1:
            over.append((names, sum(shares), f"{', '.join(names)} are shares of {what}: at most 1 in all (a share "
                                              "not given counts at its default)"))
    return over


def params_from(values: dict | None, overrides: dict | None = None) -> ProjectionParams:
    """ProjectionParams from a scenario's checked [projection] table and any overrides."""
    merged = dict(values or {})
    merged.update(overrides or {})
    unknown = set(merged) - PARAMETER_NAMES
    if unknown:
        raise ValueError(f"unknown projection parameters: {', '.join(sorted(unknown))}")
    p = ProjectionParams(**{k: (tuple(tuple(x) if isinstance(x, list) else x for x in v) if isinstance(v, list)
                                and k in ("separation_rates", "rating_shares") else v) for k, v in merged.items()})
    over = shares_over_one({k: getattr(p, k) for k in PARAMETER_NAMES})
    if over:
        raise ValueError(over[0][2])
    lo, hi = RANGES["merit_budget_factor"]
    if not lo <= p.merit_budget_factor <= hi:
        raise ValueError(f"merit_budget_factor must be from {lo} to {hi} (Hay line 980), not {p.merit_budget_factor}")
    return p
