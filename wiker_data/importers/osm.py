"""OpenStreetMap shops of one commune into the directory: Overpass API JSON or GeoJSON.

Accepted: the Overpass API's JSON (`elements`: nodes with `lat`/`lon`, ways and relations with
the `center` of `out center`) and GeoJSON as overpass-turbo exports it (tags in `properties`
or `properties.tags`; the id such as `node/123` as the feature's `id` or its `@id`/`id`
property). A Point is the position; another geometry's first ring or line stands for its
vertices' mean (a building's middle, within metres). A commune's extract is small: read whole.

Row numbers are the element's place in `elements` (or `features`), counted from 1. Each element:

- `disused:shop`/`disused:amenity`/`disused:craft`, `shop=vacant` or `vacant=yes`: closed for
  good; a shop of the store with that OpenStreetMap id gets a "closed" event, others are skipped;
- its category comes from its shop/amenity/craft tag (`categories.category_for_osm_tags`),
  elements of no category of the directory are skipped; name from `name`, else `brand`;
- phone, e-mail, website, social links, opening hours, address, `delivery`, `takeaway`: a value
  the app would refuse is left out with a note, and the shop kept. Of `a;b` the first is kept;
- updates go by OpenStreetMap id; an element whose id is not in the store is linked to a shop
  of the commune without id that is within 50 m and has a similar name (`similar_names`).

New shops get an "opened" event only on a real opening date, `start_date` (else `opening_date`):
YYYY-MM-DD, or YYYY-MM and YYYY taken as their first day (noted). Any other shop is "recorded"
(open, never counted as an opening) on the file's date (`osm3s.timestamp_osm_base`, or GeoJSON's
`timestamp`), else today. A survey, `check_date` (else `survey:date`), is never an opening: a
closure is dated by it, and one after a closure in the store reopens the shop (it was surveyed
open since). The COVID-era tags (`delivery:covid19`, ...) told of the lockdowns only and are ignored.

The data is © OpenStreetMap contributors under the ODbL: show OSM_ATTRIBUTION with it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wiker_data.categories import category_for_osm_tags
from wiker_data.importers import ImportFailed, RejectedRow
from wiker_data.importers.names import similar_names
from wiker_data.importers.osm_dates import first_event
from wiker_data.importers.overpass import overpass_failure
from wiker_data.importers.shops import Incoming, ShopPlan, ShopPlanner
from wiker_data.models import Shop
from wiker_data.services.errors import ValidationError
from wiker_data.services.validation import (
    MAX_SOCIAL_LINKS,
    TEXT_LIMITS,
    clean_email,
    clean_phone,
    clean_text,
    clean_url,
    haversine_km,
)

SOURCE = "osm"
OSM_ATTRIBUTION = "© OpenStreetMap contributors (ODbL)"
MATCH_DISTANCE_KM = 0.05
OSM_TYPES = ("node", "way", "relation")
_OSM_ID = re.compile(r"(node|way|relation)/\d{1,20}")
# Where a handle (not a link) in contact:<network> leads.
SOCIAL_NETWORKS = {
    "facebook": "https://www.facebook.com/",
    "instagram": "https://www.instagram.com/",
    "twitter": "https://twitter.com/",
    "tiktok": "https://www.tiktok.com/@",
    "youtube": "https://www.youtube.com/@",
}

Position = tuple[float, float]  # (latitude, longitude)
Element = tuple[int, str | None, dict[str, str], Position | None]  # (row, osm id, tags, position)


# Reading the file.


def _pair(latitude: object, longitude: object) -> Position | None:
    if all(isinstance(value, int | float) and not isinstance(value, bool) for value in (latitude, longitude)):
        return float(latitude), float(longitude)
    return None


def _geometry_position(geometry: object) -> Position | None:
    """Return a Point's position, or the mean of the vertices of another geometry's first ring or line."""
    points = geometry.get("coordinates") if isinstance(geometry, dict) else None
    if not points or not isinstance(points, list):
        return None
    if geometry.get("type") == "Point":
        points = [points]
    while isinstance(points[0], list) and points[0] and isinstance(points[0][0], list):
        points = points[0]
    if len(points) > 1 and points[0] == points[-1]:
        points = points[:-1]  # a closed ring repeats its first vertex
    pairs = [
        _pair(point[1], point[0]) if isinstance(point, list) and len(point) >= 2 else None for point in points
    ]
    if not pairs or None in pairs:
        return None
    return sum(p[0] for p in pairs) / len(pairs), sum(p[1] for p in pairs) / len(pairs)


def _text_tags(tags: object) -> dict[str, str]:
    if not isinstance(tags, dict):
        return {}
    return {key: value.strip() for key, value in tags.items() if isinstance(value, str)}


def _overpass_element(row: int, element: object) -> Element:
    if not isinstance(element, dict):
        return row, None, {}, None
    kind, number = element.get("type"), element.get("id")
    valid = kind in OSM_TYPES and isinstance(number, int) and not isinstance(number, bool) and number > 0
    where = element if "lat" in element else element.get("center") or {}
    position = _pair(where.get("lat"), where.get("lon")) if isinstance(where, dict) else None
    return row, f"{kind}/{number}" if valid else None, _text_tags(element.get("tags")), position


def _geojson_feature(row: int, feature: object) -> Element:
    if not isinstance(feature, dict):
        return row, None, {}, None
    properties = feature.get("properties") if isinstance(feature.get("properties"), dict) else {}
    tags = properties["tags"] if isinstance(properties.get("tags"), dict) else properties
    candidates = (feature.get("id"), properties.get("@id"), properties.get("id"))
    osm_id = next(
        (c.strip() for c in candidates if isinstance(c, str) and _OSM_ID.fullmatch(c.strip())), None
    )
    return row, osm_id, _text_tags(tags), _geometry_position(feature.get("geometry"))


def _iso_date(text: object) -> dt.date | None:
    """Return the date a "YYYY-MM-DD…" or "YYYY-MM" text starts with (the month's first day), else None."""
    found = re.match(r"(\d{4})-(\d{2})(?:-(\d{2}))?", text.strip()) if isinstance(text, str) else None
    try:
        return dt.date(int(found[1]), int(found[2]), int(found[3] or 1)) if found else None
    except ValueError:
        return None


def read_osm_file(path: str | Path) -> tuple[list[Element], dt.date | None]:
    """Return the elements of an Overpass JSON or GeoJSON file, and the date of its data (None: unknown).

    Raises ImportFailed for a file that cannot be read, is empty, not UTF-8, not JSON, holds
    neither `elements` nor `features`, or that the Overpass API reported unfinished.
    """
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise ImportFailed(path, f"cannot be read ({error.strerror or error})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFailed(path, f"is not UTF-8 text (byte {error.start}: {error.reason})") from None
    if not text.strip():
        raise ImportFailed(path, "is empty")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFailed(
            path,
            f"is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg}): is it truncated?",
        ) from None
    if isinstance(data, dict) and isinstance(data.get("elements"), list):
        if failure := overpass_failure(data):
            raise ImportFailed(path, f"is incomplete, the Overpass API reported: {failure}")
        osm3s = data.get("osm3s") if isinstance(data.get("osm3s"), dict) else {}
        elements = [_overpass_element(row, item) for row, item in enumerate(data["elements"], start=1)]
        return elements, _iso_date(osm3s.get("timestamp_osm_base"))
    if isinstance(data, dict) and isinstance(data.get("features"), list):
        features = [_geojson_feature(row, item) for row, item in enumerate(data["features"], start=1)]
        return features, _iso_date(data.get("timestamp"))
    raise ImportFailed(path, "holds neither `elements` (Overpass API JSON) nor `features` (GeoJSON)")


# From tags to shop fields.


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
    try:
        return clean(value, field)
    except ValidationError as error:
        notes.append(f"{field} {value!r} left out: {error.message(field)}")
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


def is_closed_for_good(tags: dict[str, str]) -> bool:
    """Return whether the tags say the shop closed for good (disused or vacant)."""
    disused = any(f"disused:{key}" in tags for key in ("shop", "amenity", "craft"))
    return disused or tags.get("shop") == "vacant" or tags.get("vacant") == "yes"


def shop_values(tags: dict[str, str], osm_id: str, position: Position, notes: list[str]) -> dict[str, Any]:
    """Return the shop fields the tags give (None: the tags say nothing of it); notes what is left out."""
    category = category_for_osm_tags(tags)
    street = _first(tags, "addr:street", "addr:place")
    address = " ".join(filter(None, (_first(tags, "addr:housenumber"), street))) if street else None
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
        # takeaway is tagged on food shops, where it is the walk-in form of click & collect: the
        # customer leaves with what was prepared for them. takeaway=no rules both out.
        "click_collect": _yes_no(tags.get("takeaway")),
        "osm_id": osm_id,
    }


# Matching a shop entered without its OpenStreetMap id.


def _match(candidates: list[Shop], claimed: set[int], name: str, position: Position) -> Shop | None:
    """Return the nearest unclaimed shop within MATCH_DISTANCE_KM with a similar name, if any."""
    near = [
        (distance, shop.id, shop)
        for shop in candidates
        if shop.id not in claimed
        and (distance := haversine_km(*position, shop.latitude, shop.longitude)) <= MATCH_DISTANCE_KM
        and similar_names(name, shop.name)
    ]
    return min(near, key=lambda item: item[:2])[2] if near else None


# Planning.


def _dates(tags: dict[str, str], file_date: dt.date | None, today: dt.date, notes: list[str]):
    """Return (the date the element stands for, its survey date or None), neither after today.

    A survey (`check_date`, else `survey:date`) is never an opening (osm_dates.first_event): it dates a
    closure, and is the shop's open-since date.
    """
    key = "check_date" if "check_date" in tags else "survey:date"
    surveyed = _iso_date(tags.get(key))
    if key in tags and surveyed is None:
        notes.append(f"{key} {tags[key]!r} is not a date (YYYY-MM-DD): left out")
    elif surveyed and surveyed > today:
        notes.append(f"{key} {surveyed} is in the future: left out")
        surveyed = None
    on = next((day for day in (surveyed, file_date) if day and day <= today), today)
    return on, surveyed


def plan_osm_import(
    session: Session,
    path: str | Path,
    commune: str,
    progress: Callable[[float], None] | None = None,
    today: dt.date | None = None,
) -> ShopPlan:
    """Return what importing the OpenStreetMap file of `commune` (INSEE code) would change; writes nothing.

    Raises ImportFailed (nothing is written) when the commune is not in the store or the file
    cannot be read (see read_osm_file).
    """
    plan = ShopPlan(str(path), SOURCE, "osm_id")
    planner = ShopPlanner(session, plan, today)
    commune = commune.strip().upper()
    if commune not in planner.communes():
        raise ImportFailed(
            path, f"is for commune {commune}, which is not in the store: add the commune first"
        )
    elements, file_date = read_osm_file(path)
    plan.rows = len(elements)
    unlinked = select(Shop).where(
        Shop.commune_code == commune,
        Shop.osm_id.is_(None),
        Shop.archived_at.is_(None),
        Shop.latitude.is_not(None),
        Shop.longitude.is_not(None),
    )
    candidates = list(session.scalars(unlinked))
    for row, osm_id, tags, position in elements:
        if progress is not None and row % 500 == 0:
            progress(row / len(elements))
        if osm_id is None:
            plan.rejected.append(RejectedRow(row, "no OpenStreetMap id (node/…, way/… or relation/…)"))
            continue
        known = planner.by_key.get(osm_id)
        notes: list[str] = []
        on, surveyed = _dates(tags, file_date, planner.today, notes)
        if is_closed_for_good(tags):
            if known is None:
                plan.skip("closed for good (disused or vacant), not in the store")
            else:
                planner.add(Incoming(row, known.commune_code, osm_id, {}, [("closed", on)], notes=notes))
            continue
        if category_for_osm_tags(tags) is None:
            plan.skip("no shop, amenity or craft tag of the directory")
            continue
        if position is None:
            plan.rejected.append(
                RejectedRow(row, f"{osm_id} has no position (ways and relations need `out center`)")
            )
            continue
        values = shop_values(tags, osm_id, position, notes)
        if values["name"] is None:
            plan.rejected.append(RejectedRow(row, f"{osm_id} has neither name nor brand"))
            continue
        match = None if known else _match(candidates, planner.claimed, values["name"], position)
        events = [] if known or match else [first_event(tags, file_date, planner.today, notes)]
        code = known.commune_code if known else commune
        planner.add(
            Incoming(row, code, osm_id, values, events, open_since=surveyed, notes=notes), match=match
        )
    planner.finish()
    if progress is not None:
        progress(1.0)
    return plan
