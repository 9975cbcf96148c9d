"""Date arithmetic shared by the queries: the rolling windows and months the
definitions in the README speak of."""

from __future__ import annotations

import calendar
import datetime as dt


def one_year_before(day: dt.date) -> dt.date:
    """Return the same day a year earlier (29 February gives 28 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def month_start(day: dt.date) -> dt.date:
    """Return the first day of the month of `day`."""
    return day.replace(day=1)


def add_months(month: dt.date, months: int) -> dt.date:
    """Return the first day of the month `months` calendar months after `month`'s (before if negative)."""
    year, index = divmod(month.year * 12 + month.month - 1 + months, 12)
    return dt.date(year, index + 1, 1)


def month_range(first: dt.date, last: dt.date) -> list[dt.date]:
    """Return the first days of the months from `first`'s month to `last`'s month, both included."""
    months, month = [], month_start(first)
    while month <= last:
        months.append(month)
        month = add_months(month, 1)
    return months


def days_in_month(month: dt.date) -> int:
    """Return how many days the month of `month` has."""
    return calendar.monthrange(month.year, month.month)[1]


def month_end(month: dt.date) -> dt.date:
    """Return the last day of the month of `month`."""
    return month.replace(day=days_in_month(month))


def last_complete_month(as_of: dt.date) -> dt.date:
    """Return the first day of the latest calendar month that ended on or before `as_of`.

    As of 2024-12-31 that is December 2024; as of 2025-01-15 too.
    """
    if as_of == month_end(as_of):
        return month_start(as_of)
    return add_months(as_of, -1)


def months_before(day: dt.date, months: int) -> dt.date:
    """Return the same day `months` calendar months earlier (clamped to the month's last day)."""
    first = add_months(day, -months)
    return first.replace(day=min(day.day, days_in_month(first)))


def quarter(day: dt.date) -> int:
    """Return the quarter (1 to 4) that holds `day`."""
    return (day.month - 1) // 3 + 1


def period_start(day: dt.date, frequency: str) -> dt.date:
    """Return the first day of the month, quarter or year holding `day`."""
    if frequency == "month":
        return month_start(day)
    if frequency == "quarter":
        return dt.date(day.year, 3 * (quarter(day) - 1) + 1, 1)
    if frequency == "year":
        return dt.date(day.year, 1, 1)
    raise ValueError(f"unknown frequency {frequency!r}: month, quarter or year")


PERIOD_MONTHS = {"month": 1, "quarter": 3, "year": 12}


def slot_position(day: dt.date, first: dt.date, frequency: str) -> float:
    """Return where `day` falls on an axis with one slot per period, the period that starts on `first`
    centred on 0 (from -0.5 at its first day to 0.5 at its end), the next on 1, and so on.

    The charts and the report draw a period's bars and its end-of-period count at its slot, under its
    label; a lockdown covers the fractions of the slots it lasted."""
    start = period_start(day, frequency)
    months = PERIOD_MONTHS[frequency]
    index = ((start.year - first.year) * 12 + start.month - first.month) // months
    end = add_months(start, months)
    return index - 0.5 + (day - start).days / (end - start).days


# The French lockdowns that closed non-essential shops (decrees of 2020-2021).
LOCKDOWNS: tuple[tuple[dt.date, dt.date], ...] = (
    (dt.date(2020, 3, 17), dt.date(2020, 5, 11)),
    (dt.date(2020, 10, 30), dt.date(2020, 11, 28)),
    (dt.date(2021, 4, 3), dt.date(2021, 5, 19)),
)
