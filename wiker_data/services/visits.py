"""Entering monthly visits: a commune's table of months, saved in one go.

Rows are upserted by month (normalised to its first day): a new month is created, a
changed one updated, an identical one left alone. Each created or changed row gets its own
audit entry; one invalid row (its number in the message) and none of the rows is saved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wiker_data.models import Commune, MonthlyVisits
from wiker_data.periods import month_start
from wiker_data.queries.snapshots import to_json
from wiker_data.services.audit import Undoable, record
from wiker_data.services.errors import Actor, Conflict, ErrorCollector, NotFound, require_edit
from wiker_data.services.transaction import service_call
from wiker_data.services.validation import MAX_VISITS, clean_integer, clean_month, fail

_FIELDS = ("id", "commune_code", "month", "visits", "unique_visitors", "source")


@dataclass(frozen=True)
class VisitsSaved:
    """How many months a save created, updated and left as they were."""

    created: int
    updated: int
    unchanged: int


def clean_visits_rows(
    rows: Sequence[Mapping[str, object]], *, today: dt.date
) -> list[tuple[dt.date, int, int | None]]:
    """Return (month, visits, unique_visitors) per row: whole numbers from 0 to MAX_VISITS,
    unique visitors (optional) not above visits, one row a month, no month after today's.

    Errors are keyed "row N.month", "row N.visits", "row N.unique_visitors" (N from 1) and
    carry the row number, which the message shows.
    """
    errors = ErrorCollector()
    cleaned: list[tuple[dt.date, int, int | None]] = []
    first_row: dict[dt.date, int] = {}
    for row_number, row in enumerate(rows, start=1):
        field = f"row {row_number}.".__add__
        month = visits = unique = None
        with errors.catch():
            month = clean_month(row.get("month"), field("month"), row=row_number)
            if month > month_start(today):
                fail(field("month"), "month.future", row=row_number)
            if month in first_row:
                fail(field("month"), "month.duplicate", row=row_number, first_row=first_row[month])
            first_row[month] = row_number
        with errors.catch():
            visits = clean_integer(row.get("visits"), field("visits"), 0, MAX_VISITS, row=row_number)
        with errors.catch():
            unique_field = field("unique_visitors")
            unique = clean_integer(
                row.get("unique_visitors"), unique_field, 0, MAX_VISITS, required=False, row=row_number
            )
            if unique is not None and visits is not None and unique > visits:
                params = {"row": row_number, "unique": unique, "visits": visits}
                fail(unique_field, "unique_visitors.more_than_visits", **params)
        if month is not None and visits is not None:
            cleaned.append((month, visits, unique))
    errors.raise_if_any()
    return cleaned


def visits_snapshot(row: MonthlyVisits) -> dict[str, Any]:
    """Return a visits row's values, JSON-safe."""
    return to_json({field: getattr(row, field) for field in _FIELDS})


@service_call
def save_visits(
    session: Session,
    actor: Actor,
    commune_code: str,
    rows: Sequence[Mapping[str, Any]],
    today: dt.date | None = None,
    *,
    source: str = "manual",
    audit_source: str = "app",
) -> VisitsSaved:
    """Return the counts of a save of `rows` ({month, visits, unique_visitors}) for the commune.

    Created and changed rows take `source` (where the figures come from: "manual", "matomo", ...);
    their audit entries `audit_source`.
    """
    if session.get(Commune, commune_code) is None:
        raise NotFound("commune", commune_code)
    require_edit(actor, commune_code)
    cleaned = clean_visits_rows(rows, today=today or dt.date.today())
    months = [month for month, _, _ in cleaned]
    query = select(MonthlyVisits).where(
        MonthlyVisits.commune_code == commune_code, MonthlyVisits.month.in_(months)
    )
    existing = {row.month: row for row in session.scalars(query)}
    created = updated = 0
    for month, visits, unique in cleaned:
        row = existing.get(month)
        if row is None:
            row = MonthlyVisits(
                commune_code=commune_code, month=month, visits=visits, unique_visitors=unique, source=source
            )
            session.add(row)
            session.flush()
            after = visits_snapshot(row)
            record(
                session, actor, "create", "monthly_visits", row.id, commune_code, None, after, audit_source
            )
            created += 1
            continue
        old = visits_snapshot(row)
        new = {"visits": visits, "unique_visitors": unique, "source": source}
        changed = {field: value for field, value in new.items() if old[field] != value}
        if set(changed) <= {"source"}:  # same figures: leave the row and its source alone
            continue
        for field, value in changed.items():
            setattr(row, field, value)
        session.flush()
        context = {"month": month}
        before = {field: old[field] for field in changed} | context
        after = changed | context
        record(session, actor, "update", "monthly_visits", row.id, commune_code, before, after, audit_source)
        updated += 1
    return VisitsSaved(created=created, updated=updated, unchanged=len(cleaned) - created - updated)


def _recreate(session: Session, values: Mapping[str, Any]) -> MonthlyVisits:
    month = dt.date.fromisoformat(values["month"])
    taken = select(MonthlyVisits).where(
        MonthlyVisits.commune_code == values["commune_code"], MonthlyVisits.month == month
    )
    if (other := session.scalar(taken)) is not None:
        raise Conflict(visits_snapshot(other), ["month"], reason="exists")
    wanted = values.get("id")
    row = MonthlyVisits(
        id=wanted if wanted is not None and session.get(MonthlyVisits, wanted) is None else None,
        commune_code=values["commune_code"],
        month=month,
        **{field: values.get(field) for field in ("visits", "unique_visitors", "source")},
    )
    session.add(row)
    return row


def _delete(session: Session, row: MonthlyVisits) -> tuple[dict, None]:
    before = visits_snapshot(row)
    session.delete(row)
    session.flush()
    return before, None


UNDOABLE = {
    "monthly_visits": Undoable(
        load=lambda session, row_id: session.get(MonthlyVisits, int(row_id), populate_existing=True),
        snapshot=lambda session, row: visits_snapshot(row),
        commune_of=lambda session, values: values.get("commune_code"),
        assign=lambda session, row, field, value: setattr(row, field, value),
        retire=_delete,
        recreate=_recreate,
    )
}
