"""Pay schedules: the built-in ones made from data/ tables, and user schedules written in a scenario.

A schedule is a set of grades, each a list of named steps with rates in int64 cents, in one basis
(weekly or annual). Kinds:

- ``stepped``: named steps with an increment (the 1966 plan, Cresap Schedule A, Hay Schedule I);
- ``quarter_points``: minimum, first quartile, midpoint, third quartile, maximum (Cresap Schedule B);
- ``teacher_matrix``: grade x degree column, ten equal increments from minimum to maximum (Schedule C);
- ``single_rate``: one rate per grade; a grade may instead carry a [minimum, maximum] range (Schedule D);
- ``open_range``: a minimum and a maximum only (the MMS classes, whose ranges no seed prints).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from simulator import data
from simulator.money import (
    CEILING,
    dollars_text,
    dollars_to_cents,  # noqa: F401  (re-exported: scenarios write rates in dollars)
)

KINDS = ("stepped", "quarter_points", "teacher_matrix", "single_rate", "open_range")
BASES = {"weekly": 52, "annual": 1}


@dataclass
class Schedule:
    name: str
    kind: str
    basis: str
    grades: dict[str, list[tuple[str, int | None]]]  # grade -> [(step name, rate cents or None)]
    points: dict[str, tuple[int, int]] = field(default_factory=dict)  # grade -> (low, high) job points
    increment: dict[str, int] = field(default_factory=dict)  # grade -> step-to-step increment, cents
    months: list[int] | None = None  # months of service at which each step is reached (years in class)
    description: str = ""
    provenance: str = "printed"  # of the rates: printed / reconstructed / assumed
    label: str = ""  # how a sentence names it, where not "Schedule <its key in the scenario>"
    assumption: str = ""  # the assumption ids its rates rest on (data/ASSUMPTIONS.md), shown with each placement

    @property
    def periods(self) -> int:
        return BASES[self.basis]

    def rates(self, grade: str) -> list[int]:
        return [r for _, r in self.grades[grade] if r is not None]

    def step_names(self, grade: str) -> list[str]:
        return [s for s, r in self.grades[grade] if r is not None]


def _stepped_from(table: str, steps: str, value_col: str, basis: str, grade_col: str = "grade") -> dict:
    frame = data.table(table)
    grades: dict[str, list] = {}
    for g in frame[grade_col].unique(maintain_order=True).to_list():
        rows = dict(frame.filter(pl.col(grade_col) == g).select("step", value_col).iter_rows())
        grades[str(g)] = [(s, rows.get(s)) for s in steps]
    return grades


def _increments(grades: dict) -> dict[str, int]:
    out = {}
    for g, steps in grades.items():
        rates = [r for _, r in steps if r is not None]
        out[g] = rates[1] - rates[0] if len(rates) > 1 else 0
    return out


UNCLASSIFIED = "U"  # the old-plan grade of a person in the unclassified service (no grade, no step)


def cresap_1966() -> Schedule:
    grades = _stepped_from("cresap_plan_1966_steps", "ABCDEXY", "weekly", "weekly")
    grades[UNCLASSIFIED] = []
    return Schedule("cresap_1966", "stepped", "weekly", grades, increment=_increments(grades),
                    description="January 1966 plan (Cresap's present plan): grades 1-45, steps A-E, X, Y; "
                                "X and Y assumed except grade 45's Y (A-CRESAP-XY); grade U for the unclassified "
                                "service, which has no grade or step",
                    provenance="printed; X and Y assumed")


def hay_1974() -> Schedule:
    """The 4/74 plan Hay's employees were paid on: its rates are not printed, so only its grades and steps."""
    grades = {str(g): [(s, None) for s in "ABCDEXY"] for g in range(1, 42)}
    return Schedule("hay_1974", "stepped", "annual", grades,
                    description="4/74 schedule: 41 grades x steps A-E, X, Y; rates not printed in the seed",
                    provenance="unknown")


def cresap_schedule_a() -> Schedule:
    grades = _stepped_from("cresap_schedule_a_steps", "ABCDEFG", "weekly", "weekly")
    inc = dict(data.table("cresap_schedule_a_grades").select(pl.col("grade").cast(pl.String),
                                                             "weekly_increment").iter_rows())
    months = data.table("cresap_step_timetables").filter(pl.col("plan") == "schedule_a").sort(
        "months_of_service")["months_of_service"].to_list()
    return Schedule("cresap_schedule_a", "stepped", "weekly", grades, increment=inc, months=months,
                    description="Cresap 1967 Schedule A, 27 grades x steps A-G, weekly (Exhibit II-B)")


def cresap_schedule_b() -> Schedule:
    frame = data.table("cresap_schedule_b")
    names = ["minimum", "first_quartile", "midpoint", "third_quartile", "maximum"]
    grades = {r["grade"]: [(n, r[n]) for n in names] for r in frame.iter_rows(named=True)}
    return Schedule("cresap_schedule_b", "quarter_points", "annual", grades,
                    description="Cresap 1967 Schedule B, physicians and dentists, annual (Exhibit II-D)")


def cresap_schedule_c() -> Schedule:
    grades, inc = {}, {}
    for r in data.table("cresap_schedule_c").iter_rows(named=True):
        lo, hi = r["weekly_minimum"], r["weekly_maximum"]
        key = f"{r['category']}:{r['degree_column']}"
        step = (hi - lo) // 10
        grades[key] = [(str(k + 1), lo + k * step) for k in range(11)]
        inc[key] = step
    return Schedule("cresap_schedule_c", "teacher_matrix", "weekly", grades, increment=inc,
                    months=[12 * k for k in range(11)],
                    description="Cresap 1967 Schedule C, teachers: category:degree column, steps 1 (minimum) to "
                                "11 (maximum), ten equal increments, weekly (A-CRESAP-C-WEEKLY)")


def cresap_schedule_d() -> Schedule:
    grades = {}
    for r in data.table("cresap_schedule_d").iter_rows(named=True):
        lo, hi = r["annual_minimum"], r["annual_maximum"]
        if lo == hi:
            grades[str(lo // 100)] = [("rate", lo)]
        else:
            key = "AAG-II" if "II" in r["class_title"] else "AAG-I"
            grades[key] = [("minimum", lo), ("maximum", hi)]
    return Schedule("cresap_schedule_d", "single_rate", "annual", grades,
                    description="Cresap 1967 Schedule D, single-rate unclassified positions, annual (Exhibit II-G); "
                                "grades named by their rate in dollars, and the two Assistant Attorney General ranges")


def _hay(table: str, name: str, description: str) -> Schedule:
    grades = _stepped_from(table, "ABCDEXY", "annual", "annual")
    ranges = data.table("hay_point_ranges").select("grade", "points_low", "points_high").iter_rows()
    points = {str(g): (lo, hi) for g, lo, hi in ranges if str(g) in grades}
    prov = "printed; rows 1-6 and 30-37 reconstructed (A-HAY-SCHED-I)" if table == "hay_schedule_1" else "printed"
    return Schedule(name, "stepped", "annual", grades, points=points, increment=_increments(grades),
                    months=[12 * k for k in range(7)], description=description, provenance=prov)


BUILTIN = {
    "cresap_1966": cresap_1966,
    "hay_1974": hay_1974,
    "cresap_schedule_a": cresap_schedule_a,
    "cresap_schedule_b": cresap_schedule_b,
    "cresap_schedule_c": cresap_schedule_c,
    "cresap_schedule_d": cresap_schedule_d,
    "hay_schedule_1": lambda: _hay("hay_schedule_1", "hay_schedule_1",
                                   "Hay 1975 Salary Schedule I, 41 grades x A-E, X, Y, annual, with point ranges"),
    "hay_schedule_1a": lambda: _hay("hay_schedule_1a", "hay_schedule_1a",
                                    "Hay 1975 Salary Schedule Ia (physicians), grades 29-41, annual"),
}


def builtin(name: str) -> Schedule:
    return BUILTIN[name]()


def quarter_points_of(base: Schedule, name: str) -> Schedule:
    """Schedule B's procedure applied to another schedule's ranges: minimum, quarter points, maximum
    (each quarter point rounded half up to the cent). For Cresap's unclassified-similar option."""
    grades = {}
    for g in base.grades:
        rates = base.rates(g)
        lo, hi = rates[0], rates[-1]
        pts = [lo + (k * (hi - lo) + 2) // 4 for k in range(5)]
        grades[g] = list(zip(["minimum", "first_quartile", "midpoint", "third_quartile", "maximum"], pts))
    return Schedule(name, "quarter_points", base.basis, grades,
                    description=f"quarter points of {base.name}'s ranges", provenance="derived")


def check(schedule: Schedule) -> list[str]:
    """What is wrong with a schedule: negative rates, steps that do not increase, overlapping points."""
    msgs = []
    for g, steps in schedule.grades.items():
        rates = [r for _, r in steps if r is not None]
        if any(r < 0 for r in rates):
            msgs.append(f"grade {g}: negative rate")
        if any(b <= a for a, b in zip(rates, rates[1:])):
            msgs.append(f"grade {g}: steps do not increase ({', '.join(f'{r / 100:.2f}' for r in rates)})")
        names = [s for s, _ in steps]
        if len(set(names)) != len(names):
            msgs.append(f"grade {g}: step names repeat")
    spans = sorted((lo, hi, g) for g, (lo, hi) in schedule.points.items())
    for (lo, hi, g) in spans:
        if hi < lo:
            msgs.append(f"grade {g}: point range {lo}-{hi} runs backwards")
    for (lo1, hi1, g1), (lo2, hi2, g2) in zip(spans, spans[1:]):
        if lo2 <= hi1:
            msgs.append(f"point ranges overlap: grade {g1} ({lo1}-{hi1}) and grade {g2} ({lo2}-{hi2})")
    return msgs


def above_ceiling(schedule: Schedule) -> str | None:
    """Where a made schedule (a formula, transforms) has a rate above the most regrade takes, as written rates are
    held to (simulator.money.CEILING: $10,000,000.00 a year, $200,000.00 a week), the first such rate in words;
    else None. Every rate stays far inside int64 cents, whatever it is summed over."""
    ceiling = CEILING[schedule.basis]
    for g, steps in schedule.grades.items():
        for s, r in steps:
            if r is not None and r > ceiling:
                unit = "a year" if schedule.basis == "annual" else "a week"
                return (f"grade {g} step {s} would be {dollars_text(r)} {unit}, above {dollars_text(ceiling)} "
                        f"{unit}, the most regrade takes as a rate of pay")
    return None
