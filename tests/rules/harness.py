"""Running one rule through the placement kernel, for the hand cases and the reference comparisons of
tests/rules/test_<rule>.py. Rates are the seeds' own: Cresap Schedule A grade 7 (weekly $80-$104 by $4),
Schedule B grade E ($15,000-$21,000), Schedule C II bachelor ($120-$180 weekly, ten $6 increments), Schedule D
$15,000 and the Assistant Attorney General II range ($9,500-$13,000), Hay Schedule I grade 10 ($6,786-$9,094)."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from hypothesis import strategies as st

from kernels import rules as R
from kernels.place import place_kernel
from kernels.rules._base import (
    NO_CAP,
    Options,
    PayRows,
    Person,
    empty,
    make_pay_rows,
    range_directions,
    ref_half_up,
)

ROWS = {  # name: (rates in the row's basis, increment in the row's basis, periods)
    "A7": ([8000, 8400, 8800, 9200, 9600, 10000, 10400], 400, 52),
    "A1": ([5700, 6000, 6300, 6600, 6900, 7200, 7500], 300, 52),  # hourly $1.43 ... $1.88: half-up cents
    "B_E": ([1_500_000, 1_650_000, 1_800_000, 1_950_000, 2_100_000], 150_000, 1),
    "C_II": ([12000 + 600 * i for i in range(11)], 600, 52),
    "D_15": ([1_500_000], 0, 1),
    "D_AAG2": ([950_000, 1_300_000], 350_000, 1),
    "I_10": ([678_600, 712_500, 748_100, 785_600, 824_900, 866_100, 909_400], 33_900, 1),
}
PERIODS = {"annual": 1, "weekly": 52, "hourly": 2080}


class Result(NamedTuple):
    annual: int  # new pay, annual cents (before any special premium)
    step: int
    code: str
    owed: int  # annual cents
    red: bool
    green: bool
    amount: int  # new pay in its unit
    unit: int
    with_premium: int  # annual cents, with any special premium


def pay_rows(rows: dict) -> PayRows:
    names = list(rows)
    width = max(len(r[0]) for r in rows.values())
    rates = np.zeros((len(names), width), np.int64)
    for i, nm in enumerate(names):
        rates[i, : len(rows[nm][0])] = rows[nm][0]
    periods = np.array([rows[nm][2] for nm in names], np.int64)
    return make_pay_rows(rates, [len(rows[nm][0]) for nm in names], [rows[nm][1] for nm in names], periods)


def people(persons: list[dict], row_names: list[str]) -> Person:
    def a(key, dtype, default):
        return np.array([p.get(key, default) for p in persons], dtype)

    own = a("own_periods", np.int64, 1)
    cur_own = a("current_own", np.int64, 0)
    return Person(
        rule=np.array([R.RULE_ID.get(p["rule"], R.EXCLUDED) for p in persons], np.int32),
        row=np.array([row_names.index(p["row"]) for p in persons], np.int64), current=cur_own * own,
        current_own=cur_own, own_periods=own, floor_step=a("floor", np.int32, 0), fixed_step=a("fixed", np.int32, -1),
        same_step=a("same", np.int32, -1), years_step=a("years", np.int32, -1), direction=a("direction", np.int8, 0),
        pct_bp=a("pct_bp", np.int32, 500), max_raise=a("max_raise", np.int64, NO_CAP),
        cap_amount=a("cap_amount", np.int64, NO_CAP), cap_bp=a("cap_bp", np.int64, NO_CAP),
        old_min=a("old_min", np.int64, 0), old_max=a("old_max", np.int64, 1), premium_bp=a("premium_bp", np.int32, 0),
        premium_add=a("premium_add", np.int64, 0))


def run_many(persons: list[dict], rows: dict = ROWS, lower_same: bool = False, by_grade: bool = False) -> list[Result]:
    out = empty(len(persons))
    person, pr = people(persons, list(rows)), pay_rows(rows)
    direction = np.empty(len(persons), np.int8)
    range_directions(person, pr, by_grade, direction)  # as simulator.placement.with_range does
    place_kernel(person._replace(direction=direction), pr, Options(lower_same), R.OUTCOME_BASE, out)
    return [Result(int(out.base_annual[i]), int(out.step[i]), R.CODES[out.outcome[i]], int(out.owed[i]),
                   bool(out.red[i]), bool(out.green[i]), int(out.amount[i]), int(out.unit[i]), int(out.annual[i]))
            for i in range(len(persons))]


def run(rule: str, row: str, *, annual=None, weekly=None, hourly=None, lower_same=False, by_grade=False,
        **fields) -> Result:
    """One person under ``rule`` on ``row``, paid ``annual``, ``weekly`` or ``hourly`` cents."""
    basis, amount = next((b, v) for b, v in (("annual", annual), ("weekly", weekly), ("hourly", hourly))
                         if v is not None)
    person = dict(rule=rule, row=row, current_own=amount, own_periods=PERIODS[basis], **fields)
    return run_many([person], ROWS, lower_same, by_grade)[0]


@st.composite
def random_rows(draw, periods=(1, 52)):
    """A few strictly increasing pay rows, weekly or annual."""
    rows = {}
    for i in range(draw(st.integers(1, 4))):
        n = draw(st.integers(1, 8))
        start = draw(st.integers(1_000, 500_000))
        rates = [start]
        for g in draw(st.lists(st.integers(1, 50_000), min_size=n - 1, max_size=n - 1)):
            rates.append(rates[-1] + g)
        increment = rates[1] - rates[0] if n > 1 else 0
        rows[f"r{i}"] = (rates, increment, draw(st.sampled_from(periods)))
    return rows


@st.composite
def random_people(draw, rows: dict, rule: str, count: int = 30):
    """People under ``rule`` on ``rows``, paid in any unit, with every input the rules read."""
    out = []
    for _ in range(count):
        row = draw(st.sampled_from(list(rows)))
        own = draw(st.sampled_from([1, 52, 2080]))
        annual_top = rows[row][0][-1] * rows[row][2]
        if own == 2080 and rows[row][2] == 52:  # on a step: the hourly rates, weekly / 40 half up
            on_step = [ref_half_up(r, 40) for r in rows[row][0]]
        else:
            on_step = [r * rows[row][2] // own for r in rows[row][0] if r * rows[row][2] % own == 0]
        current = draw(st.one_of(st.integers(1, annual_top * 13 // 10 // own + 1), st.sampled_from(on_step or [1])))
        n = len(rows[row][0])
        out.append(dict(rule=rule, row=row, current_own=current, own_periods=own,
                        old_step=draw(st.sampled_from([None, "A", "B", "C", "D", "E", "X", "Y"])),
                        fixed=draw(st.integers(0, n - 1)), same=draw(st.integers(-1, n + 1)),
                        years=draw(st.integers(-1, n + 1)), direction=draw(st.sampled_from([-1, 0, 1])),
                        pct_bp=draw(st.integers(0, 2_000)), max_raise=draw(st.sampled_from([NO_CAP, 0, 100_000,
                                                                                           200_000])),
                        old_min=draw(st.integers(0, 300_000)), old_span=draw(st.integers(1, 300_000))))
    for p in out:
        p["floor"] = {"C": 1, "D": 1, "E": 1, "X": 2, "Y": 2}.get(p["old_step"] or "", 0)
        p["old_max"] = p["old_min"] + p.pop("old_span")
    return out


def compare_with_reference(rows: dict, persons: list[dict], reference, lower_same: bool = False,
                           by_grade: bool = False) -> None:
    """The kernel against the rule's plain-Python reference, person by person: the code, the annual value, the
    step where the reference places one, and what is owed."""
    got = run_many(persons, rows, lower_same, by_grade)
    for p, g in zip(persons, got):
        rates, increment, periods = rows[p["row"]]
        if p["own_periods"] == 2080 and periods == 52:  # an hourly person: the hourly rates, weekly / 40 half up
            annual = [ref_half_up(r, 40) * 2080 for r in rates]
        else:
            annual = [r * periods for r in rates]
        kind, step, value, code, owed = reference(annual, increment * periods, p)
        assert (g.code, g.annual, g.owed) == (code, value, owed), (p, g)
        expected_step = step if step >= 0 or kind != 2 else (annual.index(value) if value in annual else -1)
        if kind != 2:
            assert g.step == expected_step, (p, g)
        assert g.red == (value > annual[-1]) and g.green == (value < annual[0]), (p, g)
