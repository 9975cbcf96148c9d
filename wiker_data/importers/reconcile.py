"""Reconciling a commune's directory with the SIRENE register, from a SIRENE import plan.

Three lists, each leading to an action a coordinator takes on the reconciliation page:

- establishments in SIRENE that are not in the directory (add them: the plan's new shops);
- shops the directory shows open that SIRENE says are closed (mark them closed on that date);
- shops of the directory with no SIRET, or one that the file does not hold (link them to an
  establishment of the first list, best name match first).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from wiker_data.importers.names import likeness
from wiker_data.importers.shops import ShopPlan
from wiker_data.models import OPEN_KINDS, Shop
from wiker_data.queries.scope import latest_kind


@dataclass(frozen=True)
class Reconciliation:
    """The three lists, as DataFrames with the columns named in each."""

    missing: pd.DataFrame  # row, siret, name, category, address, opened_on
    closed: pd.DataFrame  # shop_id, name, siret, closed_on
    unmatched: pd.DataFrame  # shop_id, name, category, siret, version, candidates (SIRETs, best first)


def reconcile(session: Session, plan: ShopPlan, commune: str, today: dt.date | None = None) -> Reconciliation:
    """Return the reconciliation of `commune`'s directory with a SIRENE plan of that commune."""
    today = today or dt.date.today()
    missing = pd.DataFrame(
        [
            {
                "row": item.row,
                "siret": item.key,
                "name": item.values["name"],
                "category": item.values["category"],
                "address": item.values.get("address"),
                "opened_on": next((on for kind, on in item.events if kind == "opened"), None),
            }
            for item in plan.new
            if item.values["commune_code"] == commune
        ],
        columns=["row", "siret", "name", "category", "address", "opened_on"],
    )
    query = select(
        Shop.id, Shop.name, Shop.category, Shop.siret, Shop.version, latest_kind(today).label("kind")
    ).where(Shop.commune_code == commune, Shop.archived_at.is_(None))
    shops = session.execute(query).all()
    open_ids = {shop.id for shop in shops if shop.kind in OPEN_KINDS}
    closed = pd.DataFrame(
        [
            {"shop_id": change.shop_id, "name": change.name, "siret": change.key, "closed_on": on}
            for change in plan.updated
            if change.shop_id in open_ids
            for kind, on in change.events
            if kind == "closed"
        ],
        columns=["shop_id", "name", "siret", "closed_on"],
    )
    unmatched = pd.DataFrame(
        [
            {
                "shop_id": shop.id,
                "name": shop.name,
                "category": shop.category,
                "siret": shop.siret,
                "version": shop.version,
                "candidates": [
                    siret
                    for _, siret in sorted(
                        (
                            (-likeness(shop.name, name), siret)
                            for siret, name in zip(missing["siret"], missing["name"], strict=True)
                        )
                    )
                ],
            }
            for shop in shops
            if shop.siret is None or shop.siret not in plan.keys
        ],
        columns=["shop_id", "name", "category", "siret", "version", "candidates"],
    )
    return Reconciliation(missing, closed, unmatched)
