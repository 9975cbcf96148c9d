"""The shops the map and its table show: one row per shop in scope, with its status as of a
date, and the map's filters."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from wiker_data.models import SHOP_FIELDS, TRADE_MODES, EventKind, Shop
from wiker_data.opening_hours_text import is_open
from wiker_data.queries.scope import frame_of, is_online, latest_kind, live_shops

# The shop's fields the map and its table show: all but the social links and the two identifiers.
MAP_FIELDS = [field for field in SHOP_FIELDS if field not in ("social_links", "siret", "osm_id")]
MAP_COLUMNS = ["id", *MAP_FIELDS, "online", "status"]
SHOPS_TIMEZONE = ZoneInfo("Europe/Paris")  # the time the shops' opening hours are written in


_STATUS_OF_KIND = {
    EventKind.OPENED.value: "open",
    EventKind.REOPENED.value: "open",
    EventKind.RECORDED.value: "open",
    EventKind.TEMPORARILY_CLOSED.value: "temporarily_closed",
    EventKind.CLOSED.value: "closed",
}


def shops_for_map(session: Session, as_of: dt.date, commune: str | None = None) -> pd.DataFrame:
    """Return the shops in scope with what the map and its table show, by name.

    Columns: MAP_COLUMNS. `status` is open, temporarily_closed, closed or not_open_yet (no event yet);
    `online` is the online-presence flag of the definitions.
    """
    query = (
        select(
            Shop.id,
            *(getattr(Shop, field) for field in MAP_FIELDS),
            is_online().label("online"),
            latest_kind(as_of).label("status"),
        )
        .where(*live_shops(commune, as_of))
        .order_by(Shop.name, Shop.id)
    )
    frame = frame_of(session, query)
    frame["status"] = frame["status"].map(_STATUS_OF_KIND).fillna("not_open_yet")
    for column in (*TRADE_MODES, "online"):
        frame[column] = frame[column].astype(bool)
    return frame


@dataclass(frozen=True)
class MapFilter:
    """What the resident chose to see on the map."""

    categories: tuple[str, ...] = ()  # empty: every category
    trade_modes: tuple[str, ...] = ()  # a shop must offer every mode listed
    online: bool | None = None  # None: both
    search: str = ""
    show_closed: bool = False
    open_at: dt.datetime | None = None  # keep the open shops open then (local time) or of unknown hours


def observation_time(as_of: dt.date, now: dt.datetime | None = None) -> dt.datetime:
    """Return when "open now" is judged: the day chosen, at the clock time of `now` (default: the
    current time in Paris, where the network's shops keep their hours), to the minute, without zone."""
    now = dt.datetime.now(SHOPS_TIMEZONE) if now is None else now.astimezone(SHOPS_TIMEZONE)
    return dt.datetime.combine(as_of, now.time().replace(second=0, microsecond=0))


def _open_states(shops: pd.DataFrame, at: dt.datetime) -> pd.Series:
    """Return per shop whether its hours say open at `at`: True, False, or None when unknown."""
    hours = shops["opening_hours"].astype("string").fillna("")
    states = {value: is_open(value, at) for value in hours.unique()}  # each distinct text read once
    return hours.map(states).astype(object)


def filter_shops(shops: pd.DataFrame, chosen: MapFilter) -> pd.DataFrame:
    """Return the rows of a shops_for_map frame that match the filter.

    Temporarily closed shops are always shown (they are still trading businesses);
    permanently closed ones and those not open yet only with `show_closed`. With `open_at`, only open
    shops stay, and of them not those whose hours say closed then: missing or unreadable hours stay.
    """
    keep = pd.Series(True, index=shops.index)
    if chosen.categories:
        keep &= shops["category"].isin(chosen.categories)
    for mode in chosen.trade_modes:
        keep &= shops[mode]
    if chosen.online is not None:
        keep &= shops["online"] == chosen.online
    if needle := chosen.search.strip().casefold():
        keep &= shops["name"].str.casefold().str.contains(needle, regex=False)
    if not chosen.show_closed:
        keep &= shops["status"].isin(["open", "temporarily_closed"])
    if chosen.open_at is not None:  # a shop closed, even for a while, is not open whatever its hours
        keep &= shops["status"] == "open"
        keep &= _open_states(shops, chosen.open_at).map(lambda state: state is not False).astype(bool)
    return shops[keep]


@dataclass(frozen=True)
class ShownCounts:
    """How the shops shown split, for the caption under the map."""

    shown: int
    open: int  # what the overview counts as shops open
    temporarily_closed: int
    other: int  # closed for good, or not open yet (shown with show_closed)
    unknown_hours: int  # shown although "open now" was asked: hours missing or unreadable; 0 without it


def shown_counts(shown: pd.DataFrame, open_at: dt.datetime | None = None) -> ShownCounts:
    """Return how the rows of a filter_shops result split by status, and how many have unknown hours."""
    status = shown["status"]
    unknown = 0 if open_at is None or shown.empty else int(_open_states(shown, open_at).isna().sum())
    return ShownCounts(
        shown=len(shown),
        open=int((status == "open").sum()),
        temporarily_closed=int((status == "temporarily_closed").sum()),
        other=int((~status.isin(["open", "temporarily_closed"])).sum()),
        unknown_hours=unknown,
    )
