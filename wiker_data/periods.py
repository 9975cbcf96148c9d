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


def month_end(month: dt.date) -> dt.date:
    """Return the last day of the month of `month`."""
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def last_complete_month(as_of: dt.date) -> dt.date:
    """Return the first day of the latest calendar month that ended on or before `as_of`.

    As of 2024-12-31 that is December 2024; as of 2025-01-15 too.
    """
    if as_of == month_end(as_of):
        return as_of.replace(day=1)
    previous = as_of.replace(day=1) - dt.timedelta(days=1)
    return previous.replace(day=1)


def months_before(day: dt.date, months: int) -> dt.date:
    """Return the same day `months` calendar months earlier (clamped to the month's last day)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    first = dt.date(year, month + 1, 1)
    return first.replace(day=min(day.day, month_end(first).day))


def period_start(day: dt.date, frequency: str) -> dt.date:
    """Return the first day of the month, quarter or year holding `day`."""
    if frequency == "month":
        return day.replace(day=1)
    if frequency == "quarter":
        return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    if frequency == "year":
        return dt.date(day.year, 1, 1)
    raise ValueError(f"unknown frequency {frequency!r}: month, quarter or year")


# The French lockdowns that closed non-essential shops (decrees of 2020-2021).
LOCKDOWNS: tuple[tuple[dt.date, dt.date], ...] = (
    (dt.date(2020, 3, 17), dt.date(2020, 5, 11)),
    (dt.date(2020, 10, 30), dt.date(2020, 11, 28)),
    (dt.date(2021, 4, 3), dt.date(2021, 5, 19)),
)
