"""A whole record checked at once, field by field with the cleaners of `validation`: a shop,
a catalogue item, the fields of a form (every error at once), and a status event against the
shop's history. Each returns the cleaned values or raises ValidationError."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from wiker_data.models import TRADE_MODES, EventKind
from wiker_data.services.errors import ErrorCollector
from wiker_data.services.validation import (
    TEXT_LIMITS,
    clean_bool,
    clean_category,
    clean_date,
    clean_email,
    clean_osm_id,
    clean_phone,
    clean_position,
    clean_price,
    clean_siret,
    clean_social_links,
    clean_text,
    clean_url,
    fail,
    is_blank,
)

# For each kind of event: the kinds the shop's latest event may have, and the message otherwise.
# A *recorded* event (known open from that date, not its opening) is, like an opening, a shop's first.
_OPEN = ("opened", "reopened", "recorded")
STATUS_RULES = {
    EventKind.OPENED.value: ((None,), "status.opened_not_first"),
    EventKind.RECORDED.value: ((None,), "status.recorded_not_first"),
    EventKind.CLOSED.value: ((*_OPEN, "temporarily_closed"), "status.closed_not_open"),
    EventKind.REOPENED.value: (("closed", "temporarily_closed"), "status.reopened_not_closed"),
    EventKind.TEMPORARILY_CLOSED.value: (_OPEN, "status.temporarily_closed_not_open"),
}


def check_status_event(
    kind: object, on: object, latest: tuple[str, dt.date] | None, today: dt.date
) -> tuple[str, dt.date]:
    """Return (kind, date) of a new status event after the shop's `latest` (kind, date), if legal.

    The first event is an opening or a recording (known open from then, not an opening); a shop
    closes from open or temporarily closed, reopens from closed or temporarily closed, closes
    temporarily only when open. The date is not in the
    future and not before the latest event. Errors are on "kind" and "event_date".
    """
    errors = ErrorCollector()
    previous = latest[0] if latest else None
    if kind not in STATUS_RULES:
        errors.add("kind", "status.kind_unknown")
    elif previous not in STATUS_RULES[kind][0]:
        errors.add("kind", "status.first_must_be_opened" if previous is None else STATUS_RULES[kind][1])
    with errors.catch():
        on = clean_date(on, "event_date", today=today)
        if latest and on < latest[1]:
            errors.add("event_date", "status.before_latest", latest=latest[1].isoformat())
    errors.raise_if_any()
    return kind, on


def clean_fields(
    values: Mapping[str, object],
    cleaners: Mapping[str, Callable[[object], object]],
    required: tuple[str, ...] = (),
    also_known: tuple[str, ...] = ("latitude", "longitude"),
) -> tuple[dict[str, object], ErrorCollector]:
    """Return the cleaned values of the fields given (and the required ones), and the errors so far;
    a field neither in `cleaners` nor in `also_known` is an error."""
    errors = ErrorCollector()
    for field in values:
        if field not in cleaners and field not in also_known:
            errors.add(field, "field.unknown")
    cleaned: dict[str, object] = {}
    for field, clean in cleaners.items():
        if field in values or field in required:
            with errors.catch():
                cleaned[field] = clean(values.get(field))
    return cleaned, errors


def cleaner(function: Callable[..., object], field: str, *args: object, **kwargs: object):
    """Return `function` as a one-argument cleaner of `field`."""
    return lambda value: function(value, field, *args, **kwargs)


def _commune_code(known: bool):
    def clean(value: object) -> object:
        if is_blank(value):
            fail("commune_code", "required")
        if not known:
            fail("commune_code", "commune.unknown")
        return value

    return clean


def clean_shop(
    values: Mapping[str, object],
    *,
    centre: tuple[float, float] | None = None,
    commune_known: bool = True,
    partial: bool = False,
) -> dict[str, object]:
    """Return the cleaned shop fields given in `values` (models.SHOP_FIELDS).

    Unless `partial`, name, category and commune_code are required. `commune_known` tells
    whether values["commune_code"] exists; a position is checked against `centre` (the
    commune's town centre) when it is given, and needs both latitude and longitude.
    """
    cleaners = {
        "commune_code": _commune_code(commune_known),
        "name": cleaner(clean_text, "name", TEXT_LIMITS["name"], required=True),
        "category": cleaner(clean_category, "category"),
        "address": cleaner(clean_text, "address", TEXT_LIMITS["address"]),
        "phone": cleaner(clean_phone, "phone"),
        "email": cleaner(clean_email, "email"),
        "website": cleaner(clean_url, "website"),
        "online_shop_url": cleaner(clean_url, "online_shop_url"),
        "social_links": cleaner(clean_social_links, "social_links"),
        "opening_hours": cleaner(clean_text, "opening_hours", TEXT_LIMITS["opening_hours"]),
        **{mode: cleaner(clean_bool, mode) for mode in TRADE_MODES},
        "siret": cleaner(clean_siret, "siret"),
        "osm_id": cleaner(clean_osm_id, "osm_id"),
    }
    required = () if partial else ("commune_code", "name", "category")
    cleaned, errors = clean_fields(values, cleaners, required)
    if "latitude" in values or "longitude" in values:
        with errors.catch():
            position = clean_position(values.get("latitude"), values.get("longitude"), centre)
            cleaned["latitude"], cleaned["longitude"] = position
    errors.raise_if_any()
    return cleaned


def clean_catalogue_item(values: Mapping[str, object], *, partial: bool = False) -> dict[str, object]:
    """Return the cleaned catalogue item fields given in `values` (name required unless `partial`)."""
    cleaners = {
        "name": cleaner(clean_text, "name", TEXT_LIMITS["name"], required=True),
        "price": cleaner(clean_price, "price"),
        "description": cleaner(clean_text, "description", TEXT_LIMITS["description"]),
    }
    cleaned, errors = clean_fields(values, cleaners, () if partial else ("name",), also_known=())
    errors.raise_if_any()
    return cleaned
