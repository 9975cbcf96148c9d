"""What imports read of histories: how a source's status events merge with a shop's own, and
which fields of a shop a person set in the app (the audit log tells), which imports leave alone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from wiker_data.models import AuditEntry
from wiker_data.services.records import STATUS_RULES

# The audit sources of imports: what a person did in the app is everything else.
IMPORT_SOURCES = ("insee", "sirene", "sirene-history", "osm", "matomo", "visits-csv", "demo")
Event = tuple[str, dt.date]  # (kind, date)
FIRST_KINDS = ("opened", "recorded")  # a shop's first knowledge: only a shop without history gets one


def is_legal(events: Iterable[Event]) -> bool:
    """Return whether a history in order follows the rules of the app's status events."""
    previous: Event | None = None
    for kind, on in events:
        allowed = STATUS_RULES[kind][0]
        if (previous[0] if previous else None) not in allowed or (previous and on < previous[1]):
            return False
        previous = (kind, on)
    return True


def events_to_add(existing: list[Event], wanted: list[Event]) -> list[Event] | None:
    """Return the events of `wanted` to add to the shop's `existing` history (both in order).

    An opening or a recording (a shop's first event) is added only to a shop without history. The
    rest merge when the union, in date
    order, is a legal history; else the wanted events after the latest existing one are appended
    when legal. None: they cannot be merged.
    """
    missing = [event for event in wanted if event not in existing]
    if existing:  # the shop's own opening stands, even when the source dates it otherwise
        missing = [event for event in missing if event[0] not in FIRST_KINDS]
    if not missing:
        return []
    rank = {event: index for index, event in enumerate(existing + missing)}
    merged = sorted(existing + missing, key=lambda event: (event[1], rank[event]))
    if is_legal(merged):
        return missing
    latest = existing[-1][1] if existing else dt.date.min
    later = [event for event in missing if event[1] >= latest]
    if later and is_legal(existing + later):
        return later
    return None


def opening_for_recording(existing: list[Event], wanted: list[Event]) -> tuple[Event, Event] | None:
    """Return (the recording, the opening that replaces it) when the shop's history starts with a
    recording and `wanted` brings an opening on or before it; None otherwise.

    A recording says "open since, opening unknown" (a source's first sight, or a person's); a real
    opening date known later is better knowledge. An opening is never replaced.
    """
    if not existing or existing[0][0] != "recorded":
        return None
    opening = next((event for event in wanted if event[0] == "opened"), None)
    if opening is None or opening[1] > existing[0][1] or not is_legal([opening, *existing[1:]]):
        return None
    return existing[0], opening


def hand_edited_fields(session: Session, shop_ids: Iterable[int]) -> dict[int, set[str]]:
    """Return, per shop, the fields a person set in the app (created or updated, not by an import)."""
    wanted = {str(shop_id) for shop_id in shop_ids}
    edited: dict[int, set[str]] = {}
    query = select(AuditEntry.entity_id, AuditEntry.after).where(
        AuditEntry.entity == "shop",
        AuditEntry.action.in_(("create", "update", "undo")),
        AuditEntry.source.not_in(IMPORT_SOURCES),
    )
    for entity_id, after in session.execute(query):
        if entity_id in wanted and after:
            edited.setdefault(int(entity_id), set()).update(after)
    return edited
