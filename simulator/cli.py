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
                                 place, project and store one run (in one transaction)
    regrade runs [--db]          list the stored runs
    regrade compare RUN RUN ...  cost by year, % of payroll, winners and losers, side by side
    regrade export RUN --format csv|parquet|xlsx --out PATH
    regrade demo                 synthetic rosters, every shipped scenario over 5 years, stored and compared
    regrade report --run ID [--compare ID ...] --out report.html
                                 one self-contained HTML report (works offline, opens from an e-mail)
    regrade serve [--db PATH] [--port N]
                                 the explorer, a Dash app on 127.0.0.1

Bad input: every problem is printed (file, row, column, value), the exit code is 2, nothing is written.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

import polars as pl

from simulator import __version__, data
from simulator.errors import InputError


def _dollars(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{sign}${cents // 100:,}.{cents % 100:02d}"


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
    """Write ``frame`` to ``out`` (.parquet or .csv) so that a failure leaves no partial file."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    os.close(fd)
    try:
        if out.suffix == ".parquet":
            frame.write_parquet(tmp)
        else:
            frame.write_csv(tmp)
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def print_warnings(warnings, limit: int = 20) -> None:
    for w in warnings[:limit]:
        print(w, file=sys.stderr)
    if len(warnings) > limit:
        print(f"... and {len(warnings) - limit} more warnings", file=sys.stderr)


def cmd_place(args: argparse.Namespace) -> int:
    from simulator.placement import place

    out = Path(args.out)
    if out.suffix not in (".parquet", ".csv"):
        print(f"regrade: --out must end in .parquet or .csv, not {out.name!r}", file=sys.stderr)
        return 2
    result = place(args.roster, args.scenario)
    print_warnings(result.warnings)
    frame = result.frame
    write_atomically(frame.drop("source_row"), out)
    old = frame["old_annual_cents"].sum()
    new = frame["new_annual_cents"].sum()
    print(f"Placed {frame.height:,} employees from {Path(args.roster).name} under {Path(args.scenario).name}.")
    print(f"  Annual payroll (full-time rates): {_dollars(old)} before, {_dollars(new)} after: "
          f"{_dollars(new - old)} ({(new - old) / old * 100 if old else 0:.2f} %).")
    print(f"  Gain: {(frame['new_annual_cents'] > frame['old_annual_cents']).sum():,}; "
          f"no change: {(frame['new_annual_cents'] == frame['old_annual_cents']).sum():,}; "
          f"lose: {(frame['new_annual_cents'] < frame['old_annual_cents']).sum():,}; "
          f"red-circled: {frame['red_circle'].sum():,}; below the new minimum: {frame['green_circle'].sum():,}.")
    print("  Rules applied:")
    for rule, n in frame.group_by("rule").len().sort(["len", "rule"], descending=[True, False]).iter_rows():
        print(f"    {rule:24s} {n:8,d}")
    if len(result.warnings):
        print(f"  {len(result.warnings):,} warnings (on standard error).")
    print(f"Wrote {out}.")
    return 0


def cmd_roster_generate(args: argparse.Namespace) -> int:
    from simulator import synthetic

    out = Path(args.out)
    if out.suffix not in (".parquet", ".csv"):
        print(f"regrade: --out must end in .parquet or .csv, not {out.name!r}", file=sys.stderr)
        return 2
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
          f"against the targets the seeds publish:\n")
    w = max(len(t) for t in table["target"])
    print(f"{'target':{w}s}  {'published':>22s}  {'achieved':>32s}  met")
    for target, published, achieved, met in table.iter_rows():
        print(f"{target:{w}s}  {published:>22s}  {achieved:>32s}  {'yes' if met else 'NO'}")
    missed = (~table["met"]).sum()
    print(f"\n{table.height - missed} of {table.height} targets met.")
    return 0 if missed == 0 else 1


SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
DEMO_RUNS = [("1967", "cresap-1967"), ("1967", "cresap-1967-alt-grades"), ("1975", "hay-1975-same-step"),
             ("1975", "hay-1975-promotion"), ("1975", "mms")]


def _progress(total: int, desc: str):
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit="step", leave=False, disable=None, file=sys.stderr)


def run_once(roster, scenario_path, years: int, seed: int, replicas: int, db, roster_name: str | None = None,
             synthetic: bool = False) -> tuple[int, list]:
    """Place, project and store one run; return (run id, warnings)."""
    import datetime as dt
    import hashlib

    from simulator import store
    from simulator.placement import place
    from simulator.projection import project
    from simulator.scenario import load_scenario

    started = dt.datetime.now()
    scenario = load_scenario(scenario_path)
    if isinstance(roster, str | Path):
        roster_name = roster_name or Path(roster).name
        roster_hash = hashlib.sha256(Path(roster).read_bytes()).hexdigest()[:16]
    else:
        roster_hash = hashlib.sha256(roster.write_csv().encode()).hexdigest()[:16]
    result = place(roster, scenario)
    with _progress(max(replicas, 1) * years, f"{scenario.name}: projecting") as bar:
        proj = project(result.frame, scenario, years, seed, replicas, progress=lambda r, k: bar.update(1))
    con = store.connect(db)
    try:
        run_id = store.save_run(con, scenario=scenario, roster_name=roster_name or "roster", roster_hash=roster_hash,
                                synthetic=synthetic, seed=seed, replicas=replicas, years=years,
                                placement=result.frame, projection=proj, started_at=started)
    finally:
        con.close()
    return run_id, result.warnings


def cmd_run(args: argparse.Namespace) -> int:
    synthetic = _is_synthetic(args.roster)
    run_id, warnings = run_once(args.roster, args.scenario, args.years, args.seed, args.replicas, args.db,
                                synthetic=synthetic)
    print_warnings(warnings)
    print(f"Stored run {run_id} in {args.db}.")
    _print_compare(args.db, [run_id])
    return 0


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
    frame = store.runs(con)
    con.close()
    if frame.height == 0:
        print(f"No runs in {args.db}.")
        return 0
    with pl.Config(tbl_rows=-1, tbl_cols=-1, tbl_width_chars=200, tbl_hide_dataframe_shape=True):
        print(frame)
    return 0


def _print_compare(db, ids: list[int]) -> None:
    from simulator import store

    con = store.connect(db, read_only=True)
    try:
        tables = store.compare(con, ids)
        names = dict(con.execute("SELECT run_id, scenario_name || CASE WHEN roster_synthetic THEN ' (SYNTHETIC)' "
                                 "ELSE '' END FROM runs").fetchall())
    finally:
        con.close()
    cost = tables["cost"]
    print("\nCost of the reform against the baseline, cash paid in each fiscal year:")
    header = f"{'fiscal year':>12s}" + "".join(f"  {('run ' + str(i)):>28s}" for i in ids)
    print(header)
    print(f"{'':>12s}" + "".join(f"  {names[i][:28]:>28s}" for i in ids))
    for fy in cost["fiscal_year"].unique().sort().to_list():
        line = f"{fy:>12d}"
        for i in ids:
            row = cost.filter((pl.col("fiscal_year") == fy) & (pl.col("run_id") == i))
            if row.height:
                r = row.row(0, named=True)
                line += f"  {_dollars(r['difference_cents']):>17s} {r['pct_of_baseline']:>+8.2f} %"
            else:
                line += f"  {'':>28s}"
        print(line)
    print("\nWinners and losers at placement (annual pay up / unchanged / down; red-circled; excluded):")
    for r in tables["winners_losers"].iter_rows(named=True):
        print(f"  run {r['run_id']:>3d} {names[r['run_id']]:40s} {r['winners']:>7,d} up {r['unchanged']:>7,d} same "
              f"{r['losers']:>6,d} down {r['red_circled']:>6,d} red-circled {r['excluded']:>6,d} excluded")


def cmd_compare(args: argparse.Namespace) -> int:
    try:
        _print_compare(args.db, args.runs)
    except KeyError as exc:
        print(f"regrade: {exc.args[0]}", file=sys.stderr)
        return 2
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from simulator import store

    con = store.connect(args.db, read_only=True)
    try:
        written = store.export(con, args.run, args.format, Path(args.out))
    except KeyError as exc:
        print(f"regrade: {exc.args[0]}", file=sys.stderr)
        return 2
    finally:
        con.close()
    for path in written:
        print(f"Wrote {path}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from simulator import synthetic

    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    print("regrade demo: SYNTHETIC rosters (no real person; ids SYN..), every shipped scenario, "
          f"{args.years} fiscal years, stored in {args.db}.\n")
    rosters = {}
    for era in ("1967", "1975"):
        path = out / f"synthetic-roster-{era}.parquet"
        frame = synthetic.roster(era, None, args.seed)
        write_atomically(frame, path)
        rosters[era] = path
        print(f"  generated {path} ({frame.height:,} SYNTHETIC employees)")
    ids = []
    for era, name in DEMO_RUNS:
        run_id, _ = run_once(rosters[era], SCENARIOS / f"{name}.toml", args.years, args.seed, 0, args.db,
                             roster_name=rosters[era].name, synthetic=True)
        ids.append(run_id)
        print(f"  stored run {run_id}: {name} on the {era} roster")
    _print_compare(args.db, ids)
    report = out / "report.html"
    cmd_report(argparse.Namespace(db=args.db, run=ids[0], compare=ids[1:2], out=str(report)))
    print(f"\nEvery figure above is computed on SYNTHETIC rosters; the assumptions are in data/ASSUMPTIONS.md. "
          f"'regrade runs --db {args.db}' lists the runs; 'regrade report --run N' writes a report of any run; "
          f"'regrade serve' explores them.")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from dashboards import report
    from simulator import store

    con = store.connect(args.db, read_only=True)
    try:
        store.check_runs(con, [args.run, *(args.compare or [])])
        text = report.build(con, args.run, args.compare)
    except KeyError as exc:
        print(f"regrade: {exc.args[0]}", file=sys.stderr)
        return 2
    finally:
        con.close()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(out)
    print(f"Wrote {out} ({len(text) / 1e6:.1f} MB, self-contained: open it in any browser, offline).")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from dashboards.app import serve

    print(f"regrade explorer on http://127.0.0.1:{args.port}/ (Ctrl-C to stop)", flush=True)
    serve(args.db, args.port)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="regrade", description="Payroll impact simulator for state pay reforms.")
    parser.add_argument("--version", action="version", version=f"regrade {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("data", help="summarise the seed tables, or print one")
    p.add_argument("table", nargs="?", help="a table name; omit to list them all")
    p.add_argument("--csv", action="store_true", help="print the table as CSV")
    p.set_defaults(func=cmd_data)
    p = sub.add_parser("place", help="place every employee of a roster into a scenario's schedules")
    p.add_argument("--roster", required=True, help="roster file, CSV or Parquet")
    p.add_argument("--scenario", required=True, help="scenario file (TOML)")
    p.add_argument("--out", required=True, help="output file, .parquet or .csv")
    p.set_defaults(func=cmd_place)
    roster = sub.add_parser("roster", help="synthetic rosters").add_subparsers(dest="roster_command", required=True)
    p = roster.add_parser("generate", help="write a SYNTHETIC roster of an era")
    p.add_argument("--era", required=True, choices=["1967", "1975"])
    p.add_argument("--size", type=int, default=None, help="employees (default: the era's published headcount)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", required=True, help="output file, .parquet or .csv")
    p.set_defaults(func=cmd_roster_generate)
    p = roster.add_parser("calibrate", help="print each published target beside what the roster achieves")
    p.add_argument("--era", required=True, choices=["1967", "1975"])
    p.add_argument("--size", type=int, default=None)
    p.add_argument("--seed", type=int, default=0)
    p.set_defaults(func=cmd_roster_calibrate)
    p = sub.add_parser("run", help="place, project and store one run")
    p.add_argument("--roster", required=True)
    p.add_argument("--scenario", required=True)
    p.add_argument("--years", type=int, default=5)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--replicas", type=int, default=0, help="Monte Carlo replicas; 0 is the expected-value path")
    p.add_argument("--db", default="regrade.duckdb")
    p.set_defaults(func=cmd_run)
    p = sub.add_parser("runs", help="list the stored runs")
    p.add_argument("--db", default="regrade.duckdb")
    p.set_defaults(func=cmd_runs)
    p = sub.add_parser("compare", help="compare stored runs side by side")
    p.add_argument("runs", nargs="+", type=int)
    p.add_argument("--db", default="regrade.duckdb")
    p.set_defaults(func=cmd_compare)
    p = sub.add_parser("export", help="export a stored run")
    p.add_argument("run", type=int)
    p.add_argument("--format", required=True, choices=["csv", "parquet", "xlsx"])
    p.add_argument("--out", required=True, help="a folder (csv, parquet) or a .xlsx file")
    p.add_argument("--db", default="regrade.duckdb")
    p.set_defaults(func=cmd_export)
    p = sub.add_parser("demo", help="the main job on synthetic rosters: every scenario, stored and compared")
    p.add_argument("--db", default="regrade.duckdb")
    p.add_argument("--years", type=int, default=5)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out-dir", default="regrade-demo", help="where the synthetic rosters are written")
    p.set_defaults(func=cmd_demo)
    p = sub.add_parser("report", help="write a self-contained HTML report of a run")
    p.add_argument("--run", required=True, type=int)
    p.add_argument("--compare", type=int, nargs="*", default=[])
    p.add_argument("--out", default="report.html")
    p.add_argument("--db", default="regrade.duckdb")
    p.set_defaults(func=cmd_report)
    p = sub.add_parser("serve", help="explore the runs in a browser (127.0.0.1 only)")
    p.add_argument("--db", default="regrade.duckdb")
    p.add_argument("--port", type=int, default=8050)
    p.set_defaults(func=cmd_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except InputError as exc:
        print_warnings(exc.warnings)
        print(f"regrade: {exc.render()}", file=sys.stderr)
        return 2
    except data.DataError as exc:
        print(f"regrade: {exc}", file=sys.stderr)
        return 2
    except (FileNotFoundError, ValueError) as exc:
        print(f"regrade: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("regrade: interrupted; nothing partial was stored.", file=sys.stderr)
        return 130
    except Exception as exc:  # StoreBusy and the like: a plain sentence, not a traceback
        from simulator.store import StoreBusy, StoreLayoutError

        if isinstance(exc, StoreBusy):
            print(f"regrade: {exc}", file=sys.stderr)
            return 3
        if isinstance(exc, StoreLayoutError):
            print(f"regrade: {exc}", file=sys.stderr)
            return 2
        raise


if __name__ == "__main__":
    sys.exit(main())
