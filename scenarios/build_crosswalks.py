"""Write the shipped crosswalks from the seed tables in data/ (run after changing data/):

    python scenarios/build_crosswalks.py

- cresap-1967-crosswalk.csv: every Appendix B class under its printed code and proposed Schedule A grade;
  the highway maintenance classes (placed by the printed highway table); the Exhibit II-F unclassified
  titles (Schedule A grades); the Schedule B, C and D titles. Classes printed without a code get a code
  beginning 'RG' (assumption A-CRESAP-CODES).
- hay-1975-crosswalk.csv: every class the report's job-family, collapsible and Omnibus Bill tables print,
  with its points where printed and the grade allocated by points; then, tagged 'synthetic', the classes
  the synthetic 1975 roster adds to complete the printed distribution of classes by grade.
- mms-crosswalk.csv: the same classes; those of Hay grade 22 and up into the nine MMS classes by grade band
  (A-MMS-BANDS), the rest kept on Schedule I and tagged not_mms.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import polars as pl  # noqa: E402

from simulator import data, synthetic  # noqa: E402

COLUMNS = ["class_code", "class_title", "schedule", "grade", "points", "rule", "tag", "note"]

HIGHWAY_CODES = {  # as Appendix B prints them (HWY MAINT MAN II-V: 9904-9907, lines 1576-1579)
    "Highway Maintenance Man I": "9903", "Highway Maintenance Man II": "9904",
    "Highway Maintenance Man III": "9905", "Highway Maintenance Man IV": "9906",
    "Highway Maintenance Man V": "9907", "Highway Foreman I": "9901", "Highway Foreman II": "9902",
}


def cresap_rows() -> list[dict]:
    rows = []
    hw = data.table("cresap_highway_crosswalk").unique("class_title", maintain_order=True)
    hw_grade = dict(hw.select("class_title", "proposed_grade").iter_rows())
    hw_codes = set(HIGHWAY_CODES.values())
    for r in data.table("cresap_classes").iter_rows(named=True):
        if r["class_code"] in hw_codes:
            continue
        note = "Appendix B" if r["note"] is None else f"Appendix B; {r['note']}"
        rows.append(dict(class_code=r["class_code"], class_title=r["class_title"], schedule="A",
                         grade=str(r["proposed_grade"]), tag="classified", note=note))
    for title, code in HIGHWAY_CODES.items():
        note = "highway maintenance table (Cresap lines 589-611)"
        if code.startswith("RG"):
            note += "; no code printed (A-CRESAP-CODES)"
        rows.append(dict(class_code=code, class_title=title, schedule="A", grade=str(hw_grade[title]),
                         rule="cresap_highway", tag="highway", note=note))
    for i, r in enumerate(data.table("cresap_exhibit_2f").iter_rows(named=True), start=1):
        rows.append(dict(class_code=f"RGF{i:03d}", class_title=r["class_title"], schedule="A", grade=str(r["grade"]),
                         tag="unclassified_similar",
                         note="Exhibit II-F unclassified title; no code printed (A-CRESAP-CODES)"))
    for i, r in enumerate(data.table("cresap_schedule_b_titles").iter_rows(named=True), start=1):
        rows.append(dict(class_code=f"RGB{i:03d}", class_title=r["class_title"], schedule="B", grade=r["grade"],
                         tag="physician_dentist", note="Schedule B title; no code printed (A-CRESAP-CODES)"))
    for i, r in enumerate(data.table("cresap_schedule_c_titles").iter_rows(named=True), start=1):
        rows.append(dict(class_code=f"RGC{i:03d}", class_title=r["class_title"], schedule="C", grade=r["category"],
                         tag="teacher", note="Schedule C title; no code printed (A-CRESAP-CODES)"))
    for i, r in enumerate(data.table("cresap_schedule_d").iter_rows(named=True), start=1):
        lo, hi = r["annual_minimum"], r["annual_maximum"]
        # one rate, or (the Assistant Attorneys General) a range: both by the Schedule D rule, whose $2,000 limit
        # holds for every move into Schedule D (line 538)
        grade = str(lo // 100) if lo == hi else ("AAG-II" if r["class_title"].endswith("II") else "AAG-I")
        rows.append(dict(class_code=f"RGD{i:03d}", class_title=r["class_title"], schedule="D", grade=grade,
                         tag="single_rate", note="Schedule D title; no code printed (A-CRESAP-CODES)"))
    return rows


def hay_rows() -> list[dict]:
    found: dict[str, dict] = {}
    conflicts = []

    def add(code, title, points, grade, source):
        row = dict(class_code=code, class_title=title, schedule="I", grade=str(grade),
                   points="" if points is None else str(points), tag="classified", note=source)
        old = found.get(code)
        if old is None:
            found[code] = row
            return
        if old["grade"] != row["grade"] or (old["points"] and row["points"] and old["points"] != row["points"]):
            conflicts.append((code, old, row))
        if not old["points"] and row["points"]:
            old["points"] = row["points"]
        old["note"] += f"; {source}"

    for r in data.table("hay_job_families").iter_rows(named=True):
        add(r["class_code"], r["class_title"], r["points"], r["proposed_grade"], f"job family table ({r['family']})")
    for r in data.table("hay_collapsible").iter_rows(named=True):
        add(r["class_code"], r["class_title"], r["points"], r["allocated_range"], "collapsible classes table")
    for r in data.table("hay_omnibus").filter(pl.col("points_range").is_not_null()).iter_rows(named=True):
        if (r["class_code"], r["class_title"]) == ("6406", "Dept. Pers. Off. II"):
            # Printed 6406 in the Education row only; 6406 is Chemist Asst. II, and every other agency prints
            # Dept. Pers. Off. II as 0406 with the same ranges (20, 22, 27): the same class, already added.
            continue
        add(r["class_code"], r["class_title"], None, r["points_range"], "Omnibus Bill table")
    if conflicts:
        raise SystemExit(f"conflicting allocations: {conflicts}")
    rows = sorted(found.values(), key=lambda r: r["class_code"])
    # The synthetic roster's classes (simulator/synthetic.py), so the scenario places every synthetic row.
    for r in synthetic.hay_catalogue().filter(pl.col("synthetic")).iter_rows(named=True):
        rows.append(dict(class_code=r["class_code"], class_title=r["class_title"], schedule=r["schedule"],
                         grade=str(r["grade"]), points=str(r["points"]), tag="synthetic",
                         note="SYNTHETIC class of the generated 1975 roster, not printed (A-SYNTH-HAY-CLASSES)"))
    return rows


# The Maine Management Service (A-MMS-BANDS): the MMS documents print no grades, ranges or list of classes.
# "about 700 confidential managers and executives" (mms-overview.txt): the Schedule I classes of Hay grade 27 and
# up (143 classes; 699 of the 10,767 on the synthetic 1975 roster, seed 0); the physicians of Schedule Ia are not
# managers ("Confidential employees who are not managers are not included"). Three series, "three subcategories in each"
# (mms-classification-series.txt): the Coordinator (the expert) and the Manager (who runs a program) are parallel
# roles at levels I-III; the Executives sit above them.
MMS_LEVELS = [((27, 28), "I"), ((29, 30), "II"), ((31, 32), "III")]  # Coordinator and Manager alike
MMS_EXECUTIVE = [((33, 34), "I"), ((35, 36), "II"), ((37, 41), "III")]
MMS_LOWEST_GRADE = 27
# A class is a Manager's when its title names a manager (director, supervisor, manager, chief ...); otherwise a
# Coordinator's (analysts, specialists, engineers, counsel). A synthetic class, whose title says nothing, is a
# Manager's when its code is even.
MANAGER_WORDS = (r"(?i)\b(dir|director|supv|superv|supervisor|mgr|manager|chief|superintendent|supt|administrator"
                 r"|head)\b")


def mms_band(grade: int, title: str, code: str) -> tuple[str, str] | None:
    """(MMS class code, title) for a Schedule I class of this grade, or None below the MMS."""
    import re

    for (lo, hi), level in MMS_EXECUTIVE:
        if lo <= grade <= hi:
            return f"PSE-{level}", f"Public Service Executive {level}"
    for (lo, hi), level in MMS_LEVELS:
        if lo <= grade <= hi:
            manager = re.search(MANAGER_WORDS, title) if not title.startswith("Synthetic class") else \
                int(re.sub(r"\D", "", code) or 0) % 2 == 0
            return (f"PSM-{level}", f"Public Service Manager {level}") if manager else \
                (f"PSC-{level}", f"Public Service Coordinator {level}")
    return None


def mms_rows() -> list[dict]:
    """Every class of the 1975 crosswalk: the managers into the nine MMS classes, the rest (and the physicians)
    kept on Schedule I / Ia and tagged not_mms (the scenario excludes them)."""
    rows = []
    for r in hay_rows():
        band = mms_band(int(r["grade"]), r["class_title"], r["class_code"]) if r["schedule"] == "I" else None
        if band is None:
            why = "a physician (Schedule Ia), not a manager" if r["schedule"] == "Ia" else "below the MMS grades"
            rows.append(dict(r, tag="not_mms", note=r["note"] + f"; {why}: not in the MMS"))
        else:
            rows.append(dict(r, schedule="MMS", grade=band[0], points="", tag="mms",
                             note=f"Hay grade {r['grade']} -> {band[1]} (A-MMS-BANDS)"))
    return rows


def mms_ranges() -> dict[str, tuple[int, int]]:
    """Each MMS class's assumed open range (A-MMS-RANGES): Schedule I step A of its band's lowest grade to step Y
    of its highest, annual dollars; the Coordinator and the Manager of a level share it."""
    s1 = {(g, s): a for g, s, a in data.table("hay_schedule_1").select("grade", "step", "annual").iter_rows()}
    out = {}
    for (lo, hi), level in MMS_LEVELS:
        for series in ("PSC", "PSM"):
            out[f"{series}-{level}"] = (s1[(lo, "A")] // 100, s1[(hi, "Y")] // 100)
    for (lo, hi), level in MMS_EXECUTIVE:
        out[f"PSE-{level}"] = (s1[(lo, "A")] // 100, s1[(hi, "Y")] // 100)
    return out


def write(path: Path, rows: list[dict]) -> int:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({c: r.get(c) or "" for c in COLUMNS})
    return len(rows)


def build(out: Path = HERE) -> dict[str, int]:
    return {"cresap-1967-crosswalk.csv": write(out / "cresap-1967-crosswalk.csv", cresap_rows()),
            "hay-1975-crosswalk.csv": write(out / "hay-1975-crosswalk.csv", hay_rows()),
            "mms-crosswalk.csv": write(out / "mms-crosswalk.csv", mms_rows())}


if __name__ == "__main__":
    for name, n in build(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE).items():
        print(f"{name:32s} {n:5d} classes")
