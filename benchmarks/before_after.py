"""A change against the commit before it, whole commands as a person runs them: each command of this checkout
(A) and of another commit (B, its files written by ``git archive`` into a folder of its own and put first on
PYTHONPATH, so the same interpreter and packages run its code) in a fresh process, in turn A B A B ..., wall time
and peak memory by ``/usr/bin/time``; min and median of each, and the median of the pairwise ratios A/B (pairing
keeps a ratio fair when the machine's speed drifts during the call). Each side runs its own scenario files.

    python -m benchmarks.before_after --before <commit> [--repeat 7] [--size 1000000] [--tmp DIR] [--out FILE]

Rosters are made once by this checkout (``regrade roster generate``, era 1975, seed 2); both sides warm their
own Numba cache before the timed runs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

from benchmarks.commands import TIME

ROOT = Path(__file__).resolve().parents[1]


def timed(args: list[str], cwd: Path, pythonpath: Path | None) -> tuple[float, int]:
    """One regrade command in a fresh process, run from ``cwd`` with ``pythonpath`` first: (wall s, peak kB)."""
    import time

    env = {**os.environ, **({"PYTHONPATH": str(pythonpath)} if pythonpath else {})}
    t = time.perf_counter()
    run = subprocess.run([TIME, "-f", "%M", sys.executable, "-m", "simulator", *args], capture_output=True, text=True,
                         cwd=cwd, env=env)
    seconds = time.perf_counter() - t
    if run.returncode != 0:
        raise SystemExit(f"regrade {' '.join(args)} failed in {cwd}:\n{run.stderr[-2000:]}")
    return seconds, int(run.stderr.strip().splitlines()[-1])


def pair(name: str, args_for, repeat: int, sides: dict) -> str:
    """A table row: A's and B's min / median wall and peak, and the median ratio of the pairs."""
    got = {side: [] for side in sides}
    for i in range(repeat):
        for side, (cwd, path) in sides.items():
            got[side].append(timed(args_for(side, i), cwd, path))
    walls = {s: np.array([w for w, _ in v]) for s, v in got.items()}
    peaks = {s: max(kb for _, kb in v) / 1024 for s, v in got.items()}
    ratio = float(np.median(walls["A"] / walls["B"]))
    cells = " | ".join(f"{walls[s].min():.2f} s / {np.median(walls[s]):.2f} s / {peaks[s]:,.0f} MB" for s in ("A", "B"))
    return f"| {name} | {cells} | {ratio:.3f} |"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.before_after")
    ap.add_argument("--before", required=True, help="the commit to compare with (B)")
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--size", type=int, default=1_000_000, help="the large roster's employees")
    ap.add_argument("--tmp", help="a folder for the rosters, stores and the other commit's files (default: a new one)")
    ap.add_argument("--out", help="append the table to this file (default: print it)")
    args = ap.parse_args(argv)
    if not Path(TIME).exists():
        raise SystemExit("needs /usr/bin/time (GNU time)")
    tmp = Path(args.tmp or tempfile.mkdtemp(prefix="regrade-before-after-"))
    before = tmp / "before"
    try:
        before.mkdir(parents=True)
        archive = subprocess.run(["git", "archive", "--format=tar", args.before], cwd=ROOT, check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(before)], input=archive, check=True)
        sides = {"A": (ROOT, None), "B": (before, before)}
        rosters = {}
        for size in (10_767, args.size):
            rosters[size] = tmp / f"roster-{size}.parquet"
            timed(["roster", "generate", "--era", "1975", "--size", str(size), "--seed", "2", "--out",
                   str(rosters[size])], ROOT, None)
        for cwd, path in sides.values():
            timed(["warm"], cwd, path)

        def run(size, scenario="scenarios/hay-1975-same-step.toml"):
            return lambda side, i: ["run", "--roster", str(rosters[size]), "--scenario", scenario, "--years", "10",
                                    "--db", str(tmp / f"run-{side}-{size}-{i}.duckdb")]

        def sweep(side, i):
            return ["sweep", "--roster", str(rosters[10_767]), "--scenario", "scenarios/hay-1975-same-step.toml",
                    "--vary", "schedules.I.pct=-5:5:200", "--out", str(tmp / f"sweep-{side}-{i}.csv")]

        rows = ["| what | A: this checkout, min / median wall, peak | B: before, min / median wall, peak | A/B "
                "(median of pairs) |", "|---|---|---|---|",
                pair(f"`regrade run` hay-1975-same-step, {args.size:,} x 10 years", run(args.size), args.repeat,
                     sides),
                pair("`regrade run` hay-1975-same-step, 10,767 x 10 years", run(10_767), args.repeat, sides),
                pair("`regrade sweep` of 200 alternatives, 10,767 people", sweep, args.repeat, sides)]
        text = "\n".join(rows) + "\n"
        if args.out:
            with open(args.out, "a", encoding="utf-8") as fh:
                fh.write(text)
        print(text)
    finally:
        if not args.tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
