"""The truth after an interrupt (simulator/ledger.py), on a real store: each state a run can be in when Ctrl-C
comes, and the sentence for it. The interrupted processes themselves: tests/test_store.py (slow step)."""

import pytest

from simulator import store
from simulator.ledger import Ledger


def _commit(db, run_id, key):
    """A run row as the store's own transaction leaves it (only the columns the look-up reads matter here)."""
    con = store.connect(db)
    con.execute("INSERT INTO runs BY NAME SELECT ? AS run_id, ? AS content_key", [run_id, key])
    con.close()


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "s.duckdb"
    for run_id in (1, 2):
        _commit(path, run_id, f"k{run_id}")
    return path


def test_nothing_begun_is_nothing_stored():
    assert Ledger().after_interrupt() == "interrupted; nothing was stored."


def test_begun_not_committed_is_not_stored(db):
    ledger = Ledger()
    ledger.begin(db, "k3", 2, "hay")
    said = ledger.after_interrupt()
    assert said == f"interrupted; the run being stored (hay) was not stored in {db}: nothing was stored."


def test_committed_but_not_yet_recorded_is_found_in_the_store(db):
    """COMMIT returned, the interrupt came before the ledger heard: the store decides."""
    ledger = Ledger()
    ledger.begin(db, "k3", 2, "hay")
    _commit(db, 3, "k3")
    assert ledger.after_interrupt().startswith(f"interrupted. Stored whole before the interrupt: run 3 in {db}; do")


def test_an_older_identical_run_is_not_taken_for_this_one(db):
    """--force stores an identical run again: only an id above the highest before this one began is this one."""
    ledger = Ledger()
    ledger.begin(db, "k1", 2, "hay")  # k1 is run 1's key, stored before
    assert "was not stored" in ledger.after_interrupt()
    ledger.begin(db, "k1", 2, "hay")
    _commit(db, 3, "k1")
    assert "run 3 in" in ledger.after_interrupt()


def test_runs_stored_before_the_one_interrupted_are_said(db):
    """The demo's third run interrupted: runs 1 and 2 were stored by it, the third was not."""
    ledger = Ledger()
    for run_id in (1, 2):
        ledger.begin(db, f"k{run_id}", run_id - 1, "x")
        ledger.committed(run_id)
    ledger.begin(db, "k9", 2, "hay-1975-same-step")
    said = ledger.after_interrupt()
    assert said.startswith(f"interrupted. Stored whole before the interrupt: runs 1, 2 in {db}; do not run them")
    assert said.endswith(f"The run being stored (hay-1975-same-step) was not stored in {db}.")


def test_a_store_that_cannot_be_read_is_said_not_guessed(tmp_path):
    bad = tmp_path / "bad.duckdb"
    bad.write_bytes(b"not a database at all" * 100)
    ledger = Ledger()
    ledger.begin(bad, "k", 0)
    assert "could not be read to check" in ledger.after_interrupt()


def test_duckdbs_own_interrupt_is_an_interrupt():
    from simulator.cli import _is_interrupt

    assert _is_interrupt(RuntimeError("Query interrupted"))
    assert _is_interrupt(KeyboardInterrupt())
    assert not _is_interrupt(RuntimeError("something else"))
