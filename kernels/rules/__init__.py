"""The placement rules, one module each, in this explicit list (no discovery by name, no generated code).

A rule's id is its place in RULES plus one; 0 is "excluded" (kernels/place.py). To add a rule: write
kernels/rules/<name>.py (the seed's words, NAME, KINDS, OUTCOMES, an @njit ``decide`` and a plain-Python
``reference``), its tests in tests/rules/test_<name>.py, and add it to RULES below. Scenarios then name it.
"""

import numpy as np

from kernels.rules import (
    closest_step,
    cresap_a,
    cresap_highway,
    hay_promotion,
    hay_same_step,
    next_pct,
    quarter_points,
    same_position,
    single_rate,
    teacher_next,
    teacher_same_step,
    to_midpoint,
    to_minimum,
    years_in_class,
)
from kernels.rules._base import Outcome

RULES = (
    cresap_a,
    cresap_highway,
    quarter_points,
    teacher_same_step,
    teacher_next,
    single_rate,
    hay_same_step,
    hay_promotion,
    to_minimum,
    closest_step,
    years_in_class,
    next_pct,
    same_position,
    to_midpoint,
)

EXCLUDED = 0
RULE_ID = {rule.NAME: i + 1 for i, rule in enumerate(RULES)}  # scenario name -> id the kernel dispatches on
DECIDERS = tuple(rule.decide for rule in RULES)

# Outcomes of the placement itself, before any rule's (kernels/place.py writes them).
PLACEMENT_OUTCOMES = (
    Outcome("EXCLUDED", "Excluded by the scenario's group '{group}': keeps the present {present_pay}."),
    Outcome("CAP.amount", "Raise limited to {cap} by the scenario's group '{group}': {new_pay} now; the {owed} "
            "still owed is paid from the next year on, at most {cap} a year.", "A-PROJ-OWED"),
    Outcome("CAP.pct", "Raise limited to {cap_pct} per cent of the present {present_pay} by the scenario's group "
            "'{group}': {new_pay} now; the {owed} still owed is paid from the next year on, at most {cap_pct} per "
            "cent of the pay a year.", "A-PROJ-OWED"),
)
O_EXCLUDED, O_CAP_AMOUNT, O_CAP_PCT = range(3)

# Every outcome, numbered: the placement's own, then each rule's in the order of RULES. OUTCOME_BASE[id] is
# where rule id's outcomes start, so the kernel writes OUTCOME_BASE[rule] + the rule's own index.
OUTCOMES = list(PLACEMENT_OUTCOMES)
_base = [0]
for _rule in RULES:
    _base.append(len(OUTCOMES))
    OUTCOMES.extend(_rule.OUTCOMES)
OUTCOME_BASE = np.array(_base, np.int16)
N_OUTCOMES = len(OUTCOMES)
CODES = [o.code for o in OUTCOMES]
assert len(set(CODES)) == N_OUTCOMES, "two outcomes share a rule code"
