"""One hand-computed case for every rule branch, run through the kernel (after Tax-Calculator's kernel
tuples with ids). Rates are the seeds' own: Cresap Schedule A grade 7 (weekly $80-$104 by $4), Schedule B
grade E ($15,000-$21,000), Schedule C II bachelor ($120-$180 weekly, ten $6 increments), Hay Schedule I
grade 10 ($6,786-$9,094). Each expected value was worked out by hand from the rule's words.
"""

import numpy as np
import pytest

from kernels import placement as k
from simulator.explain import RULE_CODES

A7 = [8000, 8400, 8800, 9200, 9600, 10000, 10400]          # weekly cents, increment $4
B_E = [1_500_000, 1_650_000, 1_800_000, 1_950_000, 2_100_000]  # annual cents
C_II = [12000 + 600 * i for i in range(11)]                 # weekly cents, increment $6
D_15 = [1_500_000]
I_10 = [678_600, 712_500, 748_100, 785_600, 824_900, 866_100, 909_400]  # annual cents
ROWS = {"A7": (A7, 400, 52), "B_E": (B_E, 150_000, 1), "C_II": (C_II, 600, 52), "D_15": (D_15, 0, 1),
        "I_10": (I_10, 33_900, 1)}


def run(rule, row, current, *, floor=0, fixed=-1, same=-1, years=-1, direction=0, pct_bp=500, max_raise=-1,
        cap_amount=-1, cap_bp=-1, old_min=0, old_max=1, lower_same=False):
    names = list(ROWS)
    width = max(len(r[0]) for r in ROWS.values())
    rates = np.zeros((len(names), width), np.int64)
    for i, nm in enumerate(names):
        rates[i, : len(ROWS[nm][0])] = ROWS[nm][0]
    n_steps = np.array([len(ROWS[nm][0]) for nm in names], np.int32)
    inc = np.array([ROWS[nm][1] for nm in names], np.int64)
    per = np.array([ROWS[nm][2] for nm in names], np.int64)

    def a(v, t):
        return np.array([v], t)

    out = k.empty_outputs(1)
    k.place_kernel(a(rule, np.int32), a(names.index(row), np.int64), a(current, np.int64), a(floor, np.int32),
                   a(fixed, np.int32), a(same, np.int32), a(years, np.int32), a(direction, np.int8),
                   a(pct_bp, np.int32), a(max_raise, np.int64), a(cap_amount, np.int64), a(cap_bp, np.int64),
                   a(old_min, np.int64), a(old_max, np.int64), a(lower_same, np.bool_), rates, n_steps, inc, per,
                   *out)
    new, step, outcome, owed, red, green = (x[0] for x in out)
    return int(new), int(step), RULE_CODES[outcome], int(owed), bool(red), bool(green)


CASES = [
    # id, call, expected (new cents, step index, rule, owed cents, red, green)
    ("A.lowest_above", dict(rule=k.CRESAP_A, row="A7", current=7500), (8000, 0, "A.lowest_above", 0, False, False)),
    # $77.50 -> A $80 is +$2.50, less than the $4 increment: B $84 (the Clerk-Stenographer II example)
    ("A.bump_increment", dict(rule=k.CRESAP_A, row="A7", current=7750, floor=1),
     (8400, 1, "A.bump_increment", 0, False, False)),
    ("A.floor_B", dict(rule=k.CRESAP_A, row="A7", current=7000, floor=1), (8400, 1, "A.floor_B", 0, False, False)),
    ("A.floor_C", dict(rule=k.CRESAP_A, row="A7", current=7000, floor=2), (8800, 2, "A.floor_C", 0, False, False)),
    ("A.above_max", dict(rule=k.CRESAP_A, row="A7", current=10650), (10650, -1, "A.above_max", 0, True, False)),
    ("A.above_max.at_G", dict(rule=k.CRESAP_A, row="A7", current=10400), (10400, 6, "A.above_max", 0, False, False)),
    # lowest above is G itself and the raise is below the increment: no step after G, so G
    ("A.lowest_above.top", dict(rule=k.CRESAP_A, row="A7", current=10200), (10400, 6, "A.lowest_above", 0, False, False)),
    ("HWY.crosswalk", dict(rule=k.FIXED_STEP, row="A7", current=6000, fixed=3), (9200, 3, "HWY.crosswalk", 0, False, False)),
    ("B.to_point", dict(rule=k.QUARTER_POINTS, row="B_E", current=1_400_000), (1_500_000, 0, "B.to_point", 0, False, False)),
    # $15,860 ($305 x 52): next point $16,500 is +4.0 %; 5 % gives $16,653.00 (the Physician III example)
    ("B.min_5pct", dict(rule=k.QUARTER_POINTS, row="B_E", current=1_586_000), (1_665_300, -1, "B.min_5pct", 0, False, False)),
    ("B.capped_at_max", dict(rule=k.QUARTER_POINTS, row="B_E", current=2_050_000),
     (2_100_000, 4, "B.capped_at_max", 0, False, False)),
    ("B.above_max", dict(rule=k.QUARTER_POINTS, row="B_E", current=2_200_000), (2_200_000, -1, "B.above_max", 0, True, False)),
    # "an individual on the eighth step ... to the eighth step": 120 + 7 x 6 = $162
    ("C.same_step", dict(rule=k.TEACHER_SAME, row="C_II", current=5000, same=7), (16200, 7, "C.same_step", 0, False, False)),
    ("C.next_higher", dict(rule=k.TEACHER_NEXT, row="C_II", current=10000), (12000, 0, "C.next_higher", 0, False, False)),
    # $125: next rate $126 is +$1, less than the $6 increment: one step more, $132
    ("C.bump_increment", dict(rule=k.TEACHER_NEXT, row="C_II", current=12500), (13200, 2, "C.bump_increment", 0, False, False)),
    ("C.above_max", dict(rule=k.TEACHER_NEXT, row="C_II", current=19000), (19000, -1, "C.above_max", 0, True, False)),
    ("D.single_rate", dict(rule=k.SINGLE_RATE, row="D_15", current=1_400_000, max_raise=200_000),
     (1_500_000, 0, "D.single_rate", 0, False, False)),
    # $9,500 to a $15,000 rate: $2,000 now, $3,500 a year still owed
    ("D.raise_capped", dict(rule=k.SINGLE_RATE, row="D_15", current=950_000, max_raise=200_000),
     (1_150_000, -1, "D.raise_capped", 350_000, False, True)),
    ("D.above_rate", dict(rule=k.SINGLE_RATE, row="D_15", current=1_600_000, max_raise=200_000),
     (1_600_000, -1, "D.above_rate", 0, True, False)),
    ("HAY.same_step", dict(rule=k.HAY_SAME_STEP, row="I_10", current=700_000, same=2, direction=1),
     (748_100, 2, "HAY.same_step", 0, False, False)),
    ("HAY.retain_lower", dict(rule=k.HAY_SAME_STEP, row="I_10", current=800_000, same=2, direction=-1),
     (800_000, -1, "HAY.retain_lower", 0, False, False)),
    ("HAY.same_step_lower", dict(rule=k.HAY_SAME_STEP, row="I_10", current=800_000, same=2, direction=-1,
                                 lower_same=True), (748_100, 2, "HAY.same_step_lower", 0, False, False)),
    ("HAY.offstep_closest", dict(rule=k.HAY_SAME_STEP, row="I_10", current=800_000, same=-1, direction=1),
     (824_900, 4, "HAY.offstep_closest", 0, False, False)),
    ("HAY.promotion_to_A", dict(rule=k.HAY_PROMOTION, row="I_10", current=600_000),
     (678_600, 0, "HAY.promotion_to_A", 0, False, False)),
    # $6,500 x 1.05 = $6,825 > A $6,786: step B
    ("HAY.promotion_to_B", dict(rule=k.HAY_PROMOTION, row="I_10", current=650_000),
     (712_500, 1, "HAY.promotion_to_B", 0, False, False)),
    # at C $7,481: D $7,856 >= $7,855.05
    ("HAY.promotion_next", dict(rule=k.HAY_PROMOTION, row="I_10", current=748_100),
     (785_600, 3, "HAY.promotion_next", 0, False, False)),
    # $7,000: next B $7,125 < $7,350; C $7,481 is the first step at +5 %
    ("HAY.promotion_5pct", dict(rule=k.HAY_PROMOTION, row="I_10", current=700_000),
     (748_100, 2, "HAY.promotion_5pct", 0, False, False)),
    ("HAY.promotion_cap_Y", dict(rule=k.HAY_PROMOTION, row="I_10", current=900_000),
     (909_400, 6, "HAY.promotion_cap_Y", 0, False, False)),
    ("HAY.above_max", dict(rule=k.HAY_PROMOTION, row="I_10", current=950_000), (950_000, -1, "HAY.above_max", 0, True, False)),
    ("GEN.to_minimum", dict(rule=k.TO_MINIMUM, row="I_10", current=600_000), (678_600, 0, "GEN.to_minimum", 0, False, False)),
    ("GEN.no_change", dict(rule=k.TO_MINIMUM, row="I_10", current=700_000), (700_000, -1, "GEN.no_change", 0, False, False)),
    ("GEN.closest_step", dict(rule=k.CLOSEST_STEP, row="I_10", current=700_000),
     (712_500, 1, "GEN.closest_step", 0, False, False)),
    ("GEN.years_in_class", dict(rule=k.YEARS_IN_CLASS, row="I_10", current=700_000, years=3),
     (785_600, 3, "GEN.years_in_class", 0, False, False)),
    ("GEN.years_fallback", dict(rule=k.YEARS_IN_CLASS, row="I_10", current=700_000, years=0),
     (712_500, 1, "GEN.years_fallback", 0, False, False)),
    ("GEN.next_pct", dict(rule=k.NEXT_PCT, row="I_10", current=700_000, pct_bp=1000),
     (785_600, 3, "GEN.next_pct", 0, False, False)),
    ("GEN.next_pct_top", dict(rule=k.NEXT_PCT, row="I_10", current=890_000, pct_bp=1000),
     (909_400, 6, "GEN.next_pct_top", 0, False, False)),
    ("GEN.above_max", dict(rule=k.CLOSEST_STEP, row="I_10", current=950_000), (950_000, -1, "GEN.above_max", 0, True, False)),
    # old range $5,000-$7,000, at $6,000 (half way): $6,786 + ($9,094 - $6,786) / 2 = $7,940
    ("GEN.same_position", dict(rule=k.SAME_POSITION, row="I_10", current=600_000, old_min=500_000, old_max=700_000),
     (794_000, -1, "GEN.same_position", 0, False, False)),
    # $70 a week to the $80 minimum, raise capped at $260 a year = $5 a week; $5 a week still owed
    ("CAP.amount", dict(rule=k.TO_MINIMUM, row="A7", current=7000, cap_amount=26_000),
     (7500, -1, "CAP.amount", 500, False, True)),
    # 5 % of $3,640 a year = $182 a year = $3.50 a week
    ("CAP.pct", dict(rule=k.TO_MINIMUM, row="A7", current=7000, cap_bp=500), (7350, -1, "CAP.pct", 650, False, True)),
    ("EXCLUDED", dict(rule=k.EXCLUDED, row="A7", current=7000), (7000, -1, "EXCLUDED", 0, False, False)),
]


@pytest.mark.parametrize("call, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rule_branch(call, expected):
    assert run(**call) == expected


def test_every_rule_code_has_a_hand_case():
    covered = {c[2][2] for c in CASES}
    assert covered == set(RULE_CODES)
