"""The regrade command, run as a user runs it, in a subprocess."""

import subprocess
import sys


def regrade(*args):
    return subprocess.run([sys.executable, "-m", "simulator", *args], capture_output=True, text=True, timeout=120)


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
