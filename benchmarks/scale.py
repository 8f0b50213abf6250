"""Speed at scale: every row of the scale targets beside its peer, measured in one run of this harness.

    python -m benchmarks.scale [--repeat 5] [--quick] [--out benchmarks/RESULTS-scale.md]

Whole commands run in a fresh process each (``/usr/bin/time``: wall time and peak memory, imports and exit
included), regrade and its peer interleaved (A B A B), so that a change of load touches both alike; the ratio is
given pairwise (the min over the min, and the median of the runs' ratios). The peer of a whole run is the lazy
polars script of benchmarks/peers.py (bench-simple's rules, its cash by year asserted equal to regrade's on
bench-simple before anything is timed). Measured in a process of its own (``probe``, min of the runs): the
roster's read and checks, and the year kernel against the memory-bandwidth floor of the bytes it is handed. The
machine's 1-minute load is written before and after."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import multiprocessing
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks import peers
from benchmarks.commands import TIME, command, verdict
from benchmarks.threads import spin

ROOT = Path(__file__).resolve().parents[1]
HAY = ROOT / "scenarios" / "hay-1975-same-step.toml"
SIMPLE = ROOT / "scenarios" / "bench-simple.toml"


def stats(times: list[float], peak_kb: int = 0) -> dict:
    return {"min": min(times), "median": float(np.median(times)), "runs": len(times), "peak_mb": peak_kb / 1024}


def paired(a_args, b_args, repeat: int, a_env=None, b_module: str = "benchmarks.peers") -> tuple[dict, dict, dict]:
    """regrade (``a_args(i)``) and its peer (``b_args(i)``, a module), interleaved: (a, b, ratios)."""
    a, b, a_peak, b_peak = [], [], 0, 0
    for i in range(repeat):
        s, kb = command(a_args(i), a_env)
        a.append(s)
        a_peak = max(a_peak, kb)
        s, kb = command(b_args(i), module=b_module)
        b.append(s)
        b_peak = max(b_peak, kb)
    ratio = {"min": min(a) / min(b), "median": float(np.median([x / y for x, y in zip(a, b)]))}
    return stats(a, a_peak), stats(b, b_peak), ratio


def probe(name: str, *args: str) -> dict:
    """An in-process measurement in a fresh process of its own (``python -m benchmarks.scale probe``)."""
    run = subprocess.run([sys.executable, "-m", "benchmarks.scale", "probe", name, *args], capture_output=True,
                         text=True, cwd=ROOT)
    if run.returncode != 0:
        raise SystemExit(f"probe {name} failed:\n{run.stderr[-2000:]}")
    return json.loads(run.stdout.strip().splitlines()[-1])


def _roster_probe(path: str, repeat: str) -> dict:
    from simulator.roster import load_roster

    load_roster(path)
    times = []
    for _ in range(int(repeat)):
        t = time.perf_counter()
        frame, _ = load_roster(path)
        times.append(time.perf_counter() - t)
    return {"min": min(times), "median": float(np.median(times)), "rows": frame.height}


def _arrays(obj, n: int, seen: dict) -> None:
    """Every array of length ``n`` in ``obj`` (named tuples of arrays, nested), by identity."""
    if isinstance(obj, np.ndarray):
        if obj.ndim and obj.shape[0] == n:
            seen[id(obj)] = obj.nbytes
    elif isinstance(obj, tuple):
        for x in obj:
            _arrays(x, n, seen)


def _copy_bandwidth(size: int) -> float:
    """Bytes moved per second (read + write) by the better of one and two threads copying ``size`` bytes."""
    from concurrent.futures import ThreadPoolExecutor

    src = np.ones(size // 8, np.int64)
    dst = np.empty_like(src)
    best = {}
    for threads in (1, 2):
        halves = np.array_split(np.arange(src.shape[0]), threads)
        bounds = [(h[0], h[-1] + 1) for h in halves]
        with ThreadPoolExecutor(threads) as pool:
            times = []
            for _ in range(5):
                t = time.perf_counter()
                list(pool.map(lambda b: np.copyto(dst[b[0]:b[1]], src[b[0]:b[1]]), bounds))
                times.append(time.perf_counter() - t)
        best[threads] = 2 * src.nbytes / min(times)
    return max(best.values())


def _year_probe(path: str, repeat: str) -> dict:
    """advance_year on a placed roster (the reform's first fiscal year, the same start each call): its time and
    the bytes of every per-position array it is handed, against copying those bytes."""
    import polars as pl

    from kernels import year as ky
    from simulator import projection as pj
    from simulator.placement import place
    from simulator.scenario import load_scenario

    scenario = load_scenario(HAY)
    placed = place(pl.read_parquet(path).with_columns(pl.all().cast(pl.String)), scenario, sentences=False).frame
    prm, _, both, fys, per_year = pj.prepared(placed, scenario, 1)
    n = placed.height
    u = pj.year_draws(0, 0, n, 0)
    calls, seen = [], {}
    inner = ky.advance_year

    def timed(*args):
        _arrays(args, n, seen)
        t = time.perf_counter()
        inner(*args)
        calls.append(time.perf_counter() - t)

    ky.advance_year = timed
    for _ in range(int(repeat) + 1):  # the first call loads the cache
        pj.Branch(both.state0["reform"], n).year(0, both, per_year[0][3]["reform"], u, fys[0][1:], "reform")
    ky.advance_year = inner
    touched = sum(seen.values())
    bandwidth = _copy_bandwidth(1 << 30)
    return {"min": min(calls[1:]), "median": float(np.median(calls[1:])), "bytes": touched,
            "bandwidth": bandwidth, "floor": touched / bandwidth, "positions": n}


STAGES = (("placing (roster read and checks, preparation, kernel, sentences)", "place"),
          ("projecting both branches (set-up included)", "project"),
          ("the fiscal note's measures (cost bridge, cost of 1 % and of a step)", "note_measures"),
          ("storing the run", "_store"))


def _stages_probe(path: str, small: str, db: str) -> dict:
    """A run of hay-1975-same-step over 10 years, each stage of simulator/pipeline.py timed (after a run of the
    ``small`` roster in the same process, so that imports and cache loads are not in the stages)."""
    from simulator import pipeline

    pipeline.run(small, HAY, 1, 0, 0, None)
    seconds: dict[str, float] = {}

    def timed(name, f):
        def inner(*args, **kwargs):
            t = time.perf_counter()
            try:
                return f(*args, **kwargs)
            finally:
                seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - t
        return inner

    for name, attr in STAGES:
        setattr(pipeline, attr, timed(name, getattr(pipeline, attr)))
    t = time.perf_counter()
    pipeline.run(path, HAY, 10, 0, 0, db, force=True)
    return {**seconds, "the run in process": time.perf_counter() - t}


PROBES = {"roster": _roster_probe, "year": _year_probe, "stages": _stages_probe}


def threads_busy(args: list[str], repeat: int) -> tuple[dict, dict]:
    """A command on Numba's two threads and on one, interleaved, with one core kept busy by another process."""
    stop = multiprocessing.Event()
    spinner = multiprocessing.Process(target=spin, args=(stop,), daemon=True)
    spinner.start()
    two, one = [], []
    try:
        for _ in range(repeat):
            two.append(command(args)[0])
            one.append(command(args, {"NUMBA_NUM_THREADS": "1"})[0])
    finally:
        stop.set()
        spinner.join(5)
    return stats(two), stats(one)


CLUSTER = """
import sys
from distributed import LocalCluster
if __name__ == "__main__":
    with LocalCluster(n_workers=int(sys.argv[1]), threads_per_worker=1, dashboard_address=None) as c:
        print(c.scheduler_address, flush=True)
        sys.stdin.read()
"""


@contextlib.contextmanager
def local_cluster(workers: int):
    """A Dask LocalCluster of ``workers`` single-thread worker processes in a process of its own: its address."""
    proc = subprocess.Popen([sys.executable, "-c", CLUSTER, str(workers)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
    try:
        yield proc.stdout.readline().strip()
    finally:
        proc.stdin.close()  # the cluster's process ends when its input does
        proc.wait(60)


def replicas(roster: Path, count: int, repeat: int, tmp: Path) -> tuple[dict, dict]:
    """``regrade run --replicas count`` over 5 years in process and on a local Dask cluster of two single-thread
    worker processes (started once, before: standing infrastructure), interleaved; the stored totals asserted
    identical."""
    import duckdb

    def args(i, tag):
        return ["run", "--roster", str(roster), "--scenario", str(HAY), "--years", "5", "--replicas", str(count),
                "--db", str(tmp / f"replicas-{tag}-{i}.duckdb")]

    here, there = [], []
    with local_cluster(2) as address:
        for i in range(repeat):
            here.append(command(args(i, "here"))[0])
            there.append(command(args(i, "dask") + ["--dask", address])[0])
    sql = "SELECT * EXCLUDE (run_id) FROM run_totals ORDER BY replica, fiscal_year, branch"
    a = duckdb.connect(str(tmp / "replicas-here-0.duckdb"), read_only=True).sql(sql).fetchall()
    b = duckdb.connect(str(tmp / "replicas-dask-0.duckdb"), read_only=True).sql(sql).fetchall()
    if a != b or len(a) != count * 5 * 2:
        raise SystemExit("the replicas on the cluster differ from the replicas in process")
    return stats(here), stats(there)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.scale")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="small rosters (a check that the harness runs)")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "RESULTS-scale.md"))
    args = ap.parse_args(argv)
    if not Path(TIME).exists():
        raise SystemExit("needs /usr/bin/time (GNU time) for each command's peak memory")
    big, huge, small, count = (20_000, 60_000, 2_000, 20) if args.quick else (1_000_000, 3_000_000, 10_767, 1000)
    tmp = Path(tempfile.mkdtemp(prefix="regrade-scale-"))
    load_before = os.getloadavg()[0]
    try:
        rows, stages = measure(tmp, big, huge, small, count, args.repeat)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    write(rows, stages, args, load_before, os.getloadavg()[0])
    return 0


def _rosters(tmp: Path, sizes) -> dict:
    out = {}
    for size in sizes:
        out[size] = tmp / f"roster-{size}.parquet"
        command(["roster", "generate", "--era", "1975", "--size", str(size), "--seed", "2", "--out", str(out[size])])
    import polars as pl

    out["csv"] = tmp / f"roster-{sizes[2]}.csv"  # the big roster as a CSV
    pl.read_parquet(out[sizes[2]]).write_csv(out["csv"])
    return out


def measure(tmp: Path, big: int, huge: int, small: int, count: int, repeat: int) -> tuple[list[tuple], dict]:
    """The rows: (what, regrade, peer or None, the ratio or value the target reads, target, verdict); and the
    stages of a run at the two large sizes (seconds by stage, by size)."""
    rosters = _rosters(tmp, (10, small, big, huge))
    command(["warm"])

    def run_args(size, tag, scenario=HAY, years=10):
        return lambda i: ["run", "--roster", str(rosters[size]), "--scenario", str(scenario), "--years", str(years),
                          "--db", str(tmp / f"{tag}-{i}.duckdb")]

    def peer_args(size):
        return lambda i: ["polars", str(rosters[size]), "10", str(tmp / f"polars-{size}-{i}.parquet")]

    command(run_args(big, "check", SIMPLE)(0))  # the peer equals regrade on bench-simple before it is timed
    command(peer_args(big)(0), module="benchmarks.peers")
    wrong = peers.differences(tmp / "check-0.duckdb", tmp / f"polars-{big}-0.parquet")
    if wrong:
        raise SystemExit(f"the polars peer differs from regrade on bench-simple: {wrong[:5]}")
    rows = []
    a, b, r = paired(run_args(big, "simple", SIMPLE), peer_args(big), repeat)
    rows.append((f"`regrade run` bench-simple, {big:,} x 10 years", a, b, r, "<= 1.5x the lazy polars peer",
                 verdict(r["min"], 1.5)))
    a1, b1, r1 = paired(run_args(big, "hay"), peer_args(big), repeat)
    rows.append((f"`regrade run` hay-1975-same-step, {big:,} x 10 years", a1, b1, r1, "<= 2x the polars peer",
                 verdict(r1["min"], 2.0)))
    a3, b3, r3 = paired(run_args(huge, "hay3"), peer_args(huge), repeat)
    linear = a3["min"] / a1["min"]
    rows.append((f"`regrade run` hay-1975-same-step, {huge:,} x 10 years ({linear:.2f}x the {big:,} run; peak "
                 f"{a3['peak_mb'] / b3['peak_mb']:.2f}x the peer's)", a3, b3, r3,
                 f"<= 2x the polars peer; <= {huge / big * 1.1:.1f}x the {big:,} run; peak <= 2x the peer's",
                 f"{verdict(r3['min'], 2.0)}; linear {verdict(linear, huge / big * 1.1)}; peak "
                 f"{verdict(a3['peak_mb'] / b3['peak_mb'], 2.0)}"))
    per_million = 1_000_000 / big
    for kind in ("parquet", "csv"):
        p = probe("roster", str(rosters[big] if kind == "parquet" else rosters["csv"]), str(repeat))
        rows.append((f"roster read and checked, {big:,} rows, {kind} (in process; per million rows "
                     f"{p['min'] * per_million:.2f} s)", p, None, None, "<= 1 s per million rows",
                     verdict(p["min"] * per_million, 1.0)))
    for what, argv in (("`regrade run` of 10 people, 1 year", run_args(10, "ten", years=1)),
                       ("`regrade runs` (reads a store)", lambda i: ["runs", "--db", str(tmp / "ten-0.duckdb")])):
        times = [command(argv(i))[0] for i in range(repeat)]
        rows.append((f"{what}: the fixed cost (imports, cache loads, exit)", stats(times), None, None, "< 0.5 s",
                     verdict(min(times), 0.5)))
    p = probe("year", str(rosters[big]), str(repeat))
    rows.append((f"`advance_year`, {big:,} positions, one year of one branch ({p['bytes'] / 1e6:,.0f} MB of "
                 f"per-position arrays; floor {p['floor'] * 1000:.1f} ms at {p['bandwidth'] / 1e9:.1f} GB/s copied)",
                 p, None, {"min": p["min"] / p["floor"], "median": p["median"] / p["floor"]},
                 "within 2x of the floor", verdict(p["min"] / p["floor"], 2.0)))
    cold = stats([command(run_args(small, "cold")(i), {"NUMBA_CACHE_DIR": str(tmp / f"cold-{i}")})[0]
                  for i in range(repeat)])
    rows.append((f"cold `regrade run` {small:,} x 10 years (empty Numba cache)", cold, None, None, "< 15 s",
                 verdict(cold["min"], 15)))
    threads = {"`regrade run` hay-1975-same-step, 10 years": ["run", "--roster", str(rosters[small]), "--scenario",
                                                               str(HAY), "--years", "10", "--force", "--db",
                                                               str(tmp / "threads.duckdb")],
               "`regrade sweep` of 200 alternatives": ["sweep", "--roster", str(rosters[small]), "--scenario",
                                                       str(HAY), "--vary", "schedules.I.pct=-5:5:200"]}
    for what, argv in threads.items():
        two, one = threads_busy(argv, repeat)
        r = {"min": two["min"] / one["min"], "median": two["median"] / one["median"]}
        rows.append((f"{what}, {small:,} people: two threads (A) against one (B), one core kept busy", two, one, r,
                     "never slower (A/B <= 1.05)", verdict(r["min"], 1.05)))
    here, there = replicas(rosters[small], count, repeat, tmp)
    rows.append((f"`regrade run --replicas {count}`, {small:,} x 5 years: in process (A), on a local Dask cluster of "
                 "two worker processes (B); stored totals identical (asserted)", here, there,
                 {"min": here["min"] / there["min"], "median": here["median"] / there["median"]}, "measured",
                 "measured"))
    stages = {size: probe("stages", str(rosters[size]), str(rosters[small]), str(tmp / f"stages-{size}.duckdb"))
              for size in (big, huge)}
    return rows, stages


def _time(r: dict | None) -> str:
    if r is None:
        return ""
    unit = (lambda s: f"{s * 1000:.1f} ms") if r["min"] < 1 else (lambda s: f"{s:.2f} s")
    peak = f", {r['peak_mb']:,.0f} MB" if r.get("peak_mb") else ""
    return f"{unit(r['min'])} / {unit(r['median'])}{peak}"


def write(rows: list[tuple], stages: dict, args, load_before: float, load_after: float) -> None:
    import numba
    import polars

    lines = ["# regrade: speed at scale", "",
             f"Finished {dt.datetime.now():%Y-%m-%d %H:%M}: `python -m benchmarks.scale --repeat {args.repeat}"
             f"{' --quick' if args.quick else ''}`. Machine: {platform.machine()}, {os.cpu_count()} cores; 1-minute "
             f"load {load_before:.2f} before, {load_after:.2f} after. Python {platform.python_version()}, numba "
             f"{numba.__version__}, polars {polars.__version__}. Synthetic 1975 rosters (seed 2).", "",
             "Whole commands in a fresh process each (imports, Numba's cache, the work and the exit), regrade and its "
             "peer interleaved; min / median of the runs, peak memory the largest of them. Ratios: min over min, "
             "and the median of the runs' ratios.", "",
             "| what | regrade (A): min / median | peer (B): min / median | A/B min / median | target | verdict |",
             "|---|---|---|---|---|---|"]
    for what, a, b, r, target, said in rows:
        ratio = f"{r['min']:.2f} / {r['median']:.2f}" if r else ""
        lines.append(f"| {what} | {_time(a)} | {_time(b)} | {ratio} | {target} | {said} |")
    sizes = sorted(stages)
    lines += ["", "Where a run's time goes: hay-1975-same-step, 10 years, each stage of simulator/pipeline.py timed in "
              "one process (after a small run there, so that imports and Numba's cache loads are not in them).", "",
              "| stage | " + " | ".join(f"{s:,}" for s in sizes) + f" | {sizes[-1]:,} / {sizes[0]:,} |",
              "|---|" + "---|" * (len(sizes) + 1)]
    for name in [n for n, _ in STAGES] + ["the run in process"]:
        first, last = stages[sizes[0]][name], stages[sizes[-1]][name]
        lines.append(f"| {name} | " + " | ".join(f"{stages[s][name]:.2f} s" for s in sizes)
                     + f" | {last / first:.2f}x |")
    Path(args.out).write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    if sys.argv[1:2] == ["probe"]:
        print(json.dumps(PROBES[sys.argv[2]](*sys.argv[3:])))
        sys.exit(0)
    sys.exit(main())
