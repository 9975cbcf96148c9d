"""The online-presence audit: for each open shop, a checklist of what makes it
findable and reachable online, a score, and the call list of the shops that
have no online presence at all (see the README's definition of *online*)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from wiker_data.models import OPEN_KINDS, Shop
from wiker_data.queries.scope import frame_of, has_catalogue, latest_kind, live_shops

# Checklist items, in the order they are shown.
ITEMS = (
    "website",
    "online_shop",
    "catalogue",
    "social",
    "phone",
    "email",
    "opening_hours",
    "remote_trade",
)


def _filled(values: pd.Series) -> pd.Series:
    return values.fillna("").astype(str).str.strip() != ""


def checklist(session: Session, as_of: dt.date, commune: str | None = None) -> pd.DataFrame:
    """Return one row per shop open on `as_of` with its checklist, score and online flag.

    Columns: id, commune_code, name, category, address, phone, email, ITEMS (bools), score (0-8, the
    number of items ticked), online (a website, an online shop or a catalogue item).
    """
    query = (
        select(
            Shop.id,
            Shop.commune_code,
            Shop.name,
            Shop.category,
            Shop.address,
            Shop.phone,
            Shop.email,
            Shop.website,
            Shop.online_shop,
            Shop.online_shop_url,
            Shop.social_links,
            Shop.opening_hours,
            Shop.click_collect,
            Shop.delivery,
            has_catalogue().label("has_catalogue"),
        )
        .where(latest_kind(as_of).in_(OPEN_KINDS), *live_shops(commune, as_of))
        .order_by(Shop.name, Shop.id)
    )
    shops = frame_of(session, query)
    for column in ("online_shop", "has_catalogue", "click_collect", "delivery"):
        shops[column] = shops[column].astype(bool)
    table = shops[["id", "commune_code", "name", "category", "address", "phone", "email"]].copy()
    table["website"] = _filled(shops["website"])
    table["online_shop"] = shops["online_shop"] | _filled(shops["online_shop_url"])
    table["catalogue"] = shops["has_catalogue"]
    table["social"] = shops["social_links"].map(lambda links: bool(links))
    table["phone_item"] = _filled(shops["phone"])
    table["email_item"] = _filled(shops["email"])
    table["opening_hours"] = _filled(shops["opening_hours"])
    table["remote_trade"] = shops["click_collect"] | shops["delivery"]
    table = table.rename(columns={"phone_item": "phone_listed", "email_item": "email_listed"})
    items = _item_columns()
    table[items] = table[items].astype(bool)
    table["score"] = table[items].sum(axis=1).astype(int)
    table["online"] = table["website"] | table["online_shop"] | table["catalogue"]
    return table.reset_index(drop=True)


def _item_columns() -> list[str]:
    """Return the checklist's column names (phone and e-mail are kept apart from the contact text)."""
    return [{"phone": "phone_listed", "email": "email_listed"}.get(item, item) for item in ITEMS]


ITEM_COLUMNS = tuple(_item_columns())


def shares(table: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Return the share of shops with each checklist item, overall or per `by` (category or commune_code).

    Columns: [by], shops, then one share (0-1) per ITEM_COLUMNS entry.
    """
    items = list(ITEM_COLUMNS)
    if by is None:
        row = {
            "shops": len(table),
            **{item: table[item].mean() if len(table) else float("nan") for item in items},
        }
        return pd.DataFrame([row])
    grouped = table.groupby(by)
    result = grouped[items].mean()
    result.insert(0, "shops", grouped.size())
    return result.reset_index().sort_values("shops", ascending=False, kind="stable").reset_index(drop=True)


# How a shop of the call list can be reached, in the order they are called: a phone first.
REACH = ("phone", "email", "none")
# What a shop of the call list lacks beyond a website, an online shop and a catalogue (which none
# of them has), the groups in the order they are called: nothing online at all first.
GROUPS = ("no_site_no_social", "no_site")


def call_list(table: pd.DataFrame) -> pd.DataFrame:
    """Return the open shops without any online presence, in the order they are called: those with
    a phone, then those with an e-mail only, then neither; within each, those on no social network
    first, then the most incomplete, then by name.

    Columns: id, commune_code, name, category, address, phone, email, score, missing (the item keys
    not ticked, in checklist order), reach (a REACH key), group (a GROUPS key).
    """
    offline = table[~table["online"]].copy()
    items = list(ITEM_COLUMNS)
    offline["missing"] = [
        [ITEMS[i] for i, ticked in enumerate(row) if not ticked]
        for row in offline[items].itertuples(index=False)
    ]
    offline["reach"] = [
        "phone" if phone else "email" if email else "none"
        for phone, email in zip(offline["phone_listed"], offline["email_listed"], strict=True)
    ]
    offline["group"] = ["no_site" if social else "no_site_no_social" for social in offline["social"]]
    offline["_reach"] = offline["reach"].map(REACH.index)
    offline["_group"] = offline["group"].map(GROUPS.index)
    offline = offline.sort_values(["_reach", "_group", "score", "name"], kind="stable")
    columns = [
        *("id", "commune_code", "name", "category", "address", "phone", "email", "score", "missing"),
        *("reach", "group"),
    ]
    return offline[columns].reset_index(drop=True)
