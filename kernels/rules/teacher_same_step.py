"""Cresap 1967, Schedule C, unclassified teachers: the same step.

    "Teaching and administrative positions in the unclassified service which have been allocated to Schedule C
    should be repositioned in the proposed Schedule C in exactly the same relative position as they hold in the
    present plan. For example an individual on the eighth step of the present plan would be repositioned to the
    eighth step of the proposed plan."  (line 633)

The step is the roster's teacher_step; the pay is that step of the teacher's degree column, whatever it was.
"""

from numba import njit

from kernels.config import JIT_OPTIONS
from kernels.rules._base import STEP, Outcome

NAME = "teacher_same_step"
KINDS = ("teacher_matrix",)
SAME_STEP = 0
OUTCOMES = (
    Outcome("C.same_step", "Placed at step {new_step} of Schedule C {new_grade}, the step held on the present "
            "plan, at {new_pay}: unclassified teachers keep their relative position (Cresap 1967, line 633)."),
)


@njit(**JIT_OPTIONS)
def decide(p, person, rows, options):
    r = person.row[p]
    s = min(person.same_step[p], rows.n_steps[r] - 1)
    return STEP, s, rows.annual[r, s], SAME_STEP, 0


def reference(annual: list[int], teacher_step: int) -> tuple:
    i = min(teacher_step - 1, len(annual) - 1)
    return STEP, i, annual[i], "C.same_step", 0
