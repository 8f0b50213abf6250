"""The ``regrade`` command's first moments: Ctrl-C while the program is still loading (polars, Numba, DuckDB take
half a second) says so in one line and exits 130, never a Python traceback; then simulator.cli.entry runs, and
Ctrl-C is the command's to answer (simulator/ledger.py)."""

import os
import signal
import sys

STARTING = b"regrade: interrupted while starting; nothing was done.\n"


def _while_starting(signum, frame) -> None:
    """Nothing is written while the program loads: say so and leave at once. (A KeyboardInterrupt raised inside
    an import can surface as another error, a RuntimeError from a class being made, with a traceback.)"""
    os.write(2, STARTING)
    os._exit(130)


def entry() -> None:
    signal.signal(signal.SIGINT, _while_starting)
    signal.signal(signal.SIGTERM, _while_starting)
    try:
        from simulator import cli
    except KeyboardInterrupt:
        sys.stderr.write(STARTING.decode())
        os._exit(130)
    from simulator.ledger import on_interrupt

    signal.signal(signal.SIGINT, on_interrupt)  # from here on, Ctrl-C is a KeyboardInterrupt, and remembered
    try:
        cli.entry()
    except KeyboardInterrupt:  # after the command's own handling (while flushing its last words)
        os._exit(130)
