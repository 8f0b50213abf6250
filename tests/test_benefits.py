"""Retirement plans, benefits and funding splits: each kernel against a plain-Python reference on random inputs,
and hand-computed cases per branch (a tier by hire date, the rule of 80, a wage cap, an amount per FTE prorated by
the days paid, a split to the cent)."""

import datetime as dt
from fractions import Fraction

import numpy as np
import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from kernels.benefits import NO_CAP, PCT, PER_FTE, Items, benefit_costs, reference
from kernels.calendar import NEVER
from kernels.state import Bands
from kernels.year import eligible, separation_rate
from simulator import funds
from simulator.retirement import Retirement, Tier, tier_table

DAY = 365.25


def bands(ret: Retirement, rates=((200.0, float("inf"), 0.0),)) -> Bands:
    tiers, first = tier_table(ret)
    r = np.array(rates, np.float64)
    return Bands(r[:, 0].copy(), r[:, 1].copy(), r[:, 2].copy(), tiers, first)


def days(d: dt.date) -> int:
    return (d - dt.date(1970, 1, 1)).days


PERS = Retirement({"pers": [Tier(hired_before=dt.date(2011, 7, 1), age=62, rule_of=80), Tier(age=65, rule_of=90)],
                   "safety": [Tier(age=55, service=25)]}, "pers", "scenario")


def test_a_tier_by_hire_date_and_the_rule_of_80_by_hand():
    b = bands(PERS)
    old_hire, new_hire = days(dt.date(2000, 1, 1)), days(dt.date(2015, 1, 1))
    # hired in 2000 (the first tier): age + service reach 80 years of 365.25 days (29,220 days): 55 years (20,089
    # days, with 14 leap days) and 25 years (9,131 days) are eligible; a day short is not
    assert eligible(0, old_hire, 20_089, 9_131, b)
    assert not eligible(0, old_hire, 20_089, 9_130, b)
    # hired in 2015 (the second tier): 80 is not 90; at 65 yes, whatever the service
    assert not eligible(0, new_hire, int(55 * DAY), int(25 * DAY), b)
    assert eligible(0, new_hire, int(60 * DAY), int(30 * DAY), b)
    assert eligible(0, new_hire, int(65 * DAY), 0, b)
    assert not eligible(0, new_hire, int(64 * DAY), int(10 * DAY), b)
    # the public-safety plan: 25 years at any age, or 55
    assert eligible(1, new_hire, int(45 * DAY), int(25 * DAY), b)
    assert not eligible(1, new_hire, int(54 * DAY), int(24 * DAY), b)
    # no plan: never
    assert not eligible(-1, old_hire, int(90 * DAY), int(60 * DAY), b)


def eligible_reference(plan, hire_day, age, service, ret: Retirement) -> bool:
    if plan < 0:
        return False
    tiers = list(ret.plans.values())[plan]
    tier = next((t for t in tiers if t.hired_before is None or hire_day < days(t.hired_before)), tiers[-1])

    def d(years):
        return NEVER if years is None else int(years * DAY)
    with_age, with_service = tier.age_and_service or (None, 0)
    return (age >= d(tier.age) or (age >= d(with_age) and service >= d(with_service)) or service >= d(tier.service)
            or age + service >= d(tier.rule_of))


@settings(max_examples=300, deadline=None)
@given(st.integers(-1, 1), st.integers(days(dt.date(1980, 1, 1)), days(dt.date(2030, 1, 1))),
       st.integers(18 * 365, 80 * 365), st.integers(0, 50 * 365))
def test_eligibility_equals_its_reference(plan, hire_day, age, service):
    assert eligible(plan, hire_day, age, service, bands(PERS)) == eligible_reference(plan, hire_day, age, service, PERS)


def test_separation_bands_by_age_and_service_by_hand():
    b = bands(Retirement(), rates=((30, 2, 0.3), (30, float("inf"), 0.1), (200, float("inf"), 0.04)))
    assert separation_rate(25.0, 1.0, b) == 0.3  # young and new
    assert separation_rate(25.0, 5.0, b) == 0.1  # young, past two years
    assert separation_rate(45.0, 1.0, b) == 0.04
    assert separation_rate(250.0, 1.0, b) == 0.0  # past every band


def items(kinds, values, caps) -> Items:
    return Items(np.array(kinds, np.int8), np.array(values, np.int64), np.array(caps, np.int64))


def test_benefits_by_hand_a_wage_cap_and_an_amount_per_fte():
    # FICA 6.2 % up to $176,100; health $12,000 per FTE a year; retirement 12 % (class 0) or 18.5 % (class 1)
    it = items([PCT, PER_FTE, PCT], [[62_000, 62_000], [1_200_000, 1_200_000], [120_000, 185_000]],
               [17_610_000, NO_CAP, NO_CAP])
    cash = np.array([20_000_000, 5_000_000, 2_500_000], np.int64)  # $200,000; $50,000; $25,000 (half a year)
    annual = np.array([20_000_000, 5_000_000, 0], np.int64)  # the third position vacant at the year's end
    paid_days = np.array([365, 365, 183], np.int32)
    fte_k = np.array([1000, 1000, 500], np.int64)
    klass = np.array([0, 1, 0], np.int32)
    out_c, out_a, totals = np.zeros(3, np.int64), np.zeros(3, np.int64), np.zeros((3, 2), np.int64)
    benefit_costs(cash, annual, paid_days, fte_k, klass, it, 365, out_c, out_a, totals)
    # FICA: $176,100 x 6.2 % = $10,918.20 (the cap); $3,100.00; $1,550.00
    assert totals[0, 0] == 1_091_820 + 310_000 + 155_000
    # health: $12,000; $12,000; $12,000 x 0.5 x 183 / 365 = $3,008.219... -> $3,008.22
    assert totals[1, 0] == 1_200_000 + 1_200_000 + 300_822
    assert totals[1, 1] == 1_200_000 + 1_200_000  # the vacant position pays none at the year's end
    # retirement: $24,000.00; $9,250.00 (18.5 %); $3,000.00
    assert totals[2, 0] == 2_400_000 + 925_000 + 300_000
    assert out_c.tolist() == [1_091_820 + 1_200_000 + 2_400_000, 310_000 + 1_200_000 + 925_000,
                              155_000 + 300_822 + 300_000]


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 60), st.integers(1, 4), st.integers(1, 3), st.integers(0, 2**31))
def test_benefit_costs_equal_their_reference(n, k_items, classes, seed):
    rng = np.random.default_rng(seed)
    it = items(rng.integers(0, 2, k_items), rng.integers(0, 300_000, (k_items, classes)),
               np.where(rng.random(k_items) < 0.5, NO_CAP, rng.integers(0, 10**7, k_items)))
    cash = rng.integers(0, 3 * 10**7, n).astype(np.int64)
    annual = np.where(rng.random(n) < 0.2, 0, rng.integers(0, 3 * 10**7, n)).astype(np.int64)
    paid_days = rng.integers(0, 367, n).astype(np.int32)
    fte_k = rng.integers(1, 1001, n).astype(np.int64)
    klass = rng.integers(0, classes, n).astype(np.int32)
    out_c, out_a, totals = np.zeros(n, np.int64), np.zeros(n, np.int64), np.zeros((k_items, 2), np.int64)
    benefit_costs(cash, annual, paid_days, fte_k, klass, it, 366, out_c, out_a, totals)
    per_c, per_a, tot = reference(cash, annual, paid_days, fte_k, klass, it, 366)
    assert out_c.tolist() == per_c and out_a.tolist() == per_a and totals.tolist() == tot


def test_a_split_by_hand():
    # $100.01 at 60 / 40: general $60.01 (60.006 rounds up: the larger remainder), federal $40.00
    frame = pl.DataFrame({"year": [1], "fund": ["general:0.6;federal:0.4"], "cost": [10_001], "n": [3]})
    out = funds.split(frame, "fund", ["cost"], ["n"], ["year"]).sort("fund")
    assert out.rows() == [(1, "federal", 4_000, 0), (1, "general", 6_001, 3)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(1, 10**6 - 1), min_size=0, max_size=3), st.integers(-10**9, 10**9))
def test_a_split_adds_up_to_the_cent_and_each_part_is_within_a_cent(cuts, amount):
    points = sorted(set(cuts))
    shares = [b - a for a, b in zip([0, *points], [*points, 10**6])]
    key = ";".join(f"f{i}:{s / 10**6}" for i, s in enumerate(shares))
    frame = pl.DataFrame({"year": [1], "fund": [key], "cost": [amount]})
    out = funds.split(frame, "fund", ["cost"], [], ["year"])
    parts = dict(zip(out["fund"], out["cost"]))
    assert sum(parts.values()) == amount
    for i, s in enumerate(shares):
        assert abs(parts[f"f{i}"] - Fraction(amount * s, 10**6)) < 1


def test_fund_values_that_cannot_be_read_say_why():
    assert funds.parse("general") == [("general", 10**6)]
    assert funds.parse("general:0.6;federal:0.3") == "the shares add up to 0.9, not 1"
    assert "not a number" in funds.parse("general:x;federal:0.4")
    assert funds.parse("a:0.5;a:0.5") == "a fund is named twice"
    assert "above 0" in funds.parse("a:1.5;b:-0.5")
