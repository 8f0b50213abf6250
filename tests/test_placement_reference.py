"""The kernel against the naive reference (tests/naive.py) on random pay rows and people."""

from decimal import Decimal

import naive
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from kernels import placement as k
from simulator.explain import RULE_CODES

RULE_NAMES = {
    k.CRESAP_A: "cresap_a", k.QUARTER_POINTS: "quarter_points", k.TEACHER_SAME: "teacher_same",
    k.TEACHER_NEXT: "teacher_next", k.SINGLE_RATE: "single_rate", k.HAY_SAME_STEP: "hay_same_step",
    k.HAY_PROMOTION: "hay_promotion", k.TO_MINIMUM: "to_minimum", k.CLOSEST_STEP: "closest_step",
    k.YEARS_IN_CLASS: "years_in_class", k.NEXT_PCT: "next_pct", k.SAME_POSITION: "same_position",
    k.FIXED_STEP: "fixed_step",
}


@st.composite
def pay_row(draw):
    n = draw(st.integers(1, 8))
    start = draw(st.integers(1_000, 500_000))
    gaps = draw(st.lists(st.integers(1, 50_000), min_size=n - 1, max_size=n - 1))
    rates = [start]
    for g in gaps:
        rates.append(rates[-1] + g)
    return rates


@st.composite
def person(draw, n_rows):
    rule = draw(st.sampled_from(list(RULE_NAMES)))
    return dict(
        rule=rule, row=draw(st.integers(0, n_rows - 1)), current=draw(st.integers(0, 700_000)),
        old_step=draw(st.sampled_from([None, "A", "B", "C", "D", "E", "X", "Y"])),
        fixed=draw(st.integers(0, 7)), same=draw(st.integers(-1, 8)), years=draw(st.integers(-1, 9)),
        direction=draw(st.sampled_from([-1, 0, 1])), pct_bp=draw(st.integers(0, 2_000)),
        max_raise=draw(st.sampled_from([-1, 0, 100_000, 200_000])),
        cap_amount=draw(st.sampled_from([-1, -1, 0, 5_000, 200_000])),
        cap_bp=draw(st.sampled_from([-1, -1, 250, 1_000])),
        old_min=draw(st.integers(0, 300_000)), old_span=draw(st.integers(1, 300_000)),
        lower_same=draw(st.booleans()), teacher_step=draw(st.integers(1, 11)),
    )


def reference(p, rates, increment, periods):
    rule, cur = p["rule"], p["current"]
    if rule == k.CRESAP_A:
        res = naive.cresap_a(rates, increment, cur, p["old_step"])
    elif rule == k.FIXED_STEP:
        i = min(p["fixed"], len(rates) - 1)
        res = (rates[i], i, "HWY.crosswalk", 0)
    elif rule == k.QUARTER_POINTS:
        res = naive.quarter_points(rates, cur)
    elif rule == k.TEACHER_SAME:
        res = naive.teacher_same(rates, p["teacher_step"])
    elif rule == k.TEACHER_NEXT:
        res = naive.teacher_next(rates, increment, cur)
    elif rule == k.SINGLE_RATE:
        res = naive.single_rate(rates, cur, p["max_raise"])
    elif rule == k.HAY_SAME_STEP:
        res = naive.hay_same_step(rates, cur, p["same"], p["direction"], p["lower_same"])
    elif rule == k.HAY_PROMOTION:
        res = naive.hay_promotion(rates, cur)
    elif rule == k.TO_MINIMUM:
        res = naive.to_minimum(rates, cur)
    elif rule == k.CLOSEST_STEP:
        res = naive.closest_step(rates, cur)
    elif rule == k.YEARS_IN_CLASS:
        res = naive.years_in_class(rates, cur, p["years"])
    elif rule == k.NEXT_PCT:
        res = naive.next_pct(rates, cur, Decimal(p["pct_bp"]) / 100)
    else:
        res = naive.same_position(rates, cur, p["old_min"], p["old_min"] + p["old_span"])
    cap_pct = None if p["cap_bp"] < 0 else Decimal(p["cap_bp"]) / 100
    return naive.apply_cap(rates, cur, res, p["cap_amount"], cap_pct, periods)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_kernel_equals_naive_reference(data):
    rows = data.draw(st.lists(pay_row(), min_size=1, max_size=5))
    periods = np.array(data.draw(st.lists(st.sampled_from([1, 52]), min_size=len(rows), max_size=len(rows))),
                       np.int64)
    people = data.draw(st.lists(person(len(rows)), min_size=1, max_size=40))
    width = max(len(r) for r in rows)
    rates = np.zeros((len(rows), width), np.int64)
    for i, r in enumerate(rows):
        rates[i, : len(r)] = r
    n_steps = np.array([len(r) for r in rows], np.int32)
    increment = np.array([r[1] - r[0] if len(r) > 1 else 0 for r in rows], np.int64)
    n = len(people)

    def col(key, dtype, f=lambda v: v):
        return np.array([f(p[key]) for p in people], dtype)

    ords = {None: -1, "A": 0, "B": 1, "C": 2, "D": 3, "E": 4, "X": 5, "Y": 6}
    floor = np.array([{"C": 1, "D": 1, "E": 1, "X": 2, "Y": 2}.get(p["old_step"], 0) if p["rule"] == k.CRESAP_A
                      else 0 for p in people], np.int32)
    fixed = np.array([min(p["fixed"], n_steps[p["row"]] - 1) for p in people], np.int32)
    same = np.array([p["teacher_step"] - 1 if p["rule"] == k.TEACHER_SAME else p["same"] for p in people],
                    np.int32)
    assert ords  # the old-step ordinal is only used through the floor here
    out = k.empty_outputs(n)
    k.place_kernel(col("rule", np.int32), col("row", np.int64), col("current", np.int64), floor, fixed, same,
                   col("years", np.int32), col("direction", np.int8), col("pct_bp", np.int32),
                   col("max_raise", np.int64), col("cap_amount", np.int64), col("cap_bp", np.int64),
                   col("old_min", np.int64), np.array([p["old_min"] + p["old_span"] for p in people], np.int64),
                   col("lower_same", np.bool_), rates, n_steps, increment, periods, *out)
    new_rate, new_step, outcome, owed, red, green = out
    for i, p in enumerate(people):
        r = rows[p["row"]]
        want = reference(p, r, int(increment[p["row"]]), int(periods[p["row"]]))
        got = (int(new_rate[i]), int(new_step[i]), RULE_CODES[outcome[i]], int(owed[i]))
        assert got == want, (p, r)
        assert bool(red[i]) == (got[0] > r[-1]) and bool(green[i]) == (got[0] < r[0])
