"""Pure checks of what a coordinator types: each returns the cleaned value or raises
ValidationError, with one message key per field (texts in wiker_data/i18n/validation.py).
Whole records (a shop, a catalogue item, a status event) are checked in `records`.

Cleaned values are what the store keeps: stripped text (empty text becomes None), phone
numbers in the international format ("+33 2 40 45 12 34"), normalised e-mail addresses,
prices as Decimal with two decimals, months as their first day.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any, NoReturn

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from wiker_data.categories import BY_KEY
from wiker_data.escaping import control_characters, has_user_part, safe_url
from wiker_data.periods import month_start
from wiker_data.services.errors import ErrorCollector, ValidationError

MAX_DISTANCE_KM = 15.0  # a shop must lie within this distance of its commune's town centre
MAX_VISITS = 10_000_000
MAX_PRICE = Decimal("1000000")
MAX_POPULATION = 100_000_000
MAX_SHOP_UNITS = 100_000
YEARS = (1990, 2100)
MAX_SOCIAL_LINKS = 10
TEXT_LIMITS = {
    "name": 200,
    "commune_name": 100,  # the longest French commune name has 45 characters
    "address": 300,
    "opening_hours": 500,
    "description": 2000,
    "url": 500,
    "email": 254,
}


def fail(field: str, key: str, **params: Any) -> NoReturn:
    """Raise the ValidationError of one field."""
    raise ValidationError.one(field, key, **params)


def is_blank(value: object) -> bool:
    """Return True for None, blank text, NaN and pandas' missing values."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in ("NAType", "NaTType")


def clean_text(value: object, field: str, max_len: int, *, required: bool = False) -> str | None:
    """Return the stripped text (None when blank and not required)."""
    if is_blank(value):
        if required:
            fail(field, "required")
        return None
    if not isinstance(value, str):
        fail(field, "text.invalid")
    text = value.strip().replace("\r\n", "\n")  # a browser's or a spreadsheet's line breaks
    if control_characters(text):  # NUL, ESC, a bare CR, ...: never typed, and a CR splits a CSV row
        fail(field, "text.control_characters")
    if len(text) > max_len:
        fail(field, "text.too_long", max=max_len, length=len(text))
    return text


def clean_category(value: object, field: str = "category") -> str:
    """Return the category key, which must be one of categories.BY_KEY."""
    if is_blank(value):
        fail(field, "required")
    if not isinstance(value, str) or value.strip() not in BY_KEY:
        fail(field, "category.unknown")
    return value.strip()


def clean_phone(value: object, field: str = "phone") -> str | None:
    """Return the phone number in the international format, "+33 2 40 45 12 34" (None when blank)."""
    if is_blank(value):
        return None
    if not isinstance(value, str) or len(value) > 50:
        fail(field, "phone.invalid")
    try:
        number = phonenumbers.parse(value, "FR")
    except phonenumbers.NumberParseException:
        fail(field, "phone.invalid")
    if not phonenumbers.is_valid_number(number):
        fail(field, "phone.invalid")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def clean_email(value: object, field: str = "email") -> str | None:
    """Return the normalised e-mail address, checked for syntax only (no network lookup)."""
    if is_blank(value):
        return None
    if not isinstance(value, str):
        fail(field, "email.invalid")
    if len(value.strip()) > TEXT_LIMITS["email"]:
        fail(field, "text.too_long", max=TEXT_LIMITS["email"], length=len(value.strip()))
    try:
        return validate_email(value.strip(), check_deliverability=False).normalized
    except EmailNotValidError:
        fail(field, "email.invalid")


def clean_url(value: object, field: str) -> str | None:
    """Return the http(s) link, stripped (None when blank)."""
    if is_blank(value):
        return None
    if isinstance(value, str) and has_user_part(value):
        fail(field, "url.user_part")
    url = safe_url(value)
    if url is None:
        fail(field, "url.invalid")
    if len(url) > TEXT_LIMITS["url"]:
        fail(field, "text.too_long", max=TEXT_LIMITS["url"], length=len(url))
    return url


def clean_social_links(value: object, field: str = "social_links") -> list[str]:
    """Return the list of http(s) links, from a list or from text with one link per line."""
    if is_blank(value):
        return []
    items = value.split() if isinstance(value, str) else value
    if not isinstance(items, Sequence) or isinstance(items, bytes):
        fail(field, "social_links.invalid", position=1, max=TEXT_LIMITS["url"])
    links: list[str] = []
    for position, item in enumerate(items, start=1):
        if is_blank(item):
            continue
        url = safe_url(item)
        if url is None or len(url) > TEXT_LIMITS["url"]:
            fail(field, "social_links.invalid", position=position, max=TEXT_LIMITS["url"])
        if url not in links:
            links.append(url)
    if len(links) > MAX_SOCIAL_LINKS:
        fail(field, "social_links.too_many", max=MAX_SOCIAL_LINKS)
    return links


def clean_bool(value: object, field: str) -> bool:
    """Return the yes/no value (booleans only: 1 or "yes" are refused)."""
    if isinstance(value, bool):
        return value
    if type(value).__name__ == "bool_":  # numpy's, from a data editor
        return bool(value)
    fail(field, "bool.invalid")


def clean_siret(value: object, field: str = "siret") -> str | None:
    """Return the 14-digit SIRET number without spaces (None when blank)."""
    if is_blank(value):
        return None
    digits = re.sub(r"\s", "", value) if isinstance(value, str) else ""
    if not re.fullmatch(r"\d{14}", digits):
        fail(field, "siret.invalid")
    return digits


LA_POSTE_SIREN = "356000000"


def siret_checksum_valid(digits: str) -> bool:
    """Return whether a 14-digit SIRET passes Luhn's check or, for La Poste (whose thousands of
    offices share one SIREN), the check INSEE gives it instead: a digit sum that is a multiple of 5."""
    # Luhn from the right: every second digit doubled, that is those at an even place of 14.
    doubled = (int(d) * 2 if index % 2 == 0 else int(d) for index, d in enumerate(digits))
    if sum(n - 9 if n > 9 else n for n in doubled) % 10 == 0:
        return True
    return digits.startswith(LA_POSTE_SIREN) and sum(map(int, digits)) % 5 == 0


def clean_osm_id(value: object, field: str = "osm_id") -> str | None:
    """Return an OpenStreetMap id such as "node/123" (None when blank)."""
    if is_blank(value):
        return None
    if not isinstance(value, str) or not re.fullmatch(r"(node|way|relation)/\d{1,20}", value.strip()):
        fail(field, "osm_id.invalid")
    return value.strip()


def _number(value: object, field: str) -> float:
    if isinstance(value, bool):
        fail(field, "number.invalid")
    try:
        number = float(value.strip().replace(",", ".")) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        fail(field, "number.invalid")
    if not math.isfinite(number):
        fail(field, "number.invalid")
    return number


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance between two positions, in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi, d_lambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def clean_position(
    latitude: object, longitude: object, centre: tuple[float, float] | None = None
) -> tuple[float | None, float | None]:
    """Return (latitude, longitude): both or neither, within MAX_DISTANCE_KM of `centre` when given.

    Errors are on "latitude"/"longitude" (not a number, out of range) or "position" (pairing, distance).
    """
    if is_blank(latitude) and is_blank(longitude):
        return None, None
    if is_blank(latitude) or is_blank(longitude):
        fail("position", "position.both_or_neither")
    errors = ErrorCollector()
    with errors.catch():
        lat = _number(latitude, "latitude")
        if not -90 <= lat <= 90:
            fail("latitude", "latitude.range")
    with errors.catch():
        lon = _number(longitude, "longitude")
        if not -180 <= lon <= 180:
            fail("longitude", "longitude.range")
    errors.raise_if_any()
    if centre is not None and (distance := haversine_km(lat, lon, *centre)) > MAX_DISTANCE_KM:
        fail("position", "position.too_far", distance_km=round(distance, 1), max_km=int(MAX_DISTANCE_KM))
    return lat, lon


def clean_date(value: object, field: str, *, today: dt.date | None = None) -> dt.date:
    """Return the date (a date, a datetime or ISO text); not after `today` when it is given."""
    if is_blank(value):
        fail(field, "required")
    if isinstance(value, dt.datetime):
        value = value.date()
    elif isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            fail(field, "date.invalid")
    if not isinstance(value, dt.date):
        fail(field, "date.invalid")
    if today is not None and value > today:
        fail(field, "date.future", today=today.isoformat())
    return value


def clean_integer(value: object, field: str, low: int, high: int, *, required: bool = True, **context: Any):
    """Return the whole number within [low, high] (None when blank and not required).

    Accepts ints, integral floats (5000.0 from a data editor) and digit text ("10 000").
    `context` (e.g. row=3) is kept with the error so that the message can name the row.
    """
    if is_blank(value):
        if required:
            fail(field, "required", **context)
        return None
    number: int | None = None
    if isinstance(value, bool):
        pass
    elif isinstance(value, numbers.Integral) or (
        isinstance(value, numbers.Real | Decimal) and float(value).is_integer()
    ):
        number = int(value)
    elif isinstance(value, str) and re.fullmatch(r"[+-]?\d+", re.sub(r"[\s\u202f]", "", value)):
        number = int(re.sub(r"[\s\u202f]", "", value))
    if number is None:
        fail(field, "integer.invalid", **context)
    if not low <= number <= high:
        fail(field, "integer.range", min=low, max=high, **context)
    return number


def clean_price(value: object, field: str = "price") -> Decimal | None:
    """Return the price in euros as a Decimal with two decimals, from 0 to MAX_PRICE (None when blank)."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        fail(field, "price.invalid")
    try:
        text = value.replace("€", "").replace(",", ".") if isinstance(value, str) else str(value)
        price = Decimal(re.sub(r"[\s\u202f]", "", text))
    except InvalidOperation:
        fail(field, "price.invalid")
    if not price.is_finite():
        fail(field, "price.invalid")
    if not 0 <= price <= MAX_PRICE:
        fail(field, "price.range", max=int(MAX_PRICE))
    if price != price.quantize(Decimal("0.01")):
        fail(field, "price.invalid")
    return price.quantize(Decimal("0.01"))


def clean_month(value: object, field: str, **context: Any) -> dt.date:
    """Return the first day of the month of `value` (a date, or text "YYYY-MM" or "YYYY-MM-DD")."""
    if is_blank(value):
        fail(field, "required", **context)
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}", value.strip()):
        value = value.strip() + "-01"
    try:
        return month_start(clean_date(value, field))
    except ValidationError:
        fail(field, "month.invalid", **context)
