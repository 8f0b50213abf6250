"""regrade: what it costs to move a state workforce onto a new pay structure.

    import simulator
    placed = simulator.place("roster.csv", "scenarios/cresap-1967.toml")   # polars DataFrame
    costs = simulator.project(placed, "scenarios/cresap-1967.toml", years=5)

Modules: data (the seed tables), schema and roster (the roster and its checks), scenario and schedules
(scenario files), placement (the engine), synthetic (synthetic rosters), cli (the regrade command).
"""

__version__ = "0.1.0"


def place(roster, scenario):
    """Place every employee of ``roster`` (a CSV/Parquet path or a polars frame) under ``scenario`` (a TOML
    path or a loaded Scenario); one row per employee. Salary mismatches are issued as Python warnings;
    bad input raises simulator.errors.InputError listing every problem."""
    import warnings

    from simulator.placement import place as _place

    result = _place(roster, scenario)
    for w in result.warnings:
        warnings.warn(str(w), stacklevel=2)
    return result.frame


def project(placement, scenario, years: int, seed: int = 0, replicas: int = 0):
    """Project ``years`` fiscal years of a placement (the frame ``place`` returns) under the baseline and the
    reform; replicas = 0 is the expected-value path. Returns simulator.projection.Projection."""
    from simulator.projection import project as _project
    from simulator.scenario import Scenario, load_scenario

    if not isinstance(scenario, Scenario):
        scenario = load_scenario(scenario)
    return _project(placement, scenario, years, seed, replicas)
