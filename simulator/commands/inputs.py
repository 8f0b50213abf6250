"""The commands about inputs: the seed tables (``regrade data``), placing a roster (``regrade place``), synthetic
rosters (``regrade roster generate|calibrate``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import polars as pl

from simulator import __version__, data
from simulator.commands.common import (
    print_warnings,
    read_inputs,
    write_atomically,
)
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


PLACE_INTERNAL = ("source_row",)


def placement_for_people(frame: pl.DataFrame, with_ids: bool = False) -> pl.DataFrame:
    """The placement as a file a person reads: money in dollars, ids and dates only when asked."""
    from simulator.export import ID_COLUMNS

    drop = [*PLACE_INTERNAL, *([] if with_ids else [c for c in ID_COLUMNS if c != "employee_id"])]
    return for_people(frame.drop([c for c in drop if c in frame.columns]))


def cmd_place(args: argparse.Namespace) -> int:
    from simulator import outputs
    from simulator.placement import place
    from simulator.progress import stage

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
    print(f"{'target':{w}s}  {'published':>28s}  {'achieved':>50s}  {'status':16s}  gap")
    status = {"target": lambda met: "met" if met else "MISSED", "calibrated": lambda met: "calibrated",
              "check": lambda met: "check, not tuned"}
    for target, published, achieved, met, kind, gap in table.iter_rows():
        print(f"{target:{w}s}  {published:>28s}  {achieved:>50s}  {status[kind](met):16s}  {gap}".rstrip())
    targets = table.filter(pl.col("kind") == "target")
    missed = (~targets["met"]).sum() + (~table.filter(pl.col("kind") == "calibrated")["met"]).sum()
    print(f"\n{targets.height - (~targets['met']).sum()} of {targets.height} targets met.")
    if args.era == "1975":
        print("Calibrated (A-SYNTH-HAY-474): the level of present pay against the practice line, and the share of "
              "classes that scatter about it as the printed classes do, so that the report's own costing gives its "
              "printed cost and the comparable step its 84 % / 16 %. The physicians' figures were not tuned: they "
              "are the check.")
    return 0 if missed == 0 else 1
