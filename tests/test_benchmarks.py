"""The benchmark harness still runs, and its equality assertions still hold (quick sizes only: speed is
measured in benchmarks/, never in unit tests, so nothing here checks a time)."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow  # about three minutes: CI's second step
def test_benchmarks_quick(tmp_path):
    out = tmp_path / "RESULTS.md"
    run = subprocess.run([sys.executable, "-m", "benchmarks", "--quick", "--out", str(out)], cwd=ROOT,
                         capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr[-3000:]
    text = out.read_text()
    for row in ("analyst: plain Python loop, same rules (results equal)", "polars expressions",
                "roofline", "10-year projection", "DuckDB", "regrade demo end to end", "cold start",
                "analyst: 10-year projection, plain Python loop over positions (same rules, results equal)",
                "analyst: 10-year projection, pandas apply row by row (same rules, results equal)",
                "write-only floor", "DuckDB floor", "regrade run end to end", "Monte Carlo replicas"):
        assert row in text, row
    assert "| min | median | runs |" in text
