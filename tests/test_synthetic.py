"""Synthetic rosters: every published target met, valid, placeable, reproducible, labelled synthetic."""

import re
from pathlib import Path

import polars as pl
import pytest

from simulator import synthetic
from simulator.roster import validate_roster

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("era", ["1967", "1975"])
def test_calibration_at_the_published_size_meets_every_target(era):
    table = synthetic.calibrate(era)
    assert table.filter(~pl.col("met")).height == 0, table.filter(~pl.col("met")).rows()


@pytest.mark.parametrize("era, size, seed", [("1967", 2_000, 5), ("1975", 30_000, 9), ("1975", 37, 1)])
def test_calibration_holds_when_scaled(era, size, seed):
    table = synthetic.calibrate(era, size, seed)
    # small rosters cannot hold a smooth practice line or a 50-employee grade; everything else must hold
    skip = "practice line|departments" if size < 1000 else "\x00"
    missed = table.filter(~pl.col("met") & ~pl.col("target").str.contains(skip))
    assert missed.height == 0, missed.rows()


def test_1967_counts_per_grade_are_exactly_the_printed_ones():
    r = synthetic.roster("1967")
    cat = synthetic.cresap_catalogue()
    got = r.join(cat.select("class_code", "kind"), on="class_code").filter(
        pl.col("kind").is_in(["classified", "physician"])).group_by("grade").len()
    printed = {str(g): n for g, n in synthetic.data.table("cresap_plan_1965_ranges").select(
        "grade", pl.col("employees").fill_null(0)).iter_rows() if n}
    assert dict(got.iter_rows()) == printed
    assert sum(printed.values()) == 7822


@pytest.mark.parametrize("era", ["1967", "1975"])
def test_generated_roster_passes_validation_without_warnings(era):
    r = synthetic.roster(era, 3000, seed=2)
    typed, problems = validate_roster(r.with_columns(pl.all().cast(pl.String)), "synthetic")
    assert problems == [] and typed.height == 3000


@pytest.mark.parametrize("era", ["1967", "1975"])
def test_same_seed_same_file_other_seed_other_file(era, tmp_path):
    a, b, c = (synthetic.roster(era, 2000, seed=s) for s in (4, 4, 5))
    for frame, name in ((a, "a"), (b, "b"), (c, "c")):
        frame.write_csv(tmp_path / f"{name}.csv")
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    assert (tmp_path / "a.csv").read_bytes() != (tmp_path / "c.csv").read_bytes()


@pytest.mark.parametrize("era", ["1967", "1975"])
def test_labelled_synthetic_and_dates_fit_the_steps(era):
    r = synthetic.roster(era, 5000, seed=1)
    assert r["employee_id"].str.starts_with(f"SYN{era[2:]}-").all() and r["employee_id"].n_unique() == 5000
    as_of = synthetic.AS_OF[era]
    years = r.select(
        "step", "pay_basis", ((pl.lit(as_of) - pl.col("hire_date")).dt.total_days() / 365.25).alias("service"),
        ((pl.lit(as_of) - pl.col("birth_date")).dt.total_days() / 365.25).alias("age"),
        (pl.col("class_entry_date") >= pl.col("hire_date")).alias("entry_after_hire"))
    # the highway table's steps (maintenance men by the hour, foremen by the week: Cresap line 748)
    is_highway = pl.col("class_title").str.starts_with("Highway M") | pl.col("class_title").str.starts_with(
        "Highway Foreman")
    years = years.with_columns(r.select(is_highway.alias("highway"))["highway"])
    regular, highway = years.filter(~pl.col("highway")), years.filter(pl.col("highway"))
    assert regular.filter(pl.col("step") == "Y")["service"].min() >= 15 - 1 / 365
    assert regular.filter(pl.col("step") == "A")["service"].max() <= 0.5 + 1 / 365
    if era == "1967":  # highway steps: A to 8 years, B after 8, C after 15 (Cresap line 585)
        assert highway.filter(pl.col("step") == "A")["service"].max() <= 8 + 1 / 365
        assert highway.filter(pl.col("step") == "B")["service"].min() >= 8 - 1 / 365
        assert highway.filter(pl.col("step") == "C")["service"].min() >= 15 - 1 / 365
    assert years["age"].min() >= 18 and years["age"].max() <= 70
    assert (years["age"] - years["service"]).min() >= 18 - 1 / 365
    assert years["entry_after_hire"].all()
    fte = r["fte"]
    assert 0.01 < (fte < 1).mean() < 0.06 and fte.min() >= 0.5


def test_special_retirement_groups_are_coded():
    r = synthetic.roster("1967")
    plans = set(r["retirement_plan"])
    assert {"regular", "forest_rangers", "airplane_pilots", "liquor_inspectors"} <= plans


def test_sizes_out_of_range_are_refused():
    with pytest.raises(ValueError, match="size must be between 1 and 10,000,000"):
        synthetic.roster("1975", 0)
    with pytest.raises(ValueError, match="era must be one of 1967, 1975"):
        synthetic.roster("1980", 10)


def test_estimated_1974_schedule_has_the_described_shape():
    sched = synthetic.hay_1974_schedule()
    wide = sched.pivot(on="step", index="grade", values="annual").sort("grade")
    assert wide.height == 41
    spread = wide["Y"] / wide["A"] - 1
    assert spread.min() >= 0.28 and spread.max() <= 0.35  # "28 to 35 percent" (Hay line 206)
    d = wide["D"].to_list()
    assert all(b > a for a, b in zip(d, d[1:]))


def test_every_synthetic_assumption_is_documented():
    text = (ROOT / "simulator" / "synthetic.py").read_text()
    doc = (ROOT / "data" / "ASSUMPTIONS.md").read_text()
    ids = set(re.findall(r"A-SYNTH-[A-Z0-9-]+", text))
    assert len(ids) >= 8
    for i in sorted(ids):
        assert f"### {i}" in doc, i


def test_cli_generate_and_calibrate(tmp_path):
    import subprocess
    import sys

    out = tmp_path / "r.parquet"
    run = subprocess.run([sys.executable, "-m", "simulator", "roster", "generate", "--era", "1975", "--size", "500",
                          "--seed", "3", "--out", str(out)], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "SYNTHETIC" in run.stdout and pl.read_parquet(out).height == 500
    run = subprocess.run([sys.executable, "-m", "simulator", "roster", "calibrate", "--era", "1967"],
                         capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "5 of 5 targets met." in run.stdout and "SYNTHETIC" in run.stdout
