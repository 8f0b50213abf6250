"""One fiscal year of one branch (baseline or reform) for every position: the kernels the projection calls.

Each year, ``year_budgets`` sets the group budgets (Hay merit money, the premium range's quotas) and flags who
is funded or admitted; then ``advance_year`` reads the state at the start of the year and writes a new state for
its end (the old state is not changed), the cash paid in the year (prorated by day), the annual rate at its end
and the year's totals. Inputs and outputs are grouped by name (kernels/state.py); random draws are passed in.

A position's year, in order (``advance_one``): start from last year's state; a vacancy that ends in the year is
filled by a replacement (``hire``); at the year's start, the general increase, entry into the premium range and
what a group's limit left owed; a retirement or separation drawn for the year; the pay changes of its
progression family on their own days (kernels/progression); the rest of the year; a leaver's position vacant,
and refilled if the vacancy ends within the year.
"""

import numpy as np
from numba import njit, prange

from kernels.calendar import DAYS_PER_YEAR, NEVER, NOT_VACANT, add_months
from kernels.config import JIT_OPTIONS, PARALLEL_OPTIONS
from kernels.progression import (
    CLOCK,
    GI_CAP_AT_TOP,
    GI_ON_STEP,
    HAY_MERIT,
    HIRE_AT_STEPS,
    HIRE_PAY_FROM_HOME,
    PCT_STEPS,
    REVIEW_A,
    SINGLE_RATE,
    hay_merit,
    progress,
    review_a,
)
from kernels.progression._base import CLOCK_NONE, CLOCK_TIMETABLE
from kernels.rules._base import half_up
from kernels.state import (
    D_HIRE,
    D_RETIRE,
    D_SEP_DAY,
    D_SEPARATE,
    FLAT,
    N_TOTALS,
    NO_LIMIT,
    NO_RULE,
    R_GENERAL,
    R_HIRED,
    R_NONE,
    R_OWED_PAID,
    S_ACTIVE,
    S_REPLACEMENT,
    S_RETIRED,
    S_SEPARATED,
    S_VACANT,
    T_ANNUAL_COST,
    T_CASH,
    T_HEADCOUNT,
    T_HIRES,
    T_RETIREMENTS,
    T_SEPARATIONS,
    T_TURNOVER_SAVING,
    Ctx,
    pay_annual,
    step_pay,
)

assert N_TOTALS == 7


@njit(**JIT_OPTIONS)
def cash_between(rate_annual, fte_k, start, end, year_days):
    """Cash paid at an annual rate over [start, end) days, fte in thousandths, rounded half up."""
    if end <= start or rate_annual <= 0:
        return 0
    if end - start == year_days:  # the whole year: the same number, by a constant divisor (much faster)
        return half_up(rate_annual * fte_k, 1000)
    return half_up(rate_annual * fte_k * (end - start), 1000 * year_days)


@njit(**JIT_OPTIONS)
def separation_rate(age_years, band_below, band_rate):
    """The separation rate of the age band holding ``age_years`` (bands are [previous bound, bound))."""
    lower = 0.0
    for j in range(band_below.shape[0]):
        if lower <= age_years < band_below[j]:
            return band_rate[j]
        lower = band_below[j]
    return 0.0


@njit(**JIT_OPTIONS)
def year_budgets(state, staff, pay, draws, year, prm, budgets, flags):
    """The year's Hay merit budgets (``budgets``, written) and the flags per position (``flags``, written):
    merit money granted, premium range entered. Each group's headcount and payroll (at its fte: "Agency
    payroll", Hay line 976) from the state at the start of the year, then each family's own rules."""
    n_groups = budgets.budget.shape[0]
    head = np.zeros(n_groups, np.int64)
    payroll = np.zeros(n_groups, np.int64)
    for p in range(state.family.shape[0]):
        if state.vacant_until[p] >= year.fy_start:  # vacant, or refilled on the year's first day by a new hire
            continue
        g = staff.group[p]
        head[g] += 1
        payroll[g] += half_up(pay_annual(state.rate[p], state.unit[p], state.prem_bp[p], state.prem_add[p])
                              * staff.fte_k[p], 1000)
    hay_merit.budgets(HAY_MERIT, state, staff, pay, draws, year, prm, head, payroll, budgets, flags.funded)
    review_a.admissions(REVIEW_A, state, staff, pay, draws, year, prm, head, flags.admitted)


@njit(**JIT_OPTIONS)
def general_increase(p, ctx, new):
    """The year's general increase for position p (pay rows already raised): on a step, the step's new rate
    ("precisely the same as the increase in the step occupied", Hay line 946); off-step, the percentage. On Hay's
    schedules no salary goes beyond step Y (line 948), and no increase cuts pay."""
    pay = ctx.pay
    r, fam = new.row[p], new.family[p]
    if new.step[p] >= 0 and GI_ON_STEP[fam]:
        new.rate[p], new.unit[p] = step_pay(pay.rates, pay.periods, r, new.step[p], ctx.staff.own_periods[p])
        return
    raised = half_up(new.rate[p] * (10000 + pay.gi_bp[r]), 10000)
    if GI_CAP_AT_TOP[fam]:
        top = pay.n_steps[r] - 1
        y_annual = pay.rates[r, top] * pay.periods[r]
        if raised * new.unit[p] > y_annual:
            if new.rate[p] * new.unit[p] < y_annual:  # raised to step Y, not beyond
                new.rate[p], new.unit[p] = step_pay(pay.rates, pay.periods, r, top, ctx.staff.own_periods[p])
                new.step[p] = top
            return  # already at or above Y: no increase
    new.rate[p] = raised


@njit(**JIT_OPTIONS)
def pay_owed(p, ctx, new):
    """Pay position p what a group's limit left owed, at most the limit (an amount and / or a share of the
    present pay, in the pay's own unit); a pay that lands on a step takes the step, else it is kept in the
    person's own unit (a year where not whole)."""
    pay, staff = ctx.pay, ctx.staff
    r, own = new.row[p], staff.own_periods[p]
    cur = new.rate[p] * new.unit[p]
    by_amount = staff.limit_amount[p] if staff.limit_amount[p] != NO_LIMIT else new.owed[p]
    by_pct = half_up(new.rate[p] * staff.limit_bp[p], 10000) * new.unit[p] if staff.limit_bp[p] != NO_LIMIT \
        else new.owed[p]
    paid = min(new.owed[p], by_amount, by_pct)
    new.owed[p] -= paid
    raised = cur + paid
    new.step[p] = -1
    for s in range(pay.n_steps[r]):
        a, u = step_pay(pay.rates, pay.periods, r, s, own)
        if a * u == raised:
            new.step[p] = s
            new.rate[p], new.unit[p] = a, u
            return
    if raised % own == 0:
        new.rate[p], new.unit[p] = raised // own, own
    else:
        new.rate[p], new.unit[p] = raised, 1


@njit(**JIT_OPTIONS)
def hire(p, day, ctx, new):
    """A replacement enters the position at ``day``: step A of the same class, or B or C for a share (the
    review clock starts as if the hire had the service the step stands for, Cresap line 696); no special
    premium (A-PROJ-REPLACEMENT)."""
    home, pay, prm = ctx.home, ctx.pay, ctx.prm
    r, fam = home.row[p], home.family[p]
    u = ctx.draws[p, D_HIRE]
    s = 0
    if HIRE_AT_STEPS[fam]:
        if u < prm.hire_c and pay.n_steps[r] > 2:
            s = 2
        elif u < prm.hire_c + prm.hire_b and pay.n_steps[r] > 1:
            s = 1
    new.family[p] = fam
    new.row[p] = r
    new.step[p] = s
    if HIRE_PAY_FROM_HOME[fam]:  # no printed rates: the position's own step-A pay, 5 % a step (PCT_STEPS)
        rate = home.rate0[p]
        for _ in range(s if fam == PCT_STEPS else 0):
            rate = half_up(rate * 105, 100)
        new.rate[p] = rate
        new.unit[p] = home.unit0[p]
    else:
        new.rate[p], new.unit[p] = step_pay(pay.rates, pay.periods, r, s, ctx.staff.own_periods[p])
    new.owed[p] = 0
    new.prem_bp[p] = 0
    new.prem_add[p] = 0
    new.in_premium[p] = False
    new.top_since[p] = NEVER
    at = s + home.tt_offset[p]
    new.origin[p] = add_months(day, -pay.tt_months[home.tt[p], at])
    new.hire_day[p] = day
    new.birth_day[p] = day - prm.hire_age_days
    new.vacant_until[p] = NOT_VACANT
    if CLOCK[fam] == CLOCK_TIMETABLE:
        nxt = pay.tt_months[home.tt[p], at + 1] if at + 1 < pay.tt_months.shape[1] else 0
        new.next_day[p] = add_months(new.origin[p], nxt) if nxt > 0 else NEVER
    elif CLOCK[fam] == CLOCK_NONE:
        new.next_day[p] = NEVER
    else:
        new.next_day[p] = add_months(day, 12)


@njit(**JIT_OPTIONS)
def leaving(p, t, ctx, new, year):
    """Does the incumbent (in the position since day t of the year) leave in the year: (S_RETIRED / S_SEPARATED /
    S_ACTIVE, the day). Retirement if
    eligible under the plan's own terms or the regular age that every member has (a special plan is an earlier
    door, not a later one: A-PROJ-RETIREMENT); else another separation at the rate of the age band."""
    staff, prm, draws = ctx.staff, ctx.prm, ctx.draws
    age_days = year.fy_start - new.birth_day[p]
    service_days = year.fy_start - new.hire_day[p]
    eligible = (age_days >= staff.ret_min_age[p] and service_days >= staff.ret_min_service[p]) \
        or service_days >= staff.ret_any_age[p] or age_days >= prm.regular_age_days
    kind = S_ACTIVE
    if eligible and (draws[p, D_RETIRE] < prm.p_retire
                     or age_days >= prm.all_retire_days and draws[p, D_RETIRE] < prm.p_retire_all):
        kind = S_RETIRED
    elif draws[p, D_SEPARATE] < separation_rate(age_days / DAYS_PER_YEAR, prm.band_below, prm.band_rate):
        kind = S_SEPARATED
    return kind, year.fy_end if kind == S_ACTIVE else \
        max(t, year.fy_start + int(draws[p, D_SEP_DAY] * (year.fy_end - year.fy_start)))


@njit(**JIT_OPTIONS)
def copy_position(p, state, new):
    new.family[p] = state.family[p]
    new.row[p] = state.row[p]
    new.step[p] = state.step[p]
    new.rate[p] = state.rate[p]
    new.unit[p] = state.unit[p]
    new.owed[p] = state.owed[p]
    new.next_day[p] = state.next_day[p]
    new.top_since[p] = state.top_since[p]
    new.in_premium[p] = state.in_premium[p]
    new.origin[p] = state.origin[p]
    new.hire_day[p] = state.hire_day[p]
    new.birth_day[p] = state.birth_day[p]
    new.vacant_until[p] = state.vacant_until[p]
    new.prem_bp[p] = state.prem_bp[p]
    new.prem_add[p] = state.prem_add[p]


@njit(**JIT_OPTIONS)
def start_of_year(p, t, ctx, new, year):
    """What happens on the year's first day (or the hire's): the general increase, entry into the premium
    range, and what a group's limit left owed at placement (paid from the next year on, at most the limit a
    year; Schedule D's single rate pays its own on its review day). The rule code, or NO_RULE."""
    rule = NO_RULE
    if t != year.fy_start:
        return rule
    if ctx.pay.gi_bp[new.row[p]] != 0:
        general_increase(p, ctx, new)
        rule = R_GENERAL
    if ctx.flags.admitted[p]:
        rule = review_a.enter_premium(p, ctx, new)
    if new.owed[p] > 0 and new.family[p] != SINGLE_RATE and year.fy_start > year.implemented:
        pay_owed(p, ctx, new)
        rule = R_OWED_PAID
    return rule


@njit(**JIT_OPTIONS)
def advance_one(p, state, status_prev, draws, pay, home, staff, prm, flags, year, new, out):
    """Position p's year (see the module's docstring), written into ``new`` and ``out``; returns its part of
    the totals: (cash, annual cost, turnover saving, head, retired, separated, hired)."""
    ctx = Ctx(draws, pay, home, staff, prm, flags)
    copy_position(p, state, new)
    out.status[p] = S_ACTIVE
    out.rule[p] = R_NONE
    out.turnover_saving[p] = 0
    out.hired[p] = 0
    year_days = year.fy_end - year.fy_start
    t = year.fy_start
    cash = 0
    # a vacancy that runs into the year (or ends on its first day): the position is filled when it ends
    if new.vacant_until[p] >= t:
        fill = new.vacant_until[p]
        if fill >= year.fy_end:
            out.status[p] = S_VACANT
            out.annual_end[p] = 0
            out.annual_cost[p] = 0
            out.cash[p] = 0
            return 0, 0, 0, 0, 0, 0, 0
        t = fill
        out.status[p] = S_REPLACEMENT
        out.rule[p] = R_HIRED
        out.hired[p] += 1
        hire(p, fill, ctx, new)
    elif status_prev[p] == S_REPLACEMENT:
        out.status[p] = S_REPLACEMENT
    rule = start_of_year(p, t, ctx, new, year)
    if rule != NO_RULE:
        out.rule[p] = rule
    sep_kind, sep_day = leaving(p, t, ctx, new, year)
    # pay changes on their own dates until the separation (or the year's end)
    while new.next_day[p] < sep_day and new.family[p] != FLAT:
        d = max(new.next_day[p], t)
        cash += cash_between(pay_annual(new.rate[p], new.unit[p], new.prem_bp[p], new.prem_add[p]), staff.fte_k[p],
                             t, d, year_days)
        t = d
        rule = progress(p, d, ctx, new)
        if rule != NO_RULE:
            out.rule[p] = rule
    # the rest of the year, to the separation or the year's end
    cash += cash_between(pay_annual(new.rate[p], new.unit[p], new.prem_bp[p], new.prem_add[p]), staff.fte_k[p], t,
                         sep_day, year_days)
    if sep_kind != S_ACTIVE:
        cash += vacate(p, sep_kind, sep_day, ctx, new, out, year)
    else:
        out.annual_end[p] = pay_annual(new.rate[p], new.unit[p], new.prem_bp[p], new.prem_add[p])
    out.cash[p] = cash
    out.annual_cost[p] = half_up(out.annual_end[p] * staff.fte_k[p], 1000)
    return (cash, out.annual_cost[p], out.turnover_saving[p], 1 if out.annual_end[p] > 0 else 0,
            1 if sep_kind == S_RETIRED else 0, 1 if sep_kind == S_SEPARATED else 0, int(out.hired[p]))


@njit(**JIT_OPTIONS)
def vacate(p, sep_kind, sep_day, ctx, new, out, year):
    """The incumbent leaves on ``sep_day``: the position is vacant, and refilled if the vacancy ends within the
    year. Returns the replacement's cash in the year; writes the status, the saving and the year-end rate."""
    out.status[p] = sep_kind
    leaver = pay_annual(new.rate[p], new.unit[p], new.prem_bp[p], new.prem_add[p])
    out.turnover_saving[p] = leaver  # completed below when the refill is known
    new.vacant_until[p] = sep_day + ctx.prm.vacancy_days
    if new.vacant_until[p] >= year.fy_end:
        out.turnover_saving[p] -= ctx.home.rate0[p] * ctx.home.unit0[p]
        out.annual_end[p] = 0
        return 0
    fill = new.vacant_until[p]
    hire(p, fill, ctx, new)
    out.hired[p] += 1
    hired_pay = pay_annual(new.rate[p], new.unit[p], new.prem_bp[p], new.prem_add[p])
    out.turnover_saving[p] -= hired_pay
    out.annual_end[p] = hired_pay
    return cash_between(hired_pay, ctx.staff.fte_k[p], fill, year.fy_end, year.fy_end - year.fy_start)


@njit(**PARALLEL_OPTIONS)
def advance_year(state, status_prev, draws, pay, home, staff, prm, flags, year, new, out, totals):
    """One fiscal year of one branch: read ``state`` (State, the start of the year) and ``status_prev`` (last
    year's status per position), write ``new`` (State, its end), ``out`` (Out) and ``totals`` (T_*: the year's
    sums; headcount at the year's end = last year's + hires - leavers). Also read: the draws, the pay rows of
    the year (Pay), the home rows (Home), the staff facts (Staff), the parameters (Params) and year_budgets'
    flags (Flags). (Numba's parallel loop takes no tuple of tuples: the per-position function groups them.)

    Each position's year depends only on its own state, its draws and its flags, so the loop over positions may
    run on any slice of the arrays (the analyst's row-by-row peer in benchmarks/ does just that)."""
    t_cash = t_cost = t_saving = t_head = t_retired = t_separated = t_hired = 0
    for p in prange(state.family.shape[0]):  # positions are independent: split over the cores
        cash, cost, saving, head, retired, separated, hired = advance_one(p, state, status_prev, draws, pay, home,
                                                                          staff, prm, flags, year, new, out)
        t_cash += cash
        t_cost += cost
        t_saving += saving
        t_head += head
        t_retired += retired
        t_separated += separated
        t_hired += hired
    totals[T_CASH] = t_cash
    totals[T_ANNUAL_COST] = t_cost
    totals[T_TURNOVER_SAVING] = t_saving
    totals[T_HEADCOUNT] = t_head
    totals[T_RETIREMENTS] = t_retired
    totals[T_SEPARATIONS] = t_separated
    totals[T_HIRES] = t_hired


@njit(**PARALLEL_OPTIONS)
def step_codes(row, step, code, out):
    """out[p] = code[row[p], step[p]], the code of the step's name; -1 off-step (step < 0)."""
    for p in prange(row.shape[0]):
        out[p] = code[row[p], step[p]] if step[p] >= 0 else -1
