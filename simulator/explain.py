"""Rule codes and the sentence that explains each placement, built column-wise (no loop over people).

Each outcome code the kernels write maps to a short rule code (``A.bump_increment``), a sentence
template that quotes where in the seed the rule is written, and, where the branch rests on an assumption,
its id in data/ASSUMPTIONS.md.
"""

from __future__ import annotations

import re

import polars as pl

from kernels import placement as k
from simulator.money import dollars_text_expr

# outcome -> (rule code, sentence template, assumption id or None)
OUTCOMES: dict[int, tuple[str, str, str | None]] = {
    k.O_EXCLUDED: ("EXCLUDED", "Excluded by the scenario's group '{group}': keeps the present {current} a {per}.",
                   None),
    k.O_A_LOWEST_ABOVE: (
        "A.lowest_above",
        "Moved to Schedule A grade {new_grade} step {new_step} at {new_rate} a {per}: the lowest step above the "
        "present {current}, a raise of at least the grade's {increment} increment (Cresap 1967, line 577).", None),
    k.O_A_BUMP_INCREMENT: (
        "A.bump_increment",
        "Moved to Schedule A grade {new_grade} step {new_step} at {new_rate} a {per}: the lowest step above the "
        "present {current} raised pay by less than the grade's {increment} increment, so one step more "
        "(Cresap 1967, line 577).", None),
    k.O_A_FLOOR_B: (
        "A.floor_B",
        "Moved to Schedule A grade {new_grade} step B at {new_rate} a {per}: from old step {old_step} no one is "
        "placed below step B (Cresap 1967, line 577).", None),
    k.O_A_FLOOR_C: (
        "A.floor_C",
        "Moved to Schedule A grade {new_grade} step C at {new_rate} a {per}: from old longevity step {old_step} no "
        "one is placed below step C (Cresap 1967, line 577).", None),
    k.O_A_ABOVE_MAX: (
        "A.above_max",
        "Kept at the present {current} a {per}, off-step and red-circled: at or above step G, the top of Schedule "
        "A grade {new_grade}; the report is silent here (assumption A-CRESAP-ABOVE-G).", "A-CRESAP-ABOVE-G"),
    k.O_HWY_CROSSWALK: (
        "HWY.crosswalk",
        "Moved from highway grade {old_grade} step {old_step} to Schedule A grade {new_grade} step {new_step} at "
        "{new_rate} a {per}, as the highway maintenance table prints (Cresap 1967, lines 589-611).", None),
    k.O_B_TO_POINT: (
        "B.to_point",
        "Moved to the next point of Schedule B grade {new_grade} above the present {current}: {new_step}, "
        "{new_rate} a {per} (Cresap 1967, lines 619-624).", None),
    k.O_B_MIN_5PCT: (
        "B.min_5pct",
        "Raised 5 per cent to {new_rate} a {per}: the next point of Schedule B grade {new_grade} was less than 5 "
        "per cent above the present {current} (Cresap 1967, line 626).", None),
    k.O_B_CAPPED_MAX: (
        "B.capped_at_max",
        "Raised to {new_rate} a {per}, the maximum of Schedule B grade {new_grade}: no placement goes beyond the "
        "maximum (Cresap 1967, line 627).", None),
    k.O_B_ABOVE_MAX: (
        "B.above_max",
        "Kept at the present {current} a {per}, red-circled: above the maximum of Schedule B grade {new_grade} "
        "(Cresap 1967, line 625).", None),
    k.O_C_SAME_STEP: (
        "C.same_step",
        "Kept step {new_step} on Schedule C {new_grade} at {new_rate} a {per}: unclassified teachers keep their "
        "step (Cresap 1967, line 633).", None),
    k.O_C_NEXT_HIGHER: (
        "C.next_higher",
        "Moved to step {new_step} of Schedule C {new_grade} at {new_rate} a {per}, the next rate above the "
        "present {current} (Cresap 1967, line 635).", None),
    k.O_C_BUMP_INCREMENT: (
        "C.bump_increment",
        "Moved to step {new_step} of Schedule C {new_grade} at {new_rate} a {per}: the next rate above the "
        "present {current} raised pay by less than the {increment} increment, so one step more "
        "(Cresap 1967, line 635).", None),
    k.O_C_ABOVE_MAX: (
        "C.above_max",
        "Kept at the present {current} a {per}, red-circled: above the maximum of Schedule C {new_grade} "
        "(assumption A-CRESAP-ABOVE-G).", "A-CRESAP-ABOVE-G"),
    k.O_D_SINGLE_RATE: (
        "D.single_rate",
        "Paid the single rate of Schedule D, {new_rate} a {per} (Cresap 1967, lines 647-655).", None),
    k.O_D_RAISE_CAPPED: (
        "D.raise_capped",
        "Raised to {new_rate} a {per}: the single rate of Schedule D is {target}, but increases are limited to "
        "{max_raise} a year; {owed} a year is still owed (Cresap 1967, line 538).", None),
    k.O_D_ABOVE_RATE: (
        "D.above_rate",
        "Kept at the present {current} a {per}, red-circled: above the single rate of Schedule D {new_grade} "
        "(assumption A-CRESAP-D-ABOVE).", "A-CRESAP-D-ABOVE"),
    k.O_HAY_SAME_STEP: (
        "HAY.same_step",
        "Kept step {new_step} in grade {new_grade}: {new_rate} a {per}, the same step in the new grade, as the "
        "report costs it (Hay 1975, line 305).", None),
    k.O_HAY_RETAIN_LOWER: (
        "HAY.retain_lower",
        "Kept the present {current} a {per}: the class moves down from grade {old_grade} to {new_grade}, and "
        "employees allocated to a lower range keep their salary (Hay 1975, line 305).", None),
    k.O_HAY_SAME_STEP_LOWER: (
        "HAY.same_step_lower",
        "Moved to step {new_step} of the lower grade {new_grade} at {new_rate} a {per}: the same step in the "
        "lower grade, as in the report's 84 % / 16 % analysis (Hay 1975, lines 308-311).", None),
    k.O_HAY_OFFSTEP_CLOSEST: (
        "HAY.offstep_closest",
        "Off-step on the old plan, so placed at the closest step of grade {new_grade} with no decrease, step "
        "{new_step} at {new_rate} a {per} (assumption A-HAY-OFFSTEP).", "A-HAY-OFFSTEP"),
    k.O_HAY_PROMOTION_TO_A: (
        "HAY.promotion_to_A",
        "Below step A of grade {new_grade}: moved to step A at {new_rate} a {per}, at least 5 per cent above the "
        "present {current} (Hay 1975, line 952).", None),
    k.O_HAY_PROMOTION_TO_B: (
        "HAY.promotion_to_B",
        "Below step A of grade {new_grade}, which would give less than 5 per cent: moved to step B at {new_rate} "
        "a {per} (Hay 1975, line 952).", None),
    k.O_HAY_PROMOTION_NEXT: (
        "HAY.promotion_next",
        "Moved to the next higher step, {new_step} of grade {new_grade}, at {new_rate} a {per}: at least 5 per "
        "cent above the present {current} (Hay 1975, line 956).", None),
    k.O_HAY_PROMOTION_5PCT: (
        "HAY.promotion_5pct",
        "Moved to step {new_step} of grade {new_grade} at {new_rate} a {per}: the next higher step gave less than "
        "5 per cent, so the first step giving at least 5 per cent above {current} (Hay 1975, line 956).", None),
    k.O_HAY_PROMOTION_CAP_Y: (
        "HAY.promotion_cap_Y",
        "Moved to step Y of grade {new_grade} at {new_rate} a {per}: no step gives 5 per cent above {current}, "
        "and no salary goes beyond step Y (Hay 1975, line 957).", None),
    k.O_HAY_ABOVE_MAX: (
        "HAY.above_max",
        "Kept at the present {current} a {per}, red-circled: at or above step Y of grade {new_grade} "
        "(Hay 1975, line 957).", None),
    k.O_GEN_TO_MINIMUM: (
        "GEN.to_minimum",
        "Brought up to the minimum of {target_schedule} grade {new_grade}, {new_rate} a {per}.", None),
    k.O_GEN_NO_CHANGE: (
        "GEN.no_change",
        "Kept at the present {current} a {per}: already within the range of {target_schedule} grade {new_grade}.",
        None),
    k.O_GEN_CLOSEST_STEP: (
        "GEN.closest_step",
        "Placed at the closest step with no decrease, {new_step} of {target_schedule} grade {new_grade}, at "
        "{new_rate} a {per}.", None),
    k.O_GEN_YEARS_IN_CLASS: (
        "GEN.years_in_class",
        "Placed at step {new_step} of {target_schedule} grade {new_grade}, the step for the years in class, at "
        "{new_rate} a {per}.", None),
    k.O_GEN_YEARS_FALLBACK: (
        "GEN.years_fallback",
        "The step for the years in class would cut pay (or years in class are unknown), so the closest step with "
        "no decrease: {new_step} of {target_schedule} grade {new_grade} at {new_rate} a {per}.", None),
    k.O_GEN_NEXT_PCT: (
        "GEN.next_pct",
        "Placed at the first step giving at least {pct} per cent: {new_step} of {target_schedule} grade "
        "{new_grade} at {new_rate} a {per}.", None),
    k.O_GEN_NEXT_PCT_TOP: (
        "GEN.next_pct_top",
        "No step gives {pct} per cent, so the top step {new_step} of {target_schedule} grade {new_grade} at "
        "{new_rate} a {per}.", None),
    k.O_GEN_SAME_POSITION: (
        "GEN.same_position",
        "Placed at the same relative position in the range of {target_schedule} grade {new_grade} as in the old "
        "range: {new_rate} a {per}.", None),
    k.O_GEN_ABOVE_MAX: (
        "GEN.above_max",
        "Kept at the present {current} a {per}, red-circled: above the top of {target_schedule} grade "
        "{new_grade}.", None),
    k.O_CAP_AMOUNT: (
        "CAP.amount",
        "Raise limited to {cap} a year by the scenario's group '{group}': {new_rate} a {per} now, {owed} a "
        "{per} still owed.", None),
    k.O_CAP_PCT: (
        "CAP.pct",
        "Raise limited to {cap} a year ({cap_pct} per cent) by the scenario's group '{group}': {new_rate} a "
        "{per} now, {owed} a {per} still owed.", None),
}
assert len(OUTCOMES) == k.N_OUTCOMES

RULE_CODES = [OUTCOMES[i][0] for i in range(k.N_OUTCOMES)]
ASSUMPTION_IDS = [OUTCOMES[i][2] for i in range(k.N_OUTCOMES)]


money = dollars_text_expr  # int64 cents -> '$1,234.56', column-wise


def change_clause(increase_cents: pl.Expr, increase_pct: pl.Expr) -> pl.Expr:
    """What happened to annual pay, in words, true for every row: a raise, no change, or a cut."""
    pct = increase_pct.abs().cast(pl.String)
    return (pl.when(increase_cents > 0).then(pl.format(" Annual pay rises by {} ({} %).", money(increase_cents), pct))
            .when(increase_cents < 0).then(pl.format(" This is a pay cut of {} a year ({} %).",
                                                     money(-increase_cents), pct))
            .otherwise(pl.lit(" Annual pay does not change.")))


def sentences(outcome: pl.Expr, fields: dict[str, pl.Expr], change: pl.Expr | None = None) -> pl.Expr:
    """One readable sentence per row, from its outcome code and the named fields, then ``change`` (the
    change_clause) when given."""
    expr = pl.lit(None, pl.String)
    for code in reversed(range(k.N_OUTCOMES)):
        template = OUTCOMES[code][1]
        names = re.findall(r"\{(\w+)\}", template)
        text = pl.format(re.sub(r"\{\w+\}", "{}", template), *[fields[n].fill_null("?") for n in names])
        expr = pl.when(outcome == code).then(text).otherwise(expr)
    return expr if change is None else expr + change
