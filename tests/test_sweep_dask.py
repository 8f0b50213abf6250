"""A sweep on a Dask cluster (``regrade sweep --dask ADDRESS``) gives exactly the rows the in-process sweep gives,
in the same order: on a LocalCluster of threads here, of worker processes in the slow step (each its own
interpreter, the roster and scenario sent over the wire). An address nobody answers is a clear error, exit 2."""

from pathlib import Path

import polars as pl
import pytest

from simulator import sweep, synthetic
from simulator.roster import validate_roster
from simulator.scenario import load_scenario
from tests.test_store import regrade

distributed = pytest.importorskip("distributed")
ROOT = Path(__file__).resolve().parents[1]


def _case():
    roster, _ = validate_roster(synthetic.roster("1975", 700, 11).with_columns(pl.all().cast(pl.String)))
    scenario = load_scenario(ROOT / "scenarios" / "hay-1975-same-step.toml")
    axes = [sweep.axis("schedules.I.pct=-3:3:5", scenario), sweep.axis("schedules.Ia.dollars=-100:100:3", scenario)]
    return roster, scenario, axes


def _same_on(cluster_kwargs):
    roster, scenario, axes = _case()
    here = sweep.sweep(roster, scenario, axes, years=3)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None,
                                  **cluster_kwargs) as cluster:
        ticks = []
        there = sweep.sweep(roster, scenario, axes, years=3, progress=lambda: ticks.append(1),
                            dask=cluster.scheduler_address)
    assert here.height == 15 and len(ticks) == 15
    assert there.equals(here)  # every cell, every row, in the grid's order
    assert here["first_year_cost_cents"].n_unique() == 15  # the points differ: the comparison can fail


def test_a_sweep_on_a_local_cluster_of_threads_equals_the_sweep_in_process():
    _same_on({"processes": False})


@pytest.mark.slow
def test_a_sweep_on_a_local_cluster_of_processes_equals_the_sweep_in_process():
    _same_on({"processes": True})


@pytest.mark.parametrize("address, said", [("tcp://127.0.0.1:1", "no Dask scheduler answers there"),
                                           ("nonsense", "not a scheduler address")])
def test_a_dask_address_nobody_answers_is_a_clear_error(tmp_path, address, said):
    roster = tmp_path / "roster.parquet"
    synthetic.roster("1975", 50, 1).write_parquet(roster)
    out = regrade("sweep", "--roster", str(roster), "--scenario", str(ROOT / "scenarios" / "hay-1975-same-step.toml"),
                  "--vary", "schedules.I.pct=-1:1:3", "--dask", address, "--out", str(tmp_path / "s.csv"), cwd=tmp_path)
    assert out.returncode == 2 and said in out.stderr and "Traceback" not in out.stderr, out.stderr
    assert not (tmp_path / "s.csv").exists()
