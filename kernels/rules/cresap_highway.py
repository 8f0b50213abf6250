"""Cresap 1967, highway maintenance personnel: a printed table names the new grade and step.

    "Positions presently assigned to the classes of Highway Maintenance Man I, II, IIA, III and IV and Highway
    Foreman I and II which have been reallocated ... should be repositioned in the proposed salary plan
    according to the following procedure" (the table of lines 589-611: present grade and step A, B or C ->
    proposed grade and step).

    "For purposes of repositioning and for future use in computing earnings of Highway Maintenance personnel,
    the weekly salaries shown in Schedule A should be divided by 40 and rounded to the nearest cent to arrive
    at the equivalent hourly rate."  (line 613)

The step comes from the table (simulator/placement.py joins it); an hourly person's pay is the step's weekly
rate / 40, to the cent, which the kernel's STEP result applies to every hourly person on a weekly row.
"""

from numba import njit

from kernels.config import JIT_OPTIONS
from kernels.rules._base import STEP, Outcome

NAME = "cresap_highway"
KINDS = ("stepped",)
TABLE = 0
OUTCOMES = (
    Outcome("HWY.crosswalk", "Moved from highway grade {old_grade} step {old_step} to Schedule A grade {new_grade} "
            "step {new_step} at {new_pay}, as the highway maintenance table prints (Cresap 1967, lines 589-613)."),
)


@njit(**JIT_OPTIONS)
def decide(p, person, rows, options):
    s = person.fixed_step[p]
    return STEP, s, rows.annual[person.row[p], s], TABLE, 0


def reference(annual: list[int], table_step: int) -> tuple:
    return STEP, table_step, annual[table_step], "HWY.crosswalk", 0
