"""What a row is, as JSON-safe values: what an edit form starts from, what the audit log keeps
before and after a change, and what an import compares a file with. Read-only."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wiker_data.models import (
    COMMUNE_FIELDS,
    SHOP_FIELDS,
    CatalogueItem,
    Commune,
    CommunePopulation,
    Shop,
    StatusEvent,
)

YEAR_KEY = "population_in_"  # the key of one population history row: "population_in_2024"


def to_json(value: Any) -> Any:
    """Return `value` with dates, datetimes, Decimals and enums as text, tuples as lists."""
    if isinstance(value, dt.date):  # datetimes too
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, enum.Enum):
        return to_json(value.value)
    if isinstance(value, Mapping):
        return {str(key): to_json(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(item) for item in value]
    return value


def shop_snapshot(shop: Shop) -> dict[str, Any]:
    """Return the shop's editable fields, id, archived_at and version, JSON-safe."""
    values = {"id": shop.id, **{field: getattr(shop, field) for field in SHOP_FIELDS}}
    values.update(archived_at=shop.archived_at, version=shop.version)
    return to_json(values)


def event_snapshot(event: StatusEvent) -> dict[str, Any]:
    """Return a status event's values, JSON-safe."""
    fields = ("id", "shop_id", "event_date", "kind", "source", "note")
    return to_json({field: getattr(event, field) for field in fields})


def item_snapshot(item: CatalogueItem) -> dict[str, Any]:
    """Return a catalogue item's values, JSON-safe (the price as text)."""
    return to_json(
        {field: getattr(item, field) for field in ("id", "shop_id", "name", "price", "description")}
    )


def commune_snapshot(session: Session, commune: Commune) -> dict[str, Any]:
    """Return the commune's editable fields, left_on (set by `commune leave`), its population history
    ("population_in_YEAR") and updated_at, JSON-safe."""
    values: dict[str, Any] = {
        "code": commune.code,
        **{field: getattr(commune, field) for field in COMMUNE_FIELDS},
        "left_on": commune.left_on,
    }
    history = select(CommunePopulation).where(CommunePopulation.commune_code == commune.code)
    for row in session.scalars(history):
        values[f"{YEAR_KEY}{row.year}"] = row.population
    values["updated_at"] = commune.updated_at
    return to_json(values)
