"""From the seed to data/: cells read straight off clean seed lines are all in data/, exactly.

test_data_provenance checks the other direction (every printed value in data/ is on its cited line).
"""

import re

import polars as pl

from simulator import data

CRESAP = "cresap-1967-proposed-salary-plan.txt"
HAY = "hay-1975-classification-compensation-study.txt"


def seed_lines(seeds, name):
    return (seeds / name).read_text(encoding="utf-8").split("\n")


def numbers(line: str) -> list[str]:
    return [n.replace(",", "") for n in re.findall(r"\d[\d,]*(?:\.\d\d)?", line.replace("\\$", ""))]


def test_every_schedule_a_cell_is_in_data(seeds):
    lines = seed_lines(seeds, CRESAP)
    grades = {r["grade"]: r for r in data.raw_table("cresap_schedule_a_grades").iter_rows(named=True)}
    steps = data.raw_table("cresap_schedule_a_steps")
    rows = [ln for ln in lines[317:360] if re.match(r"^\d+\t(?:\\\$)? ?[\d,]+-", ln)]
    assert len(rows) == 27
    for ln in rows:
        nums = numbers(ln)
        g = int(nums[0])
        ours = grades[str(g)]
        weekly = steps.filter(pl.col("grade") == str(g)).sort("step")["weekly"].to_list()
        expect = [str(g), ours["annual_minimum"], ours["annual_maximum"], ours["annual_increment"],
                  ours["weekly_minimum"], ours["weekly_maximum"], ours["weekly_increment"], *weekly,
                  ours["premium_weekly"], ours["premium_annual"]]
        assert nums == expect, ln


def test_every_clean_schedule_1_row_is_in_data(seeds):
    lines = seed_lines(seeds, HAY)
    s1 = data.raw_table("hay_schedule_1")
    clean = 0
    for ln in lines[224:258]:
        nums = numbers(ln)
        if len(nums) >= 10 and (7 <= int(nums[0]) <= 29 or 38 <= int(nums[0]) <= 41) and "\t" in ln:
            g = nums[0]
            ours = s1.filter(pl.col("grade") == g)
            ours = dict(zip(ours["step"], ours["annual"]))
            assert [ours[s] for s in "ABCDEXY"] == nums[-7:], ln
            clean += 1
    assert clean == 27  # grades 7-29 and 38-41


def test_every_appendix_b_row_is_in_data(seeds):
    lines = seed_lines(seeds, CRESAP)
    ours = {r["class_code"]: r for r in data.raw_table("cresap_classes").iter_rows(named=True)}
    n = 0
    for i, ln in enumerate(lines[1120:2008], start=1121):
        m = re.match(r"^(\d{4})\t([^\t]+)\t(\d{2})$", ln)
        if m:
            row = ours[m[1]]
            assert (row["class_title_printed"], int(row["proposed_grade"]), int(row["source_line"])) == \
                (m[2], int(m[3]), i)
            n += 1
    assert n == 846


def test_every_highway_crosswalk_row_is_in_data(seeds):
    lines = seed_lines(seeds, CRESAP)
    ours = {tuple(r) for r in data.raw_table("cresap_highway_crosswalk").select(
        "class_title", "present_grade", "present_step", "proposed_grade", "proposed_step").iter_rows()}
    printed = {tuple(ln.split("\t")) for ln in lines[580:620] if ln.startswith("Highway ") and ln.count("\t") == 4}
    assert printed == ours and len(ours) == 21


def test_every_1965_plan_row_is_in_data(seeds):
    lines = seed_lines(seeds, CRESAP)
    plan = {r["grade"]: r for r in data.raw_table("cresap_plan_1965_ranges").iter_rows(named=True)}
    steps = data.raw_table("cresap_plan_1966_steps").filter(pl.col("step").is_in(list("ABCDE")))
    rows = [ln for ln in lines[1054:1103] if re.match(r"^\d+\t", ln)]
    assert len(rows) == 45
    for ln in rows:
        nums = numbers(ln)
        g = nums[0]
        r = plan[g]
        st = steps.filter(pl.col("grade") == g).sort("step")["weekly"].to_list()
        tail = [r["employees"], r["cost_per_week"]] if r["employees"] else []
        assert nums == [g, r["minimum_weekly"], r["midpoint_weekly"], r["maximum_weekly"], *st,
                        r["increase_weekly"], *tail], ln
