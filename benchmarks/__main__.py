"""regrade benchmarks: python -m benchmarks [--sizes 10767 100000 1000000] [--quick] [--repeat 5]

Every figure is the min and median of at least ``--repeat`` runs, measured in this one process (or a child
of it), against peers run in the same session on the same roster:

- the analyst's way: the same rules as a plain Python loop, and as pandas ``apply`` row by row (run with
  NUMBA_DISABLE_JIT=1 in a child process, so the very same rule code runs uncompiled; results asserted equal);
- a polars-expressions placement (join / join_asof), results asserted equal;
- the engine: the kernel alone, and the whole placement (validation, joins, explanations), warm and cold;
- rooflines: a numpy copy of the bytes the placement kernel reads and writes, and a write-only pass over the
  projection's output arrays;
- projection (10 years), Monte Carlo replicas, DuckDB store + aggregates, and ``regrade demo`` end to end.

Writes benchmarks/RESULTS.md (or --out). --quick runs small sizes only: it proves the harness still runs and
the equality assertions still hold (CI runs it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import polars as pl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kernels import placement as k  # noqa: E402
from simulator import synthetic  # noqa: E402
from simulator.placement import place, prepare  # noqa: E402
from simulator.scenario import load_scenario  # noqa: E402

HAY = ROOT / "scenarios" / "hay-1975-same-step.toml"
KERNEL_ARGS = ["rule_id", "row", "current", "floor_step", "fixed_step", "same_step", "years_step", "direction",
               "pct_bp", "max_raise", "cap_amount_c", "cap_bp", "old_min_b", "old_max_b"]
DTYPES = [np.int32, np.int64, np.int64, np.int32, np.int32, np.int32, np.int32, np.int8, np.int32, np.int64,
          np.int64, np.int64, np.int64, np.int64]


# The peak resident memory of a child, read by the child itself from VmHWM, which a new program image starts
# afresh (getrusage's ru_maxrss would carry over the parent's size across fork and exec).
PEAK = ("def peak_kb():\n    for line in open('/proc/self/status'):\n        if line.startswith('VmHWM:'):\n"
        "            return int(line.split()[1])\n")


def timed(fn, repeat: int) -> dict:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return {"min": min(times), "median": float(np.median(times)), "runs": repeat}


def fmt(t: float) -> str:
    return f"{t * 1e3:.3f} ms" if t < 1 else f"{t:.2f} s"


def placement_inputs(size: int, seed: int = 1):
    scenario = load_scenario(HAY)
    roster = synthetic.roster("1975", size, seed).with_columns(pl.all().cast(pl.String))
    from simulator.roster import validate_roster

    typed, _ = validate_roster(roster, "bench")
    frame, rows, _ = prepare(typed, scenario, "bench")
    arrays = {name: frame[name].to_numpy().astype(dt_, copy=False) for name, dt_ in zip(KERNEL_ARGS, DTYPES)}
    return scenario, roster, frame, rows, arrays


def engine_kernel(arrays, rows):
    n = len(arrays["row"])
    out = k.empty_outputs(n)
    args = [arrays[a] for a in KERNEL_ARGS]
    return lambda: k.place_kernel(*args, np.zeros(n, np.bool_), rows.rates, rows.n_steps, rows.increment,
                                  rows.periods, *out), out


def polars_peer(frame: pl.DataFrame, rows) -> pl.DataFrame:
    """Hay same step in polars expressions: the same step's rate by a join, the closest step with no decrease
    by join_asof, the lower grade's current pay kept."""
    long = pl.DataFrame({"row": np.repeat(np.arange(rows.rates.shape[0]), rows.rates.shape[1]),
                         "step_i": np.tile(np.arange(rows.rates.shape[1]), rows.rates.shape[0]),
                         "rate": rows.rates.ravel()}).filter(pl.col("step_i") < pl.col("row").map_elements(
                             lambda r: int(rows.n_steps[r]), return_dtype=pl.Int64))
    people = frame.select(pl.int_range(pl.len()).alias("i"), pl.col("row").cast(pl.Int64),
                          pl.col("same_step").cast(pl.Int64).alias("step_i"), "direction", "current")

    def run() -> pl.DataFrame:
        same = people.join(long, on=["row", "step_i"], how="left")
        closest = people.filter(pl.col("step_i") < 0).sort("current").join_asof(
            long.sort("rate"), left_on="current", right_on="rate", by="row", strategy="forward",
            check_sortedness=False).select("i", pl.col("rate").alias("closest"))
        out = same.join(closest, on="i", how="left").sort("i").select(
            "i", pl.when(pl.col("step_i") < 0).then(pl.coalesce("closest", "current"))
            .when(pl.col("direction") < 0).then(pl.col("current")).otherwise(pl.col("rate")).alias("new_rate"))
        return out

    return run


ANALYST = r"""
import json, sys, time
import numpy as np, pandas as pd
from kernels import placement as k   # NUMBA_DISABLE_JIT=1: these are plain Python functions now
d = np.load(sys.argv[1])
a = {key: d[key] for key in d.files}
n, repeat, out_path = len(a["row"]), int(sys.argv[2]), sys.argv[3]
rates, n_steps, inc = a["rates"], a["n_steps"], a["increment"]
def one(i):
    r = int(a["row"][i])
    return k.place_one(int(a["rule_id"][i]), rates, r, int(n_steps[r]), int(inc[r]), int(a["current"][i]),
                       int(a["floor_step"][i]), int(a["fixed_step"][i]), int(a["same_step"][i]),
                       int(a["years_step"][i]), int(a["direction"][i]), int(a["pct_bp"][i]), int(a["max_raise"][i]),
                       False, int(a["old_min_b"][i]), int(a["old_max_b"][i]))[0]
loop_times, loop_result = [], None
for _ in range(repeat):
    t = time.perf_counter(); loop_result = [one(i) for i in range(n)]; loop_times.append(time.perf_counter() - t)
df = pd.DataFrame({"i": np.arange(n)})
pandas_times, pandas_result = [], None
for _ in range(max(1, repeat)):
    t = time.perf_counter(); pandas_result = df.apply(lambda row: one(int(row["i"])), axis=1)
    pandas_times.append(time.perf_counter() - t)
json.dump({"loop": loop_times, "pandas": pandas_times,
           "equal": bool(np.array_equal(np.array(loop_result), pandas_result.to_numpy()))}, open(out_path, "w"))
np.save(out_path + ".npy", np.array(loop_result, dtype=np.int64))
"""


def analyst(arrays, rows, repeat: int, tmp: Path) -> dict:
    data = tmp / "inputs.npz"
    np.savez(data, **arrays, rates=rows.rates, n_steps=rows.n_steps, increment=rows.increment)
    out = tmp / "analyst.json"
    env = {**os.environ, "NUMBA_DISABLE_JIT": "1", "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", ANALYST, str(data), str(repeat), str(out)], check=True, env=env)
    result = json.loads(out.read_text())
    result["new_rate"] = np.load(str(out) + ".npy")
    return result


def roofline_copy(arrays, out) -> callable:
    nbytes = sum(a.nbytes for a in arrays.values()) + sum(o.nbytes for o in out)
    src = np.ones(nbytes // 8, np.int64)
    dst = np.empty_like(src)
    return (lambda: np.copyto(dst, src)), nbytes


def cold_start(cache: bool, tmp: Path) -> float:
    """A first placement call in a fresh process, with the Numba cache (warm files) or without (empty dir)."""
    cache_dir = tmp / ("numba-cache" if cache else f"numba-empty-{time.time_ns()}")
    cache_dir.mkdir(exist_ok=True)
    code = ("import time, sys; sys.path.insert(0, %r); t = time.perf_counter(); "
            "from simulator.placement import place; import polars as pl; from simulator import synthetic; "
            "place(synthetic.roster('1975', 2000, 1).with_columns(pl.all().cast(pl.String)), %r); "
            "print(time.perf_counter() - t)") % (str(ROOT), str(HAY))
    env = {**os.environ, "NUMBA_CACHE_DIR": str(cache_dir)}
    if cache:  # fill the cache once
        subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, check=True)
    run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return float(run.stdout.strip())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks")
    ap.add_argument("--sizes", type=int, nargs="*", default=[10767, 100_000, 1_000_000])
    ap.add_argument("--quick", action="store_true", help="small sizes only, for CI")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "RESULTS.md"))
    args = ap.parse_args(argv)
    if args.repeat < 5:
        ap.error("--repeat must be at least 5 (min and median of at least 5 runs)")
    sizes = [2000, 5000] if args.quick else args.sizes
    projection_sizes = [2000] if args.quick else [10767, 1_000_000]
    replica_size, replicas = (1000, 5) if args.quick else (10767, 100)
    rows_md, notes = [], []
    tmp = Path(tempfile.mkdtemp(prefix="regrade-bench-"))

    def add(what, size, res, ratio="", target="", verdict=""):
        rows_md.append(f"| {what} | {size:,} | {fmt(res['min'])} | {fmt(res['median'])} | {res['runs']} | {ratio} "
                       f"| {target} | {verdict} |")

    # ---- placement ---------------------------------------------------------------------------------------
    for size in sizes:
        scenario, roster, frame, rows, arrays = placement_inputs(size)
        run, out = engine_kernel(arrays, rows)
        run()  # compile (cached)
        kern = timed(run, args.repeat)
        engine_rate = out[0].copy()
        whole = timed(lambda: place(roster, scenario), args.repeat if size <= 100_000 else max(5, args.repeat))
        copy, nbytes = roofline_copy(arrays, out)
        roof = timed(copy, args.repeat)
        target = ""
        verdict = ""
        if size == 10767:
            target = "< 0.2 ms"
            verdict = "met" if kern["min"] < 0.0002 else f"missed by {kern['min'] / 0.0002:.1f}x"
        add("placement kernel (engine, warm)", size, kern, "", target, verdict)
        add("placement, whole pipeline (validate, join, explain)", size, whole,
            f"{whole['min'] / kern['min']:.0f}x kernel")
        ratio = kern["min"] / roof["min"]
        big = size >= 10_000_000
        add(f"roofline: numpy copy of the kernel's {nbytes / 1e6:.1f} MB", size, roof, f"kernel = {ratio:.1f}x copy",
            "within 5x" if big else "", ("met" if ratio <= 5 else "missed") if big else "")
        if size <= 100_000:
            ana = analyst(arrays, rows, max(1, args.repeat if size <= 20_000 else 5), tmp)
            assert np.array_equal(ana["new_rate"], engine_rate), "the plain Python loop disagrees with the engine"
            assert ana["equal"], "pandas apply disagrees with the plain loop"
            loop = {"min": min(ana["loop"]), "median": float(np.median(ana["loop"])), "runs": len(ana["loop"])}
            pand = {"min": min(ana["pandas"]), "median": float(np.median(ana["pandas"])), "runs": len(ana["pandas"])}
            speed = loop["min"] / kern["min"]
            add("analyst: plain Python loop, same rules (results equal)", size, loop,
                f"engine kernel {speed:,.0f}x faster", ">= 40x", "met" if speed >= 40 else "missed")
            add("analyst: pandas apply row by row (results equal)", size, pand,
                f"engine kernel {pand['min'] / kern['min']:,.0f}x faster")
        peer = polars_peer(frame, rows)
        got = peer()
        assert np.array_equal(got["new_rate"].to_numpy(), engine_rate), "the polars peer disagrees with the engine"
        pol = timed(peer, args.repeat)
        speed = pol["min"] / kern["min"]
        add("polars expressions (join / join_asof; results equal)", size, pol, f"engine kernel {speed:,.0f}x faster",
            ">= 15x at 1M" if size == 1_000_000 else "",
            ("met" if speed >= 15 else "missed") if size == 1_000_000 else "")

    # ---- cold starts -------------------------------------------------------------------------------------
    cold_cached = [cold_start(True, tmp) for _ in range(args.repeat)]
    cold_empty = [cold_start(False, tmp) for _ in range(min(args.repeat, 5))]
    add("cold start: first placement in a fresh process, Numba cache filled", 2000,
        {"min": min(cold_cached), "median": float(np.median(cold_cached)), "runs": len(cold_cached)})
    add("cold start: same, empty Numba cache (compiles)", 2000,
        {"min": min(cold_empty), "median": float(np.median(cold_empty)), "runs": len(cold_empty)})

    # ---- projection, replicas, store ---------------------------------------------------------------------
    from simulator import store
    from simulator.projection import project

    for size in projection_sizes:
        scenario = load_scenario(HAY)
        placed = place(synthetic.roster("1975", size, 2).with_columns(pl.all().cast(pl.String)), scenario).frame
        project(placed, scenario, 1)  # compile
        kernel_times = []

        def one_projection():
            kernel_times.append(project(placed, scenario, 10).kernel_seconds)

        proj_res = timed(one_projection, 5)
        proj = project(placed, scenario, 10)
        add("10-year projection, one path, kernels only (advance_year, both branches)", size,
            {"min": min(kernel_times), "median": float(np.median(kernel_times)), "runs": len(kernel_times)},
            "", "< 0.5 s" if size == 1_000_000 else "",
            ("met" if min(kernel_times) < 0.5 else f"missed by {min(kernel_times) / 0.5:.1f}x")
            if size == 1_000_000 else "")
        target = "< 0.5 s" if size == 1_000_000 else ""
        add("10-year projection, one path, whole (both branches, frames)", size, proj_res, "", target,
            ("met" if proj_res["min"] < 0.5 else f"missed by {proj_res['min'] / 0.5:.1f}x") if target else "")
        out_bytes = size * 10 * 2 * 8 * 17  # 10 years x 2 branches x 17 int64 state and result arrays
        buf = np.empty(out_bytes // 8, np.int64)
        floor = timed(lambda: buf.fill(1), 5)
        ratio = min(kernel_times) / floor["min"]
        add(f"write-only floor: {out_bytes / 1e6:.0f} MB of projection state and results", size, floor,
            f"projection kernels = {ratio:.1f}x floor", "within 4x", "met" if ratio <= 4 else "missed")
        db = tmp / f"store-{size}.duckdb"

        def store_once():
            if db.exists():
                db.unlink()
            con = store.connect(db)
            store.save_run(con, scenario=scenario, roster_name="bench", roster_hash="-", synthetic=True, seed=0,
                           replicas=0, years=10, placement=placed, projection=proj, started_at=dt.datetime.now())
            con.execute("SELECT * FROM cost_by_year").fetchall()
            con.execute("SELECT * FROM cost_by_agency").fetchall()
            con.close()

        st = timed(store_once, 5)
        target = "< 2 s" if size == 1_000_000 else ""
        add(f"DuckDB: store the run + compute the aggregates (file {db.stat().st_size / 1e6:.0f} MB)", size, st, "",
            target, ("met" if st["min"] < 2 else f"missed by {st['min'] / 2:.1f}x") if target else "")
    scenario = load_scenario(HAY)
    placed = place(synthetic.roster("1975", replica_size, 3).with_columns(pl.all().cast(pl.String)), scenario).frame
    rep_kernel = []
    rep = timed(lambda: rep_kernel.append(project(placed, scenario, 10, seed=1, replicas=replicas).kernel_seconds), 5)
    add(f"{replicas} Monte Carlo replicas x 10 years, kernels only", replica_size,
        {"min": min(rep_kernel), "median": float(np.median(rep_kernel)), "runs": len(rep_kernel)})
    add(f"{replicas} Monte Carlo replicas x 10 years, whole", replica_size, rep, "",
        "< 2 s" if replicas == 100 else "", ("met" if rep["min"] < 2 else f"missed by {rep['min'] / 2:.1f}x")
        if replicas == 100 else "")

    # ---- peak memory of a 10-year projection, measured by the child itself ----------------------------------
    mem_size = 2000 if args.quick else 1_000_000
    code = (PEAK + "import sys; sys.path.insert(0, %r); import polars as pl; from simulator import synthetic; "
            "from simulator.placement import place; from simulator.projection import project; "
            "from simulator.scenario import load_scenario; s = load_scenario(%r); "
            "p = place(synthetic.roster('1975', %d, 2).with_columns(pl.all().cast(pl.String)), s).frame; "
            "project(p, s, 10); print(peak_kb())") % (str(ROOT), str(HAY), mem_size)
    peak_kb = int(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    notes.append(f"Peak memory (max RSS) of a process that generates, places and projects {mem_size:,} employees "
                 f"over 10 years: **{peak_kb / 1024:,.0f} MB**"
                 + (f" (target < 4 GB: {'met' if peak_kb < 4 * 1024 * 1024 else 'missed'})." if mem_size == 1_000_000
                    else "."))

    # ---- demo end to end ---------------------------------------------------------------------------------
    demo_times, peak = [], 0
    demo = (PEAK + "import sys; sys.path.insert(0, %r); from simulator.cli import main; rc = main(sys.argv[1:]); "
            "print(peak_kb(), file=sys.stderr); sys.exit(rc)") % str(ROOT)
    for i in range(5):
        folder = tmp / f"demo{i}"
        folder.mkdir()
        t = time.perf_counter()
        run = subprocess.run([sys.executable, "-c", demo, "demo", "--years", "2" if args.quick else "5"],
                             cwd=folder, check=True, capture_output=True, text=True)
        demo_times.append(time.perf_counter() - t)
        peak = max(peak, int(run.stderr.strip().splitlines()[-1]))
    add(f"regrade demo end to end, warm Numba cache (peak memory {peak / 1024:.0f} MB)", 20308,
        {"min": min(demo_times), "median": float(np.median(demo_times)), "runs": len(demo_times)}, "", "< 20 s",
        "met" if min(demo_times) < 20 else f"missed by {min(demo_times) / 20:.1f}x")

    import duckdb
    import numba

    head = [
        "# regrade benchmarks",
        "",
        f"Run {dt.datetime.now():%Y-%m-%d %H:%M} with `python -m benchmarks {' '.join(argv or sys.argv[1:])}`"
        + (" (QUICK: small sizes, a smoke test, not a measurement)" if args.quick else ""),
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}; Python "
        f"{platform.python_version()}, numpy {np.__version__}, numba {numba.__version__}, polars {pl.__version__}, "
        f"duckdb {duckdb.__version__}.",
        "",
        "Times are the min and median of the stated number of runs, in one session, on the same synthetic "
        "rosters (Hay 1975, same-step scenario). Ratios compare minima.",
        "",
        "| what | employees | min | median | runs | ratio | target | verdict |",
        "|---|---|---|---|---|---|---|---|",
    ]
    analysis = (ROOT / "benchmarks" / "ANALYSIS.md").read_text() if not args.quick else ""
    Path(args.out).write_text("\n".join(head + rows_md + [""] + notes + ["", analysis]) + "\n")
    print("\n".join(head + rows_md))
    return 0


if __name__ == "__main__":
    sys.exit(main())
