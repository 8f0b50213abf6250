"""Costing alternatives: one recost in memory, a sweep, a goal-seek, each beside ``regrade run`` end to end on
the same roster (the demo's synthetic 1975 roster, 10,767 people, 5 fiscal years, expected value, warm).

    python -m benchmarks.alternatives [--repeat 5] [--out benchmarks/RESULTS-alternatives.md]

The recost is measured inside one process (what the explorer or a sweep pays per alternative: placement and
the projection's totals, no sentences, nothing stored); the commands in a fresh process each under
``/usr/bin/time``, as a person runs them. Min and median of the runs."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks.commands import TIME, repeated, table_rows, verdict

ROOT = Path(__file__).resolve().parents[1]
WI = "(document.querySelector('#wi-headline') || {innerText: ''}).innerText"  # null-safe: before Dash renders it
HAY = ROOT / "scenarios" / "hay-1975-same-step.toml"


def explorer_what_if(roster: Path, db: Path, repeat: int) -> dict | None:
    """``regrade serve --roster --scenario`` in a child; in headless Chromium, the time from pressing Enter on a
    new percent to the new headline on screen, ``repeat`` times (each a new value)."""
    import shutil
    import socket
    import subprocess
    import urllib.request

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not chromium:
        return None
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "simulator", "serve", "--db", str(db), "--port", str(port),
                               "--roster", str(roster), "--scenario", str(HAY)], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times = []
    try:
        url = f"http://127.0.0.1:{port}/"
        for _ in range(200):
            try:
                urllib.request.urlopen(url, timeout=2)
                break
            except OSError:
                time.sleep(0.3)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            page.goto(url)
            page.wait_for_function(f"{WI}.includes('First-year cost')",
                                   timeout=60_000)
            for i in range(repeat + 1):  # the first change is a warm-up
                before = page.inner_text("#wi-headline")
                page.fill("#wi-I", str(-1 - i))
                t = time.perf_counter()
                page.press("#wi-I", "Enter")
                page.wait_for_function(f"{WI} !== {before!r}",
                                       timeout=60_000)
                if i:
                    times.append(time.perf_counter() - t)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)
    return {"min": min(times), "median": float(np.median(times)), "runs": len(times), "peak_mb": 0.0}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.alternatives")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="a small roster and sweep (a check that it runs)")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "RESULTS-alternatives.md"))
    args = ap.parse_args(argv)
    if not Path(TIME).exists():
        raise SystemExit("needs /usr/bin/time (GNU time) for each command's peak memory")
    from simulator import solve, synthetic
    from simulator.roster import load_roster
    from simulator.scenario import load_scenario

    size, points = (2000, 10) if args.quick else (None, 200)
    tmp = Path(tempfile.mkdtemp(prefix="regrade-alternatives-"))
    roster_path = tmp / "roster.parquet"
    synthetic.roster("1975", size, 0).write_parquet(roster_path)
    roster, _ = load_roster(roster_path)
    scenario = load_scenario(HAY)
    prm = solve.parameter("schedules.I.pct", scenario)
    from simulator.recost import Recoster

    recoster = Recoster(roster, scenario, 5)  # once, as solve, sweep and the what-if do
    recoster.measures(prm.apply(scenario, -1.0))  # warm: compiled kernels, loaded tables
    times = []
    for i in range(max(args.repeat, 5)):
        variant = prm.apply(scenario, -1.0 + i / 100)
        t = time.perf_counter()
        recoster.measures(variant)
        times.append(time.perf_counter() - t)
    recost = {"min": min(times), "median": float(np.median(times)), "runs": len(times), "peak_mb": 0.0}
    goal = 8_000_000 if size is None else 1_500_000
    answer = solve.solve(roster, scenario, "schedules.I.dollars", -1000, 1000, f"first_year_cost <= {goal}")
    if answer.point is None:
        raise SystemExit(f"the benchmark's goal-seek has no answer: {answer.message}")
    gap = goal - answer.point.first_year_cost / 100
    run = repeated(lambda i: ["run", "--roster", str(roster_path), "--scenario", str(HAY), "--years", "5", "--db",
                              str(tmp / f"run-{i}.duckdb")], args.repeat)
    sweep = repeated(lambda i: ["sweep", "--roster", str(roster_path), "--scenario", str(HAY), "--vary",
                                f"schedules.I.pct=-5:5:{points}", "--out", str(tmp / f"sweep-{i}.csv")], args.repeat)
    solved = repeated(lambda i: ["solve", "--roster", str(roster_path), "--scenario", str(HAY), "--vary",
                                 "schedules.I.dollars", "--between", "-1000", "1000", "--target",
                                 f"first_year_cost <= {goal}"], args.repeat)
    n = roster.height
    ratio = run["min"] / recost["min"]
    rows = [
        (f"recost one alternative in memory ({n:,} people, 5 years): placement, projection totals", recost,
         "< 20 ms, and >= 50x faster than `regrade run`",
         f"{verdict(recost['min'], 0.020)}; {ratio:.0f}x faster than `regrade run`: "
         + ("met" if ratio >= 50 else f"missed by {50 / ratio:.1f}x")),
        (f"`regrade run` end to end ({n:,} people, 5 years, stored)", run, "", ""),
        (f"`regrade sweep` of {points} alternatives, whole command", sweep, "< 5 s" if points == 200 else "",
         verdict(sweep["min"], 5.0) if points == 200 else ""),
        (f"`regrade solve` first-year cost <= ${goal:,} by Schedule I's dollars (to the cent: {answer.evaluations} "
         f"costings; the answer ${gap:,.2f} under the target), whole command", solved, "< 1 s (to $1,000)",
         verdict(solved["min"], 1.0) + ("" if 0 <= gap <= 1000 else f"; NOT within $1,000 (${gap:,.2f})")),
    ]
    what_if = explorer_what_if(roster_path, tmp / "run-0.duckdb", args.repeat)
    if what_if is None:
        rows.append(("explorer what-if, change to new headline on screen", None, "< 300 ms",
                     "not measured: needs chromium and playwright"))
    else:
        rows.append((f"explorer what-if ({n:,} people), a change to the new headline on screen (headless Chromium)",
                     what_if, "< 300 ms", verdict(what_if["min"], 0.300)))
    import numba
    import polars

    lines = ["# regrade: costing alternatives", "",
             f"Run {dt.datetime.now():%Y-%m-%d %H:%M} with `python -m benchmarks.alternatives"
             f"{' --quick' if args.quick else ''}`. Machine: {platform.machine()}, {os.cpu_count()} cores; Python "
             f"{platform.python_version()}, numba {numba.__version__}, polars {polars.__version__}.", "",
             *table_rows(rows)]
    Path(args.out).write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
