"""The benchmark harness still runs, and its equality assertions still hold (quick sizes only: speed is
measured in benchmarks/, never in unit tests, so nothing here checks a time)."""

import os
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


def test_bench_simple_equals_its_sql_and_polars_peers_to_the_cent(tmp_path):
    """scenarios/bench-simple.toml run by regrade, and the same rules written without regrade (a DuckDB SQL
    script and a lazy polars script, benchmarks/peers.py): the cash paid by fiscal year and branch is equal."""
    from benchmarks import peers
    from simulator import synthetic

    roster = tmp_path / "r.parquet"
    synthetic.roster("1975", 3000, 4).write_parquet(roster)
    db = tmp_path / "r.duckdb"
    run = subprocess.run([sys.executable, "-m", "simulator", "run", "--roster", str(roster), "--scenario",
                          str(ROOT / "scenarios" / "bench-simple.toml"), "--years", "10", "--db", str(db)],
                         cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert peers.regrade_cash(db).height == 20  # 10 fiscal years x 2 branches
    for kind in ("sql", "polars"):
        out = tmp_path / f"{kind}.parquet"
        peer = subprocess.run([sys.executable, "-m", "benchmarks.peers", kind, str(roster), "10", str(out)],
                              cwd=ROOT, capture_output=True, text=True)
        assert peer.returncode == 0, peer.stderr
        assert peers.differences(db, out) == [], kind


@pytest.mark.slow  # about two minutes (two cold compiles): CI's second step
def test_whole_commands_quick(tmp_path):
    out = tmp_path / "RESULTS-commands.md"
    run = subprocess.run([sys.executable, "-m", "benchmarks.commands", "--quick", "--repeat", "1", "--out", str(out)],
                         cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr[-3000:]
    text = out.read_text()
    for row in ("peer: DuckDB SQL script", "peer: lazy polars script", "`regrade run` bench-simple",
                "`regrade run` hay-1975-same-step", "`regrade place`", "cold `regrade run`", "cold `regrade demo`"):
        assert row in text, row


@pytest.mark.slow  # about half a minute: CI's second step
def test_alternatives_quick(tmp_path):
    out = tmp_path / "RESULTS-alternatives.md"
    run = subprocess.run([sys.executable, "-m", "benchmarks.alternatives", "--quick", "--out", str(out)], cwd=ROOT,
                         capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr[-3000:]
    text = out.read_text()
    for row in ("recost one alternative in memory", "`regrade run` end to end", "`regrade sweep` of 10 alternatives",
                "`regrade solve`", "explorer what-if"):
        assert row in text, row


def test_the_kernels_threads_sleep_while_they_wait_unless_the_user_says_otherwise():
    """Spinning threads lose to one thread on a shared machine (benchmarks/RESULTS-threads.md): kernels/config.py
    asks OpenMP for sleeping ones, before any kernel runs, and leaves a user's own choice alone."""
    probe = "import os, kernels.config; print(os.environ['OMP_WAIT_POLICY'])"
    env = {k: v for k, v in os.environ.items() if k != "OMP_WAIT_POLICY"}
    said = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True)
    assert said.stdout.strip() == "PASSIVE", said.stderr
    own = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env={**env, "OMP_WAIT_POLICY": "ACTIVE"},
                         capture_output=True, text=True)
    assert own.stdout.strip() == "ACTIVE", own.stderr


@pytest.mark.slow  # about half a minute: CI's second step
def test_threads_quick(tmp_path):
    out = tmp_path / "RESULTS-threads.md"
    run = subprocess.run([sys.executable, "-m", "benchmarks.threads", "--repeat", "1", "--points", "5", "--size",
                          "500", "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr[-3000:]
    text = out.read_text()
    for row in ("two threads (sleeping while they wait)", "one thread", "peer: two threads spinning",
                "One core busy"):
        assert row in text, row


@pytest.mark.slow
def test_before_after_quick(tmp_path):
    """The before / after harness runs against this very commit: both sides' timings and a ratio for each row."""
    run = subprocess.run([sys.executable, "-m", "benchmarks.before_after", "--before", "HEAD", "--repeat", "1",
                          "--size", "2000", "--tmp", str(tmp_path / "work")], cwd=ROOT, capture_output=True,
                         text=True, timeout=1800)
    assert run.returncode == 0, run.stderr[-2000:]
    rows = [ln for ln in run.stdout.splitlines() if ln.startswith("| `regrade")]
    assert len(rows) == 3 and all(ln.count(" s / ") == 4 for ln in rows), run.stdout


@pytest.mark.slow  # about a minute (a cold compile): CI's second step
def test_scale_quick(tmp_path):
    out = tmp_path / "RESULTS-scale.md"
    run = subprocess.run([sys.executable, "-m", "benchmarks.scale", "--quick", "--repeat", "1", "--out", str(out)],
                         cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr[-3000:]
    text = out.read_text()
    for row in ("`regrade run` bench-simple", "60,000 x 10 years", "roster read and checked", "the fixed cost",
                "`advance_year`", "cold `regrade run`", "two threads (A) against one (B)",
                "`regrade run --replicas 20`"):
        assert row in text, row
    assert "load" in text and "| what |" in text and "| storing the run |" in text
