import datetime as dt

import pytest

from wiker_data.periods import (
    days_in_month,
    last_complete_month,
    month_end,
    month_start,
    months_before,
    one_year_before,
    period_start,
    quarter,
)


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ("2024-12-31", "2024-12-01"),  # the month ended that very day
        ("2025-01-15", "2024-12-01"),
        ("2025-01-01", "2024-12-01"),
        ("2024-02-29", "2024-02-01"),
        ("2024-02-28", "2024-01-01"),
    ],
)
def test_last_complete_month(as_of, expected):
    assert last_complete_month(dt.date.fromisoformat(as_of)) == dt.date.fromisoformat(expected)


def test_one_year_before_leap_day_falls_back_to_28_february():
    assert one_year_before(dt.date(2024, 2, 29)) == dt.date(2023, 2, 28)
    assert one_year_before(dt.date(2024, 12, 31)) == dt.date(2023, 12, 31)


def test_month_start_days_in_month_and_quarter():
    assert month_start(dt.date(2024, 2, 29)) == dt.date(2024, 2, 1)
    assert [days_in_month(dt.date(2024, m, 10)) for m in (1, 2, 4)] == [31, 29, 30]
    assert days_in_month(dt.date(2023, 2, 1)) == 28
    assert [quarter(dt.date(2024, m, 1)) for m in (1, 3, 4, 9, 10, 12)] == [1, 1, 2, 3, 4, 4]


def test_month_end():
    assert month_end(dt.date(2024, 2, 1)) == dt.date(2024, 2, 29)
    assert month_end(dt.date(2023, 11, 15)) == dt.date(2023, 11, 30)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        ("2024-12-31", 6, "2024-06-30"),  # June has 30 days
        ("2024-08-31", 6, "2024-02-29"),  # leap February
        ("2025-03-15", 12, "2024-03-15"),
        ("2025-01-10", 1, "2024-12-10"),
    ],
)
def test_months_before(day, months, expected):
    assert months_before(dt.date.fromisoformat(day), months) == dt.date.fromisoformat(expected)


@pytest.mark.parametrize(
    ("frequency", "expected"), [("month", "2024-08-01"), ("quarter", "2024-07-01"), ("year", "2024-01-01")]
)
def test_period_start(frequency, expected):
    assert period_start(dt.date(2024, 8, 19), frequency) == dt.date.fromisoformat(expected)


def test_period_start_rejects_an_unknown_frequency():
    with pytest.raises(ValueError, match="week"):
        period_start(dt.date(2024, 8, 19), "week")
