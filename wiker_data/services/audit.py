"""The audit log written inside every write transaction, and the history views over it.

Audit entries keep JSON values: dates and datetimes as ISO text, Decimal as text. An
update keeps only the fields it changed, beside a little context (a shop's `version`,
a commune's `updated_at`, a catalogue item's `shop_id`, a visits row's `month`); a create
keeps the whole new row in `after`, a delete the whole old row in `before`. Each kind of
audited entity says how undo reads and writes it (`Undoable`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from wiker_data.models import AuditEntry, CommuneRevision
from wiker_data.queries.snapshots import to_json
from wiker_data.services.errors import Actor

TOUCHED_COMMUNES = "wiker_touched_communes"  # session.info: the communes the transaction's changes touched
MOVED_COMMUNES = "wiker_moved_communes"  # session.info: those whose figures its changes may have moved

# Shop fields that no figure reads (queries.figures, overview, presence, visits, the report): a
# change of them alone leaves every figure as it was. And fields the figures read only as filled or
# not (the presence checklist, "online"): a new value in one filled before and after leaves them too.
# Anything else, and any other kind of change, may move a figure.
UNCOUNTED_FIELDS = frozenset({"name", "address", "siret", "osm_id"})
FILLED_FIELDS = frozenset({"phone", "email", "website", "online_shop_url", "social_links", "opening_hours"})


def record(
    session: Session,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: object,
    commune_code: str | None,
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any] | None,
    source: str = "app",
    undoes_id: int | None = None,
    flush: bool = True,
) -> AuditEntry:
    """Return the new audit entry of one change, added to the session's transaction (written at
    once unless `flush` is false: a bulk import flushes its entries together)."""
    entry = AuditEntry(
        account_id=actor.account_id,
        actor=actor.name,
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        commune_code=commune_code,
        before=to_json(before) if before is not None else None,
        after=to_json(after) if after is not None else None,
        source=source,
        undoes_id=undoes_id,
    )
    session.add(entry)
    communes = _communes_of(commune_code, before, after)
    session.info.setdefault(TOUCHED_COMMUNES, set()).update(communes)
    if moves_figures(action, entity, before, after):
        session.info.setdefault(MOVED_COMMUNES, set()).update(communes)
    if flush:
        session.flush()
    return entry


def _communes_of(commune_code: str | None, *values: Mapping[str, Any] | None) -> set[str]:
    """Return the communes a change touches: its own, and both of a shop that moved."""
    codes = {commune_code} | {value.get("commune_code") for value in values if value}
    return {code for code in codes if isinstance(code, str) and code}


def moves_figures(
    action: str, entity: str, before: Mapping[str, Any] | None, after: Mapping[str, Any] | None
) -> bool:
    """Return whether a change may move a figure: every change but a shop's update of fields no
    figure counts (UNCOUNTED_FIELDS), or of FILLED_FIELDS filled before and after."""
    if action != "update" or entity != "shop" or before is None or after is None:
        return True
    for field in set(before) | set(after):
        if field == "version" or field in UNCOUNTED_FIELDS:
            continue
        if field not in FILLED_FIELDS or not (_filled(before.get(field)) and _filled(after.get(field))):
            return True
    return False


def _filled(value: object) -> bool:
    return bool(value.strip()) if isinstance(value, str) else bool(value)


def bump_revisions(session: Session) -> None:
    """Set the revision of every commune the transaction's audited changes touched, and of the
    store (CommuneRevision.NETWORK), to their latest audit id; and their figures revision too where
    a change may have moved a figure (models.CommuneRevision). Called by the write transaction
    before it commits, under its write lock: no other writer runs meanwhile, so an update-or-insert
    is safe."""
    touched = session.info.pop(TOUCHED_COMMUNES, set())
    moved = session.info.pop(MOVED_COMMUNES, set())
    if not touched:
        return
    session.flush()
    revision = session.scalar(select(func.max(AuditEntry.id)))
    if revision is None:  # the changes were rolled back (a refused step's savepoint): none kept
        return
    if moved:
        moved.add(CommuneRevision.NETWORK)
    touched = touched | {CommuneRevision.NETWORK}
    known = set(
        session.scalars(select(CommuneRevision.commune_code).where(CommuneRevision.commune_code.in_(touched)))
    )
    for codes, values in (
        (known - moved, {"revision": revision}),
        (known & moved, {"revision": revision, "figures_revision": revision}),
    ):
        if codes:
            session.execute(
                update(CommuneRevision).where(CommuneRevision.commune_code.in_(codes)).values(values)
            )
    # A commune without a row had revision 0 (scope.cache_revision): its figures stay at 0 unless
    # they moved; the store's row, missing since a restore, starts at this change.
    session.add_all(
        CommuneRevision(
            commune_code=code,
            revision=revision,
            figures_revision=revision if code in moved or code == CommuneRevision.NETWORK else 0,
        )
        for code in sorted(touched - known)
    )
    session.flush()


_SHOP_PARTS = ("status_event", "catalogue_item")


def history(session: Session, entity: str, entity_id: object) -> list[AuditEntry]:
    """Return the audit entries of one record, newest first; a shop's include its status events
    and catalogue items."""
    condition = (AuditEntry.entity == entity) & (AuditEntry.entity_id == str(entity_id))
    if entity == "shop":
        shop_of_part = func.coalesce(
            AuditEntry.after["shop_id"].as_integer(), AuditEntry.before["shop_id"].as_integer()
        )
        condition |= AuditEntry.entity.in_(_SHOP_PARTS) & (shop_of_part == int(entity_id))
    return list(session.scalars(select(AuditEntry).where(condition).order_by(AuditEntry.id.desc())))


def commune_history(session: Session, commune_code: str, limit: int = 100) -> list[AuditEntry]:
    """Return the latest `limit` audit entries of a commune and everything in it, newest first."""
    query = (
        select(AuditEntry)
        .where(AuditEntry.commune_code == commune_code)
        .order_by(AuditEntry.id.desc())
        .limit(limit)
    )
    return list(session.scalars(query))


def changed_since(
    session: Session, entity: str, entity_id: object, is_newer: Callable[[Mapping[str, Any]], bool]
) -> list[str]:
    """Return the fields changed by the entries of a record whose `before` context `is_newer`."""
    fields: set[str] = set()
    query = select(AuditEntry).where(AuditEntry.entity == entity, AuditEntry.entity_id == str(entity_id))
    for entry in session.scalars(query):
        if entry.before is not None and entry.after is not None and is_newer(entry.before):
            fields.update(entry.after)
    return sorted(fields - CONTEXT_KEYS)


CONTEXT_KEYS = frozenset({"version", "updated_at", "shop_id", "month"})


@dataclass(frozen=True)
class Undoable:
    """How undo reads and writes one kind of entity; values are the JSON forms of the audit log."""

    load: Callable[[Session, str], Any]  # the row, or None when it is gone
    snapshot: Callable[[Session, Any], dict[str, Any]]  # every field, JSON-safe, plus the context
    commune_of: Callable[[Session, Mapping[str, Any]], str | None]  # from a snapshot or an entry's values
    assign: Callable[[Session, Any, str, Any], None]  # set one field from its JSON value
    retire: Callable[[Session, Any], tuple[dict | None, dict | None]] | None = None  # undo a create
    recreate: Callable[[Session, Mapping[str, Any]], Any] | None = None  # undo a delete
    touch: Callable[[Any], None] | None = None  # mark the row changed (a commune's updated_at)
