"""Whole commands as a person runs them: ``regrade`` in a fresh process each run (imports, Numba's cache, the work
and the process's exit included), wall time and peak memory by ``/usr/bin/time``; min and median of the runs.

    python -m benchmarks.commands [--repeat 5] [--quick] [--out benchmarks/RESULTS-commands.md]

The rows are the whole-process targets of the "end to end as fast as the kernels" issue; each is written with
its target and verdict. A cold row runs with an empty Numba cache (NUMBA_CACHE_DIR in a new folder)."""

from __future__ import annotations

import argparse
import datetime as dt
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

ROOT = Path(__file__).resolve().parents[1]
HAY = ROOT / "scenarios" / "hay-1975-same-step.toml"
SIMPLE = ROOT / "scenarios" / "bench-simple.toml"
TIME = shutil.which("time") or "/usr/bin/time"


def command(args: list[str], env: dict | None = None, module: str = "simulator") -> tuple[float, int]:
    """One ``regrade`` command (or another module's) in a fresh process: (wall seconds, peak memory in kB)."""
    t = time.perf_counter()
    run = subprocess.run([TIME, "-f", "%M", sys.executable, "-m", module, *args], capture_output=True,
                         text=True, env={**os.environ, **(env or {})}, cwd=ROOT)
    seconds = time.perf_counter() - t
    if run.returncode != 0:
        raise SystemExit(f"{module} {' '.join(args)} failed:\n{run.stderr[-2000:]}")
    return seconds, int(run.stderr.strip().splitlines()[-1])


def repeated(args_for, repeat: int, env_for=None, module: str = "simulator") -> dict:
    times, peak = [], 0
    for i in range(repeat):
        s, kb = command(args_for(i), env_for(i) if env_for else None, module)
        times.append(s)
        peak = max(peak, kb)
    return {"min": min(times), "median": float(np.median(times)), "runs": repeat, "peak_mb": peak / 1024}


def table_rows(rows: list[tuple]) -> list[str]:
    """The results table: (what, timings or None, target, verdict) a row; times in ms below a second."""
    out = ["| what | min | median | runs | peak memory | target | verdict |", "|---|---|---|---|---|---|---|"]
    for what, r, target, result in rows:
        if r is None:
            out.append(f"| {what} | | | | | {target} | {result} |")
            continue
        unit = (lambda s: f"{s * 1000:.1f} ms") if r["min"] < 1 else (lambda s: f"{s:.2f} s")
        peak = f"{r['peak_mb']:,.0f} MB" if r["peak_mb"] else ""
        out.append(f"| {what} | {unit(r['min'])} | {unit(r['median'])} | {r['runs']} | {peak} | {target} | {result} |")
    return out


def verdict(value: float, limit: float) -> str:
    return "met" if value <= limit else f"missed by {value / limit:.2f}x"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.commands")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="small rosters only (a check that the harness runs)")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "RESULTS-commands.md"))
    args = ap.parse_args(argv)
    if not Path(TIME).exists():
        raise SystemExit("needs /usr/bin/time (GNU time) for each command's peak memory")
    tmp = Path(tempfile.mkdtemp(prefix="regrade-commands-"))
    big, small, huge = (20_000, 2_000, 50_000) if args.quick else (1_000_000, 10_767, 10_000_000)
    rows = []
    try:
        rosters = {}
        for size in sorted({big, small, huge}):
            rosters[size] = tmp / f"roster-{size}.parquet"
            command(["roster", "generate", "--era", "1975", "--size", str(size), "--seed", "2",
                     "--out", str(rosters[size])])
        command(["warm"])

        def run_args(size, i, tag, scenario=HAY):
            return ["run", "--roster", str(rosters[size]), "--scenario", str(scenario), "--years", "10",
                    "--db", str(tmp / f"{tag}-{i}.duckdb")]

        # bench-simple: regrade and its two peers, their cash by year asserted equal first, then timed
        command(run_args(big, 0, "check", SIMPLE))
        for kind in ("sql", "polars"):
            out = tmp / f"peer-{kind}.parquet"
            command([kind, str(rosters[big]), "10", str(out)], module="benchmarks.peers")
            wrong = peers.differences(tmp / "check-0.duckdb", out)
            if wrong:
                raise SystemExit(f"the {kind} peer differs from regrade on bench-simple: {wrong[:5]}")
        simple = repeated(lambda i: run_args(big, i, "simple", SIMPLE), args.repeat)
        sql = repeated(lambda i: ["sql", str(rosters[big]), "10", str(tmp / f"sql-{i}.parquet")], args.repeat,
                       module="benchmarks.peers")
        lazy = repeated(lambda i: ["polars", str(rosters[big]), "10", str(tmp / f"polars-{i}.parquet")],
                        args.repeat, module="benchmarks.peers")
        rows.append((f"peer: DuckDB SQL script, bench-simple rules, {big:,} x 10 years (cash by year equal to "
                     "regrade's, asserted)", sql, "", ""))
        rows.append((f"peer: lazy polars script, bench-simple rules, {big:,} x 10 years (cash by year equal, "
                     "asserted)", lazy, "", ""))
        ratio = simple["min"] / sql["min"]
        rows.append((f"`regrade run` bench-simple, {big:,} x 10 years, warm, default store ({ratio:.1f}x the SQL "
                     f"peer, {simple['min'] / lazy['min']:.1f}x the polars peer)", simple, "<= 1.0x the SQL peer",
                     verdict(ratio, 1.0)))
        r = repeated(lambda i: run_args(big, i, "big"), args.repeat)
        ratio = r["min"] / sql["min"]
        rows.append((f"`regrade run` hay-1975-same-step, {big:,} x 10 years, warm, default store ({ratio:.1f}x the "
                     "SQL peer on bench-simple)", r, "<= 1.5x the SQL peer; peak < 1.5 GB",
                     f"{verdict(ratio, 1.5)}; peak {verdict(r['peak_mb'], 1536)}"))
        r = repeated(lambda i: run_args(small, i, "small"), args.repeat)
        rows.append((f"`regrade run` hay-1975-same-step, {small:,} x 10 years, warm", r, "< 0.5 s",
                     verdict(r["min"], 0.5)))
        r = repeated(lambda i: ["place", "--roster", str(rosters[huge]), "--scenario", str(HAY), "--out",
                                str(tmp / f"placed-{i}.parquet")], args.repeat)
        rows.append((f"`regrade place` {huge:,}", r, "< 10 s, peak < 6 GB",
                     f"{verdict(r['min'], 10)}; peak {verdict(r['peak_mb'], 6144)}"))
        cold = lambda i: {"NUMBA_CACHE_DIR": str(tmp / f"cold-{i}-{time.time_ns()}")}  # noqa: E731
        r = repeated(lambda i: run_args(small, i, "cold"), args.repeat, cold)
        rows.append((f"cold `regrade run` {small:,} x 10 years (empty Numba cache)", r, "< 10 s",
                     verdict(r["min"], 10)))
        demo_dir = tmp / "demo"
        demo_dir.mkdir()
        r = repeated(lambda i: ["demo", "--db", str(demo_dir / f"d{i}.duckdb"), "--out-dir", str(demo_dir / f"o{i}")],
                     args.repeat, cold)
        rows.append(("cold `regrade demo` (empty Numba cache; progress on screen)", r, "< 40 s", verdict(r["min"], 40)))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    import numba
    import polars

    lines = [
        "# regrade: whole commands",
        "",
        f"Run {dt.datetime.now():%Y-%m-%d %H:%M} with `python -m benchmarks.commands"
        f"{' --quick' if args.quick else ''}`. Machine: {platform.machine()}, {os.cpu_count()} cores; Python "
        f"{platform.python_version()}, numba {numba.__version__}, polars {polars.__version__}.",
        "",
        "Each run is `python -m simulator ...` (the `regrade` command) in a fresh process under `/usr/bin/time`:",
        "imports, the Numba cache, the work and the exit. Synthetic 1975 rosters (seed 2). Min and median of the runs;",
        "peak is the largest resident set of the runs.",
        "",
    ]
    lines += table_rows(rows)
    Path(args.out).write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
