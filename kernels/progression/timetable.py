"""Automatic steps by months of service: the 1966 plan (the baseline of Cresap 1967), a scenario's own old plan
(its months), and annual_step (a step a year on the anniversary of the change, on the yearly timetable).

    "A - Starting; B - after 6 months; C - after one and one-half years; D - after two and one-half years;
    E - after three and one-half years; X - after eight years; Y - after fifteen years"  (Cresap lines 673-684)

A position moves one step when its service reaches the next step's months; past the last step of the
timetable or of its pay row, no more.
"""

from numba import njit

from kernels.calendar import NEVER, add_months
from kernels.config import INLINE_OPTIONS
from kernels.progression._base import CLOCK_TIMETABLE, Position, ref_add_months, ref_step_pay
from kernels.state import NO_RULE, R_STEP, step_pay

NAME = "timetable"
HIRE_AT_STEPS, HIRE_PAY_FROM_HOME, CLOCK = True, False, CLOCK_TIMETABLE
GI_ON_STEP, GI_CAP_AT_TOP = True, False


@njit(**INLINE_OPTIONS)
def next_step(p, who, pay, new):
    """Move position p one step along its timetable if there is one; set the day of the next. True if moved."""
    tt_p, tt_off = who.tt, who.tt_off
    last = pay.tt_len[tt_p] - 1
    s_tt = new.step[p] + tt_off
    moved = s_tt < last
    if moved:
        new.step[p] += 1
        s_tt += 1
    new.next_day[p] = add_months(new.origin[p], pay.tt_months[tt_p, s_tt + 1]) if s_tt < last else NEVER
    return moved


@njit(**INLINE_OPTIONS)
def step(p, d, who, pay, prm, new):
    if new.step[p] >= pay.n_steps[new.row[p]] - 1:  # at the row's top: a timetable longer than the row (a step a
        new.next_day[p] = NEVER  # year on a schedule of a scenario's own) goes no further than its last step
        return NO_RULE
    if not next_step(p, who, pay, new):
        return NO_RULE
    new.rate[p], new.unit[p] = step_pay(pay.rates, pay.periods, new.row[p], new.step[p],
                                        who.own)
    return R_STEP


def ref_next_step(pos: Position) -> tuple[int, int, bool]:
    """(step, next day, moved) by the timetable's months."""
    last = len(pos.tt) - 1
    here = pos.step + pos.tt_off
    moved = here < last
    here += moved
    nxt = ref_add_months(pos.origin, pos.tt[here + 1]) if here < last else NEVER
    return pos.step + moved, nxt, moved


def reference(pos: Position, d: int) -> dict:
    if pos.step >= len(pos.rates) - 1:  # at the row's top
        return {"step": pos.step, "next_day": NEVER, "rule": NO_RULE}
    step_, nxt, moved = ref_next_step(pos)
    out = {"step": step_, "next_day": nxt, "rule": R_STEP if moved else NO_RULE}
    if moved:
        out["rate"], out["unit"] = ref_step_pay(pos, step_)
    return out
