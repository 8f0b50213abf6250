"""Golden results: every shipped scenario, placed and projected on the demo's synthetic roster, gives exactly
the results in scenarios/expected/ (written by scenarios/build_expected.py). A change that moves any employee's
pay, rule or step, or any year's total, fails here until the files are rewritten on purpose."""

import sys
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scenarios"))
import build_expected  # noqa: E402


@pytest.mark.parametrize("name", list(build_expected.SCENARIOS))
def test_placement_and_totals_equal_the_golden_files(name):
    placement, totals = build_expected.results(name)
    expected = pl.read_csv(ROOT / "scenarios" / "expected" / f"{name}.csv", schema=placement.schema)
    expected_totals = pl.read_csv(ROOT / "scenarios" / "expected" / f"{name}-totals.csv", schema=totals.schema)
    changed = placement.join(expected, on="employee_id", how="full", suffix="_expected", nulls_equal=True).filter(
        pl.any_horizontal(pl.col(c).ne_missing(pl.col(f"{c}_expected")) for c in build_expected.PLACEMENT[1:]))
    assert changed.height == 0, f"{changed.height} employees differ from the golden file, e.g.\n{changed.head(5)}"
    assert_frame_equal(totals, expected_totals)


@pytest.mark.parametrize("name", list(build_expected.SCENARIOS))
def test_the_bridge_and_the_cost_of_one_percent_equal_the_golden_files(name):
    bridge, units = build_expected.note_results(name)
    folder = ROOT / "scenarios" / "expected"
    assert_frame_equal(bridge, pl.read_csv(folder / f"{name}-bridge.csv", schema=bridge.schema))
    assert_frame_equal(units, pl.read_csv(folder / f"{name}-unit-costs.csv", schema=units.schema))


def test_every_shipped_scenario_has_golden_files():
    shipped = {p.stem for p in (ROOT / "scenarios").glob("*.toml")} - {"template"}
    assert shipped == set(build_expected.SCENARIOS)


@pytest.mark.slow
def test_the_kernels_as_plain_python_give_the_golden_results_too():
    """NUMBA_DISABLE_JIT=1 runs every kernel as plain Python (the mode coverage measures): the same results,
    to the cent, as compiled (an int8 count summed as int8 overflowed here once)."""
    import os
    import subprocess

    code = ("import sys; sys.path.insert(0, 'scenarios'); import polars as pl, build_expected as b; "
            "p, t = b.results('hay-1975-promotion'); "
            "e = pl.read_csv('scenarios/expected/hay-1975-promotion-totals.csv', schema=t.schema); "
            "print(t.equals(e), p['new_annual_cents'].sum())")
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=900,
                         env={**os.environ, "NUMBA_DISABLE_JIT": "1", "PYTHONPATH": str(ROOT)})
    assert run.returncode == 0, run.stderr[-2000:]
    expected = pl.read_csv(ROOT / "scenarios" / "expected" / "hay-1975-promotion.csv")["new_annual_cents"].sum()
    assert run.stdout.split() == ["True", str(expected)]
