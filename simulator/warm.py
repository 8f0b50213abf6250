"""Compiling ahead of time: a tiny piece of every kind of work a command does (place, run with and without
Monte Carlo replicas and person rows, each era's rules and progressions, a recost the fast and the long way),
so that every kernel any command uses is in Numba's cache. ``regrade warm`` and ``regrade demo`` call it."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from simulator.data import SCENARIOS_DIR as SCENARIOS

PEOPLE = 120  # enough for every rule and family of each era's scenarios to be reached; a second of work


def exercise() -> None:
    """Every kernel, every signature a command calls it with, on tiny synthetic rosters (nothing kept)."""
    from simulator import pipeline, solve, synthetic
    from simulator.recost import Recoster
    from simulator.roster import load_roster
    from simulator.scenario import load_scenario

    with tempfile.TemporaryDirectory(prefix="regrade-warm-") as tmp:
        db = Path(tmp) / "warm.duckdb"
        for era, name in (("1967", "cresap-1967"), ("1975", "hay-1975-same-step")):
            roster = Path(tmp) / f"warm-{era}.parquet"
            synthetic.roster(era, PEOPLE, 0).write_parquet(roster)
            for replicas, person_years in ((0, True), (2, False)):
                pipeline.run(roster, SCENARIOS / f"{name}.toml", 2, 0, replicas, db, synthetic=True, force=True,
                             person_years=person_years)
        scenario = load_scenario(SCENARIOS / "hay-1975-same-step.toml")
        recoster = Recoster(load_roster(Path(tmp) / "warm-1975.parquet")[0], scenario, 2)
        variant = solve.parameter("schedules.I.pct", scenario).apply(scenario, 1.0)
        recoster.measures(variant)  # the fast way (solve, sweep, the what-if)
        recoster.measures(variant, long=True)  # the long way (a cap, another rule)


def warm() -> tuple[int, float]:
    """Exercise the engine; (the compilations it took: 0 when the cache was warm, seconds)."""
    from simulator.progress import Compiles, watch_compiles

    watch_compiles()
    before, t = Compiles.count, time.perf_counter()
    exercise()
    return Compiles.count - before, time.perf_counter() - t
