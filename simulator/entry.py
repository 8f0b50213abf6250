"""The ``regrade`` command's first moments: Ctrl-C while the program is still loading (polars, Numba, DuckDB take
half a second) says so in one line and exits 130, never a Python traceback; then simulator.cli.entry runs."""

import os
import sys


def entry() -> None:
    try:
        from simulator import cli
    except KeyboardInterrupt:
        print("regrade: interrupted while starting; nothing was done.", file=sys.stderr, flush=True)
        os._exit(130)
    try:
        cli.entry()
    except KeyboardInterrupt:  # after the command's own handling (while flushing its last words)
        os._exit(130)
