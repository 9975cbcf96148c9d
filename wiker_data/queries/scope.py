"""What every read query shares: the shops and communes in scope (a commune, or the network
as of a date), a shop's status at a date, what counts as online, rows as a DataFrame, and the
store's own facts (demo or not, latest data, revision).

Definitions (also in the README):
- a shop is *open on date D* when its latest status event on or before D is
  `opened`, `reopened` or `recorded` (known open from then, without a known
  opening); a temporarily closed shop is neither open nor closed;
- *online*: an open shop with a website, an online shop or a catalogue item.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
from sqlalchemy import ColumnElement, ScalarSelect, Select, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from wiker_data.models import (
    AuditEntry,
    CatalogueItem,
    Commune,
    CommuneRevision,
    MonthlyVisits,
    Shop,
    StatusEvent,
)
from wiker_data.periods import month_end


def is_member(as_of: dt.date | None = None):
    """Return the SQL condition: the commune is in the network on `as_of` (it had joined by then and
    had not left: a commune that left on D is out from D on); without `as_of`, it has ever joined."""
    joined = Commune.joined_on.is_not(None)
    if not as_of:
        return joined
    return joined & (Commune.joined_on <= as_of) & (Commune.left_on.is_(None) | (Commune.left_on > as_of))


def member_codes(as_of: dt.date | None = None) -> ScalarSelect:
    """Return the SQL subquery of the codes of the communes in the network on `as_of` (is_member)."""
    return select(Commune.code).where(is_member(as_of)).scalar_subquery()


def live_shops(commune: str | None, as_of: dt.date | None = None) -> list:
    """Return the WHERE clauses selecting the shops in scope: one commune, or every commune that
    had joined the network by `as_of` (any member without it); never the archived shops."""
    in_scope = Shop.commune_code == commune if commune else Shop.commune_code.in_(member_codes(as_of))
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


def is_online():
    """Return the SQL condition: the shop has a website, an online shop or a catalogue item."""
    return or_(
        func.coalesce(Shop.website, "") != "",
        func.coalesce(Shop.online_shop_url, "") != "",
        Shop.online_shop.is_(True),
        has_catalogue(),
    )


def network_communes(
    session: Session, as_of: dt.date | None = None, among: Sequence[str] | None = None
) -> pd.DataFrame:
    """Return the communes of the network on `as_of` (is_member), or that ever joined it, by name;
    with `among`, only those of these codes.

    Columns: code, name, postal_code, population, population_year, latitude, longitude, joined_on,
    left_on, shop_units.
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
            Commune.left_on,
            Commune.shop_units,
        )
        .where(is_member(as_of), *([] if among is None else [Commune.code.in_(among)]))
        .order_by(Commune.name, Commune.code)  # one order, even for two communes of one name
    )
    return frame_of(session, query)


def frame_of(session: Session, query: Select) -> pd.DataFrame:
    """Return the rows of `query` as a DataFrame with its column names."""
    result = session.execute(query)
    # Plain tuples: building a frame from Row objects is five times slower.
    return pd.DataFrame.from_records([tuple(row) for row in result], columns=list(result.keys()))


def store_is_demo(session: Session) -> bool:
    """Return True when the store holds demo-generated shops."""
    return bool(session.scalar(select(exists().where(Shop.source == "demo"))))


def visits_month_of_each(extreme) -> ScalarSelect:
    """The `extreme` (func.min or func.max) month with visits of each commune of the enclosing
    query's Commune: one seek each in the (commune, month) index, where a min or max over every
    commune's months would scan them all (a million at national size)."""
    return (
        select(extreme(MonthlyVisits.month))
        .where(MonthlyVisits.commune_code == Commune.code)
        .correlate(Commune)
        .scalar_subquery()
    )


def data_as_of(session: Session) -> dt.date | None:
    """Return the date of the latest status event or visits month in the store."""
    latest_event = session.scalar(select(func.max(StatusEvent.event_date)))
    latest_visits = session.scalar(select(func.max(visits_month_of_each(func.max))).select_from(Commune))
    dates = [d for d in (latest_event, latest_visits and month_end(latest_visits)) if d]
    return max(dates) if dates else None


def _kept(code: str, column: ColumnElement) -> ScalarSelect:
    """`column` of the row of `code` in models.CommuneRevision (a commune's, GENERATION or NETWORK)."""
    return select(column).where(CommuneRevision.commune_code == code).scalar_subquery()


def _latest_audit_id() -> ScalarSelect:
    return select(func.max(AuditEntry.id)).scalar_subquery()


def _revision(commune: str | None, of_figures: bool = False) -> ColumnElement:
    if commune is None:
        latest = func.coalesce(_latest_audit_id(), 0)
        if of_figures:  # the store's row (NETWORK) is missing until the first save after a restore
            return func.coalesce(_kept(CommuneRevision.NETWORK, CommuneRevision.figures_revision), latest)
        return latest
    column = CommuneRevision.revision
    if of_figures:
        column = func.coalesce(CommuneRevision.figures_revision, CommuneRevision.revision)
    return func.coalesce(_kept(commune, column), 0)


def store_revision(session: Session, commune: str | None = None) -> int:
    """Return the store's revision: the id of its latest audited change (0 before any); with
    `commune`, the id of the latest change of that commune (of its shops, its figures, its visits).

    Every write goes through the audited service layer, so a new revision means cached figures
    may be stale: the store's for the network's figures, the commune's (models.CommuneRevision,
    kept by the write transaction) for that commune's alone: a save in Donges leaves Nantes's
    figures as they were. Each is one indexed read.
    """
    return session.scalar(select(_revision(commune)))


_NOT_COMMUNES = (CommuneRevision.GENERATION, CommuneRevision.NETWORK)  # rows that are no commune's


def changed_since(session: Session, figures_revision: int) -> list[str]:
    """Return the codes of the communes whose figures may have changed after the store's
    `figures_revision` (their models.CommuneRevision.figures_revision is later), in code order: those
    whose figures a network table read at that revision holds stale."""
    later = func.coalesce(CommuneRevision.figures_revision, CommuneRevision.revision) > figures_revision
    query = (
        select(CommuneRevision.commune_code)
        .where(later, CommuneRevision.commune_code.not_in(_NOT_COMMUNES))
        .order_by(CommuneRevision.commune_code)
    )
    return list(session.scalars(query))


def cache_revision(
    session: Session, commune: str | None = None, of_figures: bool = True
) -> tuple[int | None, int]:
    """Return, in one query, what cached data of `commune` (None: of the network) is keyed by: the
    store's generation (models.CommuneRevision.GENERATION: renewed when its data is replaced
    wholesale; None in a store that never had one) and its figures revision (`of_figures`: figures
    a rename leaves as they were) or its revision (store_revision: lists of shops, their names)."""
    generation, revision = session.execute(
        select(_kept(CommuneRevision.GENERATION, CommuneRevision.revision), _revision(commune, of_figures))
    ).one()
    return generation, revision
