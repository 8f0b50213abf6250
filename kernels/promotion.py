"""Promotions during the projected years: who is promoted in a year, on which day, and the pay in the grade above
under each plan's own promotion rule. Off unless a scenario sets a rate (A-PROJ-PROMOTION: the seeds give none).

    Cresap, the proposed plan: "an employee receiving a promotional increase be moved to the next higher salary
    in the new pay grade. However, should this movement result in an increase of less than 5 per cent, he should
    be moved to the next higher step"; the present system: "his new salary is the step in the new pay grade which
    is just higher than his present salary or the minimum of new grade, whichever is greater"  (lines 721-723)
    Hay: below step A, to A, or to B if A gives less than 5 per cent; between A and Y, to the next higher step, or
    the first giving at least 5 per cent; "No employee's salary should be increased beyond Step Y"  (lines 950-958)

A reclassification of the position to the grade above (``reclassification_rate``, also off unless set) is the
same event under each plan's rule for it. Cresap: "the employee should be repositioned in the new grade at the
salary step just higher to his present salary" (lines 727-729; no 5 per cent: grade 3 C $66 goes to grade 4 B
$67); Hay's Section V is for employees "Promoted or Reclassified to Higher Pay Grades" alike; the present 1966
plan's rule for it is not printed, and its promotion rule (just higher) stands for it. Cresap's extra credit for
years of service "with proper recommendation and approval", and a reallocation to a lower grade ("unlikely or
rare"), are not modelled (A-PROJ-PROMOTION).

A promotion is to the grade above in the same schedule (``Pay.up``: the next grade in the schedule's order; none
above the top grade). The plans without printed rates (Hay's 4/74 plan) move a grade up at one step's 5 % (Hay's
step ratio, which may pass the unknown top of the grade above); an open range or Schedule B, to the range above
at 5 % more, at least its minimum, at most its maximum (regrade's readings, A-PROJ-PROMOTION). What a limit on
the placement's raise left owed is dropped; the review clock and the merit anniversary are kept.
"""

import numpy as np
from numba import njit

from kernels.calendar import NEVER
from kernels.config import INLINE_OPTIONS, JIT_OPTIONS
from kernels.progression import FAMILIES, HAY_MERIT, MERIT_MATRIX, PCT_STEPS, REVIEW_A, TIMETABLE
from kernels.progression.merit_matrix import range_points
from kernels.rules._base import half_up
from kernels.state import NO_RULE, R_PROMOTED, R_RECLASSIFIED, own_step, step_pay

# the promotion rule of each progression family (by family id; FLAT first): NONE, none (a teacher, a single rate)
NONE, CRESAP, PRESENT, HAY, PCT, RANGE = range(6)
RULE_OF_FAMILY = np.zeros(len(FAMILIES) + 1, np.int8)
for _fam, _rule in ((REVIEW_A, CRESAP), (TIMETABLE, PRESENT), (HAY_MERIT, HAY), (PCT_STEPS, PCT),
                    (MERIT_MATRIX, RANGE)):
    RULE_OF_FAMILY[_fam] = _rule
# and of a reclassification: Cresap's Schedule A, the step just higher (no 5 per cent); the others, as promoted
RECLASS_OF_FAMILY = RULE_OF_FAMILY.copy()
RECLASS_OF_FAMILY[REVIEW_A] = PRESENT
# the promotion draw mixes two of the year's draws that are otherwise read for other things (the rank order, a
# replacement's step): frac(7919 u_rank + 104729 u_hire) is uniform and, to about 1 part in 8,000, independent of
# both, so that turning promotions on changes no other draw (and no result of a run without them)
MIX_RANK, MIX_HIRE = 7919.0, 104729.0


@njit(**INLINE_OPTIONS)
def _moved(u_rank, u_hire):
    x = u_rank * MIX_RANK + u_hire * MIX_HIRE
    return x - np.floor(x)


@njit(**INLINE_OPTIONS)
def promotion_day(u_rank, u_hire, p_promote, p_reclass, fy_start, fy_end):
    """The day in [fy_start, fy_end) the position's holder is promoted, or the position reclassified, in the year,
    or NEVER: one draw, promoted below ``p_promote``, reclassified in the next ``p_reclass`` (rates a year; at
    most one of the two a year); the day uniform in the year, from the same draw."""
    u = _moved(u_rank, u_hire)
    if u < p_promote:
        return fy_start + int(u / p_promote * (fy_end - fy_start))
    u -= p_promote
    if u < p_reclass:
        return fy_start + int(u / p_reclass * (fy_end - fy_start))
    return NEVER


@njit(**INLINE_OPTIONS)
def reclassified(u_rank, u_hire, p_promote):
    """Whether the year's event drawn by ``promotion_day`` is a reclassification (else a promotion)."""
    return _moved(u_rank, u_hire) >= p_promote


@njit(**JIT_OPTIONS)
def promote(p, d, own, pay, new, reclass):
    """Position p promoted (or, ``reclass``, reclassified) on day d to the grade above, by its family's rule for
    it: its new row, step and pay written into ``new``. R_PROMOTED or R_RECLASSIFIED, or NO_RULE where there is
    no grade above or the family has no promotion."""
    rule = RECLASS_OF_FAMILY[new.family[p]] if reclass else RULE_OF_FAMILY[new.family[p]]
    done = R_RECLASSIFIED if reclass else R_PROMOTED
    r = new.row[p]
    up = pay.up[r]
    if rule == NONE or up < 0:
        return NO_RULE
    cur = new.rate[p] * new.unit[p]
    new.row[p] = up
    new.in_premium[p] = False
    new.owed[p] = 0  # the promotion's pay replaces what a limit on the placement's raise left owed
    if rule == PCT:  # no printed rates: one step's 5 %
        new.rate[p] = half_up(new.rate[p] * 105, 100)
        return done
    if rule == RANGE:
        lo, _, _, hi = range_points(pay, up)
        target = max(min(half_up(cur * 105, 100), hi), lo, cur)
        set_pay(p, up, own_step(pay.rates, pay.periods, pay.n_steps, up, target, own), target, own, pay, new)
        return done
    s = promoted_step(rule, pay, up, cur, own)
    if s >= 0:
        new.step[p] = s
        new.rate[p], new.unit[p] = step_pay(pay.rates, pay.periods, up, s, own)
    else:  # above every step of the grade above: the pay kept, off the steps
        new.step[p] = -1
    new.top_since[p] = d if s == pay.n_steps[up] - 1 else NEVER  # Schedule A's premium range counts from here
    return done


@njit(**INLINE_OPTIONS)
def promoted_step(rule, pay, r, cur, own):
    """The step of row r a promotion from the annual pay ``cur`` reaches under ``rule``, or -1 (the pay kept)."""
    n = pay.n_steps[r]
    above = -1  # the lowest step paying more than cur: "the next higher salary", "just higher"
    first_5 = -1  # the lowest step paying at least 5 % more
    for s in range(n):
        a, u = step_pay(pay.rates, pay.periods, r, s, own)
        if above < 0 and a * u > cur:
            above = s
        if first_5 < 0 and a * u * 100 >= cur * 105:
            first_5 = s
    if rule == PRESENT or above < 0:  # the step just higher (at least the minimum); none above: kept
        return above
    if rule == HAY and above == 0:  # below step A: A, or B if A gives less than 5 per cent
        a, u = step_pay(pay.rates, pay.periods, r, 0, own)
        return 0 if a * u * 100 >= cur * 105 or n == 1 else 1
    a, u = step_pay(pay.rates, pay.periods, r, above, own)
    if a * u * 100 >= cur * 105:
        return above
    if rule == CRESAP:  # less than 5 per cent: the next higher step
        return min(above + 1, n - 1)
    return first_5 if first_5 >= 0 else n - 1  # Hay: the first step giving 5 %, never beyond Y


@njit(**INLINE_OPTIONS)
def set_pay(p, r, s, value, own, pay, new):
    """Pay ``value`` a year on row r: the step's own rate where s >= 0, else the amount a year."""
    new.step[p] = s
    if s >= 0:
        new.rate[p], new.unit[p] = step_pay(pay.rates, pay.periods, r, s, own)
    else:
        new.rate[p], new.unit[p] = value, 1


def reference(rule: int, annual: list[int], cur: int) -> int:
    """promoted_step in plain Python: ``annual`` the grade above's steps a year in the person's unit."""
    from decimal import Decimal

    above = next((s for s, a in enumerate(annual) if a > cur), -1)
    first_5 = next((s for s, a in enumerate(annual) if Decimal(a) >= Decimal(cur) * Decimal("1.05")), -1)
    if rule == PRESENT or above < 0:
        return above
    if rule == HAY and above == 0:
        return 0 if Decimal(annual[0]) >= Decimal(cur) * Decimal("1.05") or len(annual) == 1 else 1
    if Decimal(annual[above]) >= Decimal(cur) * Decimal("1.05"):
        return above
    if rule == CRESAP:
        return min(above + 1, len(annual) - 1)
    return first_5 if first_5 >= 0 else len(annual) - 1
