"""One run, in one visible order: read the scenario, place the roster, project the years, store the run.

    from simulator.pipeline import run
    result = run("roster.csv", "scenarios/cresap-1967", years=5, db="regrade.duckdb")
    result.run_id, result.stored, result.placement.frame, result.projection.totals

The command line (``regrade run``, ``regrade demo``, ``regrade warm``), the benchmarks and the tests all call
``run``. Every input problem (roster, scenario, crosswalk) is raised together as InputError before anything is
written; the run is stored in one transaction. A run is known by its content key (the scenario's and the
roster's hashes, the seed, years, replicas and regrade version): an identical run stored already is not stored
again (unless ``force``), and ``run`` returns its id.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from simulator import bridge, store
from simulator.errors import Problem
from simulator.ledger import LEDGER
from simulator.placement import Placement, place
from simulator.progress import bar, stage, watch_compiles
from simulator.projection import Projection, project
from simulator.recost import Recoster
from simulator.replicas import on_dask as replicas_on_dask
from simulator.scenario import read_scenario
from simulator.start import pay_ranges
from simulator.unit_costs import unit_costs


@dataclass
class Result:
    run_id: int | None  # None when no store was given
    stored: bool  # stored by this call (False: an identical run was stored already, or no store)
    placement: Placement
    projection: Projection | None  # None when an identical stored run made it unnecessary
    warnings: list[Problem]
    twin: int | None = None  # a stored run identical but for its person-year rows (stored with the other choice)


def roster_hash(roster) -> str:
    """A roster file's bytes (or a frame's CSV text), hashed: part of a run's content key."""
    if isinstance(roster, str | Path):
        h = hashlib.sha256()
        with open(roster, "rb") as fh:
            while chunk := fh.read(1 << 24):
                h.update(chunk)
        return h.hexdigest()[:16]
    return hashlib.sha256(roster.write_csv().encode()).hexdigest()[:16]


def run(roster, scenario_path, years: int, seed: int = 0, replicas: int = 0, db=None, *,
        roster_name: str | None = None, synthetic: bool = False, force: bool = False,
        person_years: bool = False, dask: str | None = None) -> Result:
    """Place ``roster`` under the scenario, project ``years`` fiscal years (replicas = 0: the expected-value
    path; ``dask``, a scheduler's address: the replicas after the first costed on that Dask cluster, with the same
    results) and, with ``db``, store the run. Each stage says what it is doing on stderr (simulator/progress.py)."""
    started = dt.datetime.now()
    if isinstance(roster, str | Path):
        roster_name = roster_name or Path(roster).name
    # 1. the scenario and its crosswalk (their problems travel with the roster's, reported together)
    with stage("reading the scenario"):
        scenario, _ = read_scenario(scenario_path)
    # 2. placement: every employee under the scenario's rules
    with stage(f"placing the roster{' under ' + scenario.name if scenario else ''}"):
        watch_compiles()
        placed = place(roster, scenario if scenario is not None else scenario_path)
    # 3. an identical run stored already is not run again
    hashed = roster_hash(roster)
    key = store.content_key(scenario.content_hash, hashed, seed, years, replicas, person_years)
    earlier = None if force or db is None else stored_run(db, key)
    twin = None if db is None else stored_run(db, store.content_key(scenario.content_hash, hashed, seed, years,
                                                                    replicas, not person_years))
    if earlier is not None:
        LEDGER.found()
        return Result(earlier, False, placed, None, placed.warnings, twin)
    # 4. the projection: baseline and reform, year by year
    with bar(max(replicas, 1) * years, f"{scenario.name}: projecting {years} years") as progress:
        tick = lambda r, k: progress.update(1)  # noqa: E731
        elsewhere = replicas_on_dask(dask, placed.frame, scenario, None, years, seed, tick) if dask else None
        projection = project(placed.frame, scenario, years, seed, replicas, progress=tick, person_rows=person_years,
                             cube=True, elsewhere=elsewhere)
    # 5. the fiscal note's measures: the cost bridge, the cost of 1 % and of a step
    with stage("costing the bridge and the cost of 1 % and of a step"):
        note_measures(placed, scenario, projection, seed, replicas)
    if db is None:
        return Result(None, False, placed, projection, placed.warnings)
    # 6. the store, in one transaction
    with stage("storing the run"):
        run_id, stored = _store(db, key, scenario, roster_name or "roster", hashed, synthetic, seed, replicas, years,
                                placed, projection, started, force, person_years)
    return Result(run_id, stored, placed, projection, placed.warnings, twin)


def note_measures(placed: Placement, scenario, projection: Projection, seed: int, replicas: int) -> None:
    """The cost bridge (simulator/bridge.py) and the cost of 1 % and of one step (simulator/unit_costs.py), onto
    the projection, for the store."""
    projection.bridge = bridge.bridge(placed.frame, scenario, projection, seed, replicas)
    projection.pay_ranges = pay_ranges(projection.setup.table)
    projection.setup = None  # the start's arrays are not needed further: freed before the store is written
    if not projection.fiscal_years or not placed.frame.height:
        projection.unit_costs = None
        return
    full, _ = bridge.full_implementation(projection.totals, 1 if replicas else 0)
    # the expected-value path's baseline and cost are the run's own when it is one (no replicas)
    own = None if replicas else bridge.branch_totals(projection.totals, 0)
    recoster = Recoster(None, scenario, full + 1, seed, prepared=placed.prepared,
                        placed=(placed.frame, projection.start),
                        baseline=None if own is None else own["baseline"][: full + 1])
    projection.start = None  # its arrays are not needed further
    projection.unit_costs = unit_costs(recoster, full,
                                       None if own is None else (own["reform"] - own["baseline"])[: full + 1])


def _store(db, key, scenario, roster_name, hashed, synthetic, seed, replicas, years, placed, projection, started,
           force, person_years) -> tuple[int, bool]:
    con = store.connect(db)
    try:
        # the ledger knows the run is being stored before the transaction begins, and that it was stored only once
        # COMMIT has returned; an interrupt between the two is settled by looking in the store (simulator/ledger.py)
        LEDGER.begin(db, key, store.highest_run(con), scenario.name)
        run_id = store.save_run(con, scenario=scenario, roster_name=roster_name, roster_hash=hashed,
                                synthetic=synthetic, seed=seed, replicas=replicas, years=years,
                                placement=placed.frame, projection=projection, started_at=started, force=force,
                                person_years=person_years)
        LEDGER.committed(run_id)
    except store.DuplicateRun as dup:
        LEDGER.found()
        return dup.run_id, False
    finally:
        con.close()
    return run_id, True


def stored_run(db, key: str) -> int | None:
    """The id of a stored run with this content key in the store at ``db`` (None if there is none, or no store)."""
    if not Path(db).is_file():
        return None
    con = store.connect(db, read_only=True)
    try:
        return store.stored_run(con, key)
    finally:
        con.close()
