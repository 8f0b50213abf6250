"""The fast recost (simulator/recost.py) gives the same cents as the long way (placement and projection of each
variant afresh) on every shipped scenario, for rate changes on each schedule, a formula's constant and the
general increases; a variant of another shape takes the long way; the costs are those of ``regrade run``."""

import copy
from pathlib import Path

import polars as pl
import pytest

from simulator import synthetic
from simulator.formulas import generate
from simulator.recost import Recoster
from simulator.roster import validate_roster
from simulator.scenario import load_scenario
from simulator.schedules import builtin
from simulator.transforms import apply_one

ROOT = Path(__file__).resolve().parents[1]


def _roster(era: str, n: int = 900, seed: int = 7) -> pl.DataFrame:
    roster, _ = validate_roster(synthetic.roster(era, n, seed).with_columns(pl.all().cast(pl.String)))
    return roster


def _variant(scenario, key, change):
    v = copy.copy(scenario)
    v.schedules = {**scenario.schedules, key: apply_one(scenario.schedules[key], change)}
    return v


@pytest.mark.parametrize("name", ["hay-1975-same-step", "hay-1975-promotion", "hay-1975-formula", "cresap-1967",
                                  "cresap-1967-alt-grades", "mms", "bench-simple"])
def test_fast_recost_equals_the_long_way(name):
    scenario = load_scenario(ROOT / "scenarios" / f"{name}.toml")
    rc = Recoster(_roster("1967" if name.startswith("cresap") else "1975"), scenario, years=4)
    variants = [scenario]
    for key, sched in scenario.schedules.items():
        if any(r is None for steps in sched.grades.values() for _, r in steps):
            continue  # rates not printed: nothing to vary
        variants += [_variant(scenario, key, {"pct": -4.5}), _variant(scenario, key, {"pct": 6.0}),
                     _variant(scenario, key, {"dollars": 2.5})]
    gi = copy.copy(scenario)
    key = next(iter(scenario.schedules))
    gi.projection = {**scenario.projection, "general_increases": [{"schedule": key, "year": 2, "pct": 3.5},
                                                                  {"schedule": key, "year": 3, "pct": 1.25}]}
    variants.append(gi)
    for i, v in enumerate(variants):
        assert rc.measures(v) == rc.measures(v, long=True), (name, i)
    assert rc.fast == len(variants) and rc.slow == len(variants)  # each variant once each way


def test_a_formula_constant_recosts_fast_and_moves_cost_the_right_way():
    scenario = load_scenario(ROOT / "scenarios" / "hay-1975-formula.toml")
    rc = Recoster(_roster("1975"), scenario, years=3)
    costs = []
    for constant in (3600, 4100, 4600):
        spec = copy.deepcopy(scenario.spec["schedules"]["I"]["formula"])
        spec["lines"][0]["constant"] = constant
        v = copy.copy(scenario)
        v.schedules = {**scenario.schedules, "I": generate(builtin("hay_schedule_1"), spec)}
        m = rc.measures(v)
        assert m == rc.measures(v, long=True)
        costs.append(m["first_year_cost_cents"])
    assert costs[0] < costs[1] < costs[2]  # $500 more at Step D in grades 1-25 costs more


def test_another_shape_takes_the_long_way():
    scenario = load_scenario(ROOT / "scenarios" / "hay-1975-same-step.toml")
    rc = Recoster(_roster("1975", 400), scenario, years=2)
    promo = load_scenario(ROOT / "scenarios" / "hay-1975-promotion.toml")
    dropped = _variant(scenario, "I", {"drop_step": "Y"})
    for v in (promo, dropped):
        rc.measures(v)
    assert rc.fast == 0 and rc.slow == 2


def test_recost_of_the_scenario_itself_is_what_regrade_run_stores(tmp_path):
    """The recost's first-year cost and baseline are the run's cost by fiscal year (simulator.projection.costs)."""
    from simulator.placement import place
    from simulator.projection import costs, project

    scenario = load_scenario(ROOT / "scenarios" / "hay-1975-same-step.toml")
    roster = _roster("1975", 600)
    m = Recoster(roster, scenario, years=3).measures(scenario)
    run = costs(project(place(roster, scenario).frame, scenario, 3))
    first = run.row(0, named=True)
    assert m["first_year_cost_cents"] == first["difference_cents"]
    assert m["first_year_baseline_cents"] == first["baseline_cents"]
    assert m["total_cost_cents"] == run["difference_cents"].sum()
