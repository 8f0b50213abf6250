"""A generic rule for your own schedules: the same relative position in the new range as in the old.

Not from a seed. new = new minimum + (present - old minimum) x (new range / old range), in annual cents, rounded
half up to the cent (a present pay below the old minimum lands as far below the new one).
"""

from numba import njit

from kernels.config import JIT_OPTIONS
from kernels.rules._base import COMPUTED, Outcome, half_up

NAME = "same_position"
KINDS = ()
SAME_POSITION = 0
OUTCOMES = (
    Outcome("GEN.same_position", "Placed at the same relative position in the range of {target_schedule} grade "
            "{new_grade} as in the old range: {new_pay}."),
)


@njit(**JIT_OPTIONS)
def decide(p, person, rows, options):
    r = person.row[p]
    lo = rows.annual[r, 0]
    hi = rows.annual[r, rows.n_steps[r] - 1]
    span = person.old_max[p] - person.old_min[p]
    offset = person.current[p] - person.old_min[p]
    if offset >= 0:
        return COMPUTED, -1, lo + half_up(offset * (hi - lo), span), SAME_POSITION, 0
    return COMPUTED, -1, lo - half_up(-offset * (hi - lo), span), SAME_POSITION, 0


def reference(annual: list[int], current: int, old_min: int, old_max: int) -> tuple:
    from decimal import ROUND_HALF_UP, Decimal

    exact = Decimal(annual[0]) + Decimal(current - old_min) * (annual[-1] - annual[0]) / Decimal(old_max - old_min)
    sign = 1 if exact >= annual[0] else -1
    new = annual[0] + sign * int(abs(exact - annual[0]).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return COMPUTED, -1, new, "GEN.same_position", 0
