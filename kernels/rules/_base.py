"""What every placement rule shares: the grouped kernel inputs, the three kinds of result, and the step
searches. A rule module (``kernels/rules/<rule>.py``) holds the seed's words, its outcomes (code, sentence,
assumption id), its ``decide`` kernel and a plain-Python ``reference`` written from the words.

Every comparison is made exactly in annual cents, in the person's own unit: a pay row's rates times its periods
(52 for a weekly row), and the present pay as the person's own amount times its periods. An hourly person on a
weekly row is compared with the row's hourly rates (the weekly rate / 40 to the cent, Cresap line 613) times
2080: ``PayRows.annual_hourly``, which the placement kernel hands the rules as ``annual`` for such a person. So
a rule compares an hourly rate with hourly rates and a weekly one with weekly rates, and multiplying is exact.

``decide(p, person, rows, options)`` returns ``(kind, step, value, outcome, owed)``:

- kind STEP: the person is placed on step ``step`` of the row (``value`` is that step's annual rate); the pay is
  the step's rate, for an hourly person on a weekly row the weekly rate / 40 to the cent (Cresap line 613);
- kind KEEP: the person keeps the present pay (``value`` = present annual pay; ``step`` the step it equals, or -1);
- kind COMPUTED: the pay is ``value``, annual cents, computed by the rule (5 per cent above, a limited raise).

``outcome`` is the rule's own index into its OUTCOMES; ``owed`` is annual cents still owed.
"""

from typing import NamedTuple

import numpy as np
from numba import njit

from kernels.config import JIT_OPTIONS

KEEP, STEP, COMPUTED = 0, 1, 2
NO_CAP = -1


class Outcome(NamedTuple):
    code: str  # the rule code shown with every placement, e.g. "A.bump_increment"
    sentence: str  # a template over the fields of simulator.explain; true for every case the code covers
    assumption: str | None = None  # the id in data/ASSUMPTIONS.md the branch rests on


class Person(NamedTuple):
    """Per person (arrays of length n): the kernel's inputs, set by simulator/placement.py."""
    rule: np.ndarray  # int32: the rule's id (kernels.rules.RULES index + 1; 0 excluded)
    row: np.ndarray  # int64: the target pay row
    current: np.ndarray  # int64: present pay, annual cents (own amount x own periods, exact)
    current_own: np.ndarray  # int64: present pay in the person's own unit (cents an hour, week or year)
    own_periods: np.ndarray  # int64: 2080 hourly, 52 weekly, 1 annual
    floor_step: np.ndarray  # int32: Cresap's floor (1 = B from old C-E, 2 = C from old X, Y), else 0
    fixed_step: np.ndarray  # int32: the step a printed table names (highway), else -1
    same_step: np.ndarray  # int32: the index of the old step's name in the new row (teachers: step - 1), else -1
    years_step: np.ndarray  # int32: the step for the years in class, else -1
    direction: np.ndarray  # int8: new grade above (1), below (-1) or not comparable / the same (0)
    pct_bp: np.ndarray  # int32: next_pct's least raise, basis points
    max_raise: np.ndarray  # int64: annual cents a year at most (Schedule D), else NO_CAP
    cap_amount: np.ndarray  # int64: a group's limit on the raise, annual cents, else NO_CAP
    cap_bp: np.ndarray  # int64: a group's limit on the raise, basis points of present pay, else NO_CAP
    old_min: np.ndarray  # int64: the old range's minimum, annual cents (same_position)
    old_max: np.ndarray  # int64: the old range's maximum, annual cents
    premium_bp: np.ndarray  # int32: a special premium, basis points of pay (Cresap lines 788-791)
    premium_add: np.ndarray  # int64: a special premium, annual cents (Cresap line 803)


class PayRows(NamedTuple):
    """The target schedules, one row per (schedule, grade)."""
    rates: np.ndarray  # int64 [rows, max steps]: rates in the row's own basis (weekly or annual), padded 0
    annual: np.ndarray  # int64 [rows, max steps]: the same, annual cents (rates x periods)
    n_steps: np.ndarray  # int32
    increment: np.ndarray  # int64: step-to-step increment, annual cents
    periods: np.ndarray  # int64: 52 weekly, 1 annual
    annual_hourly: np.ndarray  # int64 [rows, max steps]: a weekly row's hourly rates (weekly / 40, half up) x 2080;
    #                            an annual row's annual rates


def make_pay_rows(rates: np.ndarray, n_steps: np.ndarray, increment: np.ndarray, periods: np.ndarray) -> PayRows:
    """PayRows from the rates and increments in each row's own basis (cents a week or a year)."""
    rates = np.ascontiguousarray(rates, np.int64)
    periods = np.asarray(periods, np.int64)
    annual = rates * periods[:, None]
    hourly = (rates + 20) // 40 * 2080
    annual_hourly = np.where(periods[:, None] == 52, hourly, annual)
    return PayRows(rates, annual, np.asarray(n_steps, np.int32), np.asarray(increment, np.int64) * periods, periods,
                   annual_hourly)


class Options(NamedTuple):
    lower_takes_same_step: bool  # Hay: a lower grade takes the comparable step (the 84 % / 16 % analysis)


@njit(**JIT_OPTIONS)
def range_directions(person, rows, by_grade, out):
    """Per person, is the new range higher (1), lower (-1) or level (0) with the present range (Hay lines
    305-307, 950, 986: "ranges higher than their present range"), written into ``out`` before the placement
    kernel runs (the Hay rules read it as ``person.direction``). By pay (A-HAY-RANGE): the new range's rate at
    the step held against the present pay; off the steps, the new range's top against the present range's, and
    where the present range's rates are not known (the 4/74 plan prints none: old_max 1), by grade number: a
    salary off the steps of an unprinted plan may be over its Y or between its steps, so its pay says nothing of
    the range. ``by_grade`` (the option ``hay_range_by = "grade"``): ``person.direction`` as it is, the grade
    numbers' (simulator.placement.direction). One pass over the people, apart from the placement kernel: read
    there per person it cost the kernel a third of its time."""
    for p in range(out.shape[0]):
        s = person.same_step[p]
        if by_grade or (s < 0 and person.old_max[p] <= 1):
            out[p] = person.direction[p]
            continue
        r = person.row[p]
        n = rows.n_steps[r]
        if s >= 0:
            new, old = rows.annual[r, min(s, n - 1)], person.current[p]
        else:
            new, old = rows.annual[r, n - 1], person.old_max[p]
        out[p] = 1 if new > old else (-1 if new < old else 0)


class Placed(NamedTuple):
    """The kernel's outputs, preallocated by ``empty``."""
    amount: np.ndarray  # int64: the new pay in ``unit``
    unit: np.ndarray  # int64: periods a year of amount: 2080, 52 or 1
    base_annual: np.ndarray  # int64: amount x unit
    annual: np.ndarray  # int64: base_annual plus any special premium
    step: np.ndarray  # int32: step index in the row, -1 off-step
    outcome: np.ndarray  # int16: kernels.rules.OUTCOMES index
    owed: np.ndarray  # int64: annual cents still owed
    red: np.ndarray  # bool: above the row's top
    green: np.ndarray  # bool: below the row's bottom


def empty(n: int) -> Placed:
    return Placed(np.empty(n, np.int64), np.empty(n, np.int64), np.empty(n, np.int64), np.empty(n, np.int64),
                  np.empty(n, np.int32), np.empty(n, np.int16), np.empty(n, np.int64), np.empty(n, np.bool_),
                  np.empty(n, np.bool_))


@njit(**JIT_OPTIONS)
def half_up(numerator, denominator):
    """numerator / denominator rounded half up, for numerator >= 0 and denominator > 0."""
    return (numerator + denominator // 2) // denominator


@njit(**JIT_OPTIONS)
def lowest_step_above(annual, row, n, value):
    """Index of the lowest step strictly above ``value``, or -1."""
    for i in range(n):
        if annual[row, i] > value:
            return i
    return -1


@njit(**JIT_OPTIONS)
def lowest_step_at_least(annual, row, n, value):
    """Index of the lowest step at or above ``value``, or -1."""
    for i in range(n):
        if annual[row, i] >= value:
            return i
    return -1


@njit(**JIT_OPTIONS)
def step_of(annual, row, n, value):
    """The step index whose annual rate equals ``value``, else -1 (off-step)."""
    for i in range(n):
        if annual[row, i] == value:
            return i
    return -1


@njit(**JIT_OPTIONS)
def first_step_giving_pct(annual, row, n, current, bp):
    """Lowest step at least ``bp`` basis points above ``current`` (exact, in integers), or -1."""
    for i in range(n):
        if annual[row, i] * 10000 >= current * (10000 + bp):
            return i
    return -1


# --- the plain-Python side, for the references --------------------------------------------------------------

def ref_half_up(numerator: int, denominator: int) -> int:
    from decimal import ROUND_HALF_UP, Decimal

    return int((Decimal(numerator) / Decimal(denominator)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def ref_range_direction(annual: list[int], current: int, same: int, old_max: int, by_grade: bool,
                        direction: int) -> int:
    """range_directions in plain Python, for one person."""
    if by_grade or (same < 0 and old_max <= 1):
        return direction
    new, old = (annual[min(same, len(annual) - 1)], current) if same >= 0 else (annual[-1], old_max)
    return (new > old) - (new < old)


def ref_step_or_off(annual: list[int], value: int) -> int:
    return annual.index(value) if value in annual else -1
