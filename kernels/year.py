"""One fiscal year of one branch (baseline or reform) for every position: the kernels the projection calls.

Each year, ``year_budgets`` sets the group budgets (Hay merit money, the premium range's quotas) and flags who
is funded or admitted; then ``advance_year`` reads the state at the start of the year and writes a new state for
its end (the old state is not changed), the cash paid in the year (prorated by day), the annual rate at its end
and the year's totals. Inputs and outputs are grouped by name (kernels/state.py); random draws are passed in.

A position's year, in order (``advance_range``): start from last year's state; a vacancy that ends in the year is
filled by a replacement (``hire``); at the year's start, the general increase, entry into the premium range and
what a group's limit left owed; a retirement or separation drawn for the year; the pay changes of its
progression family on their own days (kernels/progression) and a promotion on its day (kernels/promotion.py);
the rest of the year; overtime on the year's pay (kernels/overtime.py); a leaver's position vacant, and refilled
if the vacancy ends within the year.
"""

import numpy as np
from numba import njit, prange

from kernels import slices
from kernels.benefits import position_benefits
from kernels.calendar import DAYS_PER_YEAR, NEVER, NOT_VACANT, add_months
from kernels.config import INLINE_OPTIONS, JIT_OPTIONS, PARALLEL_OPTIONS
from kernels.overtime import OT_NONE, multiplier_tenths, overtime_pay
from kernels.progression import (
    CLOCK,
    GI_CAP_AT_TOP,
    GI_ON_STEP,
    HAY_MERIT,
    HIRE_AT_STEPS,
    HIRE_PAY_FROM_HOME,
    MERIT_MATRIX,
    PCT_STEPS,
    REVIEW_A,
    SINGLE_RATE,
    TEACHER,
    hay_merit,
    merit_matrix,
    progress,
    review_a,
)
from kernels.progression._base import CLOCK_NONE, CLOCK_TIMETABLE
from kernels.promotion import promote, promotion_day, reclassified
from kernels.rules._base import half_up
from kernels.state import (
    D_HIRE,
    D_PERF,
    D_RANK,
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
    S_ABOLISHED,
    S_ACTIVE,
    S_REPLACEMENT,
    S_RETIRED,
    S_SEPARATED,
    S_VACANT,
    T_ANNUAL_COST,
    T_CASH,
    T_FTE,
    T_HEADCOUNT,
    T_HIRES,
    T_OVERTIME,
    T_OVERTIME_ANNUAL,
    T_RETIREMENTS,
    T_SEPARATIONS,
    T_TURNOVER_SAVING,
    Who,
    annual_step,
    own_step,
    pay_annual,
    step_pay,
)

assert N_TOTALS == 10


@njit(**JIT_OPTIONS)
def cash_between(rate_annual, fte_k, start, end, year_days):
    """Cash paid at an annual rate over [start, end) days, fte in thousandths, rounded half up."""
    if end <= start or rate_annual <= 0:
        return 0
    if end - start == year_days:  # the whole year: the same number, by a constant divisor (much faster)
        return half_up(rate_annual * fte_k, 1000)
    return half_up(rate_annual * fte_k * (end - start), 1000 * year_days)


@njit(**INLINE_OPTIONS)
def separation_rate(age_years, service_years, bands):
    """The separation rate a year of the first band whose bounds (age, service) both lie above the person's; 0
    past every band."""
    for j in range(bands.below.shape[0]):
        if age_years < bands.below[j] and service_years < bands.below_service[j]:
            return bands.rate[j]
    return 0.0


@njit(**INLINE_OPTIONS)
def eligible(plan, hire_day, age_days, service_days, bands):
    """May the person retire: the tier of their plan their hire day falls in (the last for a replacement) opens
    a door (simulator/retirement.py); no plan, no door."""
    if plan < 0:
        return False
    tiers = bands.tiers
    k = bands.plan_first[plan]
    last = bands.plan_first[plan + 1] - 1
    while k < last and hire_day >= tiers[k, 0]:
        k += 1
    return (age_days >= tiers[k, 1] or (age_days >= tiers[k, 2] and service_days >= tiers[k, 3])
            or service_days >= tiers[k, 4] or age_days + service_days >= tiers[k, 5])


@njit(**JIT_OPTIONS)
def year_budgets(state, staff, pay, draws, year, prm, budgets, flags):
    """The year's Hay merit budgets (``budgets``, written) and the flags per position (``flags``, written):
    merit money granted, premium range entered. Each group's headcount and payroll (at its fte: "Agency
    payroll", Hay line 976) from the state at the start of the year (a position a reduction in force abolishes
    in the year counted for the part of it before, ``rif_pro_rata``), then each family's own rules."""
    n_groups = budgets.budget.shape[0]
    head = np.zeros(n_groups, np.int64)
    payroll = np.zeros(n_groups, np.int64)
    for p in range(state.family.shape[0]):
        if state.vacant_until[p] >= year.fy_start:  # vacant, or refilled on the year's first day by a new hire
            continue
        g = staff.group[p]
        head[g] += 1
        annual = half_up(pay_annual(state.rate[p], state.unit[p], state.prem_bp[p], state.prem_add[p])
                         * staff.fte_k[p], 1000)
        gone = flags.abolish_day[p]
        if gone < year.fy_end and prm.rif_pro_rata:  # "recalculated, pro rata for that budget year" (line 982)
            annual = annual * (max(gone, year.fy_start) - year.fy_start) // (year.fy_end - year.fy_start)
        payroll[g] += annual
    hay_merit.budgets(HAY_MERIT, state, staff, pay, draws, year, prm, head, payroll, budgets, flags.funded)
    review_a.admissions(REVIEW_A, state, staff, pay, draws, year, prm, head, flags.admitted)


@njit(**INLINE_OPTIONS)
def general_increase(p, own, pay, new):
    """The year's general increase for position p (pay rows already raised), and what is still owed raised with
    it: the pay the owed amount leads to (the pay plus the owed) rises by the year's percentage, half up to the
    cent in the row's own basis as the rates do (a weekly row's target by the week), so that a Schedule D salary
    still reaches its single rate, the increases bringing salaries "into line with the proposals" (Cresap lines
    538, 649; A-PROJ-OWED)."""
    target = new.rate[p] * new.unit[p] + new.owed[p] if new.owed[p] > 0 else 0
    raise_pay(p, own, pay, new)
    if target > 0:
        r = new.row[p]
        per = pay.periods[r] if target % pay.periods[r] == 0 else 1
        raised = half_up(target // per * (10000 + pay.gi_bp[r]), 10000) * per
        new.owed[p] = max(0, raised - new.rate[p] * new.unit[p])


@njit(**INLINE_OPTIONS)
def raise_pay(p, own, pay, new):
    """Position p's pay raised by the year's general increase: on a step, the step's new rate ("precisely the
    same as the increase in the step occupied", Hay line 946); off-step, the percentage. On Hay's schedules no
    salary goes beyond step Y (line 948), and no increase cuts pay."""
    r, fam = new.row[p], new.family[p]
    if new.step[p] >= 0 and GI_ON_STEP[fam]:
        new.rate[p], new.unit[p] = step_pay(pay.rates, pay.periods, r, new.step[p], own)
        return
    raised = half_up(new.rate[p] * (10000 + pay.gi_bp[r]), 10000)
    if GI_CAP_AT_TOP[fam]:
        top = pay.n_steps[r] - 1
        y_annual = pay.rates[r, top] * pay.periods[r]
        if raised * new.unit[p] > y_annual:
            if new.rate[p] * new.unit[p] < y_annual:  # raised to step Y, not beyond
                new.rate[p], new.unit[p] = step_pay(pay.rates, pay.periods, r, top, own)
                new.step[p] = top
            return  # already at or above Y: no increase
    new.rate[p] = raised


@njit(**INLINE_OPTIONS)
def pay_owed(p, own, limit_amount, limit_bp, pay, new):
    """Pay position p what a group's limit left owed, at most the limit (an amount and / or a share of the
    present pay, in the pay's own unit); a pay that lands on a step takes the step, else it is kept in the
    person's own unit (a year where not whole)."""
    r = new.row[p]
    cur = new.rate[p] * new.unit[p]
    by_amount = limit_amount if limit_amount != NO_LIMIT else new.owed[p]
    by_pct = half_up(new.rate[p] * limit_bp, 10000) * new.unit[p] if limit_bp != NO_LIMIT else new.owed[p]
    paid = min(new.owed[p], by_amount, by_pct)
    new.owed[p] -= paid
    raised = cur + paid
    s = own_step(pay.rates, pay.periods, pay.n_steps, r, raised, own)
    new.step[p] = s
    if s >= 0:
        new.rate[p], new.unit[p] = step_pay(pay.rates, pay.periods, r, s, own)
    elif raised % own == 0:
        new.rate[p], new.unit[p] = raised // own, own
    else:
        new.rate[p], new.unit[p] = raised, 1


@njit(**INLINE_OPTIONS)
def hire(p, day, u, own, home, pay, prm, new):
    """A replacement enters the position at ``day`` (``u`` its hiring draw): step A of the same class, or B or C
    for a share (the review clock starts as if the hire had the service the step stands for, Cresap line 696);
    no special premium (A-PROJ-REPLACEMENT). Hired at the row's first step, the first increase comes after the
    timetable's first interval ("Step B - Six months after employment", lines 675-676) whatever that step's
    letter: a row that starts at C (grade 1 of 1966) reaches D six months after the hire, not a year. The
    hiring rules a scenario turns on (A-PROJ-HIRING): trainees "up to 10 per cent below the minimum", raised to it
    at the end of probation (line 667); hires into a range "up to the midpoint" (line 661); a teacher's years of
    experience credited on the scale (line 663)."""
    r, fam = home.row[p], home.family[p]
    n = pay.n_steps[r]
    s = 0
    trainee = False
    if HIRE_AT_STEPS[fam]:
        if u < prm.hire_c and n > 2:
            s = 2
        elif u < prm.hire_c + prm.hire_b and n > 1:
            s = 1
        elif u >= 1.0 - prm.hire_trainee and CLOCK[fam] == CLOCK_TIMETABLE and not HIRE_PAY_FROM_HOME[fam]:
            trainee = True
    if fam == TEACHER and prm.teacher_years > 0:
        s = min(prm.teacher_years, n - 1)
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
        new.rate[p], new.unit[p] = step_pay(pay.rates, pay.periods, r, s, own)
        if fam == MERIT_MATRIX and u < prm.hire_mid:
            hire_at_midpoint(p, r, own, pay, new)
    if trainee:  # below the minimum, off the steps, until probation ends
        new.rate[p] = half_up(new.rate[p] * (10000 - prm.trainee_bp), 10000)
        new.step[p] = -1
    new.owed[p] = 0
    new.prem_bp[p] = 0
    new.prem_add[p] = 0
    new.in_premium[p] = False
    new.top_since[p] = NEVER
    new.hire_day[p] = day
    new.birth_day[p] = day - prm.hire_age_days
    new.vacant_until[p] = NOT_VACANT
    new.origin[p] = day
    new.next_day[p] = NEVER if CLOCK[fam] == CLOCK_NONE else add_months(day, 12)
    if CLOCK[fam] == CLOCK_TIMETABLE:
        hire_clock(p, day, s, trainee, home, pay, prm, new)


@njit(**INLINE_OPTIONS)
def hire_clock(p, day, s, trainee, home, pay, prm, new):
    """A timetable hire's review clock: the service the step stands for (hired at B or C); at the row's first
    step, the first increase after the timetable's first interval; a trainee, the same from the end of probation
    (reached the minimum then)."""
    tt, at = home.tt[p], s + home.tt_offset[p]
    width = pay.tt_months.shape[1]
    if at + 1 >= width:
        new.origin[p] = add_months(day, -pay.tt_months[tt, min(at, width - 1)])
        new.next_day[p] = NEVER
        return
    if s > 0:
        new.origin[p] = add_months(day, -pay.tt_months[tt, at])
    else:  # set so that the next step falls the first interval after the hire (or after probation)
        wait = prm.probation_months if trainee else 0
        new.origin[p] = add_months(day, wait + pay.tt_months[tt, 1] - pay.tt_months[tt, at + 1])
    nxt = pay.tt_months[tt, at + 1]
    new.next_day[p] = add_months(new.origin[p], nxt) if nxt > 0 else NEVER
    if trainee:
        new.next_day[p] = add_months(day, prm.probation_months)


@njit(**INLINE_OPTIONS)
def hire_at_midpoint(p, r, own, pay, new):
    """A hire into a range at its midpoint (Cresap line 661: "up to the midpoint of Schedule B"), the point the
    merit guidelines use (kernels/progression/merit_matrix.py); on a step where one pays it."""
    mid = merit_matrix.range_points(pay, r)[1]
    s = annual_step(pay.rates, pay.periods, pay.n_steps, r, mid)
    new.step[p] = s
    if s >= 0:
        new.rate[p], new.unit[p] = step_pay(pay.rates, pay.periods, r, s, own)
    else:
        new.rate[p], new.unit[p] = mid, 1


@njit(**INLINE_OPTIONS)
def leaving(u_retire, u_separate, u_day, age_days, service_days, plan, hire_day, t, year, prm, bands):
    """Does the incumbent (in the position since day t of the year) leave in the year: (S_RETIRED / S_SEPARATED /
    S_ACTIVE, the day). Retirement if eligible under their plan's tier (``eligible``), at the rate a year once
    eligible; else another separation at the rate of the band of their age and service."""
    kind = S_ACTIVE
    # the draw first: most years it says no, and the plan's tier need not be looked up
    if (u_retire < prm.p_retire or age_days >= prm.all_retire_days and u_retire < prm.p_retire_all) and eligible(
            plan, hire_day, age_days, service_days, bands):
        kind = S_RETIRED
    elif u_separate < separation_rate(age_days / DAYS_PER_YEAR, service_days / DAYS_PER_YEAR, bands):
        kind = S_SEPARATED
    if kind == S_ACTIVE:
        return kind, year.fy_end
    return kind, max(t, year.fy_start + int(u_day * (year.fy_end - year.fy_start)))


def advance_year(state, status_prev, draws, pay, home, staff, prm, bands, items, flags, year, new, out, totals):
    """One fiscal year of one branch: read ``state`` (State, the start of the year) and ``status_prev`` (last
    year's status per position), write ``new`` (State, its end), ``out`` (Out) and ``totals`` (T_*: the year's
    sums, headcount at the year's end = last year's + hires - leavers; then from N_TOTALS each benefit item's
    sums on the cash and on the annual cost). Also read: the draws, the pay rows of the year (Pay), the home rows
    (Home), the staff facts (Staff), the parameters (Params), who may leave (Bands), the employer's benefit items
    (kernels/benefits.py Items) and year_budgets' flags (Flags).

    A position's year, in order: start from last year's state; a vacancy that ends in the year is filled by a
    replacement (``hire``); at the year's start, the general increase, entry into the premium range and what a
    group's limit left owed; a retirement or separation drawn for the year (``leaving``); the pay changes of its
    progression family on their own days (kernels/progression ``progress``) and a promotion on its day
    (kernels/promotion.py); the rest of the year; overtime on the year's pay (kernels/overtime.py); a leaver's
    position vacant, and refilled if the vacancy ends within the year.

    The positions are split into slices (``advance_range``, compiled, releasing the GIL): inside a slice the
    per-position steps are inlined and the groups' arrays are read without a reference count per position (a
    parallel loop calling them per position ran 2.5x slower). The slices run on the calling thread and a pool of
    Numba's number of threads less one (kernels/slices.py), each taking the next slice when it is done, so that a
    core another program keeps busy does its share and no more (a prange split the slices evenly between the
    threads, and compiling it took a fifth of the engine's first compile). Each position's year depends only on
    its own state, its draws and its flags, so the loop may run on any slice of the arrays (the analyst's
    row-by-row peer in benchmarks/ does just that); the integer sums are exact in any order."""
    n = state.family.shape[0]
    count = slices.n_slices(n)
    partial = np.zeros((count, totals.shape[0]), np.int64)

    def one(c, lo, hi):
        advance_range(lo, hi, state, status_prev, draws, pay, home, staff, prm, bands, items, flags, year, new, out,
                      partial[c])

    slices.run(n, count, one)
    totals[:] = partial.sum(axis=0)


@njit(**PARALLEL_OPTIONS)  # no prange inside: Numba's parallel passes make the position's year 2.5x faster
def advance_range(lo, hi, state, status_prev, draws, pay, home, staff, prm, bands, items, flags, year, new, out,
                  totals):
    """advance_year for positions lo..hi-1, adding the slice's sums to ``totals``."""
    o_status, o_rule, o_cash, o_annual_end = out.status, out.rule, out.cash, out.annual_end
    o_annual_cost, o_saving, o_hired = out.annual_cost, out.turnover_saving, out.hired
    fte_k, own_periods, limit_amount, limit_bp = staff.fte_k, staff.own_periods, staff.limit_amount, staff.limit_bp
    funded, admitted, gi_bp = flags.funded, flags.admitted, pay.gi_bp
    n_vacancy = prm.vacancy_days
    year_days = year.days  # the whole fiscal year's: a first year cut short by the effective date pays its share
    t_cash = t_cost = t_saving = t_head = t_retired = t_separated = t_hired = t_fte = t_ot = t_ot_annual = 0
    for p in range(lo, hi):
        copy_position(p, state, new)  # each year produces a new state from the last: start from the old one
        own = own_periods[p]
        o_status[p] = S_ACTIVE
        o_rule[p] = R_NONE
        o_saving[p] = 0
        o_hired[p] = 0
        t = year.fy_start
        cash = 0
        # a vacancy that runs into the year (or ends on its first day): the position is filled when it ends
        if new.vacant_until[p] >= t:
            fill = new.vacant_until[p]
            if fill >= year.fy_end:
                o_status[p] = S_ABOLISHED if fill == NEVER else S_VACANT
                o_annual_end[p] = 0
                o_annual_cost[p] = 0
                o_cash[p] = 0
                out.benefit_cash[p] = 0
                out.benefit_annual[p] = 0
                continue
            t = fill
            o_status[p] = S_REPLACEMENT
            o_rule[p] = R_HIRED
            o_hired[p] += 1
            hire(p, fill, draws[p, D_HIRE], own, home, pay, prm, new)
        elif status_prev[p] == S_REPLACEMENT:
            o_status[p] = S_REPLACEMENT
        # the year's first day: the general increase, entry into the premium range, what a group's limit left
        # owed at placement (from the next year on, at most the limit a year; Schedule D's single rate pays its
        # own on its review day)
        if t == year.fy_start:
            if gi_bp[new.row[p]] != 0:
                general_increase(p, own, pay, new)
                o_rule[p] = R_GENERAL
            if prm.moves and admitted[p]:
                o_rule[p] = review_a.enter_premium(p, Who(0.0, 0, 0, own, False), pay, prm, new)
            if new.owed[p] > 0 and new.family[p] != SINGLE_RATE and year.fy_start > year.implemented:
                pay_owed(p, own, limit_amount[p], limit_bp[p], pay, new)
                o_rule[p] = R_OWED_PAID
        paid_from = t
        sep_kind, sep_day = leaving(draws[p, D_RETIRE], draws[p, D_SEPARATE], draws[p, D_SEP_DAY],
                                    year.fy_start - new.birth_day[p], year.fy_start - new.hire_day[p],
                                    staff.plan[p], new.hire_day[p], t, year, prm, bands)
        if t <= flags.abolish_day[p] < sep_day:  # a reduction in force: the holder leaves, the post is abolished
            sep_kind, sep_day = S_ABOLISHED, flags.abolish_day[p]
        # pay changes on their own dates until the separation (or the year's end), and a promotion on its day
        who = Who(draws[p, D_PERF], home.tt[p], home.tt_offset[p], own, funded[p])
        promo = NEVER
        if (prm.p_promote > 0.0 or prm.p_reclass > 0.0) and prm.moves:  # (off unless set: no draw read)
            promo = promotion_day(draws[p, D_RANK], draws[p, D_HIRE], prm.p_promote, prm.p_reclass, year.fy_start,
                                  year.fy_end)
            promo = promo if promo >= t else NEVER  # not before the holder is in post
        while True:
            # (without movement, the cost bridge's first parts, a single rate still pays what placement left owed)
            steps = new.family[p] != FLAT and (prm.moves or new.family[p] == SINGLE_RATE)
            nd = new.next_day[p] if steps else NEVER
            if min(nd, promo) >= sep_day:
                break
            d = max(min(nd, promo), t)
            cash += cash_between(pay_annual(new.rate[p], new.unit[p], new.prem_bp[p], new.prem_add[p]), fte_k[p],
                                 t, d, year_days)
            t = d
            if promo <= nd:
                rule = promote(p, d, own, pay, new, reclassified(draws[p, D_RANK], draws[p, D_HIRE], prm.p_promote))
                promo = NEVER
            else:
                rule = progress(p, d, who, pay, prm, new)
            if rule != NO_RULE:
                o_rule[p] = rule
        # the rest of the year, to the separation or the year's end
        paid_days = sep_day - paid_from  # the days someone is paid in the position (the benefits per FTE)
        pay_now = pay_annual(new.rate[p], new.unit[p], new.prem_bp[p], new.prem_add[p])
        cash += cash_between(pay_now, fte_k[p], t, sep_day, year_days)
        if sep_kind == S_ABOLISHED:  # never refilled (its pay is no turnover saving)
            o_status[p] = S_ABOLISHED
            new.vacant_until[p] = NEVER
            o_annual_end[p] = 0
        elif sep_kind != S_ACTIVE:  # vacant; refilled if the vacancy ends within the year
            o_status[p] = sep_kind
            o_saving[p] = pay_now  # completed below when the refill is known
            new.vacant_until[p] = sep_day + n_vacancy
            if new.vacant_until[p] < year.fy_end:
                fill = new.vacant_until[p]
                hire(p, fill, draws[p, D_HIRE], own, home, pay, prm, new)
                o_hired[p] += 1
                hired_pay = pay_annual(new.rate[p], new.unit[p], new.prem_bp[p], new.prem_add[p])
                cash += cash_between(hired_pay, fte_k[p], fill, year.fy_end, year_days)
                paid_days += year.fy_end - fill
                o_saving[p] -= hired_pay
                o_annual_end[p] = hired_pay
            else:
                o_saving[p] -= home.rate0[p] * home.unit0[p]
                o_annual_end[p] = 0
        else:
            o_annual_end[p] = pay_now
        o_annual_cost[p] = half_up(o_annual_end[p] * fte_k[p], 1000)
        if staff.ot_hours_c[p] > 0 and home.ot_rule[p] != OT_NONE:  # pay for regular hours over 40 a week
            tenths = multiplier_tenths(home.ot_rule[p], new.rate[p] * new.unit[p], fte_k[p], prm.ot_low, prm.ot_high)
            ot_cash = overtime_pay(cash, staff.ot_hours_c[p], tenths)
            ot_annual = overtime_pay(o_annual_cost[p], staff.ot_hours_c[p], tenths)
            cash += ot_cash
            o_annual_cost[p] += ot_annual
            t_ot += ot_cash
            t_ot_annual += ot_annual
        o_cash[p] = cash
        out.benefit_cash[p], out.benefit_annual[p] = position_benefits(
            cash, o_annual_cost[p], paid_days, fte_k[p], staff.benefit_class[p], items, year_days, totals, N_TOTALS)
        # the year's totals (a vacant position adds nothing to them)
        t_cash += cash
        t_cost += o_annual_cost[p]
        t_saving += o_saving[p]
        t_head += 1 if o_annual_end[p] > 0 else 0
        t_fte += fte_k[p] if o_annual_end[p] > 0 else 0
        t_retired += 1 if sep_kind == S_RETIRED else 0
        t_separated += 1 if sep_kind == S_SEPARATED else 0
        t_hired += np.int64(o_hired[p])
    totals[T_CASH] += t_cash
    totals[T_ANNUAL_COST] += t_cost
    totals[T_TURNOVER_SAVING] += t_saving
    totals[T_HEADCOUNT] += t_head
    totals[T_RETIREMENTS] += t_retired
    totals[T_SEPARATIONS] += t_separated
    totals[T_HIRES] += t_hired
    totals[T_FTE] += t_fte
    totals[T_OVERTIME] += t_ot
    totals[T_OVERTIME_ANNUAL] += t_ot_annual


@njit(**INLINE_OPTIONS)
def copy_position(p, state, new):
    """Position p of ``new`` set from ``state``, field by field."""
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


@njit(**PARALLEL_OPTIONS)
def step_codes(row, step, code, out):
    """out[p] = code[row[p], step[p]], the code of the step's name; -1 off-step (step < 0)."""
    for p in prange(row.shape[0]):
        out[p] = code[row[p], step[p]] if step[p] >= 0 else -1
