"""What this command has stored, so that after Ctrl-C (or SIGTERM) it says the truth: each run committed, each
found stored already, and the run whose transaction was under way when the interrupt came (looked up in its
store afterwards, by its content key among the ids above the highest one before it began).

One state per run: being stored (``begin``), then stored as run N (``committed``, set only once the store's
COMMIT has returned); a run found stored already (``found``) was not stored by this command.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Ledger:
    stored: list[tuple[int, str]] = field(default_factory=list)  # (run id, store) committed by this command
    interrupted: bool = False  # Ctrl-C or SIGTERM came (set by the signal itself, see on_interrupt)
    pending: dict | None = None  # {db, key, after, name}: a transaction begun, its outcome not yet known

    def begin(self, db, key: str, after: int, name: str = "") -> None:
        self.pending = {"db": str(db), "key": key, "after": after, "name": name}

    def committed(self, run_id: int) -> None:
        self.stored.append((run_id, self.pending["db"]))
        self.pending = None

    def found(self) -> None:
        """The run was stored already (an identical one): nothing is being stored."""
        self.pending = None

    def settle(self) -> str | None:
        """After an interrupt: whether the pending run is in its store (then recorded as stored). Returns what
        became of it in words when it was not stored or could not be checked, else None."""
        if self.pending is None:
            return None
        p, self.pending = self.pending, None
        try:
            run_id = _committed_after(p["db"], p["key"], p["after"])
        except Exception as exc:  # a store that cannot be read now: say so, never guess
            return f"the store {p['db']} could not be read to check whether the run being stored was stored ({exc})"
        if run_id is None:
            return f"the run being stored{' (' + p['name'] + ')' if p['name'] else ''} was not stored in {p['db']}"
        self.stored.append((run_id, p["db"]))
        return None

    def summary(self) -> str:
        """What was stored, as a sentence, for a command stopped by an error: the runs stored whole, or nothing;
        and what became of the one under way."""
        unsure = self.settle()
        stored = ", ".join(f"run {r} in {db}" for r, db in self.stored)
        text = f"Stored whole before it: {stored}; nothing else was stored." if stored else "Nothing was stored."
        return text + (f" ({unsure[0].upper()}{unsure[1:]}.)" if unsure else "")

    def after_interrupt(self) -> str:
        """The one message after an interrupt: what was stored (ids and stores), and what was not."""
        unsure = self.settle()
        if not self.stored:
            return f"interrupted; {unsure}: nothing was stored." if unsure else "interrupted; nothing was stored."
        by_db: dict[str, list[int]] = {}
        for run_id, db in self.stored:
            by_db.setdefault(db, []).append(run_id)
        runs = "; ".join((f"run {ids[0]}" if len(ids) == 1 else "runs " + ", ".join(map(str, ids))) + f" in {db}"
                         for db, ids in by_db.items())
        n = len(self.stored)
        text = (f"interrupted. Stored whole before the interrupt: {runs}; do not run {'it' if n == 1 else 'them'} "
                f"again ('regrade runs' lists {'it' if n == 1 else 'them'}).")
        return text + (f" {unsure[0].upper()}{unsure[1:]}." if unsure else "")


def on_interrupt(signum, frame) -> None:
    """Ctrl-C or SIGTERM while the command runs: remembered, then raised as a KeyboardInterrupt. Remembered because
    an interrupt inside a library's import (a C extension's initialisation) can surface as another error."""
    LEDGER.interrupted = True
    raise KeyboardInterrupt


def _committed_after(db, key: str, after: int) -> int | None:
    """The run with this content key stored with an id above ``after`` (this command's, not an older identical
    one stored with --force before it), or None."""
    from simulator import store

    if not Path(db).is_file():
        return None
    con = store.connect(db, read_only=True)
    try:
        found = con.execute("SELECT min(run_id) FROM runs WHERE content_key = ? AND run_id > ?", [key, after])
        row = found.fetchall()
        return row[0][0] if row and row[0][0] is not None else None
    finally:
        con.close()


LEDGER = Ledger()
