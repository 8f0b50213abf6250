"""A slow, plain-Python reading of each placement rule, written from the seeds' words (after stumpy's
tests/naive.py). It shares no code with kernels/placement.py: money is handled with Decimal, steps are
searched with list comprehensions. The tests compare it with the kernel on random inputs.

Every function returns (new_rate_cents, step_index or -1, rule_code, owed_cents).
"""

from decimal import ROUND_HALF_UP, Decimal


def pct_of(cents: int, pct: Decimal) -> int:
    """cents x (1 + pct/100), rounded half up to the cent."""
    return int((Decimal(cents) * (1 + pct / 100)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def step_or_off(rates, value):
    return rates.index(value) if value in rates else -1


def cresap_a(rates, increment, current, old_step):
    above = [i for i, r in enumerate(rates) if r > current]
    if not above:
        return current, step_or_off(rates, current), "A.above_max", 0
    i, code = above[0], "A.lowest_above"
    if rates[i] - current < increment and i < len(rates) - 1:
        i, code = i + 1, "A.bump_increment"
    floor = min({"C": 1, "D": 1, "E": 1, "X": 2, "Y": 2}.get(old_step, 0), len(rates) - 1)
    if floor > i:
        i, code = floor, ("A.floor_B" if floor == 1 else "A.floor_C")
    return rates[i], i, code, 0


def quarter_points(points, current):
    if current > points[-1]:
        return current, -1, "B.above_max", 0
    above = [p for p in points if p > current]
    target, code = (above[0] if above else points[-1]), "B.to_point"
    five = pct_of(current, Decimal(5))
    if target < five:
        target, code = five, "B.min_5pct"
    if target > points[-1]:
        target, code = points[-1], "B.capped_at_max"
    return target, step_or_off(points, target), code, 0


def teacher_next(rates, increment, current):
    above = [i for i, r in enumerate(rates) if r > current]
    if not above:
        return current, step_or_off(rates, current), "C.above_max", 0
    i = above[0]
    if rates[i] - current < increment and i + 1 < len(rates):
        return rates[i + 1], i + 1, "C.bump_increment", 0
    return rates[i], i, "C.next_higher", 0


def teacher_same(rates, teacher_step):
    i = min(teacher_step - 1, len(rates) - 1)
    return rates[i], i, "C.same_step", 0


def single_rate(rates, current, max_raise):
    rate = rates[0]
    if current > rate:
        return current, -1, "D.above_rate", 0
    if max_raise >= 0 and rate - current > max_raise:
        paid = current + max_raise
        return paid, step_or_off(rates, paid), "D.raise_capped", rate - paid
    return rate, 0, "D.single_rate", 0


def hay_same_step(rates, current, same_idx, direction, lower_same):
    if same_idx < 0:
        ok = [i for i, r in enumerate(rates) if r >= current]
        if not ok:
            return current, -1, "HAY.above_max", 0
        return rates[ok[0]], ok[0], "HAY.offstep_closest", 0
    s = min(same_idx, len(rates) - 1)
    if direction < 0 and not lower_same:
        return current, step_or_off(rates, current), "HAY.retain_lower", 0
    if direction < 0:
        return rates[s], s, "HAY.same_step_lower", 0
    return rates[s], s, "HAY.same_step", 0


def hay_promotion(rates, current):
    five = Decimal(current) * Decimal("1.05")
    if current < rates[0]:
        if Decimal(rates[0]) < five and len(rates) > 1:
            return rates[1], 1, "HAY.promotion_to_B", 0
        return rates[0], 0, "HAY.promotion_to_A", 0
    if current >= rates[-1]:
        return current, step_or_off(rates, current), "HAY.above_max", 0
    nxt = [i for i, r in enumerate(rates) if r > current][0]
    if Decimal(rates[nxt]) >= five:
        return rates[nxt], nxt, "HAY.promotion_next", 0
    enough = [i for i, r in enumerate(rates) if Decimal(r) >= five]
    if not enough:
        return rates[-1], len(rates) - 1, "HAY.promotion_cap_Y", 0
    return rates[enough[0]], enough[0], "HAY.promotion_5pct", 0


def to_minimum(rates, current):
    if current < rates[0]:
        return rates[0], 0, "GEN.to_minimum", 0
    if current > rates[-1]:
        return current, -1, "GEN.above_max", 0
    return current, step_or_off(rates, current), "GEN.no_change", 0


def closest_step(rates, current, code="GEN.closest_step"):
    ok = [i for i, r in enumerate(rates) if r >= current]
    if not ok:
        return current, -1, "GEN.above_max", 0
    return rates[ok[0]], ok[0], code, 0


def years_in_class(rates, current, years_idx):
    y = min(years_idx, len(rates) - 1)
    if years_idx >= 0 and rates[y] >= current:
        return rates[y], y, "GEN.years_in_class", 0
    return closest_step(rates, current, "GEN.years_fallback")


def next_pct(rates, current, pct: Decimal):
    want = Decimal(current) * (1 + pct / 100)
    ok = [i for i, r in enumerate(rates) if Decimal(r) >= want]
    if ok:
        return rates[ok[0]], ok[0], "GEN.next_pct", 0
    if current < rates[-1]:
        return rates[-1], len(rates) - 1, "GEN.next_pct_top", 0
    return current, step_or_off(rates, current), "GEN.above_max", 0


def same_position(rates, current, old_min, old_max):
    frac = Decimal(current - old_min) / Decimal(old_max - old_min)
    exact = Decimal(rates[0]) + frac * (rates[-1] - rates[0])
    sign = 1 if exact >= rates[0] else -1
    new = rates[0] + sign * int((abs(exact - rates[0])).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return new, step_or_off(rates, new), "GEN.same_position", 0


def apply_cap(rates, current, result, cap_amount, cap_pct, periods):
    """A per-person limit on the annual raise: amount (cents a year) and/or percent of annual pay."""
    new, step, code, owed = result
    if new <= current or (cap_amount < 0 and cap_pct is None):
        return result
    limits = []
    if cap_amount >= 0:
        limits.append(("CAP.amount", cap_amount))
    if cap_pct is not None:
        limits.append(("CAP.pct", pct_of(current * periods, cap_pct) - current * periods))
    which, cap = min(limits, key=lambda x: (x[1], x[0] == "CAP.pct"))  # a tie is the amount's
    if (new - current) * periods <= cap:
        return result
    capped = current + cap // periods
    return capped, step_or_off(rates, capped), which, owed + new - capped
