"""One period, one tick: the activity charts draw a period's bars and its end-of-period count at the
period's slot, under its label, as the council report does; a time axis has at most a dozen labels,
on round months. Expected positions worked out by hand."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from wiker_data.charts.activity import events_chart, open_shops_chart
from wiker_data.charts.base import labelled
from wiker_data.periods import month_range, slot_position


@pytest.mark.parametrize(
    ("day", "frequency", "expected"),
    [
        (dt.date(2019, 1, 1), "year", -0.5),  # the first year's first day
        (dt.date(2020, 1, 1), "year", 0.5),  # where 2019 ends, 2020 starts
        (dt.date(2020, 3, 17), "year", 0.5 + 76 / 366),  # 2020 is a leap year: 17 March is day 77
        (dt.date(2019, 4, 16), "quarter", 1 - 0.5 + 15 / 91),  # Q2 2019 has 30 + 31 + 30 days
        (dt.date(2019, 2, 15), "month", 1 - 0.5 + 14 / 28),
    ],
)
def test_a_day_falls_in_its_periods_slot(day, frequency, expected):
    assert slot_position(day, dt.date(2019, 1, 1), frequency) == pytest.approx(expected)


def yearly() -> pd.DataFrame:
    periods = [dt.date(2019, 1, 1), dt.date(2020, 1, 1), dt.date(2021, 1, 1)]
    return pd.DataFrame(
        {
            "period": periods,
            "openings": [3, 2, 5],
            "reopenings": [0, 4, 1],
            "closures": [1, 6, 0],
            "temporary_closures": [0, 30, 2],
            "net_change": [2, -4, 5],
            "shops_open": [43, 41, 46],
            "temporarily_closed": [0, 0, 1],
            "recorded": [0, 0, 0],
        }
    )


def tick_of(fig, label: str) -> float:
    axis = fig.layout.xaxis
    return dict(zip(axis.ticktext, axis.tickvals, strict=True))[label]


def test_the_end_of_2020_stock_is_drawn_under_2020():
    fig = open_shops_chart(yearly(), "year", "fr")
    line = fig.data[0]
    assert dict(zip(line.x, line.y, strict=True))[tick_of(fig, "2020")] == 41
    assert list(fig.layout.xaxis.range) == [-0.5, 2.5]
    assert line.xperiodalignment is None  # drawn at its slot, not shifted to the period's end


def test_a_years_bars_sit_on_its_tick_and_say_their_count_in_words():
    fig = events_chart(yearly(), "year", "fr")
    closures = next(trace for trace in fig.data if trace.name == "Fermetures définitives")
    at_2020 = list(closures.x).index(tick_of(fig, "2020"))
    assert closures.y[at_2020] == -6  # drawn downwards
    assert tuple(closures.customdata[at_2020]) == ("2020", "6")  # the hover says 6


def test_the_lockdowns_cover_the_fractions_of_their_years():
    fig = events_chart(yearly(), "year", "fr")
    first = fig.layout.shapes[0]
    assert (first.x0, first.x1) == pytest.approx((0.5 + 76 / 366, 0.5 + 131 / 366))  # 17 March – 11 May 2020
    assert len(fig.layout.shapes) == 3


def test_monthly_labels_over_years_are_a_dozen_at_most_on_round_months():
    months = month_range(dt.date(2019, 3, 1), dt.date(2026, 11, 1))  # 93 months
    shown = [months[i] for i in labelled(months)]
    # 93 months: every 6 months gives 16 labels, every 12 gives 8: each January, from 2020
    assert shown == [dt.date(year, 1, 1) for year in range(2020, 2027)]


def test_a_short_series_labels_every_month():
    months = month_range(dt.date(2024, 1, 1), dt.date(2024, 12, 1))
    assert labelled(months) == list(range(12))
    quarters = [dt.date(2024, m, 1) for m in (1, 4, 7, 10)]
    assert labelled(quarters, "quarter") == [0, 1, 2, 3]


def test_a_monthly_chart_labels_its_months_in_french():
    periods = month_range(dt.date(2024, 1, 1), dt.date(2024, 3, 1))
    series = yearly().iloc[:3].assign(period=periods)
    fig = open_shops_chart(series, "month", "fr")
    assert list(fig.layout.xaxis.ticktext) == ["janv. 2024", "févr. 2024", "mars 2024"]
    assert fig.data[0].customdata[0][0] == "fin janvier 2024"
