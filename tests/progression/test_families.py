"""Every progression family: its kernel against its plain-Python reference on random positions, and hand cases
from the seeds' words (kernels/progression/<family>.py)."""

import pytest
from family_harness import Position, check, position, run
from hypothesis import given, settings
from hypothesis import strategies as st

from kernels import progression as P
from kernels.calendar import NEVER
from kernels.state import R_MERIT_PCT, R_MERIT_STEP, R_OWED_PAID, R_STEP, R_TWO_STEPS, Who


def test_every_family_is_listed_once_and_numbered_in_order():
    assert [f.NAME for f in P.FAMILIES] == list(P.FAMILY_ID)
    assert list(P.FAMILY_ID.values()) == list(range(1, len(P.FAMILIES) + 1))
    assert all(callable(f.step) and callable(f.reference) for f in P.FAMILIES)


@pytest.mark.parametrize("module", P.FAMILIES, ids=[f.NAME for f in P.FAMILIES])
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_kernel_equals_reference(module, data):
    pos = data.draw(position(module.NAME))
    check(module, pos, data.draw(st.integers(0, 20_000)))


SCHEDULE_A_7 = [8000, 8400, 8800, 9200, 9600, 10000, 10400]  # Cresap Schedule A grade 7, weekly cents
TT_A = [0, 6, 18, 30, 42, 60, 84]  # Cresap lines 688-694
QUIET = dict(p_outstanding=0.1, p_fully=0.6, p_acceptable=0.25, deny=0.05, double=0.05, p_merit=0.8,
             p_two_steps=0.1, max_raise=200_000, merit_bp=[[800, 600, 500], [600, 400, 300], [300, 200, 0],
                                                           [0, 0, 0]],
             merit_cap=[[1, 1, 1], [1, 1, 1], [1, 2, 1], [1, 1, 1]])


HAY_26 = [1_426_500, 1_497_800, 1_572_700, 1_651_400, 1_734_000, 1_820_700, 1_911_700]  # Hay Schedule I grade 26


@pytest.mark.parametrize("u, expected", [(0.05, (5, 1_820_700)), (0.5, (6, 1_911_700))], ids=["one", "two"])
def test_hay_merit_off_the_steps_below_y_is_reviewed_and_moves_at_least_one_step(u, expected):
    """Issue 27, departure 5: class 6342 placed in grade 26 at $17,000, between D $16,514 and E $17,340 (Hay
    lines 962-967: "will normally amount to an increase of one step"; "no salary increase should be less than
    one step"). One step is E - D = $826: the lowest step at least $17,826 is X, $18,207; two steps, Y. Before,
    a salary off the steps was never given a merit increase, budget or not. (u: 0.5 is a two-step draw here:
    p_merit 0.8 x p_two_steps 1.0.)"""
    prm = dict(QUIET, p_two_steps=0.0 if u < 0.1 else 1.0)
    pos = Position(step=-1, rate=1_700_000, unit=1, rates=HAY_26, periods=1, own_periods=1, u=u, funded=True,
                   prm=prm)
    state, rule = run(P.hay_merit, pos, 0)
    assert (rule, (state.step[0], state.rate[0])) == (R_MERIT_STEP, expected)


def test_hay_merit_off_the_steps_above_y_has_no_increase():
    pos = Position(step=-1, rate=2_000_000, unit=1, rates=HAY_26, periods=1, own_periods=1, u=0.05, funded=True,
                   prm=QUIET)
    state, rule = run(P.hay_merit, pos, 0)
    assert (rule, state.rate[0]) == (-1, 2_000_000)


def test_review_a_from_c_to_d_and_the_next_review_a_year_on():
    """C (18 months) to D (30 months): the next review 12 months after this one."""
    pos = Position(step=2, rate=8800, unit=52, rates=SCHEDULE_A_7, periods=52, own_periods=52, tt=TT_A, u=0.5,
                   prm=QUIET)
    state, rule = run(P.review_a, pos, 365)
    assert (rule, state.step[0], state.rate[0], state.next_day[0]) == (R_STEP, 3, 9200, 365 + 365)


def test_review_a_outstanding_two_steps_hourly_at_the_weekly_rate_over_40():
    """A two-step review (draw below deny + double) for an hourly person: F $100 / 40 = $2.50."""
    pos = Position(step=3, rate=230, unit=2080, rates=SCHEDULE_A_7, periods=52, own_periods=2080, tt=TT_A, u=0.07,
                   prm=QUIET)
    state, rule = run(P.review_a, pos, 0)
    assert (rule, state.step[0], state.rate[0], state.unit[0]) == (R_TWO_STEPS, 5, 250, 2080)


def test_review_a_at_g_has_no_more_reviews():
    pos = Position(step=6, rate=10400, unit=52, rates=SCHEDULE_A_7, periods=52, own_periods=52, tt=TT_A, prm=QUIET)
    state, _ = run(P.review_a, pos, 0)
    assert (state.step[0], state.rate[0], state.next_day[0]) == (6, 10400, NEVER)


def test_merit_matrix_outstanding_in_the_lower_half_gets_8_pct():
    """Schedule B grade E ($15,000-$21,000): $16,000 is in the lower half; outstanding: up to 8 % (line 710)."""
    pos = Position(step=-1, rate=1_600_000, unit=1, rates=[1_500_000, 1_650_000, 1_800_000, 1_950_000, 2_100_000],
                   periods=1, own_periods=1, u=0.05, prm=QUIET)
    state, rule = run(P.merit_matrix, pos, 0)
    assert (rule, state.rate[0]) == (R_MERIT_PCT, 1_728_000)


@pytest.mark.parametrize("pay, raised", [
    (1_799_999, 1_907_999),  # a cent below the midpoint: the lower half, 6 %
    (1_800_000, 1_872_000),  # at the $18,000 midpoint: the third quartile, 4 % (Physician III placed there)
    (1_949_999, 2_027_999),  # a cent below Q3 ($19,500): still the third quartile, 4 %
    (1_950_000, 2_008_500),  # at Q3: the fourth quartile, 3 %
], ids=["below_mid", "at_mid", "below_q3", "at_q3"])
def test_merit_matrix_a_band_edge_belongs_to_the_band_above(pay, raised):
    """Issue 27, departure 4: the guidelines by "the lower half", "the third quartile", "the fourth quartile"
    (Cresap lines 709-714): the midpoint begins the third quartile and Q3 the fourth (A-PROJ-MERIT). Fully
    adequate on Schedule B grade E ($15,000-$21,000). The engine already read the edges so; these pin it."""
    pos = Position(step=-1, rate=pay, unit=1, rates=[1_500_000, 1_650_000, 1_800_000, 1_950_000, 2_100_000],
                   periods=1, own_periods=1, u=0.5, prm=QUIET)
    state, rule = run(P.merit_matrix, pos, 0)
    assert (rule, state.rate[0]) == (R_MERIT_PCT, raised)


def test_merit_matrix_acceptable_stops_at_the_third_quartile():
    """Acceptable in the third quartile: 2 %, "not to exceed the maximum of the third quartile" (line 712):
    $19,400 + 2 % = $19,788, capped at $19,500."""
    pos = Position(step=-1, rate=1_940_000, unit=1, rates=[1_500_000, 1_650_000, 1_800_000, 1_950_000, 2_100_000],
                   periods=1, own_periods=1, u=0.75, prm=QUIET)
    state, rule = run(P.merit_matrix, pos, 0)
    assert (rule, state.rate[0], state.step[0]) == (R_MERIT_PCT, 1_950_000, 3)


def test_single_rate_pays_2000_a_year_until_the_rate():
    """$11,500 with $3,500 owed: +$2,000 (line 538), $1,500 still owed, reviewed a year on."""
    pos = Position(step=-1, rate=1_150_000, unit=1, rates=[1_500_000], periods=1, own_periods=1, owed=350_000,
                   prm=QUIET)
    state, rule = run(P.single_rate, pos, 100)
    assert (rule, state.rate[0], state.owed[0], state.next_day[0]) == (R_OWED_PAID, 1_350_000, 150_000, 465)


def test_teacher_above_the_top_keeps_the_pay():
    pos = Position(step=-1, rate=18_500, unit=52, rates=[12000 + 600 * i for i in range(11)], periods=52,
                   own_periods=52, u=0.5, prm=QUIET)
    state, _ = run(P.teacher, pos, 0)
    assert (state.step[0], state.rate[0]) == (-1, 18_500)  # above the $180 top: kept


def test_teacher_off_the_steps_below_the_top_moves_to_the_step_above():
    """$135 between $132 (the third rate) and $138 (the fourth): one increment from the third, to $138."""
    pos = Position(step=-1, rate=13_500, unit=52, rates=[12000 + 600 * i for i in range(11)], periods=52,
                   own_periods=52, u=0.5, prm=QUIET)
    state, rule = run(P.teacher, pos, 0)
    assert (rule, state.step[0], state.rate[0]) == (R_STEP, 3, 13_800)


@pytest.mark.parametrize("offset, first_step_months", [(0, 6), (2, 6), (1, 6)], ids=["A", "grade1_C", "grade2_B"])
def test_a_hire_at_the_rows_first_step_takes_the_next_after_six_months(offset, first_step_months):
    """Issue 27, departure 8: "Step A - Hiring Rate; Step B - Six months after employment" (Cresap lines
    675-676). A replacement hired at the first step of a 1966 row that starts at C (grade 1) or B (grade 2)
    waited the gap to the next letter's months (C to D, B to C: a year; the issue read 30 and 18 months); now
    six, as a hire at A. Hired at B or C above a row's minimum, the clock counts the service the step stands
    for (unchanged)."""
    import numpy as np

    from kernels.calendar import NEVER, NOT_VACANT, add_months
    from kernels.progression import TIMETABLE
    from kernels.state import Home, Params, Pay, empty_state
    from kernels.year import hire

    tt = np.zeros((1, 11), np.int64)
    tt[0, :7] = [0, 6, 18, 30, 42, 96, 180]
    rates = np.array([[5500, 5700, 5900, 6100, 6300, 6500, 6700]], np.int64)
    pay = Pay(rates, np.array([7 - offset], np.int32), np.array([52], np.int64), np.zeros(1, np.int64),
              np.zeros(1, np.int64), tt, np.array([7], np.int64), np.zeros((4, 3), np.int64),
              np.zeros((4, 3), np.int64), np.full(1, -1, np.int32))
    prm = Params(0.0, 0.0, 0, 0.0, 0.0, 0.1, 0.6, 0.25, 0.8, 0.1, 0.03, 0.0, 0.0, 500, 36, 500, 50, 60, 10_000,
                 NEVER, 30)
    home = Home(np.zeros(1, np.int32), np.array([TIMETABLE], np.int8), np.zeros(1, np.int64), np.ones(1, np.int64),
                np.zeros(1, np.int8), np.array([offset], np.int32), np.zeros(1, np.int8))
    new = empty_state(1)
    day = 1000
    hire(0, day, 0.99, 52, home, pay, prm, new)  # the draw 0.99: no share hired at B or C
    assert (new.step[0], new.rate[0], new.vacant_until[0]) == (0, 5500, NOT_VACANT)
    assert new.next_day[0] == add_months(day, first_step_months)


def _hire(family, rates, periods, u, own=52, n_steps=None, **prm_fields):
    """One replacement hired on day 1000 into a one-row pay table, through the year kernel's ``hire``."""
    import numpy as np

    from kernels.state import Home, Params, Pay, empty_state
    from kernels.year import hire

    tt = np.zeros((1, 11), np.int64)
    tt[0, :7] = [0, 6, 18, 30, 42, 60, 84]
    width = len(rates)
    pay = Pay(np.array([rates], np.int64), np.array([n_steps or width], np.int32), np.array([periods], np.int64),
              np.zeros(1, np.int64), np.zeros(1, np.int64), tt, np.array([7], np.int64), np.zeros((4, 3), np.int64),
              np.zeros((4, 3), np.int64), np.full(1, -1, np.int32))
    prm = Params(0.0, 0.0, 0, 0.0, 0.0, 0.1, 0.6, 0.25, 0.8, 0.1, 0.03, 0.10, 0.05, 500, 36, 500, 50, 60, 10_000,
                 NEVER, 30)._replace(**prm_fields)
    home = Home(np.zeros(1, np.int32), np.array([family], np.int8), np.zeros(1, np.int64), np.ones(1, np.int64),
                np.zeros(1, np.int8), np.zeros(1, np.int32), np.zeros(1, np.int8))
    new = empty_state(1)
    hire(0, 1000, u, own, home, pay, prm, new)
    return new, pay, prm


def test_a_trainee_is_hired_10_pct_below_the_minimum_and_reaches_it_after_probation():
    """Cresap line 667: trainees "hired at rates up to 10 per cent below the minimum; however, their salaries
    should be increased to the minimum by the end of their probationary period" (six months, A-PROJ-HIRING).
    Schedule A grade 7: A $80.00 a week, so $72.00; reviewed at six months to A, then B six months later. The draw
    0.97 is a trainee's with a 5 % share (the top of the draw; B and C take its bottom)."""
    from kernels.calendar import add_months
    from kernels.progression import REVIEW_A, progress

    new, pay, prm = _hire(REVIEW_A, SCHEDULE_A_7, 52, 0.97, hire_trainee=0.05)
    assert (new.step[0], new.rate[0], new.unit[0]) == (-1, 7200, 52)
    assert new.next_day[0] == add_months(1000, 6)
    d = int(new.next_day[0])
    rule = progress(0, d, Who(0.5, 0, 0, 52, False), pay, prm._replace(deny=0.0, double=0.0), new)
    assert (rule, new.step[0], new.rate[0], new.next_day[0]) == (R_STEP, 0, 8000, add_months(d, 6))
    # "increased to the minimum by the end of their probationary period": neither denied nor doubled
    for deny, double in ((1.0, 0.0), (0.0, 1.0)):
        new, pay, prm = _hire(REVIEW_A, SCHEDULE_A_7, 52, 0.97, hire_trainee=0.05)
        progress(0, d, Who(0.01, 0, 0, 52, False), pay, prm._replace(deny=deny, double=double), new)
        assert (new.step[0], new.rate[0]) == (0, 8000)
    # without the share, the same draw hires at step A, as before
    new, _, _ = _hire(REVIEW_A, SCHEDULE_A_7, 52, 0.97)
    assert (new.step[0], new.rate[0]) == (0, 8000)


def test_a_hire_into_a_range_at_its_midpoint_where_the_scenario_says_so():
    """Cresap line 661: "hire up to the midpoint of Schedule B". Grade E's midpoint is its third point, $18,000; an
    open range's ($14,452-$19,984, MMS PSC-I) is off the points: $17,218. A draw above the share: the minimum."""
    from kernels.progression import MERIT_MATRIX

    b_e = [1_500_000, 1_650_000, 1_800_000, 1_950_000, 2_100_000]
    new, _, _ = _hire(MERIT_MATRIX, b_e, 1, 0.2, own=1, hire_mid=0.25)
    assert (new.step[0], new.rate[0], new.unit[0]) == (2, 1_800_000, 1)
    new, _, _ = _hire(MERIT_MATRIX, [1_445_200, 1_998_400], 1, 0.2, own=1, hire_mid=0.25)
    assert (new.step[0], new.rate[0], new.unit[0]) == (-1, 1_721_800, 1)
    new, _, _ = _hire(MERIT_MATRIX, b_e, 1, 0.3, own=1, hire_mid=0.25)
    assert (new.step[0], new.rate[0]) == (0, 1_500_000)


def test_a_teacher_is_hired_with_credit_for_years_of_experience():
    """Cresap line 663: "give credit on the pay scale for the number of years of valid teaching experience":
    three years credited on Schedule C II (bachelor, $120 + $6 a step): the fourth step, $138.00 a week; more
    years than steps, the top."""
    from kernels.progression import TEACHER

    c_ii = [12000 + 600 * i for i in range(11)]
    new, _, _ = _hire(TEACHER, c_ii, 52, 0.99, teacher_years=3)
    assert (new.step[0], new.rate[0]) == (3, 13800)
    new, _, _ = _hire(TEACHER, c_ii, 52, 0.99, teacher_years=30)
    assert (new.step[0], new.rate[0]) == (10, 18000)


def test_hay_merit_twice_a_year_is_a_step_each_six_months_budgeted_as_two():
    """Hay line 964: increases "more often than once a year, but not more often than twice a year". With
    merit_twice_share 0.5 and two_step_share 0.1 of the 80 % meritorious, a draw of 0.3 (between 0.08 and 0.48)
    is a step now and the next review in six months; 0.05 is two steps at once, a year on; 0.6, one step, a year
    on. Off (the default), 0.3 is one step a year on."""
    from kernels.calendar import add_months

    for u, twice, expected in ((0.3, 0.5, (2, 6)), (0.05, 0.5, (3, 12)), (0.6, 0.5, (2, 12)), (0.3, 0.0, (2, 12))):
        prm = dict(QUIET, p_two_steps=0.1, p_twice=twice)
        pos = Position(step=1, rate=HAY_26[1], unit=1, rates=HAY_26, periods=1, own_periods=1, u=u, funded=True,
                       prm=prm)
        state, rule = run(P.hay_merit, pos, 1000)
        assert (rule, state.step[0], state.next_day[0]) == (R_MERIT_STEP, expected[0], add_months(1000, expected[1]))
        assert state.origin[0] == 1000  # the anniversary
    # six months after the anniversary (origin): one step, whatever the draw, and the next back on the anniversary
    half = add_months(1000, 6)
    for u in (0.05, 0.3, 0.6):
        pos = Position(step=1, rate=HAY_26[1], unit=1, rates=HAY_26, periods=1, own_periods=1, u=u, funded=True,
                       origin=1000, prm=dict(QUIET, p_two_steps=0.1, p_twice=0.5))
        state, rule = run(P.hay_merit, pos, half)
        assert (state.step[0], state.next_day[0], state.origin[0]) == (2, add_months(1000, 12), 1000)


def test_what_is_owed_rises_with_a_general_increase_in_the_rows_own_basis():
    """A weekly pay limited short of Schedule A grade 7 step B ($84): paid $81.38, $2.62 a week owed. A 3.2 %
    general increase raises B to $86.69 a week (half up by the week) and the pay to $83.98; what is owed becomes
    $2.71 a week, so that paying it lands on B. Raised by the year ($4,368 x 1.032, half up) it fell 10 cents a
    year short of B, off the steps (issue 27, a second reading)."""
    import numpy as np

    from kernels.progression import REVIEW_A
    from kernels.state import Pay, empty_state
    from kernels.year import general_increase

    raised = [int((r * 10320 + 5000) // 10000) for r in SCHEDULE_A_7]
    tt = np.zeros((1, 11), np.int64)
    pay = Pay(np.array([raised], np.int64), np.array([7], np.int32), np.array([52], np.int64), np.zeros(1, np.int64),
              np.array([320], np.int64), tt, np.array([7], np.int64), np.zeros((4, 3), np.int64),
              np.zeros((4, 3), np.int64), np.full(1, -1, np.int32))
    new = empty_state(1)
    new.family[0], new.row[0], new.step[0], new.rate[0], new.unit[0] = REVIEW_A, 0, -1, 8138, 52
    new.owed[0] = (8400 - 8138) * 52
    general_increase(0, 52, pay, new)
    assert raised[1] == 8669 and (new.rate[0], new.owed[0]) == (8398, (8669 - 8398) * 52)
