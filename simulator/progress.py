"""Progress on long work: a line per stage with its time, a bar for long loops, and a one-time notice when the
engine's kernels are compiled (Numba compiles them on first use, once per install, and caches them).

Stage lines and bars go to standard error, and only when it is a terminal (or REGRADE_PROGRESS=1), so that
piped output stays clean; the compile notice is always shown, because it explains a wait.
"""

from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager

COMPILE_SECONDS = 30  # about how long the first compile takes on a 2-core machine (measured; benchmarks/)


def enabled() -> bool:
    return os.environ.get("REGRADE_PROGRESS") == "1" or sys.stderr.isatty()


@contextmanager
def stage(label: str):
    """``with stage("reading the roster"): ...`` prints 'reading the roster ... 0.42 s' when it ends."""
    t = time.perf_counter()
    if enabled():
        print(f"  {label} ...", end="", file=sys.stderr, flush=True)
    try:
        yield
    except BaseException:
        if enabled():
            print(" stopped", file=sys.stderr, flush=True)
        raise
    if enabled():
        print(f" {time.perf_counter() - t:.2f} s", file=sys.stderr, flush=True)


def bar(total: int, desc: str, unit: str = "step"):
    from tqdm import tqdm

    return tqdm(total=total, desc=f"  {desc}", unit=unit, leave=False, disable=not enabled(), file=sys.stderr)


def _entries(stages: str) -> list:
    from kernels import aggregate, calendar, digest, draws, place, year

    entries = [place.place_kernel]
    if stages == "run":
        # (year.step_codes, used only with --person-years, compiles in half a second: not waited for here)
        entries += [year.year_budgets, year.advance_year, draws.expected_draws,
                    calendar.add_months_array, calendar.next_anniversary_array, aggregate.cube_sums, digest.fold]
    return entries


def cold_kernels(stages: str = "run") -> list[str]:
    """The entry kernels a command uses (``stages``: "place" or "run") that have no valid compiled copy in
    Numba's cache (none after a warm-up)."""
    entries = _entries(stages)
    cold = []
    for kernel in entries:
        cache = getattr(kernel, "_cache", None)
        try:
            warm = bool(cache._cache_file._load_index())
        except Exception:  # a disabled JIT, or a cache layout this Numba does not have: assume warm
            warm = True
        if not warm:
            cold.append(kernel.__name__)
    return cold


_NOTIFIED = False


def compile_notice(stages: str = "run", quiet: bool = False) -> None:
    """Say once per process, before the first kernel call, that the kernels are being compiled, if they are
    (``quiet``: only mark it said, for a command that says it in its own words)."""
    global _NOTIFIED
    if _NOTIFIED or os.environ.get("NUMBA_DISABLE_JIT") == "1":
        return
    _NOTIFIED = True
    if quiet:
        return
    cold = cold_kernels(stages)
    if cold:
        print(f"regrade: compiling the engine ({len(cold)} kernels) for this machine; this happens once per install "
              f"and takes about {COMPILE_SECONDS} s (later runs start at once). 'regrade warm' does it ahead of "
              "time.", file=sys.stderr, flush=True)
