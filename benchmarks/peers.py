"""Peers of ``regrade run --scenario scenarios/bench-simple.toml``: the same job, written the way an analyst would
without regrade, once as a DuckDB SQL script and once as a lazy polars script. Each reads the roster file, the
crosswalk and the printed Schedule I / Ia tables, and writes the cash paid by fiscal year and branch
(fiscal_year, branch, cash_cents) to a Parquet file. benchmarks/commands.py asserts that both equal regrade's
run_totals to the cent, then times all three as whole processes.

The rules (scenarios/bench-simple.toml): each employee at the same step letter in the new grade; off the steps,
the lowest step not below the present pay if the grade is not lower, else the pay kept. On the new schedules, on
the first day of each fiscal year from the second: a 3 % general increase (every step rate, half up to the cent,
compounded year on year; a pay off the steps raised likewise), then one step up (a pay off the steps goes to the
first step above it, unless it is at or above the top). No one leaves. The baseline is the present pay. Cash paid
in a year: the annual pay times fte (thousandths), half up to the cent.

    python -m benchmarks.peers sql|polars ROSTER YEARS OUT.parquet
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CROSSWALK = ROOT / "scenarios" / "hay-1975-crosswalk.csv"
TABLES = ROOT / "data" / "tables"
SCHEDULES = {"I": TABLES / "hay_schedule_1.csv", "Ia": TABLES / "hay_schedule_1a.csv"}
FIRST_FY = 1977  # bench-simple's effective date 1976-07-01, fiscal years July-June named by their end
STEPS = "ABCDEXY"
TOP = len(STEPS) - 1


def sql_peer(roster: str, years: int, out: str) -> None:
    import duckdb

    con = duckdb.connect()
    step_index = "CASE {c} " + " ".join(f"WHEN '{s}' THEN {i}" for i, s in enumerate(STEPS)) + " END"
    con.execute(f"""
    CREATE TEMP TABLE rates AS
    WITH RECURSIVE printed AS (
        SELECT 'I' AS schedule, grade::VARCHAR AS grade, {step_index.format(c='step')} AS s,
               round(annual * 100)::BIGINT AS cents FROM read_csv('{SCHEDULES['I']}')
        UNION ALL
        SELECT 'Ia', grade::VARCHAR, {step_index.format(c='step')}, round(annual * 100)::BIGINT
        FROM read_csv('{SCHEDULES['Ia']}')),
    r(k, schedule, grade, s, cents) AS (
        SELECT 1, schedule, grade, s, cents FROM printed
        UNION ALL
        SELECT k + 1, schedule, grade, s, (2 * cents * 10300 + 10000) // 20000 FROM r WHERE k < {years})
    SELECT * FROM r;

    CREATE TEMP TABLE people AS
    WITH p AS (
        SELECT (CAST(r.salary AS DECIMAL(18, 2)) * 100)::BIGINT AS pay,
               round(coalesce(TRY_CAST(r.fte AS DOUBLE), 1) * 1000)::BIGINT AS fte_k,
               {step_index.format(c='r.step')} AS old_s, TRY_CAST(r.grade AS INTEGER) AS old_num,
               c.schedule, c.grade AS new_grade, TRY_CAST(c.grade AS INTEGER) AS new_num
        FROM read_parquet('{roster}') r JOIN read_csv('{CROSSWALK}', all_varchar = true) c USING (class_code)),
    closest AS (  -- off the steps, to a grade not lower: the lowest step not below the pay
        SELECT p.*, (SELECT min(s) FROM rates q WHERE q.k = 1 AND q.schedule = p.schedule AND q.grade = p.new_grade
                     AND q.cents >= p.pay) AS up_s,
               (SELECT cents FROM rates q WHERE q.k = 1 AND q.schedule = p.schedule AND q.grade = p.new_grade
                AND q.s = {TOP}) AS top_cents
        FROM p)
    SELECT row_number() OVER () AS i, pay, fte_k, schedule, new_grade, top_cents,
           CASE WHEN old_s IS NOT NULL THEN least(old_s, {TOP})
                WHEN new_num >= old_num AND up_s IS NOT NULL THEN up_s END AS s0
    FROM closest;

    -- pay kept off the steps: raised 3 % a year; below the top, to the first step above it in the second year
    CREATE TEMP TABLE kept AS
    WITH RECURSIVE k_pay(i, k, pay) AS (
        SELECT i, 1, pay FROM people WHERE s0 IS NULL
        UNION ALL
        SELECT i, k + 1, (2 * pay * 10300 + 10000) // 20000 FROM k_pay WHERE k < {years})
    SELECT k_pay.*, p.schedule, p.new_grade, p.pay < p.top_cents AS below_top FROM k_pay JOIN people p USING (i);

    CREATE TEMP TABLE joined AS  -- the step a kept pay reaches in the second year (NULL: stays off the steps)
    SELECT k.i, (SELECT count(*) FROM rates q WHERE q.k = 2 AND q.schedule = k.schedule AND q.grade = k.new_grade
                 AND q.cents <= k.pay) AS at_or_below
    FROM kept k WHERE k.k = 2 AND k.below_top;
    """)
    con.execute(f"""
    COPY (
        WITH yearly AS (
            SELECT y.k, p.fte_k, p.pay AS base_pay,
                   CASE WHEN p.s0 IS NOT NULL THEN
                            (SELECT cents FROM rates q WHERE q.k = y.k AND q.schedule = p.schedule
                             AND q.grade = p.new_grade AND q.s = least(p.s0 + y.k - 1, {TOP}))
                        WHEN y.k >= 2 AND j.at_or_below - 1 < {TOP} THEN
                            (SELECT cents FROM rates q WHERE q.k = y.k AND q.schedule = p.schedule
                             AND q.grade = p.new_grade AND q.s = least(greatest(j.at_or_below, 0) + y.k - 2, {TOP}))
                        ELSE kp.pay END AS reform_pay
            FROM people p CROSS JOIN range(1, {years} + 1) y(k)
            LEFT JOIN joined j ON j.i = p.i
            LEFT JOIN kept kp ON kp.i = p.i AND kp.k = y.k)
        SELECT ({FIRST_FY} - 1 + k)::INTEGER AS fiscal_year, branch, sum(cash)::BIGINT AS cash_cents FROM (
            SELECT k, 'baseline' AS branch, (2 * base_pay * fte_k + 1000) // 2000 AS cash FROM yearly
            UNION ALL
            SELECT k, 'reform', (2 * reform_pay * fte_k + 1000) // 2000 FROM yearly)
        GROUP BY ALL ORDER BY fiscal_year, branch
    ) TO '{out}' (FORMAT parquet)""")
    con.close()


def polars_peer(roster: str, years: int, out: str) -> None:
    import polars as pl

    def half_up_3pct(c: pl.Expr) -> pl.Expr:
        return (2 * c * 10300 + 10000) // 20000

    step_s = pl.col("step").replace_strict(list(STEPS), list(range(len(STEPS))), default=None, return_dtype=pl.Int64)
    printed = pl.concat([
        pl.scan_csv(path).select(pl.lit(name).alias("schedule"), pl.col("grade").cast(pl.String).alias("new_grade"),
                                 step_s.alias("s"), (pl.col("annual").cast(pl.Float64) * 100).round(0)
                                 .cast(pl.Int64).alias("cents"))
        for name, path in SCHEDULES.items()])
    by_year = [printed.with_columns(pl.lit(1).alias("k"))]
    for k in range(2, years + 1):
        by_year.append(by_year[-1].with_columns(half_up_3pct(pl.col("cents")).alias("cents"), pl.lit(k).alias("k")))
    rates = pl.concat(by_year).collect().lazy()
    first = rates.filter(pl.col("k") == 1)
    crosswalk = pl.scan_csv(CROSSWALK, infer_schema=False).select(
        "class_code", "schedule", pl.col("grade").alias("new_grade"))
    people = (pl.scan_parquet(roster)
              .select("class_code", "grade", "step", "salary", "fte")
              .join(crosswalk, on="class_code")
              .with_row_index("i")
              .with_columns((pl.col("salary").cast(pl.Decimal(18, 2)) * 100).cast(pl.Int64).alias("pay"),
                            (pl.col("fte").cast(pl.Float64).fill_null(1.0) * 1000).round(0).cast(pl.Int64)
                            .alias("fte_k"),
                            step_s.alias("old_s"), pl.col("grade").cast(pl.Int64, strict=False).alias("old_num"),
                            pl.col("new_grade").cast(pl.Int64, strict=False).alias("new_num")))
    up = (people.filter(pl.col("old_s").is_null()).join(first, on=["schedule", "new_grade"])
          .filter(pl.col("cents") >= pl.col("pay")).group_by("i").agg(pl.col("s").min().alias("up_s")))
    top = first.filter(pl.col("s") == TOP).select("schedule", "new_grade", pl.col("cents").alias("top_cents"))
    people = (people.join(up, on="i", how="left").join(top, on=["schedule", "new_grade"], how="left")
              .with_columns(pl.when(pl.col("old_s").is_not_null()).then(pl.col("old_s").clip(upper_bound=TOP))
                            .when((pl.col("new_num") >= pl.col("old_num")) & pl.col("up_s").is_not_null())
                            .then(pl.col("up_s")).alias("s0"))
              .select("i", "pay", "fte_k", "schedule", "new_grade", "top_cents", "s0")).collect()
    # pay kept off the steps: raised 3 % a year; below the top, to the first step above it in the second year
    kept = people.filter(pl.col("s0").is_null())
    kept_years = [kept.select("i", "schedule", "new_grade", (pl.col("pay") < pl.col("top_cents")).alias("below"),
                              pl.col("pay").alias("kpay"), pl.lit(1).alias("k"))]
    for k in range(2, years + 1):
        kept_years.append(kept_years[-1].with_columns(half_up_3pct(pl.col("kpay")).alias("kpay"), pl.lit(k).alias("k")))
    kept_all = pl.concat(kept_years)
    joined = (kept_all.lazy().filter((pl.col("k") == 2) & pl.col("below"))
              .join(rates.filter(pl.col("k") == 2), on=["schedule", "new_grade"])
              .group_by("i").agg((pl.col("cents") <= pl.col("kpay")).sum().cast(pl.Int64).alias("at_or_below")))
    years_frame = pl.LazyFrame({"k": list(range(1, years + 1))})
    yearly = (people.lazy().join(years_frame, how="cross")
              .join(joined, on="i", how="left")
              .join(kept_all.lazy().select("i", "k", "kpay"), on=["i", "k"], how="left")
              .with_columns(pl.when(pl.col("s0").is_not_null())
                            .then((pl.col("s0") + pl.col("k") - 1).clip(upper_bound=TOP))
                            .when((pl.col("k") >= 2) & (pl.col("at_or_below") - 1 < TOP))
                            .then((pl.col("at_or_below").clip(lower_bound=0) + pl.col("k") - 2).clip(upper_bound=TOP))
                            .alias("s_k"))
              .join(rates.rename({"s": "s_k", "cents": "step_pay"}), on=["schedule", "new_grade", "k", "s_k"],
                    how="left")
              .with_columns(pl.coalesce("step_pay", "kpay").alias("reform_pay")))
    def cash(pay: str) -> pl.Expr:  # annual pay x fte (thousandths), half up to the cent
        return (2 * pl.col(pay) * pl.col("fte_k") + 1000) // 2000

    result = (yearly.group_by("k").agg(cash("pay").sum().alias("baseline"), cash("reform_pay").sum().alias("reform"))
              .unpivot(index="k", on=["baseline", "reform"], variable_name="branch", value_name="cash_cents")
              .select((FIRST_FY - 1 + pl.col("k")).cast(pl.Int32).alias("fiscal_year"), "branch",
                      pl.col("cash_cents").cast(pl.Int64))
              .sort("fiscal_year", "branch"))
    result.collect().write_parquet(out)


def regrade_cash(db: str | Path):
    """regrade's cash paid by fiscal year and branch for the newest run in the store at ``db`` (its first path),
    in the peers' shape."""
    import duckdb
    import polars as pl

    con = duckdb.connect(str(db), read_only=True)
    try:
        return pl.from_arrow(con.sql(
            "SELECT fiscal_year::INTEGER AS fiscal_year, branch::VARCHAR AS branch, cash_cents::BIGINT AS cash_cents "
            "FROM run_totals WHERE run_id = (SELECT max(run_id) FROM runs) AND replica = (SELECT min(replica) FROM "
            "run_totals WHERE run_id = (SELECT max(run_id) FROM runs)) AND fiscal_year > 0 ORDER BY 1, 2").arrow())
    finally:
        con.close()


def differences(db: str | Path, out: str | Path) -> list[str]:
    """Where a peer's cash by fiscal year and branch (its Parquet ``out``) differs from regrade's: empty if equal
    to the cent, row for row."""
    import polars as pl

    ours, theirs = regrade_cash(db), pl.read_parquet(out).sort("fiscal_year", "branch")
    if ours.height == 0 or ours.height != theirs.height:
        return [f"{ours.height} rows from regrade, {theirs.height} from the peer"]
    return [f"{a} != {b}" for a, b in zip(ours.iter_rows(), theirs.iter_rows(), strict=True) if a != b]


def main(argv=None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    if len(args) != 4 or args[0] not in ("sql", "polars"):
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    kind, roster, years, out = args
    (sql_peer if kind == "sql" else polars_peer)(roster, int(years), out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
