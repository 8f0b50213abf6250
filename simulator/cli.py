"""The ``regrade`` command.

    regrade data                 summarise every seed table: rows, provenance, headline figures
    regrade data TABLE           print one table (money in dollars), with --csv for machine use
    regrade place --roster R --scenario S --out OUT.parquet|OUT.csv
                                 place every employee; print a summary; write one row per employee
    regrade roster generate --era 1967|1975 [--size N] [--seed S] --out PATH
                                 write a SYNTHETIC roster reproducing the seeds' published distributions
    regrade roster calibrate --era 1967|1975 [--size N] [--seed S]
                                 each published target beside what a generated roster achieves
    regrade run --roster R --scenario S [--years 5] [--seed 0] [--replicas 0] [--db regrade.duckdb]
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

import polars as pl

from simulator import __version__, data
from simulator.errors import InputError
from simulator.money import dollars_text as _dollars
from simulator.money import for_people, pct_text


def _headlines() -> list[str]:
    facts = dict(data.table("published_facts").select("fact", "value").iter_rows())
    plan = data.table("cresap_plan_1965_ranges")
    weekly = plan["cost_per_week"].sum()
    hay = data.table("hay_schedule_1")
    return [
        f"Cresap 1967: {int(facts['classified_employees_1966']):,} classified employees in grades 1-45 of the "
        f"January 1966 plan, plus {int(facts['highway_employees_1966']):,} highway maintenance men and foremen.",
        f"  The interim increase to that plan cost {_dollars(weekly)} a week "
        f"({_dollars(weekly * 52)} a year at 52 weeks).",
        f"  Proposed Schedule A: {data.table('cresap_schedule_a_grades').height} grades x 7 steps; "
        f"Appendix B lists {data.table('cresap_classes').height} classes.",
        f"Hay 1975: {int(facts['classified_employees_1975']):,} classified employees; Schedule I has "
        f"{hay['grade'].n_unique()} grades from {_dollars(hay['annual'].min())} to {_dollars(hay['annual'].max())}; "
        f"the report puts the outside cost at {facts['outside_cost_pct_of_payroll']} % of payroll.",
        f"MMS: {int(facts['mms_classes_before'])} manager classes collapsed into "
        f"{data.table('mms_classes').height}; no pay ranges are printed.",
    ]


def cmd_data(args: argparse.Namespace) -> int:
    if args.table:
        if args.table not in data.TABLES:
            print(f"regrade: no table {args.table!r}. Tables: {', '.join(data.names())}", file=sys.stderr)
            return 2
        frame = data.raw_table(args.table)
        if args.csv:
            sys.stdout.write(frame.write_csv())
        else:
            with pl.Config(tbl_rows=-1, tbl_cols=-1, fmt_str_lengths=60, tbl_width_chars=200):
                print(data.TABLES[args.table].description)
                print(frame)
        return 0
    print(f"regrade {__version__}: the seed tables in data/tables (money exact, in cents inside the engine)\n")
    print(f"{'table':34s} {'rows':>5s} {'printed':>8s} {'reconstr.':>9s} {'assumed':>8s}  description")
    totals = {p: 0 for p in data.PROVENANCE}
    for name, spec in data.TABLES.items():
        frame = data.table(name)
        counts = dict(frame["provenance"].cast(pl.String).value_counts().iter_rows())
        for p in data.PROVENANCE:
            totals[p] += counts.get(p, 0)
        print(f"{name:34s} {frame.height:5d} {counts.get('printed', 0):8d} {counts.get('reconstructed', 0):9d} "
              f"{counts.get('assumed', 0):8d}  {spec.description[:70]}")
    print(f"{'all tables':34s} {sum(totals.values()):5d} {totals['printed']:8d} {totals['reconstructed']:9d} "
          f"{totals['assumed']:8d}\n")
    print("\n".join(_headlines()))
    print("\nReconstructed and assumed values are explained in data/ASSUMPTIONS.md. "
          "Show one table with: regrade data TABLE")
    return 0


def write_atomically(frame: pl.DataFrame, out: Path) -> None:
    """Write ``frame`` to ``out`` (.parquet or .csv, formula cells neutralized) so that a failure leaves no
    partial file (simulator/outputs.py)."""
    from simulator import outputs

    outputs.write(out, (lambda tmp: frame.write_parquet(tmp)) if Path(out).suffix == ".parquet"
                  else (lambda tmp: outputs.write_csv(frame, tmp)))


def read_inputs(roster=None, scenario=None, db=None) -> list[tuple[str, Path]]:
    """What a command reads, named, for simulator.outputs.check: no output may be one of them."""
    from simulator.outputs import scenario_files, store_files

    found = [("the roster", Path(roster))] if roster else []
    if scenario:
        files = scenario_files(scenario)
        found += [("the scenario" if i == 0 else "its crosswalk" if f.suffix.lower() == ".csv" else "a base scenario",
                   f) for i, f in enumerate(files)]
    if db:
        found += [("the store", f) for f in store_files(db)]
    return found


def print_warnings(warnings, limit: int = 20) -> None:
    for w in warnings[:limit]:
        print(w, file=sys.stderr)
    if len(warnings) > limit:
        print(f"... and {len(warnings) - limit} more warnings", file=sys.stderr)


PLACE_INTERNAL = ("source_row",)


def placement_for_people(frame: pl.DataFrame, with_ids: bool = False) -> pl.DataFrame:
    """The placement as a file a person reads: money in dollars, ids and dates only when asked."""
    from simulator.export import ID_COLUMNS

    drop = [*PLACE_INTERNAL, *([] if with_ids else [c for c in ID_COLUMNS if c != "employee_id"])]
    return for_people(frame.drop([c for c in drop if c in frame.columns]))


def cmd_place(args: argparse.Namespace) -> int:
    from simulator.placement import place
    from simulator.progress import stage

    from simulator import outputs

    out = Path(args.out)
    if out.suffix not in (".parquet", ".csv"):
        print(f"regrade: --out must end in .parquet or .csv, not {out.name!r}", file=sys.stderr)
        return 2
    outputs.check(out, read_inputs(args.roster, args.scenario))
    with stage("placing"):
        result = place(args.roster, args.scenario)
    print_warnings(result.warnings)
    frame = result.frame
    write_atomically(placement_for_people(frame, with_ids=True), out)
    old = frame["old_annual_cents"].sum()
    new = frame["new_annual_cents"].sum()
    print(f"Placed {frame.height:,} employee{'' if frame.height == 1 else 's'} from {Path(args.roster).name} under "
          f"{Path(args.scenario).name}.")
    print(f"  Annual payroll (full-time rates): {_dollars(old)} before, {_dollars(new)} after: "
          f"{_dollars(new - old)} ({pct_text(new - old, old)}).")
    print(f"  Gain: {(frame['increase_cents'] > 0).sum():,}; no change: {(frame['increase_cents'] == 0).sum():,}; "
          f"lose: {(frame['increase_cents'] < 0).sum():,}; red-circled: {frame['red_circle'].sum():,}; "
          f"below the new minimum: {frame['green_circle'].sum():,}.")
    print("  Rules applied:")
    for rule, n in frame.group_by("rule").len().sort(["len", "rule"], descending=[True, False]).iter_rows():
        print(f"    {rule:24s} {n:8,d}")
    if len(result.warnings):
        print(f"  {len(result.warnings):,} warnings (on standard error).")
    print(f"Wrote {out} (money in dollars; the rule and a sentence for each employee).")
    return 0


def cmd_roster_generate(args: argparse.Namespace) -> int:
    from simulator import synthetic

    out = Path(args.out)
    if out.suffix not in (".parquet", ".csv"):
        print(f"regrade: --out must end in .parquet or .csv, not {out.name!r}", file=sys.stderr)
        return 2
    from simulator import outputs

    outputs.check(out)
    size = args.size or synthetic.default_size(args.era)
    if not 1 <= size <= synthetic.MAX_SIZE:
        print(f"regrade: --size must be between 1 and {synthetic.MAX_SIZE:,}, not {size:,}", file=sys.stderr)
        return 2
    print(f"Generating a SYNTHETIC {args.era} roster of {size:,} employees (seed {args.seed}) ...", flush=True)
    frame = synthetic.roster(args.era, size, args.seed)
    write_atomically(frame, out)
    print(f"Wrote {out}: {frame.height:,} SYNTHETIC employees (ids SYN{args.era[2:]}-...), "
          f"{frame['class_code'].n_unique():,} classes, {frame['agency'].n_unique()} agencies. "
          f"No row is a real person; assumptions A-SYNTH-* in data/ASSUMPTIONS.md.")
    return 0


def cmd_roster_calibrate(args: argparse.Namespace) -> int:
    from simulator import synthetic

    table = synthetic.calibrate(args.era, args.size, args.seed)
    size = args.size or synthetic.default_size(args.era)
    print(f"Calibration of a SYNTHETIC {args.era} roster ({size:,} employees, seed {args.seed}) "
          f"against the figures the seeds publish:\n")
    w = max(len(t) for t in table["target"])
    print(f"{'target':{w}s}  {'published':>30s}  {'achieved':>36s}  status")
    status = {"target": lambda met: "met" if met else "MISSED", "calibrated": lambda met: "calibrated",
              "check": lambda met: "check, not tuned"}
    for target, published, achieved, met, kind in table.iter_rows():
        print(f"{target:{w}s}  {published:>30s}  {achieved:>36s}  {status[kind](met)}")
    targets = table.filter(pl.col("kind") == "target")
    missed = (~targets["met"]).sum() + (~table.filter(pl.col("kind") == "calibrated")["met"]).sum()
    print(f"\n{targets.height - (~targets['met']).sum()} of {targets.height} targets met.")
    if args.era == "1975":
        print("Calibrated: the level of present pay against the practice line (A-SYNTH-HAY-474), so that the "
              "report's own costing gives its printed cost; the checks below it were not tuned.")
    return 0 if missed == 0 else 1


SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
DEMO_RUNS = [("1967", "cresap-1967"), ("1967", "cresap-1967-alt-grades"), ("1975", "hay-1975-same-step"),
             ("1975", "hay-1975-promotion"), ("1975", "mms")]


def run_once(roster, scenario_path, years: int, seed: int, replicas: int, db, roster_name: str | None = None,
             synthetic: bool = False, force: bool = False, person_years: bool = False) -> tuple[int, list, bool]:
    """simulator.pipeline.run, for the commands: (run id, warnings, stored now)."""
    from simulator import pipeline

    result = pipeline.run(roster, scenario_path, years, seed, replicas, db, roster_name=roster_name,
                          synthetic=synthetic, force=force, person_years=person_years)
    if result.stored and result.twin is not None:
        print(f"Note: run {result.twin} is the same run {'without' if person_years else 'with'} the person-year "
              f"rows; this one is stored {'with' if person_years else 'without'} them, as another run.")
    return result.run_id, result.warnings, result.stored


def cmd_run(args: argparse.Namespace) -> int:
    from simulator import store

    from simulator import outputs

    outputs.not_an_input(args.db, read_inputs(args.roster, args.scenario), "--db")
    store.check_path(args.db)  # before any work: a --db that cannot be a store is said at once
    synthetic = _is_synthetic(args.roster)
    run_id, warnings, stored = run_once(args.roster, args.scenario, args.years, args.seed, args.replicas, args.db,
                                        synthetic=synthetic, force=args.force, person_years=args.person_years)
    print_warnings(warnings)
    if stored:
        print(f"Stored run {run_id} in {args.db}.\n")
    else:
        print(f"An identical run is stored already as run {run_id} in {args.db} (the same scenario, roster, seed, "
              f"years, replicas and regrade version): not stored again. Give --force to store it again.\n")
    _print_headline(args.db, run_id)
    return 0


def _print_headline(db, run_id: int) -> None:
    from simulator import results as R
    from simulator import store

    con = store.connect(db, read_only=True)
    try:
        s = R.summary(con, run_id)
    finally:
        con.close()
    info = s["info"]
    print(f"Run {run_id}: {info['scenario_name']} on {'the SYNTHETIC roster ' if info['roster_synthetic'] else ''}"
          f"{info['roster_name']}")
    for line in R.headline(s):
        print("  " + line)
    table = for_people(R.summary_table(s))
    print()
    print(_text_table(table))


def _text_table(frame: pl.DataFrame) -> str:
    """A frame in dollars as aligned text with headings in words (nothing cut)."""
    from simulator import results as R

    def cell(name, v):
        if v is None:
            return ""
        if name.endswith("_dollars"):
            return _dollars(int(v * 100))
        if "pct" in name:
            return f"{v} %"
        return f"{v:,}" if isinstance(v, int) else str(v)

    header = [R.HEADINGS.get(c, c.replace("_", " ")) for c in frame.columns]
    rows = [[cell(c, v) for c, v in zip(frame.columns, r)] for r in frame.iter_rows()]
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    lines = ["  ".join(h.rjust(w) for h, w in zip(header, widths))]
    lines += ["  ".join(c.rjust(w) for c, w in zip(r, widths)) for r in rows]
    return "\n".join("  " + ln for ln in lines)


def _is_synthetic(path) -> bool:
    """A roster whose every employee_id starts with SYN was made by regrade roster generate."""
    try:
        scan = pl.scan_parquet(path) if str(path).endswith(".parquet") else pl.scan_csv(path, infer_schema=False)
        ids = scan.select(pl.col("employee_id").cast(pl.String)).collect()["employee_id"]
    except Exception:  # unreadable or no employee_id: validation reports it properly
        return False
    return ids.len() > 0 and bool(ids.str.starts_with("SYN").all())


def cmd_runs(args: argparse.Namespace) -> int:
    from simulator import store

    con = store.connect(args.db, read_only=True)
    frame = store.runs(con, every_field=args.long)
    con.close()
    if frame.height == 0:
        print(f"No runs in {args.db}.")
        return 0
    if args.long:
        for r in frame.iter_rows(named=True):
            print(f"run {r['run_id']}")
            for k, v in r.items():
                if k != "run_id":
                    print(f"  {k:20s} {v:%Y-%m-%d %H:%M:%S}" if hasattr(v, "hour") else f"  {k:20s} {v}")
        return 0
    rows = [[str(r["run_id"]), r["scenario_name"], r["roster_name"] + (" (SYNTHETIC)" if r["roster_synthetic"] else ""),
             f"{r['employees']:,}", str(r["years"]), str(r["seed"]), str(r["replicas"] or "-"),
             f"{r['finished_at']:%Y-%m-%d %H:%M}"] for r in frame.iter_rows(named=True)]
    header = ["run", "scenario", "roster", "employees", "years", "seed", "replicas", "stored"]
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    right = {0, 3, 4, 5, 6}
    fmt = lambda cells: "  ".join(c.rjust(w) if i in right else c.ljust(w)  # noqa: E731
                                  for i, (c, w) in enumerate(zip(cells, widths))).rstrip()
    print(fmt(header))
    for r in rows:
        print(fmt(r))
    print(f"\n{frame.height} run(s) in {args.db}; 'regrade runs --long' shows every field.")
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    from simulator import compare, outputs, store
    from simulator import results as R

    if args.out:
        outputs.check(args.out, read_inputs(db=args.db))
    con = store.connect(args.db, read_only=True)
    try:
        store.check_runs(con, args.runs)
        data = R.compare(con, args.runs, args.by)
    except KeyError as exc:
        print(f"regrade: {exc.args[0]}", file=sys.stderr)
        return 2
    finally:
        con.close()
    if args.out:
        fmt = args.format or Path(args.out).suffix.lstrip(".")
        if fmt not in ("csv", "xlsx", "md"):
            print(f"regrade: --format must be csv, xlsx or md (or --out ending in one of them), not {fmt!r}",
                  file=sys.stderr)
            return 2
        compare.write(data, fmt, args.out, args.by)
        print(f"Wrote {args.out} ({fmt}, money in dollars).")
        for w in data["warnings"]:
            print("warning: " + w, file=sys.stderr)
        return 0
    print(compare.render(data, args.by, markdown=args.format == "md"))
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    from simulator import diff
    from simulator.errors import raise_if_errors
    from simulator.scenario import read_scenario

    (a, pa), (b, pb) = read_scenario(args.a), read_scenario(args.b)
    raise_if_errors(pa + pb)  # every problem of both files together
    print(diff.render(a, b))
    return 0


def _roster_and_scenario(roster_path, scenario_path):
    """The roster (checked, typed) and the scenario, every problem of both reported together (InputError)."""
    from simulator.errors import raise_if_errors
    from simulator.roster import load_roster
    from simulator.scenario import read_scenario

    scenario, problems = read_scenario(scenario_path)
    roster, found = load_roster(roster_path, raise_errors=False)
    raise_if_errors(found + problems)
    return roster, scenario


def cmd_solve(args: argparse.Namespace) -> int:
    from simulator import outputs, solve
    from simulator.money import dollars_text

    if args.out:
        outputs.check(args.out, read_inputs(args.roster, args.scenario))
    roster, scenario = _roster_and_scenario(args.roster, args.scenario)
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

    from simulator import sweep
    from simulator.money import for_people
    from simulator.progress import bar

    from simulator import outputs

    for path, ends in ((args.out, (".csv", ".parquet")), (args.figure, (".html",))):
        if path and not path.endswith(ends):
            print(f"regrade: {path} must end in {' or '.join(ends)}", file=sys.stderr)
            return 2
    reads = read_inputs(args.roster, args.scenario)
    for path, option in ((args.out, "--out"), (args.figure, "--figure")):
        if path:
            outputs.check(path, reads, option)
    roster, scenario = _roster_and_scenario(args.roster, args.scenario)
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


def cmd_export(args: argparse.Namespace) -> int:
    from simulator import outputs, store
    from simulator.export import export
    from simulator.progress import bar

    reads = read_inputs(db=args.db)
    if args.format == "xlsx":
        outputs.check(args.out, reads)
    elif Path(args.out).exists() and not Path(args.out).is_dir():
        raise outputs.OutputError(f"--out {args.out}: is a file; --format {args.format} writes one file per table "
                                  "into a folder: give a folder")
    con = store.connect(args.db, read_only=True)
    try:
        store.check_runs(con, [args.run])
        with bar(100, f"exporting run {args.run}", unit="%") as progress:
            def step(done, total, what):
                progress.set_description(f"  exporting run {args.run}: {what}")
                progress.n = int(100 * done / max(total, 1))
                progress.refresh()
            written = export(con, args.run, args.format, Path(args.out), person_rows=args.person_years,
                             with_ids=args.with_ids, progress=step, inputs=reads)
    except KeyError as exc:
        print(f"regrade: {exc.args[0]}", file=sys.stderr)
        return 2
    finally:
        con.close()
    for path in written:
        print(f"Wrote {path}")
    print("Money is in dollars with cents; " + ("employee ids are included." if args.with_ids else
                                                 "employee ids and dates are left out (--with-ids to include them)."))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from simulator import outputs, store, synthetic
    from simulator.progress import stage

    store.check_path(args.db)
    out = Path(args.out_dir)
    if out.exists() and not out.is_dir():
        raise outputs.OutputError(f"--out-dir {out}: is a file, not a folder")
    reads = read_inputs(db=args.db)
    for name in ("synthetic-roster-1967.parquet", "synthetic-roster-1975.parquet", "report.html"):
        outputs.check(out / name, reads, "--out-dir")  # the demo's files never over its store
    out.mkdir(parents=True, exist_ok=True)
    print("regrade demo: SYNTHETIC rosters (no real person; ids SYN..), every shipped scenario, "
          f"{args.years} fiscal years, stored in {args.db}.")
    if Path(args.db).exists():
        con = store.connect(args.db, read_only=True)
        try:
            n = store.runs(con).height
        finally:
            con.close()
        if n:
            print(f"  {args.db} already holds {n} run(s); the demo adds its runs to them, and a run identical to "
                  "one stored is not stored twice (give --db NEW.duckdb for a fresh store).")
    print()
    from simulator import warm

    with stage("compiling the engine where it is not compiled yet"):
        warm.exercise()  # every kernel any later command uses (solve, sweep, the what-if), not only the demo's
    rosters = {}
    for era in ("1967", "1975"):
        path = out / f"synthetic-roster-{era}.parquet"
        with stage(f"generating the {era} roster"):
            frame = synthetic.roster(era, None, args.seed)
            write_atomically(frame, path)
        rosters[era] = path
        print(f"  generated {path} ({frame.height:,} SYNTHETIC employees)", flush=True)
    ids = []
    for i, (era, name) in enumerate(DEMO_RUNS, start=1):
        print(f"  [{i}/{len(DEMO_RUNS)}] {name} on the {era} roster ...", end="", flush=True)
        run_id, _, stored = run_once(rosters[era], SCENARIOS / f"{name}.toml", args.years, args.seed, 0, args.db,
                                     roster_name=rosters[era].name, synthetic=True)
        ids.append(run_id)
        print(f" stored as run {run_id}" if stored else f" stored already as run {run_id}: not stored again",
              flush=True)
    print()
    _print_headline(args.db, ids[0])
    print()
    from simulator import compare
    from simulator import results as R

    con = store.connect(args.db, read_only=True)
    try:
        for era in ("1967", "1975"):  # each era's runs side by side: one roster, one effective date
            print(compare.render(R.compare(con, [i for i, (e, _) in zip(ids, DEMO_RUNS) if e == era])))
            print()
    finally:
        con.close()
    report = out / "report.html"
    cmd_report(argparse.Namespace(db=args.db, run=ids[0], compare=ids[1:2], out=str(report), with_ids=False))
    print(f"\nEvery figure above is computed on SYNTHETIC rosters; the assumptions are in data/ASSUMPTIONS.md. "
          f"'regrade runs --db {args.db}' lists the runs; 'regrade report --run N' writes a report of any run; "
          f"'regrade export N --format xlsx --out run.xlsx' writes a workbook; 'regrade serve' explores them.")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from dashboards import report
    from simulator import outputs, store

    outputs.check(args.out, read_inputs(db=args.db))
    con = store.connect(args.db, read_only=True)
    try:
        store.check_runs(con, [args.run, *(args.compare or [])])
        text = report.build(con, args.run, args.compare, with_ids=getattr(args, "with_ids", False))
    except KeyError as exc:
        print(f"regrade: {exc.args[0]}", file=sys.stderr)
        return 2
    finally:
        con.close()
    out = Path(args.out)
    outputs.write(out, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    print(f"Wrote {out} ({len(text) / 1e6:.1f} MB, self-contained: open it in any browser, offline).")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from dashboards.app import make_app, serve

    what_if = None
    if bool(args.roster) != bool(args.scenario):
        print("regrade: the what-if panel needs both --roster and --scenario", file=sys.stderr)
        return 2
    if args.roster:
        what_if = (*_roster_and_scenario(args.roster, args.scenario), 5, Path(args.roster).name)
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


def cmd_warm(args: argparse.Namespace) -> int:
    """Compile every kernel any command uses into Numba's cache now (simulator/warm.py)."""
    from simulator import warm
    from simulator.progress import watch_compiles

    watch_compiles(quiet=True)  # said here in this command's own words
    print("regrade warm: checking that every kernel any command uses is compiled for this machine, and compiling "
          "those that are not (from an empty cache, about half a minute) ...", flush=True)
    compiled, seconds = warm.warm()
    print(f"regrade: {compiled:,} compilations in {seconds:.1f} s; every command now starts at once." if compiled
          else f"regrade: the engine was compiled already (checked in {seconds:.1f} s).")
    return 0


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
    """Ctrl-C, as Python raises it or as DuckDB does inside a query ("Query interrupted")."""
    if isinstance(exc, KeyboardInterrupt):
        return True
    import duckdb

    return isinstance(exc, duckdb.InterruptException) or (isinstance(exc, RuntimeError)
                                                           and "interrupted" in str(exc).lower())


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
    unsure = LEDGER.settle()
    stored = ", ".join(f"run {r} in {db}" for r, db in LEDGER.stored)
    told = (f"stored whole before it: {stored}; nothing else was stored" if stored else "nothing was stored") + \
        (f" ({unsure})" if unsure else "")
    print(f"regrade: an internal error stopped the command ({type(exc).__name__}: {first}); {told}. "
          f"{where[0].upper() + where[1:]}; please report them.", file=sys.stderr)
    return 1


def main(argv: list[str] | None = None) -> int:
    import signal

    from simulator.errors import StoreBusy, StoreError

    def terminated(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, terminated)
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

        unsure = LEDGER.settle()
        stored = ", ".join(f"run {r} in {db}" for r, db in LEDGER.stored)
        return (f"the disk is full ({text}). " + (f"Stored whole before it: {stored}; nothing else was stored."
                                                   if stored else "Nothing was stored.")
                + (f" ({unsure[0].upper()}{unsure[1:]}.)" if unsure else "") + " Free some space and run it again")
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
