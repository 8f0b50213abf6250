"""The projection kernel's helpers against slow, obvious references; the number of cores does not change
placements or projections; a replacement's separation rate is that of the replacement's own age."""

import datetime as dt
from pathlib import Path

import numba
import numpy as np
import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from kernels import calendar
from kernels.draws import expected_draws, rank_order
from kernels.state import D_RANK, N_DRAWS
from simulator import synthetic
from simulator.placement import place
from simulator.projection import project
from simulator.scenario import load_scenario
from tests.test_projection import QUIET, roster

ROOT = Path(__file__).resolve().parents[1]
HAY = load_scenario(ROOT / "scenarios" / "hay-1975-same-step.toml")
EPOCH = dt.date(1970, 1, 1)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([0.0, 0.25, 0.5, 0.999999]) | st.floats(0, 1, exclude_max=True), max_size=300))
def test_rank_order_is_a_stable_argsort_of_the_rank_draws(keys):
    """Bucket sort = argsort(kind="stable"): ascending draw, ties (repeated values here) by position."""
    n = len(keys) + 3
    draws = np.zeros((n, N_DRAWS))
    candidates = np.arange(3, n, dtype=np.int64)  # positions 3.. are the candidates
    draws[3:, D_RANK] = keys
    expected = np.argsort(np.array(keys, np.float64), kind="stable")
    assert np.array_equal(rank_order(draws, candidates), expected)


def naive_add_months(day: int, months: int) -> int:
    d = EPOCH + dt.timedelta(days=day)
    total = d.year * 12 + d.month - 1 + months
    y, m = divmod(total, 12)
    last = ((dt.date(y + (m == 11), (m + 1) % 12 + 1, 1)) - dt.date(y, m + 1, 1)).days
    return (dt.date(y, m + 1, min(d.day, last)) - EPOCH).days


@settings(max_examples=300, deadline=None)
@given(st.integers(-3000, 20000), st.integers(-600, 600))
def test_add_months_matches_the_calendar(day, months):
    assert calendar.add_months(day, months) == naive_add_months(day, months)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-20000, 2000), min_size=1, max_size=50), st.integers(0, 3000))
def test_next_anniversary_is_the_first_yearly_date_after(days, after):
    out = np.empty(len(days), np.int64)
    calendar.next_anniversary_array(np.array(days, np.int64), after, out)
    for got, day in zip(out, days):
        k = 12
        while naive_add_months(day, k) <= after:
            k += 12
        assert got == naive_add_months(day, k)


def test_expected_draws_are_the_documented_sequence():
    """A-PROJ-EXPECTED: frac((p + 1) a_c + (year + 1) b_c + seed / 10000), here by numpy."""
    n, year, seed = 5000, 3, 7
    out = np.empty((n, N_DRAWS))
    expected_draws(year, seed, out)
    idx = np.arange(1, n + 1, dtype=np.float64)[:, None]
    a = np.array([0.6180339887, 0.7548776662, 0.5698402910, 0.8191725134, 0.4142135624, 0.7320508076])
    b = np.array([0.31, 0.53, 0.71, 0.17, 0.89, 0.43])
    assert np.array_equal(out, np.mod(idx * a + (year + 1) * b + seed * 0.0001, 1.0))
    assert ((out >= 0) & (out < 1)).all()


def test_the_number_of_cores_does_not_change_results():
    roster = synthetic.roster("1975", 1500, seed=4).with_columns(pl.all().cast(pl.String))
    placed = place(roster, HAY).frame
    before = numba.get_num_threads()
    try:
        numba.set_num_threads(1)
        assert place(roster, HAY).frame.equals(placed)
        for replicas in (0, 3):
            numba.set_num_threads(1)
            one = project(placed, HAY, 3, seed=5, replicas=replicas)
            numba.set_num_threads(min(2, numba.config.NUMBA_NUM_THREADS))
            two = project(placed, HAY, 3, seed=5, replicas=replicas)
            assert one.years.equals(two.years) and one.totals.equals(two.totals)
            assert one.years.height == 1500 * 2 * 4
    finally:
        numba.set_num_threads(before)


def test_a_replacement_separates_at_the_rate_of_its_own_age():
    """The incumbent (61, 30 years of service) retires in the first year (day 339); the vacancy (12.5 months) runs into
    the second, when a replacement of 27 is hired. Under 30 everyone separates here, at 30 and over nobody:
    the replacement separates in that second year (by the 61-year-old's rate it would not)."""
    placed = place(
        roster([("R1", "Transportation", "6342", "22", "C", "12000", "annual", "1946-01-01", "1915-03-01")]), HAY
    ).frame
    params = dict(QUIET, retire_probability=1.0, separation_rates=[(30, 1.0), (200, 0.0)], vacancy_months=12.5)
    proj = project(placed, HAY, 2, params=params)
    status = proj.years.filter(pl.col("branch") == "reform").sort("fiscal_year")["status"].to_list()
    assert status == ["active", "retired", "separated"]


def test_year_zero_annual_cost_is_rounded_half_up_in_integers():
    """$13,107.25 a year at 0.7 fte is 917,507.5 cents: half up, 917,508 (the float product is
    917,507.4999999999, which rounds down)."""
    frame = roster([("F1", "Transportation", "6342", "22", "C", "13107.25", "annual", "1965-03-01", "1940-01-01")])
    placed = place(frame.with_columns(pl.lit("0.7").alias("fte")), HAY).frame
    assert 1_310_725 * 0.7 < 917_507.5  # the float trap this test is about
    proj = project(placed, HAY, 1, params=QUIET)
    year0 = proj.years.filter((pl.col("fiscal_year") == 0) & (pl.col("branch") == "baseline"))
    assert year0["annual_cents"].item() == 1_310_725
    assert year0["annual_cost_cents"].item() == 917_508


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 40), st.integers(1, 5), st.integers(1, 6), st.integers(0, 2**31))
def test_cube_sums_equal_their_plain_python_reference(n, blocks, n_groups, seed):
    """The cost cube's one-pass sums (kernels/aggregate.py) = the obvious loop, on random blocks and groups."""
    from kernels.aggregate import N_SUMS, cube_sums, reference

    rng = np.random.default_rng(seed)
    group = rng.integers(0, n_groups, n).astype(np.int64)
    m = n * blocks
    cols = (rng.integers(0, 6, m).astype(np.int8), rng.integers(-10**9, 10**9, m), rng.integers(0, 10**9, m),
            rng.integers(0, 3, m) * rng.integers(0, 10**7, m), rng.integers(0, 3, m).astype(np.int8),
            rng.integers(0, 10**8, m), rng.integers(0, 10**8, m))
    fte_k = rng.integers(1, 1001, n).astype(np.int64)
    out = np.full((blocks, n_groups, N_SUMS), 99, np.int64)  # written whole: no starting value survives
    cube_sums(group, fte_k, cols, 2, 3, out)
    assert out.tolist() == reference(group.tolist(), fte_k.tolist(), [c.tolist() for c in cols], 2, 3, blocks,
                                     n_groups)
