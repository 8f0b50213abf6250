"""Writes the invented example's roster, scenarios/examplia-roster.xlsx: 300 SYNTHETIC employees of the State of
Examplia, an imaginary state (no row is a real person, no figure a real plan's). Deterministic: running it again
writes the same rows. Run: python -m scenarios.build_examplia

The old plan's rates are those of scenarios/examplia-2027.toml ([old_plan]); each person is on a step of their
grade, at that step's rate exactly."""

from __future__ import annotations

import datetime as dt
import sys
import tomllib
from pathlib import Path

import numpy as np
import polars as pl

HERE = Path(__file__).resolve().parent
OUT = HERE / "examplia-roster.xlsx"
N = 300
CLASSES = [  # class code, title, old grade, agency
    ("EX101", "Office Assistant", "10", "Revenue"), ("EX102", "Tax Examiner", "12", "Revenue"),
    ("EX201", "Caseworker", "12", "Health"), ("EX202", "Public Health Nurse", "13", "Health"),
    ("EX203", "Program Manager", "14", "Health"), ("EX301", "Highway Worker", "10", "Transportation"),
    ("EX302", "Civil Engineer", "13", "Transportation"), ("EX401", "Trooper", "12", "Public Safety"),
    ("EX402", "Sergeant", "13", "Public Safety"), ("EX501", "Accountant", "11", "Finance"),
]
DIRECTOR = ("EX601", "Agency Director", "20", "Finance")  # paid above the Social Security wage base
FUND = {"Health": "general:0.6;federal:0.4", "Transportation": "highway"}
UNIT = {"Public Safety": "troopers"}


def roster() -> pl.DataFrame:
    plan = tomllib.loads((HERE / "examplia-2027.toml").read_text())["old_plan"]
    rng = np.random.default_rng(2027)
    cls = rng.integers(0, len(CLASSES), N)
    steps = rng.integers(1, len(plan["steps"]) + 1, N)
    age_at_hire = rng.integers(21, 45, N)
    hired = [dt.date(1988, 1, 1) + dt.timedelta(days=int(d)) for d in rng.integers(0, 14000, N)]
    fte = rng.choice([1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.75, 0.5], N)
    rows = []
    for i in range(N):
        code, title, grade, agency = DIRECTOR if i % 50 == 0 else CLASSES[cls[i]]
        step = int(steps[i])
        hire = min(hired[i], dt.date(2027, 6, 1))
        age = min(int(age_at_hire[i]), 66 - (2027 - hire.year))  # at most 66 on 1 July 2027
        birth = dt.date(hire.year - age, 1 + i % 12, 1 + i % 28)
        rows.append({
            "employee_id": f"EX-{i + 1:04d}", "agency": agency, "class_code": code, "class_title": title,
            "grade": grade, "step": str(step), "salary": float(plan["grades"][grade][step - 1]),
            "pay_basis": "annual", "fte": float(fte[i]), "birth_date": birth, "hire_date": hire,
            "retirement_plan": "public_safety" if agency == "Public Safety" else None,
            "bargaining_unit": UNIT.get(agency, "general"), "fund": FUND.get(agency, "general"),
        })
    return pl.DataFrame(rows)


def main() -> int:
    frame = roster()
    frame.write_excel(OUT, worksheet="roster", autofit=True)
    print(f"Wrote {OUT.name}: {frame.height} SYNTHETIC employees of the invented State of Examplia")
    return 0


if __name__ == "__main__":
    sys.exit(main())
