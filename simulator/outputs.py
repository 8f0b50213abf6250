"""Every file regrade writes goes through here: the path checked before any work (never an input of the command,
the store, a folder, or a place that cannot be written), the file written whole or not at all (a temporary file
beside it, then renamed), and every CSV with the cells a spreadsheet would run as a formula neutralized."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import polars as pl

# A cell a spreadsheet reads as a formula begins with one of these (OWASP, "CSV Injection"): such a text cell is
# written with a leading apostrophe, which every spreadsheet shows as text. Number columns are written as numbers.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")  # and full-width forms
FORMULA_CELL = "^[" + "".join(re.escape(c) for c in FORMULA_START) + "]"


class OutputError(ValueError):
    """An output path regrade will not write to (said in words; the command exits 2, nothing written)."""


def store_files(db: str | Path) -> list[Path]:
    """A DuckDB store and its write-ahead log."""
    return [Path(db), Path(f"{db}.wal")]


def _same(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError):  # a loop of links, a path that cannot be resolved: compared as written
        return os.path.abspath(a) == os.path.abspath(b)


def not_an_input(out: str | Path, inputs: list[tuple[str, Path]], option: str = "--out") -> Path:
    """``out``, or OutputError if it is (or resolves to) one of ``inputs``, (what, path) pairs."""
    out = Path(out)
    for what, path in inputs:
        if _same(out, Path(path)):
            raise OutputError(f"{option} {out}: is {what} ({path}), which this command reads; regrade never writes "
                              "over its input: give another file name")
    return out


def check(out: str | Path, inputs: list[tuple[str, Path]] = (), option: str = "--out") -> Path:
    """``out`` if regrade may write there, else OutputError naming the option, the path and why: it is (or
    resolves to) one of ``inputs`` ((what, path) pairs: the roster, the scenario, its crosswalk, the store...), a
    folder, not a regular file, or in a place where no file can be made. Call before any work."""
    out = not_an_input(out, inputs, option)
    shown = f"{option} {out}"
    if out.is_dir():
        raise OutputError(f"{shown}: is a folder; give a file name inside it")
    if out.exists() and not out.is_file():
        raise OutputError(f"{shown}: is not a regular file")
    folder = out.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise OutputError(f"{shown}: {folder} is a file, not a folder")
    try:  # the only sure test that a file can be made there: make one
        fd, probe = tempfile.mkstemp(prefix=".regrade-probe-", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise OutputError(f"{shown}: no file can be written in {folder} ({exc.strerror or exc})") from None
    return out


def write(out: str | Path, writer) -> None:
    """Call ``writer(tmp_path)`` on a temporary file beside ``out``, then move it into place: a failure or an
    interrupt leaves no partial file (and the old file, if any, as it was). The file gets the usual permissions
    (0666 less the umask). A full disk or a file system that refuses is said as OutputError."""
    out = Path(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
        os.close(fd)
    except OSError as exc:
        raise OutputError(f"{out}: cannot be written ({exc.strerror or exc})") from None
    tmp = Path(name)
    try:
        writer(tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, out)
    except OSError as exc:
        raise OutputError(f"{out}: could not be written whole ({exc.strerror or exc}); nothing was written "
                          "there") from None
    finally:
        tmp.unlink(missing_ok=True)


def csv_safe(frame: pl.DataFrame) -> pl.DataFrame:
    """Text cells that a spreadsheet would run as a formula (=, +, -, @, a tab or a carriage return first) with a
    leading apostrophe; every other cell as it is."""
    return frame.with_columns(pl.when(pl.col(c).str.contains(FORMULA_CELL)).then(pl.lit("'") + pl.col(c))
                              .otherwise(pl.col(c)).alias(c)
                              for c, t in frame.schema.items() if t == pl.String)


def csv_text(frame: pl.DataFrame) -> str:
    """A frame as CSV text, formula cells neutralized (the downloads of the report and the explorer)."""
    return csv_safe(frame).write_csv()


def write_csv(frame: pl.DataFrame, target, include_header: bool = True) -> None:
    """A frame as CSV to a path or an open binary file, formula cells neutralized."""
    csv_safe(frame).write_csv(target, include_header=include_header)
