"""The shipped crosswalks: complete against the seed tables, and exactly what their builder writes."""

import sys
from pathlib import Path

import polars as pl

from simulator import data

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scenarios"))


def crosswalk(name):
    return pl.read_csv(ROOT / "scenarios" / name, infer_schema=False)


def test_crosswalks_are_what_the_builder_writes(tmp_path):
    import build_crosswalks

    written = build_crosswalks.build(tmp_path)
    for name in written:
        assert (tmp_path / name).read_bytes() == (ROOT / "scenarios" / name).read_bytes(), name


def test_cresap_crosswalk_covers_appendix_b_under_printed_codes_and_grades():
    cw = crosswalk("cresap-1967-crosswalk.csv")
    ours = dict(cw.filter(pl.col("schedule") == "A").select("class_code", "grade").iter_rows())
    for code, grade in data.table("cresap_classes").select("class_code", "proposed_grade").iter_rows():
        assert ours[code] == str(grade), code


def test_cresap_crosswalk_covers_every_other_title():
    cw = crosswalk("cresap-1967-crosswalk.csv")
    titles = set(cw["class_title"])
    for table, col in (("cresap_exhibit_2f", "class_title"), ("cresap_schedule_b_titles", "class_title"),
                       ("cresap_schedule_c_titles", "class_title"), ("cresap_schedule_d", "class_title")):
        missing = set(data.table(table)[col]) - titles
        assert not missing, (table, missing)
    highway = cw.filter(pl.col("tag") == "highway")
    assert set(highway["class_title"]) == set(data.table("cresap_highway_crosswalk")["class_title"])
    assert (highway["rule"] == "cresap_highway").all()
    assert cw["class_code"].n_unique() == cw.height
    # every code the seed does not print is a regrade code
    printed = set(data.table("cresap_classes").filter(pl.col("provenance") != "assumed")["class_code"])
    assert all(c in printed or c.startswith("RG") for c in cw["class_code"])


def test_hay_crosswalk_carries_points_and_grades_of_every_printed_class():
    cw = crosswalk("hay-1975-crosswalk.csv")
    rows = {r["class_code"]: r for r in cw.iter_rows(named=True)}
    for code, pts, grade in data.table("hay_job_families").select("class_code", "points", "proposed_grade").iter_rows():
        assert (rows[code]["points"], rows[code]["grade"]) == (str(pts), str(grade))
    for code, pts, grade in data.table("hay_collapsible").select("class_code", "points", "allocated_range").iter_rows():
        assert (rows[code]["points"], rows[code]["grade"]) == (str(pts), str(grade))
    omnibus = data.table("hay_omnibus").filter(pl.col("points_range").is_not_null() & (pl.col("class_code") != "6406"))
    for code, grade in omnibus.select("class_code", "points_range").iter_rows():
        assert rows[code]["grade"] == str(grade)
