"""What the projection kernels read and write, grouped by name: a position's state, its home (the pay row a
replacement is hired into), the person's fixed facts, the pay rows of the year, the parameters, and the year's
outputs. simulator/start.py and simulator/projection.py build them; kernels/year.py and kernels/progression/
read them by name.

Inside the year's loop over positions the kernels pass these groups whole only where a step writes the state;
one position's numbers travel as a ``Who`` (a tuple of scalars).

A *position* holds an incumbent; when the incumbent retires or separates the position is vacant for a while and
then refilled by a replacement, who progresses in turn. Money is int64 cents. A position's pay is an amount
``rate`` in a ``unit`` of periods a year (2080 an hour, 52 a week, 1 a year), exact as the rule that set it: a
step's rate in its row's basis (an hourly person on a weekly row: the weekly rate / 40 to the cent, Cresap line
613), or a kept or computed amount in its own unit. Annual pay is rate x unit, plus any special premium (a share
in basis points and an amount a year, Cresap lines 786-803). fte is in thousandths so that cost stays in
integers. Days count from 1970-01-01.
"""

from typing import NamedTuple

import numpy as np
from numba import njit

from kernels.calendar import NEVER, NOT_VACANT  # noqa: F401  (the state's sentinels, named here with it)
from kernels.config import JIT_OPTIONS
from kernels.rules._base import half_up

FLAT = 0  # no progression (the unclassified service on the 1966 plan); families 1.. are kernels.progression's
NO_LIMIT = -1  # no limit on a raise
MERIT_CAP_MAX, MERIT_CAP_Q3 = 1, 2  # a merit increase never passes the range's maximum, or its third quartile

# draw columns: draws[p, D_*], uniform on [0, 1)
D_SEP_DAY, D_RETIRE, D_SEPARATE, D_PERF, D_RANK, D_HIRE = 0, 1, 2, 3, 4, 5
N_DRAWS = 6

# status in the year
S_ACTIVE, S_RETIRED, S_SEPARATED, S_REPLACEMENT, S_VACANT, S_ABOLISHED = 0, 1, 2, 3, 4, 5
# the rule that changed pay in the year (the last one, if several); NO_RULE: the step changed nothing
NO_RULE = -1
(R_NONE, R_STEP, R_TWO_STEPS, R_DENIED, R_PREMIUM, R_MERIT_PCT, R_OWED_PAID, R_GENERAL, R_HIRED, R_MERIT_STEP,
 R_MERIT_NOT_FUNDED, R_PROMOTED, R_RECLASSIFIED) = range(13)

# the year's totals (T_FTE: the headcount's fte, in thousandths; T_OVERTIME*: the overtime within the cash and the
# annual cost, kernels/overtime.py)
(T_CASH, T_ANNUAL_COST, T_HEADCOUNT, T_RETIREMENTS, T_SEPARATIONS, T_TURNOVER_SAVING, T_HIRES, T_FTE, T_OVERTIME,
 T_OVERTIME_ANNUAL) = range(10)
N_TOTALS = 10


class State(NamedTuple):
    """Per position, at a moment (the start or the end of a year)."""
    family: np.ndarray  # int8: progression family (kernels.progression), FLAT for none
    row: np.ndarray  # int32: pay row
    step: np.ndarray  # int32: step index in the row, -1 off the steps
    rate: np.ndarray  # int64: pay, cents per unit
    unit: np.ndarray  # int64: periods a year of rate: 2080, 52 or 1
    owed: np.ndarray  # int64: annual cents still owed (a limited raise)
    next_day: np.ndarray  # int64: the next day the family looks at the position (NEVER: none)
    top_since: np.ndarray  # int64: the day the top step was reached (Schedule A's premium range), else NEVER
    in_premium: np.ndarray  # bool: in Schedule A's premium range
    origin: np.ndarray  # int64: the day the service the step stands for began (the review clock)
    hire_day: np.ndarray  # int64
    birth_day: np.ndarray  # int64
    vacant_until: np.ndarray  # int64: vacant until that day, NOT_VACANT when filled
    prem_bp: np.ndarray  # int32: special premium, basis points of pay
    prem_add: np.ndarray  # int64: special premium, annual cents


class Home(NamedTuple):
    """Per position: the pay row a replacement is hired into, and its step-A pay."""
    row: np.ndarray  # int32
    family: np.ndarray  # int8
    rate0: np.ndarray  # int64: step-A pay in unit0
    unit0: np.ndarray  # int64
    tt: np.ndarray  # int8: the review timetable (Pay.tt_months row)
    tt_offset: np.ndarray  # int32: the timetable index of the row's first step
    ot_rule: np.ndarray  # int8: the branch's overtime rule for the position (kernels/overtime.py OT_*)


class Staff(NamedTuple):
    """Per position: the facts that do not change in a projection."""
    fte_k: np.ndarray  # int64: fte in thousandths
    group: np.ndarray  # int32: merit budget group (agency), 1-based; 0 is the pool of small agencies
    plan: np.ndarray  # int32: the retirement plan (Bands.plan_first), -1 for none
    benefit_class: np.ndarray  # int32: the column of kernels.benefits.Items.value that holds its benefits
    own_periods: np.ndarray  # int64: the person's pay unit (2080 hourly, 52 weekly, 1 annual)
    limit_amount: np.ndarray  # int64: a group's limit on a raise, annual cents, NO_LIMIT where none
    limit_bp: np.ndarray  # int64: the same as basis points of pay, NO_LIMIT where none
    ot_hours_c: np.ndarray  # int64: regular hours a week over 40, hundredths (kernels/overtime.py)


class Pay(NamedTuple):
    """The pay rows of the year (general increases applied), the timetables and the merit matrix."""
    rates: np.ndarray  # int64 [rows, steps]: rates in each row's basis
    n_steps: np.ndarray  # int32 [rows]
    periods: np.ndarray  # int64 [rows]: 52 weekly, 1 annual
    premium: np.ndarray  # int64 [rows]: Schedule A's premium range maximum, in the row's basis
    gi_bp: np.ndarray  # int64 [rows]: this year's general increase, basis points
    tt_months: np.ndarray  # int64 [timetables, 11]: months of service at each step
    tt_len: np.ndarray  # int64 [timetables]
    merit_bp: np.ndarray  # int64 [4 ratings, 3 positions in range]: Cresap's merit matrix (lines 706-714)
    merit_cap: np.ndarray  # int64 [4, 3]: the cell's cap, MERIT_CAP_MAX (the range's maximum) or MERIT_CAP_Q3
    up: np.ndarray  # int32 [rows]: the row of the grade above in the same schedule (a promotion's), -1 for none


class Bands(NamedTuple):
    """Who may leave: the retirement plans' tiers (simulator/retirement.py) and the separation rates' bands."""
    below: np.ndarray  # float64: the bands' upper bounds, years of age (the first band both bounds hold applies)
    below_service: np.ndarray  # float64: and years of service
    rate: np.ndarray  # float64: each band's rate a year
    tiers: np.ndarray  # int64 [tiers, 6]: hired before, age, age with service, that service, service, age + service
    plan_first: np.ndarray  # int32 [plans + 1]: plan k's tiers are rows plan_first[k] .. plan_first[k + 1] - 1


class Params(NamedTuple):
    """The projection's parameters (simulator/params.py: each from data/ or the scenario, with its source); numbers
    only, so that handing them to a function costs nothing (the tables are in Pay and Bands)."""
    p_retire: float  # a year, once eligible
    p_retire_all: float  # a year, from all_retire_days of age
    all_retire_days: int  # the age (days) from which p_retire_all applies (A-PROJ-RETIREMENT)
    deny: float  # Schedule A: share of reviews denied or delayed
    double: float  # Schedule A: share of reviews giving two steps
    p_outstanding: float  # rating shares
    p_fully: float
    p_acceptable: float
    p_merit: float  # Hay: share rated meritorious
    p_two_steps: float  # Hay: share of those given two steps
    merit_factor: float  # Hay: the merit budget's factor (.03, line 976)
    hire_b: float  # share of replacements hired at step B
    hire_c: float  # at step C
    premium_fraction_k: int  # Schedule A's premium range: the share of the way to its maximum, thousandths
    premium_after_months: int  # eligible after this long at the maximum (Cresap line 719)
    premium_top_k: int  # at most this share of a department's employees at the maximum may enter, thousandths
    premium_dept_k: int  # and no more than this share of the department in it at once, thousandths
    vacancy_days: int
    hire_age_days: int
    max_raise: int  # Schedule D: annual cents a year at most (line 538), NEVER for none
    min_group_size: int  # Hay: agencies under this size are budgeted together (line 974)
    moves: bool = True  # step, merit and premium-range movement happen (the cost bridge turns them off)
    # the hiring rules (Cresap lines 661-667), off unless the scenario turns them on (A-PROJ-HIRING)
    hire_trainee: float = 0.0  # share of replacements hired as trainees, below the minimum
    trainee_bp: int = 1000  # that far below it, basis points ("up to 10 per cent below the minimum")
    probation_months: int = 6  # raised to the minimum at the end of probation
    hire_mid: float = 0.0  # share of replacements into a range hired at its midpoint ("up to the midpoint")
    teacher_years: int = 0  # a replacement teacher's years of experience credited: the step they start at
    p_promote: float = 0.0  # a year: promotions to the grade above (kernels/promotion.py), off unless set
    p_reclass: float = 0.0  # a year: reclassifications of positions to the grade above, off unless set
    p_twice: float = 0.0  # Hay: share of the meritorious given a step twice a year (line 964), off unless set
    rif_pro_rata: bool = True  # Hay: a reduction in force recalculates the year's merit budget pro rata (line 982)
    ot_low: int = 780_000  # Cresap's overtime bands, a year: $150 a week x 52 (below: time and a half)
    ot_high: int = 1_170_000  # and $225 a week x 52 (above: no cash)


class Year(NamedTuple):
    fy_start: int  # days: the year's first day (the first year's: the effective date, maybe within it)
    fy_end: int
    implemented: int  # the reform's effective date
    days: int  # the whole fiscal year's days (365 or 366): a year's pay is prorated over them, so that a first year
    #            that begins on a mid-year effective date pays only its share


class Flags(NamedTuple):
    """Per position, set for the year: by year_budgets (funded, admitted) and simulator/reductions.py."""
    funded: np.ndarray  # bool: Hay merit money granted
    admitted: np.ndarray  # bool: Schedule A premium range entered
    abolish_day: np.ndarray  # int64: the day a reduction in force abolishes the position in the year, else NEVER


class Budgets(NamedTuple):
    budget: np.ndarray  # int64 [groups]: Hay merit budget
    spent: np.ndarray  # int64 [groups]


class Out(NamedTuple):
    """Per position, the year's results."""
    status: np.ndarray  # int8: S_*
    rule: np.ndarray  # int8: R_*
    cash: np.ndarray  # int64: cents paid in the year (prorated by day, x fte)
    annual_end: np.ndarray  # int64: the annual rate at the year's end (0 vacant)
    annual_cost: np.ndarray  # int64: annual_end x fte, half up
    turnover_saving: np.ndarray  # int64: a leaver's pay less the replacement's
    hired: np.ndarray  # int8: replacements who entered the position in the year
    benefit_cash: np.ndarray  # int64: the employer's benefits on the cash paid (kernels/benefits.py)
    benefit_annual: np.ndarray  # int64: and on the annual cost at the year's end


class Who(NamedTuple):
    """One position's scalars a progression family's step reads (a tuple of numbers: cheap to pass, where a
    tuple of arrays costs a reference count per array at every call in a loop over a million positions)."""
    u: float  # the performance draw
    tt: int  # the review timetable
    tt_off: int  # the timetable index of the row's first step
    own: int  # the person's pay unit
    funded: bool  # Hay merit money granted this year


def empty_state(n: int) -> State:
    return State(np.empty(n, np.int8), np.empty(n, np.int32), np.empty(n, np.int32), np.empty(n, np.int64),
                 np.empty(n, np.int64), np.empty(n, np.int64), np.empty(n, np.int64), np.empty(n, np.int64),
                 np.empty(n, np.bool_), np.empty(n, np.int64), np.empty(n, np.int64), np.empty(n, np.int64),
                 np.empty(n, np.int64), np.empty(n, np.int32), np.empty(n, np.int64))


def empty_out(n: int) -> Out:
    return Out(np.empty(n, np.int8), np.empty(n, np.int8), np.empty(n, np.int64), np.empty(n, np.int64),
               np.empty(n, np.int64), np.empty(n, np.int64), np.empty(n, np.int8), np.empty(n, np.int64),
               np.empty(n, np.int64))


# --- pay arithmetic shared by the families and the year --------------------------------------------------------

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
def own_step(rates, periods, n_steps, r, value, own_periods):
    """The step of row r that pays ``value`` (annual cents) in the person's own unit (``step_pay``), else -1."""
    for s in range(n_steps[r]):
        a, u = step_pay(rates, periods, r, s, own_periods)
        if a * u == value:
            return s
    return -1


@njit(**JIT_OPTIONS)
def annual_step(rates, periods, n_steps, r, value):
    """The step of row r whose annual rate equals ``value``, else -1."""
    for s in range(n_steps[r]):
        if rates[r, s] * periods[r] == value:
            return s
    return -1


@njit(**JIT_OPTIONS)
def rating_of(u, p_outstanding, p_fully, p_acceptable):
    """A performance rating from a draw: 0 outstanding, 1 fully adequate, 2 acceptable, 3 unsatisfactory."""
    if u < p_outstanding:
        return 0
    if u < p_outstanding + p_fully:
        return 1
    if u < p_outstanding + p_fully + p_acceptable:
        return 2
    return 3
