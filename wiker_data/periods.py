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
