"""Write the golden results of every shipped scenario (run after a change that is meant to change results, and
say why in the commit):

    python scenarios/build_expected.py

For each scenario, on the demo's synthetic roster of its era (seed 0, the full published size), or the roster
file it ships with (the invented example's):
- expected/<scenario>.csv: every employee's placement: rule, new grade and step, the new pay in its unit, the
  annual pay and what is owed (cents; the file is for the test, not for people);
- expected/<scenario>-totals.csv: the expected-value projection's totals, five fiscal years, both branches;
- expected/<scenario>-bridge.csv and -unit-costs.csv: the cost bridge by year and part, and the cost of 1 % and of
  a step by schedule, as ``regrade run`` stores them (cents).

tests/test_golden.py computes the same and compares, cell by cell.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import polars as pl  # noqa: E402

from simulator import synthetic  # noqa: E402
from simulator.pipeline import note_measures  # noqa: E402
from simulator.placement import place  # noqa: E402
from simulator.projection import project  # noqa: E402
from simulator.roster import load_roster  # noqa: E402
from simulator.scenario import load_scenario  # noqa: E402

SCENARIOS = {"cresap-1967": "1967", "cresap-1967-alt-grades": "1967", "hay-1975-same-step": "1975",
             "hay-1975-formula": "1975",
             "hay-1975-promotion": "1975", "mms": "1975", "bench-simple": "1975",
             "examplia-2027": "examplia-roster.xlsx"}  # an era's synthetic roster, or a roster file beside this one
YEARS = 5
PLACEMENT = ["employee_id", "rule", "target_schedule", "new_grade", "new_step", "new_rate_cents", "new_rate_per",
             "new_annual_cents", "owed_annual_cents", "red_circle", "green_circle"]
TOTALS = ["fiscal_year", "branch", "cash_cents", "annual_cents", "headcount", "retirements", "separations", "hires",
          "turnover_saving_cents", "merit_budget_cents", "merit_spent_cents", "benefits_cents", "annual_benefits_cents",
          "fte", "owed_cents", "overtime_cents"]


def results(name: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(placement, totals) of a shipped scenario on its era's synthetic roster, as the golden files hold them."""
    scenario = load_scenario(HERE / f"{name}.toml")
    source = SCENARIOS[name]
    roster = load_roster(HERE / source)[0] if "." in source else synthetic.roster(source, None, 0)
    placed = place(roster, scenario).frame
    totals = project(placed, scenario, YEARS).totals
    return (placed.select(PLACEMENT).with_columns(pl.col("new_rate_per").cast(pl.String)),
            totals.select(TOTALS).with_columns(pl.col("branch").cast(pl.String)))


def note_results(name: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(the cost bridge, the cost of 1 % and of a step) of a shipped scenario as regrade run stores them
    (simulator/pipeline.py note_measures), on the same roster and years."""
    scenario = load_scenario(HERE / f"{name}.toml")
    source = SCENARIOS[name]
    roster = load_roster(HERE / source)[0] if "." in source else synthetic.roster(source, None, 0)
    placed = place(roster, scenario)
    projection = project(placed.frame, scenario, YEARS, person_rows=False)
    note_measures(placed, scenario, projection, 0, 0)
    return projection.bridge, projection.unit_costs


def main() -> None:
    for name in SCENARIOS:
        placement, totals = results(name)
        placement.write_csv(HERE / "expected" / f"{name}.csv")
        totals.write_csv(HERE / "expected" / f"{name}-totals.csv")
        bridge, units = note_results(name)
        bridge.write_csv(HERE / "expected" / f"{name}-bridge.csv")
        units.write_csv(HERE / "expected" / f"{name}-unit-costs.csv")
        print(f"expected/{name}.csv: {placement.height:,} employees; expected/{name}-totals.csv, -bridge.csv, "
              "-unit-costs.csv")


if __name__ == "__main__":
    main()
