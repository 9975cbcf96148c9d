"""Series over time against the hand-worked fixture store (tests/fixture_store.py).

Donges month by month in 2024 (shops open at each month's end; 7 at the end of 2023:
always_open, day_before, closed_last_day, reopened, temporary, lockdown, catalogue_only):
  Jan  first_day opens                                   -> 8
  Feb  lockdown temporarily closed                       -> 7 (1 temporarily closed)
  Mar  reopened closes, lockdown reopens                 -> 7 (0 temporarily closed)
  Sep  reopened reopens after its closure                -> 8
  Nov  temporary temporarily closed                      -> 7 (1 temporarily closed)
  Dec  closed_last_day closes on the 31st                -> 6
"""

import datetime as dt

import pandas as pd
import pytest

from tests.fixture_store import AS_OF
from wiker_data.queries import activity as activity_queries
from wiker_data.queries.events import EVENT_COUNTS

START, END = dt.date(2024, 1, 1), dt.date(2024, 12, 31)


def test_monthly_shops_open_follow_the_events(session):
    table = activity_queries.activity(session, START, END, "month", "44052")
    assert list(table["period"]) == [dt.date(2024, m, 1) for m in range(1, 13)]
    assert list(table["shops_open"]) == [8, 7, 7, 7, 7, 7, 7, 7, 8, 8, 7, 6]
    assert list(table["temporarily_closed"]) == [0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]
    march = table.set_index("period").loc[dt.date(2024, 3, 1)]
    assert (march["closures"], march["reopenings"], march["reopenings_after_closure"]) == (1, 1, 0)
    assert march["net_change"] == -1


def test_yearly_totals_match_the_overview(session):
    year = activity_queries.activity(session, START, END, "year", "44052").iloc[0]
    assert (year["openings"], year["closures"], year["reopenings"], year["temporary_closures"]) == (
        1,
        2,
        2,
        2,
    )
    assert year["net_change"] == 0  # 1 opening + 1 reopening after closure - 2 closures
    assert year["shops_open"] == 6


def test_quarters_end_counts(session):
    table = activity_queries.activity(session, START, END, "quarter", "44052")
    assert list(table["period"]) == [
        dt.date(2024, 1, 1),
        dt.date(2024, 4, 1),
        dt.date(2024, 7, 1),
        dt.date(2024, 10, 1),
    ]
    assert list(table["shops_open"]) == [7, 7, 8, 6]


def test_periods_without_events_are_present_with_zero_counts(session):
    table = activity_queries.activity(session, dt.date(2019, 1, 1), dt.date(2021, 12, 31), "year", "44052")
    assert list(table["openings"]) == [0, 0, 0]
    # always_open, closed_last_day, reopened, temporary, lockdown, catalogue_only were open then.
    assert list(table["shops_open"]) == [6, 6, 6]


def test_events_after_the_end_are_ignored(session):
    table = activity_queries.activity(session, dt.date(2025, 1, 1), dt.date(2025, 1, 14), "month", "44052")
    assert table.iloc[0]["openings"] == 0  # "future" opens on 2025-01-15
    assert table.iloc[0]["shops_open"] == 6


def test_by_category(session):
    detail = activity_queries.monthly_detail(session, END, "44052")
    table = activity_queries.activity_by_category_of(detail, START, END, "year").set_index("category")
    assert table.loc["bakery", ["openings", "closures", "temporary_closures", "shops_open"]].tolist() == [
        1,
        1,
        1,
        4,
    ]
    assert table.loc[
        "cafe_bar", ["closures", "reopenings_after_closure", "net_change", "shops_open"]
    ].tolist() == [
        1,
        1,
        0,
        1,
    ]
    assert table.loc["clothing", ["temporary_closures", "reopenings", "net_change"]].tolist() == [1, 1, 0]


def test_trade_mode_coverage_of_the_network(session):
    detail = activity_queries.monthly_detail(session, END)
    row = activity_queries.trade_mode_coverage_of(detail, START, END, "year").iloc[0]
    # 7 open at the end of 2024; lockdown offers click & collect, new_online delivery and an online shop.
    assert row["shops_open"] == 7
    assert row["click_collect"] == pytest.approx(1 / 7)
    assert row["delivery"] == pytest.approx(1 / 7)
    assert row["online_shop"] == pytest.approx(1 / 7)


def test_unknown_frequency_is_refused(session):
    with pytest.raises(ValueError, match="fortnight"):
        activity_queries.activity(session, START, END, "fortnight")


def test_category_summary_over_two_years(session):
    yearly = activity_queries.activity_by_category_of(
        activity_queries.monthly_detail(session, END, "44052"), dt.date(2023, 1, 1), END, "year"
    )
    table = activity_queries.category_summary_of(yearly).set_index("category")
    # bakery: day_before opened 2023-12-31 and first_day 2024-01-01; closed_last_day closed.
    assert table.loc["bakery", ["openings", "closures", "net_change", "shops_open"]].tolist() == [2, 1, 1, 4]
    assert list(table.index) == ["bakery", "cafe_bar", "clothing"]


@pytest.mark.parametrize("frequency", ["month", "quarter", "year"])
def test_figures_rolled_up_from_the_one_detailed_query_equal_their_own_queries(session, frequency):
    # The activity page runs monthly_detail once and rolls every figure up from it: the whole
    # must equal the function that queries for it alone (checked by hand above), and the figures
    # per category and per trade-mode combination must add up to it.
    start, end = dt.date(2023, 1, 1), AS_OF
    detail = activity_queries.monthly_detail(session, end)
    whole = activity_queries.activity_of(detail, start, end, frequency)
    pd.testing.assert_frame_equal(whole, activity_queries.activity(session, start, end, frequency))
    figures = [*EVENT_COUNTS, "net_change", "shops_open", "temporarily_closed"]
    by_category = activity_queries.activity_by_category_of(detail, start, end, frequency)
    pd.testing.assert_frame_equal(
        by_category.groupby("period")[figures].sum(), whole.set_index("period")[figures]
    )
    coverage = activity_queries.trade_mode_coverage_of(detail, start, end, frequency)
    assert coverage["period"].tolist() == whole["period"].tolist()
    assert coverage["shops_open"].tolist() == whole["shops_open"].tolist()
