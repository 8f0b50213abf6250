"""The commands about stored runs: ``regrade run``, ``runs``, ``compare``, ``note``, ``export``, ``report``,
``demo`` and ``warm``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import polars as pl

from simulator.commands import common
from simulator.commands.common import (
    SCENARIOS,
    print_warnings,
    read_inputs,
    run_once,
    write_atomically,
)

DEMO_RUNS = [("1967", "cresap-1967"), ("1967", "cresap-1967-alt-grades"), ("1975", "hay-1975-same-step"),
             ("1975", "hay-1975-promotion"), ("1975", "mms")]


def cmd_run(args: argparse.Namespace) -> int:
    from simulator import outputs, store

    if args.dask and not args.replicas:
        raise ValueError("--dask costs a run's Monte Carlo replicas on a cluster: give --replicas N as well (the "
                         "expected-value path is one path, costed here)")
    outputs.not_an_input(args.db, read_inputs(args.roster, args.scenario), "--db")
    store.check_path(args.db)  # before any work: a --db that cannot be a store is said at once
    synthetic = _is_synthetic(args.roster)
    run_id, warnings, stored = run_once(args.roster, args.scenario, args.years, args.seed, args.replicas, args.db,
                                        synthetic=synthetic, force=args.force, person_years=args.person_years,
                                        dask=args.dask)
    print_warnings(warnings)
    if stored:
        print(f"Stored run {run_id} in {args.db}.\n")
    else:
        print(f"An identical run is stored already as run {run_id} in {args.db} (the same scenario, roster, seed, "
              f"years, replicas and regrade version): not stored again. Give --force to store it again.\n")
    common.print_headline(args.db, run_id)
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


def cmd_note(args: argparse.Namespace) -> int:
    from simulator import note, note_files, outputs, store

    if args.out:  # never over the store, whatever its ending
        outputs.check(args.out, read_inputs(db=args.db))
    suffix = Path(args.out).suffix.lstrip(".").lower() if args.out else ""
    suffix = {"htm": "html"}.get(suffix, suffix)
    fmt = args.format or suffix or "md"
    if fmt not in ("html", "md", "xlsx"):
        print(f"regrade: --format must be html, md or xlsx (or --out ending in one of them), not {fmt!r}",
              file=sys.stderr)
        return 2
    if args.format and suffix and suffix != args.format:
        print(f"regrade: --format {args.format} and --out {args.out} disagree: give --out ending in .{args.format}, "
              "or leave --format out", file=sys.stderr)
        return 2
    con = store.connect(args.db, read_only=True)
    try:
        store.check_runs(con, [args.run, *([args.compare] if args.compare else [])])
        n = note.note(con, args.run, args.general_fund)
        if args.compare:
            n = note.difference(n, note.note(con, args.compare, args.general_fund), args.run, args.compare)
    except note.NoNoteMeasures as exc:
        print(f"regrade: run {exc.args[0]} has no fiscal year or no employee: there is no cost to note",
              file=sys.stderr)
        return 2
    except (KeyError, ValueError) as exc:
        print(f"regrade: {exc.args[0]}", file=sys.stderr)
        return 2
    finally:
        con.close()
    if not args.out:
        if fmt != "md":
            print(f"regrade: --format {fmt} writes a file: give --out", file=sys.stderr)
            return 2
        print(note_files.markdown(n, signed=bool(args.compare)), end="")
        return 0
    note_files.write(n, fmt, args.out, signed=bool(args.compare))
    print(f"Wrote {args.out} (the fiscal note, {fmt}, money in dollars).")
    for w in n.warnings:  # said here too, not only inside the file
        print("warning: " + w, file=sys.stderr)
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


def cmd_demo(args: argparse.Namespace) -> int:
    from simulator import outputs, store, synthetic
    from simulator.progress import stage

    store.check_path(args.db)
    out = Path(args.out_dir)
    if out.exists() and not out.is_dir():
        raise outputs.OutputError(f"--out-dir {out}: is a file, not a folder")
    reads = read_inputs(db=args.db)
    for name in ("synthetic-roster-1967.parquet", "synthetic-roster-1975.parquet", "report.html", "note-hay-1975.html"):
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
    common.print_headline(args.db, ids[0])
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
    hay = ids[[name for _, name in DEMO_RUNS].index("hay-1975-same-step")]
    cmd_note(argparse.Namespace(db=args.db, run=hay, compare=None, out=str(out / "note-hay-1975.html"), format=None,
                                general_fund="general"))
    print(f"\nEvery figure above is computed on SYNTHETIC rosters; the assumptions are in data/ASSUMPTIONS.md. "
          f"'regrade runs --db {args.db}' lists the runs; 'regrade report --run N' writes a report of any run; "
          f"'regrade note N --out note.html' writes a run's fiscal note (one printable page); "
          f"'regrade export N --format xlsx --out run.xlsx' writes a workbook; 'regrade serve' explores them.")
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
