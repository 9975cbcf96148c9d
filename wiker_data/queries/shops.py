"""The shops the map and its table show: one row per shop in scope, with its status as of a
date, and the map's filters."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from wiker_data.models import SHOP_FIELDS, TRADE_MODES, EventKind, Shop
from wiker_data.queries.scope import frame_of, is_online, latest_kind, live_shops

# The shop's fields the map and its table show: all but the social links and the two identifiers.
MAP_FIELDS = [field for field in SHOP_FIELDS if field not in ("social_links", "siret", "osm_id")]
MAP_COLUMNS = ["id", *MAP_FIELDS, "online", "status"]


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


def filter_shops(shops: pd.DataFrame, chosen: MapFilter) -> pd.DataFrame:
    """Return the rows of a shops_for_map frame that match the filter.

    Temporarily closed shops are always shown (they are still trading businesses);
    permanently closed ones and those not open yet only with `show_closed`.
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
    return shops[keep]
