"""Cresap Schedule A: reviews on the timetable, and the premium range.

    "A - Starting; B - after 6 months; C - after one and one-half years; D - after two and one-half years;
    E - after three and one-half years; F - after five years; G - after seven years"  (lines 688-694)
    Increases are granted on review and may be "denied or delayed"; an outstanding employee may be given two
    steps (lines 696-704; the shares are A-PROJ-MERIT).
    "After being at the maximum of their salary range for three years, employees would be eligible for a
    salary increase to somewhere within the premium range. However, only up to 50 per cent of the employees in
    any department who are at the maximum would be eligible ... no more than 5 per cent of the total number of
    employees in the department could ever be in the premium range at one time ... The increase into the
    premium range should normally only be a partial move"  (line 719; the partial move is A-PROJ-PREMIUM)

A position off the steps below the top (a raise limited by a group) moves from the highest step at or below its
pay (A-PROJ-OWED); below step A (a trainee at the end of probation, Cresap line 667: "increased to the minimum")
to step A, neither denied nor doubled; above the top, or in the premium range, no more steps.
"""

import numpy as np
from numba import njit

from kernels.calendar import NEVER, add_months
from kernels.config import INLINE_OPTIONS, JIT_OPTIONS
from kernels.draws import rank_order
from kernels.progression._base import CLOCK_TIMETABLE, Position, ref_add_months, ref_half_up, ref_step_pay
from kernels.rules._base import half_up
from kernels.state import D_PERF, NO_RULE, R_DENIED, R_PREMIUM, R_STEP, R_TWO_STEPS, step_pay, steps_at_or_below

NAME = "review"
HIRE_AT_STEPS, HIRE_PAY_FROM_HOME, CLOCK = True, False, CLOCK_TIMETABLE
GI_ON_STEP, GI_CAP_AT_TOP = True, False


@njit(**INLINE_OPTIONS)
def step(p, d, who, pay, prm, new):
    r = new.row[p]
    top = pay.n_steps[r] - 1
    u = who.u
    s0 = new.step[p]
    if s0 < 0 and not new.in_premium[p]:  # off the steps: from the highest step at or below the pay (-1: below A)
        s0 = steps_at_or_below(pay.rates, pay.periods, pay.n_steps, r, new.rate[p] * new.unit[p],
                               who.own) - 1
    elif s0 < 0:
        s0 = top  # in the premium range: no more steps
    if s0 >= top:
        new.next_day[p] = NEVER
        return NO_RULE
    if s0 < 0:  # below the minimum (a trainee at the end of probation): to step A, neither denied nor doubled
        u = 1.0
    if u < prm.deny:
        new.next_day[p] = add_months(d, 12)  # "denied or delayed": reviewed again a year later
        return R_DENIED
    k = 2 if u < prm.deny + prm.double else 1
    s1 = max(min(s0 + k, top), 0)
    new.step[p] = s1
    new.rate[p], new.unit[p] = step_pay(pay.rates, pay.periods, r, s1, who.own)
    if s1 == top:
        new.top_since[p] = d
        new.next_day[p] = NEVER
    else:
        tt_p, off = who.tt, who.tt_off
        new.next_day[p] = add_months(d, pay.tt_months[tt_p, s1 + 1 + off] - pay.tt_months[tt_p, s1 + off])
    return R_TWO_STEPS if s1 - s0 == 2 else R_STEP


@njit(**JIT_OPTIONS)
def admissions(fam, state, staff, pay, draws, year, prm, head, admitted):
    """Who enters the premium range this year (``admitted``, written): those three years at the top and rated
    outstanding, in the order of their rank draw, within each department's quotas (``head``: its employees).
    "only up to 50 per cent of the employees in any department who are at the maximum ... at any given time":
    those already in the premium range count among those at the maximum and against the 50 per cent, so that
    the share in it never passes half of them (A-PROJ-PREMIUM)."""
    n = state.family.shape[0]
    n_groups = head.shape[0]
    at_top = np.zeros(n_groups, np.int64)
    premium_now = np.zeros(n_groups, np.int64)
    cand = np.empty(n, np.int64)
    n_cand = 0
    for p in range(n):
        if state.family[p] != fam or state.vacant_until[p] >= year.fy_start:
            continue
        g = staff.group[p]
        if state.in_premium[p]:
            premium_now[g] += 1
        elif state.step[p] == pay.n_steps[state.row[p]] - 1:
            at_top[g] += 1
            if draws[p, D_PERF] < prm.p_outstanding and add_months(state.top_since[p], prm.premium_after_months) \
                    <= year.fy_start:
                cand[n_cand] = p
                n_cand += 1
    room = np.zeros(n_groups, np.int64)
    for g in range(n_groups):
        at_max = at_top[g] + premium_now[g]
        room[g] = max(0, min(at_max * prm.premium_top_k // 1000, head[g] * prm.premium_dept_k // 1000)
                      - premium_now[g])
    admitted[:] = False
    order = rank_order(draws, cand[:n_cand])
    for i in range(n_cand):
        p = cand[order[i]]
        if room[staff.group[p]] > 0:
            room[staff.group[p]] -= 1
            admitted[p] = True


@njit(**INLINE_OPTIONS)
def enter_premium(p, who, pay, prm, new):
    """At the start of the year: "a partial move" into the premium range (which moves with the general
    increases, as the rates do), never below the present pay."""
    r = new.row[p]
    top = pay.rates[r, pay.n_steps[r] - 1]
    target = top + half_up((pay.premium[r] - top) * prm.premium_fraction_k, 1000)
    if who.own == 2080 and pay.periods[r] == 52:
        a_new, u_new = half_up(target, 40), 2080
    else:
        a_new, u_new = target, pay.periods[r]
    if a_new * u_new > new.rate[p] * new.unit[p]:
        new.rate[p] = a_new
        new.unit[p] = u_new
    new.in_premium[p] = True
    new.step[p] = -1
    return R_PREMIUM


def reference(pos: Position, d: int) -> dict:
    top = len(pos.rates) - 1
    if pos.step >= 0:
        here = pos.step
    elif pos.in_premium:
        here = top
    else:  # the highest step whose pay (in the person's unit) is at most the present pay
        pay = pos.rate * pos.unit
        here = max((s for s in range(len(pos.rates)) if ref_step_pay(pos, s)[0] * ref_step_pay(pos, s)[1] <= pay),
                   default=-1)
    if here >= top:
        return {"next_day": NEVER, "rule": NO_RULE}
    prm = pos.prm
    u = 1.0 if here < 0 else pos.u  # below step A: to A, neither denied nor doubled
    if u < prm["deny"]:
        return {"next_day": ref_add_months(d, 12), "rule": R_DENIED}
    new = min(here + (2 if u < prm["deny"] + prm["double"] else 1), top)
    new = max(new, 0)
    rate, unit = ref_step_pay(pos, new)
    out = {"step": new, "rate": rate, "unit": unit, "rule": R_TWO_STEPS if new - here == 2 else R_STEP}
    if new == top:
        out.update(top_since=d, next_day=NEVER)
    else:
        gap = pos.tt[new + 1 + pos.tt_off] - pos.tt[new + pos.tt_off]
        out["next_day"] = ref_add_months(d, gap)
    return out


def ref_premium(pos: Position, premium: int, fraction_k: int) -> tuple[int, int]:
    """The pay on entering the premium range: part of the way from the top step to the premium maximum."""
    top = pos.rates[-1]
    target = top + ref_half_up((premium - top) * fraction_k, 1000)
    if pos.own_periods == 2080 and pos.periods == 52:
        rate, unit = ref_half_up(target, 40), 2080
    else:
        rate, unit = target, pos.periods
    return (rate, unit) if rate * unit > pos.rate * pos.unit else (pos.rate, pos.unit)
