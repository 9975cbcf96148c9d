"""The kept monthly figures (models.MonthlyFigures) and each commune's running totals
(models.CommuneTotals), kept equal to the raw events in the same transaction as every change,
and rebuilt from them.

Upkeep listens to every ORM session (`register`, called by db.make_engine): before a flush writes
a change to a shop's kind (models.MonthlyFigures's columns), to its status events or to its
catalogue, the shop's share of the kept rows is read from the store as it still is; when the
transaction commits, the share is read again and the difference is added to the kept rows; the
running totals of the communes it changed are computed again from their kept rows. A
change rolled back (a refused step's savepoint) leaves the same share twice: nothing is added.
Forms, imports, undo and the reconciliation all write through sessions, so none escapes it; what
writes with plain SQL (the demo loader, a migration) calls `rebuild`.
"""

from __future__ import annotations

import functools
import weakref
from collections import Counter
from collections.abc import Iterable

from sqlalchemy import Connection, Engine, Select, bindparam, delete, event, inspect, select
from sqlalchemy.orm import Session

from wiker_data.models import CatalogueItem, CommuneTotals, MonthlyFigures, Shop, StatusEvent
from wiker_data.queries.figures import COUNTS, KEYS, TOTALS, raw_figures, running_totals

_BEFORE = "wiker_figures_before"  # session.info: the touched shops' kept rows before the change
_SHOPS = "wiker_figures_shops"  # session.info: the ids of those shops
_KIND_FIELDS = ("commune_code", "category", "click_collect", "delivery", "online_shop", "online_shop_url")
_SHOP_FIELDS = (*_KIND_FIELDS, "website", "archived_at")  # what a shop's share depends on
_EVENT_FIELDS = ("shop_id", "event_date", "kind")
_CHUNK = 500  # shop ids per query
_KEEPING: weakref.WeakSet[Engine] = weakref.WeakSet()  # the stores known to have the table


def rebuild(connection: Connection, commune: str | None = None, totals: bool = True) -> int:
    """Replace the kept rows (of `commune`, or all of them) with the figures of the raw events, and
    the running totals (unless not `totals`) with theirs, in the caller's transaction. Return the
    number of monthly rows written."""
    table = MonthlyFigures.__table__
    where = [Shop.commune_code == commune] if commune else []
    connection.execute(delete(table).where(*([table.c.commune_code == commune] if commune else [])))
    query = raw_figures(*where, keys=KEYS)
    result = connection.execute(table.insert().from_select([*KEYS, *COUNTS], query))
    if totals:
        table = CommuneTotals.__table__
        connection.execute(delete(table).where(*([table.c.commune_code == commune] if commune else [])))
        rows = running_totals(*([MonthlyFigures.commune_code == commune] if commune else []))
        connection.execute(table.insert().from_select(["commune_code", "month", *TOTALS], rows))
    return result.rowcount


def _renew_totals(connection: Connection, communes: list[str]) -> None:
    """Compute again the running totals of `communes` from their kept monthly rows."""
    delete_rows, insert_rows = _totals_statements()
    for at in range(0, len(communes), _CHUNK):
        chunk = {"communes": communes[at : at + _CHUNK]}
        connection.execute(delete_rows, chunk)
        connection.execute(insert_rows, chunk)


@functools.cache
def _totals_statements():
    """The statements `_renew_totals` runs (for the communes of the parameter `communes`), built once."""
    table = CommuneTotals.__table__
    communes = bindparam("communes", expanding=True)
    rows = running_totals(MonthlyFigures.commune_code.in_(communes))
    return (
        table.delete().where(table.c.commune_code.in_(communes)),
        table.insert().from_select(["commune_code", "month", *TOTALS], rows),
    )


def register() -> None:
    """Keep the figures in every session from now on (once per process)."""
    for name, listener in _LISTENERS.items():
        if not event.contains(Session, name, listener):
            event.listen(Session, name, listener)


def unregister() -> None:
    """Stop keeping the figures (the benchmark's baseline: a save without their upkeep)."""
    for name, listener in _LISTENERS.items():
        if event.contains(Session, name, listener):
            event.remove(Session, name, listener)


def _keeps_figures(session: Session) -> bool:
    """Whether the session's store has the kept figures: not a store at a schema revision before
    them (an older store being migrated), which is rebuilt by the migration that adds them."""
    connection = session.connection()
    if connection.engine in _KEEPING:
        return True
    if inspect(connection).has_table(CommuneTotals.__tablename__):
        _KEEPING.add(connection.engine)
        return True
    return False


def _changed(obj, fields: Iterable[str]) -> bool:
    state = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in fields)


def _shops_of(session: Session) -> set[int]:
    """The existing shops whose share of the kept rows the pending changes may change."""
    shops: set[int] = set()
    # Each read of session.new, .dirty or .deleted builds a new set: read once, not once an object.
    new, dirty, deleted = session.new, session.dirty, session.deleted
    for obj in new:  # a new shop has no share yet; a new event or item adds to its shop's
        if isinstance(obj, StatusEvent | CatalogueItem):
            shop = obj.shop_id if obj.shop_id is not None else getattr(obj.shop, "id", None)
            if shop is not None:
                shops.add(shop)
    for obj in (*dirty, *deleted):
        if isinstance(obj, Shop):
            if obj in deleted or _changed(obj, _SHOP_FIELDS):
                shops.add(obj.id)
        elif isinstance(obj, StatusEvent | CatalogueItem):
            fields = _EVENT_FIELDS if isinstance(obj, StatusEvent) else ("shop_id",)
            if obj in dirty and not _changed(obj, fields):
                continue
            history = inspect(obj).attrs["shop_id"].history
            shop = obj.shop_id if obj.shop_id is not None else getattr(obj.shop, "id", None)
            shops.update(i for i in (shop, *history.deleted) if i is not None)
    return shops


def _shares(connection: Connection, shops: Iterable[int]) -> Counter:
    """The kept rows that `shops` make up, from their raw events: {(KEYS…, count name): value}."""
    shares: Counter = Counter()
    ids = sorted(shops)
    for at in range(0, len(ids), _CHUNK):
        for row in connection.execute(_shares_query(), {"shops": ids[at : at + _CHUNK]}):
            key = tuple(row[: len(KEYS)])
            for name, value in zip(COUNTS, row[len(KEYS) :], strict=True):
                if value:
                    shares[(*key, name)] += value
    return shares


@functools.cache
def _shares_query() -> Select:
    """The query of the shares of the shops of the parameter `shops`, built once: building it takes
    longer than running it for the shop of one save."""
    return raw_figures(StatusEvent.shop_id.in_(bindparam("shops", expanding=True)), keys=KEYS)


def _before_flush(session: Session, _context, _instances) -> None:
    known = session.info.setdefault(_SHOPS, set())
    new = _shops_of(session) - known
    if new and _keeps_figures(session):
        session.info.setdefault(_BEFORE, Counter()).update(_shares(session.connection(), new))
        known.update(new)


def _after_flush(session: Session, _context) -> None:
    new = {obj.id for obj in session.new if isinstance(obj, Shop)}
    if new:  # no share before: they did not exist
        session.info.setdefault(_SHOPS, set()).update(new)


def _before_commit(session: Session) -> None:
    if session.in_nested_transaction() or not session.info.get(_SHOPS) or not _keeps_figures(session):
        return
    session.flush()
    shops, before = session.info.pop(_SHOPS), session.info.pop(_BEFORE, Counter())
    after = _shares(session.connection(), shops)
    change = Counter(after)
    change.subtract(before)
    change = {key: value for key, value in change.items() if value}
    _add(session.connection(), change)
    if change:
        _renew_totals(session.connection(), sorted({key[0] for key in change}))


def _after_transaction_end(session: Session, transaction) -> None:
    if transaction.parent is None:  # committed or rolled back: nothing carries over
        session.info.pop(_SHOPS, None)
        session.info.pop(_BEFORE, None)


def _add(connection: Connection, change: dict[tuple, int]) -> None:
    """Add `change` ({(KEYS…, count name): difference}) to the kept rows; a row all zeros goes."""
    if not change:
        return
    rows: dict[tuple, dict[str, int]] = {}
    for (*key, name), value in change.items():
        rows.setdefault(tuple(key), dict.fromkeys(COUNTS, 0))[name] += value
    existing: dict[tuple, dict[str, int]] = {}
    communes, months = sorted({key[0] for key in rows}), sorted({key[1] for key in rows})
    read, insert, update, delete_row = _statements()
    for at in range(0, len(communes), _CHUNK):  # by the primary key's first columns, then picked
        for row in connection.execute(read, {"communes": communes[at : at + _CHUNK], "months": months}):
            key = tuple(row[: len(KEYS)])
            if key in rows:
                existing[key] = dict(zip(COUNTS, row[len(KEYS) :], strict=True))
    inserts, updates, deletes = [], [], []
    for key, difference in rows.items():
        values = {name: existing.get(key, {}).get(name, 0) + difference[name] for name in COUNTS}
        matched = {f"k_{name}": value for name, value in zip(KEYS, key, strict=True)}
        if key not in existing:
            inserts.append({**dict(zip(KEYS, key, strict=True)), **values})
        elif any(values.values()):
            updates.append({**matched, **{f"v_{name}": value for name, value in values.items()}})
        else:
            deletes.append(matched)
    if inserts:
        connection.execute(insert, inserts)
    if updates:
        connection.execute(update, updates)
    if deletes:
        connection.execute(delete_row, deletes)


@functools.cache
def _statements():
    """The statements `_add` runs, built once: reading kept rows (of the parameters `communes` and
    `months`), inserting, updating and deleting one (the key's columns as parameters k_<name>)."""
    table = MonthlyFigures.__table__
    read = select(*(table.c[name] for name in [*KEYS, *COUNTS])).where(
        table.c.commune_code.in_(bindparam("communes", expanding=True)),
        table.c.month.in_(bindparam("months", expanding=True)),
    )
    matches = [table.c[name] == bindparam(f"k_{name}") for name in KEYS]
    new_values = {name: bindparam(f"v_{name}") for name in COUNTS}
    return (
        read,
        table.insert(),
        table.update().where(*matches).values(new_values),
        table.delete().where(*matches),
    )


_LISTENERS = {
    "before_flush": _before_flush,
    "after_flush": _after_flush,
    "before_commit": _before_commit,
    "after_transaction_end": _after_transaction_end,
}
