"""From an OpenStreetMap element's tags to the fields of a shop of the directory.

- category from the shop/amenity/craft tag (`categories.category_for_osm_tags`); name from
  `name`, else `brand`;
- phone, e-mail, website, social links, opening hours, address: a value the app would refuse is
  left out with a note, and the shop kept. Of `a;b` the first is kept;
- the address is `addr:housenumber` and `addr:street` (or `addr:place`); each part missing there
  is taken from `contact:housenumber`, `contact:street` (the other way shops are tagged);
  `addr:postcode`/`addr:city`, else `contact:postcode`/`contact:city`, name the commune;
- `ref:FR:SIRET`, the SIRENE establishment: 14 digits once spaces are removed, passing Luhn's check
  (La Poste's, a digit sum multiple of 5); another is left out with a note;
- trade modes: `delivery` and `takeaway` (yes or only: offered; no: not), each its own mode: a
  takeaway is not click & collect, which is ordering before coming. The COVID-era tags
  (`delivery:covid19`, ...) told of the lockdowns only and are ignored.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from wiker_data.categories import category_for_osm_tags
from wiker_data.importers import ErrorWords, Reason, stripped
from wiker_data.services.errors import ValidationError
from wiker_data.services.validation import (
    MAX_SOCIAL_LINKS,
    TEXT_LIMITS,
    clean_email,
    clean_phone,
    clean_siret,
    clean_text,
    clean_url,
    siret_checksum_valid,
)

Position = tuple[float, float]  # (latitude, longitude)
SIRET_TAG = "ref:FR:SIRET"
# Where a handle (not a link) in contact:<network> leads.
SOCIAL_NETWORKS = {
    "facebook": "https://www.facebook.com/",
    "instagram": "https://www.instagram.com/",
    "twitter": "https://twitter.com/",
    "tiktok": "https://www.tiktok.com/@",
    "youtube": "https://www.youtube.com/@",
}


def _first(tags: dict[str, str], *keys: str) -> str | None:
    """Return the first value of the first key given (OSM separates several values with ";")."""
    for key in keys:
        if value := tags.get(key, "").split(";")[0].strip():
            return value
    return None


def _as_link(value: str) -> str:
    return value if "://" in value else f"https://{value}"  # "www.example.fr" is common in OSM


def _checked(field: str, value: str | None, clean: Callable[[str, str], Any], notes: list[str]) -> Any:
    """Return the value cleaned as the app would, or None (with a note) when the app would refuse it."""
    if value is None:
        return None
    value = stripped(field, value, notes)
    try:
        return clean(value, field)
    except ValidationError as error:
        notes.append(
            Reason("note.value_left_out", field=field, value=repr(value), why=ErrorWords(error, field))
        )
        return None


def _social_links(tags: dict[str, str], notes: list[str]) -> list[str] | None:
    links: list[str] = []
    for network, base in SOCIAL_NETWORKS.items():
        for key in (f"contact:{network}", network):
            for value in filter(None, (part.strip() for part in tags.get(key, "").split(";"))):
                link = _as_link(value) if "/" in value else base + value.lstrip("@")  # a link, else a handle
                if (link := _checked("social_links", link, clean_url, notes)) and link not in links:
                    links.append(link)
    return links[:MAX_SOCIAL_LINKS] or None


def _clean_text(value: str, field: str) -> str | None:
    return clean_text(value, field, TEXT_LIMITS[field])


def _yes_no(value: str | None) -> bool | None:
    return {"yes": True, "only": True, "no": False}.get((value or "").lower())


def address_part(tags: dict[str, str], part: str) -> str | None:
    """Return one part of the address (housenumber, street, postcode, city): addr:*, else contact:*."""
    keys = ("addr:street", "addr:place") if part == "street" else (f"addr:{part}",)
    return _first(tags, *keys, f"contact:{part}")


def is_closed_for_good(tags: dict[str, str]) -> bool:
    """Return whether the tags say the shop closed for good (disused or vacant)."""
    disused = any(f"disused:{key}" in tags for key in ("shop", "amenity", "craft"))
    return disused or tags.get("shop") == "vacant" or tags.get("vacant") == "yes"


def siret_of(tags: dict[str, str], osm_id: str, notes: list[str]) -> str | None:
    """Return the element's SIRET (ref:FR:SIRET) if valid, else None (with a note when one is given)."""
    value = _first(tags, SIRET_TAG)
    if value is None:
        return None
    try:
        siret = clean_siret(value)
    except ValidationError as error:
        why = ErrorWords(error, "siret")
        notes.append(Reason("note.siret_left_out", osm_id=osm_id, tag=SIRET_TAG, siret=repr(value), why=why))
        return None
    if not siret_checksum_valid(siret):
        why = Reason("word.siret_luhn")
        notes.append(Reason("note.siret_left_out", osm_id=osm_id, tag=SIRET_TAG, siret=repr(value), why=why))
        return None
    return siret


def shop_values(tags: dict[str, str], osm_id: str, position: Position, notes: list[str]) -> dict[str, Any]:
    """Return the shop fields the tags give (None: the tags say nothing of it); notes what is left out."""
    category = category_for_osm_tags(tags)
    street = address_part(tags, "street")
    address = " ".join(filter(None, (address_part(tags, "housenumber"), street))) if street else None
    website = _first(tags, "website", "contact:website")
    return {
        "name": tags.get("name") or tags.get("brand") or None,
        "category": category.key if category else None,
        "address": _checked("address", address, _clean_text, notes),
        "latitude": position[0],
        "longitude": position[1],
        "phone": _checked("phone", _first(tags, "phone", "contact:phone"), clean_phone, notes),
        "email": _checked("email", _first(tags, "email", "contact:email"), clean_email, notes),
        "website": _checked("website", website and _as_link(website), clean_url, notes),
        "social_links": _social_links(tags, notes),
        "opening_hours": _checked("opening_hours", tags.get("opening_hours"), _clean_text, notes),
        "delivery": _yes_no(tags.get("delivery")),
        "takeaway": _yes_no(tags.get("takeaway")),  # not click & collect, which no tag says
        "siret": siret_of(tags, osm_id, notes),
        "osm_id": osm_id,
    }
