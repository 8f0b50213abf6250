"""The ``regrade`` command.

    regrade data                 summarise every seed table: rows, provenance, headline figures
    regrade data TABLE           print one table (money in dollars), with --csv for machine use
"""

from __future__ import annotations

import argparse
import sys

import polars as pl

from simulator import __version__, data


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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="regrade", description="Payroll impact simulator for state pay reforms.")
    parser.add_argument("--version", action="version", version=f"regrade {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("data", help="summarise the seed tables, or print one")
    p.add_argument("table", nargs="?", help="a table name; omit to list them all")
    p.add_argument("--csv", action="store_true", help="print the table as CSV")
    p.set_defaults(func=cmd_data)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except data.DataError as exc:
        print(f"regrade: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
