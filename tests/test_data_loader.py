"""The loader: exact cents, typed columns, and loud errors on a damaged file."""

import shutil

import polars as pl
import pytest

from simulator import data


def test_money_is_exact_int64_cents():
    plan = data.table("cresap_plan_1965_ranges")
    assert plan.schema["cost_per_week"] == pl.Int64
    row = plan.filter(pl.col("grade") == 6).row(0, named=True)
    assert row["maximum_weekly"] == 7050 and row["cost_per_week"] == 173_550  # "70.50", "1735.50"
    ia = data.table("hay_schedule_1a").filter((pl.col("grade") == 29) & (pl.col("step") == "A"))
    assert ia["annual"].item() == 1_986_991  # "19869.91"


def test_cents_parser_never_goes_through_a_float():
    frame = pl.DataFrame({"v": ["0.07", "1.1", "19869.91", "-6", "100000000000.29", "5"]})
    got = frame.select(data._cents("v"))["v"].to_list()
    assert got == [7, 110, 1_986_991, -600, 10_000_000_000_029, 500]


def test_unknown_table_names_the_choices():
    with pytest.raises(KeyError, match="hay_schedule_1"):
        data.table("hay_schedule_9")


def test_table_returns_a_copy():
    a = data.table("hay_step_ratios")
    a = a.with_columns(pl.lit(0.0).alias("ratio_to_d"))
    assert data.table("hay_step_ratios")["ratio_to_d"].max() > 1


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    dst = tmp_path / "tables"
    shutil.copytree(data.DATA_DIR, dst)
    monkeypatch.setattr(data, "DATA_DIR", dst)
    data._load.cache_clear()
    yield dst
    data._load.cache_clear()


def test_bad_cells_are_all_reported_with_file_row_column_and_value(data_copy):
    path = data_copy / "cresap_schedule_b.csv"
    text = path.read_text().replace(",15500,", ",15x00,", 1).replace(",12250,", ",12.250,", 1)
    path.write_text(text)
    with pytest.raises(data.DataError) as err:
        data.table("cresap_schedule_b")
    msg = str(err.value)
    # file line 9 is grade H (maximum $15,500); file line 10 is grade I (midpoint $12,250)
    assert "cresap_schedule_b.csv: row 9, column maximum: '15x00' is not cents" in msg
    assert "cresap_schedule_b.csv: row 10, column midpoint: '12.250' is not cents" in msg


def test_a_bad_provenance_is_rejected(data_copy):
    path = data_copy / "hay_step_ratios.csv"
    path.write_text(path.read_text().replace(",printed,", ",guessed,", 1))
    with pytest.raises(data.DataError, match=r"hay_step_ratios.csv: row 2, column provenance: 'guessed'"):
        data.table("hay_step_ratios")


def test_a_missing_column_is_rejected(data_copy):
    path = data_copy / "mms_classes.csv"
    lines = path.read_text().splitlines()
    path.write_text("\n".join(ln.split(",", 1)[1] for ln in lines) + "\n")
    with pytest.raises(data.DataError, match="mms_classes.csv: columns"):
        data.table("mms_classes")
