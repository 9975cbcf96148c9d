"""What the shop importers (SIRENE, OpenStreetMap) share: the plan of what a file changes in the
directory (`services.imports.apply_shop_plan` applies it).

A source module reads its file into `Incoming` shops, each keyed by the source's identifier
(`siret`, `osm_id`) and carrying the status events the source implies. `ShopPlanner` compares
them with the store:

- a shop with the same identifier is updated: a field is filled when empty, and replaced when
  the source says otherwise, unless a person edited it in the app (the audit log tells): what
  coordinators correct survives every re-import; a field the file leaves empty keeps the store's
  value (`kept_empty`: an empty cell never erases);
- a source may also match a shop without an identifier (OpenStreetMap: same commune, similar
  name, within 50 m); the shop is then linked (it gets the identifier) and filled the same way;
- anything else is a new shop, checked by the same validation as a shop typed in the app.

Status events merge with the shop's own: an event already there (same kind, same day) is not
added twice, and the merged history must stay legal (opened first, closed only when open, ...).
A history the source cannot be merged into is left alone and reported. A shop whose history starts
with a recording (open, opening unknown) gets the source's opening instead when it is on or before
the recording (`replaced`: "recorded on D becomes opened on C"); an opening is never replaced.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from wiker_data.importers import ErrorWords, EventWords, Reason, RejectedRow, Tally, first_lines, stripped
from wiker_data.importers.histories import Event, events_to_add, hand_edited_fields, opening_for_recording
from wiker_data.models import Commune, Shop, StatusEvent
from wiker_data.queries.snapshots import shop_snapshot, to_json
from wiker_data.services.errors import ValidationError
from wiker_data.services.records import clean_shop


@dataclass
class Incoming:
    """One shop as a source file gives it: row number, identifier, fields and status events."""

    row: int
    commune_code: str
    key: str  # the identifier's value: a SIRET, or an OpenStreetMap id such as "node/123"
    values: dict[str, Any]  # SHOP_FIELDS the source knows; None: the source knows nothing of it
    events: list[Event] = field(default_factory=list)  # in order
    open_since: dt.date | None = None  # the source says open since then: reopens a shop closed before
    seen_open: dt.date | None = None  # the source saw it open then (a survey): noted, never an event
    notes: list[str] = field(default_factory=list)  # what was left out of the row, and why


class KnownShop(NamedTuple):
    """A shop of the store that has the source's identifier."""

    id: int
    commune_code: str


@dataclass(frozen=True)
class NewShop:
    row: int
    key: str
    values: dict[str, Any]  # cleaned, ready for Shop(**values)
    events: tuple[Event, ...]


@dataclass(frozen=True)
class ShopChange:
    """An existing shop: the fields to change (field: (before, after)), the events to add."""

    row: int
    key: str
    shop_id: int
    name: str
    commune_code: str
    fields: dict[str, tuple[Any, Any]]
    events: tuple[Event, ...]
    linked: bool = False  # matched by name and position, not by identifier
    kept: tuple[str, ...] = ()  # fields the source would change but a person edited
    kept_empty: tuple[str, ...] = ()  # fields the file leaves empty: the store's values are kept
    replaced: tuple[Event, Event] | None = None  # (the shop's first recording, the opening replacing it)


@dataclass
class ShopPlan:
    """What importing a shop file would change; nothing is written until it is applied."""

    path: str
    source: str  # "sirene", "osm": the shops' and the audit entries' source
    key_field: str  # "siret" or "osm_id"
    rows: int = 0  # data rows read, the header left out
    scope: str = ""  # which rows of the file were kept, e.g. "communes 44052"
    new: list[NewShop] = field(default_factory=list)
    updated: list[ShopChange] = field(default_factory=list)
    unchanged: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)
    notes: list[RejectedRow] = field(default_factory=list)  # rows kept with a part left out
    skipped: dict[str, int] = field(default_factory=dict)  # rows out of scope, by reason
    outside: int = 0  # rows of communes other than those chosen (--commune, --departement)
    keys: set[str] = field(default_factory=set, repr=False)  # the identifiers of every shop kept
    revision: int | None = None  # the store's revision when planned (registry.plan_file); Apply checks it

    def skip(self, reason: str, rows: int = 1) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + rows

    def counts(self) -> dict[str, int]:
        """Return the number of new, updated, unchanged, rejected and skipped rows."""
        return {
            "new": len(self.new),
            "updated": len(self.updated),
            "unchanged": self.unchanged,
            "rejected": len(self.rejected),
            "skipped": sum(self.skipped.values()),
        }

    def tally(self) -> Tally:
        """Return where each row read went; the parts add up to `rows`."""
        counts = self.counts()
        return Tally(
            self.rows,
            *(counts[name] for name in ("new", "updated", "unchanged", "rejected")),
            outside=self.outside,
            skipped=tuple(sorted(self.skipped.items())),
        )

    def preview(self, shown: int = 10) -> list[str]:
        """Return the lines that tell what the import would do, with the first rejected rows."""
        lines = [
            f"{self.path}: {self.rows} rows" + (f", keeping {self.scope}" if self.scope else ""),
            self.tally().describe(),
        ]
        for title, rows in (("rejected", self.rejected), ("note", self.notes)):
            lines += first_lines([f"  {title} {row}" for row in rows], shown, f"({title})")
        kept = [
            f"  kept (empty in the file), row {change.row} {change.name}: {', '.join(change.kept_empty)}"
            for change in self.updated
            if change.kept_empty
        ]
        replaced = [
            f"  row {change.row} {change.name}: {recording[0]} on {recording[1]} becomes {opening[0]} on "
            f"{opening[1]}"
            for change in self.updated
            if change.replaced
            for recording, opening in [change.replaced]
        ]
        return lines + first_lines(kept, shown, "(kept)") + first_lines(replaced, shown, "(replaced)")


# Planning.


def _centres(session: Session) -> dict[str, tuple[float, float] | None]:
    return {
        code: (lat, lon) if lat is not None and lon is not None else None
        for code, lat, lon in session.execute(select(Commune.code, Commune.latitude, Commune.longitude))
    }


def _histories(session: Session, shop_ids: list[int]) -> dict[int, list[Event]]:
    histories: dict[int, list[Event]] = {shop_id: [] for shop_id in shop_ids}
    query = select(StatusEvent.shop_id, StatusEvent.kind, StatusEvent.event_date).order_by(
        StatusEvent.shop_id, StatusEvent.event_date, StatusEvent.id
    )
    for chunk_start in range(0, len(shop_ids), 500):
        chunk = shop_ids[chunk_start : chunk_start + 500]
        for shop_id, kind, on in session.execute(query.where(StatusEvent.shop_id.in_(chunk))):
            histories[shop_id].append((kind, on))
    return histories


def _holds_something(stored: Any) -> bool:
    """Return whether a stored value is worth keeping: not empty, and not a trade mode's default False."""
    return stored is not False and stored not in (None, "", [])


class ShopPlanner:
    """Compares incoming shops with the store, one at a time, into a ShopPlan."""

    def __init__(self, session: Session, plan: ShopPlan, today: dt.date | None = None):
        self.session = session
        self.plan = plan
        self.today = today or dt.date.today()
        self.centres = _centres(session)
        key_column = getattr(Shop, plan.key_field)
        known = select(key_column, Shop.id, Shop.commune_code).where(key_column.is_not(None))
        # Identifiers only, not whole shops: a national store holds hundreds of thousands.
        self.by_key: dict[str, KnownShop] = {
            key: KnownShop(id_, code) for key, id_, code in session.execute(known)
        }
        self.claimed: set[int] = set()  # shops already matched by an earlier row of the file
        self._seen: dict[str, int] = {}
        self._pending: list[tuple[Incoming, int | None, bool]] = []  # (incoming, shop id, linked)

    def communes(self) -> set[str]:
        """Return the codes of the communes in the store."""
        return set(self.centres)

    def add(self, incoming: Incoming, match: Shop | None = None) -> None:
        """Queue an incoming shop; `match` is a shop without identifier the source matched it to."""
        if (first := self._seen.get(incoming.key)) is not None:
            self.plan.rejected.append(
                RejectedRow(incoming.row, Reason("reason.already_on_row", what=incoming.key, row=first))
            )
            return
        self._seen[incoming.key] = incoming.row
        for name, value in incoming.values.items():  # stripped with a note, never the row refused
            if isinstance(value, str):
                incoming.values[name] = stripped(name, value, incoming.notes)
        known = self.by_key.get(incoming.key)
        shop_id = known.id if known else match.id if match else None
        if shop_id is not None:
            self.claimed.add(shop_id)
        self._pending.append((incoming, shop_id, known is None and match is not None))

    def finish(self) -> ShopPlan:
        """Return the plan, every queued shop compared with the store."""
        existing = [shop_id for _, shop_id, _ in self._pending if shop_id is not None]
        histories = _histories(self.session, existing)
        edited = hand_edited_fields(self.session, existing)
        shops: dict[int, Shop] = {}
        for start in range(0, len(existing), 500):
            chunk = existing[start : start + 500]
            shops.update(
                (shop.id, shop) for shop in self.session.scalars(select(Shop).where(Shop.id.in_(chunk)))
            )
        for incoming, shop_id, linked in self._pending:
            if shop_id is None:
                self._plan_new(incoming)
            else:
                shop = shops[shop_id]
                self._plan_change(incoming, shop, linked, histories[shop_id], edited.get(shop_id, set()))
        self._pending.clear()
        self.plan.keys = set(self._seen)
        return self.plan

    def _reject(self, incoming: Incoming, reason: str) -> None:
        self.plan.rejected.append(RejectedRow(incoming.row, reason))

    def _note(self, incoming: Incoming) -> None:
        self.plan.notes += [RejectedRow(incoming.row, note) for note in incoming.notes]

    def _clean(self, incoming: Incoming, values: Mapping[str, Any], partial: bool) -> dict[str, Any] | None:
        centre = self.centres.get(incoming.commune_code)
        try:
            return clean_shop(
                values, centre=centre, commune_known=incoming.commune_code in self.centres, partial=partial
            )
        except ValidationError as error:
            if set(error.errors) <= {"position", "latitude", "longitude"}:  # keep the shop, not the position
                incoming.notes.append(Reason("note.position_left_out", why=ErrorWords(error)))
                # Dropped, not emptied: a new shop goes without, a known shop keeps its own.
                values = {key: value for key, value in values.items() if key not in ("latitude", "longitude")}
                return self._clean(incoming, values, partial)
            self._reject(incoming, Reason("reason.fields", fields=ErrorWords(error)))
            return None

    def _plan_new(self, incoming: Incoming) -> None:
        values = {key: value for key, value in incoming.values.items() if value is not None}
        cleaned = self._clean(incoming, values | {"commune_code": incoming.commune_code}, partial=False)
        if cleaned is None:
            return
        events = events_to_add([], incoming.events)
        if events is None:
            self._reject(
                incoming, Reason("reason.history_impossible", events=EventWords(tuple(incoming.events)))
            )
            return
        if any(on > self.today for _, on in events):
            self._reject(incoming, Reason("reason.status_in_future"))
            return
        self._note(incoming)
        self.plan.new.append(NewShop(incoming.row, incoming.key, cleaned, tuple(events)))

    def _plan_change(
        self, incoming: Incoming, shop: Shop, linked: bool, history: list[Event], edited: set[str]
    ) -> None:
        current = shop_snapshot(shop)
        offered = {key: value for key, value in incoming.values.items() if value is not None}
        if ("latitude" in offered) != ("longitude" in offered):  # a position is both or neither
            offered.pop("latitude", None)
            offered.pop("longitude", None)
        cleaned = self._clean(incoming, offered, partial=True)
        if cleaned is None:
            return
        if linked:
            cleaned[self.plan.key_field] = incoming.key
        fields: dict[str, tuple[Any, Any]] = {}
        kept: list[str] = []
        for name, value in cleaned.items():
            before = current.get(name)
            if to_json(value) == before:
                continue
            if name in edited and before not in (None, "", []):
                kept.append(name)
                continue
            fields[name] = (before, value)
        replaced = None
        if shop.archived_at is not None:  # an archived shop keeps its history as it is
            events: list[Event] | None = []
        else:
            replaced = opening_for_recording(history, incoming.events)
            if replaced is not None and replaced[1][1] <= self.today:
                history = [replaced[1], *history[1:]]
            else:
                replaced = None
            wanted = list(incoming.events)
            if (
                incoming.open_since
                and history
                and history[-1][0] == "closed"
                and history[-1][1] < incoming.open_since
            ):
                wanted.append(("reopened", incoming.open_since))
            events = events_to_add(history, wanted)
            last_kind, last_date = history[-1] if history else (None, None)
            if incoming.seen_open and last_kind == "closed" and last_date < incoming.seen_open:
                incoming.notes.append(
                    Reason("note.surveyed_after_closure", surveyed=incoming.seen_open, closed=last_date)
                )
        if events is None:
            incoming.notes.append(
                Reason(
                    "note.history_kept",
                    events=EventWords(tuple(incoming.events)),
                    history=EventWords(tuple(history)),
                )
            )
            events = []
        events = [event for event in events if event[1] <= self.today]
        self._note(incoming)
        if not fields and not events and replaced is None:
            self.plan.unchanged += 1
            return
        # An empty cell never erases: what the file leaves empty keeps the store's value.
        kept_empty = tuple(
            name
            for name, value in incoming.values.items()
            if value is None and _holds_something(current.get(name))
        )
        change = ShopChange(
            incoming.row,
            incoming.key,
            shop.id,
            shop.name,
            shop.commune_code,
            fields,
            tuple(events),
            linked,
            tuple(kept),
            kept_empty,
            replaced,
        )
        self.plan.updated.append(change)
