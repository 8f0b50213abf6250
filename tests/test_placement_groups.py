"""Groups: other rules for parts of the roster, exclusions, raise caps, set grades (a scenario overlay)."""

from pathlib import Path

import polars as pl

from simulator.placement import place

ROOT = Path(__file__).resolve().parents[1]


def scenario(tmp_path, extra: str) -> Path:
    base = (ROOT / "scenarios" / "cresap-1967.toml").read_text()
    crosswalk = ROOT / "scenarios" / "cresap-1967-crosswalk.csv"
    (tmp_path / crosswalk.name).write_bytes(crosswalk.read_bytes())
    path = tmp_path / "s.toml"
    path.write_text(base + "\n" + extra)
    return path


ROSTER = pl.DataFrame({
    "employee_id": ["E1", "E2", "E3", "E4"], "agency": ["Labor", "Health", "Labor", "Labor"],
    "class_code": ["0022", "0022", "0022", "0022"], "grade": ["8", "8", "8", "8"], "step": ["C", "C", "A", "C"],
    "salary": ["77.50", "77.50", "70.50", "77.50"], "pay_basis": ["weekly"] * 4,
    "bargaining_unit": [None, None, None, "AFSCME"], "fund": ["general", "general", "highway", "general"],
    "class_entry_date": ["1960-01-01", None, "1967-01-01", None],
})


def test_exclusion_keeps_pay_and_reports_excluded(tmp_path):
    s = scenario(tmp_path, '[[groups]]\nname = "health stays"\nmatch = { agency = ["Health"] }\nexclude = true\n')
    out = place(ROSTER, s).frame
    e2 = out.filter(pl.col("employee_id") == "E2").row(0, named=True)
    assert e2["rule"] == "EXCLUDED" and e2["new_annual_cents"] == e2["old_annual_cents"] == 7750 * 52
    assert e2["target_schedule"] is None and e2["new_grade"] == "8"
    assert "Excluded by the scenario's group 'health stays'" in e2["explanation"]
    assert out.filter(pl.col("employee_id") != "E2")["rule"].to_list() == ["A.bump_increment", "A.lowest_above",
                                                                            "A.bump_increment"]


def test_rule_by_fund_and_cap_by_bargaining_unit(tmp_path):
    s = scenario(tmp_path, '[[groups]]\nname = "highway fund"\nmatch = { fund = ["highway"] }\nrule = "to_minimum"\n'
                           '[[groups]]\nname = "union cap"\nmatch = { bargaining_unit = ["AFSCME"] }\n'
                           'cap_amount = 100\n')
    out = {r["employee_id"]: r for r in place(ROSTER, s).frame.iter_rows(named=True)}
    # E3: $70.50 -> grade 7 minimum $80 (to_minimum instead of cresap_a)
    assert (out["E3"]["rule"], out["E3"]["new_annual_cents"]) == ("GEN.to_minimum", 8000 * 52)
    # E4: $77.50 -> $84 would be +$338 a year; capped at $100 a year, exactly: $4,130.00 a year, $238 still owed
    assert out["E4"]["rule"] == "CAP.amount"
    assert out["E4"]["new_annual_cents"] == 7750 * 52 + 10_000
    assert out["E4"]["owed_annual_cents"] == 8400 * 52 - (7750 * 52 + 10_000)


def test_years_in_class_uses_the_schedule_timetable(tmp_path):
    s = scenario(tmp_path, '[[groups]]\nname = "by years"\nmatch = { agency = ["Labor"] }\nrule = "years_in_class"\n')
    out = {r["employee_id"]: r for r in place(ROSTER, s).frame.iter_rows(named=True)}
    # E1 entered the class 1960-01-01: 7.5 years by 1967-07-01 -> step G (84 months)
    assert (out["E1"]["rule"], out["E1"]["new_step"]) == ("GEN.years_in_class", "G")
    # E3 entered 1967-01-01: 6 months -> step B $84, above $70.50
    assert (out["E3"]["rule"], out["E3"]["new_step"]) == ("GEN.years_in_class", "B")
    # E4 has no entry date: closest step with no decrease, $80 (A)
    assert (out["E4"]["rule"], out["E4"]["new_step"]) == ("GEN.years_fallback", "A")


def test_set_grade_reallocates_a_group(tmp_path):
    """The alternative handling of grades 1-3 (Cresap line 367): Clerk I (0001, grade 3) to grade 4."""
    s = scenario(tmp_path, '[[groups]]\nname = "clerk I to 4"\nmatch = { class_code = ["0001"] }\nset_grade = "4"\n')
    roster = pl.DataFrame({"employee_id": ["C1"], "agency": ["Labor"], "class_code": ["0001"], "grade": ["3"],
                           "step": ["C"], "salary": ["61"], "pay_basis": ["weekly"]})
    r = place(roster, s).frame.row(0, named=True)
    assert (r["new_grade"], r["new_step"]) == ("4", "B")  # $61 -> A $64 is +$3, the increment: A; floor B: $67
    assert r["rule"] == "A.floor_B"


def test_top_level_place_returns_a_frame_and_warns(tmp_path):
    import warnings

    import simulator

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        frame = simulator.place(ROSTER.with_columns(pl.lit("78.00").alias("salary")),
                                ROOT / "scenarios" / "cresap-1967.toml")
    assert isinstance(frame, pl.DataFrame) and frame.height == 4
    assert any("does not match grade 8 step C" in str(w.message) for w in caught)


def test_unclassified_similar_by_the_schedule_b_procedure(tmp_path):
    """Cresap line 645: if the Exhibit II-F positions stay unclassified, the Schedule B procedure applies,
    here on the quarter points of their Schedule A range."""
    s = scenario(tmp_path, '[schedules.AQ]\nquarter_points_of = "A"\n[[groups]]\nname = "II-F by B"\n'
                           'match = { tag = ["unclassified_similar"] }\nschedule = "AQ"\nrule = "quarter_points"\n')
    # Clerk Stenographer II (Exhibit II-F, grade 7: $80-$104 weekly; quarter points 80, 86, 92, 98, 104)
    roster = pl.DataFrame({"employee_id": ["U1", "U2"], "agency": ["Labor"] * 2, "class_code": ["RGF010", "RGF010"],
                           "grade": ["U", "U"], "step": [None, None], "salary": ["75.00", "96.00"],
                           "pay_basis": ["weekly"] * 2})
    out = {r["employee_id"]: r for r in place(roster, s).frame.iter_rows(named=True)}
    # $75 -> the minimum point $80 is +6.7 %
    assert out["U1"]["rule"] == "B.to_point" and out["U1"]["new_annual_cents"] == 8000 * 52
    # $96 -> next point $98 is +2.1 %, so 5 %: $100.80
    assert out["U2"]["rule"] == "B.min_5pct" and out["U2"]["new_annual_cents"] == 10080 * 52


def test_grade_from_points_and_an_inline_open_range(tmp_path):
    """A crosswalk row with points and no grade is allocated by the point ranges; an inline open-range
    schedule (the MMS kind, ranges assumed) places by bringing to the minimum."""
    (tmp_path / "cw.csv").write_text("class_code,class_title,schedule,grade,points\n"
                                     "P1,Points only,I,,250\nM1,Public Service Manager I,MMS,I,\n")
    (tmp_path / "s.toml").write_text(
        'name = "t"\nold_plan = "hay_1974"\ncrosswalk = "cw.csv"\n'
        '[schedules]\nI = "hay_schedule_1"\n'
        '[schedules.MMS]\nkind = "open_range"\nbasis = "annual"\nsteps = ["minimum", "maximum"]\n'
        'grades = { "I" = [14000, 21000] }\nprovenance = "assumed"\n'
        '[rules]\nI = "hay_same_step"\nMMS = "to_minimum"\n')
    roster = pl.DataFrame({"employee_id": ["A", "B"], "agency": ["Education"] * 2, "class_code": ["P1", "M1"],
                           "grade": ["15", "30"], "step": ["C", "B"], "salary": ["9000", "12500"],
                           "pay_basis": ["annual"] * 2})
    out = {r["employee_id"]: r for r in place(roster, tmp_path / "s.toml").frame.iter_rows(named=True)}
    # 250 points lies in grade 17's range (249-267): same step C of grade 17, $9,896
    assert (out["A"]["new_grade"], out["A"]["new_step"], out["A"]["new_annual_cents"]) == ("17", "C", 989_600)
    assert (out["B"]["rule"], out["B"]["new_annual_cents"]) == ("GEN.to_minimum", 1_400_000)
