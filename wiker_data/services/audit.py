"""The write transaction every change runs in, the audit log written inside it, the
history views over that log, and undo.

Audit entries keep JSON values: dates and datetimes as ISO text, Decimal as text. An
update keeps only the fields it changed, beside a little context (a shop's `version`,
a commune's `updated_at`, a catalogue item's `shop_id`, a visits row's `month`); a create
keeps the whole new row in `after`, a delete the whole old row in `before`.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Concatenate, ParamSpec, TypeVar

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from wiker_data import db
from wiker_data.models import AuditEntry
from wiker_data.queries.scope import store_revision  # noqa: F401 - part of this module's API
from wiker_data.services.errors import Actor, Busy, Conflict, NotFound, ValidationError, _require_edit

_WRITE = "wiker_write_transaction"
# PostgreSQL: the advisory lock every write transaction takes first ("wiker" in ASCII). Advisory
# locks belong to one database: stores sharing a server do not wait for each other.
_WRITE_LOCK = 0x77696B6572
_SQLITE_BUSY = 5  # SQLite's primary result code when the busy timeout ran out
_PG_LOCK_NOT_AVAILABLE = "55P03"  # PostgreSQL's SQLSTATE when lock_timeout ran out
P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Session]:
    """Yield a session in one write transaction: committed when the block ends, rolled back on error.

    The transaction takes the store's write lock before its first read and keeps it to the end, so
    that what a service reads cannot change before it writes; one write transaction holds it at a
    time, readers never wait. On SQLite that is BEGIN IMMEDIATE. On PostgreSQL it is a transaction
    advisory lock that every write_transaction takes first: at READ COMMITTED each later statement
    sees all that was committed before it, and no other write transaction commits until this one
    ends. Audit entries therefore commit in id order, so the store's revision (the highest id)
    never skips a change. (Writes outside the service layer do not take it: the demo loader,
    migrations and the account commands, which do not race with the optimistic checks.)

    Waiting more than db.WRITE_WAIT_SECONDS for the lock (a long import holds it) raises Busy, a
    ServiceError, rather than the driver's error: nothing was written. Objects stay readable
    after the block (expire_on_commit=False).
    """
    with Session(engine, expire_on_commit=False) as session:
        session.info[_WRITE] = True
        try:
            _take_write_lock(session)
            yield session
            session.commit()
        except BaseException as error:
            session.rollback()
            if _waited_too_long(error):
                raise Busy() from error
            raise


def _take_write_lock(session: Session) -> None:
    connection = session.connection()
    if connection.dialect.name == "sqlite":  # waits up to the connection's busy timeout (db.py)
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    elif connection.dialect.name == "postgresql":
        wait = f"{round(db.WRITE_WAIT_SECONDS * 1000)}ms"
        connection.execute(select(func.set_config("lock_timeout", wait, True)))  # this transaction only
        connection.execute(select(func.pg_advisory_xact_lock(_WRITE_LOCK)))


def _waited_too_long(error: BaseException) -> bool:
    cause = getattr(error, "orig", None)
    return isinstance(error, OperationalError) and (
        (getattr(cause, "sqlite_errorcode", 0) or 0) & 0xFF == _SQLITE_BUSY
        or getattr(cause, "sqlstate", None) == _PG_LOCK_NOT_AVAILABLE
    )


def service_call(function: Callable[Concatenate[Session, P], R]) -> Callable[Concatenate[Session, P], R]:
    """Make a service function refuse a session not opened by write_transaction, and run it in a
    savepoint, so that a call that fails leaves nothing behind even if the caller goes on."""

    @functools.wraps(function)
    def wrapper(session: Session, *args: P.args, **kwargs: P.kwargs) -> R:
        if not session.info.get(_WRITE):
            raise RuntimeError("open the session with wiker_data.services.write_transaction(engine)")
        with session.begin_nested():
            return function(session, *args, **kwargs)

    return wrapper


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
    if flush:
        session.flush()
    return entry


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


def _undoables() -> dict[str, Undoable]:
    from wiker_data.services import communes, shops, visits

    return {**shops.UNDOABLE, **communes.UNDOABLE, **visits.UNDOABLE}


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
    undoable = _undoables().get(entry.entity)
    if undoable is None:
        raise ValidationError.one("entry", "undo.unsupported", entity=entry.entity)
    row = undoable.load(session, entry.entity_id)
    current = undoable.snapshot(session, row) if row is not None else {}
    named = {entry.commune_code}
    named |= {
        undoable.commune_of(session, values) for values in (current, entry.before or {}, entry.after or {})
    }
    for commune_code in sorted(code for code in named if code) or [None]:  # no commune: admins only
        _require_edit(actor, commune_code)

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
