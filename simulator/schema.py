"""The roster schema, declared in one place: type, unit, description, required, default.

A roster is a CSV or Parquet file with one row per employee on the old plan.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    kind: str  # "str", "money", "date", "fte", "hours", "int", "bool"
    description: str
    required: bool = False
    unit: str = ""
    default: object = None


ROSTER: dict[str, Column] = {
    "employee_id": Column("str", "Unique identifier of the employee (not a name: no personal data).", True),
    "agency": Column("str", "Department or agency; the unit of merit budgets and of agency rollups.", True),
    "class_code": Column("str", "Class (job) code on the old plan; must be in the scenario's crosswalk.", True),
    "class_title": Column("str", "Class title, for reading only."),
    "grade": Column("str", "Grade (pay range) on the old plan, e.g. 8; U for the unclassified service where the "
                    "old plan has a grade U (Cresap 1966).", True),
    "step": Column("str", "Step on the old plan, as the plan names it (A, B, ... X, Y; or 1, 2, ...); blank means "
                          "off-step."),
    "salary": Column("money", "Current full-time rate of pay, in dollars with cents, in the unit of pay_basis. "
                     "Part-time people give the full-time rate and their fte.", True, "dollars per pay_basis"),
    "pay_basis": Column("str", "Unit of salary: annual, weekly or hourly (hourly x 40 = weekly; weekly x 52 = "
                        "annual).", default="annual"),
    "fte": Column("fte", "Full-time equivalent, above 0 and at most 1; payroll cost is pay x fte.", default=1.0,
                  unit="fraction of full time"),
    "birth_date": Column("date", "Date of birth, YYYY-MM-DD; the projection needs it for retirement.",
                         unit="date"),
    "hire_date": Column("date", "Date of hire into State service, YYYY-MM-DD.", unit="date"),
    "retirement_plan": Column("str", "Retirement plan: one of the scenario's [retirement] plans (blank: its "
                              "default_plan). Maine's: regular, or a special group such as forest_rangers."),
    "degree": Column("str", "Schedule C degree column: 60_credits, 90_credits, 120_credits, bachelor, master, "
                     "master_plus_30, doctorate."),
    "teacher_step": Column("int", "Schedule C step number, 1 (minimum) to 11 (maximum), for teachers."),
    "class_entry_date": Column("date", "Date the employee entered the present class (years in class).",
                               unit="date"),
    "board_certified": Column("bool", "yes if certified by the American Board of Psychiatry and Neurology: a "
                              "physician below Physician IV then gets $1,000 a year more (Cresap line 803)."),
    "weekly_hours": Column("hours", "Regular hours a week of the position (blank: the scenario's [overtime] "
                           "weekly_hours for its class, else its default_hours); hours over 40 are overtime, paid "
                           "under each branch's overtime rule.", unit="hours a week"),
    "bargaining_unit": Column("str", "Bargaining unit, for groups and rollups."),
    "fund": Column("str", "Fund that pays the position, or several by share: general:0.6;federal:0.4 (the shares "
                   "add up to 1); the cost by fund splits by them."),
}

PAY_BASES = ("annual", "weekly", "hourly")
MAX_WEEKLY_HOURS = 100  # regular hours a week, in the roster and the scenario's [overtime]
YES = ("yes", "y", "true", "1")
NO = ("no", "n", "false", "0")
DEGREES = ("60_credits", "90_credits", "120_credits", "bachelor", "master", "master_plus_30", "doctorate")
