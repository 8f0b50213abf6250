"""The regrade command, run as a user runs it, in a subprocess."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def regrade(*args):
    return subprocess.run([sys.executable, "-m", "simulator", *args], capture_output=True, text=True, timeout=300,
                          cwd=ROOT)


def test_data_summary_lists_every_table_and_the_headline_figures():
    out = regrade("data")
    assert out.returncode == 0, out.stderr
    assert "hay_schedule_1 " in out.stdout and "cresap_classes " in out.stdout
    assert "7,822 classified employees" in out.stdout
    assert "$68,500.50 a week" in out.stdout
    assert "10,767 classified employees" in out.stdout
    assert "ASSUMPTIONS.md" in out.stdout


def test_one_table_as_csv_is_the_file_as_written():
    out = regrade("data", "hay_step_ratios", "--csv")
    assert out.returncode == 0
    assert out.stdout.splitlines()[0].startswith("step,ratio_to_d,source_file")
    assert "C,.9524," in out.stdout


def test_unknown_table_exits_2_and_names_the_tables():
    out = regrade("data", "no_such_table")
    assert out.returncode == 2
    assert "no table 'no_such_table'" in out.stderr and "hay_schedule_1" in out.stderr
    assert out.stdout == ""


def test_place_writes_one_row_per_employee_and_summarises(tmp_path):
    import polars as pl

    roster = tmp_path / "roster.csv"
    roster.write_text("employee_id,agency,class_code,grade,step,salary,pay_basis\n"
                      "E1,Labor,0022,8,C,77.50,weekly\nE2,Labor,0820,17,A,109,weekly\n")
    for suffix in (".parquet", ".csv"):
        out = tmp_path / f"placed{suffix}"
        run = regrade("place", "--roster", str(roster), "--scenario", "scenarios/cresap-1967.toml", "--out", str(out))
        assert run.returncode == 0, run.stderr
        assert "Placed 2 employees" in run.stdout and "A.bump_increment" in run.stdout
        assert "$9,698.00 before, $10,400.00 after: $702.00 (7.24 %)" in run.stdout
        frame = pl.read_parquet(out) if suffix == ".parquet" else pl.read_csv(out)
        assert frame["employee_id"].to_list() == ["E1", "E2"]
        assert [str(v) for v in frame["new_annual_dollars"].to_list()] in (["4368.00", "6032.00"],
                                                                            ["4368.0", "6032.0"])
        assert not [c for c in frame.columns if c.endswith("_cents")]  # dollars only in a file a person reads
        if suffix == ".csv":
            assert "4368.00" in out.read_text() and "436800" not in out.read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["placed.csv", "placed.parquet", "roster.csv"]


def test_place_rejects_an_unknown_output_format(tmp_path):
    run = regrade("place", "--roster", "x.csv", "--scenario", "y.toml", "--out", str(tmp_path / "out.xlsx"))
    assert run.returncode == 2 and "--out must end in .parquet or .csv" in run.stderr


def test_readme_documents_every_roster_column_and_the_two_commands():
    from simulator.schema import ROSTER

    readme = (ROOT / "README.md").read_text()
    for column, spec in ROSTER.items():
        assert f"| `{column}` |" in readme and spec.description in readme, column
    ci = (ROOT / ".ci" / "run").read_text()
    command = [ln for ln in ci.splitlines() if "pytest" in ln][0].strip()
    assert command in readme


def test_readme_template_example_is_true():
    import polars as pl

    from simulator.placement import place

    roster = pl.DataFrame({"employee_id": ["E1"], "agency": ["Tax"], "class_code": ["0022"], "grade": ["8"],
                           "step": ["C"], "salary": ["77.50"], "pay_basis": ["weekly"]})
    r = place(roster, ROOT / "scenarios" / "template.toml").frame.row(0, named=True)
    assert (r["new_grade"], r["rule"], r["new_annual_cents"]) == ("2", "GEN.closest_step", 8050 * 52)
    assert "$80.50" in (ROOT / "README.md").read_text()


def test_the_demos_scenarios_are_where_the_commands_look_for_them():
    """The demo runs the shipped scenarios from simulator.commands.common.SCENARIOS (a path once one folder off
    after the command line moved into simulator/commands/: the demo failed, and only its slow test saw it)."""
    from simulator.commands.common import SCENARIOS
    from simulator.commands.runs import DEMO_RUNS

    assert SCENARIOS == ROOT / "scenarios"
    for _, name in DEMO_RUNS:
        assert (SCENARIOS / f"{name}.toml").is_file(), name
