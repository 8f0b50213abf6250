"""The calendar's constants, without Numba: days since 1970-01-01, and the day that never comes (kernels/calendar.py
holds the arithmetic; a command that only reads a store imports these without the compiler)."""

NEVER = 1 << 40  # a day that never comes
NOT_VACANT = -(1 << 40)  # vacant until a day long past (days count from 1970, so 1967 is negative)
DAYS_PER_YEAR = 365.25  # for ages and service in years (the calendar's own days decide every date)
DAYS_PER_MONTH = DAYS_PER_YEAR / 12
