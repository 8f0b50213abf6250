"""One position through a progression family's ``step`` kernel, beside the family's plain-Python
``reference``: random pay rows, states and draws (hypothesis), every field the reference names compared, and
every other field of the state left as it was."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

from kernels.progression import FAMILY_ID, progress
from kernels.progression._base import Position
from kernels.state import (
    MERIT_CAP_MAX,
    MERIT_CAP_Q3,
    NOT_VACANT,
    Params,
    Pay,
    State,
    Who,
    step_pay,
)
from simulator.params import printed

TIMETABLES = [[0, 6, 18, 30, 42, 96, 180], [0, 6, 18, 30, 42, 60, 84], [0, 96, 180], [12 * k for k in range(11)]]
FIELDS = ("step", "rate", "unit", "owed", "next_day", "top_since", "in_premium", "origin")


@st.composite
def prm(draw) -> dict:
    """Parameters: the printed merit matrix and caps, random shares."""
    shares = draw(st.lists(st.floats(0, 0.4), min_size=3, max_size=3))
    p = printed()
    two = draw(st.floats(0, 1))
    return dict(p_outstanding=shares[0], p_fully=shares[1], p_acceptable=shares[2],
                deny=draw(st.floats(0, 0.3)), double=draw(st.floats(0, 0.3)), p_merit=draw(st.floats(0, 1)),
                p_two_steps=two, p_twice=draw(st.floats(0, 1 - two)), max_raise=draw(st.integers(1, 400_000)),
                merit_bp=p["merit_bp"], merit_cap=[[MERIT_CAP_Q3 if q else MERIT_CAP_MAX for q in row]
                                                   for row in p["merit_cap_q3"]])


@st.composite
def position(draw, family: str) -> Position:
    """A position of ``family`` in a state the family can be in (the year kernel's own preconditions)."""
    tt = draw(st.sampled_from(TIMETABLES))
    on_timetable = family in ("timetable", "pct_steps", "review")
    tt_off = draw(st.integers(0, 2)) if on_timetable and len(tt) > 3 else 0
    n = len(tt) - tt_off if on_timetable else draw(st.integers(1, 11))
    start = draw(st.integers(2_000, 500_000))
    rates = [start]
    for gap in draw(st.lists(st.integers(1, 40_000), min_size=n - 1, max_size=n - 1)):
        rates.append(rates[-1] + gap)
    periods = draw(st.sampled_from([52, 1]))
    own = draw(st.sampled_from([52, 2080] if periods == 52 else [1, 2080]))
    on_step = family in ("timetable", "pct_steps") or draw(st.booleans())
    step = draw(st.integers(0, n - 1)) if on_step else -1
    if step >= 0:
        arr = np.array([rates], np.int64)
        rate, unit = step_pay(arr, np.array([periods], np.int64), 0, step, own)
        rate, unit = int(rate), int(unit)
    else:
        unit = own
        rate = draw(st.integers(1, rates[-1] * periods * 13 // 10 // own + 2))
    if family in ("pct_steps", "teacher_scaled"):
        unit = own
    return Position(step=step, rate=rate, unit=unit, rates=rates, periods=periods, own_periods=own,
                    owed=draw(st.integers(0, 600_000)) if family == "single_rate" else 0,
                    next_day=draw(st.integers(-1000, 20_000)), top_since=draw(st.integers(-1000, 20_000)),
                    in_premium=step < 0 and family == "review" and draw(st.booleans()),
                    origin=draw(st.integers(-5000, 20_000)), tt=tt, tt_off=tt_off, u=draw(st.floats(0, 0.999999)),
                    funded=family == "hay_merit" and draw(st.booleans()), prm=draw(prm()))


def run(module, pos: Position, d: int) -> tuple[State, int]:
    """The family's kernel on this one position, through the year kernel's dispatch (``progress``, by the
    position's family id): the new state and the rule code."""
    width = len(pos.rates)
    tt_months = np.zeros((1, 11), np.int64)
    tt_months[0, : len(pos.tt)] = pos.tt
    p = pos.prm
    pay = Pay(np.array([pos.rates], np.int64), np.array([width], np.int32), np.array([pos.periods], np.int64),
              np.zeros(1, np.int64), np.zeros(1, np.int64), tt_months, np.array([len(pos.tt)], np.int64),
              np.array(p["merit_bp"], np.int64), np.array(p["merit_cap"], np.int64), np.full(1, -1, np.int32))
    params = Params(0.0, 0.0, 0, p["deny"], p["double"], p["p_outstanding"], p["p_fully"], p["p_acceptable"],
                    p["p_merit"], p["p_two_steps"], 0.03, 0.0, 0.0, 500, 36, 500, 50, 60, 10_000, p["max_raise"],
                    30)._replace(p_twice=p.get("p_twice", 0.0))
    who = Who(pos.u, 0, pos.tt_off, pos.own_periods, pos.funded)
    state = State(np.array([FAMILY_ID[module.NAME]], np.int8), np.zeros(1, np.int32), np.array([pos.step], np.int32),
                  np.array([pos.rate], np.int64), np.array([pos.unit], np.int64), np.array([pos.owed], np.int64),
                  np.array([pos.next_day], np.int64), np.array([pos.top_since], np.int64),
                  np.array([pos.in_premium]), np.array([pos.origin], np.int64), np.zeros(1, np.int64),
                  np.zeros(1, np.int64), np.array([NOT_VACANT], np.int64), np.zeros(1, np.int32),
                  np.zeros(1, np.int64))
    rule = progress(0, d, who, pay, params, state)
    return state, int(rule)


def check(module, pos: Position, d: int) -> None:
    """The kernel equals the reference on every field the reference names; the others are unchanged."""
    before = {f: getattr(pos, f) for f in FIELDS}
    state, rule = run(module, pos, d)
    want = {**before, **module.reference(pos, d)}
    got = {f: type(before[f])(getattr(state, f)[0]) for f in FIELDS}
    assert (rule, got) == (want.pop("rule"), want), (pos, d)
