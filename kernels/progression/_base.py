"""What every progression family shares: the plain-Python side of the references (a family's ``reference``
reads a ``Position``: one position's state and the inputs its step reads, as plain numbers and lists).

A family module (``kernels/progression/<family>.py``) holds the seed's words, its ``step`` kernel (the pay change
due on day ``d`` for position ``p``, written into the new state; it returns the rule code, or NO_RULE), what a
replacement hired into it gets (HIRE_AT_STEPS, HIRE_PAY_FROM_HOME, CLOCK), how a general increase treats it
(GI_ON_STEP, GI_CAP_AT_TOP), and a plain-Python ``reference`` written from the words.
"""

import calendar
import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

# the clock a replacement's next look starts on (kernels/year.py, hire)
CLOCK_NONE, CLOCK_TIMETABLE, CLOCK_YEARLY = 0, 1, 2
EPOCH = dt.date(1970, 1, 1)


@dataclass
class Position:
    """One position for a reference: its state (as in kernels.state.State) and what its step reads."""
    step: int
    rate: int
    unit: int
    rates: list[int]  # the row's rates, in its basis
    periods: int  # of the row
    own_periods: int
    owed: int = 0
    next_day: int = 0
    top_since: int = 0
    in_premium: bool = False
    origin: int = 0
    tt: list[int] = field(default_factory=list)  # the timetable's months at each step
    tt_off: int = 0
    u: float = 0.5  # the performance draw
    funded: bool = False
    prm: dict = field(default_factory=dict)


def ref_half_up(numerator: int, denominator: int) -> int:
    return int((Decimal(numerator) / Decimal(denominator)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def ref_add_months(day: int, months: int) -> int:
    """The same day of the month, ``months`` later, clamped to the month's end: with Python's calendar."""
    d = EPOCH + dt.timedelta(days=day)
    total = d.year * 12 + d.month - 1 + months
    y, m = divmod(total, 12)
    last = calendar.monthrange(y, m + 1)[1]
    return (dt.date(y, m + 1, min(d.day, last)) - EPOCH).days


def ref_step_pay(pos: Position, s: int) -> tuple[int, int]:
    """Step s's pay in the person's unit: an hourly person on a weekly row gets weekly / 40, half up."""
    if pos.own_periods == 2080 and pos.periods == 52:
        return ref_half_up(pos.rates[s], 40), 2080
    return pos.rates[s], pos.periods


def ref_rating(u: float, prm: dict) -> int:
    edges = [prm["p_outstanding"], prm["p_outstanding"] + prm["p_fully"],
             prm["p_outstanding"] + prm["p_fully"] + prm["p_acceptable"]]
    return next((i for i, e in enumerate(edges) if u < e), 3)
