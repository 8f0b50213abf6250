"""Funding splits: a position paid from several funds by share (``fund = "general:0.6;federal:0.4"`` in the
roster), read and checked, and a cost by fund that splits each amount by those shares to the cent (largest
remainder), so that the funds add up to the total exactly."""

from __future__ import annotations

import re

import polars as pl

from simulator.errors import MAX_ROWS_PER_CHECK, rows_problems

PPM = 1_000_000  # shares are held in millionths
NAME = re.compile(r"^[^:;]{1,100}$")


def parse(text: str | None) -> list[tuple[str, int]] | str:
    """[(fund, share in millionths)] of a roster value, or the problem with it in words. One fund without a
    share is the whole: "general" = [("general", 1,000,000)]."""
    if text is None or not str(text).strip():
        return [("(none)", PPM)]
    parts = [p.strip() for p in str(text).split(";")]
    if len(parts) == 1 and ":" not in parts[0]:
        return [(parts[0], PPM)]
    out = []
    for part in parts:
        name, sep, share = part.rpartition(":")
        name = name.strip()
        if not sep or not name or not NAME.match(name):
            return f"'{part}' is not fund:share (write general:0.6;federal:0.4)"
        try:
            value = float(share)
        except ValueError:
            return f"the share of {name} ('{share.strip()}') is not a number"
        ppm = round(value * PPM)
        if not 0 < value <= 1 or abs(value * PPM - ppm) > 1e-6:
            return f"the share of {name} must be above 0 and at most 1, to six decimals at most, not {share.strip()}"
        out.append((name, ppm))
    names = [n for n, _ in out]
    if len(set(names)) < len(names):
        return "a fund is named twice"
    total = sum(p for _, p in out)
    if total != PPM:
        return f"the shares add up to {total / PPM:g}, not 1"
    return out


def problems(frame: pl.DataFrame, file: str) -> list:
    """Roster rows whose fund is a split that cannot be read, each with what is wrong (the first rows of each
    value listed, the rest counted, as every roster check does)."""
    if "fund" not in frame.columns:
        return []
    values = frame.select("_row", "fund").filter(pl.col("fund").str.contains(":|;"))
    out = []
    for value in values["fund"].unique(maintain_order=True).to_list():
        found = parse(value)
        if isinstance(found, str):
            rows = values.filter(pl.col("fund") == value)
            out += rows_problems(rows.head(MAX_ROWS_PER_CHECK).rows(), rows.height, file, "fund", found)
    return out


def shares(keys: list[str | None]) -> pl.DataFrame:
    """(fund_key, fund, share_ppm, primary) for each key: primary marks the fund with the largest share (the
    first of equals), which holds the key's counts (positions, headcount)."""
    rows = []
    for key in keys:
        parts = parse(key)
        if isinstance(parts, str):  # refused when the roster was read; never here
            raise ValueError(f"fund {key!r}: {parts}")
        top = max(range(len(parts)), key=lambda i: (parts[i][1], -i))
        rows += [(key, name, ppm, i == top) for i, (name, ppm) in enumerate(parts)]
    return pl.DataFrame(rows, schema={"fund_key": pl.String, "fund": pl.String, "share_ppm": pl.Int64,
                                      "primary": pl.Boolean}, orient="row")


def split(frame: pl.DataFrame, key: str, money: list[str], counts: list[str], keys: list[str]) -> pl.DataFrame:
    """``frame`` (one row per ``keys`` x fund key ``key``) with the fund key replaced by its funds: each column of
    ``money`` split by share, to the cent by the largest remainder (the parts add up to the row's amount); each of
    ``counts`` on the primary fund; then summed per ``keys`` x fund."""
    frame = frame.with_row_index("_r").rename({key: "fund_key"})
    table = shares(frame["fund_key"].unique().to_list())
    long = frame.join(table, on="fund_key", how="left", nulls_equal=True).drop("fund_key")
    parts = []
    for col in money:
        v = pl.col(col)
        exact = v.abs() * pl.col("share_ppm")
        base = exact // PPM
        left = v.abs() - base.sum().over("_r")
        rank = (exact % PPM).rank("ordinal", descending=True).over("_r")
        parts.append((v.sign() * (base + (rank <= left).cast(pl.Int64))).alias(col))
    long = long.with_columns(*parts, *[pl.when(pl.col("primary")).then(pl.col(c)).otherwise(0).alias(c)
                                       for c in counts])
    return long.group_by(*keys, "fund").agg(*[pl.col(c).sum() for c in [*money, *counts]]).rename({"fund": key})
