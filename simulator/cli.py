"""The ``regrade`` command: the command line parsed, each command handed to its function (simulator/commands/), and
every way a command can end said in words (bad input, a store busy or damaged, a full disk, Ctrl-C, an error
regrade did not foresee).

    regrade data                 summarise every seed table: rows, provenance, headline figures
    regrade data TABLE           print one table (money in dollars), with --csv for machine use
    regrade place --roster R --scenario S --out OUT.parquet|OUT.csv
                                 place every employee; print a summary; write one row per employee
    regrade roster generate --era 1967|1975 [--size N] [--seed S] --out PATH
                                 write a SYNTHETIC roster reproducing the seeds' published distributions
    regrade roster calibrate --era 1967|1975 [--size N] [--seed S]
                                 each published target beside what a generated roster achieves
    regrade run --roster R --scenario S [--years 5] [--seed 0] [--replicas 0] [--dask ADDRESS] [--db regrade.duckdb]
                [--person-years] place, project and store one run (in one transaction); the person-year rows
                                 only with --person-years
    regrade runs [--db] [--long] list the stored runs
    regrade diff A B             what differs between two scenarios (overlays compared as merged)
    regrade solve --roster R --scenario S --vary PARAM --between LO HI --target "MEASURE <= VALUE" [--out F]
                                 goal-seek: the value of one parameter at which the reform meets a target
    regrade sweep --roster R --scenario S --vary PARAM=LO:HI:N [--vary ...] [--out T.csv] [--figure F.html]
                                 every point of a grid of one or two parameters: cost, % of payroll, losers
    regrade compare RUN RUN ... [--by agency|grade|schedule|fund] [--format csv|xlsx|md] [--out PATH]
                                 cost by year with the total, % of payroll, winners and losers, side by side
    regrade note RUN [--compare RUN2] [--out NOTE.html|.md|.xlsx] [--general-fund NAME]
                                 the fiscal note: cost by fiscal year with full implementation, salary and
                                 benefits, by fund, the cost bridge, the cost of 1 % and of a step, assumptions
    regrade export RUN --format csv|parquet|xlsx --out PATH [--person-years] [--with-ids]
                                 the run in dollars: files in a folder, or one workbook with a Summary sheet
    regrade demo                 synthetic rosters, every shipped scenario over 5 years, stored and compared
    regrade report --run ID [--compare ID ...] --out report.html [--with-ids]
                                 one self-contained HTML report (works offline, opens from an e-mail)
    regrade serve [--db PATH] [--port N] [--roster R --scenario S]
                                 the explorer, a Dash app on 127.0.0.1; with a roster and a scenario, a live what-if
    regrade warm                 compile the engine now (Numba, once per install)

Money is integer cents inside; every file, table and page a person reads shows dollars with two decimals.

Bad input: every problem is printed (file, row, column, value), the exit code is 2, nothing is written.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import sys
import tempfile
from pathlib import Path

from simulator import __version__, data
from simulator.commands.alternatives import cmd_diff, cmd_serve, cmd_solve, cmd_sweep
from simulator.commands.inputs import cmd_data, cmd_place, cmd_roster_calibrate, cmd_roster_generate
from simulator.commands.runs import (
    cmd_compare,
    cmd_demo,
    cmd_export,
    cmd_note,
    cmd_report,
    cmd_run,
    cmd_runs,
    cmd_warm,
)
from simulator.errors import InputError


def whole(lo: int, hi: int, what: str):
    """An argparse type: a whole number from lo to hi, or a message naming the argument and the value."""
    def parse(text: str) -> int:
        try:
            value = int(text.replace("_", "").replace(",", "")) if len(text) <= 30 else None
        except ValueError:
            value = None
        if value is None or not lo <= value <= hi:
            raise argparse.ArgumentTypeError(f"{what} must be a whole number from {lo:,} to {hi:,}, not "
                                             f"{text[:40]!r}{'...' if len(text) > 40 else ''}")
        return value
    return parse


def _not_blank(what: str):
    """An argparse type: a name that is not blank."""
    def parse(text: str) -> str:
        if not text.strip():
            raise argparse.ArgumentTypeError(f"{what} names a fund: it cannot be blank")
        return text
    return parse


def _finite(text: str) -> float:
    """An argparse type: a finite number (not inf, not nan), or a message naming the value."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a number") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text[:40]!r}: a finite number, e.g. -10 or 10")
    return value


FINITE = _finite
YEARS = whole(1, 50, "--years")
REPLICAS = whole(0, 10_000, "--replicas")
SEED = whole(0, 2**63 - 1, "--seed")
PORT = whole(1024, 65535, "--port")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="regrade", description="Payroll impact simulator for state pay reforms.")
    parser.add_argument("--version", action="version", version=f"regrade {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("data", help="summarise the seed tables, or print one")
    p.add_argument("table", nargs="?", help="a table name; omit to list them all")
    p.add_argument("--csv", action="store_true", help="print the table as CSV")
    p.set_defaults(func=cmd_data)
    p = sub.add_parser("place", help="place every employee of a roster into a scenario's schedules")
    p.add_argument("--roster", required=True, help="roster file: CSV, Parquet or Excel (.xlsx)")
    p.add_argument("--scenario", required=True, help="scenario file (TOML)")
    p.add_argument("--out", required=True, help="output file, .parquet or .csv")
    p.set_defaults(func=cmd_place)
    roster = sub.add_parser("roster", help="synthetic rosters").add_subparsers(dest="roster_command", required=True)
    p = roster.add_parser("generate", help="write a SYNTHETIC roster of an era")
    p.add_argument("--era", required=True, choices=["1967", "1975"])
    p.add_argument("--size", type=whole(1, 10_000_000, "--size"), default=None,
                   help="employees (default: the era's published headcount)")
    p.add_argument("--seed", type=SEED, default=0)
    p.add_argument("--out", required=True, help="output file, .parquet or .csv")
    p.set_defaults(func=cmd_roster_generate)
    p = roster.add_parser("calibrate", help="print each published target beside what the roster achieves")
    p.add_argument("--era", required=True, choices=["1967", "1975"])
    p.add_argument("--size", type=whole(1, 10_000_000, "--size"), default=None)
    p.add_argument("--seed", type=SEED, default=0)
    p.set_defaults(func=cmd_roster_calibrate)
    p = sub.add_parser("run", help="place, project and store one run")
    p.add_argument("--roster", required=True)
    p.add_argument("--scenario", required=True)
    p.add_argument("--years", type=YEARS, default=5, help="fiscal years to project, 1 to 50")
    p.add_argument("--seed", type=SEED, default=0)
    p.add_argument("--replicas", type=REPLICAS, default=0,
                   help="Monte Carlo replicas, 0 to 10,000; 0 is the expected-value path")
    p.add_argument("--force", action="store_true", help="store the run even if an identical one is stored already")
    p.add_argument("--person-years", action="store_true",
                   help="also store one row per position x fiscal year x branch (large: 22 million rows for 1 M "
                        "people over 10 years); the report, the explorer and compare do not need them")
    p.add_argument("--dask", metavar="ADDRESS", help="cost the replicas after the first on the Dask cluster whose "
                   "scheduler is at ADDRESS (e.g. tcp://10.0.0.5:8786; needs pip install 'regrade[dask]', and regrade "
                   "on every worker): the same results")
    p.add_argument("--db", default="regrade.duckdb")
    p.set_defaults(func=cmd_run)
    p = sub.add_parser("diff", help="what differs between two scenarios")
    p.add_argument("a", help="a scenario file (.toml)")
    p.add_argument("b", help="another scenario file")
    p.set_defaults(func=cmd_diff)
    p = sub.add_parser("solve", help="goal-seek: one parameter's value at which the reform meets a target")
    p.add_argument("--roster", required=True)
    p.add_argument("--scenario", required=True)
    p.add_argument("--vary", required=True, help="schedules.<schedule>.pct (across the board), "
                   "schedules.<schedule>.dollars, options.next_pct or projection.<parameter>")
    p.add_argument("--between", required=True, nargs=2, type=FINITE, metavar=("LO", "HI"))
    # -1e1 and -.5 are numbers here, not options (argparse takes only -1 and -1.5 for numbers)
    p._negative_number_matcher = re.compile(r"^-(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$|^-inf$")
    p.add_argument("--target", required=True, help='"<measure> <= <value>" or ">=": first_year_cost, total_cost '
                   "(dollars), first_year_pct, total_pct (%% of payroll) or losers")
    p.add_argument("--years", type=YEARS, default=5, help="fiscal years to project, 1 to 50")
    p.add_argument("--out", help="write the solved scenario here, as an overlay (.toml)")
    p.set_defaults(func=cmd_solve)
    p = sub.add_parser("sweep", help="cost every point of a grid of one or two parameters")
    p.add_argument("--roster", required=True)
    p.add_argument("--scenario", required=True)
    p.add_argument("--vary", required=True, action="append", help="PARAM=LO:HI:N (N values, ends included); "
                   "give it twice for a grid of two")
    p.add_argument("--years", type=YEARS, default=5, help="fiscal years to project, 1 to 50")
    p.add_argument("--out", help="the table, in dollars (.csv or .parquet)")
    p.add_argument("--figure", help="a Plotly figure (.html, self-contained)")
    p.add_argument("--dask", metavar="ADDRESS", help="cost the points on the Dask cluster whose scheduler is at "
                   "ADDRESS (e.g. tcp://10.0.0.5:8786; needs pip install 'regrade[dask]', and regrade on every "
                   "worker); default: in this process")
    p.set_defaults(func=cmd_sweep)
    p = sub.add_parser("runs", help="list the stored runs")
    p.add_argument("--db", default="regrade.duckdb")
    p.add_argument("--long", action="store_true", help="every field of every run")
    p.set_defaults(func=cmd_runs)
    p = sub.add_parser("compare", help="compare stored runs side by side")
    p.add_argument("runs", nargs="+", type=whole(1, 2**31 - 1, "a run id"))
    p.add_argument("--by", choices=["agency", "grade", "schedule", "fund"], help="break the cost down by group")
    p.add_argument("--format", choices=["csv", "xlsx", "md"], help="md prints Markdown; with --out, the file's format")
    p.add_argument("--out", help="write the comparison to a file (.csv, .xlsx or .md)")
    p.add_argument("--db", default="regrade.duckdb")
    p.set_defaults(func=cmd_compare)
    p = sub.add_parser("note", help="the fiscal note of a stored run: one printable page, Markdown or a workbook")
    p.add_argument("run", type=whole(1, 2**31 - 1, "the run id"))
    p.add_argument("--compare", type=whole(1, 2**31 - 1, "--compare"), help="a second run: run 2 - run 1 in every cell")
    p.add_argument("--format", choices=["html", "md", "xlsx"], help="default: from --out's ending; Markdown printed")
    p.add_argument("--out", help="write the note to a file (.html prints on one page, .md, .xlsx)")
    p.add_argument("--general-fund", default="general", metavar="NAME", type=_not_blank("--general-fund"),
                   help="the roster's name of the general fund (default: general; any other fund is 'other')")
    p.add_argument("--db", default="regrade.duckdb")
    p.set_defaults(func=cmd_note)
    p = sub.add_parser("export", help="export a stored run (money in dollars)")
    p.add_argument("run", type=whole(1, 2**31 - 1, "the run id"))
    p.add_argument("--format", required=True, choices=["csv", "parquet", "xlsx"])
    p.add_argument("--out", required=True, help="a folder (csv, parquet) or a .xlsx file")
    p.add_argument("--person-years", action="store_true", help="also the person-year rows (large)")
    p.add_argument("--with-ids", action="store_true", help="include employee ids and dates (left out by default)")
    p.add_argument("--db", default="regrade.duckdb")
    p.set_defaults(func=cmd_export)
    p = sub.add_parser("demo", help="the main job on synthetic rosters: every scenario, stored and compared")
    p.add_argument("--db", default="regrade.duckdb")
    p.add_argument("--years", type=YEARS, default=5)
    p.add_argument("--seed", type=SEED, default=0)
    p.add_argument("--out-dir", default="regrade-demo", help="where the synthetic rosters are written")
    p.set_defaults(func=cmd_demo)
    p = sub.add_parser("report", help="write a self-contained HTML report of a run")
    p.add_argument("--run", required=True, type=whole(1, 2**31 - 1, "--run"))
    p.add_argument("--compare", type=whole(1, 2**31 - 1, "--compare"), nargs="*", default=[])
    p.add_argument("--out", default="report.html")
    p.add_argument("--with-ids", action="store_true", help="show employee ids (left out by default)")
    p.add_argument("--db", default="regrade.duckdb")
    p.set_defaults(func=cmd_report)
    p = sub.add_parser("serve", help="explore the runs in a browser (127.0.0.1 only)")
    p.add_argument("--db", default="regrade.duckdb")
    p.add_argument("--port", type=PORT, default=8050)
    p.add_argument("--roster", help="with --scenario: a live what-if panel that recosts as you type")
    p.add_argument("--scenario", help="the scenario the what-if panel varies")
    p.set_defaults(func=cmd_serve)
    p = sub.add_parser("warm", help="compile the engine now (once per install), so the first run starts at once")
    p.set_defaults(func=cmd_warm)
    return parser


def _after_interrupt() -> str:
    """What an interrupt left, from this command's ledger (simulator/ledger.py): the runs stored whole, with
    their ids, and the one being stored when it came, looked up in its store. A second Ctrl-C while this is
    found out is ignored: the answer comes first."""
    import signal

    from simulator.ledger import LEDGER

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    return LEDGER.after_interrupt()


def _is_interrupt(exc: BaseException) -> bool:
    """Ctrl-C, as Python raises it, as DuckDB does inside a query ("Query interrupted"), or as another error when
    it came inside a library's import. DuckDB is never imported here: after an interrupted import of it a second
    import aborts the process (nanobind's duplicate registration), where a message is owed."""
    from simulator.ledger import LEDGER

    if isinstance(exc, KeyboardInterrupt) or LEDGER.interrupted:
        return True
    duckdb_interrupt = getattr(sys.modules.get("duckdb"), "InterruptException", None)
    return ((duckdb_interrupt is not None and isinstance(exc, duckdb_interrupt))
            or (isinstance(exc, RuntimeError) and "interrupted" in str(exc).lower()))


def _internal_error(exc: BaseException, argv) -> int:
    """An error regrade did not foresee: one line on screen, the traceback in a log file."""
    import datetime as dt
    import traceback

    log = Path(tempfile.gettempdir()) / f"regrade-error-{dt.datetime.now():%Y%m%d-%H%M%S}-{os.getpid()}.log"
    try:
        log.write_text(f"regrade {__version__}\nargs: {argv}\n\n" + "".join(
            traceback.format_exception(type(exc), exc, exc.__traceback__)), encoding="utf-8")
        where = f"the details are in {log}"
    except OSError:
        where = "the details could not be written to a log file"
    from simulator.ledger import LEDGER

    first = (str(exc).strip().splitlines() or [""])[0][:200]
    print(f"regrade: an internal error stopped the command ({type(exc).__name__}: {first}). {LEDGER.summary()} "
          f"{where[0].upper() + where[1:]}; please report them.", file=sys.stderr)
    return 1


def main(argv: list[str] | None = None) -> int:
    import signal

    from simulator.errors import StoreBusy, StoreError
    from simulator.ledger import on_interrupt

    signal.signal(signal.SIGTERM, on_interrupt)
    try:
        args = build_parser().parse_args(argv)
        from simulator.progress import watch_compiles

        watch_compiles()  # any compile, by any command, is said before it starts
        return args.func(args)
    except InputError as exc:
        if exc.warnings:
            print(f"({sum(w.count for w in exc.warnings):,} warnings not shown: correct the errors first)",
                  file=sys.stderr)
        print(f"regrade: {exc.render()}", file=sys.stderr)
        return 2
    except data.DataError as exc:
        print(f"regrade: {exc}", file=sys.stderr)
        return 2
    except StoreBusy as exc:
        print(f"regrade: {exc}", file=sys.stderr)
        return 3
    except (StoreError, FileNotFoundError, ValueError) as exc:
        print(f"regrade: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"regrade: {_after_interrupt()}", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader stopped reading (| head): nothing more to say, and nowhere to say it
        sys.stdout = open(os.devnull, "w")
        return 0
    except Exception as exc:  # an error regrade did not foresee: one line, and a log
        if _is_interrupt(exc):
            print(f"regrade: {_after_interrupt()}", file=sys.stderr)
            return 130
        said = _named(exc)
        if said:
            print(f"regrade: {said}", file=sys.stderr)
            return 2
        return _internal_error(exc, argv if argv is not None else sys.argv[1:])


def _named(exc: BaseException) -> str | None:
    """The errors that come from the world, not from regrade, in words: a store damaged inside (DuckDB's checksum
    or a short read, found only when the data is read), a full disk, a file system that refuses."""
    import errno

    import duckdb

    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if "No space left on device" in text or (isinstance(exc, OSError) and exc.errno == errno.ENOSPC):
        from simulator.ledger import LEDGER

        return f"the disk is full ({text}). {LEDGER.summary()} Free some space and run it again"
    if isinstance(exc, duckdb.IOException | duckdb.SerializationException) or "Corrupt" in text \
            or "checksum" in text.lower():
        return (f"the store could not be read: it is damaged ({text}). Restore it from a copy, or give --db a new "
                "file name")
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES,
                                                  errno.EPERM):
        return f"{exc.strerror or text}{f': {exc.filename}' if exc.filename else ''}; nothing was written there"
    return None


def entry() -> None:
    """The console command: main(), then out at once. Every file and store is closed by then; what is left is
    Python's teardown of the objects Numba, polars and DuckDB made (seconds after a million-person run), which
    nothing needs."""
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more can be said
            pass
    os._exit(code)


if __name__ == "__main__":
    entry()
