"""Calendar arithmetic for the kernels, in days since 1970-01-01 (H. Hinnant's algorithms): months added on
the calendar (clamped to the month's end), anniversaries. ``NEVER`` and ``NOT_VACANT`` pass through unchanged."""

from numba import njit, prange

from kernels.config import JIT_OPTIONS, PARALLEL_OPTIONS
from kernels.days import DAYS_PER_MONTH, DAYS_PER_YEAR, NEVER, NOT_VACANT  # noqa: F401  (the calendar's constants)


@njit(**JIT_OPTIONS)
def civil_from_days(z):
    """Days since 1970-01-01 -> (year, month, day); H. Hinnant's algorithm."""
    z += 719468
    era = (z if z >= 0 else z - 146096) // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    return (y + 1 if m <= 2 else y), m, d


@njit(**JIT_OPTIONS)
def days_from_civil(y, m, d):
    y -= 1 if m <= 2 else 0
    era = (y if y >= 0 else y - 399) // 400
    yoe = y - era * 400
    mp = m - 3 if m > 2 else m + 9
    doy = (153 * mp + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


@njit(**JIT_OPTIONS)
def add_months(day, months):
    """The same day of the month ``months`` later (clamped to the month's end), on the calendar."""
    if day >= NEVER or day <= NOT_VACANT:
        return day
    y, m, d = civil_from_days(day)
    total = y * 12 + (m - 1) + months
    y2 = total // 12
    m2 = total % 12 + 1
    if d <= 28:  # every month has the day
        return days_from_civil(y2, m2, d)
    last = days_from_civil(y2 + (1 if m2 == 12 else 0), 1 if m2 == 12 else m2 + 1, 1) - days_from_civil(y2, m2, 1)
    return days_from_civil(y2, m2, min(d, last))


@njit(**PARALLEL_OPTIONS)
def add_months_array(days, months, out):
    """out[i] = add_months(days[i], months[i])."""
    for i in prange(days.shape[0]):
        out[i] = add_months(days[i], months[i])


@njit(**PARALLEL_OPTIONS)
def next_anniversary_array(days, after, out):
    """out[i] = the first anniversary of days[i] strictly after ``after`` (at least a year after days[i])."""
    for i in prange(days.shape[0]):
        # start a year or two short of ``after`` (an anniversary k years on is at most 366 k days later)
        k = 12 * max(1, (after - days[i]) // 366 - 1)
        d = add_months(days[i], k)
        while d <= after:
            k += 12
            d = add_months(days[i], k)
        out[i] = d
