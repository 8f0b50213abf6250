"""The sentence that explains each placement, built column-wise (no loop over people).

Each outcome code the kernel writes maps to a short rule code (``A.bump_increment``), a sentence template that
quotes where in the seed the rule is written, and, where the branch rests on an assumption, its id in
data/ASSUMPTIONS.md: all three are written beside the rule, in kernels/rules/<rule>.py. The sentence ends with
what happened to pay (a raise, no change, a cut) and any special premium.
"""

from __future__ import annotations

import re

import polars as pl

from kernels import rules as R
from simulator.money import dollars_text_expr

# The outcomes, their sentences and assumption ids live with their rules (kernels/rules/<rule>.py).
OUTCOMES = R.OUTCOMES
RULE_CODES = R.CODES
ASSUMPTION_IDS = [o.assumption for o in R.OUTCOMES]


money = dollars_text_expr  # int64 cents -> '$1,234.56', column-wise


def change_clause(increase_cents: pl.Expr, increase_pct: pl.Expr) -> pl.Expr:
    """What happened to annual pay, in words, true for every row: a raise, no change, or a cut."""
    pct = increase_pct.abs().cast(pl.String)
    return (pl.when(increase_cents > 0).then(pl.format(" Annual pay rises by {} ({} %).", money(increase_cents), pct))
            .when(increase_cents < 0).then(pl.format(" This is a pay cut of {} a year ({} %).",
                                                     money(-increase_cents), pct))
            .otherwise(pl.lit(" Annual pay does not change.")))


def sentence_column(frame: pl.DataFrame, fields: dict[str, pl.Expr], outcome: str = "outcome") -> pl.Series:
    """One readable sentence per row of ``frame``, from its outcome code and the named fields, in roster order.
    Each template is formatted on its own rows only (a chain of when/then would format all 40 templates on every
    row: 3 s at a million people)."""
    needed = {outcome} | {name for expr in fields.values() for name in expr.meta.root_names()}
    rows = frame.select(sorted(needed)).with_row_index("_i")
    parts = [pl.DataFrame(schema={"_i": pl.UInt32, "sentence": pl.String})]
    for (code,), part in rows.partition_by(outcome, as_dict=True).items():
        template = OUTCOMES[code].sentence
        names = re.findall(r"\{(\w+)\}", template)
        text = pl.format(re.sub(r"\{\w+\}", "{}", template), *[fields[n].fill_null("?") for n in names]) if names \
            else pl.lit(template, pl.String)
        parts.append(part.select("_i", text.alias("sentence")))
    return pl.concat(parts).sort("_i")["sentence"]


def premium_clause() -> pl.Expr:
    """The special premium a placement carries (Cresap lines 786-803), in words; empty when there is none."""
    bp = pl.col("premium_bp")
    add = pl.col("premium_add")
    degree = pl.when(bp == 1000).then(pl.lit("an earned Doctorate")).otherwise(pl.lit("an earned Master's degree"))
    pct = (bp / 100).cast(pl.Int64).cast(pl.String)
    return (pl.when(bp > 0).then(pl.format(" Plus {} % for {} (Cresap 1967, lines 788-791).", pct, degree))
            .otherwise(pl.lit(""))
            + pl.when(add > 0).then(pl.format(" Plus {} a year above the range for the American Board of Psychiatry "
                                              "and Neurology certificate (Cresap 1967, line 803).", money(add)))
            .otherwise(pl.lit("")))


def circle_clause(outcome: pl.Expr, red: pl.Expr, green: pl.Expr) -> pl.Expr:
    """Where an outcome's own sentence does not say it: that the pay is above the new range's top (red-circled) or
    below its minimum (green-circled), so that every sentence agrees with the flags."""
    silent_red = [i for i, o in enumerate(OUTCOMES) if "red-circled" not in o.sentence]
    silent_green = [i for i, o in enumerate(OUTCOMES) if "green-circled" not in o.sentence]
    return (pl.when(red & outcome.is_in(silent_red)).then(pl.lit(" It is above the top of the new range: "
                                                                  "red-circled."))
            .when(green & outcome.is_in(silent_green)).then(pl.lit(" It is below the new range's minimum: "
                                                                     "green-circled."))
            .otherwise(pl.lit("")))
