"""The progression families, one module each, in one explicit list. A family's id is its place in FAMILIES
plus one (0 is FLAT: no progression); the year kernel (kernels/year.py) dispatches on it.

To add a family: write ``kernels/progression/<family>.py`` (the seed's words, NAME, the hire and general
increase attributes, ``step`` and ``reference``; see _base.py), add it at the end of FAMILIES, and test it in
tests/progression/. A scenario names it in ``[projection] progression``.
"""

import numpy as np
from numba import literal_unroll, njit

from kernels.config import JIT_OPTIONS
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
STEPS = tuple(f.step for f in FAMILIES)

TIMETABLE, REVIEW_A, MERIT_MATRIX, TEACHER, SINGLE_RATE, HAY_MERIT, PCT_STEPS, TEACHER_SCALED = (
    FAMILY_ID[f.NAME] for f in FAMILIES)

# per family id (FLAT first): what a replacement gets, and how a general increase treats the position
HIRE_AT_STEPS = np.array([False, *(f.HIRE_AT_STEPS for f in FAMILIES)])
HIRE_PAY_FROM_HOME = np.array([True, *(f.HIRE_PAY_FROM_HOME for f in FAMILIES)])
CLOCK = np.array([CLOCK_NONE, *(f.CLOCK for f in FAMILIES)], np.int64)
GI_ON_STEP = np.array([False, *(f.GI_ON_STEP for f in FAMILIES)])
GI_CAP_AT_TOP = np.array([False, *(f.GI_CAP_AT_TOP for f in FAMILIES)])
assert FLAT == 0


@njit(**JIT_OPTIONS)
def progress(p, d, ctx, new):
    """Position p's pay change due on day d, by its family; sets its next look. The rule code, or NO_RULE."""
    fam = new.family[p]
    rule = NO_RULE
    i = 0
    for f in literal_unroll(STEPS):
        i += 1
        if i == fam:
            rule = f(p, d, ctx, new)
    return rule
