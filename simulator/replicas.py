"""Monte Carlo replicas on a Dask cluster (``regrade run --replicas N --dask ADDRESS``): the paths after the
first costed by the cluster's workers, each from the placement and scenario sent to it once, with the same
totals as in this process (a path's draws depend only on the seed, the replica and the year)."""

from __future__ import annotations

import polars as pl

from simulator.scenario import Scenario


def _paths(key: str, placement: pl.DataFrame, scenario: Scenario, params, years: int, seed: int,
           chunk: list[int]) -> list[dict]:
    """A Dask task: the paths ``chunk`` (replica numbers), from the start this worker prepared for the run."""
    from simulator import cluster
    from simulator import projection as pj

    with cluster.LOCK:
        prm, _, both, _, per_year = cluster.kept(key, lambda: pj.prepared(placement, scenario, years, params))
        return [pj.run_path(r, (None, None), both, per_year, seed, prm, None) for r in chunk]


def on_dask(address: str, placement: pl.DataFrame, scenario: Scenario, params, years: int, seed: int,
            progress=None):
    """A function (projection.project's ``elsewhere``) giving the results of the paths it is handed (replica
    numbers; as projection.run_path gives them, totals and benefit items, no person rows), in their order,
    costed on the Dask cluster at ``address``. ``progress(replica, year's index)`` as each comes back."""
    from simulator import cluster

    def done(results):
        if progress:
            for res in results:
                for k, t in enumerate(res["totals"][::2]):  # two branches a year
                    progress(t["replica"], k)

    return lambda paths: cluster.map_chunks(address, _paths, [placement, scenario, params, years, seed], paths, done)
