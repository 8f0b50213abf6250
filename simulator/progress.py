"""Progress on long work: a line per stage with its time, a bar for long loops, and a notice, before it starts,
whenever the engine's kernels are being compiled (Numba compiles a kernel on its first use after an install or
a change of kernels/, and caches it; ``regrade warm`` compiles every kernel any command uses).

Stage lines and bars go to standard error, and only when it is a terminal (or REGRADE_PROGRESS=1), so that
piped output stays clean; the compile notice is always shown, because it explains a wait, and it never lands
inside a stage line or a bar (``say``).
"""

from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager

# how long compiling every kernel takes on a 2-core machine from an empty cache (regrade warm measured 31 s idle;
# benchmarks/RESULTS-commands.md has the cold commands)
COMPILE_SECONDS = "about half a minute (longer on a busy machine)"

_OPEN: list[str] = []  # the label of the stage whose line is open (printed without its end), if any


def enabled() -> bool:
    return os.environ.get("REGRADE_PROGRESS") == "1" or sys.stderr.isatty()


def say(text: str) -> None:
    """A line on standard error that never lands inside an open stage line or a progress bar: the open line is
    ended first and begun again after it; a bar is cleared and redrawn (tqdm.write)."""
    from tqdm import tqdm

    open_line = bool(_OPEN) and enabled()
    if open_line:
        print(file=sys.stderr, flush=True)
    tqdm.write(text, file=sys.stderr)
    if open_line:
        print(f"  {_OPEN[-1]} ...", end="", file=sys.stderr, flush=True)


@contextmanager
def stage(label: str):
    """``with stage("reading the roster"): ...`` prints 'reading the roster ... 0.42 s' when it ends."""
    t = time.perf_counter()
    if enabled():
        print(f"  {label} ...", end="", file=sys.stderr, flush=True)
    _OPEN.append(label)
    try:
        yield
    except BaseException:
        if enabled():
            print(" stopped", file=sys.stderr, flush=True)
        raise
    finally:
        _OPEN.pop()
    if enabled():
        print(f" {time.perf_counter() - t:.2f} s", file=sys.stderr, flush=True)


def bar(total: int, desc: str, unit: str = "step"):
    from tqdm import tqdm

    return tqdm(total=total, desc=f"  {desc}", unit=unit, leave=False, disable=not enabled(), file=sys.stderr)


class Compiles:
    """What Numba compiled in this process: ``count`` compilations (each kernel and each function it calls, per
    signature; a load from the cache is not one), and whether the notice was said."""
    count = 0
    said = False
    quiet = False  # a command that says it in its own words (regrade warm)
    watching = False


NOTICE = ("regrade: compiling the engine for this machine, the parts this command uses; each part once per install (or "
          f"after an upgrade), {COMPILE_SECONDS} in all; later commands start at once. 'regrade warm' compiles every "
          "part ahead of time.")


def watch_compiles(quiet: bool = False) -> None:
    """From now on in this process, say once, just before Numba starts compiling (a kernel not in its cache),
    that the engine is being compiled, and count the compilations (``Compiles``). ``quiet``: count, say nothing
    (for a command that says it itself)."""
    Compiles.quiet = Compiles.quiet or quiet
    if Compiles.watching or os.environ.get("NUMBA_DISABLE_JIT") == "1":
        return
    Compiles.watching = True
    if "numba" in sys.modules:
        _listen()
    else:  # a command that never loads the engine (runs, report, note, ...) does not pay Numba's 0.2 s import
        sys.meta_path.insert(0, _WhenNumbaLoads())


class _WhenNumbaLoads:
    """An import hook that starts listening for compiles once Numba has been imported, then removes itself."""

    def find_spec(self, name, path=None, target=None):
        if name != "numba":
            return None
        import importlib.util

        sys.meta_path.remove(self)
        spec = importlib.util.find_spec("numba")
        run = spec.loader.exec_module

        def exec_module(module):
            run(module)
            _listen()

        spec.loader.exec_module = exec_module
        return spec


def _listen() -> None:
    from numba.core import event

    class Notice(event.Listener):
        def on_start(self, ev):
            Compiles.count += 1
            if not Compiles.said and not Compiles.quiet:
                Compiles.said = True
                say(NOTICE)

        def on_end(self, ev):
            pass

    event.register("numba:compile", Notice())

