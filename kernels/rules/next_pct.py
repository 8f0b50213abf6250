"""A generic rule for your own schedules: the first step giving at least p per cent.

Not from a seed. p is the scenario's next_pct (or a group's); no step giving it, the top step; at the top, kept;
above it, kept and red-circled.
"""

from numba import njit

from kernels.config import JIT_OPTIONS
from kernels.rules._base import KEEP, STEP, Outcome, first_step_giving_pct

NAME = "next_pct"
KINDS = ()
NEXT_PCT, TOP, AT_TOP, ABOVE_MAX = range(4)
OUTCOMES = (
    Outcome("GEN.next_pct", "Placed at the first step giving at least {pct} per cent: step {new_step} of "
            "{target_schedule} grade {new_grade} at {new_pay}."),
    Outcome("GEN.next_pct_top", "No step gives {pct} per cent, so the top step {new_step} of {target_schedule} "
            "grade {new_grade} at {new_pay}."),
    Outcome("GEN.next_pct_at_top", "Kept at the present {present_pay}, which is the top step of {target_schedule} "
            "grade {new_grade}: no step gives {pct} per cent."),
    Outcome("GEN.next_pct_above_max", "Kept at the present {present_pay}, red-circled: above the top of "
            "{target_schedule} grade {new_grade}."),
)


@njit(**JIT_OPTIONS)
def decide(p, person, rows, options):
    r = person.row[p]
    n = rows.n_steps[r]
    cur = person.current[p]
    j = first_step_giving_pct(rows.annual, r, n, cur, person.pct_bp[p])
    if j >= 0:
        return STEP, j, rows.annual[r, j], NEXT_PCT, 0
    top = rows.annual[r, n - 1]
    if cur < top:
        return STEP, n - 1, top, TOP, 0
    if cur == top:
        return KEEP, n - 1, cur, AT_TOP, 0
    return KEEP, -1, cur, ABOVE_MAX, 0


def reference(annual: list[int], current: int, pct_bp: int) -> tuple:
    from decimal import Decimal

    want = Decimal(current) * (1 + Decimal(pct_bp) / 10000)
    enough = [i for i, rate in enumerate(annual) if Decimal(rate) >= want]
    if enough:
        return STEP, enough[0], annual[enough[0]], "GEN.next_pct", 0
    if current < annual[-1]:
        return STEP, len(annual) - 1, annual[-1], "GEN.next_pct_top", 0
    if current == annual[-1]:
        return KEEP, len(annual) - 1, current, "GEN.next_pct_at_top", 0
    return KEEP, -1, current, "GEN.next_pct_above_max", 0
