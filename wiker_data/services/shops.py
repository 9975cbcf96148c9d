"""Editing shops: create, update (with optimistic locking), status events, archive and
restore (never a hard delete), and catalogue items. Each function runs in the caller's
write_transaction, checks the actor may edit the shop's commune, validates, writes and
audits; on any error nothing it did is kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from wiker_data.models import CatalogueItem, Commune, Shop, StatusEvent
from wiker_data.queries.snapshots import event_snapshot, item_snapshot, shop_snapshot, to_json
from wiker_data.services.audit import Undoable, changed_since, record
from wiker_data.services.errors import (
    Actor,
    Conflict,
    ErrorCollector,
    NotFound,
    ValidationError,
    require_edit,
)
from wiker_data.services.records import check_status_event, clean_catalogue_item, clean_shop
from wiker_data.services.transaction import service_call


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _shop(session: Session, shop_id: int) -> Shop:
    shop = session.get(Shop, shop_id, populate_existing=True)
    if shop is None:
        raise NotFound("shop", shop_id)
    return shop


def _centre(commune: Commune | None) -> tuple[float, float] | None:
    if commune is None or commune.latitude is None or commune.longitude is None:
        return None
    return commune.latitude, commune.longitude


def _commune(session: Session, code: object) -> Commune | None:
    return session.get(Commune, code) if isinstance(code, str) and code else None


def _latest_event(session: Session, shop_id: int) -> tuple[str, dt.date] | None:
    query = (
        select(StatusEvent.kind, StatusEvent.event_date)
        .where(StatusEvent.shop_id == shop_id)
        .order_by(StatusEvent.event_date.desc(), StatusEvent.id.desc())
        .limit(1)
    )
    latest = session.execute(query).first()
    return (latest.kind, latest.event_date) if latest else None


def _check_unique(session: Session, cleaned: Mapping[str, Any], shop_id: int | None) -> None:
    errors = ErrorCollector()
    for field in ("siret", "osm_id"):
        if cleaned.get(field) is not None:
            column = getattr(Shop, field)
            other = session.scalar(select(Shop.id).where(column == cleaned[field], Shop.id != (shop_id or 0)))
            if other is not None:
                errors.add(field, f"{field}.taken")
    errors.raise_if_any()


@service_call
def create_shop(
    session: Session,
    actor: Actor,
    values: Mapping[str, Any],
    opened_on: dt.date | None = None,
    today: dt.date | None = None,
    first_kind: str = "opened",
) -> Shop:
    """Return the new shop, with a `first_kind` ("opened", or "recorded" when its opening date is
    unknown) status event on `opened_on` when given."""
    commune = _commune(session, values.get("commune_code"))
    if (
        commune is not None or actor is None
    ):  # an unknown commune is a validation error, for a signed-in actor
        require_edit(actor, commune.code if commune else None)
    errors = ErrorCollector()
    with errors.catch():
        cleaned = clean_shop(values, centre=_centre(commune), commune_known=commune is not None)
    if opened_on is not None:
        try:
            check_status_event(first_kind, opened_on, None, today or dt.date.today())
        except ValidationError as exc:
            for field, key in exc.errors.items():
                errors.add("opened_on" if field == "event_date" else field, key, **exc.params.get(field, {}))
    errors.raise_if_any()
    _check_unique(session, cleaned, None)
    shop = Shop(**cleaned, source="manual")
    session.add(shop)
    session.flush()
    record(session, actor, "create", "shop", shop.id, shop.commune_code, None, shop_snapshot(shop))
    if opened_on is not None:
        _add_event(session, actor, shop, first_kind, opened_on)
    return shop


def _conflict(session: Session, shop: Shop, expected_version: int) -> Conflict:
    changed = changed_since(
        session, "shop", shop.id, lambda before: before.get("version", 0) >= expected_version
    )
    return Conflict(shop_snapshot(shop), changed)


def update_shop(
    session: Session, actor: Actor, shop_id: int, expected_version: int, changes: Mapping[str, Any]
) -> Shop:
    """Return the shop after applying `changes` (fields of SHOP_FIELDS).

    Raises Conflict (current values, fields changed since) when the shop is no longer at
    `expected_version`, the version the user started from; nothing is written then.
    """
    try:
        return _update_shop(session, actor, shop_id, expected_version, changes)
    except StaleDataError:  # changed between our read and our write (only without BEGIN IMMEDIATE)
        raise _conflict(session, _shop(session, shop_id), expected_version) from None


@service_call
def _update_shop(
    session: Session, actor: Actor, shop_id: int, expected_version: int, changes: Mapping[str, Any]
) -> Shop:
    shop = _shop(session, shop_id)
    require_edit(actor, shop.commune_code)
    if shop.version != expected_version:
        raise _conflict(session, shop, expected_version)
    values = dict(changes)
    if {"latitude", "longitude", "commune_code"} & values.keys():  # a position is checked as a whole
        values.setdefault("latitude", shop.latitude)
        values.setdefault("longitude", shop.longitude)
    target = _commune(session, values.get("commune_code", shop.commune_code))
    cleaned = clean_shop(values, centre=_centre(target), commune_known=target is not None, partial=True)
    if target is not None and target.code != shop.commune_code:
        require_edit(actor, target.code)
    _check_unique(session, cleaned, shop.id)
    old = shop_snapshot(shop)
    changed = {field: value for field, value in cleaned.items() if to_json(value) != old[field]}
    if not changed:
        return shop
    for field, value in changed.items():
        setattr(shop, field, value)
    session.flush()
    before = {field: old[field] for field in changed} | {"version": old["version"]}
    after = {field: changed[field] for field in changed} | {"version": shop.version}
    record(session, actor, "update", "shop", shop.id, shop.commune_code, before, after)
    return shop


def _add_event(session: Session, actor: Actor, shop: Shop, kind: str, on: dt.date) -> StatusEvent:
    event = StatusEvent(shop_id=shop.id, kind=kind, event_date=on, source="manual")
    session.add(event)
    session.flush()
    record(session, actor, "create", "status_event", event.id, shop.commune_code, None, event_snapshot(event))
    return event


@service_call
def record_status(
    session: Session, actor: Actor, shop_id: int, kind: str, on: dt.date, today: dt.date | None = None
) -> StatusEvent:
    """Return the new status event (opened, closed, reopened, temporarily_closed) of the shop on `on`."""
    shop = _shop(session, shop_id)
    require_edit(actor, shop.commune_code)
    kind, on = check_status_event(kind, on, _latest_event(session, shop.id), today or dt.date.today())
    return _add_event(session, actor, shop, kind, on)


@service_call
@service_call
def close_shops(session: Session, actor: Actor, closures: Iterable[tuple[int, dt.date]]) -> int:
    """Return how many shops were marked closed: a "closed" event for each (shop id, date), all or none."""
    closed = [record_status(session, actor, int(shop_id), "closed", on) for shop_id, on in closures]
    return len(closed)


def link_siret(session: Session, actor: Actor, shop_id: int, expected_version: int, siret: str) -> Shop:
    """Return the shop, linked to the SIRENE establishment `siret` (see update_shop)."""
    return update_shop(session, actor, shop_id, expected_version, {"siret": siret})


def _set_archived(session: Session, actor: Actor, shop: Shop, archived_at: dt.datetime | None) -> Shop:
    before = {"archived_at": shop.archived_at, "version": shop.version}
    shop.archived_at = archived_at
    session.flush()
    after = {"archived_at": shop.archived_at, "version": shop.version}
    action = "archive" if archived_at else "restore"
    record(session, actor, action, "shop", shop.id, shop.commune_code, before, after)
    return shop


@service_call
def archive_shop(session: Session, actor: Actor, shop_id: int) -> Shop:
    """Return the shop, archived: hidden from every page and figure, kept with its history."""
    shop = _shop(session, shop_id)
    require_edit(actor, shop.commune_code)
    if shop.archived_at is not None:
        raise ValidationError.one("archived_at", "shop.already_archived")
    return _set_archived(session, actor, shop, _now())


@service_call
def restore_shop(session: Session, actor: Actor, shop_id: int) -> Shop:
    """Return the shop, no longer archived."""
    shop = _shop(session, shop_id)
    require_edit(actor, shop.commune_code)
    if shop.archived_at is None:
        raise ValidationError.one("archived_at", "shop.not_archived")
    return _set_archived(session, actor, shop, None)


def _item(session: Session, item_id: int) -> CatalogueItem:
    item = session.get(CatalogueItem, item_id, populate_existing=True)
    if item is None:
        raise NotFound("catalogue_item", item_id)
    return item


@service_call
def add_catalogue_item(
    session: Session, actor: Actor, shop_id: int, values: Mapping[str, Any]
) -> CatalogueItem:
    """Return the new catalogue item (name, price, description) of the shop."""
    shop = _shop(session, shop_id)
    require_edit(actor, shop.commune_code)
    item = CatalogueItem(shop_id=shop.id, **clean_catalogue_item(values))
    session.add(item)
    session.flush()
    record(session, actor, "create", "catalogue_item", item.id, shop.commune_code, None, item_snapshot(item))
    return item


@service_call
def update_catalogue_item(
    session: Session, actor: Actor, item_id: int, changes: Mapping[str, Any]
) -> CatalogueItem:
    """Return the catalogue item after applying `changes` (name, price, description)."""
    item = _item(session, item_id)
    commune_code = _shop(session, item.shop_id).commune_code
    require_edit(actor, commune_code)
    old = item_snapshot(item)
    cleaned = clean_catalogue_item(changes, partial=True)
    changed = {field: value for field, value in cleaned.items() if to_json(value) != old[field]}
    if changed:
        for field, value in changed.items():
            setattr(item, field, value)
        session.flush()
        before = {field: old[field] for field in changed} | {"shop_id": item.shop_id}
        after = changed | {"shop_id": item.shop_id}
        record(session, actor, "update", "catalogue_item", item.id, commune_code, before, after)
    return item


@service_call
def remove_catalogue_item(session: Session, actor: Actor, item_id: int) -> None:
    """Delete a catalogue item; its audit entry keeps the whole row, so that undo can bring it back."""
    item = _item(session, item_id)
    commune_code = _shop(session, item.shop_id).commune_code
    require_edit(actor, commune_code)
    before = item_snapshot(item)
    session.delete(item)
    session.flush()
    record(session, actor, "delete", "catalogue_item", before["id"], commune_code, before, None)


# Undo: how the audit log's JSON values map back onto shops, status events and catalogue items.


def _commune_of_shop_part(session: Session, values: Mapping[str, Any]) -> str | None:
    shop = session.get(Shop, values["shop_id"]) if values.get("shop_id") is not None else None
    return shop.commune_code if shop else None


def _assign_shop(session: Session, shop: Shop, field: str, value: Any) -> None:
    if field == "archived_at":
        value = dt.datetime.fromisoformat(value) if value else None
    setattr(shop, field, value)


def _retire_shop(session: Session, shop: Shop) -> tuple[dict, dict]:
    before = {"archived_at": None, "version": shop.version}
    shop.archived_at = _now()
    session.flush()
    return before, {"archived_at": shop.archived_at, "version": shop.version}


def _retire_event(session: Session, event: StatusEvent) -> tuple[dict, None]:
    later = select(StatusEvent.id).where(
        StatusEvent.shop_id == event.shop_id,
        tuple_(StatusEvent.event_date, StatusEvent.id) > tuple_(event.event_date, event.id),
    )
    if session.scalar(later.limit(1)) is not None:
        raise Conflict(event_snapshot(event), ["later_event"], reason="later_events")
    return _delete(session, event, event_snapshot(event))


def _delete(session: Session, row: Any, snapshot: dict) -> tuple[dict, None]:
    session.delete(row)
    session.flush()
    return snapshot, None


def _free_id(session: Session, model: type, wanted: int | None) -> int | None:
    return wanted if wanted is not None and session.get(model, wanted) is None else None


def _recreate_event(session: Session, values: Mapping[str, Any]) -> StatusEvent:
    on = dt.date.fromisoformat(values["event_date"])
    check_status_event(values["kind"], on, _latest_event(session, values["shop_id"]), today=on)
    event = StatusEvent(
        id=_free_id(session, StatusEvent, values.get("id")),
        **{field: values.get(field) for field in ("shop_id", "kind", "source", "note")},
        event_date=on,
    )
    session.add(event)
    return event


def _assign_item(session: Session, item: CatalogueItem, field: str, value: Any) -> None:
    setattr(item, field, Decimal(value) if field == "price" and value is not None else value)


def _recreate_item(session: Session, values: Mapping[str, Any]) -> CatalogueItem:
    item = CatalogueItem(id=_free_id(session, CatalogueItem, values.get("id")), shop_id=values["shop_id"])
    for field in ("name", "price", "description"):
        _assign_item(session, item, field, values.get(field))
    session.add(item)
    return item


def _assign_event(session: Session, event: StatusEvent, field: str, value: Any) -> None:
    # A status event changes only by a data migration (e.g. 0005's recordings), its date with it.
    setattr(event, field, dt.date.fromisoformat(value) if field == "event_date" and value else value)


UNDOABLE = {
    "shop": Undoable(
        load=lambda session, entity_id: session.get(Shop, int(entity_id), populate_existing=True),
        snapshot=lambda session, shop: shop_snapshot(shop),
        commune_of=lambda session, values: values.get("commune_code"),
        assign=_assign_shop,
        retire=_retire_shop,
    ),
    "status_event": Undoable(
        load=lambda session, entity_id: session.get(StatusEvent, int(entity_id), populate_existing=True),
        snapshot=lambda session, event: event_snapshot(event),
        commune_of=_commune_of_shop_part,
        assign=_assign_event,
        retire=_retire_event,
        recreate=_recreate_event,
    ),
    "catalogue_item": Undoable(
        load=lambda session, entity_id: session.get(CatalogueItem, int(entity_id), populate_existing=True),
        snapshot=lambda session, item: item_snapshot(item),
        commune_of=_commune_of_shop_part,
        assign=_assign_item,
        retire=lambda session, item: _delete(session, item, item_snapshot(item)),
        recreate=_recreate_item,
    ),
}
