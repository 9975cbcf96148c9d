"""Undo: any audited change reverted, the undo itself audited (and undoable)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from wiker_data.models import AuditEntry
from wiker_data.services import communes, shops, visits
from wiker_data.services.audit import CONTEXT_KEYS, Undoable, record
from wiker_data.services.errors import Actor, Conflict, NotFound, ValidationError, require_edit
from wiker_data.services.transaction import service_call

UNDOABLE: dict[str, Undoable] = {**shops.UNDOABLE, **communes.UNDOABLE, **visits.UNDOABLE}


def _row_id(snapshot: Mapping[str, Any], default: str) -> str:
    return str(snapshot.get("id", default))


@service_call
def undo(session: Session, actor: Actor, entry_id: int) -> AuditEntry:
    """Return the new "undo" entry after reverting audit entry `entry_id`.

    An update gets back the values it replaced, if the fields it changed still hold the values
    it wrote (else Conflict naming the fields changed since); a created status event, catalogue
    item or visits row is deleted (a created shop archived); a deleted one is created again; an
    archive is restored and a restore archived again. An undo can itself be undone.
    """
    entry = session.get(AuditEntry, entry_id)
    if entry is None:
        raise NotFound("audit_entry", entry_id)
    undoable = UNDOABLE.get(entry.entity)
    if undoable is None:
        raise ValidationError.one("entry", "undo.unsupported", entity=entry.entity)
    row = undoable.load(session, entry.entity_id)
    current = undoable.snapshot(session, row) if row is not None else {}
    named = {entry.commune_code}
    named |= {
        undoable.commune_of(session, values) for values in (current, entry.before or {}, entry.after or {})
    }
    for commune_code in sorted(code for code in named if code) or [None]:  # no commune: admins only
        require_edit(actor, commune_code)

    entity_id = entry.entity_id
    if entry.after is None:  # a delete: create the row again
        if row is not None or undoable.recreate is None:
            raise Conflict(current, [], reason="exists")
        row = undoable.recreate(session, entry.before)
        session.flush()
        before, after = None, undoable.snapshot(session, row)
        entity_id = _row_id(after, entity_id)
    else:
        fields = [field for field in entry.after if field not in CONTEXT_KEYS]
        if row is None:
            raise Conflict({}, fields, reason="gone")
        changed = [field for field in fields if current.get(field) != entry.after[field]]
        if changed:
            raise Conflict(current, changed)
        if entry.before is None:  # a create: delete the row (archive a shop)
            if undoable.retire is None:  # e.g. a commune an import added: other rows may hang on it
                raise ValidationError.one("entry", "undo.unsupported", entity=entry.entity)
            before, after = undoable.retire(session, row)
        else:
            before = {key: value for key, value in current.items() if key in CONTEXT_KEYS or key in fields}
            for field in fields:
                undoable.assign(session, row, field, entry.before.get(field))
            if undoable.touch is not None:
                undoable.touch(row)
            session.flush()
            current = undoable.snapshot(session, row)
            after = {key: value for key, value in current.items() if key in CONTEXT_KEYS or key in fields}
    commune_code = undoable.commune_of(session, current or after) or entry.commune_code
    return record(
        session, actor, "undo", entry.entity, entity_id, commune_code, before, after, undoes_id=entry.id
    )
