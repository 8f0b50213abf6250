"""The cost of 1 % and of one step, per schedule and for all of them at once, in the first fiscal year and at
full implementation: each a recosting of the run's placement (simulator/recost.py), never a share of the total.

- **1 %**: the schedule's rates 1 % higher (every rate, half up to the cent in the schedule's own unit: the
  transform ``{ pct = 1.0 }``), everyone placed again under the same rules, the years projected again;
- **one step**: everyone placed on a step of the schedule below its top one step higher at implementation (the
  step's rate, in the person's own unit; the review clock that of the step), the years projected again; a
  schedule without steps has no cost of a step.

Each is the change in the reform's cost (reform - baseline) from the run's: in the first fiscal year, cash paid;
at full implementation, annualized (the rates in force at the end of the full-implementation year, for a year),
both salary and the employer's benefits. Costed on the expected-value path.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import polars as pl

from simulator import transforms
from simulator.recost import Recoster
from simulator.start import step_pay_array

SCHEMA = {"measure": pl.String, "schedule": pl.String, "positions": pl.Int64, "first_year_cents": pl.Int64,
          "first_year_benefits_cents": pl.Int64, "full_cents": pl.Int64, "full_benefits_cents": pl.Int64}
ALL = "all schedules"
STEPPED_KINDS = ("stepped", "teacher_matrix")  # the kinds whose steps a person moves along


def _difference(costs) -> np.ndarray:
    baseline, reform = costs[0], costs[1]
    return reform - baseline


def _row(measure: str, schedule: str, positions: int, delta: np.ndarray, full_index: int) -> dict:
    return {"measure": measure, "schedule": schedule, "positions": positions,
            "first_year_cents": int(delta[0, 0]), "first_year_benefits_cents": int(delta[0, 1]),
            "full_cents": int(delta[full_index, 2]), "full_benefits_cents": int(delta[full_index, 3])}


def one_pct(scenario, names: list[str]):
    """The scenario with the named schedules' rates 1 % higher."""
    schedules = dict(scenario.schedules)
    for name in names:
        schedules[name] = transforms.apply_one(schedules[name], {"pct": 1.0})
    return dataclasses.replace(scenario, schedules=schedules)


def one_step_up(recoster: Recoster, names: list[str]) -> tuple[dict, int, int]:
    """The run's placement with everyone on a step below the top of the named schedules one step higher: (the
    reform side, how many moved, the highest annual pay placed)."""
    st = recoster.start
    table, reform = st.table, st.reform
    row, step, own = reform["row"], reform["step"], st.staff.own_periods
    schedule_of_row = table.row_frame["schedule"].to_numpy()
    on = np.isin(schedule_of_row[np.minimum(row, table.n_reform_rows - 1)], names) & (row < table.n_reform_rows)
    move = on & ~reform["excluded"] & (step >= 0) & (step < table.n_steps[row] - 1)
    up = np.where(move, step + 1, step).astype(np.int32)
    amount, unit = step_pay_array(table, row, np.maximum(up, 0), own)
    rate = np.where(move, amount, reform["rate"]).astype(np.int64)
    unit = np.where(move, unit, reform["unit"]).astype(np.int64)
    return {**reform, "step": up, "rate": rate, "unit": unit}, int(move.sum()), int((rate * unit).max(initial=0))


def unit_costs(recoster: Recoster, full_index: int, base: np.ndarray | None = None) -> pl.DataFrame:
    """The cost of 1 % and of one step of each schedule someone is placed on, and of all of them at once (rows:
    measure "one_pct" / "one_step", schedule, positions concerned, first year, full implementation). ``base``: the
    scenario's own reform - baseline by year ([years, 4]) on the expected-value path, when the run has it."""
    scenario, st = recoster.scenario, recoster.start
    base = base if base is not None else _difference(recoster.costs(scenario))
    frame = recoster.prepared.frame
    placed = frame.filter(~pl.col("excluded"))["target_schedule"].value_counts()  # those the reform places
    counts = dict(zip(placed["target_schedule"].to_list(), placed["count"].to_list()))
    names = [n for n in scenario.schedules if counts.get(n)]
    rows = []
    for group in [[n] for n in names] + ([names] if len(names) > 1 else []):
        label = group[0] if len(group) == 1 else ALL
        try:
            variant = one_pct(scenario, group)
        except ValueError:  # a rate 1 % higher would pass a schedule's ceiling: no figure rather than a wrong one
            continue
        delta = _difference(recoster.costs(variant)) - base
        rows.append(_row("one_pct", label, sum(counts[n] for n in group), delta, full_index))
    prm = recoster.prm
    # a step is a schedule's own (stepped, or a teacher matrix): an open range's "minimum" and "maximum" are not steps
    stepped = [n for n in names if scenario.schedules[n].kind in STEPPED_KINDS and st.table.n_steps[
        :st.table.n_reform_rows][st.table.row_frame["schedule"].to_numpy() == n].max(initial=0) > 1]
    for group in [[n] for n in stepped] + ([stepped] if len(stepped) > 1 else []):
        reform, moved, top = one_step_up(recoster, group)
        delta = _difference(recoster.placed_costs(st.table, reform, prm, top)) - base
        rows.append(_row("one_step", group[0] if len(group) == 1 else ALL, moved, delta, full_index))
    return pl.DataFrame(rows, schema=SCHEMA)
