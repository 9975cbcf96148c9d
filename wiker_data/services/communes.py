"""Editing a commune's figures: population and its year (also kept in the population
history), number of shop units, date joined, town-centre position.

Concurrent edits are caught on `updated_at`: the caller passes the value it read, and a
commune changed since is not overwritten (Conflict). Every change bumps `updated_at`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from wiker_data.models import Commune, CommunePopulation
from wiker_data.queries.snapshots import YEAR_KEY, commune_snapshot, to_json
from wiker_data.services.audit import Undoable, changed_since, record
from wiker_data.services.errors import Actor, Conflict, NotFound, ValidationError, require_edit
from wiker_data.services.records import clean_fields, cleaner
from wiker_data.services.transaction import service_call
from wiker_data.services.validation import (
    MAX_POPULATION,
    MAX_SHOP_UNITS,
    YEARS,
    clean_date,
    clean_integer,
    clean_position,
    is_blank,
)


def _optional_date(field: str, today: dt.date):
    return lambda value: None if is_blank(value) else clean_date(value, field, today=today)


def clean_commune(values: Mapping[str, object], *, today: dt.date) -> dict[str, object]:
    """Return the cleaned commune fields given in `values` (COMMUNE_FIELDS).

    A population needs its year (YEARS); latitude and longitude go together; joined_on is
    not in the future.
    """
    cleaners = {
        "population": cleaner(clean_integer, "population", 0, MAX_POPULATION, required=False),
        "population_year": cleaner(clean_integer, "population_year", *YEARS, required=False),
        "shop_units": cleaner(clean_integer, "shop_units", 0, MAX_SHOP_UNITS, required=False),
        "joined_on": _optional_date("joined_on", today),
    }
    cleaned, errors = clean_fields(values, cleaners)
    if cleaned.get("population") is not None and cleaned.get("population_year", 0) is None:
        errors.add("population_year", "population_year.required")
    if "latitude" in values or "longitude" in values:
        with errors.catch():
            cleaned["latitude"], cleaned["longitude"] = clean_position(
                values.get("latitude"), values.get("longitude")
            )
    errors.raise_if_any()
    return cleaned


def _as_datetime(value: object) -> dt.datetime:
    if isinstance(value, str):
        return dt.datetime.fromisoformat(value)
    if hasattr(value, "to_pydatetime"):  # a pandas Timestamp
        return value.to_pydatetime()
    return value


def assign_field(session: Session, commune: Commune, field: str, value: Any) -> None:
    """Set one field from a cleaned or a JSON value; a population history key upserts or deletes its row.

    Neither checks nor audits: for the service functions (an edit, an undo, an import), which do."""
    if field.startswith(YEAR_KEY):
        key = (commune.code, int(field.removeprefix(YEAR_KEY)))
        row = session.get(CommunePopulation, key)
        if value is None and row is not None:
            session.delete(row)
        elif value is not None and row is None:
            session.add(CommunePopulation(commune_code=key[0], year=key[1], population=value))
        elif value is not None:
            row.population = value
        return
    if field in ("joined_on", "left_on") and isinstance(value, str):
        value = dt.date.fromisoformat(value)
    setattr(commune, field, value)


def touch(commune: Commune) -> None:
    """Bump the commune's updated_at, as every change of it does."""
    # Strictly later than before, even within one clock tick: updated_at is the version users start from.
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    commune.updated_at = max(now, commune.updated_at + dt.timedelta(microseconds=1))


@service_call
def update_commune(
    session: Session,
    actor: Actor,
    code: str,
    expected_updated_at: dt.datetime,
    changes: Mapping[str, Any],
    today: dt.date | None = None,
) -> Commune:
    """Return the commune after applying `changes` (COMMUNE_FIELDS).

    A population is recorded for its year in the history; the commune keeps the latest
    year's figure. Raises Conflict when the commune's updated_at is no longer
    `expected_updated_at`; nothing is written then.
    """
    commune = session.get(Commune, code, populate_existing=True)
    if commune is None:
        raise NotFound("commune", code)
    require_edit(actor, code)
    expected = _as_datetime(expected_updated_at)
    if commune.updated_at != expected:
        changed = changed_since(
            session, "commune", code, lambda before: _as_datetime(before["updated_at"]) >= expected
        )
        raise Conflict(commune_snapshot(session, commune), changed)
    values = dict(changes)
    if "population" in values or "population_year" in values:
        values.setdefault("population", commune.population)
        values.setdefault("population_year", commune.population_year)
    if "latitude" in values or "longitude" in values:
        values.setdefault("latitude", commune.latitude)
        values.setdefault("longitude", commune.longitude)
    cleaned = clean_commune(values, today=today or dt.date.today())
    joined = cleaned.get("joined_on", commune.joined_on)
    if commune.left_on is not None and (joined is None or joined >= commune.left_on):  # see membership
        left = commune.left_on.isoformat()
        raise ValidationError.one("joined_on", "membership.joined_after_leaving", left=left)

    old = commune_snapshot(session, commune)
    year, population = cleaned.get("population_year"), cleaned.get("population")
    if population is not None and year is not None:
        cleaned[f"{YEAR_KEY}{year}"] = population
        if commune.population_year is not None and year < commune.population_year:
            del cleaned["population"], cleaned["population_year"]  # an older figure: history only
    changed = {field: value for field, value in cleaned.items() if to_json(value) != old.get(field)}
    if not changed:
        return commune
    for field, value in changed.items():
        assign_field(session, commune, field, value)
    touch(commune)
    session.flush()
    before = {field: old.get(field) for field in changed} | {"updated_at": old["updated_at"]}
    after = changed | {"updated_at": commune.updated_at}
    record(session, actor, "update", "commune", code, code, before, after)
    return commune


UNDOABLE = {
    "commune": Undoable(
        load=lambda session, code: session.get(Commune, code, populate_existing=True),
        snapshot=commune_snapshot,
        commune_of=lambda session, values: values.get("code"),
        assign=assign_field,
        touch=touch,
    )
}
