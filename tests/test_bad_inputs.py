"""The corpus of bad inputs: rosters (CSV, Parquet, Excel), scenarios, crosswalks, command-line values and stores.
Each case runs the regrade command as a user would (simulator.cli.main, in this process for speed; a few in a
child process below) and asserts: exit code 2, a message naming the file, the row or line, the column and the
value where there is one, no Python traceback, and nothing written (no output file, no store, no new run)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
import pytest

from simulator.cli import main

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).resolve().parent / "corpus"
HEADER = "employee_id,agency,class_code,grade,step,salary,pay_basis"
GOOD = "E1,Labor,0022,8,C,77.50,weekly"
SCENARIO = """name = "t"
old_plan = "cresap_1966"
effective_date = 1967-07-01
crosswalk = "cw.csv"
[schedules.NEW]
kind = "stepped"
basis = "weekly"
steps = ["A", "B", "C"]
grades = { "1" = [60.0, 63.0, 66.0], "2" = [70.0, 73.5, 77.0], "3" = [95.0, 100.0, 105.0] }
points = { "1" = [76, 90], "2" = [91, 120], "3" = [121, 200] }
[rules]
NEW = "closest_step"
"""
CROSSWALK = "class_code,schedule,grade,points\n0022,NEW,2,\n0820,NEW,3,\n"
PLACE = ["place", "--roster", "{tmp}/r.csv", "--scenario", "{tmp}/s.toml", "--out", "{tmp}/out.csv"]
RUN = ["run", "--roster", "{tmp}/r.csv", "--scenario", "{tmp}/s.toml", "--db", "{tmp}/r.duckdb"]


@dataclass
class Case:
    id: str
    category: str
    files: dict = field(default_factory=dict)  # name -> text, bytes, or a function(path) that writes it
    argv: list = field(default_factory=lambda: list(PLACE))
    expect: list = field(default_factory=list)  # fragments the error output must hold
    code: int = 2

    def write(self, tmp: Path) -> None:
        files = {"s.toml": SCENARIO, "cw.csv": CROSSWALK, "r.csv": f"{HEADER}\n{GOOD}\n", **self.files}
        for name, content in files.items():
            path = tmp / name
            if content is None:
                continue
            if callable(content):
                content(path)
            elif isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")


def roster(id_, rows, expect, header=HEADER, argv=None):
    """A roster case: the rows below the header, and the fragments of the error."""
    return Case(id_, "roster value", {"r.csv": header + "\n" + "\n".join(rows) + "\n"}, argv or list(PLACE),
                expect)


def scenario(id_, text, expect, crosswalk=CROSSWALK):
    return Case(id_, "scenario", {"s.toml": text, "cw.csv": crosswalk}, list(PLACE), expect)


def crosswalk(id_, content, expect):
    return Case(id_, "crosswalk", {"cw.csv": content}, list(PLACE), expect)


def cli(id_, argv, expect):
    return Case(id_, "command line", {}, argv, expect)


def _parquet(frame: pl.DataFrame):
    return lambda path: frame.write_parquet(path)


def _xlsx(rows):
    def write(path):
        import xlsxwriter

        with xlsxwriter.Workbook(str(path)) as book:
            ws = book.add_worksheet()
            for r, row in enumerate(rows):
                for c, v in enumerate(row):
                    ws.write(r, c, v)
    return write


R = "r.csv, row 2"
CASES = [
    # --- roster values: every column, every kind of wrong ---------------------------------------------------
    *[roster(f"blank-{col}", [",".join("" if h == col else v for h, v in zip(HEADER.split(","), GOOD.split(",")))],
             [f"{R}, column {col}: required value is blank"]) for col in ("employee_id", "agency", "class_code",
                                                                           "grade", "salary")],
    roster("duplicate-id", [GOOD, GOOD], ["r.csv, row 3, column employee_id: 'E1': employee_id is not unique"]),
    roster("id-too-long",
           ["E" * 300 + ",Labor,0022,8,C,77.50,weekly"], [f"{R}, column employee_id", "longer than 200"]),
    roster("salary-text",
           ["E1,Labor,0022,8,C,seventy,weekly"], [f"{R}, column salary: 'seventy': salary is not a number"]),
    roster("salary-nan", ["E1,Labor,0022,8,C,NaN,weekly"], [f"{R}, column salary: 'NaN'", "NaN or infinite"]),
    roster("salary-inf", ["E1,Labor,0022,8,C,inf,weekly"], [f"{R}, column salary: 'inf'", "NaN or infinite"]),
    roster("salary-negative", ["E1,Labor,0022,8,C,-77.50,weekly"], [f"{R}, column salary: '-77.50'", "negative"]),
    roster("salary-zero", ["E1,Labor,0022,8,C,0,weekly"], [f"{R}, column salary: '0'", "zero"]),
    roster("salary-zero-cents", ["E1,Labor,0022,8,C,0.00,weekly"], [f"{R}, column salary: '0.00'", "zero"]),
    roster("salary-three-decimals", ["E1,Labor,0022,8,C,77.505,weekly"], [f"{R}, column salary: '77.505'",
                                                                          "more than two decimals"]),
    roster("salary-decimal-comma", ['E1,Labor,0022,8,C,"64,00",weekly'], [f"{R}, column salary: '64,00'",
                                                                          "decimal comma"]),
    roster("salary-bad-grouping", ['E1,Labor,0022,8,C,"1,23,4",weekly'], [f"{R}, column salary: '1,23,4'"]),
    roster("salary-weekly-1e12",
           ["E1,Labor,0022,8,C,1000000000000,weekly"], [f"{R}, column salary", "above $200,000.00 a week"]),
    roster("salary-annual-too-big",
           ["E1,Labor,0022,8,C,20000000,annual"], [f"{R}, column salary", "above $10,000,000.00 a year"]),
    roster("salary-hourly-too-big",
           ["E1,Labor,0022,8,C,9000,hourly"], [f"{R}, column salary", "above $5,000.00 an hour"]),
    roster("salary-overflows-int64", ["E1,Labor,0022,8,C,99999999999999999999,weekly"],
           [f"{R}, column salary: '99999999999999999999'", "more than 13 digits"]),
    roster("salary-scientific", ["E1,Labor,0022,8,C,1e5,weekly"], [f"{R}, column salary: '1e5'"]),
    roster("salary-two-points", ["E1,Labor,0022,8,C,77.5.0,weekly"], [f"{R}, column salary: '77.5.0'"]),
    roster("pay-basis", ["E1,Labor,0022,8,C,77.50,monthly"], [f"{R}, column pay_basis: 'monthly'"]),
    *[roster(f"fte-{name}", [f"E1,Labor,0022,8,C,77.50,weekly,{v}"], [f"{R}, column fte: '{v}'"],
             header=HEADER + ",fte") for name, v in (("zero", "0"), ("above-one", "1.5"), ("negative", "-1"),
                                                     ("text", "half"), ("nan", "nan"))],
    roster("fte-decimal-comma", ['E1,Labor,0022,8,C,77.50,weekly,"0,5"'], [f"{R}, column fte: '0,5'"],
           header=HEADER + ",fte"),
    *[roster(f"weekly-hours-{name}", [f"E1,Labor,0022,8,C,77.50,weekly,{v}"],
             [f"{R}, column weekly_hours: '{v}': weekly_hours must be a number of hours from 0 to 100"],
             header=HEADER + ",weekly_hours") for name, v in (("negative", "-1"), ("above-100", "101"),
                                                              ("text", "forty"), ("nan", "NaN"))],
    *[roster(f"date-{col}-{name}", [f"E1,Labor,0022,8,C,77.50,weekly,{v}"], [f"{R}, column {col}: '{v}'",
                                                                              "YYYY-MM-DD"], header=HEADER + f",{col}")
      for col in ("hire_date", "birth_date", "class_entry_date")
      for name, v in (("month-13", "1960-13-01"), ("text", "last year"), ("us-order", "03/01/1960"))],
    roster("hire-in-the-future", ["E1,Labor,0022,8,C,77.50,weekly,1970-01-01"],
           [f"{R}, column hire_date", "after the scenario's effective date 1967-07-01"], header=HEADER + ",hire_date"),
    roster("birth-in-the-future", ["E1,Labor,0022,8,C,77.50,weekly,1990-01-01"],
           [f"{R}, column birth_date", "after the scenario's effective date"], header=HEADER + ",birth_date"),
    roster("hire-before-birth", ["E1,Labor,0022,8,C,77.50,weekly,1950-01-01,1940-01-01"],
           [f"{R}, column hire_date", "before birth_date"], header=HEADER + ",birth_date,hire_date"),
    roster("hired-at-ten", ["E1,Labor,0022,8,C,77.50,weekly,1940-01-01,1950-01-01"],
           [f"{R}, column hire_date", "before the age of 14"], header=HEADER + ",birth_date,hire_date"),
    roster("aged-120", ["E1,Labor,0022,8,C,77.50,weekly,1847-01-01"], [f"{R}, column birth_date"],
           header=HEADER + ",birth_date"),
    roster("aged-12", ["E1,Labor,0022,8,C,77.50,weekly,1956-01-01"], [f"{R}, column birth_date",
                                                                       "outside 14 to 100"],
                                                                       header=HEADER + ",birth_date"),
    *[roster(f"teacher-step-{v}", [f"E1,Labor,0022,8,C,77.50,weekly,{v}"], [f"{R}, column teacher_step: '{v}'"],
             header=HEADER + ",teacher_step") for v in ("0", "12", "x", "2.5")],
    roster("degree", ["E1,Labor,0022,8,C,77.50,weekly,phd"], [f"{R}, column degree: 'phd'"],
           header=HEADER + ",degree"),
    roster("board-certified", ["E1,Labor,0022,8,C,77.50,weekly,maybe"], [f"{R}, column board_certified: 'maybe'"],
           header=HEADER + ",board_certified"),
    roster("step-digit", ["E1,Labor,0022,8,3,77.50,weekly"], [f"{R}, column step: '3'"]),
    roster("unknown-grade",
           ["E1,Labor,0022,46,C,77.50,weekly"], [f"{R}, column grade: '46'", "unknown to the old plan"]),
    roster("unknown-step", ["E1,Labor,0022,1,A,77.50,weekly"], [f"{R}, column step: 'A'", "unknown to grade 1"]),
    roster("class-not-in-crosswalk", ["E1,Labor,7777,8,C,77.50,weekly"], [f"{R}, column class_code: '7777'"]),
    roster("class-lost-zeros", ["E1,Labor,22,8,C,77.50,weekly"], [f"{R}, column class_code: '22'",
                                                                  "did you mean '0022'"]),
    roster("many-classes-lost-zeros", [f"E{i},Labor,{c},8,C,77.50,weekly" for i, c in enumerate(["22", "820"] * 30)],
           ["60 errors in the input; nothing was written.\nerror: r.csv, column class_code: 60 rows (rows 2, 3, 4, "
            "5, 6, ...) have class codes that lost their leading zeros ('22' for '0022', '820' for '0820')",
            "Format the class_code column as text"]),
    roster("five-thousand-bad-rows", [f"E{i},Labor,0022,8,C,abc,weekly" for i in range(5000)],
           ["5,000 errors in the input (200 listed)", "and 4,800 more rows with the same problem"]),
    # --- roster files ---------------------------------------------------------------------------------------
    Case("roster-missing", "roster file", {"r.csv": None}, list(PLACE), ["r.csv: roster file not found"]),
    Case("roster-folder", "roster file", {"r.csv": lambda p: p.mkdir()}, list(PLACE), ["r.csv: is a folder"]),
    Case("roster-empty", "roster file", {"r.csv": ""}, list(PLACE), ["r.csv: is empty"]),
    Case("roster-header-only-place", "roster file", {"r.csv": HEADER + "\n"}, list(PLACE),
         ["r.csv: has a header and no rows"]),
    Case("roster-header-only-run", "roster file", {"r.csv": HEADER + "\n"}, list(RUN),
         ["r.csv: has a header and no rows"]),
    Case("roster-missing-column", "roster file", {"r.csv": "employee_id,agency,class_code,grade\nE1,L,0022,8\n"},
         list(PLACE), ["r.csv, column salary: required column is missing"]),
    Case("roster-too-many-fields", "roster file", {"r.csv": f"{HEADER}\n{GOOD},extra\n"}, list(PLACE),
         ["r.csv, line 2", "has 8 fields; the header has 7"]),
    Case("roster-too-few-fields", "roster file", {"r.csv": f"{HEADER}\nE1,Labor,0022\n"}, list(PLACE),
         ["r.csv, line 2: 'E1,Labor,0022': has 3 fields; the header has 7"]),
    Case("roster-blank-line", "roster file", {"r.csv": f"{HEADER}\n{GOOD}\n\nE2,Labor,0022,8,C,77.50,weekly\n"},
         list(PLACE), ["r.csv, line 3: is blank"]),
    Case("roster-quoted-ragged", "roster file", {"r.csv": f'{HEADER}\n"E1",Labor,0022,8,C,"7,7",weekly,x\n'},
         list(PLACE), ["r.csv, line 2", "has 8 fields"]),
    # a quote inside a quoted field (""), and a quoted field over two lines (the csv module reads those records)
    Case("roster-quoted-escaped", "roster file",
         {"r.csv": f'{HEADER}\nE1,"Labor ""A"", Dept",0022,8,C,77.50,weekly,x\n'}, list(PLACE),
         ["r.csv, line 2", "has 8 fields; the header has 7"]),
    Case("roster-stray-quotes", "roster file",  # quotes inside a field are its text, as the csv module reads them
         {"r.csv": f'{HEADER}\nE1,La"bor,De"pt,0022,8,C,77.50,weekly\n'}, list(PLACE),
         ["r.csv, line 2", "has 8 fields; the header has 7"]),
    Case("roster-quoted-blank-and-ragged", "roster file",
         {"r.csv": f'{HEADER}\nE1,"Labor, Dept",0022,8,C,77.50,weekly\n\nE2,Labor,0022,8,C,77.50,weekly,x\n'},
         list(PLACE), ["r.csv, line 3: is blank", "r.csv, line 4: 'E2,Labor,0022,8,C,77.50,weekly,x': has 8 fields; "
                       "the header has 7"]),
    Case("roster-quoted-multiline", "roster file",
         {"r.csv": f'{HEADER}\nE1,"Labor\nDept",0022,8,C,77.50,weekly\nE2,Labor\n'}, list(PLACE),
         ["r.csv, line 4: 'E2,Labor': has 2 fields; the header has 7"]),
    Case("roster-latin1", "roster file", {"r.csv": (HEADER + "\nE1,Caf\xe9,0022,8,C,77.50,weekly\n").encode("latin-1")},
         list(PLACE), ["r.csv: is not UTF-8 text"]),
    Case("roster-binary", "roster file", {"r.csv": bytes(range(256)) * 40}, list(PLACE), ["r.csv"]),
    Case("roster-one-huge-line", "roster file", {"r.csv": "x" * (2 << 20)}, list(PLACE),
         ["r.csv: the first line is longer than 1 MB"]),
    Case("roster-json", "roster file", {"r.csv": '{"employee_id": "E1"}\n'}, list(PLACE), ["r.csv", "required column"]),
    Case("roster-xlsx-not-excel", "roster file", {"r.xlsx": "just text"},
         ["place", "--roster", "{tmp}/r.xlsx", "--scenario", "{tmp}/s.toml", "--out", "{tmp}/out.csv"],
         ["r.xlsx: cannot be read as a roster"]),
    Case("roster-xlsx-bad-salary", "roster file", {"r.xlsx": _xlsx([HEADER.split(","), ["E1", "L", "0022", 8, "C",
                                                                                       -5, "weekly"]])},
         ["place", "--roster", "{tmp}/r.xlsx", "--scenario", "{tmp}/s.toml", "--out", "{tmp}/out.csv"],
         ["r.xlsx, row 2, column salary: '-5'"]),
    Case("roster-xlsx-lost-zeros", "roster file", {"r.xlsx": _xlsx([HEADER.split(","), ["E1", "L", 22, 8, "C",
                                                                                       77.5, "weekly"]])},
         ["place", "--roster", "{tmp}/r.xlsx", "--scenario", "{tmp}/s.toml", "--out", "{tmp}/out.csv"],
         ["r.xlsx, row 2, column class_code: '22'", "did you mean '0022'"]),
    Case("roster-parquet-corrupt", "roster file", {"r.parquet": b"PAR1 this is not parquet PAR1"},
         ["place", "--roster", "{tmp}/r.parquet", "--scenario", "{tmp}/s.toml", "--out", "{tmp}/out.csv"],
         ["r.parquet: cannot be read as a roster"]),
    Case("roster-parquet-struct", "roster file",
         {"r.parquet": _parquet(pl.DataFrame({"employee_id": ["E1"], "agency": [{"a": 1}], "class_code": ["0022"],
                                              "grade": ["8"], "salary": ["77.50"]}))},
         ["place", "--roster", "{tmp}/r.parquet", "--scenario", "{tmp}/s.toml", "--out", "{tmp}/out.csv"],
         ["r.parquet, column agency: holds Struct"]),
    Case("roster-parquet-no-rows", "roster file",
         {"r.parquet": _parquet(pl.DataFrame(schema={c: pl.String for c in HEADER.split(",")}))},
         ["place", "--roster", "{tmp}/r.parquet", "--scenario", "{tmp}/s.toml", "--out", "{tmp}/out.csv"],
         ["r.parquet: has a header and no rows"]),
    Case("roster-parquet-float-salary", "roster file",
         {"r.parquet": _parquet(pl.DataFrame({"employee_id": ["E1"], "agency": ["L"], "class_code": ["0022"],
                                              "grade": ["8"], "salary": [1e17], "pay_basis": ["weekly"]}))},
         ["place", "--roster", "{tmp}/r.parquet", "--scenario", "{tmp}/s.toml", "--out", "{tmp}/out.csv"],
         ["r.parquet, row 2, column salary"]),
    Case("roster-parquet-date-as-written", "roster value",
         {"r.parquet": _parquet(pl.DataFrame({"employee_id": ["E1"], "agency": ["L"], "class_code": ["0022"],
                                              "grade": ["8"], "step": ["C"], "salary": ["77.50"],
                                              "pay_basis": ["weekly"], "hire_date": [dt.date(2025, 7, 19)]}))},
         ["place", "--roster", "{tmp}/r.parquet", "--scenario", "{tmp}/s.toml", "--out", "{tmp}/out.csv"],
         ["r.parquet, row 2, column hire_date: 2025-07-19: after the scenario's effective date"]),
    # a Parquet file's dates and numbers are read as typed (issue 28: not cast to text and parsed back); their
    # problems are named as a CSV's are, and a fraction is still not a whole number
    Case("roster-parquet-typed-values", "roster value",
         {"r.parquet": _parquet(pl.DataFrame({"employee_id": ["E1"], "agency": ["L"], "class_code": ["0022"],
                                              "grade": ["8"], "step": ["C"], "salary": ["77.50"],
                                              "pay_basis": ["weekly"], "birth_date": [dt.date(1800, 1, 1)],
                                              "fte": [1.5], "weekly_hours": [120], "teacher_step": [2.5]}))},
         ["place", "--roster", "{tmp}/r.parquet", "--scenario", "{tmp}/s.toml", "--out", "{tmp}/out.csv"],
         ["r.parquet, row 2, column birth_date: 1800-01-01: date cannot be read",
          "r.parquet, row 2, column fte: 1.5: fte must be a number above 0",
          "r.parquet, row 2, column weekly_hours: 120: weekly_hours must be a number of hours from 0 to 100",
          "r.parquet, row 2, column teacher_step: '2.5': teacher_step must be a whole number 1 to 11"]),
    # --- scenarios ------------------------------------------------------------------------------------------
    scenario("scenario-no-schedules", SCENARIO.split("[schedules.NEW]")[0],
             ["column schedule: 'NEW': unknown schedule; the scenario defines no schedule"]),
    Case("scenario-missing", "scenario", {"s.toml": None}, list(PLACE), ["s.toml: scenario file not found"]),
    Case("scenario-folder", "scenario", {"s.toml": lambda p: p.mkdir()}, list(PLACE), ["s.toml: is a folder"]),
    scenario("scenario-empty", "", ["s.toml, column name: required key is missing"]),
    scenario("scenario-not-toml", "name = 'x'\nthis is not toml\n", ["s.toml: not valid TOML"]),
    Case("scenario-not-utf8", "scenario", {"s.toml": "name = 'caf\xe9'\n".encode("latin-1")}, list(PLACE),
         ["s.toml: is not UTF-8"]),
    scenario("scenario-unknown-key-hides-nothing", 'colour = "blue"\n' + SCENARIO + '[options]\nnext_pct = 150\n',
             ["s.toml, column colour: unknown key", "options.next_pct: 150"]),
    scenario("scenario-missing-keys", 'name = "t"\n', ["column old_plan: required key is missing",
                                                       "column crosswalk: required key is missing",
                                                       "column schedules: required key is missing"]),
    scenario("scenario-schedules-not-table", SCENARIO.split("[schedules.NEW]")[0] + 'schedules = 5\n',
             ["column schedules: 5: must be a table"]),
    scenario("scenario-unknown-builtin", SCENARIO + '[schedules.Z]\n', ["schedules.Z"]),
    scenario("scenario-old-plan-unknown", SCENARIO.replace('old_plan = "cresap_1966"', 'old_plan = "plan_1901"'),
             ["column old_plan: 'plan_1901': unknown schedule"]),
    scenario("scenario-kind", SCENARIO.replace('kind = "stepped"', 'kind = "ladder"'),
             ["schedules.NEW.kind: 'ladder'"]),
    scenario("scenario-basis", SCENARIO.replace('basis = "weekly"', 'basis = "monthly"'),
             ["schedules.NEW.basis: 'monthly'"]),
    scenario("scenario-grade-length", SCENARIO.replace('"1" = [60.0, 63.0, 66.0]', '"1" = [60.0, 63.0]'),
             ["schedules.NEW.grades.1", "needs one rate for each of the 3 steps"]),
    scenario("scenario-rate-text", SCENARIO.replace("60.0, 63.0", '"sixty", 63.0'),
             ["schedules.NEW.grades.1: 'sixty': not an amount of money"]),
    scenario("scenario-rate-1e17", SCENARIO.replace("60.0, 63.0", "1e17, 63.0"),
             ["schedules.NEW.grades.1: 1e+17", "not a rate of pay"]),
    scenario("scenario-rate-weekly-ceiling", SCENARIO.replace("60.0, 63.0", "250000.0, 263000.0"),
             ["schedules.NEW.grades.1: 250000.0", "above $200,000.00"]),
    scenario("scenario-rate-three-decimals", SCENARIO.replace("60.0, 63.0", "60.005, 63.0"),
             ["schedules.NEW.grades.1: 60.005: more than two decimals"]),
    scenario("scenario-rate-negative", SCENARIO.replace("60.0, 63.0", "-60.0, 63.0"),
             ["schedules.NEW.grades.1: -60.0: must not be negative"]),
    scenario("scenario-steps-decrease", SCENARIO.replace("60.0, 63.0, 66.0", "60.0, 66.0, 63.0"),
             ["schedules.NEW: grade 1: steps do not increase"]),
    scenario("scenario-points-overlap", SCENARIO.replace('"2" = [91, 120]', '"2" = [85, 120]'),
             ["point ranges overlap: grade 1 (76-90) and grade 2 (85-120)"]),
    scenario("scenario-points-bad", SCENARIO.replace('"2" = [91, 120]', '"2" = [91]'),
             ["schedules.NEW.points.2: [91]"]),
    scenario("scenario-months-bad",
             SCENARIO.replace('steps = ["A", "B", "C"]', 'steps = ["A", "B", "C"]\nmonths = [0, 12]'),
             ["schedules.NEW.months: [0, 12]"]),
    scenario("scenario-unknown-rule", SCENARIO.replace('NEW = "closest_step"', 'NEW = "magic"'),
             ["rules.NEW: 'magic': unknown rule"]),
    scenario("scenario-rule-wrong-kind", SCENARIO.replace('NEW = "closest_step"', 'NEW = "quarter_points"'),
             ["rules.NEW: 'quarter_points': rule quarter_points needs a quarter_points schedule"]),
    scenario("scenario-rule-unknown-schedule",
             SCENARIO + 'Z = "closest_step"\n', ["rules.Z: 'closest_step': unknown schedule"]),
    scenario("scenario-unknown-option", SCENARIO + "[options]\ncolour = 1\n", ["options.colour: unknown option"]),
    scenario("scenario-max-raise-negative", SCENARIO + "[options]\nsingle_rate_max_raise = -2000\n",
             ["options.single_rate_max_raise: -2000: must not be negative"]),
    scenario("scenario-max-raise-text", SCENARIO + '[options]\nsingle_rate_max_raise = "lots"\n',
             ["options.single_rate_max_raise: 'lots'"]),
    scenario("scenario-lower-grade",
             SCENARIO + '[options]\nhay_lower_grade = "up"\n', ["options.hay_lower_grade: 'up'"]),
    scenario("scenario-next-pct", SCENARIO + "[options]\nnext_pct = 150\n", ["options.next_pct: 150"]),
    scenario("scenario-next-pct-bool", SCENARIO + "[options]\nnext_pct = true\n", ["options.next_pct: true"]),
    scenario("scenario-premiums-type", SCENARIO + "[options]\nspecial_premiums = 3\n", ["options.special_premiums: 3"]),
    scenario("scenario-premiums-code", SCENARIO + '[options.special_premiums]\neducation_specialists = ["9999"]\n',
             ["options.special_premiums.education_specialists: '9999': class code is not in the crosswalk"]),
    scenario("scenario-groups-not-list", 'groups = "all"\n' + SCENARIO,
             ["column groups: 'all'"]),
    scenario("scenario-group-unknown-key", SCENARIO + '[[groups]]\nmatch = { agency = ["L"] }\ncolour = 1\n',
             ["groups[1].colour: unknown key"]),
    scenario("scenario-group-no-match", SCENARIO + '[[groups]]\nexclude = true\n', ["groups[1].match"]),
    scenario("scenario-group-match-field", SCENARIO + '[[groups]]\nmatch = { salary = ["1"] }\n',
             ["groups[1].match.salary"]),
    scenario("scenario-group-match-empty", SCENARIO + '[[groups]]\nmatch = { agency = [] }\n',
             ["groups[1].match.agency: []"]),
    scenario("scenario-group-rule", SCENARIO + '[[groups]]\nmatch = { agency = ["L"] }\nrule = "magic"\n',
             ["groups[1].rule: 'magic'"]),
    scenario("scenario-group-cap-pct", SCENARIO + '[[groups]]\nmatch = { agency = ["L"] }\ncap_pct = 200\n',
             ["groups[1].cap_pct: 200"]),
    scenario("scenario-group-exclude-text", SCENARIO + '[[groups]]\nmatch = { agency = ["L"] }\nexclude = "yes"\n',
             ["groups[1].exclude: 'yes': true or false"]),
    scenario("scenario-projection-unknown", SCENARIO + "[projection]\ncolour = 1\n",
             ["projection.colour: unknown projection parameter"]),
    scenario("projection-key-misspelt", SCENARIO + "[projection]\nvacancy_month = 2\n",
             ["projection.vacancy_month: unknown projection parameter; did you mean vacancy_months? The parameters "
              "are", "separation_rates"]),
    scenario("scenario-projection-probability", SCENARIO + "[projection]\nretire_probability = 2\n",
             ["projection.retire_probability: 2"]),
    scenario("scenario-projection-merit-factor", SCENARIO + "[projection]\nmerit_budget_factor = 0.5\n",
             ["projection.merit_budget_factor: 0.5"]),
    scenario("scenario-projection-gi-year", SCENARIO + '[projection]\ngeneral_increases = [{ schedule = "NEW", '
             'year = 0, pct = 3.0 }]\n', ["projection.general_increases[1].year: 0"]),
    scenario("scenario-overtime-rule", SCENARIO + '[overtime]\nrule = "double"\nweekly_hours = { "X" = 200 }\n',
             ["overtime.rule: 'double'", "overtime.weekly_hours.X: 200"]),
    scenario("scenario-projection-promotion-rate", SCENARIO + '[projection]\npromotion_rate = 1.5\n',
             ["projection.promotion_rate", "1.5"]),
    scenario("scenario-projection-reclassification-rate", SCENARIO + '[projection]\nreclassification_rate = -0.1\n',
             ["projection.reclassification_rate", "-0.1"]),
    scenario("scenario-projection-moves-over-one", SCENARIO + '[projection]\npromotion_rate = 0.6\n'
             'reclassification_rate = 0.6\n', ["projection.reclassification_rate: 1.2", "the same positions in a year",
                                               "at most 1 in all"]),
    scenario("scenario-projection-rif-shape", SCENARIO + '[projection]\nreductions_in_force = [{ agency = "A" }]\n',
             ["projection.reductions_in_force[1]", "{ agency, year, share }"]),
    scenario("scenario-projection-rif-values", SCENARIO + '[projection]\nreductions_in_force = [{ agency = "A", '
             'year = 0, share = 1.5, month = 13 }]\nrif_budget = "halved"\n',
             ["projection.reductions_in_force[1].year: 0", "projection.reductions_in_force[1].share: 1.5",
              "projection.reductions_in_force[1].month: 13", "projection.rif_budget: 'halved'"]),
    scenario("scenario-projection-hire-shares", SCENARIO + '[projection]\nhire_share_trainee = 0.9\n',
             ["projection.hire_share_trainee", "at most 1 in all"]),
    scenario("scenario-projection-gi-shape", SCENARIO + '[projection]\ngeneral_increases = [{ pct = 3.0 }]\n',
             ["projection.general_increases[1]", "{ schedule, year, pct }"]),
    scenario("scenario-projection-separations", SCENARIO + "[projection]\nseparation_rates = [[30, 2.0]]\n",
             ["projection.separation_rates"]),
    scenario("scenario-projection-ratings", SCENARIO + "[projection]\nrating_shares = [0.5, 0.5, 0.5]\n",
             ["projection.rating_shares"]),
    scenario("scenario-projection-teachers", SCENARIO + '[projection]\nteacher_baseline = "up"\n',
             ["projection.teacher_baseline: 'up'"]),
    # --- retirement plans, benefits, funds (scenario data of any state) -------------------------------------
    scenario("retirement-unknown-builtin", SCENARIO + '[retirement]\nplans = "calpers"\n',
             ["retirement.plans: 'calpers': unknown built-in plans", "maine_msrs_1975"]),
    scenario("retirement-plan-without-a-door", SCENARIO + '[retirement.plans.pers]\nnote = "x"\n',
             ["retirement.plans.pers", "at least one of age, service, age_and_service, rule_of"]),
    scenario("retirement-tier-without-date", SCENARIO + "[retirement.plans.pers]\ntiers = [{ age = 60 }, "
             "{ age = 65 }]\n", ["retirement.plans.pers.tiers[1].hired_before", "each tier but the last"]),
    scenario("retirement-rule-of-out-of-range", SCENARIO + "[retirement.plans.pers]\nrule_of = 300\n",
             ["retirement.plans.pers.rule_of: 300: rule_of must be a number from 40 to 130"]),
    scenario("retirement-unknown-default", SCENARIO + '[retirement]\ndefault_plan = "tier9"\n'
             "[retirement.plans.pers]\nage = 60\n", ["retirement.default_plan: 'tier9': unknown plan"]),
    scenario("benefit-negative-rate", SCENARIO + "[benefits.fica]\npct = -6.2\n",
             ["benefits.fica.pct: -6.2: pct must be a number from 0 to 100"]),
    scenario("benefit-two-kinds", SCENARIO + "[benefits.x]\npct = 1.0\nper_fte = 100\n",
             ["benefits.x", "give one of pct"]),
    scenario("benefit-negative-per-fte", SCENARIO + "[benefits.health]\nper_fte = -5\n",
             ["benefits.health.per_fte: -5: must not be negative"]),
    scenario("benefit-cap-on-flat", SCENARIO + "[benefits.health]\nper_fte = 9000\nwage_cap = 5000\n",
             ["benefits.health.wage_cap: 5000: a wage cap applies to a percent of pay"]),
    scenario("benefit-unknown-plan", SCENARIO + "[benefits.pension]\npct = 10.0\nby_plan = { tier9 = 12.0 }\n",
             ["benefits.pension.by_plan.tier9: unknown retirement plan"]),
    scenario("separation-band-with-service", SCENARIO + "[projection]\nseparation_rates = [[30, -1, 0.1]]\n",
             ["projection.separation_rates", "[age below, years of service below, rate]"]),
    scenario("retirement-and-benefits-all-at-once", SCENARIO + '[retirement]\nplans = "calpers"\n'
             "[benefits.fica]\npct = 600\n[benefits.health]\nper_fte = -1\n",
             ["retirement.plans: 'calpers'", "benefits.fica.pct: 600", "benefits.health.per_fte: -1"]),
    roster("fund-shares-not-one", ["E1,Labor,0022,8,C,77.50,weekly,general:0.6;federal:0.3"],
           ["r.csv, row 2, column fund: 'general:0.6;federal:0.3': the shares add up to 0.9, not 1"],
           header=HEADER + ",fund"),
    roster("fund-share-not-a-number", ["E1,Labor,0022,8,C,77.50,weekly,general:most;federal:0.4"],
           ["column fund", "the share of general ('most') is not a number"], header=HEADER + ",fund"),
    Case("retirement-plan-unknown-in-roster", "roster value",
         {"s.toml": SCENARIO + "[retirement.plans.pers]\nage = 60\n",
          "r.csv": HEADER + ",retirement_plan\nE1,Labor,0022,8,C,77.50,weekly,pers\nE2,Labor,0022,8,C,77.50,weekly,"
                   "tier9\n"},
         list(RUN), ["r.csv, row 3, column retirement_plan: 'tier9': unknown retirement plan (the scenario's: pers)"]),
    scenario("scenario-effective-date", SCENARIO.replace("effective_date = 1967-07-01", 'effective_date = "July"'),
             ["column effective_date: 'July'"]),
    scenario("scenario-name-not-text", SCENARIO.replace('name = "t"', "name = 5"), ["column name: 5: must be text"]),
    # --- crosswalks -----------------------------------------------------------------------------------------
    Case("crosswalk-missing", "crosswalk", {"cw.csv": None}, list(PLACE), ["cw.csv: crosswalk file not found"]),
    Case("crosswalk-folder", "crosswalk", {"cw.csv": lambda p: p.mkdir()}, list(PLACE), ["cw.csv: is a folder"]),
    crosswalk("crosswalk-empty", "", ["cw.csv: is empty"]),
    crosswalk("crosswalk-not-utf8", "class_code,schedule,grade\n0022,N\xc9W,2\n".encode("latin-1"),
              ["cw.csv: is not UTF-8"]),
    crosswalk("crosswalk-not-a-crosswalk", HEADER + "\n" + GOOD + "\n", ["cw.csv: is not a crosswalk"]),
    crosswalk("crosswalk-header-only", "class_code,schedule,grade\n", ["cw.csv: has a header and no rows"]),
    crosswalk("crosswalk-ragged", "class_code,schedule,grade\n0022,NEW\n", ["cw.csv, line 2", "has 2 fields"]),
    crosswalk("crosswalk-duplicate", "class_code,schedule,grade\n0022,NEW,2\n0022,NEW,3\n",
              ["cw.csv, row 3, column class_code: '0022': class_code is not unique"]),
    crosswalk("crosswalk-blank-code", "class_code,schedule,grade\n,NEW,2\n0022,NEW,2\n",
              ["cw.csv, row 2, column class_code: class_code is blank"]),
    crosswalk("crosswalk-unknown-schedule", "class_code,schedule,grade\n0022,Z,2\n",
              ["cw.csv, row 2, column schedule: 'Z': unknown schedule"]),
    crosswalk("crosswalk-unknown-grade", "class_code,schedule,grade\n0022,NEW,9\n",
              ["cw.csv, row 2, column grade: '9': unknown grade"]),
    crosswalk("crosswalk-unknown-rule", "class_code,schedule,grade,rule\n0022,NEW,2,magic\n",
              ["cw.csv, row 2, column rule: 'magic'"]),
    crosswalk("crosswalk-bad-points", "class_code,schedule,grade,points\n0022,NEW,,12.5\n",
              ["cw.csv, row 2, column points: '12.5'"]),
    crosswalk("crosswalk-points-outside", "class_code,schedule,grade,points\n0022,NEW,,500\n",
              ["cw.csv, row 2, column points: '500': outside every point range"]),
    crosswalk("crosswalk-no-grade-no-points", "class_code,schedule,grade,points\n0022,NEW,,\n",
              ["cw.csv, row 2, column grade: give a grade, or points"]),
    # --- problems of several files, all at once --------------------------------------------------------------
    Case("all-files-at-once", "several files", {"s.toml": 'colour = "red"\n' + SCENARIO,
                                                 "cw.csv": "class_code,schedule,grade\n0022,Z,2\n",
                                                 "r.csv": f"{HEADER}\nE1,Labor,0022,8,C,abc,weekly\n"},
         list(PLACE), ["s.toml, column colour: unknown key", "cw.csv, row 2, column schedule: 'Z'",
                       "r.csv, row 2, column salary: 'abc'"]),
    # --- the command line -----------------------------------------------------------------------------------
    *[cli(f"years-{v}", RUN[:-2] + ["--years", v, "--db", "{tmp}/r.duckdb"], ["--years", f"'{v}'"])
      for v in ("0", "51", "abc", "2.5", "-3")],
    *[cli(f"replicas-{v}", RUN + ["--replicas", v], ["--replicas", f"'{v}'"]) for v in ("-1", "10001",
                                                                                       "1000000000")],
    *[cli(f"seed-{v}", RUN + ["--seed", v], ["--seed", f"'{v}'"]) for v in ("-1", "18446744073709551616",
                                                                           "9" * 40)],
    cli("size-zero", ["roster", "generate", "--era", "1975", "--size", "0", "--out", "{tmp}/g.csv"], ["--size", "'0'"]),
    cli("size-huge", ["roster", "generate", "--era", "1975", "--size", "100000000", "--out", "{tmp}/g.csv"],
        ["--size"]),
    cli("port-80", ["serve", "--port", "80", "--db", "{tmp}/none.duckdb"], ["--port", "'80'"]),
    cli("place-out-xlsx", PLACE[:-1] + ["{tmp}/out.xlsx"], ["--out must end in .parquet or .csv"]),
    cli("export-run-zero", ["export", "0", "--format", "csv", "--out", "{tmp}/x", "--db", "{tmp}/r.duckdb"],
        ["the run id", "'0'"]),
    cli("compare-not-a-number", ["compare", "one", "--db", "{tmp}/r.duckdb"], ["a run id", "'one'"]),
    # --- stores ---------------------------------------------------------------------------------------------
    cli("db-folder", RUN[:-1] + ["{tmp}"], ["is a folder: give --db a file"]),
    cli("db-missing-folder", RUN[:-1] + ["{tmp}/nowhere/r.duckdb"], ["the folder", "nowhere", "does not exist"]),
    Case("db-not-duckdb", "store", {"x.duckdb": "not a database"}, RUN[:-1] + ["{tmp}/x.duckdb"],
         ["x.duckdb is not a regrade store: it is a text file (a CSV?)"]),
    cli("runs-no-store", ["runs", "--db", "{tmp}/none.duckdb"], ["no store at"]),
    cli("report-no-store", ["report", "--run", "1", "--db", "{tmp}/none.duckdb", "--out", "{tmp}/r.html"],
        ["no store at"]),
    cli("runs-db-folder", ["runs", "--db", "{tmp}"], ["is a folder"]),
]

# the shipped corpus files, each with the message it must give
STATIC_ROSTERS = {
    "duplicate_id.csv": "row 3, column employee_id: 'E1': employee_id is not unique (first on row 2)",
    "unknown_grade.csv": "row 2, column grade: '46': grade is unknown to the old plan",
    "unknown_step.csv": "row 2, column step: 'A': step is unknown to grade 1 of the old plan",
    "negative_salary.csv": "row 2, column salary: '-77.50': salary is negative",
    "nan_salary.csv": "row 2, column salary: 'NaN': salary is not a number",
    "text_salary.csv": "row 2, column salary: 'seventy': salary is not a number",
    "three_decimals.csv": "row 2, column salary: '77.505': salary is more than two decimals",
    "bad_date.csv": "row 2, column hire_date: '1960-13-45': date cannot be read",
    "missing_column.csv": "column salary: required column is missing",
    "class_not_in_crosswalk.csv": "row 2, column class_code: '7777': class code is missing",
    "bad_pay_basis.csv": "row 2, column pay_basis: 'monthly': pay_basis must be one of",
    "bad_fte.csv": "row 2, column fte: '1.5': fte must be a number above 0 and at most 1",
    "blank_required.csv": "row 2, column employee_id: required value is blank",
    "teacher_without_step.csv": "row 2, column teacher_step: teacher_step is needed",
    "many_problems.csv": "row 3, column grade: '99': grade is unknown",
}
STATIC_SCENARIOS = {
    "unknown_schedule.toml": "column schedules.A: 'cresap_schedule_z': unknown schedule",
    "unknown_rule.toml": "column rules.A: 'cresap_magic': unknown rule",
    "crosswalk_unknown_grade.toml": "bad-crosswalk.csv, row 2, column grade: '28': unknown grade of schedule A",
    "negative_rate.toml": "column schedules.A.grades.1: -57: must not be negative",
    "steps_not_increasing.toml": "column schedules.A: grade 1: steps do not increase (57.00, 60.00, 59.00)",
    "overlapping_points.toml": "point ranges overlap: grade 1 (76-90) and grade 2 (85-100)",
    "parameter_out_of_range.toml": "options.next_pct: 150: next_pct must be a number from 0 to 100",
    "unknown_key.toml": "column colour: unknown key",
    "not_toml.toml": "not_toml.toml: not valid TOML",
    "rule_wrong_kind.toml": "rules.A: 'quarter_points': rule quarter_points needs a quarter_points schedule",
}
CRESAP = ROOT / "scenarios" / "cresap-1967.toml"
for _name, _want in STATIC_ROSTERS.items():
    CASES.append(Case(f"static-{_name}", "roster value (shipped file)", {},
                      ["place", "--roster", str(CORPUS / "bad_rosters" / _name), "--scenario", str(CRESAP), "--out",
                       "{tmp}/out.csv"], [f"{_name}, {_want}" if not _want.startswith("column") else
                                          f"{_name}, {_want}"]))
for _name, _want in STATIC_SCENARIOS.items():
    CASES.append(Case(f"static-{_name}", "scenario (shipped file)", {},
                      ["place", "--roster", "{tmp}/r.csv", "--scenario", str(CORPUS / "bad_scenarios" / _name),
                       "--out", "{tmp}/out.csv"], [_want]))


def test_the_corpus_is_large_and_covers_every_kind():
    kinds = {}
    for case in CASES:
        kinds[case.category] = kinds.get(case.category, 0) + 1
    assert len(CASES) >= 120, len(CASES)
    assert {"roster value", "roster file", "scenario", "crosswalk", "command line", "store", "several files"} <= set(
        kinds), kinds
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_a_bad_input_is_a_named_error_and_nothing_is_written(case, tmp_path, capsys):
    case.write(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    argv = [a.format(tmp=tmp_path) for a in case.argv]
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse: a bad command-line value
        code = exc.code
    out, err = capsys.readouterr()
    assert code == case.code, err
    for fragment in case.expect:
        assert fragment in err, f"{fragment!r} not in:\n{err}"
    assert "Traceback" not in out + err
    assert sorted(p.name for p in tmp_path.iterdir()) == before, "something was written"
    assert len(err) < 20_000 or "more rows with the same problem" in err


def regrade(*args, env=None, cwd=None):
    return subprocess.run([sys.executable, "-m", "simulator", *args], capture_output=True, text=True, timeout=300,
                          cwd=cwd or ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})


@pytest.mark.parametrize("case", [c for c in CASES if c.id in ("roster-header-only-run", "years-0",
                                                               "db-not-duckdb", "all-files-at-once")],
                         ids=lambda c: c.id)
def test_as_a_user_runs_it_in_a_fresh_process(case, tmp_path):
    case.write(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    run = regrade(*[a.format(tmp=tmp_path) for a in case.argv])
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr + run.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_a_salary_that_does_not_match_its_step_is_a_warning_not_an_error(tmp_path):
    from simulator.placement import place

    roster = tmp_path / "r.csv"
    roster.write_text(f"{HEADER}\nE1,Labor,0022,8,C,78.00,weekly\n")
    result = place(roster, CRESAP)
    assert result.frame.height == 1
    assert [str(w) for w in result.warnings] == [
        "warning: r.csv, row 2, column salary: '78.00': does not match grade 8 step C of the old plan "
        "($77.50 a week)"]


def test_an_implausible_salary_is_a_counted_warning(tmp_path):
    from simulator.placement import place

    roster = tmp_path / "r.csv"
    roster.write_text(f"{HEADER}\nE1,Labor,0022,8,,2.00,weekly\nE2,Labor,0022,8,,3.00,weekly\n")
    warnings = [w for w in place(roster, CRESAP).warnings if "outside $500.00 to $500,000.00 a year" in str(w)]
    assert len(warnings) == 1 and warnings[0].count == 2 and "first on row 2" in str(warnings[0])


def test_an_internal_error_is_one_line_and_a_log(tmp_path, monkeypatch, capsys):
    import simulator.cli as cli

    def broken(args):
        raise RuntimeError("something regrade did not foresee")

    monkeypatch.setattr(cli, "cmd_runs", broken)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    code = cli.main(["runs", "--db", str(tmp_path / "x.duckdb")])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert "internal error" in err and "RuntimeError: something regrade did not foresee" in err
    log = next(tmp_path.glob("regrade-error-*.log"))
    assert "Traceback" in log.read_text() and "something regrade did not foresee" in log.read_text()
