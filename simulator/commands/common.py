"""What the commands share: writing a frame whole, naming what a command reads (so that no output lands on it),
printing warnings and a run's headline, one run for the commands, the roster and scenario read together."""

from __future__ import annotations

import sys
from pathlib import Path

import polars as pl

from simulator.data import SCENARIOS_DIR
from simulator.money import dollars_text as _dollars
from simulator.money import for_people


def write_atomically(frame: pl.DataFrame, out: Path) -> None:
    """Write ``frame`` to ``out`` (.parquet or .csv, formula cells neutralized) so that a failure leaves no
    partial file (simulator/outputs.py)."""
    from simulator import outputs

    outputs.write(out, (lambda tmp: frame.write_parquet(tmp)) if Path(out).suffix == ".parquet"
                  else (lambda tmp: outputs.write_csv(frame, tmp)))


def read_inputs(roster=None, scenario=None, db=None) -> list[tuple[str, Path]]:
    """What a command reads, named, for simulator.outputs.check: no output may be one of them."""
    from simulator.outputs import store_files

    found = [("the roster", Path(roster))] if roster else []
    if scenario:
        from simulator.scenario import scenario_files  # (with the kernels' rule names: only for a scenario)

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


SCENARIOS = SCENARIOS_DIR  # the shipped scenarios the demo runs


def run_once(roster, scenario_path, years: int, seed: int, replicas: int, db, roster_name: str | None = None,
             synthetic: bool = False, force: bool = False, person_years: bool = False,
             dask: str | None = None) -> tuple[int, list, bool]:
    """simulator.pipeline.run, for the commands: (run id, warnings, stored now)."""
    from simulator import pipeline

    result = pipeline.run(roster, scenario_path, years, seed, replicas, db, roster_name=roster_name,
                          synthetic=synthetic, force=force, person_years=person_years, dask=dask)
    if result.stored and result.twin is not None:
        print(f"Note: run {result.twin} is the same run {'without' if person_years else 'with'} the person-year "
              f"rows; this one is stored {'with' if person_years else 'without'} them, as another run.")
    return result.run_id, result.warnings, result.stored


def print_headline(db, run_id: int) -> None:
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
    print(text_table(table))


def text_table(frame: pl.DataFrame) -> str:
    """A frame in dollars as aligned text with headings in words (nothing cut)."""
    from simulator import results as R

    def cell(name, v):
        if v is None:
            return ""
        if name.endswith("_dollars"):
            return _dollars(int(v * 100))
        if "pct" in name:
            return f"{v} %"
        if name.startswith("fte"):
            return f"{v:,.2f}"
        return f"{v:,}" if isinstance(v, int) else str(v)

    header = [R.HEADINGS.get(c, c.replace("_", " ")) for c in frame.columns]
    rows = [[cell(c, v) for c, v in zip(frame.columns, r)] for r in frame.iter_rows()]
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    lines = ["  ".join(h.rjust(w) for h, w in zip(header, widths))]
    lines += ["  ".join(c.rjust(w) for c, w in zip(r, widths)) for r in rows]
    return "\n".join("  " + ln for ln in lines)


def roster_and_scenario(roster_path, scenario_path):
    """The roster (checked, typed) and the scenario, every problem of both reported together (InputError)."""
    from simulator.errors import raise_if_errors
    from simulator.roster import load_roster
    from simulator.scenario import read_scenario

    scenario, problems = read_scenario(scenario_path)
    roster, found = load_roster(roster_path, raise_errors=False)
    raise_if_errors(found + problems)
    return roster, scenario
