"""Hay Schedule I / Ia: a merit step on the position entrance anniversary, within an agency merit budget.

    "Employee salaries will be reviewed annually, and if performance is meritorious, salary increases may be
    authorized effective with the employee's position entrance anniversary. ... will normally amount to an
    increase of one step. ... increases of two steps ... No employee's salary should be increased beyond Step Y"
    (lines 960-966)
    "Budget = Agency payroll (beginning of year) X [Average Step Rate-State / Average Step Rate-Agency] X .03"
    (line 976); "Agencies with less than 30 employees will be budgeted together" (line 974)

    "No salary increase should be less than one step."  (line 967)

The factor, its range and the size are data/'s (hay_merit_budget). Who is meritorious, and who of them gets two
steps, are draws (A-PROJ-MERIT); merit money is granted in the order of the rank draw until the budget is spent.
A salary off the steps below Y (placed between steps) is reviewed too: one step is the lowest step at least one
step's increment (that of the two steps the pay lies between) above the pay, two steps the step after it
(``off_step_merit``, A-PROJ-MERIT). "Increases more often than once a year, but not more often than twice a year"
(line 964): a share of the meritorious (``merit_twice_share``, off unless a scenario sets it) is reviewed on the
anniversary and six months after it (``origin`` holds the last anniversary), a step each time, budgeted as two
steps a fiscal year (an anniversary and a six-month review fall in any twelve months; the second after an
anniversary may fall in the next fiscal year, whose funding decides it). After a reduction in force the budget
is "recalculated, pro rata for that budget year" (line 982): kernels/year.py year_budgets, A-PROJ-RIF.
"""

import numpy as np
from numba import njit

from kernels.calendar import add_months
from kernels.config import INLINE_OPTIONS, JIT_OPTIONS
from kernels.draws import rank_order
from kernels.progression._base import CLOCK_YEARLY, Position, ref_add_months, ref_step_pay
from kernels.rules._base import half_up
from kernels.state import D_PERF, NO_RULE, R_MERIT_NOT_FUNDED, R_MERIT_STEP, step_pay, steps_at_or_below

NAME = "hay_merit"
HIRE_AT_STEPS, HIRE_PAY_FROM_HOME, CLOCK = True, False, CLOCK_YEARLY
GI_ON_STEP, GI_CAP_AT_TOP = True, True


@njit(**JIT_OPTIONS)
def off_step_merit(rates, periods, n_steps, r, cur, own, k):
    """Off the steps, one step is the lowest step at least one step's increment above the pay ("no salary
    increase should be less than one step", line 967), the increment being that of the two steps the pay lies
    between; never beyond Y. (Not inlined, and given the three arrays it reads, not the Pay group: few are off
    the steps, the year's loop stays small, and a call costs no reference count per array of a group.)"""
    top = n_steps[r] - 1
    above = steps_at_or_below(rates, periods, n_steps, r, cur, own)  # the first step paying more than cur
    if above > top:
        return -1
    lo, hi = (above - 1, above) if above > 0 else (0, min(1, top))
    a_lo, u_lo = step_pay(rates, periods, r, lo, own)
    a_hi, u_hi = step_pay(rates, periods, r, hi, own)
    one = top
    for s in range(above, top + 1):
        a, u = step_pay(rates, periods, r, s, own)
        if a * u >= cur + (a_hi * u_hi - a_lo * u_lo):
            one = s
            break
    return min(one + k - 1, top)


@njit(**INLINE_OPTIONS)
def steps_a_year(u, prm):
    """(steps at a review, reviews a year) of a performance draw: two steps at once for a share of the
    meritorious, a step twice a year for another (``p_twice``), else one step once a year."""
    if u < prm.p_merit * prm.p_two_steps:
        return 2, 1
    if u < prm.p_merit * (prm.p_two_steps + prm.p_twice):
        return 1, 2
    return 1, 1


@njit(**INLINE_OPTIONS)
def step(p, d, who, pay, prm, new):
    r = new.row[p]
    u = who.u
    rule = NO_RULE
    k, reviews = steps_a_year(u, prm)
    # the reviews stay on the anniversary (``origin``, the last one); six months after it, the second of a
    # year's two, one step, and the next back on the anniversary
    half_year = prm.p_twice > 0.0 and add_months(new.origin[p], 6) == d  # (the calendar only when it can be)
    if half_year:
        k, reviews = 1, 2
    s0, top = new.step[p], pay.n_steps[r] - 1
    if s0 >= 0:
        s1 = min(s0 + k, top) if s0 < top else -1
    else:
        s1 = off_step_merit(pay.rates, pay.periods, pay.n_steps, r, new.rate[p] * new.unit[p], who.own, k)
    if who.funded and s1 >= 0:
        new.step[p] = s1
        new.rate[p], new.unit[p] = step_pay(pay.rates, pay.periods, r, s1, who.own)
        rule = R_MERIT_STEP
    elif s1 >= 0 and u < prm.p_merit:
        rule = R_MERIT_NOT_FUNDED
    if half_year:
        new.next_day[p] = add_months(new.origin[p], 12)
    else:
        new.origin[p] = d
        new.next_day[p] = add_months(d, 12 // reviews)
    return rule


@njit(**JIT_OPTIONS)
def budgets(fam, state, staff, pay, draws, year, prm, head, payroll, out, funded):
    """The year's merit budget per group and what it funds: ``out`` (budget, spent) per group and ``funded``
    per position, written. ``head`` and ``payroll`` (at fte: "Agency payroll") per group, from the state at the
    start of the year. Only the candidates (below Y, meritorious) are ordered by their rank draw; the average
    step rate counts those on a step."""
    n = state.family.shape[0]
    n_groups = head.shape[0]
    step_sum = np.zeros(n_groups, np.int64)
    step_n = np.zeros(n_groups, np.int64)
    cand = np.empty(n, np.int64)  # candidates for merit money, with the cost of their increase
    cost = np.empty(n, np.int64)
    cand_group = np.empty(n, np.int64)
    n_cand = 0
    for p in range(n):
        if state.family[p] != fam or state.vacant_until[p] >= year.fy_start:
            continue
        g = staff.group[p]
        r = state.row[p]
        s0 = state.step[p]
        if s0 >= 0:
            step_sum[g] += s0 + 1
            step_n[g] += 1
        u = draws[p, D_PERF]
        if u >= prm.p_merit or s0 >= pay.n_steps[r] - 1:
            continue
        k, reviews = steps_a_year(u, prm)  # the year's cost: two steps for a step twice a year
        if s0 >= 0:
            s2 = min(s0 + k * reviews, pay.n_steps[r] - 1)
        else:
            s2 = off_step_merit(pay.rates, pay.periods, pay.n_steps, r, state.rate[p] * state.unit[p],
                                staff.own_periods[p], k * reviews)
        if s2 >= 0:
            a2, u2 = step_pay(pay.rates, pay.periods, r, s2, staff.own_periods[p])
            cand[n_cand] = p
            cost[n_cand] = half_up(max(a2 * u2 - state.rate[p] * state.unit[p], 0) * staff.fte_k[p], 1000)
            cand_group[n_cand] = g
            n_cand += 1
    # "Agencies with less than 30 employees will be budgeted together" (line 974): pooled into group 0
    pool = np.arange(n_groups)
    for g in range(1, n_groups):
        if head[g] < prm.min_group_size:
            pool[g] = 0
    pool_pay = np.zeros(n_groups, np.int64)
    pool_steps = np.zeros(n_groups, np.int64)
    pool_n = np.zeros(n_groups, np.int64)
    for g in range(n_groups):
        pool_pay[pool[g]] += payroll[g]
        pool_steps[pool[g]] += step_sum[g]
        pool_n[pool[g]] += step_n[g]
    budget, spent = out
    tot_steps, tot_n = step_sum.sum(), step_n.sum()
    for g in range(n_groups):
        budget[g] = 0
        spent[g] = 0
        if pool_n[g] > 0 and tot_n > 0:
            # "Budget = Agency payroll x (Average Step Rate-State / Average Step Rate-Agency) x .03" (line 976)
            budget[g] = int(pool_pay[g] * (tot_steps / tot_n) / (pool_steps[g] / pool_n[g]) * prm.merit_factor)
    funded[:] = False
    order = rank_order(draws, cand[:n_cand])
    for i in range(n_cand):
        c = order[i]
        g = pool[cand_group[c]]
        if spent[g] + cost[c] <= budget[g]:
            spent[g] += cost[c]
            funded[cand[c]] = True


def ref_merit_step(pos: Position, k: int) -> int:
    """The step a merit increase of ``k`` steps reaches, in plain Python (off the steps: off_step_merit)."""
    top = len(pos.rates) - 1
    if pos.step >= 0:
        return min(pos.step + k, top) if pos.step < top else -1
    pays = [a * u for a, u in (ref_step_pay(pos, s) for s in range(top + 1))]
    cur = pos.rate * pos.unit
    above = [s for s in range(top + 1) if pays[s] > cur]
    if not above:
        return -1
    lo, hi = (above[0] - 1, above[0]) if above[0] > 0 else (0, min(1, top))
    one = next((s for s in range(above[0], top + 1) if pays[s] >= cur + pays[hi] - pays[lo]), top)
    return min(one + k - 1, top)


def reference(pos: Position, d: int) -> dict:
    prm = pos.prm
    two = pos.u < prm["p_merit"] * prm["p_two_steps"]
    twice = not two and pos.u < prm["p_merit"] * (prm["p_two_steps"] + prm.get("p_twice", 0.0))
    half_year = prm.get("p_twice", 0.0) > 0 and ref_add_months(pos.origin, 6) == d
    if half_year:
        out = {"next_day": ref_add_months(pos.origin, 12), "rule": NO_RULE}
        two = False
    else:
        out = {"next_day": ref_add_months(d, 6 if twice else 12), "rule": NO_RULE, "origin": d}
    new = ref_merit_step(pos, 2 if two else 1)
    if pos.funded and new >= 0:
        rate, unit = ref_step_pay(pos, new)
        out.update(step=new, rate=rate, unit=unit, rule=R_MERIT_STEP)
    elif new >= 0 and pos.u < pos.prm["p_merit"]:
        out["rule"] = R_MERIT_NOT_FUNDED
    return out
