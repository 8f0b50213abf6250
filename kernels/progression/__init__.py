"""The progression families, one module each, in one explicit list. A family's id is its place in FAMILIES
plus one (0 is FLAT: no progression); the year kernel (kernels/year.py) dispatches on it.

To add a family: write ``kernels/progression/<family>.py`` (the seed's words, NAME, the hire and general
increase attributes, ``step`` and ``reference``; see _base.py), add it at the end of FAMILIES and its line in
``progress``, and test it in tests/progression/ (whose harness calls it through ``progress``).
A scenario names it in ``[projection] progression``.
"""

import numpy as np
from numba import njit

from kernels.config import INLINE_OPTIONS
from kernels.progression import (
    hay_merit,
    merit_matrix,
    pct_steps,
    review_a,
    single_rate,
    teacher,
    teacher_scaled,
    timetable,
)
from kernels.progression._base import CLOCK_NONE
from kernels.state import FLAT, NO_RULE

FAMILIES = [timetable, review_a, merit_matrix, teacher, single_rate, hay_merit, pct_steps, teacher_scaled]
FAMILY_ID = {f.NAME: i + 1 for i, f in enumerate(FAMILIES)}  # name -> id

TIMETABLE, REVIEW_A, MERIT_MATRIX, TEACHER, SINGLE_RATE, HAY_MERIT, PCT_STEPS, TEACHER_SCALED = (
    FAMILY_ID[f.NAME] for f in FAMILIES)

# per family id (FLAT first): what a replacement gets, and how a general increase treats the position
HIRE_AT_STEPS = np.array([False, *(f.HIRE_AT_STEPS for f in FAMILIES)])
HIRE_PAY_FROM_HOME = np.array([True, *(f.HIRE_PAY_FROM_HOME for f in FAMILIES)])
CLOCK = np.array([CLOCK_NONE, *(f.CLOCK for f in FAMILIES)], np.int64)
GI_ON_STEP = np.array([False, *(f.GI_ON_STEP for f in FAMILIES)])
GI_CAP_AT_TOP = np.array([False, *(f.GI_CAP_AT_TOP for f in FAMILIES)])
assert FLAT == 0


@njit(**INLINE_OPTIONS)
def progress(p, d, who, pay, prm, new):
    """Position p's pay change due on day d, by its family; sets its next look. The rule code, or NO_RULE.

    A plain chain of ifs, one line a family (a new family adds its line): numba's literal_unroll over STEPS
    cannot be inlined, and a call per position costs the year kernel ~40 %."""
    fam = new.family[p]
    if fam == TIMETABLE:
        return timetable.step(p, d, who, pay, prm, new)
    if fam == REVIEW_A:
        return review_a.step(p, d, who, pay, prm, new)
    if fam == MERIT_MATRIX:
        return merit_matrix.step(p, d, who, pay, prm, new)
    if fam == TEACHER:
        return teacher.step(p, d, who, pay, prm, new)
    if fam == SINGLE_RATE:
        return single_rate.step(p, d, who, pay, prm, new)
    if fam == HAY_MERIT:
        return hay_merit.step(p, d, who, pay, prm, new)
    if fam == PCT_STEPS:
        return pct_steps.step(p, d, who, pay, prm, new)
    if fam == TEACHER_SCALED:
        return teacher_scaled.step(p, d, who, pay, prm, new)
    return NO_RULE
