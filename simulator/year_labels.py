"""The names of a projection year's results: the branches, the statuses and rules a year ends with, and the
columns of the person-year rows, shared by the projection (simulator/projection.py) and the store, which reads
them without the kernels."""

import polars as pl

STATUS = ["active", "retired", "separated", "replacement", "vacant", "abolished"]
RULES = ["none", "step", "two_steps", "denied", "premium_range", "merit_pct", "owed_paid", "general_increase",
         "hired", "merit_step", "merit_not_funded", "promotion", "reclassification"]
OUT_COLUMNS = ("status", "rule", "cash_cents", "annual_cents", "annual_cost_cents", "turnover_saving_cents", "hired",
               "benefits_cents", "annual_benefits_cents")
BRANCHES = ("baseline", "reform")
BENEFIT_TOTALS = {"replica": pl.Int64, "fiscal_year": pl.Int64, "branch": pl.String, "item": pl.String,
                  "label": pl.String, "benefits_cents": pl.Int64, "annual_benefits_cents": pl.Int64}
GROUP_COLUMNS = [
    "employee_id",
    "agency",
    "class_code",
    "old_grade",
    "new_grade",
    "target_schedule",
    "fund",
    "bargaining_unit",
]
YEAR_COLUMNS = ["position", "fiscal_year", "branch", "status", "step", "annual_cents", "cash_cents",
                "annual_cost_cents", "rule", "turnover_saving_cents", "hired", "benefits_cents",
                "annual_benefits_cents"]
PERSON_COLUMNS = [*GROUP_COLUMNS, *YEAR_COLUMNS[1:]]
ROW_RULES = [*RULES, "placement", "old_plan"]  # the kernel's rules, and the year-0 rows' origins
