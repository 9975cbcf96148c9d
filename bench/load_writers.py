"""The coordinators of the load script (bench/load.py): writers that save a shop once a second
through the service layer, as the edit page does (services.write_transaction, then
services.update_shop), while the readers run pages; then the check that no save was lost.

Each writer is a thread with its own engine, so its connection waits for the store's write lock
like another process's would (SQLite locks per connection); a thread rather than a process so that
Ctrl-C stops it at once. Each edits its own shop in its own commune, with a new name every save and
its delivery switched every other save (a rename moves no figure, services.audit.moves_figures; the
switch moves its commune's and the network's, which the readers' caches then recompute):
the only conflicts left are the store's own (sqlite "database is locked", services.Busy), which
count as errors, never as something to retry.

No lost update: a writer's shop ends with the name of its last successful save, and the audit
trail (models.AuditEntry: one "update" entry of the shop per change, its `after` holding the new
name) holds exactly the names of its successful saves, no more, no fewer.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from wiker_data import services
from wiker_data.db import make_engine
from wiker_data.importers import ImportActor
from wiker_data.models import AuditEntry, Shop

PERIOD = 1.0  # seconds between a writer's saves


@dataclass
class Save:
    value: str  # the name it saved
    seconds: float
    error: str | None = None


@dataclass
class Writer:
    number: int  # from 1
    commune: str
    shop_id: int
    name_before: str
    audit_before: int  # the audit trail's last id before the writers started
    saves: list[Save] = field(default_factory=list)

    @property
    def saved(self) -> list[str]:
        return [save.value for save in self.saves if save.error is None]


def choose(url: str, first_commune: str, count: int) -> list[Writer]:
    """Return `count` writers: the first in `first_commune`, the others in the communes with the
    most open shops after it, each on its commune's first open shop."""
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            others = session.scalars(
                select(Shop.commune_code)
                .where(Shop.archived_at.is_(None), Shop.commune_code != first_commune)
                .group_by(Shop.commune_code)
                .order_by(func.count().desc(), Shop.commune_code)
                .limit(max(count - 1, 0))
            ).all()
            audit_before = session.scalar(select(func.coalesce(func.max(AuditEntry.id), 0)))
            writers = []
            for number, commune in enumerate([first_commune, *others][:count], start=1):
                shop = session.scalars(
                    select(Shop)
                    .where(Shop.commune_code == commune, Shop.archived_at.is_(None))
                    .order_by(Shop.id)
                    .limit(1)
                ).one()
                writers.append(Writer(number, commune, shop.id, shop.name, audit_before))
    finally:
        engine.dispose()
    if len(writers) < count:
        raise ValueError(f"the store has shops in {len(writers)} communes, not {count}")
    return writers


def _save_every_second(url: str, writer: Writer, until: float, stop: threading.Event) -> None:
    engine = make_engine(url)
    actor = ImportActor(f"load writer {writer.number}")
    try:
        due = time.monotonic()
        while due < until and not stop.wait(max(due - time.monotonic(), 0)):
            value = f"Load writer {writer.number} save {len(writer.saves)}"
            started = time.perf_counter()
            error = None
            try:
                with services.write_transaction(engine) as session:
                    shop = session.get(Shop, writer.shop_id)
                    changes: dict[str, object] = {"name": value}
                    if len(writer.saves) % 2:  # every other save moves the commune's figures too
                        changes["delivery"] = not shop.delivery
                    services.update_shop(session, actor, writer.shop_id, shop.version, changes)
            except Exception as failure:  # every failure is the load's finding, never retried
                error = f"{type(failure).__name__}: {failure}"
            writer.saves.append(Save(value, time.perf_counter() - started, error))
            due += PERIOD
    finally:
        engine.dispose()


def start(url: str, writers: list[Writer], seconds: float, stop: threading.Event) -> list[threading.Thread]:
    """Start the writers, each saving once a second for `seconds` or until `stop` is set."""
    until = time.monotonic() + seconds
    threads = [
        threading.Thread(
            target=_save_every_second,
            args=(url, writer, until, stop),
            name=f"load writer {writer.number}",
            daemon=True,  # never keeps a Ctrl-C'd process alive
        )
        for writer in writers
    ]
    for thread in threads:
        thread.start()
    return threads


def _mismatches(session: Session, writer: Writer) -> list[str]:
    audited = session.scalars(
        select(AuditEntry.after).where(
            AuditEntry.entity == "shop",
            AuditEntry.entity_id == str(writer.shop_id),
            AuditEntry.action == "update",
            AuditEntry.id > writer.audit_before,
        )
    ).all()
    names = {after.get("name") for after in audited if after}
    saved = writer.saved
    who = f"writer {writer.number}, shop {writer.shop_id}"
    found = [f"{who}: {name!r} saved, not in the audit trail" for name in sorted(set(saved) - names)]
    found += [f"{who}: {name!r} in the audit trail, its save failed" for name in sorted(names - set(saved))]
    if len(audited) != len(saved):
        found.append(f"{who}: {len(audited)} audit entries for {len(saved)} saves")
    expected = saved[-1] if saved else writer.name_before
    held = session.get(Shop, writer.shop_id).name
    if held != expected:
        found.append(f"{who}: named {held!r}, not {expected!r} (its last save)")
    return found


def lost_updates(url: str, writers: list[Writer]) -> list[str]:
    """Return what the store says against the writers' saves, each a lost (or phantom) update."""
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            return [found for writer in writers for found in _mismatches(session, writer)]
    finally:
        engine.dispose()
