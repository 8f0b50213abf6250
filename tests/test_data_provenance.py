"""Every row of data/ names its source, and every printed value is on the line it cites."""

import re
import sys
from pathlib import Path

import polars as pl
import pytest

from simulator import data

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "data"))
from build_tables import tokens  # noqa: E402  the builder's own reading of a seed line

ASSUMPTIONS = (ROOT / "data" / "ASSUMPTIONS.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", data.names())
def test_table_loads_typed_with_provenance(name):
    spec = data.TABLES[name]
    frame = data.table(name)
    assert frame.height > 0
    for col, kind in spec.columns.items():
        want = {"str": pl.String, "int": pl.Int64, "cents": pl.Int64, "rate": pl.Float64}[kind]
        assert frame.schema[col] == want, (col, frame.schema[col])
    assert frame["provenance"].null_count() == 0
    assert frame["source_line"].null_count() == 0 and frame["source_line"].min() >= 1
    assert frame["source_file"].null_count() == 0


@pytest.mark.parametrize("name", [n for n, s in data.TABLES.items() if s.key])
def test_keys_unique(name):
    key = list(data.TABLES[name].key)
    dup = data.table(name).group_by(key).len().filter(pl.col("len") > 1)
    assert dup.height == 0, dup


@pytest.mark.parametrize("name", data.names())
def test_every_repaired_or_assumed_value_says_why(name):
    frame = data.table(name).filter(pl.col("provenance") != "printed")
    missing = frame.filter(pl.col("note").is_null() | (pl.col("note").str.len_chars() < 10))
    assert missing.height == 0, missing


def test_every_assumed_value_is_listed_in_assumptions_md():
    ids = set()
    for name in data.names():
        frame = data.table(name).filter(pl.col("provenance") == "assumed")
        for note in frame["note"].to_list():
            found = re.findall(r"\((A-[A-Z0-9-]+)\)", note)
            assert found, f"{name}: assumed value without an ASSUMPTIONS.md id: {note}"
            ids.update(found)
    for i in ids:
        assert f"### {i}" in ASSUMPTIONS, f"{i} is not documented in data/ASSUMPTIONS.md"


def test_every_assumptions_id_in_a_note_exists():
    for name in data.names():
        for note in data.table(name)["note"].drop_nulls().to_list():
            for i in re.findall(r"\((A-[A-Z0-9-]+)\)", note):
                assert f"### {i}" in ASSUMPTIONS, f"{name}: note cites {i}, not in ASSUMPTIONS.md"


def _printed_forms(value: str) -> set[str]:
    """How a value written in data/ can stand in a seed line's tokens ('8' as '8' or '8%')."""
    forms = {value, value + "%"}
    if value.startswith("."):
        forms |= {"0" + value}
    return forms


@pytest.mark.parametrize("name", [n for n, s in data.TABLES.items() if s.checked])
def test_printed_values_are_on_their_cited_line(name, seeds):
    spec = data.TABLES[name]
    raw = data.raw_table(name).filter(pl.col("provenance") == "printed")
    lines = {}
    failures = []
    for row in raw.iter_rows(named=True):
        f = row["source_file"]
        if f not in lines:
            lines[f] = (seeds / f).read_text(encoding="utf-8").split("\n")
        toks = tokens(lines[f][int(row["source_line"]) - 1])
        for col in spec.checked:
            v = row[col]
            if v is None or v == "0":
                continue  # a zero is printed as a blank or a dash, which no token can show
            if not (_printed_forms(v) & toks):
                failures.append(f"{f}:{row['source_line']} {col}={v!r}")
    assert not failures, failures[:20]


def test_builder_reproduces_data_tables_byte_for_byte(seeds, tmp_path):
    """data/tables is exactly what data/build_tables.py writes from the seeds: no hand edits drift."""
    import build_tables

    written = build_tables.build(tmp_path, quiet=True)
    assert sorted(written) == sorted(data.names())
    for name in written:
        assert (tmp_path / f"{name}.csv").read_bytes() == (data.DATA_DIR / f"{name}.csv").read_bytes(), name


def test_every_assumption_id_the_engine_or_a_scenario_names_is_documented():
    from simulator.explain import ASSUMPTION_IDS
    from simulator.scenario import load_scenario

    ids = {i for i in ASSUMPTION_IDS if i}
    for path in (ROOT / "scenarios").glob("*.toml"):
        ids |= set(load_scenario(path).assumptions)  # an overlay's as merged with its base
    assert ids, "no ids found"
    for i in sorted(ids):
        assert f"### {i}" in ASSUMPTIONS, f"{i} is not documented in data/ASSUMPTIONS.md"


def test_every_assumption_id_in_the_code_is_documented():
    import re as re_

    ids = set()
    for folder in ("simulator", "kernels", "scenarios"):
        for path in (ROOT / folder).glob("*.*"):
            if path.suffix in (".py", ".toml"):
                ids |= set(re_.findall(r"\bA-(?:CRESAP|HAY|SYNTH|PROJ)-[A-Z0-9-]*[A-Z0-9]", path.read_text()))
    assert len(ids) >= 15
    missing = sorted(i for i in ids if f"### {i}" not in ASSUMPTIONS)
    assert not missing, missing
