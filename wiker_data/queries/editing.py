"""The read side of the coordinators' pages: what a form starts from and what
changed in it (the audit log in words: queries.history). Writes go through
wiker_data.services only."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from wiker_data.models import CatalogueItem, Commune, MonthlyVisits, Shop, StatusEvent
from wiker_data.queries.scope import latest_kind
from wiker_data.queries.snapshots import commune_snapshot, shop_snapshot


def editable_shops(session: Session, commune: str, as_of: dt.date) -> pd.DataFrame:
    """Return a commune's shops, archived ones too, by name. Columns: id, name, category, archived, status."""
    rows = session.execute(
        select(Shop.id, Shop.name, Shop.category, Shop.archived_at.is_not(None), latest_kind(as_of))
        .where(Shop.commune_code == commune)
        .order_by(Shop.name, Shop.id)
    ).all()
    return pd.DataFrame.from_records(
        [tuple(r) for r in rows], columns=["id", "name", "category", "archived", "status"]
    )


def shop_commune(session: Session, shop_id: int) -> str | None:
    """Return the INSEE code of a shop's commune, or None when there is no such shop."""
    return session.scalar(select(Shop.commune_code).where(Shop.id == shop_id))


def shop_form(session: Session, shop_id: int) -> dict[str, Any] | None:
    """Return what the shop form starts from: the editable fields, id, version and archived_at
    (services.shops.shop_snapshot), plus `events` (date, kind) and `catalogue` (id, name, price,
    description); None when there is no such shop."""
    shop = session.get(Shop, shop_id)
    if shop is None:
        return None
    values = shop_snapshot(shop)
    values["events"] = [
        (e.event_date, e.kind)
        for e in session.scalars(
            select(StatusEvent)
            .where(StatusEvent.shop_id == shop_id)
            .order_by(StatusEvent.event_date, StatusEvent.id)
        )
    ]
    values["catalogue"] = [
        {"id": i.id, "name": i.name, "price": i.price, "description": i.description}
        for i in session.scalars(
            select(CatalogueItem).where(CatalogueItem.shop_id == shop_id).order_by(CatalogueItem.id)
        )
    ]
    return values


def commune_form(session: Session, code: str) -> dict[str, Any] | None:
    """Return what the commune form starts from (services.communes.commune_snapshot), or None."""
    commune = session.get(Commune, code)
    return commune_snapshot(session, commune) if commune else None


def commune_visits(session: Session, code: str) -> pd.DataFrame:
    """Return a commune's monthly visits, oldest first. Columns: month, visits, unique_visitors."""
    rows = session.execute(
        select(MonthlyVisits.month, MonthlyVisits.visits, MonthlyVisits.unique_visitors)
        .where(MonthlyVisits.commune_code == code)
        .order_by(MonthlyVisits.month)
    ).all()
    return pd.DataFrame.from_records([tuple(r) for r in rows], columns=["month", "visits", "unique_visitors"])


def changes(start: dict[str, Any], submitted: dict[str, Any]) -> dict[str, Any]:
    """Return the submitted fields whose value differs from what the form started from.

    Blank text and None count as the same (an untouched empty field is no change).
    """

    def same(a: Any, b: Any) -> bool:
        blank_a, blank_b = a in (None, ""), b in (None, "")
        if blank_a or blank_b:
            return blank_a and blank_b
        if isinstance(a, float | int) and isinstance(b, float | int):
            return abs(float(a) - float(b)) < 1e-9
        return a == b

    return {field: value for field, value in submitted.items() if not same(start.get(field), value)}
