"""Money: integer cents inside the engine, dollars with two decimals wherever a person sees it.

Inside the engine every amount is an int64 number of cents. At every boundary a person sees (exports,
downloads, printed tables, the report, the explorer) it is shown in dollars with exactly two decimals, and the
column's name says the unit (``..._dollars``, ``..._pct``). This module is where that conversion is written:

- ``dollars_text(cents)``: ``"$1,234.56"`` (a negative amount ``"-$1,234.56"``), for printed text;
- ``dollars_text_expr(expr)``: the same, column-wise (explanations);
- ``dollars_expr(expr)``: a ``Decimal(18, 2)`` column of dollars, exact (no float on the way);
- ``pct(num, den)`` and ``pct_expr(num, den)``: a percentage to two decimals, computed in integers and
  rounded half away from zero (9.185 % is 9.19 %, -9.185 % is -9.19 %);
- ``for_people(frame)``: a frame of ``*_cents`` columns as the same frame in dollars, for any export;
- ``dollars_float(cents)``: dollars as floats, for a chart's axis only (its hover text says two decimals);
- ``hourly_from_weekly(cents)``: the weekly rate / 40, half up to the cent (Cresap line 613), int or column;
- ``cents_expr`` and ``dollars_to_cents``: people's text and a scenario's numbers to cents, checked;
- ``DAYS_PER_YEAR``: years of age and service from days (the kernels' own constant).

Percentages shown to people are rounded to two decimals (``PCT_PLACES``).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import polars as pl

from kernels.days import DAYS_PER_YEAR  # noqa: F401  (ages and service in years: one constant)

PCT_PLACES = 2
WEEKS_A_YEAR = 52
HOURS_A_WEEK = 40
DOLLARS = pl.Decimal(18, 2)
PCT = pl.Decimal(18, PCT_PLACES)


def dollars_text(cents: int | None) -> str:
    """int cents -> '$1,234.56' ('-$1,234.56'); None -> ''."""
    if cents is None:
        return ""
    cents = int(cents)
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{sign}${cents // 100:,}.{cents % 100:02d}"


def hourly_from_weekly(weekly):
    """A weekly rate in cents / 40, rounded half up to the cent: "the weekly salaries ... divided by 40 and
    rounded to the nearest cent to arrive at the equivalent hourly rate" (Cresap line 613). An int, a numpy
    array or a polars expression."""
    return (weekly + HOURS_A_WEEK // 2) // HOURS_A_WEEK


def amount_text_expr(cents: pl.Expr) -> pl.Expr:
    """int64 cents (not negative) -> '1234.56': an amount as a roster file writes it, column-wise."""
    return pl.format("{}.{}", cents // 100, (cents % 100).cast(pl.String).str.zfill(2))


def dollars_float(cents):
    """Cents as float dollars (a polars Series, numpy array or number), for a chart's axis only."""
    return cents / 100


def dollars(cents: int | None) -> Decimal | None:
    """int cents -> Decimal dollars with two places."""
    return None if cents is None else Decimal(int(cents)).scaleb(-2)


def dollars_expr(expr: pl.Expr | str) -> pl.Expr:
    """int64 cents -> Decimal(18, 2) dollars, exactly."""
    e = pl.col(expr) if isinstance(expr, str) else expr
    return (e.cast(pl.Decimal(38, 2)) / 100).cast(DOLLARS)


def dollars_text_expr(expr: pl.Expr) -> pl.Expr:
    """int64 cents -> '$1,234.56' (negative as '-$1,234.56'), column-wise."""
    a = expr.abs()
    d = a // 100
    cents = (a % 100).cast(pl.String).str.zfill(2)
    parts = pl.when(d >= 1_000_000_000).then(
        pl.format("{},{},{},{}", d // 1_000_000_000, ((d // 1_000_000) % 1000).cast(pl.String).str.zfill(3),
                  ((d // 1000) % 1000).cast(pl.String).str.zfill(3), (d % 1000).cast(pl.String).str.zfill(3))
    ).when(d >= 1_000_000).then(
        pl.format("{},{},{}", d // 1_000_000, ((d // 1000) % 1000).cast(pl.String).str.zfill(3),
                  (d % 1000).cast(pl.String).str.zfill(3))
    ).when(d >= 1000).then(
        pl.format("{},{}", d // 1000, (d % 1000).cast(pl.String).str.zfill(3))
    ).otherwise(d.cast(pl.String))
    return pl.when(expr < 0).then(pl.lit("-$")).otherwise(pl.lit("$")) + parts + "." + cents


def _hundredths(num: int, den: int) -> int:
    """round(100 * 100 * num / den) half away from zero, in integers."""
    sign = -1 if (num < 0) != (den < 0) else 1
    a, b = abs(int(num)), abs(int(den))
    return sign * ((a * 20000 + b) // (2 * b))


def pct(num: int | None, den: int | None) -> Decimal | None:
    """num / den as a percentage with two decimals (Decimal), rounded half away from zero; None if den is 0."""
    if num is None or not den:
        return None
    return Decimal(_hundredths(num, den)).scaleb(-PCT_PLACES)


def pct_text(num: int | None, den: int | None, signed: bool = False) -> str:
    value = pct(num, den)
    if value is None:
        return ""
    return f"{value:+.2f} %" if signed else f"{value:.2f} %"


def pct_expr(num: pl.Expr | str, den: pl.Expr | str) -> pl.Expr:
    """num / den as a Decimal percentage with two decimals, computed in integers (half away from zero);
    null where den is 0 or null."""
    n = pl.col(num) if isinstance(num, str) else num
    d = pl.col(den) if isinstance(den, str) else den
    a, b = n.abs().cast(pl.Int64), d.abs().cast(pl.Int64)  # exact up to $4.6 trillion
    h = (a * 20000 + b) // (2 * b)
    signed = pl.when((n < 0) != (d < 0)).then(0 - h).otherwise(h)
    return pl.when(d.is_null() | (d == 0)).then(None).otherwise(
        (signed.cast(pl.Decimal(38, 2)) / 100).cast(PCT))


def for_people(frame: pl.DataFrame) -> pl.DataFrame:
    """Every ``*_cents`` column as ``*_dollars`` (Decimal, two places), in place; floats named ``*pct*`` and the
    ``fte`` rounded to two decimals. For every file and table a person reads."""
    exprs = []
    for name, dtype in frame.schema.items():
        if name.endswith("_cents") and dtype.is_integer():
            exprs.append(dollars_expr(name).alias(name[: -len("_cents")] + "_dollars"))
        elif "pct" in name and dtype.is_float():
            exprs.append(pl.col(name).round(PCT_PLACES).cast(PCT).alias(name))
        elif name.startswith("fte") and dtype.is_float():  # full-time equivalents, as a person reads them: 261.25
            exprs.append(pl.col(name).round(2).cast(pl.Decimal(38, 2)).alias(name))
        else:
            exprs.append(pl.col(name))
    return frame.select(exprs)


# --- money read from people's files: strict, exact, within limits ----------------------------------------------

# digits are 0-9 only: \d would take Arabic-Indic or full-width digits, which then fail to convert
PLAIN = r"^[0-9]+(\.[0-9]{1,2})?$"  # 77.50, 4368, 4368.5
GROUPED = r"^[0-9]{1,3}(,[0-9]{3})+(\.[0-9]{1,2})?$"  # 1,234.56
DECIMAL_COMMA = r"^[0-9]+,[0-9]{1,2}$"  # 64,00: a decimal comma, never read as 6,400
MAX_DIGITS = 13  # whole dollars: beyond any pay, and far inside int64 cents
# the most a salary may be, cents, by the unit it is in (a typo of a few zeros, not a real rate of pay)
CEILING = {"hourly": 500_000, "weekly": 20_000_000, "annual": 1_000_000_000}  # $5,000, $200,000, $10,000,000
# outside these (annual cents) a salary is read, with a warning counted: not an error, but worth a look
PLAUSIBLE_ANNUAL = (50_000, 50_000_000)  # $500 to $500,000 a year


def money_text_problem(text: pl.Expr) -> pl.Expr:
    """Why a money text (already stripped of a leading $ and blanks) cannot be read, or null if it can."""
    lower = text.str.to_lowercase()
    whole = text.str.replace_all(",", "").str.extract(r"^([0-9]+)", 1)
    return (pl.when(text.is_null()).then(None)
            .when(lower.str.contains(r"^[-+]?(nan|inf|infinity)$")).then(pl.lit("not a number (NaN or infinite)"))
            .when(text.str.starts_with("-")).then(pl.lit("negative: pay must be above zero"))
            .when(text.str.contains(r"[^\x00-\x7f]") & text.str.contains(r"\d"))
            .then(pl.lit("written with digits other than 0-9 (Arabic-Indic or full-width?): write the amount with 0-9"))
            .when(text.str.contains(DECIMAL_COMMA)).then(pl.lit("a decimal comma? write dollars with a point "
                                                                "(64.00), thousands with a comma (1,234.56)"))
            .when(~text.str.contains(PLAIN) & ~text.str.contains(GROUPED))
            .then(pl.when(text.str.contains(r"^[0-9,]*\.[0-9]{3,}$")).then(pl.lit("more than two decimals"))
                  .otherwise(pl.lit("not a number of dollars and cents")))
            .when(whole.str.len_chars() > MAX_DIGITS).then(pl.lit(f"more than {MAX_DIGITS} digits of dollars"))
            .otherwise(None))


def cents_expr(text: pl.Expr | str) -> pl.Expr:
    """A money text that money_text_problem accepts ("77.50", "1,234.5", "6") -> int64 cents, exactly."""
    s = (pl.col(text) if isinstance(text, str) else text).str.replace_all(",", "", literal=True)
    # read as a decimal of two places, exactly (4x the speed of taking the whole and the cents apart by pattern)
    return (s.cast(pl.Decimal(MONEY_PRECISION, 2), strict=False) * 100).cast(pl.Int64)


MONEY_PRECISION = 22  # digits of a money text read as a decimal: 13 whole digits (MAX_DIGITS) and the cents, with room


MAX_DOLLARS = 1_000_000_000  # any amount in a scenario: a billion dollars is a typo, not a rate of pay


def dollars_to_cents(value) -> int:
    """A dollar amount from TOML or a CSV (int, float or string) -> exact cents. Raises ValueError, saying why:
    not money, not finite, more than two decimals, or beyond a billion dollars."""
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise ValueError("not an amount of money")
    try:
        d = Decimal(str(value).replace(",", "").replace("$", "").strip())
    except InvalidOperation:
        raise ValueError("not an amount of money") from None
    if not d.is_finite():
        raise ValueError("not a finite amount")
    if abs(d) > MAX_DOLLARS:
        raise ValueError(f"more than ${MAX_DOLLARS:,}: not a rate of pay")
    cents = d * 100
    if cents != cents.to_integral_value():
        raise ValueError("more than two decimals")
    return int(cents)
