"""The commands that cost alternatives: ``regrade diff``, ``solve``, ``sweep`` and ``serve`` (the explorer, with
its what-if)."""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import polars as pl

from simulator.commands.common import (
    read_inputs,
    roster_and_scenario,
)


def cmd_diff(args: argparse.Namespace) -> int:
    from simulator import diff
    from simulator.errors import raise_if_errors
    from simulator.scenario import read_scenario

    (a, pa), (b, pb) = read_scenario(args.a), read_scenario(args.b)
    raise_if_errors(pa + pb)  # every problem of both files together
    print(diff.render(a, b))
    return 0


def cmd_solve(args: argparse.Namespace) -> int:
    from simulator import outputs, solve
    from simulator.money import dollars_text

    if args.out:
        outputs.check(args.out, read_inputs(args.roster, args.scenario))
    roster, scenario = roster_and_scenario(args.roster, args.scenario)
    answer = solve.solve(roster, scenario, args.vary, args.between[0], args.between[1], args.target, args.years,
                         roster_name=Path(args.roster).name)
    print(f"regrade solve: {args.vary} for {args.target!r}, {scenario.name} on {Path(args.roster).name}, "
          f"{args.years} fiscal years")
    if answer.point is None:
        print(f"regrade: {answer.message}", file=sys.stderr)
        print(f"({answer.evaluations} evaluations in {answer.seconds:.1f} s)", file=sys.stderr)
        return 2
    p = answer.point
    if answer.message != "solved":
        print(f"  {answer.message}")
    places = max(0, -int(math.floor(math.log10(solve.parameter(args.vary, scenario).step) + 1e-9)))
    print(f"  answer: {args.vary} = {answer.x:.{places}f}")
    print(f"  there: first-year cost {dollars_text(p.first_year_cost)} ({p.first_year_pct:.2f} % of baseline "
          f"payroll); {p.winners:,} employees gain pay and {p.losers:,} lose pay at placement")
    if answer.beyond is not None:
        measure = solve.target(args.target)[0]
        decimals = 4 if measure.endswith("pct") else 0 if measure == "losers" else 2
        print(f"  one step further, {args.vary} = {answer.beyond.x:.{places}f}: {measure} = "
              f"{answer.beyond.value:,.{decimals}f}, which does not meet the target")
    print(f"  ({answer.evaluations} evaluations in {answer.seconds:.1f} s)")
    if args.out:
        out = Path(args.out)
        text = solve.parameter(args.vary, scenario).overlay(scenario, answer.x, out)
        outputs.write(out, lambda tmp: tmp.write_text(text, encoding="utf-8"))
        print(f"Wrote {out}: the solved scenario, an overlay of {scenario.path.name}.")
    return 0


def cmd_sweep(args: argparse.Namespace) -> int:
    import time

    from simulator import outputs, sweep
    from simulator.money import for_people
    from simulator.progress import bar

    for path, ends in ((args.out, (".csv", ".parquet")), (args.figure, (".html",))):
        if path and not path.endswith(ends):
            print(f"regrade: {path} must end in {' or '.join(ends)}", file=sys.stderr)
            return 2
    reads = read_inputs(args.roster, args.scenario)
    for path, option in ((args.out, "--out"), (args.figure, "--figure")):
        if path:
            outputs.check(path, reads, option)
    roster, scenario = roster_and_scenario(args.roster, args.scenario)
    axes = [sweep.axis(v, scenario) for v in args.vary]
    n = 1
    for _, values in axes:
        n *= len(values)
    t = time.perf_counter()
    with bar(n, f"{scenario.name}: {n:,} alternatives", unit="alt") as progress:
        table = sweep.sweep(roster, scenario, axes, args.years, lambda: progress.update(1), dask=args.dask,
                            roster_name=Path(args.roster).name)
    seconds = time.perf_counter() - t
    people = for_people(table)
    print(f"regrade sweep: {scenario.name} on {Path(args.roster).name}, {args.years} fiscal years, "
          f"{table.height:,} alternatives in {seconds:.1f} s")
    with pl.Config(tbl_rows=50, tbl_cols=-1, tbl_width_chars=160, tbl_hide_column_data_types=True,
                   tbl_hide_dataframe_shape=True, thousands_separator=","):
        print(people)
    for w in sweep.idle_axes(table, axes):
        print(f"warning: {w}", file=sys.stderr)
    # everything made before anything is written: a failure leaves no file behind
    fig = sweep.figure(table, axes, f"{scenario.title}: {', '.join(args.vary)}") if args.figure else None
    if args.out:
        outputs.write(args.out, lambda tmp: outputs.write_csv(people, tmp) if args.out.endswith(".csv")
                      else people.write_parquet(tmp))
        print(f"Wrote {args.out} (money in dollars).")
    if fig is not None:
        outputs.write(args.figure, lambda tmp: fig.write_html(tmp, include_plotlyjs=True))
        print(f"Wrote {args.figure} (self-contained: opens offline).")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from dashboards.app import make_app, serve

    what_if = None
    if bool(args.roster) != bool(args.scenario):
        print("regrade: the what-if panel needs both --roster and --scenario", file=sys.stderr)
        return 2
    if args.roster:
        what_if = (*roster_and_scenario(args.roster, args.scenario), 5, Path(args.roster).name)
    app = make_app(args.db, what_if)  # a store that is missing or has no runs is said before any address
    import socket

    with socket.socket() as probe:  # a port in use is said before the address is announced
        try:
            probe.bind(("127.0.0.1", args.port))
        except OSError:
            print(f"regrade: port {args.port} on 127.0.0.1 is in use (another explorer?): give --port another, "
                  "e.g. --port 8051", file=sys.stderr)
            return 2
    print(f"regrade explorer on http://127.0.0.1:{args.port}/ (Ctrl-C to stop)", flush=True)
    serve(app, args.port)
    return 0
