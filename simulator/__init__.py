"""regrade: what it costs to move a state workforce onto a new pay structure.

    import simulator
    placed = simulator.place("roster.csv", "scenarios/cresap-1967.toml")   # polars DataFrame
    costs = simulator.project(placed, "scenarios/cresap-1967.toml", years=5)
    result = simulator.run("roster.csv", "scenarios/cresap-1967.toml", years=5, db="regrade.duckdb")

Modules, in the order of a run (simulator/pipeline.py): scenario and schedules (scenario files), roster and
schema (the roster and its checks), placement (the engine: kernels/place.py and kernels/rules/), projection
(kernels/year.py and kernels/progression/), store (DuckDB), results, export, compare (what a person reads);
data and params (the seed tables and the numbers they give), money (cents and dollars), synthetic (synthetic
rosters), cli (the regrade command).

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


def run(roster, scenario, years: int = 5, seed: int = 0, replicas: int = 0, db=None, force: bool = False):
    """Place, project and (with ``db``) store one run: simulator.pipeline.run. Returns its Result."""
    from simulator.pipeline import run as _run

    return _run(roster, scenario, years, seed, replicas, db, force=force)
