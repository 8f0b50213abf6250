"""The placement kernel: every person under one rule (kernels/rules), in parallel over the cores.

For each person: the rule's ``decide`` (dispatched by rule id over the explicit list kernels.rules.RULES), then
a group's cap on the raise, then the pay in its unit, any special premium, and the red / green circle flags.
The inputs come grouped (kernels.rules._base: Person, PayRows, Options) and the outputs are written into a
preallocated Placed; simulator/placement.py validates, converts and allocates.
"""

import warnings

from numba import literal_unroll, njit
from numba.core.errors import NumbaExperimentalFeatureWarning

from kernels import slices
from kernels.config import INLINE_OPTIONS, JIT_OPTIONS, PARALLEL_OPTIONS
from kernels.rules import DECIDERS, EXCLUDED, O_CAP_AMOUNT, O_CAP_PCT, O_EXCLUDED
from kernels.rules._base import COMPUTED, KEEP, NO_CAP, STEP, PayRows, half_up, step_of

# Dispatching over a tuple of compiled rules is Numba's "first-class function" feature; it works and caches,
# and Numba says it is experimental each time it compiles.
warnings.filterwarnings("ignore", category=NumbaExperimentalFeatureWarning)


@njit(**INLINE_OPTIONS)
def decide(rule, p, person, rows, options):
    """The rule with id ``rule`` (1-based place in RULES) for person p: (kind, step, value, local outcome, owed)."""
    result = (KEEP, -1, person.current[p], 0, 0)
    i = 0
    for f in literal_unroll(DECIDERS):
        i += 1
        if i == rule:
            result = f(p, person, rows, options)
    return result


@njit(**JIT_OPTIONS)
def capped(p, person, value):
    """A group's limit on the raise (annual cents and / or basis points of present pay): (value, owed, outcome
    or -1 when the limit does not bind)."""
    cur = person.current[p]
    if value <= cur or (person.cap_amount[p] == NO_CAP and person.cap_bp[p] == NO_CAP):
        return value, 0, -1
    by_amount = person.cap_amount[p] if person.cap_amount[p] != NO_CAP else 1 << 62
    # a share of the present pay, rounded half up to the cent in the pay's own unit
    own = person.own_periods[p]
    by_pct = half_up(person.current_own[p] * person.cap_bp[p], 10000) * own if person.cap_bp[p] != NO_CAP else 1 << 62
    limit = min(by_amount, by_pct)
    if value - cur <= limit:
        return value, 0, -1
    return cur + limit, value - cur - limit, O_CAP_PCT if by_pct < by_amount else O_CAP_AMOUNT


@njit(**INLINE_OPTIONS)
def place_one(p, person, rows, options, outcome_base, out):
    """Place person p, writing row p of ``out``."""
    rule = person.rule[p]
    r = person.row[p]
    n = rows.n_steps[r]
    if rule == EXCLUDED:
        out.amount[p] = person.current_own[p]
        out.unit[p] = person.own_periods[p]
        out.base_annual[p] = person.current[p]
        out.annual[p] = person.current[p]
        out.step[p] = -1
        out.outcome[p] = O_EXCLUDED
        out.owed[p] = 0
        out.red[p] = False
        out.green[p] = False
        return
    if person.own_periods[p] == 2080:  # an hourly person is compared with hourly rates (see kernels.rules._base)
        rows = PayRows(rows.rates, rows.annual_hourly, rows.n_steps, rows.increment, rows.periods, rows.annual_hourly)
    kind, s, value, local, owed = decide(rule, p, person, rows, options)
    outcome = outcome_base[rule] + local
    if kind != KEEP:
        limited, extra, cap_outcome = capped(p, person, value)
        if cap_outcome >= 0:
            kind, value, owed, outcome = COMPUTED, limited, owed + extra, cap_outcome
    if kind == STEP:
        # the step's rate; an hourly person on a weekly row is paid the weekly rate / 40 to the cent
        # (Cresap line 613: "for future use in computing earnings")
        if person.own_periods[p] == 2080 and rows.periods[r] == 52:
            out.amount[p] = half_up(rows.rates[r, s], 40)
            out.unit[p] = 2080
        else:
            out.amount[p] = rows.rates[r, s]
            out.unit[p] = rows.periods[r]
    elif kind == KEEP:
        out.amount[p] = person.current_own[p]
        out.unit[p] = person.own_periods[p]
    else:  # a computed amount: in the person's own unit when it is a whole number of cents there, else a year
        own = person.own_periods[p]
        if value % own == 0:
            out.amount[p] = value // own
            out.unit[p] = own
        else:
            out.amount[p] = value
            out.unit[p] = 1
        s = step_of(rows.annual, r, n, value)
    base = out.amount[p] * out.unit[p]
    out.base_annual[p] = base
    # special premiums on top of the schedule's pay (Cresap lines 786-803)
    out.annual[p] = base + half_up(base * person.premium_bp[p], 10000) + person.premium_add[p]
    out.step[p] = s
    out.outcome[p] = outcome
    out.owed[p] = owed
    # circles by the rule's value, in the person's own unit
    out.red[p] = value > rows.annual[r, n - 1]
    out.green[p] = value < rows.annual[r, 0]


def place_kernel(person, rows, options, outcome_base, out):
    """Place every person: ``person`` (Person arrays), ``rows`` (PayRows), ``options`` (Options),
    ``outcome_base`` (kernels.rules.OUTCOME_BASE), results into ``out`` (Placed). People are independent: their
    slices run on a pool of threads (kernels/slices.py)."""
    n = person.rule.shape[0]
    slices.run(n, slices.n_slices(n), lambda c, lo, hi: place_range(lo, hi, person, rows, options, outcome_base, out))


# no prange inside: Numba's parallel passes alone (as for kernels/year.py advance_range), with place_one and decide
# inlined, place 1,000,000 people in 0.054 s on two threads, against 0.102 s for the prange loop this replaces and
# 0.18-0.67 s without the inlining or the passes; and compile in half the time (a prange compiled the body twice)
@njit(**PARALLEL_OPTIONS)
def place_range(lo, hi, person, rows, options, outcome_base, out):
    """place_kernel for people lo..hi-1. (The body is a function of its own, place_one.)"""
    for p in range(lo, hi):
        place_one(p, person, rows, options, outcome_base, out)
