"""The online-presence audit: for each open shop, a checklist of what makes it
findable and reachable online, a score, and the call list of the shops that
have no online presence at all (see the README's definition of *online*).

Everything is counted in SQL, from one query of the open shops' ticks (`_ticks`): the shares
per category or commune, and the call list one page at a time, so that the network's view at
national size (200,000 open shops) reads a few rows, not one per shop.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import String, case, cast, func, literal, or_, select
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
# Their columns (phone and e-mail are kept apart from the contact text).
ITEM_COLUMNS = tuple({"phone": "phone_listed", "email": "email_listed"}.get(item, item) for item in ITEMS)
ONLINE_ITEMS = ("website", "online_shop", "catalogue")  # the README's *online*
# How a shop of the call list can be reached, in the order they are called: a phone first.
REACH = ("phone", "email", "none")
# What a shop of the call list lacks beyond a website, an online shop and a catalogue (which none
# of them has), the groups in the order they are called: nothing online at all first.
GROUPS = ("no_site_no_social", "no_site")
COUNT_COLUMNS = ["shops", *ITEM_COLUMNS, "score", "online", "to_call"]
CALL_COLUMNS = [
    *("id", "commune_code", "name", "category", "address", "phone", "email", "score", "missing"),
    *("reach", "group"),
]


def _filled(column):
    return func.coalesce(func.trim(column), "") != ""


def _item_conditions() -> dict:
    """Return each checklist item's SQL condition on a shop, by ITEM_COLUMNS name."""
    # A JSON list, stored as its text by SQLite and PostgreSQL alike.
    social = func.coalesce(cast(Shop.social_links, String), "").not_in(["", "[]", "null"])
    return {
        "website": _filled(Shop.website),
        "online_shop": or_(Shop.online_shop.is_(True), _filled(Shop.online_shop_url)),
        "catalogue": has_catalogue(),
        "social": social,
        "phone_listed": _filled(Shop.phone),
        "email_listed": _filled(Shop.email),
        "opening_hours": _filled(Shop.opening_hours),
        "remote_trade": or_(Shop.click_collect.is_(True), Shop.delivery.is_(True)),
    }


def _ticks(as_of: dt.date, commune: str | None):
    """The subquery of the shops open on `as_of` in scope: their identity and contact columns, a 0/1
    column per checklist item, `score` (the items ticked) and `online` (0/1)."""
    ticks = {name: case((condition, 1), else_=0) for name, condition in _item_conditions().items()}
    score = sum(ticks.values(), start=literal(0))
    online = case((or_(*(ticks[name] == 1 for name in ONLINE_ITEMS)), 1), else_=0)
    return (
        select(
            Shop.id,
            Shop.commune_code,
            Shop.name,
            Shop.category,
            Shop.address,
            Shop.phone,
            Shop.email,
            *(tick.label(name) for name, tick in ticks.items()),
            score.label("score"),
            online.label("online"),
        )
        .where(latest_kind(as_of).in_(OPEN_KINDS), *live_shops(commune, as_of))
        .subquery()
    )


def checklist(session: Session, as_of: dt.date, commune: str | None = None) -> pd.DataFrame:
    """Return one row per shop open on `as_of` with its checklist, score and online flag, by name.

    Columns: id, commune_code, name, category, address, phone, email, ITEM_COLUMNS (bools), score (0-8,
    the number of items ticked), online (a website, an online shop or a catalogue item).
    """
    ticks = _ticks(as_of, commune)
    table = frame_of(session, select(ticks).order_by(ticks.c.name, ticks.c.id))
    flags = [*ITEM_COLUMNS, "online"]
    table[flags] = table[flags].astype(bool)
    table["score"] = table["score"].astype(int)
    return table


def counts(session: Session, as_of: dt.date, commune: str | None, by: str) -> pd.DataFrame:
    """Return the open shops' checklist in counts per `by` (category or commune_code), the groups
    with the most open shops first.

    Columns: by, COUNT_COLUMNS: shops, the shops ticking each ITEM_COLUMNS item, score (the sum of
    their scores), online (the shops online), to_call (the shops not online: the call list).
    """
    ticks = _ticks(as_of, commune)
    shops = func.count(ticks.c.id)
    query = (
        select(
            ticks.c[by],
            shops.label("shops"),
            *(func.sum(ticks.c[name]).label(name) for name in (*ITEM_COLUMNS, "score", "online")),
            func.sum(1 - ticks.c.online).label("to_call"),
        )
        .group_by(ticks.c[by])
        .order_by(shops.desc(), ticks.c[by])
    )
    table = frame_of(session, query)
    if table.empty:
        table = pd.DataFrame(columns=[by, *COUNT_COLUMNS])
    table[COUNT_COLUMNS] = table[COUNT_COLUMNS].astype(int)
    return table


def total(table: pd.DataFrame) -> pd.Series:
    """Return the counts of a `counts` table added up over its groups (COUNT_COLUMNS)."""
    return table[COUNT_COLUMNS].sum().astype(int)


def shares(table: pd.DataFrame) -> pd.DataFrame:
    """Return a `counts` table (or one `total`, as a one-row frame) with each item's count divided
    by the shops (a share, 0-1), `score` the mean score and `online` the share online."""
    shared = table.copy()
    columns = [*ITEM_COLUMNS, "score", "online"]
    shared[columns] = shared[columns].astype(float).div(shared["shops"].where(shared["shops"] > 0), axis=0)
    return shared


def call_list(
    session: Session,
    as_of: dt.date,
    commune: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> pd.DataFrame:
    """Return the open shops without any online presence, in the order they are called (the `limit`
    of them from `offset`): those with a phone, then those with an e-mail only, then neither; within
    each, those on no social network first, then the most incomplete, then by name.

    Columns: CALL_COLUMNS: id, commune_code, name, category, address, phone, email, score, missing
    (the item keys not ticked, in checklist order), reach (a REACH key), group (a GROUPS key).
    """
    ticks = _ticks(as_of, commune)
    reach = case((ticks.c.phone_listed == 1, 0), (ticks.c.email_listed == 1, 1), else_=2)
    query = (
        select(ticks)
        .where(ticks.c.online == 0)
        .order_by(reach, ticks.c.social, ticks.c.score, ticks.c.name, ticks.c.id)
        .limit(limit)
        .offset(offset)
    )
    calls = frame_of(session, query)
    calls["missing"] = [
        [ITEMS[i] for i, ticked in enumerate(row) if not ticked]
        for row in calls[list(ITEM_COLUMNS)].itertuples(index=False)
    ]
    calls["reach"] = [
        "phone" if phone else "email" if email else "none"
        for phone, email in zip(calls["phone_listed"], calls["email_listed"], strict=True)
    ]
    calls["group"] = [GROUPS[1] if social else GROUPS[0] for social in calls["social"]]
    calls["score"] = calls["score"].astype(int)
    return calls[CALL_COLUMNS]
