"""The map's shops (wiker_data.queries.shops) against the hand-worked fixture store
(tests/fixture_store.py)."""

import datetime as dt

import pandas as pd
import pytest
from sqlalchemy import select

from tests.fixture_store import AS_OF
from wiker_data.models import Shop
from wiker_data.queries import shops as shop_queries
from wiker_data.queries.shops import MapFilter, filter_shops


def test_shops_for_map_statuses_and_online_flag(session):
    shops = shop_queries.shops_for_map(session, AS_OF, "44052").set_index("name")
    assert "archived" not in shops.index
    assert len(shops) == 9
    assert shops.loc["closed_last_day", "status"] == "closed"
    assert shops.loc["temporary", "status"] == "temporarily_closed"
    assert shops.loc["future", "status"] == "not_open_yet"
    assert shops.loc["reopened", "status"] == "open"
    assert bool(shops.loc["catalogue_only", "online"]) is True
    assert bool(shops.loc["first_day", "online"]) is False


def test_filter_hides_closed_shops_but_keeps_temporarily_closed(session):
    shops = shop_queries.shops_for_map(session, AS_OF, "44052")
    names = set(filter_shops(shops, MapFilter())["name"])
    assert names == {
        "always_open",
        "first_day",
        "day_before",
        "reopened",
        "temporary",
        "lockdown",
        "catalogue_only",
    }
    with_closed = filter_shops(shops, MapFilter(show_closed=True))
    assert len(with_closed) == 9


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [
        (MapFilter(categories=("cafe_bar", "clothing")), {"reopened", "lockdown"}),
        (MapFilter(trade_modes=("click_collect",)), {"lockdown"}),
        (MapFilter(online=True), {"always_open", "catalogue_only"}),
        (MapFilter(search="  ALWAYS "), {"always_open"}),
        (MapFilter(search="day", show_closed=True), {"first_day", "day_before", "closed_last_day"}),
    ],
)
def test_filter_shops(session, chosen, expected):
    shops = shop_queries.shops_for_map(session, AS_OF, "44052")
    assert set(filter_shops(shops, chosen)["name"]) == expected


def test_network_map_shows_the_shops_of_member_communes_only(session):
    shops = shop_queries.shops_for_map(session, AS_OF)
    assert set(shops["commune_code"]) == {"44052", "44210"}
    assert len(shops) == 9 + 2


def test_the_map_filters_takeaway_shops(session):
    # The fixture store has no takeaway shop: "lockdown" (click & collect) becomes one as well.
    lockdown = session.scalar(select(Shop).where(Shop.name == "lockdown"))
    lockdown.takeaway = True
    session.flush()
    shops = shop_queries.shops_for_map(session, AS_OF, "44052")
    assert set(filter_shops(shops, MapFilter(trade_modes=("takeaway",)))["name"]) == {"lockdown"}
    assert bool(shops.set_index("name").loc["always_open", "takeaway"]) is False


TUESDAY_8AM = dt.datetime(2026, 12, 1, 8, 0)


def hours_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "name": ["bakery", "bar", "by_appointment", "no_hours", "closed_for_now", "gone"],
            "opening_hours": [
                "Mo-Sa 07:00-19:30",  # open on Tuesday at 08:00
                "Tu-Su 17:00-01:00",  # not yet
                "sur rendez-vous",  # unreadable: unknown
                None,  # missing: unknown
                "Mo-Fr 08:00-12:00",  # open by its hours, but temporarily closed
                "24/7",
            ],
            "status": ["open", "open", "open", "open", "temporarily_closed", "closed"],
        }
    )


def test_open_now_keeps_the_shops_open_then_and_those_of_unknown_hours():
    shown = filter_shops(hours_frame(), MapFilter(open_at=TUESDAY_8AM, show_closed=True))
    # closed_for_now's hours say open, but it is temporarily closed; gone's say 24/7, but it closed
    assert list(shown["name"]) == ["bakery", "by_appointment", "no_hours"]
    at_18 = filter_shops(hours_frame(), MapFilter(open_at=TUESDAY_8AM.replace(hour=18)))
    assert list(at_18["name"]) == ["bakery", "bar", "by_appointment", "no_hours"]


def test_shown_counts_split_by_status_and_count_unknown_hours_only_with_open_now():
    shown = filter_shops(hours_frame(), MapFilter(show_closed=True))
    assert shop_queries.shown_counts(shown) == shop_queries.ShownCounts(
        shown=6, open=4, temporarily_closed=1, other=1, unknown_hours=0
    )
    now = filter_shops(hours_frame(), MapFilter(open_at=TUESDAY_8AM))
    assert shop_queries.shown_counts(now, TUESDAY_8AM) == shop_queries.ShownCounts(
        shown=3, open=3, temporarily_closed=0, other=0, unknown_hours=2
    )


def test_observation_time_is_the_chosen_day_at_the_clock_time_in_paris():
    now = dt.datetime(2026, 12, 3, 9, 12, 40, tzinfo=dt.UTC)  # 10:12 in Paris (winter time)
    assert shop_queries.observation_time(dt.date(2024, 12, 31), now) == dt.datetime(2024, 12, 31, 10, 12)
