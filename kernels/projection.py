"""Projection kernels: one fiscal year of one branch (baseline or reform) for every position.

A *position* holds an incumbent; when the incumbent retires or separates the position is vacant for a
while and then refilled by a replacement, who progresses in turn. Each year, ``year_budgets`` sets the
group budgets (Hay merit money, the premium range's quotas) and flags who is funded or admitted; then
``advance_year`` reads the state at the start of the year and writes a new state for its end (the old
state is not mutated), the cash paid in the year (prorated by day), the annual rate at its end and the
year's totals. Random draws are passed in: ``draws[p, k]`` for position p, with columns D_* below.

Money is int64 cents. A position's pay is an amount ``rate`` in a ``unit`` of periods a year (2080 an hour,
52 a week, 1 a year), exact as the rule that set it: a step's rate in its row's basis (an hourly person on a
weekly row: the weekly rate / 40 to the cent, Cresap line 613), or a kept or computed amount in its own unit.
Annual pay is rate x unit, plus any special premium (a share in basis points and an amount a year, Cresap lines
786-803). fte is in thousandths so that cost stays in integers.
"""

import numpy as np
from numba import njit, prange

from kernels.config import JIT_OPTIONS, PARALLEL_OPTIONS
from kernels.rules._base import half_up

# progression families
FLAT = 0  # no progression (unclassified service on the 1966 plan)
TIMETABLE = 1  # automatic steps by months of service (the 1966 plan; Cresap lines 671-684)
REVIEW_A = 2  # Cresap Schedule A: reviews on the timetable, denial / two steps, premium range
MERIT_MATRIX = 3  # Schedule B and open ranges: % by rating x position in range, never past the maximum
TEACHER = 4  # Schedule C: one increment a year, two for outstanding, none for unsatisfactory
SINGLE_RATE = 5  # Schedule D: the owed part of the single rate, at most max_raise a year
HAY_MERIT = 6  # Hay Schedule I / Ia: annual merit step within an agency merit budget
PCT_STEPS = 7  # old plan without printed rates (4/74, highway): a step on the timetable raises pay 5 %
TEACHER_SCALED = 8  # the present teacher plan (not printed): Schedule C's steps, scaled to the teacher's pay

# draw columns
D_SEP_DAY, D_RETIRE, D_SEPARATE, D_PERF, D_RANK, D_HIRE = 0, 1, 2, 3, 4, 5
N_DRAWS = 6

# status in the year
S_ACTIVE, S_RETIRED, S_SEPARATED, S_REPLACEMENT, S_VACANT = 0, 1, 2, 3, 4
# the rule that changed pay in the year (the last one, if several)
(
    R_NONE,
    R_STEP,
    R_TWO_STEPS,
    R_DENIED,
    R_PREMIUM,
    R_MERIT_PCT,
    R_OWED_PAID,
    R_GENERAL,
    R_HIRED,
    R_MERIT_STEP,
    R_MERIT_NOT_FUNDED,
) = range(11)

# the year's totals
T_CASH, T_ANNUAL_COST, T_HEADCOUNT, T_RETIREMENTS, T_SEPARATIONS, T_TURNOVER_SAVING, T_HIRES = range(7)
N_TOTALS = 7

DAYS_PER_MONTH = 30.4375
NEVER = 1 << 40  # a day that never comes
NO_LIMIT = -1  # no limit on a raise
REGULAR_AGE_DAYS = 60 * 36525 // 100  # the regular plan's unreduced retirement age, 60 (Hay line 451)
NOT_VACANT = -(1 << 40)  # vacant until a day long past (days count from 1970, so 1967 is negative)


@njit(**JIT_OPTIONS)
def rank_order(draws, candidates):
    """The order of ``candidates`` (position numbers, ascending) by their rank draw, ties by position: the
    same order as a stable argsort. The draws are uniform on [0, 1), so a bucket sort (one bucket per
    candidate, then insertion sort inside each bucket) does it in expected linear time."""
    m = candidates.shape[0]
    keys = np.empty(m, np.float64)  # the rank draws (uniform on [0, 1)), not money
    bucket = np.empty(m, np.int64)
    end = np.zeros(m + 1, np.int64)
    for i in range(m):
        keys[i] = draws[candidates[i], D_RANK]
        bucket[i] = min(max(int(keys[i] * m), 0), m - 1)
        end[bucket[i] + 1] += 1
    for j in range(m):
        end[j + 1] += end[j]  # now the start of each bucket
    order = np.empty(m, np.int64)
    for i in range(m):
        order[end[bucket[i]]] = i
        end[bucket[i]] += 1  # ends as the end of the bucket
    lo = 0
    for j in range(m):
        hi = end[j]
        for x in range(lo + 1, hi):
            v = order[x]
            y = x - 1
            while y >= lo and keys[order[y]] > keys[v]:
                order[y + 1] = order[y]
                y -= 1
            order[y + 1] = v
        lo = hi
    return order


@njit(**JIT_OPTIONS)
def civil_from_days(z):
    """Days since 1970-01-01 -> (year, month, day); H. Hinnant's algorithm."""
    z += 719468
    era = (z if z >= 0 else z - 146096) // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    return (y + 1 if m <= 2 else y), m, d


@njit(**JIT_OPTIONS)
def days_from_civil(y, m, d):
    y -= 1 if m <= 2 else 0
    era = (y if y >= 0 else y - 399) // 400
    yoe = y - era * 400
    mp = m - 3 if m > 2 else m + 9
    doy = (153 * mp + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


@njit(**JIT_OPTIONS)
def add_months(day, months):
    """The same day of the month ``months`` later (clamped to the month's end), on the calendar."""
    if day >= NEVER or day <= NOT_VACANT:
        return day
    y, m, d = civil_from_days(day)
    total = y * 12 + (m - 1) + months
    y2 = total // 12
    m2 = total % 12 + 1
    if d <= 28:  # every month has the day
        return days_from_civil(y2, m2, d)
    last = days_from_civil(y2 + (1 if m2 == 12 else 0), 1 if m2 == 12 else m2 + 1, 1) - days_from_civil(y2, m2, 1)
    return days_from_civil(y2, m2, min(d, last))


@njit(**JIT_OPTIONS)
def cash_between(rate_annual, fte_k, start, end, year_days):
    """Cash paid at an annual rate over [start, end) days, fte in thousandths, rounded half up."""
    if end <= start or rate_annual <= 0:
        return 0
    if end - start == year_days:  # the whole year: the same number, by a constant divisor (much faster)
        return half_up(rate_annual * fte_k, 1000)
    return half_up(rate_annual * fte_k * (end - start), 1000 * year_days)


@njit(**JIT_OPTIONS)
def merit_pct_bp(rating, position):
    """Cresap's merit guideline matrix (lines 706-714), 'up to' percentages in basis points.
    rating 0 outstanding, 1 fully adequate, 2 acceptable, 3 unsatisfactory; position 0 lower half,
    1 third quartile, 2 fourth quartile."""
    table = ((800, 600, 500), (600, 400, 300), (300, 200, 0), (0, 0, 0))
    return table[rating][position]


@njit(**JIT_OPTIONS)
def rating_of(u, p_outstanding, p_fully, p_acceptable):
    if u < p_outstanding:
        return 0
    if u < p_outstanding + p_fully:
        return 1
    if u < p_outstanding + p_fully + p_acceptable:
        return 2
    return 3


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
def pay_annual(rate, unit, prem_bp, prem_add):
    """Annual pay: the amount times its periods, plus any special premium (half up to the cent)."""
    base = rate * unit
    return base + half_up(base * prem_bp, 10000) + prem_add


@njit(**JIT_OPTIONS)
def step_pay(rates, periods, r, s, own_periods):
    """(amount, unit) of step s of row r: the step's rate in its row's basis; for an hourly person on a weekly
    row, the weekly rate / 40 to the cent, "for future use in computing earnings" (Cresap line 613)."""
    if own_periods == 2080 and periods[r] == 52:
        return half_up(rates[r, s], 40), 2080
    return rates[r, s], periods[r]


@njit(**JIT_OPTIONS)
def steps_at_or_below(rates, periods, n_steps, r, value, own_periods):
    """How many steps of row r pay at most ``value`` (annual cents), each step in the person's own unit."""
    k = 0
    for s in range(n_steps[r]):
        a, u = step_pay(rates, periods, r, s, own_periods)
        if a * u <= value:
            k = s + 1
    return k


@njit(**JIT_OPTIONS)
def annual_step(rates, periods, n_steps, r, value):
    """The step of row r whose annual rate equals ``value``, else -1."""
    for s in range(n_steps[r]):
        if rates[r, s] * periods[r] == value:
            return s
    return -1


@njit(**JIT_OPTIONS)
def year_budgets(state, person, pay, draws, year, prm, budgets, flags):
    """The year's Hay merit budgets and spending per group (``budgets`` = (budget, spent), written) and the
    flags per position (``flags`` = (funded, admitted), written): merit money granted, premium range entered.
    Arguments as in ``advance_year``. One sequential pass gathers each group's payroll (at its fte: "Agency
    payroll", Hay line 976) and the candidates; only the candidates are ordered by their rank draw."""
    family, row, step, rate, unit, _, _, top_since, in_premium, _, _, _, vacant_until, prem_bp, prem_add, _ = state
    fte_k, group, own_periods = person[0], person[1], person[5]
    rates, n_steps, periods = pay[0], pay[1], pay[2]
    fy_start = year[0]
    p_outstanding, p_merit, p_two_steps, merit_factor, min_group_size = prm[4], prm[7], prm[8], prm[9], prm[16]
    o_budget, o_spent = budgets
    funded, admitted = flags
    n = family.shape[0]
    n_groups = o_budget.shape[0]

    # --- budgets and caps for the year, by group (agency), from the state at the start of the year -------
    head = np.zeros(n_groups, np.int64)
    payroll = np.zeros(n_groups, np.int64)
    step_sum = np.zeros(n_groups, np.int64)
    step_n = np.zeros(n_groups, np.int64)
    at_top = np.zeros(n_groups, np.int64)
    premium_now = np.zeros(n_groups, np.int64)
    merit_cand = np.empty(n, np.int64)  # candidates for merit money, with the cost of their increase
    merit_cost = np.empty(n, np.int64)
    merit_group = np.empty(n, np.int64)
    n_merit = 0
    premium_cand = np.empty(n, np.int64)
    n_premium = 0
    for p in range(n):
        if vacant_until[p] >= fy_start:  # vacant, or refilled on the year's first day by a new hire
            continue
        g = group[p]
        r = row[p]
        top = n_steps[r] - 1
        head[g] += 1
        payroll[g] += half_up(pay_annual(rate[p], unit[p], prem_bp[p], prem_add[p]) * fte_k[p], 1000)
        if family[p] == HAY_MERIT and step[p] >= 0:
            step_sum[g] += step[p] + 1
            step_n[g] += 1
            if step[p] < top and draws[p, D_PERF] < p_merit:
                s2 = min(step[p] + (2 if draws[p, D_PERF] < p_merit * p_two_steps else 1), top)
                a2, u2 = step_pay(rates, periods, r, s2, own_periods[p])
                merit_cand[n_merit] = p
                merit_cost[n_merit] = half_up(max(a2 * u2 - rate[p] * unit[p], 0) * fte_k[p], 1000)
                merit_group[n_merit] = g
                n_merit += 1
        elif family[p] == REVIEW_A:
            if in_premium[p]:
                premium_now[g] += 1
            elif step[p] == top:
                at_top[g] += 1
                if draws[p, D_PERF] < p_outstanding and add_months(top_since[p], 36) <= fy_start:
                    premium_cand[n_premium] = p
                    n_premium += 1
    # Hay: "Agencies with less than 30 employees will be budgeted together" (line 974): pooled into group 0
    pool = np.arange(n_groups)
    for g in range(1, n_groups):
        if head[g] < min_group_size:
            pool[g] = 0
    tot_steps = step_sum.sum()
    tot_n = step_n.sum()
    pool_pay = np.zeros(n_groups, np.int64)
    pool_steps = np.zeros(n_groups, np.int64)
    pool_n = np.zeros(n_groups, np.int64)
    for g in range(n_groups):
        pool_pay[pool[g]] += payroll[g]
        pool_steps[pool[g]] += step_sum[g]
        pool_n[pool[g]] += step_n[g]
    for g in range(n_groups):
        o_budget[g] = 0
        o_spent[g] = 0
        if pool_n[g] > 0 and tot_n > 0:
            # "Budget = Agency payroll x (Average Step Rate-State / Average Step Rate-Agency) x .03" (line 976)
            o_budget[g] = int(pool_pay[g] * (tot_steps / tot_n) / (pool_steps[g] / pool_n[g]) * merit_factor)
    # Merit increases funded in order of the rank draw until the budget is spent.
    funded[:] = False
    order = rank_order(draws, merit_cand[:n_merit])
    for i in range(n_merit):
        c = order[i]
        g = pool[merit_group[c]]
        if o_spent[g] + merit_cost[c] <= o_budget[g]:
            o_spent[g] += merit_cost[c]
            funded[merit_cand[c]] = True
    # Premium range (lines 715-720): after three years at G; at most half of a department's employees at the
    # maximum; never more than 5 % of the department in it at once; a partial move.
    admitted[:] = False
    room = np.zeros(n_groups, np.int64)
    for g in range(n_groups):
        room[g] = max(0, min(at_top[g] // 2, head[g] * 5 // 100 - premium_now[g]))
    order = rank_order(draws, premium_cand[:n_premium])
    for i in range(n_premium):
        p = premium_cand[order[i]]
        if room[group[p]] > 0:
            room[group[p]] -= 1
            admitted[p] = True


@njit(**JIT_OPTIONS)
def general_increase(p, r, gi, fam, rates, periods, n_steps, own_periods, o_step, o_rate, o_unit):
    """The year's general increase for position p (pay rows already raised): on a step, the step's new rate
    ("precisely the same as the increase in the step occupied", Hay line 946); off-step, the percentage. On Hay's
    schedules no salary goes beyond step Y (line 948), and no increase cuts pay."""
    if o_step[p] >= 0 and fam != PCT_STEPS and fam != FLAT and fam != TEACHER_SCALED:
        o_rate[p], o_unit[p] = step_pay(rates, periods, r, o_step[p], own_periods[p])
        return
    new = half_up(o_rate[p] * (10000 + gi), 10000)
    if fam == HAY_MERIT:
        top = n_steps[r] - 1
        y_annual = rates[r, top] * periods[r]
        if new * o_unit[p] > y_annual:
            if o_rate[p] * o_unit[p] < y_annual:  # raised to step Y, not beyond
                o_rate[p], o_unit[p] = step_pay(rates, periods, r, top, own_periods[p])
                o_step[p] = top
            return  # already at or above Y: no increase
    o_rate[p] = new


@njit(**JIT_OPTIONS)
def pay_owed(p, r, limit_amount, limit_bp, rates, periods, n_steps, own_periods, new_state):
    """Pay position p what is owed, at most the limit (an amount and / or a share of the present pay); a pay
    that lands on a step takes the step, else it is kept in the person's own unit (a year where not whole)."""
    o_step, o_rate, o_unit, o_owed = new_state[2], new_state[3], new_state[4], new_state[5]
    cur = o_rate[p] * o_unit[p]
    by_amount = limit_amount if limit_amount != NO_LIMIT else o_owed[p]
    by_pct = half_up(o_rate[p] * limit_bp, 10000) * o_unit[p] if limit_bp != NO_LIMIT else o_owed[p]
    paid = min(o_owed[p], by_amount, by_pct)
    o_owed[p] -= paid
    new = cur + paid
    o_step[p] = -1
    for s in range(n_steps[r]):
        a, u = step_pay(rates, periods, r, s, own_periods)
        if a * u == new:
            o_step[p] = s
            o_rate[p], o_unit[p] = a, u
            return
    if new % own_periods == 0:
        o_rate[p], o_unit[p] = new // own_periods, own_periods
    else:
        o_rate[p], o_unit[p] = new, 1


@njit(**PARALLEL_OPTIONS)
def advance_year(state, home, person, pay, draws, year, prm, flags, new_state, out, totals):
    """One fiscal year of one branch: read ``state`` (the start of the year), write ``new_state`` (its end),
    ``out`` (the year's results per position) and ``totals``.

    state     (family, row, step, rate, unit, owed, next_day, top_since, in_premium, origin, hire_day, birth_day,
               vacant_until, prem_bp, prem_add, status_prev): per position, read only; rate is an amount in
               unit periods a year; owed and prem_add annual cents; prem_bp basis points
    home      (home_row, home_family, home_rate0, home_unit0, tt, tt_offset): the position's own pay row and
              step-A pay, for hires
    person    (fte_k, group, ret_min_age, ret_min_service, ret_any_age, own_periods, band_below, band_rate,
               limit_amount, limit_bp): limit_* a group's limit on a raise (annual cents, basis points of pay),
               NO_LIMIT where none
    pay       (rates, n_steps, periods, premium, gi_bp, tt_months, tt_len): pay rows with this year's
              general increases, the premium range maxima likewise, the increase of the year per row (basis
              points), timetables
    draws     draws[p, D_*], uniform on [0, 1)
    year      (fy_start, fy_end, implemented): days since 1970; implemented is the reform's effective date
    prm       (p_retire, p_retire_70, deny, double, p_outstanding, p_fully, p_acceptable, p_merit,
               p_two_steps, merit_factor, hire_b, hire_c, premium_fraction_k, vacancy_days, hire_age_days,
               max_raise, min_group_size): max_raise in annual cents
    flags     (funded, admitted) per position, from ``year_budgets``: merit money granted, premium range
              entered this year
    new_state the first 15 arrays of ``state``, written
    out       (status, rule, cash, annual_end, annual_cost, turnover_saving, hired), written; annual_cost is
              the annual rate at the year's end times fte, rounded half up; hired counts the replacements
              who entered the position in the year (a vacancy filled, or an incumbent's leaving and refill)
    totals    the year's sums, written: T_CASH, T_ANNUAL_COST, T_HEADCOUNT, T_RETIREMENTS, T_SEPARATIONS,
              T_TURNOVER_SAVING, T_HIRES. Headcount at the year's end = last year's + hires - leavers.

    Each position's year depends only on its own state, its draws and its flags, so the loop over positions
    may run on any slice of the arrays (the analyst's row-by-row peer in benchmarks/ does just that).
    """
    (family, row, step, rate, unit, owed, next_day, top_since, in_premium, origin, hire_day, birth_day,
     vacant_until, prem_bp, prem_add, status_prev) = state
    home_row, home_family, home_rate0, home_unit0, tt, tt_offset = home
    fte_k, group, ret_min_age, ret_min_service, ret_any_age_service, own_periods, band_below, band_rate, \
        limit_amount, limit_bp = person
    rates, n_steps, periods, premium, gi_bp, tt_months, tt_len = pay
    fy_start, fy_end, implemented = year
    p_retire, p_retire_70, deny, double, p_outstanding, p_fully, p_acceptable, p_merit, p_two_steps, \
        merit_factor, hire_b, hire_c, premium_fraction_k, vacancy_days, hire_age_days, max_raise, \
        min_group_size = prm
    (o_family, o_row, o_step, o_rate, o_unit, o_owed, o_next_day, o_top_since, o_in_premium, o_origin, o_hire_day,
     o_birth_day, o_vacant_until, o_prem_bp, o_prem_add) = new_state
    o_status, o_rule, o_cash, o_annual_end, o_annual_cost, o_turnover_saving, o_hired = out
    funded, admitted = flags
    n = family.shape[0]
    year_days = fy_end - fy_start
    hiring = (hire_b, hire_c, hire_age_days)
    t_cash = t_annual_cost = t_saving = t_head = t_retired = t_separated = t_hired = 0
    for p in prange(n):  # positions are independent: split over the cores
        # each year produces a new state from the last: start from the old one
        o_family[p] = family[p]
        o_row[p] = row[p]
        o_step[p] = step[p]
        o_rate[p] = rate[p]
        o_unit[p] = unit[p]
        o_owed[p] = owed[p]
        o_next_day[p] = next_day[p]
        o_top_since[p] = top_since[p]
        o_in_premium[p] = in_premium[p]
        o_origin[p] = origin[p]
        o_hire_day[p] = hire_day[p]
        o_birth_day[p] = birth_day[p]
        o_vacant_until[p] = vacant_until[p]
        o_prem_bp[p] = prem_bp[p]
        o_prem_add[p] = prem_add[p]
        o_status[p] = S_ACTIVE
        o_rule[p] = R_NONE
        o_turnover_saving[p] = 0
        o_hired[p] = 0
        r = o_row[p]
        t = fy_start
        cash = 0
        # a vacancy that runs into the year (or ends on its first day): the position is filled when it ends
        if o_vacant_until[p] >= t:
            fill = o_vacant_until[p]
            if fill >= fy_end:
                o_status[p] = S_VACANT
                o_annual_end[p] = 0
                o_annual_cost[p] = 0
                o_cash[p] = 0
                continue
            t = fill
            o_status[p] = S_REPLACEMENT
            o_rule[p] = R_HIRED
            o_hired[p] += 1
            _hire(p, fill, draws, home, hiring, rates, n_steps, periods, own_periods, tt_months, new_state)
            r = o_row[p]
        elif status_prev[p] == S_REPLACEMENT:
            o_status[p] = S_REPLACEMENT
        # general increase at the start of the year
        if gi_bp[r] != 0 and t == fy_start:
            general_increase(p, r, gi_bp[r], o_family[p], rates, periods, n_steps, own_periods, o_step, o_rate,
                             o_unit)
            o_rule[p] = R_GENERAL
        # premium admission at the start of the year: "a partial move" into the premium range (which moves with
        # the general increases, as the rates do), never below the present pay
        if admitted[p] and t == fy_start:
            top = rates[r, n_steps[r] - 1]
            target = top + half_up((premium[r] - top) * premium_fraction_k, 1000)
            if own_periods[p] == 2080 and periods[r] == 52:
                a_new, u_new = half_up(target, 40), 2080
            else:
                a_new, u_new = target, periods[r]
            if a_new * u_new > o_rate[p] * o_unit[p]:
                o_rate[p] = a_new
                o_unit[p] = u_new
            o_in_premium[p] = True
            o_step[p] = -1
            o_rule[p] = R_PREMIUM

        # what a group's limit on the raise left owed at placement: paid at the start of each later year, at most
        # the limit a year (Schedule D's single rate pays its own on its review day, in ``progress``)
        if o_owed[p] > 0 and o_family[p] != SINGLE_RATE and t == fy_start and fy_start > implemented:
            pay_owed(p, r, limit_amount[p], limit_bp[p], rates, periods, n_steps, own_periods[p], new_state)
            o_rule[p] = R_OWED_PAID

        # separation in the year: retirement if eligible, else other separation
        age_days = fy_start - o_birth_day[p]
        service_days = fy_start - o_hire_day[p]
        # the plan's own terms, or the regular age 60 that every member has (a special plan is an earlier door,
        # not a later one: A-PROJ-RETIREMENT)
        eligible = (
            age_days >= ret_min_age[p] and service_days >= ret_min_service[p]
        ) or service_days >= ret_any_age_service[p] or age_days >= REGULAR_AGE_DAYS
        sep_day = fy_end
        sep_kind = S_ACTIVE
        if eligible and (
            draws[p, D_RETIRE] < p_retire or age_days >= 70 * 36525 // 100 and draws[p, D_RETIRE] < p_retire_70
        ):
            sep_kind = S_RETIRED
        elif draws[p, D_SEPARATE] < separation_rate(age_days / 365.25, band_below, band_rate):
            sep_kind = S_SEPARATED
        if sep_kind != S_ACTIVE:
            sep_day = max(t, fy_start + int(draws[p, D_SEP_DAY] * year_days))

        # pay changes on their own dates until the separation (or the year's end)
        while o_next_day[p] < sep_day and o_family[p] != FLAT:
            d = max(o_next_day[p], t)
            cash += cash_between(pay_annual(o_rate[p], o_unit[p], o_prem_bp[p], o_prem_add[p]), fte_k[p], t, d,
                                 year_days)
            t = d
            progress(p, d, draws, o_family[p], r, rates, n_steps, periods, tt_months, tt_len, tt[p], tt_offset[p],
                     own_periods[p], funded[p], prm, new_state, o_rule)
        # the rest of the year, to the separation or the year's end
        cash += cash_between(pay_annual(o_rate[p], o_unit[p], o_prem_bp[p], o_prem_add[p]), fte_k[p], t, sep_day,
                             year_days)
        if sep_kind != S_ACTIVE:
            o_status[p] = sep_kind
            leaver = pay_annual(o_rate[p], o_unit[p], o_prem_bp[p], o_prem_add[p])
            o_turnover_saving[p] = leaver  # completed below when the refill is known
            o_vacant_until[p] = sep_day + vacancy_days
            if o_vacant_until[p] < fy_end:
                fill = o_vacant_until[p]
                _hire(p, fill, draws, home, hiring, rates, n_steps, periods, own_periods, tt_months, new_state)
                o_hired[p] += 1
                r = o_row[p]
                hired_pay = pay_annual(o_rate[p], o_unit[p], o_prem_bp[p], o_prem_add[p])
                cash += cash_between(hired_pay, fte_k[p], fill, fy_end, year_days)
                o_turnover_saving[p] -= hired_pay
                o_annual_end[p] = hired_pay
            else:
                o_turnover_saving[p] -= home_rate0[p] * home_unit0[p]
                o_annual_end[p] = 0
        else:
            o_annual_end[p] = pay_annual(o_rate[p], o_unit[p], o_prem_bp[p], o_prem_add[p])
        o_cash[p] = cash
        o_annual_cost[p] = half_up(o_annual_end[p] * fte_k[p], 1000)
        # the year's totals (a vacant position adds nothing to them)
        t_cash += cash
        t_annual_cost += o_annual_cost[p]
        t_saving += o_turnover_saving[p]
        t_head += 1 if o_annual_end[p] > 0 else 0
        t_retired += 1 if sep_kind == S_RETIRED else 0
        t_separated += 1 if sep_kind == S_SEPARATED else 0
        t_hired += o_hired[p]
    totals[T_CASH] = t_cash
    totals[T_ANNUAL_COST] = t_annual_cost
    totals[T_TURNOVER_SAVING] = t_saving
    totals[T_HEADCOUNT] = t_head
    totals[T_RETIREMENTS] = t_retired
    totals[T_SEPARATIONS] = t_separated
    totals[T_HIRES] = t_hired


@njit(**JIT_OPTIONS)
def progress(p, d, draws, fam, r, rates, n_steps, periods, tt_months, tt_len, tt_p, tt_off, own_p, funded_p, prm,
             new_state, o_rule):
    """Position p's pay change due on day d, by its progression family; sets its next review day."""
    (o_family, o_row, o_step, o_rate, o_unit, o_owed, o_next_day, o_top_since, o_in_premium, o_origin, o_hire_day,
     o_birth_day, o_vacant_until, o_prem_bp, o_prem_add) = new_state
    deny, double, p_outstanding, p_fully, p_acceptable = prm[2], prm[3], prm[4], prm[5], prm[6]
    p_merit, p_two_steps, max_raise = prm[7], prm[8], prm[15]
    if fam == TIMETABLE or fam == PCT_STEPS:
        last = tt_len[tt_p] - 1
        s_tt = o_step[p] + tt_off
        if s_tt < last:
            o_step[p] += 1
            if fam == TIMETABLE:
                o_rate[p], o_unit[p] = step_pay(rates, periods, r, o_step[p], own_p)
            else:
                o_rate[p] = half_up(o_rate[p] * 105, 100)
            o_rule[p] = R_STEP
            s_tt += 1
        if s_tt < last:
            o_next_day[p] = add_months(o_origin[p], tt_months[tt_p, s_tt + 1])
        else:
            o_next_day[p] = NEVER
    elif fam == TEACHER_SCALED:
        # the present teacher plan: a step a year, each worth what Schedule C's next step is worth
        s0 = o_step[p]
        if s0 >= 0 and s0 < n_steps[r] - 1:
            o_rate[p] = half_up(o_rate[p] * rates[r, s0 + 1], rates[r, s0])
            o_step[p] = s0 + 1
            o_rule[p] = R_STEP
        o_next_day[p] = add_months(d, 12) if o_step[p] < n_steps[r] - 1 else NEVER
    elif fam == REVIEW_A:
        top = n_steps[r] - 1
        u = draws[p, D_PERF]
        s0 = o_step[p]
        if s0 < 0 and not o_in_premium[p]:  # off the steps: from the highest step at or below the pay (-1: below A)
            s0 = steps_at_or_below(rates, periods, n_steps, r, o_rate[p] * o_unit[p], own_p) - 1
        elif s0 < 0:
            s0 = top  # in the premium range: no more steps
        if s0 >= top:
            o_next_day[p] = NEVER
            return
        if u < deny:
            o_rule[p] = R_DENIED  # "denied or delayed": reviewed again a year later
            o_next_day[p] = add_months(d, 12)
            return
        k = 2 if u < deny + double else 1
        s1 = max(min(s0 + k, top), 0)
        o_step[p] = s1
        o_rate[p], o_unit[p] = step_pay(rates, periods, r, s1, own_p)
        o_rule[p] = R_TWO_STEPS if s1 - s0 == 2 else R_STEP
        if s1 == top:
            o_top_since[p] = d
            o_next_day[p] = NEVER
        else:
            o_next_day[p] = add_months(d, tt_months[tt_p, s1 + 1 + tt_off] - tt_months[tt_p, s1 + tt_off])
    elif fam == MERIT_MATRIX:
        lo = rates[r, 0] * periods[r]
        hi = rates[r, n_steps[r] - 1] * periods[r]
        mid = lo + (hi - lo) // 2
        q3 = lo + (hi - lo) * 3 // 4
        cur = o_rate[p] * o_unit[p]
        position = 0 if cur < mid else (1 if cur < q3 else 2)
        rating = rating_of(draws[p, D_PERF], p_outstanding, p_fully, p_acceptable)
        bp = merit_pct_bp(rating, position)
        new = half_up(cur * (10000 + bp), 10000)
        cap = q3 if (rating == 2 and position == 1) else hi  # "not to exceed the maximum of the third quartile"
        if new > cap:
            new = max(cur, cap)
        if new > cur:
            s = annual_step(rates, periods, n_steps, r, new)
            if s >= 0:
                o_rate[p], o_unit[p] = step_pay(rates, periods, r, s, own_p)
            else:
                o_rate[p] = new
                o_unit[p] = 1
            o_rule[p] = R_MERIT_PCT
        o_step[p] = annual_step(rates, periods, n_steps, r, o_rate[p] * o_unit[p])
        o_next_day[p] = add_months(d, 12)
    elif fam == TEACHER:
        rating = rating_of(draws[p, D_PERF], p_outstanding, p_fully, p_acceptable)
        k = 2 if rating == 0 else (0 if rating == 3 else 1)
        s0 = o_step[p]
        if s0 < 0:  # off the steps: counted from the highest step at or below the pay; above the maximum, kept
            s0 = steps_at_or_below(rates, periods, n_steps, r, o_rate[p] * o_unit[p], own_p) - 1
        s1 = min(s0 + k, n_steps[r] - 1)
        if s1 > s0 and s1 >= 0:
            o_step[p] = s1
            o_rate[p], o_unit[p] = step_pay(rates, periods, r, s1, own_p)
            o_rule[p] = R_TWO_STEPS if k == 2 else R_STEP
        o_next_day[p] = add_months(d, 12)
    elif fam == SINGLE_RATE:
        if o_owed[p] > 0:
            paid = min(o_owed[p], max_raise)  # the rest of the single rate, at most the limit a year
            new = o_rate[p] * o_unit[p] + paid
            o_owed[p] -= paid
            s = annual_step(rates, periods, n_steps, r, new)
            if s >= 0:
                o_rate[p], o_unit[p] = step_pay(rates, periods, r, s, own_p)
            else:
                o_rate[p] = new
                o_unit[p] = 1
            o_step[p] = s
            o_rule[p] = R_OWED_PAID
        o_next_day[p] = add_months(d, 12) if o_owed[p] > 0 else NEVER
    elif fam == HAY_MERIT:
        s0 = o_step[p]
        if funded_p:
            k = 2 if draws[p, D_PERF] < p_merit * p_two_steps else 1
            s1 = min(s0 + k, n_steps[r] - 1)
            o_step[p] = s1
            o_rate[p], o_unit[p] = step_pay(rates, periods, r, s1, own_p)
            o_rule[p] = R_MERIT_STEP
        elif s0 >= 0 and s0 < n_steps[r] - 1 and draws[p, D_PERF] < p_merit:
            o_rule[p] = R_MERIT_NOT_FUNDED
        o_next_day[p] = add_months(d, 12)


@njit(**JIT_OPTIONS)
def _hire(p, day, draws, home, hiring, rates, n_steps, periods, own_periods, tt_months, new_state):
    """A replacement enters the position at ``day``: step A of the same class, or B or C for a share (the
    review clock starts as if the hire had the service the step stands for, Cresap line 696); no special
    premium (A-PROJ-REPLACEMENT). ``home``: the position's own row, family, step-A pay and timetable;
    ``hiring``: the shares hired at B and C and the age at hire; ``new_state``: the year's new state arrays,
    written for position p."""
    home_row, home_family, home_rate0, home_unit0, tt, tt_offset = home
    hire_b, hire_c, hire_age_days = hiring
    (o_family, o_row, o_step, o_rate, o_unit, o_owed, o_next_day, o_top_since, o_in_premium, o_origin, o_hire_day,
     o_birth_day, o_vacant_until, o_prem_bp, o_prem_add) = new_state
    r = home_row[p]
    u = draws[p, D_HIRE]
    s = 0
    if u < hire_c and n_steps[r] > 2:
        s = 2
    elif u < hire_c + hire_b and n_steps[r] > 1:
        s = 1
    fam = home_family[p]
    if fam == MERIT_MATRIX or fam == SINGLE_RATE or fam == FLAT or fam == TEACHER_SCALED:
        s = 0
    o_family[p] = fam
    o_row[p] = r
    o_step[p] = s
    if fam == PCT_STEPS or fam == FLAT or fam == TEACHER_SCALED:  # the position's own step-A pay
        rate = home_rate0[p]
        for _ in range(s):
            rate = half_up(rate * 105, 100)
        o_rate[p] = rate
        o_unit[p] = home_unit0[p]
    else:
        o_rate[p], o_unit[p] = step_pay(rates, periods, r, s, own_periods[p])
    o_owed[p] = 0
    o_prem_bp[p] = 0
    o_prem_add[p] = 0
    o_in_premium[p] = False
    o_top_since[p] = NEVER
    months_at = tt_months[tt[p], s + tt_offset[p]]
    o_origin[p] = add_months(day, -months_at)
    o_hire_day[p] = day
    o_birth_day[p] = day - hire_age_days
    o_vacant_until[p] = NOT_VACANT
    if fam == TIMETABLE or fam == PCT_STEPS or fam == REVIEW_A:
        if s + tt_offset[p] + 1 < tt_months.shape[1] and tt_months[tt[p], s + tt_offset[p] + 1] > 0:
            o_next_day[p] = add_months(o_origin[p], tt_months[tt[p], s + tt_offset[p] + 1])
        else:
            o_next_day[p] = NEVER
    elif fam == SINGLE_RATE or fam == FLAT:
        o_next_day[p] = NEVER
    else:
        o_next_day[p] = add_months(day, 12)


@njit(**PARALLEL_OPTIONS)
def expected_draws(year, seed, out):
    """The expected-value path's draws (A-PROJ-EXPECTED): out[p, c] = frac((p + 1) * a_c + (year + 1) * b_c
    + seed / 10000), a low-discrepancy sequence per column c (a_c irrational), shifted each year."""
    a = (0.6180339887, 0.7548776662, 0.5698402910, 0.8191725134, 0.4142135624, 0.7320508076)
    b = (0.31, 0.53, 0.71, 0.17, 0.89, 0.43)
    for c in range(out.shape[1]):
        yearly = (year + 1) * b[c]
        seeded = seed * 0.0001
        for p in prange(out.shape[0]):
            x = (p + 1.0) * a[c] + yearly + seeded  # summed in this order, as the formula reads
            out[p, c] = x - np.floor(x)


@njit(**PARALLEL_OPTIONS)
def step_codes(row, step, code, out):
    """out[p] = code[row[p], step[p]], the code of the step's name; -1 off-step (step < 0)."""
    for p in prange(row.shape[0]):
        out[p] = code[row[p], step[p]] if step[p] >= 0 else -1


@njit(**PARALLEL_OPTIONS)
def add_months_array(days, months, out):
    """out[i] = add_months(days[i], months[i])."""
    for i in prange(days.shape[0]):
        out[i] = add_months(days[i], months[i])


@njit(**PARALLEL_OPTIONS)
def next_anniversary_array(days, after, out):
    """out[i] = the first anniversary of days[i] strictly after ``after`` (at least a year after days[i])."""
    for i in prange(days.shape[0]):
        # start a year or two short of ``after`` (an anniversary k years on is at most 366 k days later)
        k = 12 * max(1, (after - days[i]) // 366 - 1)
        d = add_months(days[i], k)
        while d <= after:
            k += 12
            d = add_months(days[i], k)
        out[i] = d
