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

HIGHWAY_CODES = {  # printed in Appendix B where a code exists; RG codes for the classes it does not list
    "Highway Maintenance Man I": "9903", "Highway Maintenance Man II": "RGH002",
    "Highway Maintenance Man III": "RGH003", "Highway Maintenance Man IV": "RGH004",
    "Highway Maintenance Man V": "RGH005", "Highway Foreman I": "9901", "Highway Foreman II": "9902",
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
        if lo == hi:
            grade, rule = str(lo // 100), None
        else:
            grade, rule = ("AAG-II" if r["class_title"].endswith("II") else "AAG-I"), "to_minimum"
        rows.append(dict(class_code=f"RGD{i:03d}", class_title=r["class_title"], schedule="D", grade=grade, rule=rule,
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


# The nine MMS classes by Hay grade band (A-MMS-BANDS): the MMS documents print no grades or ranges.
MMS_BANDS = [((22, 23), "PSC-I", "Public Service Coordinator I"), ((24, 25), "PSM-I", "Public Service Manager I"),
             ((26, 27), "PSC-II", "Public Service Coordinator II"), ((28, 29), "PSM-II", "Public Service Manager II"),
             ((30, 31), "PSC-III", "Public Service Coordinator III"),
             ((32, 33), "PSM-III", "Public Service Manager III"), ((34, 35), "PSE-I", "Public Service Executive I"),
             ((36, 38), "PSE-II", "Public Service Executive II"), ((39, 41), "PSE-III", "Public Service Executive III")]


def mms_band(grade: int):
    return next((b for b in MMS_BANDS if b[0][0] <= grade <= b[0][1]), None)


def mms_rows() -> list[dict]:
    """Every class of the 1975 crosswalk: managers (Hay grade 22 and up) into the nine MMS classes, the rest
    kept on Schedule I (and excluded by the scenario)."""
    rows = []
    for r in hay_rows():
        band = mms_band(int(r["grade"]))
        if band is None:
            rows.append(dict(r, tag="not_mms", note=r["note"] + "; below the MMS bands: not in the MMS"))
        else:
            rows.append(dict(r, schedule="MMS", grade=band[1], points="", tag="mms",
                             note=f"Hay grade {r['grade']} -> {band[2]} (A-MMS-BANDS)"))
    return rows


def mms_ranges() -> dict[str, tuple[int, int]]:
    """Each MMS class's assumed open range (A-MMS-RANGES): Schedule I step A of the band's lowest grade to
    step Y of its highest, annual dollars."""
    s1 = {(g, s): a for g, s, a in data.table("hay_schedule_1").select("grade", "step", "annual").iter_rows()}
    return {code: (s1[(lo, "A")] // 100, s1[(hi, "Y")] // 100) for (lo, hi), code, _ in MMS_BANDS}


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
