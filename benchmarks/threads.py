"""Threads against one thread: ``regrade sweep`` (200 alternatives, the synthetic 1975 roster of 10,767 people,
5 fiscal years) as a whole command in a fresh process, on Numba's two threads and on one
(NUMBA_NUM_THREADS=1), with the machine idle and with one core kept busy by another process; and, as the
peer that shows why, two threads that spin while they wait (OMP_WAIT_POLICY=ACTIVE, OpenMP's default before
kernels/config.py asked for sleeping threads). Interleaved, min and median of the runs.

    python -m benchmarks.threads [--repeat 5] [--points 200] [--out benchmarks/RESULTS-threads.md]

The target: on a busy machine two threads are never slower than one (their min within 5 % of one thread's)."""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import os
import platform
import sys
import tempfile
from pathlib import Path

from benchmarks.commands import TIME, command, table_rows

ROOT = Path(__file__).resolve().parents[1]
HAY = ROOT / "scenarios" / "hay-1975-same-step.toml"
SETTINGS = {"two threads (sleeping while they wait)": {},
            "one thread": {"NUMBA_NUM_THREADS": "1"},
            "peer: two threads spinning while they wait": {"OMP_WAIT_POLICY": "ACTIVE"}}


def spin(stop) -> None:  # one core kept busy, as another user's job would
    while not stop.is_set():
        pass


def measure(roster: Path, points: int, repeat: int, busy: bool) -> dict[str, list[float]]:
    args = ["sweep", "--roster", str(roster), "--scenario", str(HAY), "--vary", f"schedules.I.pct=-5:5:{points}"]
    times: dict[str, list[float]] = {k: [] for k in SETTINGS}
    stop = multiprocessing.Event()
    spinner = multiprocessing.Process(target=spin, args=(stop,), daemon=True) if busy else None
    if spinner:
        spinner.start()
    try:
        for _ in range(repeat):
            for name, env in SETTINGS.items():  # interleaved: a change of load touches every setting alike
                times[name].append(command(args, env)[0])
    finally:
        if spinner:
            stop.set()
            spinner.join(5)
    return times


def main(argv=None) -> int:
    import numpy as np

    ap = argparse.ArgumentParser(prog="python -m benchmarks.threads")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--points", type=int, default=200)
    ap.add_argument("--size", type=int, default=None, help="employees (default: the 1975 headcount, 10,767)")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "RESULTS-threads.md"))
    args = ap.parse_args(argv)
    if not Path(TIME).exists():
        print(f"{TIME} is missing (Debian: apt-get install time)", file=sys.stderr)
        return 2
    from simulator import synthetic

    with tempfile.TemporaryDirectory() as tmp:
        roster = Path(tmp) / "roster.parquet"
        frame = synthetic.roster("1975", args.size, 0)
        frame.write_parquet(roster)
        command(["warm"])
        load = os.getloadavg()[0]
        results = {busy: measure(roster, args.points, args.repeat, busy) for busy in (False, True)}
    lines = [f"# Threads against one thread: `regrade sweep` of {args.points} alternatives",
             "", f"Measured {dt.datetime.now():%Y-%m-%d %H:%M} on {platform.machine()}, {os.cpu_count()} cores, "
             f"Python {platform.python_version()}; {frame.height:,} people, 5 fiscal years; whole commands in a "
             f"fresh process each (imports and exit included), interleaved, {args.repeat} runs each; 1-minute "
             f"load before {load:.2f}. Command: `python -m benchmarks.threads`.", ""]
    for busy, times in results.items():
        lines += [f"## {'One core busy (another process spinning)' if busy else 'Idle machine'}", ""]
        one = min(times["one thread"])
        rows = []
        for name, ts in times.items():
            r = {"min": min(ts), "median": float(np.median(ts)), "runs": len(ts), "peak_mb": 0}
            target, result = "", f"{min(ts) / one:.2f}x one thread's min"
            if name.startswith("two threads (sleeping"):
                target = "<= 1.05x one thread"
                result = ("met: " if min(ts) <= 1.05 * one else "MISSED: ") + result
            rows.append((name, r, target, result))
        lines += [*table_rows(rows), ""]
    Path(args.out).write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
