"""regrade: what it costs to move a state workforce onto a new pay structure.

    import simulator
    placed = simulator.place("roster.csv", "scenarios/cresap-1967.toml")   # polars DataFrame

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
