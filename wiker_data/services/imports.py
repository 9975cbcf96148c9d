"""Applying import plans: the importers read a file and plan what it changes (`wiker_data.importers`),
the functions here write a plan in the caller's write_transaction, every change audited with the
plan's source ("insee", "sirene", "sirene-history", "osm", "matomo", "visits-csv").

`apply_plan` applies any plan, by its kind: the plan a preview showed (`registry.plan_file`) is
applied exactly, or not at all if the store changed since it was made (StoreChanged); `import_file`
plans a file again against the store as it is and applies it in the same transaction.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wiker_data.departements import departement_of
from wiker_data.importers import ImportActor, Tally
from wiker_data.importers.histories import Event
from wiker_data.importers.population import (
    SOURCE as POPULATION_SOURCE,
)
from wiker_data.importers.population import (
    ImportPlan,
    StoredPopulation,
    population_changes,
    stored_populations,
)
from wiker_data.importers.population_layouts import PopulationRow
from wiker_data.importers.registry import ImportOptions, plan_file
from wiker_data.importers.shops import ShopChange, ShopPlan
from wiker_data.importers.visits import VisitsPlan
from wiker_data.models import Commune, CommunePopulation, Shop, StatusEvent
from wiker_data.queries.scope import store_revision
from wiker_data.queries.snapshots import YEAR_KEY, commune_snapshot, event_snapshot, shop_snapshot, to_json
from wiker_data.services.audit import record
from wiker_data.services.communes import assign_field, touch
from wiker_data.services.errors import Actor, StoreChanged, require_edit
from wiker_data.services.transaction import service_call
from wiker_data.services.visits import save_visits


def _rows(tally: Tally | None) -> str:
    return f"; rows: {tally.describe()}" if tally is not None else ""


@dataclass(frozen=True)
class ImportSummary:
    """What applying a plan wrote: rows (`noun`: "communes", "months") created and updated, audit
    entries; and where each row of the file went (`tally`, adding up to the rows read)."""

    created: int
    updated: int
    audit_entries: int
    noun: str
    tally: Tally | None = None

    def describe(self) -> str:
        return f"imported: {self.created} {self.noun} created, {self.updated} updated{_rows(self.tally)}"


@dataclass(frozen=True)
class ShopImportSummary:
    """What applying a shop plan wrote, and where each row of the file went (`tally`)."""

    created: int
    updated: int
    events: int
    audit_entries: int
    tally: Tally | None = None
    replaced: int = 0  # recordings that became openings

    def describe(self) -> str:
        replaced = f", {self.replaced} recordings became openings" if self.replaced else ""
        return (
            f"imported: {self.created} shops created, {self.updated} updated, "
            f"{self.events} status events added{replaced}{_rows(self.tally)}"
        )


# Shops (SIRENE, SIRENE history, OpenStreetMap).


def _add_events(
    session: Session, actor: Actor, shops_events: list[tuple[Shop, Iterable[Event]]], source: str
) -> int:
    """Add the status events of each shop, audited; returns how many."""
    added = [
        (shop, StatusEvent(shop_id=shop.id, kind=kind, event_date=on, source=source))
        for shop, events in shops_events
        for kind, on in events
    ]
    session.add_all(event for _, event in added)
    session.flush()
    for shop, event in added:
        after = event_snapshot(event)
        record(
            session,
            actor,
            "create",
            "status_event",
            event.id,
            shop.commune_code,
            None,
            after,
            source=source,
            flush=False,
        )
    return len(added)


def _replace_recordings(session: Session, actor: Actor, changes: list[ShopChange], source: str) -> int:
    """Turn each planned shop's first recording into the opening the file tells, audited like
    migration 0005's conversions (undo restores the recording); returns how many."""
    replaced = 0
    for change in changes:
        if change.replaced is None:
            continue
        (kind, on), (new_kind, new_on) = change.replaced
        # There: the plan was made in this transaction, or at this revision (apply_plan checks it).
        event = session.scalars(
            select(StatusEvent)
            .where(StatusEvent.shop_id == change.shop_id, StatusEvent.kind == kind)
            .where(StatusEvent.event_date == on)
            .order_by(StatusEvent.id)
            .limit(1)
        ).one()
        fields = ("kind", "event_date", "source")
        before = {"shop_id": event.shop_id} | {name: getattr(event, name) for name in fields}
        event.kind, event.event_date, event.source = new_kind, new_on, source
        session.flush()
        after = {"shop_id": event.shop_id} | {name: getattr(event, name) for name in fields}
        audit = functools.partial(record, session, actor, source=source, flush=False)
        audit("update", "status_event", event.id, change.commune_code, before, after)
        replaced += 1
    return replaced


@service_call
def apply_shop_plan(
    session: Session, plan: ShopPlan, actor: Actor, rows: set[int] | None = None
) -> ShopImportSummary:
    """Return what was written after applying `plan` (only the given file `rows`, if any) in the
    caller's write transaction, every change audited with the plan's source.

    `actor` must be allowed to edit every commune concerned (else PermissionDenied, nothing written).
    """
    new = [item for item in plan.new if rows is None or item.row in rows]
    updated = [item for item in plan.updated if rows is None or item.row in rows]
    for code in sorted(
        {item.values["commune_code"] for item in new} | {item.commune_code for item in updated}
    ):
        require_edit(actor, code)
    audit = functools.partial(record, session, actor, source=plan.source, flush=False)
    events = 0
    for start in range(0, len(new), 500):  # one INSERT per batch; the ids come back for the audit
        batch = [(item, Shop(**item.values, source=plan.source)) for item in new[start : start + 500]]
        session.add_all(shop for _, shop in batch)
        session.flush()
        for _, shop in batch:
            audit("create", "shop", shop.id, shop.commune_code, None, shop_snapshot(shop))
        events += _add_events(session, actor, [(shop, item.events) for item, shop in batch], plan.source)
    shops = {
        shop.id: shop
        for shop in session.scalars(select(Shop).where(Shop.id.in_([c.shop_id for c in updated])))
    }
    for change in updated:
        shop = shops[change.shop_id]
        if change.fields:
            old_version = shop.version
            for name, (_, value) in change.fields.items():
                setattr(shop, name, value)
            session.flush()
            before = {name: pair[0] for name, pair in change.fields.items()} | {"version": old_version}
            after = {name: pair[1] for name, pair in change.fields.items()} | {"version": shop.version}
            audit("update", "shop", shop.id, shop.commune_code, before, after)
    replaced = _replace_recordings(session, actor, updated, plan.source)
    events += _add_events(
        session, actor, [(shops[change.shop_id], change.events) for change in updated], plan.source
    )
    entries = len(new) + sum(1 for change in updated if change.fields) + events + replaced
    tally = plan.tally() if rows is None else None  # a choice of rows: the file's tally is not its own
    return ShopImportSummary(len(new), len(updated), events, entries, tally, replaced)


# Populations (INSEE).


@service_call
def apply_population_import(
    session: Session, plan: ImportPlan, actor_name: str = "import population", actor: Actor | None = None
) -> ImportSummary:
    """Return what was written after applying `plan` in the caller's write transaction.

    Each figure is kept in the commune's population history; the commune's own population and
    year take it when its year is the latest known. New communes get the file's name, the
    département of their code, the file's position if any, and no joined_on (not network
    members). Every changed commune gets an audit entry with the source "insee". `actor`, if
    given, must be allowed to edit every commune concerned (else PermissionDenied, nothing written).
    """
    actor = actor or ImportActor(actor_name)
    stored = stored_populations(session)
    communes = {commune.code: commune for commune in session.scalars(select(Commune))}
    list(session.scalars(select(CommunePopulation)))  # in the identity map for assign_field's lookups
    created = updated = entries = 0
    for row in plan.writes:
        require_edit(actor, row.code)
        commune = communes.get(row.code)
        if commune is None:
            commune = _create_commune(session, row)
            communes[row.code] = commune
            after = commune_snapshot(session, commune)
            record(
                session, actor, "create", "commune", row.code, row.code, None, after, source=POPULATION_SOURCE
            )
            stored[row.code] = StoredPopulation(row.population, row.year, {row.year: row.population})
            created += 1
            entries += 1
            continue
        figures = population_changes(stored[row.code], row.year, row.population)
        if not figures:
            continue
        changes = {
            (f"{YEAR_KEY}{row.year}" if key == "history" else key): value for key, value in figures.items()
        }
        history = stored[row.code].history
        old = {
            "population": commune.population,
            "population_year": commune.population_year,
            "updated_at": commune.updated_at,
        }
        before = {key: old.get(key, history.get(row.year)) for key in changes}
        for key, value in changes.items():
            assign_field(session, commune, key, value)
        touch(commune)
        session.flush()
        before = to_json(before | {"updated_at": old["updated_at"]})
        after = changes | {"updated_at": commune.updated_at}
        record(
            session, actor, "update", "commune", row.code, row.code, before, after, source=POPULATION_SOURCE
        )
        stored[row.code] = StoredPopulation(
            commune.population, commune.population_year, history | {row.year: row.population}
        )
        updated += 1
        entries += 1
    return ImportSummary(created, updated, entries, "communes", plan.tally())


def _create_commune(session: Session, row: PopulationRow) -> Commune:
    commune = Commune(
        code=row.code,
        name=row.name,
        departement=departement_of(row.code),
        population=row.population,
        population_year=row.year,
        latitude=row.latitude,
        longitude=row.longitude,
    )
    session.add(commune)
    session.add(CommunePopulation(commune_code=row.code, year=row.year, population=row.population))
    session.flush()
    return commune


# Monthly visits (Matomo, plain CSV).


@service_call
def apply_visits_import(
    session: Session, plan: VisitsPlan, actor: Actor | None = None, actor_name: str = "import visits"
) -> ImportSummary:
    """Return what was written after applying `plan` in the caller's write transaction.

    New and updated months go through `save_visits`, stored and audited with the plan's source.
    `actor`, if given, must be allowed to edit every commune of the plan (else PermissionDenied,
    nothing written).
    """
    actor = actor or ImportActor(actor_name)
    for commune in sorted({change.commune for change in [*plan.new, *plan.updated, *plan.unchanged]}):
        require_edit(actor, commune)
    writes: dict[str, list[dict[str, object]]] = {}
    for change in sorted([*plan.new, *plan.updated], key=lambda change: (change.commune, change.month)):
        figures = {"visits": change.after.visits, "unique_visitors": change.after.unique_visitors}
        writes.setdefault(change.commune, []).append({"month": change.month, **figures})
    created = updated = 0
    for commune, rows in writes.items():
        saved = save_visits(
            session, actor, commune, rows, today=plan.today, source=plan.source, audit_source=plan.source
        )
        created += saved.created
        updated += saved.updated
    return ImportSummary(created, updated, created + updated, "months", plan.tally())


# Any plan.


@functools.singledispatch
def _apply(plan: Any, session: Session, actor: Actor, rows: set[int] | None) -> Any:
    raise TypeError(f"no way to apply {type(plan).__name__}")


@_apply.register
def _(plan: ShopPlan, session: Session, actor: Actor, rows: set[int] | None) -> ShopImportSummary:
    return apply_shop_plan(session, plan, actor, rows=rows)


@_apply.register
def _(plan: ImportPlan, session: Session, actor: Actor, rows: set[int] | None) -> ImportSummary:
    _whole(plan, rows)
    return apply_population_import(session, plan, actor=actor)


@_apply.register
def _(plan: VisitsPlan, session: Session, actor: Actor, rows: set[int] | None) -> ImportSummary:
    _whole(plan, rows)
    return apply_visits_import(session, plan, actor)


def _whole(plan: Any, rows: set[int] | None) -> None:
    if rows is not None:
        raise TypeError(f"a {type(plan).__name__} is applied whole, not by rows")


@service_call
def apply_plan(
    session: Session, plan: Any, actor: Actor, rows: set[int] | None = None
) -> ShopImportSummary | ImportSummary:
    """Return what was written after applying the plan of any importer in the caller's write
    transaction, for `actor` (who must be allowed to edit every commune concerned).

    A plan that carries the store's revision (`registry.plan_file`, what a preview shows) is
    applied only if the store is still at that revision, checked here under the write lock: else
    StoreChanged, nothing written. `rows` (file row numbers) applies only those rows of a shop
    plan; other plans apply whole.
    """
    planned = getattr(plan, "revision", None)
    if planned is not None and (current := store_revision(session)) != planned:
        raise StoreChanged(planned, current)
    return _apply(plan, session, actor, rows)


@service_call
def import_file(
    session: Session,
    actor: Actor,
    source: str,
    path: str | Path,
    options: ImportOptions,
    *,
    rows: set[int] | None = None,
    progress: Callable[[float], None] | None = None,
    revision: int | None = None,
) -> ShopImportSummary | ImportSummary:
    """Return what was written after planning the file at `path` again with the importer `source`
    (a key of `importers.registry.SOURCES`) for `actor` (rows of communes not theirs rejected), and
    applying the plan in the same write transaction.

    `revision`, the store's revision the person's preview was made at, makes it refuse with
    StoreChanged (nothing written) if the store changed since. `rows` keeps only those file rows
    (a reconciliation's choice). A file that can no longer be read raises ImportFailed; nothing
    is written then.
    """
    if revision is not None and (current := store_revision(session)) != revision:
        raise StoreChanged(revision, current)
    plan = plan_file(session, source, path, options, actor, progress)
    return apply_plan(session, plan, actor, rows)
