"""A run's Monte Carlo replicas on a Dask cluster (``regrade run --replicas N --dask ADDRESS``) give exactly the
totals the run in process gives, replica by replica: on a LocalCluster of threads here, of worker processes in the
slow step (each its own interpreter, the placement and scenario sent over the wire). A --dask without replicas,
or an address nobody answers, is a clear error, exit 2, nothing stored."""

from pathlib import Path

import polars as pl
import pytest

from simulator import pipeline, synthetic
from simulator.placement import place
from simulator.projection import project
from simulator.replicas import on_dask
from simulator.roster import validate_roster
from simulator.scenario import load_scenario
from tests.test_store import regrade

distributed = pytest.importorskip("distributed")
ROOT = Path(__file__).resolve().parents[1]
HAY = ROOT / "scenarios" / "hay-1975-same-step.toml"


def _same_on(cluster_kwargs):
    roster, _ = validate_roster(synthetic.roster("1975", 600, 5).with_columns(pl.all().cast(pl.String)))
    scenario = load_scenario(HAY)
    placed = place(roster, scenario).frame
    here = project(placed, scenario, 3, seed=7, replicas=9, person_rows=False)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None,
                                  **cluster_kwargs) as cluster:
        ticks = []
        tick = lambda r, k: ticks.append((r, k))  # noqa: E731
        elsewhere = on_dask(cluster.scheduler_address, placed, scenario, None, 3, 7, tick)
        there = project(placed, scenario, 3, seed=7, replicas=9, person_rows=False, progress=tick,
                        elsewhere=elsewhere)
    assert there.totals.height == here.totals.height == 9 * 3 * 2
    assert there.totals.equals(here.totals)  # every replica, year and branch, in the same order
    assert there.benefit_totals.equals(here.benefit_totals)
    assert sorted(ticks) == [(r, y) for r in range(1, 10) for y in range(3)]  # as in process
    # the replicas differ from one another, so the comparison can fail
    assert here.totals.filter(pl.col("branch") == "reform")["cash_cents"].n_unique() > 9


def test_replicas_on_a_local_cluster_of_threads_equal_the_replicas_in_process():
    _same_on({"processes": False})


@pytest.mark.slow
def test_replicas_on_a_local_cluster_of_processes_equal_the_replicas_in_process():
    _same_on({"processes": True})


def test_a_stored_run_on_a_cluster_is_the_run_in_process(tmp_path):
    """The whole run (bridge, cost of 1 %, store) with --dask: the same content, so found as the same run."""
    roster = tmp_path / "r.parquet"
    synthetic.roster("1975", 300, 2).write_parquet(roster)
    db = tmp_path / "s.duckdb"
    here = pipeline.run(roster, HAY, 2, 3, 4, db)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        there = pipeline.run(roster, HAY, 2, 3, 4, tmp_path / "t.duckdb", dask=cluster.scheduler_address)
    assert there.projection.totals.equals(here.projection.totals)
    assert there.projection.bridge.equals(here.projection.bridge)


@pytest.mark.parametrize("extra, said", [
    (["--replicas", "3", "--dask", "tcp://127.0.0.1:1"], "no Dask scheduler answers there"),
    (["--replicas", "3", "--dask", "nonsense"], "not a scheduler address"),
    (["--dask", "tcp://127.0.0.1:1"], "give --replicas N as well"),
])
def test_a_dask_run_that_cannot_be_costed_is_a_clear_error_and_stores_nothing(tmp_path, extra, said):
    roster = tmp_path / "roster.parquet"
    synthetic.roster("1975", 50, 1).write_parquet(roster)
    out = regrade("run", "--roster", str(roster), "--scenario", str(HAY), "--years", "2", *extra,
                  "--db", str(tmp_path / "s.duckdb"), cwd=tmp_path)
    assert out.returncode == 2 and said in out.stderr and "Traceback" not in out.stderr, out.stderr
    assert not (tmp_path / "s.duckdb").exists()
