"""Read queries behind the overview and the map. Every function takes a
session first, aggregates in SQL and returns a dataclass or a DataFrame with
documented columns.

Definitions (also in the README):
- a shop is *open on date D* when its latest status event on or before D is
  `opened` or `reopened`; a temporarily closed shop is neither open nor closed;
- *openings*, *closures* and *reopenings* are `opened`, `closed` and
  `reopened` events dated in the window (after D minus one year, up to D);
- *net change* = openings + reopenings after a permanent closure − closures
  (a reopening after a temporary closure is not a new shop);
- *online*: an open shop with a website, an online shop or a catalogue item.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Select, and_, case, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from wiker_data.models import (
    OPEN_KINDS,
    AuditEntry,
    CatalogueItem,
    Commune,
    EventKind,
    MonthlyVisits,
    Shop,
    StatusEvent,
)
from wiker_data.periods import last_complete_month, month_end, one_year_before


def _is_member(as_of: dt.date | None = None):
    """Return the SQL condition: the commune had joined the network (by `as_of` when given)."""
    joined = Commune.joined_on.is_not(None)
    return joined & (Commune.joined_on <= as_of) if as_of else joined


def live_shops(commune: str | None, as_of: dt.date | None = None) -> list:
    """Return the WHERE clauses selecting the shops in scope: one commune, or every commune that
    had joined the network by `as_of` (any member without it); never the archived shops."""
    members = select(Commune.code).where(_is_member(as_of)).scalar_subquery()
    in_scope = Shop.commune_code == commune if commune else Shop.commune_code.in_(members)
    return [Shop.archived_at.is_(None), in_scope]


def latest_kind(as_of: dt.date):
    """Return a correlated SQL expression: the kind of the shop's latest status event on or before `as_of`.

    One index seek per shop (status_event(shop_id, event_date)); NULL when the shop has no event yet.
    """
    latest = aliased(StatusEvent)
    return (
        select(latest.kind)
        .where(latest.shop_id == Shop.id, latest.event_date <= as_of)
        .order_by(latest.event_date.desc(), latest.id.desc())
        .limit(1)
        .correlate(Shop)
        .scalar_subquery()
    )


def has_catalogue():
    """Return the SQL condition: the shop has at least one catalogue item."""
    return exists().where(CatalogueItem.shop_id == Shop.id)


def _is_online():
    """Return the SQL condition: the shop has a website, an online shop or a catalogue item."""
    return or_(
        func.coalesce(Shop.website, "") != "",
        func.coalesce(Shop.online_shop_url, "") != "",
        Shop.online_shop.is_(True),
        has_catalogue(),
    )


def network_communes(session: Session, as_of: dt.date | None = None) -> pd.DataFrame:
    """Return the communes of the network (those with a joining date, on or before `as_of`), by name.

    Columns: code, name, postal_code, population, population_year, latitude, longitude, joined_on, shop_units.
    """
    query = (
        select(
            Commune.code,
            Commune.name,
            Commune.postal_code,
            Commune.population,
            Commune.population_year,
            Commune.latitude,
            Commune.longitude,
            Commune.joined_on,
            Commune.shop_units,
        )
        .where(_is_member(as_of))
        .order_by(Commune.name)
    )
    return frame_of(session, query)


def frame_of(session: Session, query: Select) -> pd.DataFrame:
    """Return the rows of `query` as a DataFrame with its column names."""
    result = session.execute(query)
    # Plain tuples: building a frame from Row objects is five times slower.
    return pd.DataFrame.from_records([tuple(row) for row in result], columns=list(result.keys()))


@dataclass(frozen=True)
class Overview:
    """The overview's KPIs for the network or one commune, as of a date."""

    as_of: dt.date
    communes: int
    population: int
    shops_open: int
    shops_online: int
    openings: int
    closures: int
    reopenings: int
    reopenings_after_closure: int
    visits_month: dt.date
    visits: int | None  # None when no commune in scope has a figure for that month
    visits_population: int  # inhabitants of the communes that have a figure for that month

    @property
    def net_change(self) -> int:
        return self.openings + self.reopenings_after_closure - self.closures

    @property
    def share_online(self) -> float | None:
        return self.shops_online / self.shops_open if self.shops_open else None

    @property
    def visits_per_inhabitant(self) -> float | None:
        if self.visits is None or not self.visits_population:
            return None
        return self.visits / self.visits_population


COMMUNE_KPI_COLUMNS = [
    "code",
    "name",
    "population",
    "population_year",
    "joined_on",
    "shops_open",
    "shops_online",
    "openings",
    "closures",
    "reopenings",
    "reopenings_after_closure",
    "net_change",
    "visits",
    "visits_per_inhabitant",
    "share_online",
]


def commune_kpis(session: Session, as_of: dt.date, commune: str | None = None) -> pd.DataFrame:
    """Return one row of KPIs per network commune (or just `commune`) as of `as_of`.

    Columns: COMMUNE_KPI_COLUMNS; `visits` is the last complete month's, NaN when unknown.
    """
    if commune:
        communes = network_communes(session)
        communes = communes[communes["code"] == commune]
    else:
        communes = network_communes(session, as_of)
    table = communes[["code", "name", "population", "population_year", "joined_on"]].set_index("code")

    open_counts = session.execute(open_shops_per_commune(as_of, commune)).all()
    table = table.join(
        pd.DataFrame(open_counts, columns=["code", "shops_open", "shops_online"]).set_index("code")
    )

    table = table.join(_event_counts(session, as_of, commune))

    month = last_complete_month(as_of)
    visits = session.execute(
        select(MonthlyVisits.commune_code, MonthlyVisits.visits).where(MonthlyVisits.month == month)
    ).all()
    table = table.join(pd.DataFrame(visits, columns=["code", "visits"]).set_index("code"))

    counts = ["shops_open", "shops_online", "openings", "closures", "reopenings", "reopenings_after_closure"]
    table[counts] = table[counts].fillna(0).astype(int)
    table["net_change"] = table["openings"] + table["reopenings_after_closure"] - table["closures"]
    table["visits_per_inhabitant"] = table["visits"] / table["population"].where(table["population"] > 0)
    table["share_online"] = (table["shops_online"] / table["shops_open"]).where(table["shops_open"] > 0)
    return table.reset_index()[COMMUNE_KPI_COLUMNS]


def open_shops_per_commune(as_of: dt.date, commune: str | None = None) -> Select:
    """Return the query of the shops open and open online per commune in scope on `as_of`:
    commune_code, shops_open, shops_online (the benchmark runs it through sqlite3 too)."""
    return (
        select(
            Shop.commune_code,
            func.count().label("shops_open"),
            func.sum(case((_is_online(), 1), else_=0)).label("shops_online"),
        )
        .where(latest_kind(as_of).in_(OPEN_KINDS), *live_shops(commune, as_of))
        .group_by(Shop.commune_code)
    )


def _event_counts(session: Session, as_of: dt.date, commune: str | None) -> pd.DataFrame:
    """Return per commune the openings, closures and reopenings dated in the year up to `as_of`."""
    previous_kind = func.lag(StatusEvent.kind).over(
        partition_by=StatusEvent.shop_id, order_by=(StatusEvent.event_date, StatusEvent.id)
    )
    events = (
        select(
            Shop.commune_code,
            StatusEvent.kind,
            StatusEvent.event_date,
            previous_kind.label("previous_kind"),
        )
        .join(Shop, Shop.id == StatusEvent.shop_id)
        .where(StatusEvent.event_date <= as_of, *live_shops(commune, as_of))
        .subquery()
    )
    in_window = events.c.event_date > one_year_before(as_of)

    def count_of(condition):
        return func.sum(case((and_(in_window, condition), 1), else_=0))

    rows = session.execute(
        select(
            events.c.commune_code,
            count_of(events.c.kind == EventKind.OPENED).label("openings"),
            count_of(events.c.kind == EventKind.CLOSED).label("closures"),
            count_of(events.c.kind == EventKind.REOPENED).label("reopenings"),
            count_of(
                and_(events.c.kind == EventKind.REOPENED, events.c.previous_kind == EventKind.CLOSED)
            ).label("reopenings_after_closure"),
        ).group_by(events.c.commune_code)
    ).all()
    columns = ["code", "openings", "closures", "reopenings", "reopenings_after_closure"]
    return pd.DataFrame(rows, columns=columns).set_index("code")


def overview(session: Session, as_of: dt.date, commune: str | None = None) -> Overview:
    """Return the overview KPIs of the network (or of `commune`) as of `as_of`."""
    return summarise_kpis(commune_kpis(session, as_of, commune), as_of)


def summarise_kpis(table: pd.DataFrame, as_of: dt.date) -> Overview:
    """Return the overview KPIs that a commune_kpis table adds up to."""
    # Visits count only with the inhabitants they are divided by.
    with_visits = table[table["visits"].notna() & (table["population"] > 0)]
    return Overview(
        as_of=as_of,
        communes=len(table),
        population=int(table["population"].fillna(0).sum()),
        shops_open=int(table["shops_open"].sum()),
        shops_online=int(table["shops_online"].sum()),
        openings=int(table["openings"].sum()),
        closures=int(table["closures"].sum()),
        reopenings=int(table["reopenings"].sum()),
        reopenings_after_closure=int(table["reopenings_after_closure"].sum()),
        visits_month=last_complete_month(as_of),
        visits=int(with_visits["visits"].sum()) if len(with_visits) else None,
        visits_population=int(with_visits["population"].fillna(0).sum()),
    )


def open_shops_by_category(session: Session, as_of: dt.date, commune: str | None = None) -> pd.DataFrame:
    """Return the number of open shops per category, most first. Columns: category, shops_open."""
    query = (
        select(Shop.category, func.count().label("shops_open"))
        .where(latest_kind(as_of).in_(OPEN_KINDS), *live_shops(commune, as_of))
        .group_by(Shop.category)
        .order_by(func.count().desc(), Shop.category)
    )
    return frame_of(session, query)


MAP_COLUMNS = [
    "id",
    "commune_code",
    "name",
    "category",
    "address",
    "latitude",
    "longitude",
    "phone",
    "email",
    "website",
    "online_shop_url",
    "opening_hours",
    "in_store",
    "click_collect",
    "delivery",
    "appointment",
    "online_shop",
    "online",
    "status",
]


_STATUS_OF_KIND = {
    EventKind.OPENED.value: "open",
    EventKind.REOPENED.value: "open",
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
            Shop.commune_code,
            Shop.name,
            Shop.category,
            Shop.address,
            Shop.latitude,
            Shop.longitude,
            Shop.phone,
            Shop.email,
            Shop.website,
            Shop.online_shop_url,
            Shop.opening_hours,
            Shop.in_store,
            Shop.click_collect,
            Shop.delivery,
            Shop.appointment,
            Shop.online_shop,
            _is_online().label("online"),
            latest_kind(as_of).label("status"),
        )
        .where(*live_shops(commune, as_of))
        .order_by(Shop.name, Shop.id)
    )
    frame = frame_of(session, query)
    frame["status"] = frame["status"].map(_STATUS_OF_KIND).fillna("not_open_yet")
    for column in ("in_store", "click_collect", "delivery", "appointment", "online_shop", "online"):
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


def store_is_demo(session: Session) -> bool:
    """Return True when the store holds demo-generated shops."""
    return bool(session.scalar(select(exists().where(Shop.source == "demo"))))


def data_as_of(session: Session) -> dt.date | None:
    """Return the date of the latest status event or visits month in the store."""
    latest_event = session.scalar(select(func.max(StatusEvent.event_date)))
    latest_visits = session.scalar(select(func.max(MonthlyVisits.month)))
    dates = [d for d in (latest_event, latest_visits and month_end(latest_visits)) if d]
    return max(dates) if dates else None


def store_revision(session: Session) -> int:
    """Return the store's revision: the id of its latest audited change (0 before any).

    Every write goes through the audited service layer, so a new revision means cached
    figures may be stale.
    """
    return session.scalar(select(func.coalesce(func.max(AuditEntry.id), 0)))
