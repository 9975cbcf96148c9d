"""The counts of status events, defined once: the overview, the openings-and-closures
series, the early warning on closures and the council report all count with these.

Definitions (also in the README):
- *openings*, *closures*, *reopenings* and *temporary closures* are the `opened`,
  `closed`, `reopened` and `temporarily_closed` events;
- a *reopening after closure* is a `reopened` event whose previous event (of the
  same shop) is `closed`: the shop comes back after a permanent closure;
- *net change* = openings + reopenings after closure − closures (a reopening
  after a temporary closure is not a new shop);
- *recorded*: the `recorded` events, shops entering the directory open without a
  known opening (an import): they count as open from then, never as openings,
  reopenings nor in the net change.
"""

from __future__ import annotations

from sqlalchemy import Subquery, and_, case, func

from wiker_data.models import EventKind

EVENT_COUNTS = [
    "openings",
    "closures",
    "reopenings",
    "reopenings_after_closure",
    "temporary_closures",
    "recorded",
]

_KINDS = {
    "openings": EventKind.OPENED,
    "closures": EventKind.CLOSED,
    "reopenings": EventKind.REOPENED,
    "temporary_closures": EventKind.TEMPORARILY_CLOSED,
    "recorded": EventKind.RECORDED,
}


def counts_as(name: str, kind, previous=None):
    """Return the SQL condition: an event of `kind` (following an event of `previous`) counts among `name`.

    `previous` (the kind of the shop's event before) is needed for reopenings_after_closure only.
    """
    if name == "reopenings_after_closure":
        if previous is None:
            raise ValueError("reopenings_after_closure needs the kind of the previous event")
        return and_(kind == EventKind.REOPENED, previous == EventKind.CLOSED)
    return kind == _KINDS[name]


def count_of(name: str, kind, previous=None, within=None):
    """Return the SQL sum of the events that count among `name` (and meet `within` when given)."""
    condition = counts_as(name, kind, previous)
    if within is not None:
        condition = and_(within, condition)
    return func.sum(case((condition, 1), else_=0))


def event_counts(events: Subquery, names=EVENT_COUNTS, within=None) -> list:
    """Return the labelled SQL counts `names` over a subquery of status events with the columns kind
    and previous_kind (of the events meeting `within` when given; queries.figures.raw_figures)."""
    return [count_of(name, events.c.kind, events.c.previous_kind, within).label(name) for name in names]


def net_change(openings, reopenings_after_closure, closures):
    """Return openings + reopenings after closure − closures (numbers or columns alike)."""
    return openings + reopenings_after_closure - closures
