import datetime as dt

import pytest

from wiker_data.periods import last_complete_month, month_end, one_year_before


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


def test_month_end():
    assert month_end(dt.date(2024, 2, 1)) == dt.date(2024, 2, 29)
    assert month_end(dt.date(2023, 11, 15)) == dt.date(2023, 11, 30)
