"""Transcribe the seed documents' tables into tidy CSVs under ``data/tables/``.

This script is the record of how every number in ``data/`` was read. Values are typed in by hand from
the OCR text in ``../shared/seeds/`` (or parsed, for the long Appendix B class list); the script then
*locates* each printed row in the seed text and refuses to write anything if a printed value cannot be
found on the line it cites. Run it after changing a transcription:

    python data/build_tables.py

Every row written carries ``source_file``, ``source_table``, ``source_line``, ``provenance``
(``printed`` / ``reconstructed`` / ``assumed``) and a ``note``. Money is written as exact decimal strings
(no ``$``, no thousands separators), as printed. Reconstructed and assumed values are explained in
``data/ASSUMPTIONS.md``.
"""

from __future__ import annotations

import csv
import re
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "tables"
SEEDS = HERE.parent.parent / "shared" / "seeds"

CRESAP = "cresap-1967-proposed-salary-plan.txt"
HAY = "hay-1975-classification-compensation-study.txt"
MMS = "mms-classification-series.txt"

META = ["source_file", "source_table", "source_line", "provenance", "note"]


def tokens(line: str) -> set[str]:
    """The value tokens of one seed line: ``$`` and thousands commas dropped, ``57-`` read as ``57``."""
    s = line.replace("\\$", " ").replace("$", " ")
    s = re.sub(r"(?<=\d),(?=\d{3})", "", s)
    return set(re.findall(r"[A-Za-z0-9]+(?:\.\d+)?%?", s))


class Seed:
    def __init__(self, name: str):
        self.name = name
        self.lines = (SEEDS / name).read_text(encoding="utf-8").split("\n")

    def find(self, lo: int, hi: int, *want: str) -> int:
        """First line in [lo, hi] (1-based) whose tokens include every one of ``want``."""
        for n in range(lo, hi + 1):
            if set(want) <= tokens(self.lines[n - 1]):
                return n
        raise LookupError(f"{self.name}: lines {lo}-{hi} hold no line with all of {want}")

    def find_unique(self, text: str) -> int:
        """The one line of the whole document that contains ``text``."""
        hits = [n for n, line in enumerate(self.lines, 1) if text in line]
        if len(hits) != 1:
            raise LookupError(f"{self.name}: {text!r} is on lines {hits}, not on exactly one")
        return hits[0]

    def find_text(self, lo: int, hi: int, text: str) -> int:
        for n in range(lo, hi + 1):
            if text in self.lines[n - 1]:
                return n
        raise LookupError(f"{self.name}: lines {lo}-{hi} do not contain {text!r}")


class Table:
    """Rows of one CSV, each with its provenance columns."""

    def __init__(self, name: str, seed: Seed, source_table: str, columns: list[str]):
        self.name, self.seed, self.source_table, self.columns = name, seed, source_table, columns
        self.rows: list[dict] = []

    def add(self, values: dict, line: int, provenance: str = "printed", note: str = "", table: str = ""):
        assert provenance in ("printed", "reconstructed", "assumed"), provenance
        assert set(values) == set(self.columns), (self.name, set(values) ^ set(self.columns))
        row = {k: "" if v is None else str(v) for k, v in values.items()}
        row.update(source_file=self.seed.name, source_table=table or self.source_table,
                   source_line=line, provenance=provenance, note=note)
        self.rows.append(row)

    def write(self, out: Path = OUT):
        out.mkdir(exist_ok=True)
        with open(out / f"{self.name}.csv", "w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=self.columns + META, lineterminator="\n")
            w.writeheader()
            w.writerows(self.rows)
        return len(self.rows)


def d(s: str) -> Decimal:
    return Decimal(s)


def money(x: Decimal) -> str:
    """Decimal dollars as written in data/: whole dollars bare, otherwise two decimals."""
    x = Decimal(x)
    return str(int(x)) if x == x.to_integral_value() else f"{x:.2f}"


# ----------------------------------------------------------------------------------------------------
# Cresap, McCormick and Paget, 1967
# ----------------------------------------------------------------------------------------------------

# The plan in force: 12/25/65 ranges and the January 1966 steps (interim-action table, lines 1051-1103).
# grade: (min, mid, max, [A, B, C, D, E] with None where the grade has no such step, increase, employees, cost)
PLAN_1966 = {
    1: ("50", "52.50", "55", [None, None, "55", "58", "61"], "6.50", "28", "182"),
    2: ("50", "54", "58", [None, "55", "58", "61", "64"], "5.50", "202", "1111"),
    3: ("50", "55", "61", ["55", "58", "61", "64", "67"], "6", "373", "2238"),
    4: ("52.50", "58", "64", ["58", "61", "64", "67", "70.50"], "6", "77", "462"),
    5: ("55", "61", "67", ["61", "64", "67", "70.50", "74"], "6", "874", "5244"),
    6: ("58", "64", "70.50", ["64", "67", "70.50", "74", "77.50"], "6.50", "267", "1735.50"),
    7: ("61", "67", "74", ["67", "70.50", "74", "77.50", "81.50"], "7", "928", "6496"),
    8: ("64", "70.50", "77.50", ["70.50", "74", "77.50", "81.50", "85.50"], "7", "494", "3458"),
    9: ("67", "74", "81.50", ["74", "77.50", "81.50", "85.50", "90"], "7.50", "557", "4177.50"),
    10: ("70.50", "77.50", "85.50", ["77.50", "81.50", "85.50", "90", "94.50"], "8", "279", "2232"),
    11: ("74", "81.50", "90", ["81.50", "85.50", "90", "94.50", "99"], "8.50", "454", "3859"),
    12: ("77.50", "85.50", "94.50", ["85.50", "90", "94.50", "99", "104"], "9", "213", "1917"),
    13: ("81.50", "90", "99", ["90", "94.50", "99", "104", "109"], "9", "117", "1053"),
    14: ("85.50", "94.50", "104", ["94.50", "99", "104", "109", "114.50"], "9.50", "304", "2888"),
    15: ("90", "98", "109", ["99", "104", "109", "114.50", "120"], "10", "731", "7310"),
    16: ("94.50", "104", "114.50", ["104", "109", "114.50", "120", "126"], "10.50", "364", "3822"),
    17: ("99", "109", "120", ["109", "114.50", "120", "126", "132.50"], "11", "230", "2530"),
    18: ("104", "114.50", "126", ["114.50", "120", "126", "132.50", "139"], "11.50", "160", "1840"),
    19: ("109", "120", "132.50", ["120", "126", "132.50", "139", "146"], "12.50", "136", "1700"),
    20: ("114.50", "126", "139", ["126", "132.50", "139", "146", "153.50"], "13", "227", "2951"),
    21: ("120", "132.50", "146", ["132.50", "139", "146", "153.50", "161"], "13.50", "128", "1728"),
    22: ("126", "139", "153.50", ["139", "146", "153.50", "161", "169"], "14.50", "120", "1740"),
    23: ("132.50", "146", "161", ["146", "153.50", "161", "169", "177.50"], "15", "94", "1410"),
    24: ("139", "153.50", "169", ["153.50", "161", "169", "177.50", "186.50"], "15.50", "76", "1178"),
    25: ("146", "161", "177.50", ["161", "169", "177.50", "186.50", "196"], "16.50", "85", "1402.50"),
    26: ("153.50", "169", "186.50", ["165", "174", "183", "192", "201"], "14", "133", "1862"),
    27: ("161", "177.50", "196", ["169", "177.50", "186.50", "196", "206"], "9", "22", "198"),
    28: ("169", "186.50", "206", ["177.50", "186.50", "196", "206", "216.50"], "9.50", "18", "171"),
    29: ("177.50", "196", "216.50", ["186.50", "196", "206", "216.50", "227.50"], "10", "3", "30"),
    30: ("186.50", "206", "227.50", ["196", "206", "216.50", "227.50", "239"], "10.50", "47", "493.50"),
    31: ("196", "216.50", "239", ["206", "216.50", "227.50", "239", "251"], "11", "3", "33"),
    32: ("206", "227.50", "251", ["216.50", "227.50", "239", "251", "263.50"], "11.50", "18", "207"),
    33: ("216.50", "239", "263.50", ["227.50", "239", "251", "263.50", "276.50"], "12", "13", "156"),
    34: ("227.50", "251", "276.50", ["239", "251", "263.50", "276.50", "290.50"], "12.50", "7", "87.50"),
    35: ("239", "263.50", "290.50", ["251", "263.50", "276.50", "290.50", "305"], "13", "10", "130"),
    36: ("251", "276.50", "305", ["263.50", "276.50", "290.50", "305", "320.50"], "14", "1", "14"),
    37: ("263.50", "290.50", "320.50", ["276.50", "290.50", "305", "320.50", "336.50"], "14.50", "22", "319"),
    38: ("276.50", "305", "336.50", ["290.50", "305", "320.50", "336.50", "353.50"], "15.50", None, None),
    39: ("290.50", "320.50", "353.50", ["305", "320.50", "336.50", "353.50", "371"], "16", None, None),
    40: ("305", "336.50", "371", ["320.50", "336.50", "353.50", "371", "389.50"], "17", None, None),
    41: ("320.50", "353.50", "389.50", ["336.50", "353.50", "371", "389.50", "409"], "17.50", None, None),
    42: ("336.50", "371", "409", ["353.50", "371", "389.50", "409", "429.50"], "18.50", "3", "55.50"),
    43: ("353.50", "389.50", "429.50", ["371", "389.50", "409", "429.50", "450.50"], "19.50", "3", "58.50"),
    44: ("371", "409", "450.50", ["389.50", "409", "429.50", "450.50", "473"], "20.50", None, None),
    45: ("389.50", "429.50", "473", ["409", "429.50", "450.50", "473", "497"], "21", "1", "21"),
}


def half_dollar(x: Decimal) -> Decimal:
    """Round to the nearest $0.50, halves up: the unit of every rate in the 1966 plan."""
    return (x * 2).quantize(Decimal("1"), rounding=ROUND_HALF_UP) / 2


def longevity_ladder() -> list[Decimal]:
    """The 1966 plan's own series of weekly rates, extended above $497 by its ~5 % ratio.

    Every grade except 26 takes five consecutive rates from one ladder (grade g+1 starts one rung above
    grade g for grades 1-25 and 27-45). Above the top printed rate ($497) the ladder is continued by
    x 1.05 rounded to the half dollar, the relation that reproduces every printed rung to within rounding;
    it gives $522 and then $548, the printed Y of grade 45.
    """
    rungs = sorted({d(v) for g, row in PLAN_1966.items() if g != 26 for v in row[3] if v})
    while len(rungs) < 200 and rungs[-1] < 560:
        rungs.append(half_dollar(rungs[-1] * Decimal("1.05")))
    return rungs


def cresap_tables(seed: Seed) -> list[Table]:
    out = []
    plan = Table("cresap_plan_1965_ranges", seed, "Present and recommended salary plan (interim action)",
                 ["grade", "minimum_weekly", "midpoint_weekly", "maximum_weekly", "increase_weekly",
                  "employees", "cost_per_week"])
    steps = Table("cresap_plan_1966_steps", seed, "Present and recommended salary plan (interim action)",
                  ["grade", "step", "weekly"])
    ladder = longevity_ladder()
    for g, (lo, mid, hi, st, inc, emp, cost) in PLAN_1966.items():
        line = seed.find(1055, 1103, str(g), lo, mid, hi, *[s for s in st if s], inc)
        note = ""
        if g == 15:
            note = "printed midpoint 98 is off the plan's ladder of rates (99 expected); kept as printed"
        if g == 1:
            note = "printed increase 6.50; the table's own arithmetic (middle new step 58 - midpoint 52.50) gives 5.50"
        if emp is None:
            note = "no employees printed (dash)"
        plan.add(dict(grade=g, minimum_weekly=lo, midpoint_weekly=mid, maximum_weekly=hi, increase_weekly=inc,
                      employees=emp, cost_per_week=cost), line, note=note)
        for step, v in zip("ABCDE", st):
            if v:
                steps.add(dict(grade=g, step=step, weekly=v), line)
        # X and Y longevity steps: printed only for grade 45's Y ($548, line 291).
        e = d(st[4])
        if g == 26:
            x = half_dollar(e * Decimal("1.05"))
            y = half_dollar(x * Decimal("1.05"))
            how = "grade 26 is off the ladder (1.5-step increase); X = E x 1.05, Y = X x 1.05, to the half dollar"
        else:
            i = ladder.index(e)
            x, y = ladder[i + 1], ladder[i + 2]
            how = "next two rungs above E on the plan's own ladder of rates"
        steps.add(dict(grade=g, step="X", weekly=money(x)), line, "assumed", how + " (A-CRESAP-XY)")
        if g == 45:
            yline = seed.find(285, 295, "548")
            assert money(y) == "548", y
            steps.add(dict(grade=g, step="Y", weekly="548"), yline, note="grade 45 Y printed in the text",
                      table="Text, Exhibit II-A discussion")
        else:
            steps.add(dict(grade=g, step="Y", weekly=money(y)), line, "assumed", how + " (A-CRESAP-XY)")
    out += [plan, steps]

    tt = Table("cresap_step_timetables", seed, "Performance appraisal and salary increases",
               ["plan", "step", "months_of_service"])
    present = [("A", 0, "Step A - Hiring Rate"), ("B", 6, "Step B - Six months"), ("C", 18, "Step C - One and one-half"),
               ("D", 30, "Step D - Two and one-half"), ("E", 42, "Step E - Three and one-half"),
               ("X", 96, "Step X - Eight years"), ("Y", 180, "Step Y - Fifteen years")]
    for step, months, text in present:
        tt.add(dict(plan="plan_1966", step=step, months_of_service=months), seed.find_text(671, 685, text))
    proposed = [("A", 0, "Step A - Normal hiring"), ("B", 6, "Step B - Six months"),
                ("C", 18, "Step C - One and one-half"), ("D", 30, "Step D - Two and one-half"),
                ("E", 42, "Step E - Three and one-half"), ("F", 60, "Step F - Five years"),
                ("G", 84, "Step G - Seven years")]
    for step, months, text in proposed:
        tt.add(dict(plan="schedule_a", step=step, months_of_service=months), seed.find_text(686, 697, text))
    hw = seed.find_text(580, 590, "three salary steps")
    for step, months in (("A", 0), ("B", 96), ("C", 180)):
        tt.add(dict(plan="highway_1966", step=step, months_of_service=months), hw,
               note="A starting; B after eight years; C after seven additional years",
               table="Highway maintenance personnel")
    out.append(tt)

    # Schedule A (lines 318-352): annual range and increment, weekly range and increment, steps A-G, premium.
    sched_a = [
        (1, "2964", "3900", "156", "57", "75", "3", "78", "4056"),
        (2, "3016", "3952", "156", "58", "76", "3", "79", "4108"),
        (3, "3120", "4056", "156", "60", "78", "3", "81", "4212"),
        (4, "3328", "4264", "156", "64", "82", "3", "85", "4420"),
        (5, "3536", "4784", "208", "68", "92", "4", "95", "4940"),
        (6, "3848", "5096", "208", "74", "98", "4", "103", "5356"),
        (7, "4160", "5408", "208", "80", "104", "4", "109", "5668"),
        (8, "4472", "5720", "208", "86", "110", "4", "115", "5980"),
        (9, "4836", "6396", "260", "93", "123", "5", "128", "6656"),
        (10, "5200", "6760", "260", "100", "130", "5", "135", "7020"),
        (11, "5616", "7488", "312", "108", "144", "6", "151", "7852"),
        (12, "6032", "8216", "364", "116", "158", "7", "165", "8580"),
        (13, "6500", "8684", "364", "125", "167", "7", "174", "9048"),
        (14, "7020", "9516", "416", "135", "183", "8", "190", "9880"),
        (15, "7592", "10400", "468", "146", "200", "9", "207", "10764"),
        (16, "8216", "11024", "468", "158", "212", "9", "222", "11544"),
        (17, "8892", "12012", "520", "171", "231", "10", "241", "12532"),
        (18, "9620", "13052", "572", "185", "251", "11", "261", "13572"),
        (19, "10400", "14144", "624", "200", "272", "12", "282", "14664"),
        (20, "11232", "15288", "676", "216", "294", "13", "304", "15808"),
        (21, "12220", "17212", "832", "235", "331", "16", "346", "17992"),
        (22, "13364", "18668", "884", "257", "359", "17", "374", "19448"),
        (23, "14716", "20644", "988", "283", "397", "19", "412", "21424"),
        (24, "16172", "22724", "1092", "311", "437", "21", "452", "23504"),
        (25, "17732", "24908", "1196", "341", "479", "23", "494", "25688"),
        (26, "19448", "27248", "1300", "374", "524", "25", "539", "28028"),
        (27, "21424", "29848", "1404", "412", "574", "27", "589", "30628"),
    ]
    ga = Table("cresap_schedule_a_grades", seed, "Schedule A - Classified Service (Exhibit II-B)",
               ["grade", "annual_minimum", "annual_maximum", "annual_increment", "weekly_minimum",
                "weekly_maximum", "weekly_increment", "premium_weekly", "premium_annual"])
    sa = Table("cresap_schedule_a_steps", seed, "Schedule A - Classified Service (Exhibit II-B)",
               ["grade", "step", "weekly"])
    for g, amin, amax, ainc, wmin, wmax, winc, pw, pa in sched_a:
        wsteps = [str(int(wmin) + k * int(winc)) for k in range(7)]
        assert wsteps[-1] == wmax
        line = seed.find(318, 352, str(g), amin, amax, ainc, wmin, wmax, winc, *wsteps, pw, pa)
        ga.add(dict(grade=g, annual_minimum=amin, annual_maximum=amax, annual_increment=ainc, weekly_minimum=wmin,
                    weekly_maximum=wmax, weekly_increment=winc, premium_weekly=pw, premium_annual=pa), line)
        for step, v in zip("ABCDEFG", wsteps):
            sa.add(dict(grade=g, step=step, weekly=v), line)
    out += [ga, sa]

    sb = Table("cresap_schedule_b", seed, "Schedule B - Physicians and Dentists (Exhibit II-D)",
               ["grade", "minimum", "first_quartile", "midpoint", "third_quartile", "maximum"])
    sbt = Table("cresap_schedule_b_titles", seed, "Schedule B - Physicians and Dentists (Exhibit II-D)",
                ["grade", "class_title"])
    b_rows = [
        ("A", ["Director, Mental Health"], "22000", "24000", "26000", "28000", "30000"),
        ("B", ["Superintendent, Hospital for Mentally Ill"], "20000", "22000", "24000", "26000", "28000"),
        ("C", [], "18000", "19750", "21500", "23250", "25000"),
        ("D", ["Physician IV", "Pathologist"], "16000", "17750", "19500", "21250", "23000"),
        ("E", ["Physician III", "Superintendent, Tuberculosis Hospital", "Obstetrician Consultant",
               "X-ray Consultant"], "15000", "16500", "18000", "19500", "21000"),
        ("F", ["Physician II", "Public Health Physician II"], "13500", "14875", "16250", "17625", "19000"),
        ("G", ["Physician I", "Public Health Physician I"], "12500", "13750", "15000", "16250", "17500"),
        ("H", ["Resident", "Public Health Dentist"], "11500", "12500", "13500", "14500", "15500"),
        ("I", ["Dentist"], "10500", "11375", "12250", "13125", "14000"),
    ]
    for g, titles, *pts in b_rows:
        line = seed.find(436, 452, g, *pts)
        sb.add(dict(zip(sb.columns, [g, *pts])), line, note="annual dollars")
        for t in titles:
            assert t in seed.lines[line - 1], t
            sbt.add(dict(grade=g, class_title=t), line)
    out += [sb, sbt]

    sc = Table("cresap_schedule_c", seed, "Schedule C - Teaching Positions (Exhibit II-E)",
               ["category", "degree_column", "weekly_minimum", "weekly_maximum"])
    sct = Table("cresap_schedule_c_titles", seed, "Schedule C - Teaching Positions (Exhibit II-E)",
                ["category", "class_title"])
    c_rows = {
        "I": ([("60_credits", "90", "130"), ("90_credits", "100", "150"), ("120_credits", "110", "160")],
              ["Teachers (without degrees)", "Vocational Trades Instructors"]),
        "II": ([("bachelor", "120", "180"), ("master", "130", "190"), ("master_plus_30", "135", "195"),
                ("doctorate", "145", "210")],
               ["Teachers D. C. (with degree and with certification)", "Teacher Exceptional Children",
                "Instructor", "Special Education Teacher", "Vocational Trades Instructor D. C.",
                "Teacher of the Deaf"]),
        "III": ([("bachelor", "140", "200"), ("master", "150", "210"), ("master_plus_30", "155", "215"),
                 ("doctorate", "165", "225")],
                ["Principal-Teacher", "Assistant Principal", "Institutional School Principal I",
                 "Curriculum Coordinator", "Department Chairman", "Assistant Director"]),
        "IV": ([("bachelor", "150", "210"), ("master", "160", "220"), ("master_plus_30", "165", "225"),
                ("doctorate", "175", "235")],
               ["Principal", "Director", "Assistant Superintendent", "Institutional School Principal II"]),
    }
    for cat, (cols, titles) in c_rows.items():
        lmin = seed.find(452, 475, cat, "min", *[c[1] for c in cols])
        lmax = seed.find(lmin + 1, lmin + 1, "max", *[c[2] for c in cols])
        for col, mn, mx in cols:
            sc.add(dict(category=cat, degree_column=col, weekly_minimum=mn, weekly_maximum=mx), lmin,
                   note=f"maximum on line {lmax}; amounts read as weekly (A-CRESAP-C-WEEKLY)")
        for t in titles:
            ln = seed.find_text(lmin, lmin + 5, t)
            sct.add(dict(category=cat, class_title=t), ln)
    out += [sc, sct]

    sd = Table("cresap_schedule_d", seed, "Schedule D - Unclassified Service (Exhibit II-G)",
               ["class_title", "annual_minimum", "annual_maximum", "positions"])
    d_rows = [
        ("21000", ["Chairman - Highway Commission", "Commissioner - Economic Development", "Commissioner - Education",
                   "Commissioner - Finance and Administration", "Commissioner - Health and Welfare",
                   "Commissioner - Mental Health and Corrections"]),
        ("17500", ["Attorney General", "Chairman - Employment Security Commission",
                   "Chairman - Public Utilities Commission", "Commissioner - Banking", "Commissioner - Forestry",
                   "Commissioner - Inland Fisheries and Game", "Commissioner - Sea and Shore Fisheries",
                   "Legislative Research Director", "Personnel Director", "Public Improvements Director",
                   "State Budget Officer", "State Controller", "State Police Chief", "State Tax Assessor"]),
        ("15000", ["Adjutant General", "Assistant Director - Legislative Research",
                   "Business Administrator - Liquor Commission", "Chairman - Industrial Accident Commission",
                   "Commissioner - Agriculture", "Commissioner - Insurance", "Deputy Attorney General",
                   "Director - Aeronautics Commission", "Director Transportation - Public Utilities Commission",
                   "Director - State Parks and Recreation", "Employment Security Commission Member (2)",
                   "Executive Secretary - Sardine Tax Committee", "Legislative Finance Officer",
                   "Manager - Industrial Building Authority", "Public Utilities Commission Member (2)",
                   "Purchasing Agent", "Secretary - Retirement Board", "Secretary of State", "State Auditor",
                   "Treasurer of State"]),
        ("12000", ["Assistant Legislative Finance Officer", "Chairman, Liquor Commission", "Civil Defense Director",
                   "Commissioner - Indian Affairs", "Commissioner - Labor and Industry",
                   "Commissioner - Veterans Services", "Examiner - Chief Accountant - Public Utilities Commission",
                   "General Counsel - Public Utilities Commission", "Industrial Accident Commission Member (2)",
                   "State Librarian", "State Police - Deputy Chief"]),
        ("10000", ["Deputy Adjutant General", "Executive Director - Board of Registry of Nurses",
                   "Executive Secretary - Committee on Problems of Mentally Retarded",
                   "Executive Secretary - Highway Safety Committee", "Liquor Commission Member (2)",
                   "Manager - Maine State Ferry Service"]),
        ("9000", ["Chief Inspector of Boilers and Deputy Inspector of Elevators",
                  "Supervising Elevator Inspector and Deputy Boiler Inspector"]),
        ("6000", ["Highway Commissioner (2)"]),
    ]
    for rate, titles in d_rows:
        line = seed.find(542, 565, rate)
        for t in titles:
            n = 1
            m = re.match(r"(.*) \((\d)\)$", t)
            note = ""
            if m:
                t, n = m[1], int(m[2])
                note = "printed with '(2)': two positions"
            text = seed.lines[line - 1]
            if t not in text:
                # The OCR printed "Commission" twice on the Chief Accountant title; the title is read once.
                assert t == "Examiner - Chief Accountant - Public Utilities Commission", t
                note = "OCR repeats 'Commission' after this title; read once"
            sd.add(dict(class_title=t, annual_minimum=rate, annual_maximum=rate, positions=n), line, note=note)
    for title, lo, hi in (("Assistant Attorney General II", "9500", "13000"),
                          ("Assistant Attorney General I", "7500", "10500")):
        line = seed.find(542, 565, lo, hi)
        sd.add(dict(class_title=title, annual_minimum=lo, annual_maximum=hi, positions=""), line,
               note="a range, not a single rate; number of positions not printed")
    out.append(sd)

    f2 = Table("cresap_exhibit_2f", seed, "Exhibit II-F - Unclassified titles to be placed in the classified service",
               ["class_title", "grade"])
    start = seed.find_text(500, 512, "<u>Title</u>\t<u>Grade</u>")
    for n in range(start + 1, start + 40):
        m = re.match(r"^([^\t]+)\t(\d+)$", seed.lines[n - 1])
        if not m:
            if f2.rows:
                break
            continue
        f2.add(dict(class_title=m[1].strip(), grade=m[2]), n)
    assert len(f2.rows) == 31, len(f2.rows)
    out.append(f2)

    hw_t = Table("cresap_highway_crosswalk", seed, "Highway maintenance personnel repositioning",
                 ["class_title", "present_grade", "present_step", "proposed_grade", "proposed_step"])
    for n in range(585, 620):
        m = re.match(r"^(Highway [A-Za-z ]+?(?: [IV]+))\t(\d+)\t([A-C])\t(\d+)\t([A-G])$", seed.lines[n - 1])
        if m:
            hw_t.add(dict(class_title=m[1], present_grade=m[2], present_step=m[3], proposed_grade=m[4],
                          proposed_step=m[5]), n)
    assert len(hw_t.rows) == 21, len(hw_t.rows)
    out.append(hw_t)

    out.append(cresap_classes(seed))

    mm = Table("cresap_merit_matrix", seed, "Merit guidelines: performance x position in range",
               ["rating", "range_position", "max_increase_pct", "discretionary_pct", "cap"])
    matrix = [
        ("outstanding", "Outstanding", [("8", "", ""), ("6", "", ""), ("5", "", "range_maximum")]),
        ("fully_adequate", "Fully Adequate", [("6", "", ""), ("4", "", ""), ("3", "", "range_maximum")]),
        ("acceptable", "Acceptable", [("3", "", ""), ("2", "", "third_quartile_maximum"), ("0", "", "")]),
        ("unsatisfactory", "Unsatisfactory", [("0", "2", ""), ("0", "", ""), ("0", "", "")]),
    ]
    for rating, label, cells in matrix:
        line = seed.find_text(706, 714, label + "\t")
        for pos, (pct, disc, cap) in zip(("lower_half", "third_quartile", "fourth_quartile"), cells):
            mm.add(dict(rating=rating, range_position=pos, max_increase_pct=pct, discretionary_pct=disc, cap=cap),
                   line, note="'Up to' percentages; 0 where printed 'No increase'")
    out.append(mm)

    ot = Table("cresap_overtime_bands", seed, "Overtime", ["band", "weekly_from", "weekly_to", "treatment"])
    ot.add(dict(band="below_150", weekly_from="0", weekly_to="150", treatment="time_and_one_half"),
           seed.find_text(755, 765, "less than \\$150 per week"), note="overtime approved in advance by two levels")
    ot.add(dict(band="150_to_225", weekly_from="150", weekly_to="225", treatment="straight_time"),
           seed.find_text(755, 765, "from \\$150 to \\$225"), note="planned overtime approved by appointing authority")
    ot.add(dict(band="above_225", weekly_from="225", weekly_to="", treatment="no_cash_compensatory_time"),
           seed.find_text(755, 765, "exceed \\$225"), note="compensatory time at discretion")
    ot.add(dict(band="seasonal_or_part_time", weekly_from="", weekly_to="", treatment="straight_time"),
           seed.find_text(755, 765, "Seasonal or part-time"))
    out.append(ot)

    alt = Table("cresap_alt_grades_1_3", seed, "Alternative handling of grades 1, 2 and 3",
                ["class_title", "proposed_grade", "alternative_grade"])
    for title, g in (("Dishwasher", 1), ("Domestic Worker I", 1), ("Laundry Worker I", 1), ("Seamstress I", 1),
                     ("Food Service Worker I", 1), ("Maid", 1), ("Clerical Aide", 2)):
        alt.add(dict(class_title=title, proposed_grade=g, alternative_grade=3),
                seed.find(367, 385, *title.split(), str(g)), note="reallocated to grade 3")
    alt.add(dict(class_title="Clerk I", proposed_grade=3, alternative_grade=4),
            seed.find_text(367, 390, "Clerk I which is proposed for Grade 3"), note="reallocated to grade 4")
    out.append(alt)

    sp = Table("cresap_special_premiums", seed, "Special salary administration provisions",
               ["group", "condition", "percent", "annual_amount"])
    sp.add(dict(group="education_specialist", condition="earned_masters_degree", percent="4", annual_amount=""),
           seed.find_text(785, 795, "Four per cent"))
    sp.add(dict(group="education_specialist", condition="earned_doctorate", percent="10", annual_amount=""),
           seed.find_text(785, 795, "Ten per cent"))
    sp.add(dict(group="physician_below_iv", condition="psychiatry_neurology_board_certified", percent="",
                annual_amount="1000"), seed.find_text(800, 806, "American Board of Psychiatry"),
           note="above and beyond the proposed salary range")
    out.append(sp)
    return out


# Clear OCR character errors in Appendix B titles, each confirmed by the same class in Appendix C
# or by the same word elsewhere in the list.
TITLE_REPAIRS = {
    "CLFRK": "CLERK", "AIDF": "AIDE", "FORFMAN": "FOREMAN", "RESOURCFS": "RESOURCES", "SFRVICES": "SERVICES",
    "VETFRANS": "VETERANS", "EXAMINFR": "EXAMINER", "SFED": "SEED", "GRUNDSKEEPER": "GROUNDSKEEPER",
    "REJECTEEES": "REJECTEES", "ARCHITECTUAL": "ARCHITECTURAL", "ADMINISTATIVE": "ADMINISTRATIVE",
    "SEPCIALIST": "SPECIALIST", "ARMES": "ARMED", "SEAMTRESS": "SEAMSTRESS",
}


def repair_title(title: str) -> str:
    return " ".join(TITLE_REPAIRS.get(w, w) for w in title.split(" "))


def cresap_classes(seed: Seed) -> Table:
    t = Table("cresap_classes", seed, "Appendix B - Alphabetic listing of class titles and proposed salary grade",
              ["class_code", "class_title", "class_title_printed", "proposed_grade"])
    row = re.compile(r"^(\d{4})\t([^\t]+)\t(\d{2})$")
    appendix_c = {}
    for n in range(2009, len(seed.lines) + 1):
        m = row.match(seed.lines[n - 1])
        if m:
            appendix_c.setdefault(m[1], []).append((m[2], m[3], n))
    seen = set()
    for n in range(1121, 2009):
        m = row.match(seed.lines[n - 1])
        if m:
            code, printed, grade = m[1], m[2], m[3]
            fixed = repair_title(printed)
            seen.add(code)
            prov, note = "printed", ""
            if fixed != printed:
                prov, note = "reconstructed", "OCR errors in the title repaired (A-CRESAP-TITLES)"
            t.add(dict(class_code=code, class_title=fixed, class_title_printed=printed, proposed_grade=str(int(grade))),
                  n, prov, note)
    # Clerical Aide is printed without a code in both appendices.
    n = seed.find_text(1121, 2009, "\tCLERICAL AIDE\t02")
    t.add(dict(class_code="RG0002", class_title="CLERICAL AIDE", class_title_printed="CLERICAL AIDE",
               proposed_grade="2"), n, "assumed", "no code printed; code RG0002 assigned by regrade (A-CRESAP-CODES)")
    # Classes that Appendix C lists but Appendix B omits.
    for code, entries in sorted(appendix_c.items()):
        if code not in seen:
            printed, grade, n = entries[0]
            t.add(dict(class_code=code, class_title=repair_title(printed), class_title_printed=printed,
                       proposed_grade=str(int(grade))), n, note="listed in Appendix C only",
                  table="Appendix C - Listing by grade of class titles and proposed salary grade")
    return t


# ----------------------------------------------------------------------------------------------------
# Hay Associates, 1975
# ----------------------------------------------------------------------------------------------------

POINT_RANGES = [(76, 81), (82, 87), (88, 94), (95, 101), (102, 109), (110, 118), (119, 127), (128, 137),
                (138, 147), (148, 159), (160, 171), (172, 184), (185, 198), (199, 214), (215, 230), (231, 248),
                (249, 267), (268, 288), (289, 310), (311, 334), (335, 360), (361, 388), (389, 418), (419, 450),
                (451, 484), (485, 522), (523, 562), (563, 605), (606, 652), (653, 702), (703, 757), (758, 815),
                (816, 878), (879, 945), (946, 1018), (1019, 1097), (1098, 1181), (1182, 1272), (1273, 1370),
                (1371, 1476), (1477, 1590)]

STEPS_I = "ABCDEXY"
# Schedule I, annual dollars, steps A B C D E X Y.
SCHEDULE_I = {
    1: [5205, 5465, 5739, 6026, 6327, 6643, 6975], 2: [5332, 5599, 5879, 6173, 6482, 6806, 7146],
    3: [5458, 5731, 6018, 6319, 6635, 6967, 7315], 4: [5606, 5886, 6180, 6490, 6815, 7156, 7514],
    5: [5775, 6064, 6367, 6685, 7019, 7370, 7739], 6: [5943, 6240, 6552, 6880, 7224, 7585, 7964],
    7: [6134, 6441, 6763, 7100, 7455, 7828, 8219], 8: [6344, 6661, 6994, 7344, 7711, 8097, 8502],
    9: [6554, 6882, 7226, 7588, 7967, 8366, 8784], 10: [6786, 7125, 7481, 7856, 8249, 8661, 9094],
    11: [7038, 7390, 7760, 8148, 8555, 8983, 9432], 12: [7291, 7656, 8039, 8441, 8863, 9306, 9771],
    13: [7586, 7965, 8363, 8782, 9221, 9682, 10166], 14: [7903, 8298, 8713, 9149, 9606, 10086, 10590],
    15: [8240, 8652, 9085, 9539, 10016, 10517, 11043], 16: [8598, 9028, 9479, 9954, 10452, 10974, 11524],
    17: [8977, 9425, 9896, 10392, 10912, 11458, 12031], 18: [9398, 9868, 10361, 10880, 11424, 11995, 12595],
    19: [9862, 10355, 10873, 11417, 11988, 12587, 13216], 20: [10347, 10864, 11407, 11978, 12577, 13206, 13866],
    21: [10867, 11410, 11981, 12580, 13209, 13869, 14562], 22: [11442, 12014, 12615, 13246, 13908, 14603, 15333],
    23: [12053, 12656, 13289, 13954, 14652, 15385, 16154], 24: [12706, 13341, 14008, 14710, 15446, 16218, 17029],
    25: [13401, 14071, 14775, 15514, 16290, 17105, 17960], 26: [14265, 14978, 15727, 16514, 17340, 18207, 19117],
    27: [14452, 15175, 15934, 16731, 17568, 18446, 19368], 28: [14912, 15658, 16441, 17263, 18126, 19032, 19984],
    29: [15551, 16329, 17145, 18003, 18903, 19848, 20840], 30: [16177, 16986, 17835, 18728, 19664, 20647, 21679],
    31: [16841, 17683, 18567, 19497, 20472, 21496, 22571], 32: [17569, 18447, 19369, 20339, 21356, 22424, 23545],
    33: [18336, 19253, 20216, 21227, 22288, 23402, 24572], 34: [19166, 20124, 21130, 22188, 23297, 24462, 25685],
    35: [20061, 21064, 22117, 23224, 24385, 25604, 26884], 36: [21031, 22083, 23187, 24347, 25564, 26842, 28184],
    37: [22080, 23184, 24343, 25561, 26839, 28181, 29590], 38: [23190, 24350, 25568, 26847, 28189, 29599, 31078],
    39: [24724, 25960, 27258, 28622, 30053, 31556, 33133], 40: [25771, 27060, 28413, 29835, 31327, 32893, 34538],
    41: [27113, 28469, 29892, 31388, 32957, 34605, 36335],
}
# OCR-damaged rows of Schedule I (lines 219-224 and 248-254): labels merged, values displaced or illegible.
# grade -> the OCR line that carries the grade's label.
SCHEDULE_I_DAMAGED = {1: 220, 2: 221, 3: 221, 4: 222, 5: 223, 6: 224,
                      30: 248, 31: 248, 32: 249, 33: 250, 34: 251, 35: 252, 36: 253, 37: 254}

SCHEDULE_IA = {
    29: ["19869.91", "20863.63", "21905.67", "23002.91", "24153.05", "25360.70", "26628.17"],
    30: ["20495.91", "21520.95", "22595.81", "23727.62", "24914.00", "26159.70", "27467.09"],
    31: ["21160.24", "22218.50", "23328.20", "24496.70", "25721.53", "27007.61", "28357.38"],
    32: ["21888.45", "22983.13", "24131.02", "25339.73", "26606.91", "27937.05", "29333.27"],
    33: ["22654.17", "23787.09", "24975.14", "26226.13", "27537.43", "28914.30", "30359.37"],
    34: ["23498.18", "24673.36", "25905.69", "27203.27", "28563.28", "29991.60", "31490.51"],
    35: ["24379.70", "25598.96", "26877.50", "28223.78", "29634.96", "31116.17", "32671.85"],
    36: ["25350.64", "26618.47", "27947.92", "29347.82", "30815.21", "32355.97", "33973.04"],
    37: ["26398.24", "27718.46", "29102.85", "30560.60", "32088.63", "33693.06", "35376.95"],
    38: ["27509.72", "28885.52", "30328.21", "31847.33", "33439.69", "35111.68", "36866.47"],
    39: ["29042.79", "30495.27", "32018.35", "33622.13", "35303.23", "37068.39", "38920.98"],
    40: ["30090.39", "31595.26", "33173.28", "34834.91", "36576.65", "38405.48", "40324.89"],
    41: ["31431.83", "33003.78", "34654.15", "36387.86", "38207.25", "40029.41", "42122.57"],
}
SCHEDULE_IA_REPAIRS = {
    (34, "B"): ("24.673.36", "decimal point printed for the thousands comma"),
    (34, "Y"): ("31,490 51", "decimal point dropped by OCR"),
    (35, "Y"): ("32,671", "cents dropped by OCR; .85 = D 28,223.78 x 1.1576 (line 917) rounded to the cent, as every other row of Ia but 41 (2 cents off as printed) gives its Y"),
    (39, "A"): ("29,642.79", "printed 29,642.79 exceeds B; the step ratio (D x .8638 = 29,042.80) shows the 6 is an OCR 0"),
}


NURSING_TITLE_REPAIRS = {"4052": "Publ. Hlth. Nursing Supr. I", "4057": "Publ. Hlth. Nursing Supr. II"}


def hay_tables(seed: Seed) -> list[Table]:
    out = []
    pr = Table("hay_point_ranges", seed, "Point ranges per grade", ["grade", "points_low", "points_high"])
    lows = {g: seed.find(1096, 1098, str(lo)) for g, (lo, hi) in enumerate(POINT_RANGES, 1) if g not in (13, 41)}
    for g, (lo, hi) in enumerate(POINT_RANGES, 1):
        if g in (13, 41):
            # The point-range table drops these two lows; Schedule I prints them on the grade's own line.
            line = seed.find(219, 258, str(g), str(lo), str(hi))
            pr.add(dict(grade=g, points_low=lo, points_high=hi), line,
                   note="low bound missing from the point-range table; read from Schedule I",
                   table="Schedule I")
        else:
            line = lows[g]
            assert str(hi) in tokens(seed.lines[line - 1]), (g, hi)
            pr.add(dict(grade=g, points_low=lo, points_high=hi), line)
    out.append(pr)

    s1 = Table("hay_schedule_1", seed, "Salary Schedule I", ["grade", "step", "annual"])
    for g, vals in SCHEDULE_I.items():
        if g in SCHEDULE_I_DAMAGED:
            for step, v in zip(STEPS_I, vals):
                try:
                    line = seed.find(219, 254, f"{v}")
                    note = f"OCR row damaged; value legible at line {line}, placed by column order and step ratios"
                except LookupError:
                    line = SCHEDULE_I_DAMAGED[g]
                    note = "OCR row damaged; value illegible, computed as the step before x 1.05 (A-HAY-SCHED-I)"
                s1.add(dict(grade=g, step=step, annual=v), line, "reconstructed", note)
        else:
            line = seed.find(225, 258, str(g), *[str(v) for v in vals])
            for step, v in zip(STEPS_I, vals):
                s1.add(dict(grade=g, step=step, annual=v), line)
    out.append(s1)

    s1a = Table("hay_schedule_1a", seed, "Salary Schedule Ia (Physicians)", ["grade", "step", "annual"])
    for g, vals in SCHEDULE_IA.items():
        line = seed.find(282, 300, str(g), *map(str, POINT_RANGES[g - 1]))
        for step, v in zip(STEPS_I, vals):
            if (g, step) in SCHEDULE_IA_REPAIRS:
                printed, why = SCHEDULE_IA_REPAIRS[(g, step)]
                s1a.add(dict(grade=g, step=step, annual=v), line, "reconstructed", f"printed '{printed}': {why}")
            else:
                assert v in tokens(seed.lines[line - 1]), (g, step, v)
                note = ""
                if (g, step) == (41, "X"):
                    note = "printed 40,029.41; D x 1.1025 = 40,117.62 - an error in the original, kept as printed"
                s1a.add(dict(grade=g, step=step, annual=v), line, note=note)
    out.append(s1a)

    ratios = Table("hay_step_ratios", seed, "Steps above and below D", ["step", "ratio_to_d"])
    rl = seed.find_text(915, 920, "A = D")
    for step, r in (("A", ".8638"), ("B", ".9070"), ("D", "1"), ("E", "1.05"), ("X", "1.1025"), ("Y", "1.1576")):
        if step == "D":
            ratios.add(dict(step=step, ratio_to_d="1"), rl, note="the control step")
        else:
            assert f"{step} = D \\times {r}" in seed.lines[rl - 1], step
            ratios.add(dict(step=step, ratio_to_d=r), rl)
    ratios.add(dict(step="C", ratio_to_d=".9524"), rl, "reconstructed",
               "C is not printed; D / 1.05 = .9524, 'each step 5 percent higher than the preceding step' (line 262)")
    out.append(ratios)

    fm = Table("hay_step_d_formulas", seed, "Step D formulas",
               ["schedule", "grade_from", "grade_to", "dollars_per_point", "constant"])
    l1 = seed.find(270, 280, "24.39", "4100", "14.79", "8700")
    fm.add(dict(schedule="I", grade_from=1, grade_to=25, dollars_per_point="24.39", constant="4100"), l1,
           note="P is the middle point of the grade's point range")
    fm.add(dict(schedule="I", grade_from=26, grade_to=41, dollars_per_point="14.79", constant="8700"), l1)
    l2 = seed.find(315, 322, "14.79", "13700")
    fm.add(dict(schedule="Ia", grade_from=29, grade_to=41, dollars_per_point="14.79", constant="13700"), l2)
    out.append(fm)

    dist = Table("hay_class_distribution", seed, "Distribution of classes by grade, present versus recommended",
                 ["grade", "period", "classes"])
    present = [3, 11, 14, 19, 24, 22, 40, 31, 31, 38, 37, 54, 41, 51, 76, 43, 52, 47, 54, 45, 43, 58, 41, 31, 21, 14,
               11, 12, 9, 3, 1, 1, 4, 1, 1, 1, 0, 0, 0, 0, 0]
    recommended = [4, 1, 8, 5, 24, 17, 35, 6, 32, 34, 27, 35, 23, 44, 29, 37, 33, 49, 39, 59, 38, 43, 44, 39, 47, 29,
                   33, 23, 20, 16, 25, 7, 3, 5, 8, 2, 2, 1, 1, 1, 1]
    assert sum(present) == 985 and sum(recommended) == 929
    repaired = {
        31: "printed '7' beside '0 %'; read as 1: the 0 % and the printed total of 985 classes both require it",
        35: "printed '7' beside '0 %'; read as 1: the 0 % and the printed total of 985 classes both require it",
        32: "printed as the letter 'Ţ'; read as 1", 34: "printed as the letter 'I'; read as 1",
        36: "printed as the letter 'ı'; read as 1",
        29: "printed on grade 30's line ('9 3'); grade 29's own line shows only its '1 %'",
        30: "printed on its line after grade 29's count ('9 3')",
    }

    def cell_line(g, value, label_col, value_col):
        """The line where the grade's count is printed: on the grade's labelled line, or (where OCR merged two
        rows) on the line next to it."""
        cells = [seed.lines[n - 1].split("\t") for n in range(1131, 1168)]
        labelled = [1131 + i for i, c in enumerate(cells) if str(g) in tokens(c[label_col])]
        for near in (0, 1, -1):
            for n in labelled:
                c = seed.lines[n + near - 1].split("\t")
                if str(value) in tokens(c[value_col]):
                    return n + near
        return None

    for g in range(1, 42):
        for period, value, label_col in (("present_1975_09", present[g - 1], 0),
                                         ("recommended_1975_12", recommended[g - 1], 4)):
            line = cell_line(g, value, label_col, label_col + 1)
            if period.startswith("recommended") and g in (38, 41):
                printed, n = {38: ("ī", 1164), 41: ("]", 1167)}[g]
                dist.add(dict(grade=g, period=period, classes=value), n, "reconstructed",
                         f"printed as the letter '{printed}'; read as 1, as the total of 929 requires (A-HAY-DIST)")
            elif period.startswith("present") and g in repaired:
                dist.add(dict(grade=g, period=period, classes=value), line or (1156 + g - 29),
                         "reconstructed", repaired[g] + " (A-HAY-DIST)")
            elif line:
                dist.add(dict(grade=g, period=period, classes=value), line)
            elif value == 0:
                dist.add(dict(grade=g, period=period, classes=0), {37: 1164, 38: 1164}.get(g, 1126 + g),
                         note="blank: no classes in this grade")
            else:
                # labels OCR'd as letters: grade 1's recommended label 'ĺ', grade 11's as Hebrew, 41 as '41]'
                n = {1: 1131, 11: 1140}[g]
                assert str(value) in tokens(seed.lines[n - 1].split("\t")[label_col + 1]), (g, period)
                dist.add(dict(grade=g, period=period, classes=value), n,
                         note="row label printed as letters by OCR; value on the row's line")
    out.append(dist)

    om = Table("hay_omnibus", seed, "Range change recommendations - Omnibus Bill",
               ["class_code", "class_title", "agency", "present_range", "board_range", "points_range"])
    for n in range(1176, 1266):
        parts = [p.strip() for p in seed.lines[n - 1].split("\t")]
        if len(parts) == 6 and re.fullmatch(r"\d{4}", parts[0]):
            code, title, agency, pres, board, pts = parts
            note, prov = "", "printed"
            fixed = [re.sub(r"[\s.]", "", x) for x in (pres, board)]
            if fixed != [pres, board]:
                prov, note = "reconstructed", f"OCR spacing repaired: printed {pres!r}, {board!r}"
            pres, board = fixed
            title = title.lstrip(". ").strip()
            agency = agency.lstrip(". ").strip()
            if pts == "Not Evaluated":
                pts = ""
                note = (note + "; " if note else "") + "not evaluated"
            om.add(dict(class_code=code, class_title=title, agency=agency, present_range=pres, board_range=board,
                        points_range=pts), n, prov, note)
    assert len(om.rows) == 66, len(om.rows)
    out.append(om)

    jf = Table("hay_job_families", seed, "Job family tables 1-5",
               ["family", "class_code", "class_title", "points", "present_grade", "proposed_grade"])
    families = {1266: "civil_engineer", 1283: "nursing", 1298: "data_processing", 1313: "clerk_typist_steno",
                1328: "human_services"}
    starts = sorted(families)
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else 1350
        for n in range(start, end):
            parts = [p.strip() for p in seed.lines[n - 1].split("\t")]
            if len(parts) >= 5 and re.fullmatch(r"\d{4}[_ \\`]*", parts[0]) and parts[2].isdigit():
                code = re.sub(r"\D", "", parts[0])
                title = re.sub(r"\s+", " ", parts[1].replace("Hum a n", "Human"))
                prov, note = "printed", ""
                if parts[0] != code:
                    note = f"stray mark after the code in OCR ({parts[0]!r})"
                if code in NURSING_TITLE_REPAIRS:
                    title, prov = NURSING_TITLE_REPAIRS[code], "reconstructed"
                    note = f"title split across two OCR lines ('{parts[1]}'); 'Hith' is OCR for 'Hlth'"
                jf.add(dict(family=families[start], class_code=code, class_title=title, points=parts[2],
                            present_grade=parts[3], proposed_grade=parts[4]), n, prov, note,
                       table=seed.lines[start - 1].replace("$\\underline{\\text{", "").replace("}}$", ""))
    assert len(jf.rows) == 55, len(jf.rows)
    out.append(jf)

    co = Table("hay_collapsible", seed, "Collapsable classes",
               ["class_code", "class_title", "present_range", "points", "allocated_range"])
    for n in range(1352, 1400):
        raw = seed.lines[n - 1]
        if not re.match(r"^\d{4}\t", raw):
            continue
        cells = [c.strip() for c in raw.split("\t")]
        code, title = cells[0], cells[1]
        rest = [c for c in cells[2:] if c not in ("", "·")]
        if rest[0] in ("I", "II ."):  # the level numeral OCR'd into its own cell
            title = f"{title.rstrip('.')} {rest.pop(0).rstrip(' .')}"
        printed = rest[:3]
        pres, pts, alloc = (re.sub(r"[ .]", "", c) for c in printed)
        prov, note = "printed", ""
        if printed[1] == "17.8":
            prov, note = "reconstructed", "points printed '17.8'; the paired Liquor Inspector II is 178 and both allocate to 12"
        elif [pres, pts, alloc] != printed:
            prov, note = "reconstructed", f"OCR spacing repaired: printed {printed}"
        co.add(dict(class_code=code, class_title=title, present_range=pres, points=pts, allocated_range=alloc), n,
               prov, note)
    assert len(co.rows) == 26, len(co.rows)
    out.append(co)

    ex = Table("hay_exhibit_1", seed, "Exhibit I - Salary distribution (% of grade total) by grade step (4/74)",
               ["grade", "step", "pct"])
    cols = ["A", "B", "C", "D", "E", "X", "Y", "over_y"]
    repaired = {(26, "Y"): ("11", "cell garbled ('DES 925'); the row's legible cells sum to 89, so Y = 11 (A-HAY-EXHIBIT-I)"),
                (28, "D"): ("31", "printed '3.1'; the row sums to 100 with 31 and the text says grade 28 is the one grade with salaries below E"),
                (33, "D"): ("8", "cell garbled ('ione soul'); the row's legible cells sum to 92, so D = 8 (A-HAY-EXHIBIT-I)")}
    for n in range(1593, 1632):
        cells = seed.lines[n - 1].split("\t")
        g = int(cells[0].strip(" ."))
        for step, raw in zip(cols, cells[1:]):
            if raw.strip() == "$\\dot{2}1$":
                ex.add(dict(grade=g, step=step, pct="21"), n, "reconstructed", "printed as LaTeX '$\\dot{2}1$': 21 with a stray dot")
                continue
            raw = raw.strip().rstrip(".,").replace("$\\overline{21}$", "21")
            raw = raw.replace(" \\cdot", "").replace(", ", "").strip()
            if (g, step) in repaired:
                v, why = repaired[(g, step)]
                ex.add(dict(grade=g, step=step, pct=v), n, "reconstructed", why)
                continue
            if raw == "2.1":
                ex.add(dict(grade=g, step=step, pct="21"), n, "reconstructed", "printed '2.1'; 21 makes the row sum 100")
                continue
            if raw.startswith("1 -"):
                raw = "1"
            if re.fullmatch(r"\d+", raw) and int(raw) > 0:
                if g == 36 and step == "A":
                    continue  # '24' beside the label is OCR noise: grade 36 is one of the text's five all-X/Y grades
                ex.add(dict(grade=g, step=step, pct=raw), n)
    out.append(ex)

    pl = Table("hay_practice_lines", seed, "Salary practice lines (Charts I-11)",
               ["scope", "points_from", "points_to", "dollars_per_point", "constant"])
    lines = [
        ("all_classified", 76, 660, "21.18", "4305"), ("all_classified", 660, 1500, "19.53", "5398"),
        ("agriculture", 102, 350, "34.66", "2666"), ("agriculture", 350, 725, "5.51", "13004"),
        ("education", 76, 400, "24.20", "3620"), ("education", 400, 1142, "14.06", "7688"),
        ("manpower_affairs", 70, 280, "23.46", "3134"), ("manpower_affairs", 280, 1050, "16.51", "5267"),
        ("finance_and_administration", 60, 900, "24.97", "3764"),
        ("conservation", 60, 900, "18.60", "4606"),
        ("health_and_welfare", 88, 140, "33.75", "1960"), ("health_and_welfare", 140, 954, "22.11", "3283"),
        ("transportation", 76, 300, "28.72", "3524"), ("transportation", 300, 1372, "18.42", "6449"),
        ("mental_health_and_corrections", 76, 110, "24.95", "3954"),
        ("mental_health_and_corrections", 110, 1500, "22.01", "4044"),
        ("mental_health_and_corrections_physicians", 660, 1500, "18.18", "13002"),
        ("public_safety", 92, 228, "38.33", "2200"), ("public_safety", 228, 550, "18.89", "6400"),
    ]
    for scope, p0, p1, m, b in lines:
        line = seed.find(1415, 1545, str(p0), str(p1), m, b)
        note = ""
        if scope == "agriculture" and p0 == 350:
            note = "slope printed 5.51; agrees with the organisation-variations table at 600 points ($16,310)"
        pl.add(dict(scope=scope, points_from=p0, points_to=p1, dollars_per_point=m, constant=b), line, note=note)
    ul = seed.find_text(1548, 1552, "21.67 per")
    pl.add(dict(scope="all_unclassified", points_from=100, points_to=500, dollars_per_point="21.67", constant="4165"), ul)
    pl.add(dict(scope="all_unclassified", points_from=500, points_to="", dollars_per_point="14.29", constant="7855"), ul,
           note="'from 500 content points on'")
    out.append(pl)

    ov = Table("hay_org_variations", seed, "Analysis of organization variations in salary practice",
               ["scope", "points", "salary", "pct_diff"])
    pts = [100, 200, 300, 400, 600, 800, 1000, 1200, 1500]
    for n in range(1654, 1665):
        cells = seed.lines[n - 1].split("\t")
        scope = cells[0].strip().lower().replace(" and ", "_and_").replace(" ", "_")
        for p, cell in zip(pts, cells[1:]):
            cell = cell.strip()
            if not cell:
                continue
            m = re.fullmatch(r"\\\$ ?([\d,]+)(?: \(([^)]*)\))?", cell)
            assert m, (n, cell)
            sal = m[1].replace(",", "")
            raw = m[2]
            prov, note = "printed", ""
            if raw is None:
                pct = "0"
                note = "the base row"
            elif raw in ("=", "0"):
                pct = "0"
                note = "printed (=)" if raw == "=" else ""
            elif raw == "~6%":
                pct, prov, note = "-6", "reconstructed", "printed '(~6%)'; the minus sign read as a tilde"
            else:
                pct = raw.rstrip("%").replace("+", "")
            ov.add(dict(scope=scope, points=p, salary=sal, pct_diff=pct), n, prov, note)
    out.append(ov)

    rt = Table("hay_retirement", seed, "Maine State Retirement System", ["parameter", "value", "unit"])
    rt.add(dict(parameter="member_contribution", value="6.5", unit="pct_of_compensation"),
           seed.find_text(440, 450, "Six and one-half percent"))
    rt.add(dict(parameter="state_contribution", value="10.5", unit="pct_of_compensation"),
           seed.find_text(440, 452, "10.5 percent"), note="'actuarially determined periodically presently about 1.6 times'")
    rt.add(dict(parameter="normal_retirement_age", value="60", unit="years_of_age"),
           seed.find_text(449, 453, "Eligibility: Age 60"))
    rt.add(dict(parameter="benefit_accrual", value="2", unit="pct_of_afc_per_year_of_service"),
           seed.find_text(450, 454, "2 percent multiplied by Average Final"))
    rt.add(dict(parameter="afc_highest_years", value="3", unit="years"),
           seed.find_text(450, 454, "three highest years"))
    rt.add(dict(parameter="early_retirement_service", value="25", unit="years_of_service"),
           seed.find_text(468, 472, "Any age with 25 years"), note="at any age, actuarially reduced")
    rt.add(dict(parameter="vesting_service", value="10", unit="years_of_service"),
           seed.find_text(498, 501, "Ten years of Creditable"))
    out.append(rt)

    er = Table("hay_early_retirement_reductions", seed, "Early retirement - illustrative actuarial reductions",
               ["age", "reduction_pct"])
    for age, red in (("57", "8.0"), ("53", "16.7"), ("50", "22.1")):
        er.add(dict(age=age, reduction_pct=red), seed.find(474, 480, age, red + "%"))
    out.append(er)

    sr = Table("hay_special_retirement_plans", seed, "Special retirement benefits",
               ["group", "benefit_pct", "basis", "min_age", "min_service"])
    specials = [
        ("airplane_pilots", "50", "average_final_compensation", "55", "25", "Airp lane"),
        ("liquor_inspectors", "50", "final_compensation", "55", "25", "Liquor Inspectors"),
        ("forest_rangers", "50", "annual_compensation", "50", "25", "Forest Rangers"),
        ("maine_state_prison", "50", "average_final_compensation", "50", "20", "Maine State Prison"),
        ("law_enforcement_and_state_police", "50", "annual_compensation", "", "20", "Law Enforcement and"),
    ]
    for group, pct, basis, age, svc, text in specials:
        note = "printed '50% Annual Comp. after 20 years': any age" if not age else f"printed '{age}/{svc}': age/service"
        sr.add(dict(group=group, benefit_pct=pct, basis=basis, min_age=age, min_service=svc),
               seed.find_text(545, 553, text), note=note)
    out.append(sr)
    return out


def published_facts(cresap: Seed, hay: Seed, mms: Seed) -> list[Table]:
    facts = []
    t = Table("published_facts", cresap, "", ["seed", "fact", "value", "unit"])

    def add(seed, table, fact, value, unit, line, note=""):
        t.seed = seed
        t.add(dict(seed=seed.name.split("-")[0], fact=fact, value=value, unit=unit), line, note=note, table=table)
        t.rows[-1]["source_file"] = seed.name

    add(cresap, "Interim action table", "classified_employees_1966", "7822", "employees", cresap.find(1100, 1104, "Total", "7822"))
    add(cresap, "Interim action table", "interim_cost_per_week", "68500.50", "dollars_per_week", cresap.find(1100, 1104, "Total", "68500.50"))
    add(cresap, "Interim action (cont'd)", "highway_employees_1966", "1350", "employees", cresap.find_unique("1,350 Highway"))
    add(cresap, "Interim action (cont'd)", "interim_cost_classified", "3562000", "dollars_per_year", cresap.find_unique("3,562,000"))
    add(cresap, "Interim action (cont'd)", "interim_cost_highway", "440000", "dollars_per_year", cresap.find_unique("440,000"))
    add(cresap, "Interim action (cont'd)", "interim_cost_total", "4002000", "dollars_per_year", cresap.find_unique("4,002,000"))
    add(cresap, "Schedule D text", "schedule_d_max_increase", "2000", "dollars_per_year", cresap.find_unique("limited to no more than"))
    add(cresap, "Premium range", "premium_years_at_maximum", "3", "years", cresap.find_unique("maximum of their salary range for three years"))
    add(cresap, "Premium range", "premium_max_share_of_those_at_maximum", "50", "pct", cresap.find_unique("only up to 50 per cent"))
    add(cresap, "Premium range", "premium_max_share_of_department", "5", "pct", cresap.find_unique("no more than 5 per cent of the total"))
    add(hay, "Impact - pay ranges", "classified_employees_1975", "10767", "employees", hay.find_unique("10,767"))
    add(hay, "Impact - pay ranges", "outside_cost_pct_of_payroll", "11.1", "pct", hay.find_unique("11.1 percent"))
    add(hay, "Impact - pay ranges", "share_higher_pay_same_step", "84", "pct", hay.find_unique("84 percent would receive higher pay"))
    add(hay, "Impact - pay ranges", "share_lower_pay_same_step", "16", "pct", hay.find_unique("16 percent would receive lower pay"))
    add(hay, "Impact - physicians", "physicians", "21", "employees", hay.find_unique("15 of the 21"))
    add(hay, "Impact - physicians", "physicians_increased", "15", "employees", hay.find_unique("15 of the 21"))
    add(hay, "Impact - physicians", "physicians_increase_total", "32000", "dollars_per_year", hay.find_unique("\\$32,000"), "approximately")
    add(hay, "Impact - physicians", "physicians_lower_step", "3", "employees", hay.find_unique("three Physicians"))
    add(hay, "Impact - physicians", "physicians_decrease_total", "2300", "dollars_per_year", hay.find_unique("\\$2300"))
    m1 = hay.find_unique("Physician III \\$27.2 23.9 24.8")
    for cls, actual, current, recommended in (("iii", "27.2", "23.9", "24.8"), ("iv", "32.5", "27.4", "29.3")):
        add(hay, "Table M1: medical salary survey", f"physician_{cls}_actual_average", actual, "thousand_dollars", m1)
        add(hay, "Table M1: medical salary survey", f"physician_{cls}_current_step_d", current, "thousand_dollars", m1,
            "step D of the present (4/74) range")
        add(hay, "Table M1: medical salary survey", f"physician_{cls}_recommended_step_d", recommended,
            "thousand_dollars", m1, "step D of the recommended range")
    add(hay, "Distribution of classes", "classes_present", "985", "classes", 1168)
    add(hay, "Distribution of classes", "classes_recommended", "929", "classes", 1168)
    add(hay, "Merit budget", "merit_budget_factor_default", ".03", "fraction", hay.find_unique("Note: The . 03 factor"), "printed '. 03'")
    add(hay, "Merit budget", "merit_budget_factor_min", ".01", "fraction", hay.find_unique("from year to year from .01 to .04"))
    add(hay, "Merit budget", "merit_budget_factor_max", ".04", "fraction", hay.find_unique("from year to year from .01 to .04"))
    add(hay, "Merit budget", "merit_budget_min_agency_size", "30", "employees", hay.find_unique("30 or more employees"))
    add(hay, "Promotion rule", "promotion_min_increase", "5", "pct", hay.find_unique("next highest step which equals or exceeds a 5 percent"))
    add(mms, "MMS overview", "mms_positions", "700", "positions", mms.find_unique("approximately 700 MMS"))
    add(mms, "MMS overview", "mms_classes_before", "300", "classes", mms.find_unique("300 different"))
    add(mms, "MMS overview", "mms_classes_after", "9", "classes", mms.find_unique("total of nine"))
    facts.append(t)
    return facts


def mms_tables(seed: Seed) -> list[Table]:
    t = Table("mms_classes", seed, "MMS classification series", ["series", "level", "class_title", "summary"])
    for n, line in enumerate(seed.lines, 1):
        m = re.fullmatch(r"PUBLIC SERVICE (COORDINATOR|MANAGER|EXECUTIVE) (I{1,3})", line.strip())
        if m:
            summary = seed.lines[n].strip()
            first = re.split(r"(?<=[a-z)])\. ", summary)[0].rstrip(".") + "."
            # the title as the seed prints it in its prose: "Public Service Coordinator II" (a roman numeral stays
            # in capitals; str.title() would give "Ii")
            title = f"Public Service {m[1].title()} {m[2]}"
            t.add(dict(series=m[1].lower(), level=len(m[2]), class_title=title, summary=first), n)
    assert len(t.rows) == 9
    return [t]


def build(out: Path = OUT, quiet: bool = False) -> list[str]:
    """Write every table to ``out``; return the names written."""
    cresap, hay, mms = Seed(CRESAP), Seed(HAY), Seed(MMS)
    tables = cresap_tables(cresap) + hay_tables(hay) + mms_tables(mms) + published_facts(cresap, hay, mms)
    for t in tables:
        n = t.write(out)
        if not quiet:
            print(f"{t.name:40s} {n:5d} rows")
    return [t.name for t in tables]


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
    sys.exit(0)
