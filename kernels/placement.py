"""Placement kernels: reposition each person into a target pay row under one rule.

Conventions (see kernels/__init__.py):
- money is int64 cents, in the *basis of the target row* (weekly rates for Cresap Schedules A and C,
  annual for Schedules B, D and Hay Schedule I); the wrapper in simulator/placement.py converts;
- a pay row is ``rates[row, :n_steps[row]]``, strictly increasing; off-step is step index -1;
- the kernels trust their inputs: simulator/ validates them first;
- every branch writes an OUTCOME code (the rule branch that decided the pay) that the wrapper turns
  into the rule code and a sentence (simulator/explain.py).

Percentages are integer basis points (500 = 5 %). "Anything computed by a percentage is rounded half up
to the cent": ``half_up(x * (10000 + bp), 10000)``. Comparisons such as "an increase of less than 5 per
cent" are made exactly, in integers, without rounding.
"""

import numpy as np
from numba import njit, prange

from kernels.config import JIT_OPTIONS, PARALLEL_OPTIONS

# --- rule families (one per placement procedure) ------------------------------------------------------
EXCLUDED = 0
CRESAP_A = 1          # Cresap Schedule A: lowest step above, bump if below increment, floors B / C
FIXED_STEP = 2        # a printed crosswalk names the step (Cresap highway maintenance)
QUARTER_POINTS = 3    # Cresap Schedule B: next quarter point, at least +5 %, never above maximum
TEACHER_SAME = 4      # Cresap Schedule C, unclassified teachers: the same step number
TEACHER_NEXT = 5      # Cresap Schedule C, classified teachers: next higher rate, bump below increment
SINGLE_RATE = 6       # Cresap Schedule D: the single rate, raise limited per year
HAY_SAME_STEP = 7     # Hay 1975 costing: same step letter; a lower grade keeps current pay
HAY_PROMOTION = 8     # Hay 1975 section V: promotion / reclassification rule
TO_MINIMUM = 9        # generic: bring to the minimum
CLOSEST_STEP = 10     # generic: closest step with no decrease
YEARS_IN_CLASS = 11   # generic: step matching years in class, else closest with no decrease
NEXT_PCT = 12         # generic: first step giving at least p %
SAME_POSITION = 13    # generic: same relative position in the range

# --- outcome codes: the branch that decided ----------------------------------------------------------
O_EXCLUDED = 0
O_A_LOWEST_ABOVE = 1
O_A_BUMP_INCREMENT = 2
O_A_FLOOR_B = 3
O_A_FLOOR_C = 4
O_A_ABOVE_MAX = 5
O_HWY_CROSSWALK = 6
O_B_TO_POINT = 7
O_B_MIN_5PCT = 8
O_B_CAPPED_MAX = 9
O_B_ABOVE_MAX = 10
O_C_SAME_STEP = 11
O_C_NEXT_HIGHER = 12
O_C_BUMP_INCREMENT = 13
O_C_ABOVE_MAX = 14
O_D_SINGLE_RATE = 15
O_D_RAISE_CAPPED = 16
O_D_ABOVE_RATE = 17
O_HAY_SAME_STEP = 18
O_HAY_RETAIN_LOWER = 19
O_HAY_SAME_STEP_LOWER = 20
O_HAY_OFFSTEP_CLOSEST = 21
O_HAY_PROMOTION_TO_A = 22
O_HAY_PROMOTION_TO_B = 23
O_HAY_PROMOTION_NEXT = 24
O_HAY_PROMOTION_5PCT = 25
O_HAY_PROMOTION_CAP_Y = 26
O_HAY_ABOVE_MAX = 27
O_GEN_TO_MINIMUM = 28
O_GEN_NO_CHANGE = 29
O_GEN_CLOSEST_STEP = 30
O_GEN_YEARS_IN_CLASS = 31
O_GEN_YEARS_FALLBACK = 32
O_GEN_NEXT_PCT = 33
O_GEN_NEXT_PCT_TOP = 34
O_GEN_SAME_POSITION = 35
O_GEN_ABOVE_MAX = 36
O_CAP_AMOUNT = 37
O_CAP_PCT = 38
N_OUTCOMES = 39

NO_CAP = -1


@njit(**JIT_OPTIONS)
def half_up(numerator, denominator):
    """numerator / denominator rounded half up, for numerator >= 0 and denominator > 0."""
    return (numerator + denominator // 2) // denominator


@njit(**JIT_OPTIONS)
def lowest_step_above(rates, row, n, value):
    """Index of the lowest step strictly above ``value``, or -1."""
    for i in range(n):
        if rates[row, i] > value:
            return i
    return -1


@njit(**JIT_OPTIONS)
def lowest_step_at_least(rates, row, n, value):
    """Index of the lowest step at or above ``value``, or -1."""
    for i in range(n):
        if rates[row, i] >= value:
            return i
    return -1


@njit(**JIT_OPTIONS)
def step_of(rates, row, n, value):
    """The step index whose rate equals ``value``, else -1 (off-step)."""
    for i in range(n):
        if rates[row, i] == value:
            return i
    return -1


@njit(**JIT_OPTIONS)
def first_step_giving_pct(rates, row, n, current, bp):
    """Lowest step whose rate is at least ``bp`` basis points above ``current`` (exact), or -1."""
    for i in range(n):
        if rates[row, i] * 10000 >= current * (10000 + bp):
            return i
    return -1


@njit(**JIT_OPTIONS)
def place_cresap_a(rates, row, n, increment, current, floor_step):
    """Cresap 1967 Schedule A (lines 577-581). Returns (step, outcome); step -1 keeps current pay."""
    # "placed at the lowest salary step in the proposed pay grade which is greater than their current salary"
    i = lowest_step_above(rates, row, n, current)
    if i < 0:
        # Silent in the seed: at or above step G, keep the current rate (on step G if exactly there; above it,
        # off-step and red-circled), mirroring "repositioned in the lower grade at his present salary"
        # (line 729). A-CRESAP-ABOVE-G.
        return -1, O_A_ABOVE_MAX
    outcome = O_A_LOWEST_ABOVE
    # "If the new salary step should result in a salary increase which is less than the regular
    # step-to-step increment for that pay grade, the position would be moved to the next highest step"
    if rates[row, i] - current < increment and i + 1 < n:
        i += 1
        outcome = O_A_BUMP_INCREMENT
    # "No position at the C, D or E steps of the present plan would be repositioned lower than the B step
    # ... No position at either the X or Y steps ... lower than the C step"
    floor = floor_step if floor_step < n else n - 1
    if floor > i:
        i = floor
        outcome = O_A_FLOOR_B if floor == 1 else O_A_FLOOR_C
    return i, outcome


@njit(**JIT_OPTIONS)
def place_quarter_points(rates, row, n, current):
    """Cresap 1967 Schedule B (lines 615-629). Returns (new_rate, outcome)."""
    top = rates[row, n - 1]
    # "Employees whose salaries are above the proposed maximum would remain at their present salaries."
    if current > top:
        return current, O_B_ABOVE_MAX
    # "below the minimum ... move to the minimum"; "between ... would move to" the next quarter point
    i = lowest_step_above(rates, row, n, current)
    target = rates[row, i] if i >= 0 else top
    outcome = O_B_TO_POINT
    # "Any employee being moved ... should receive no less than a 5 per cent increase."
    at_least = half_up(current * 105, 100)
    if target < at_least:
        target = at_least
        outcome = O_B_MIN_5PCT
    # "No increase should result in a salary beyond the maximum of the pay scale."
    if target > top:
        target = top
        outcome = O_B_CAPPED_MAX
    return target, outcome


@njit(**JIT_OPTIONS)
def place_teacher_next(rates, row, n, increment, current):
    """Cresap 1967 Schedule C, classified teachers (line 635). Returns (step, outcome)."""
    # "placed into the proposed Schedule C at the next highest salary level"
    i = lowest_step_above(rates, row, n, current)
    if i < 0:
        return -1, O_C_ABOVE_MAX
    # "If ... the salary increase ... is less than the regular annual increment ... moved to the next
    # higher step"
    if rates[row, i] - current < increment and i + 1 < n:
        return i + 1, O_C_BUMP_INCREMENT
    return i, O_C_NEXT_HIGHER


@njit(**JIT_OPTIONS)
def place_single_rate(rates, row, current, max_raise):
    """Cresap 1967 Schedule D (lines 647-655, 538). Returns (new_rate, outcome, owed)."""
    rate = rates[row, 0]
    if current > rate:
        # Silent in the seed: a person paid above the single rate keeps the current rate, red-circled.
        return current, O_D_ABOVE_RATE, 0
    # "it is suggested that increases be limited to no more than $2,000 per year"
    if max_raise != NO_CAP and rate - current > max_raise:
        return current + max_raise, O_D_RAISE_CAPPED, rate - current - max_raise
    return rate, O_D_SINGLE_RATE, 0


@njit(**JIT_OPTIONS)
def place_hay_same_step(rates, row, n, current, same_step, direction, lower_takes_same_step):
    """Hay 1975 cost assumption (lines 305-311). Returns (step, new_rate, outcome)."""
    if same_step < 0:
        # Off-step (e.g. 'over Y'): not covered by the report; closest step with no decrease. A-HAY-OFFSTEP.
        i = lowest_step_at_least(rates, row, n, current)
        if i < 0:
            return -1, current, O_HAY_ABOVE_MAX
        return i, rates[row, i], O_HAY_OFFSTEP_CLOSEST
    s = same_step if same_step < n else n - 1
    if direction < 0:
        if lower_takes_same_step:
            # "assuming that all employees changing grade will occupy a comparable step in the lower ... grade"
            return s, rates[row, s], O_HAY_SAME_STEP_LOWER
        # "employees allocated to ranges lower than their present range, will continue to enjoy their
        # current salary"
        return step_of(rates, row, n, current), current, O_HAY_RETAIN_LOWER
    # "an employee at Step E in his or her current range will be at Step E in the new higher range"
    return s, rates[row, s], O_HAY_SAME_STEP


@njit(**JIT_OPTIONS)
def place_hay_promotion(rates, row, n, current):
    """Hay 1975 section V (lines 950-958). Returns (step, outcome); step -1 keeps current pay."""
    if current < rates[row, 0]:
        # "less than Step A ... advanced to Step A ...; or if this represent an increase of less than
        # 5 percent, ... advanced to Step B"
        if rates[row, 0] * 100 < current * 105 and n > 1:
            return 1, O_HAY_PROMOTION_TO_B
        return 0, O_HAY_PROMOTION_TO_A
    if current >= rates[row, n - 1]:
        # At or above Y: "No employee's salary should be increased beyond Step Y"; kept, red-circled.
        return -1, O_HAY_ABOVE_MAX
    # "falls between Steps A and Y ... advanced to the next higher step, or if this represents an increase
    # of less than 5 percent, ... the next highest step which equals or exceeds a 5 percent increase"
    i = lowest_step_above(rates, row, n, current)
    if rates[row, i] * 100 >= current * 105:
        return i, O_HAY_PROMOTION_NEXT
    j = first_step_giving_pct(rates, row, n, current, 500)
    if j < 0:
        # "No employee's salary should be increased beyond Step Y of the assigned pay range."
        return n - 1, O_HAY_PROMOTION_CAP_Y
    return j, O_HAY_PROMOTION_5PCT


@njit(**JIT_OPTIONS)
def place_one(rule, rates, row, n, increment, current, floor_step, fixed_step, same_step, years_step,
              direction, pct_bp, max_raise, lower_takes_same_step, old_min, old_max):
    """One person under one rule. Returns (new_rate, step, outcome, owed) before any per-person cap."""
    if rule == CRESAP_A:
        s, o = place_cresap_a(rates, row, n, increment, current, floor_step)
    elif rule == FIXED_STEP:
        s, o = fixed_step, O_HWY_CROSSWALK
    elif rule == QUARTER_POINTS:
        new, o = place_quarter_points(rates, row, n, current)
        return new, step_of(rates, row, n, new), o, 0
    elif rule == TEACHER_SAME:
        s, o = (same_step if same_step < n else n - 1), O_C_SAME_STEP
    elif rule == TEACHER_NEXT:
        s, o = place_teacher_next(rates, row, n, increment, current)
    elif rule == SINGLE_RATE:
        new, o, owed = place_single_rate(rates, row, current, max_raise)
        return new, step_of(rates, row, n, new), o, owed
    elif rule == HAY_SAME_STEP:
        s, new, o = place_hay_same_step(rates, row, n, current, same_step, direction, lower_takes_same_step)
        return new, s, o, 0
    elif rule == HAY_PROMOTION:
        s, o = place_hay_promotion(rates, row, n, current)
    elif rule == TO_MINIMUM:
        if current < rates[row, 0]:
            s, o = 0, O_GEN_TO_MINIMUM
        elif current > rates[row, n - 1]:
            s, o = -1, O_GEN_ABOVE_MAX
        else:
            return current, step_of(rates, row, n, current), O_GEN_NO_CHANGE, 0
    elif rule == CLOSEST_STEP:
        s = lowest_step_at_least(rates, row, n, current)
        o = O_GEN_CLOSEST_STEP if s >= 0 else O_GEN_ABOVE_MAX
    elif rule == YEARS_IN_CLASS:
        y = years_step if years_step < n else n - 1
        if y >= 0 and rates[row, y] >= current:
            s, o = y, O_GEN_YEARS_IN_CLASS
        else:
            s = lowest_step_at_least(rates, row, n, current)
            o = O_GEN_YEARS_FALLBACK if s >= 0 else O_GEN_ABOVE_MAX
    elif rule == NEXT_PCT:
        s = first_step_giving_pct(rates, row, n, current, pct_bp)
        o = O_GEN_NEXT_PCT
        if s < 0:
            if current < rates[row, n - 1]:
                s, o = n - 1, O_GEN_NEXT_PCT_TOP
            else:
                o = O_GEN_ABOVE_MAX
    elif rule == SAME_POSITION:
        lo = rates[row, 0]
        hi = rates[row, n - 1]
        span = old_max - old_min
        offset = current - old_min
        if offset >= 0:
            new = lo + half_up(offset * (hi - lo), span)
        else:
            new = lo - half_up(-offset * (hi - lo), span)
        return new, step_of(rates, row, n, new), O_GEN_SAME_POSITION, 0
    else:  # EXCLUDED
        return current, -1, O_EXCLUDED, 0
    if s < 0:  # keeps current pay: on a step only if it equals one (e.g. exactly at the top step)
        return current, step_of(rates, row, n, current), o, 0
    return rates[row, s], s, o, 0


@njit(**PARALLEL_OPTIONS)
def place_kernel(rule, row, current, floor_step, fixed_step, same_step, years_step, direction, pct_bp,
                 max_raise, cap_amount, cap_bp, old_min, old_max, lower_takes_same_step,
                 rates, n_steps, increment, periods,
                 out_rate, out_step, out_outcome, out_owed, out_red, out_green):
    """Place every person. Per-person inputs are arrays of length n; the pay rows are ``rates``
    ([rows, max_steps]), ``n_steps``, ``increment`` and ``periods`` (52 weekly, 1 annual) per row.

    ``cap_amount`` (annual cents, -1 none) and ``cap_bp`` (basis points of current annual pay, -1 none)
    limit each person's raise after the rule; the rest is recorded in ``out_owed`` (row basis).
    """
    for p in prange(rule.shape[0]):  # people are independent: split over the cores
        r = row[p]
        n = n_steps[r]
        cur = current[p]
        new, s, o, owed = place_one(rule[p], rates, r, n, increment[r], cur, floor_step[p], fixed_step[p],
                                    same_step[p], years_step[p], direction[p], pct_bp[p], max_raise[p],
                                    lower_takes_same_step[p], old_min[p], old_max[p])
        if rule[p] != EXCLUDED and (cap_amount[p] != NO_CAP or cap_bp[p] != NO_CAP) and new > cur:
            per = periods[r]
            limit = cap_amount[p] if cap_amount[p] != NO_CAP else 1 << 62
            by_pct = limit
            if cap_bp[p] != NO_CAP:
                by_pct = half_up(cur * per * cap_bp[p], 10000)
            cap = min(limit, by_pct)
            if (new - cur) * per > cap:
                capped = cur + cap // per
                owed += new - capped
                new = capped
                s = step_of(rates, r, n, new)
                o = O_CAP_PCT if by_pct < limit else O_CAP_AMOUNT
        out_rate[p] = new
        out_step[p] = s
        out_outcome[p] = o
        out_owed[p] = owed
        if rule[p] == EXCLUDED:
            out_red[p] = False
            out_green[p] = False
        else:
            out_red[p] = new > rates[r, n - 1]
            out_green[p] = new < rates[r, 0]


def empty_outputs(n: int):
    """Preallocated outputs for ``place_kernel``."""
    return (np.empty(n, np.int64), np.empty(n, np.int32), np.empty(n, np.int16), np.empty(n, np.int64),
            np.empty(n, np.bool_), np.empty(n, np.bool_))
