"""OpenStreetMap shops of one commune, or of several, into the directory: Overpass API JSON or GeoJSON.

Accepted: the Overpass API's JSON (`elements`: nodes with `lat`/`lon`, ways and relations with
the `center` of `out center`) and GeoJSON as overpass-turbo exports it (tags in `properties`
or `properties.tags`; the id such as `node/123` as the feature's `id` or its `@id`/`id`
property). A Point is the position; another geometry's first ring or line stands for its
vertices' mean (a building's middle, within metres). A commune's extract is small: read whole.

Row numbers are the element's place in `elements` (or `features`), counted from 1. Each element:

- `disused:shop`/`disused:amenity`/`disused:craft`, `shop=vacant` or `vacant=yes`: closed for
  good; a shop of the store with that OpenStreetMap id gets a "closed" event, others are skipped;
- elements of no category of the directory are skipped; the shop's fields come from the tags
  (`osm_tags`: a value the app would refuse is left out with a note, and the shop kept);
- its commune: the one chosen (an element whose address names another commune, of the store or
  not, is counted outside it), or for a file over several communes the one its address names, else the nearest
  member commune (`osm_communes`); an element of none is rejected;
- updates go by OpenStreetMap id; an element whose id is not in the store is linked to the shop
  without OpenStreetMap id that has its `ref:FR:SIRET` (in any commune of the store), else to a
  shop of its commune without id that is within 50 m and has a similar name (`similar_names`).
  A SIRET is one shop's: one given by an earlier row, or by another shop, is left out with a note.

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
import re
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from wiker_data.categories import category_for_osm_tags
from wiker_data.importers import ImportFailed, Reason, RejectedRow
from wiker_data.importers.json_input import read_json
from wiker_data.importers.names import similar_names
from wiker_data.importers.osm_communes import NEAREST_KM, CommuneFinder
from wiker_data.importers.osm_dates import first_event
from wiker_data.importers.osm_tags import SIRET_TAG, Position, is_closed_for_good, shop_values
from wiker_data.importers.overpass import overpass_failure
from wiker_data.importers.shops import Incoming, ShopPlan, ShopPlanner
from wiker_data.models import Shop
from wiker_data.services.validation import haversine_km

SOURCE = "osm"
OSM_ATTRIBUTION = "© OpenStreetMap contributors (ODbL)"
MATCH_DISTANCE_KM = 0.05
OSM_TYPES = ("node", "way", "relation")
_OSM_ID = re.compile(r"(node|way|relation)/\d{1,20}")

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
    data = read_json(path)
    if isinstance(data, dict) and isinstance(data.get("elements"), list):
        if failure := overpass_failure(data):
            raise ImportFailed(path, Reason("problem.overpass_incomplete", failure=failure))
        osm3s = data.get("osm3s") if isinstance(data.get("osm3s"), dict) else {}
        elements = [_overpass_element(row, item) for row, item in enumerate(data["elements"], start=1)]
        return elements, _iso_date(osm3s.get("timestamp_osm_base"))
    if isinstance(data, dict) and isinstance(data.get("features"), list):
        features = [_geojson_feature(row, item) for row, item in enumerate(data["features"], start=1)]
        return features, _iso_date(data.get("timestamp"))
    raise ImportFailed(path, Reason("problem.not_osm"))


# Matching a shop entered without its OpenStreetMap id: by SIRET, else by name and distance.


class _Sirets:
    """The SIRETs of the store's shops, and those the file gave so far: which shop an element's
    SIRET links it to, and which SIRETs must be left out (a SIRET is one shop's)."""

    def __init__(self, session: Session):
        query = select(Shop.id, Shop.siret, Shop.osm_id, Shop.archived_at).where(Shop.siret.is_not(None))
        rows = list(session.execute(query))
        self.owner = {
            siret: (id_, osm_id is None and archived is None) for id_, siret, osm_id, archived in rows
        }
        self.of_shop = {shop_id: siret for shop_id, siret, _, _ in rows}
        self.given: dict[str, int] = {}  # SIRET: the row of the file that gave it

    def _leave_out(self, values: dict, osm_id: str, notes: list[str], why: str) -> None:
        notes.append(
            Reason("note.siret_left_out", osm_id=osm_id, tag=SIRET_TAG, siret=repr(values["siret"]), why=why)
        )
        values["siret"] = None

    def link(self, session: Session, values: dict, row: int, osm_id: str, claimed: set[int] | None, notes):
        """Return the shop without OpenStreetMap id that has the element's SIRET, if any (none when
        `claimed` is None: the element is in the store already); leaves the SIRET out (with a note)
        when another row gave it or a shop linked to OpenStreetMap has it."""
        siret = values["siret"]
        if siret is None:
            return None
        if siret in self.given:
            self._leave_out(values, osm_id, notes, Reason("word.siret_given_by_row", row=self.given[siret]))
            return None
        self.given[siret] = row
        if claimed is None or siret not in self.owner:
            return None
        shop_id, linkable = self.owner[siret]
        if linkable and shop_id not in claimed:
            return session.get(Shop, shop_id)
        self._leave_out(values, osm_id, notes, Reason("word.siret_of_another_shop"))
        return None

    def release(self, values: dict, row: int) -> None:
        """Forget the SIRET of a row left out of the plan after all: a later row may give it."""
        if values["siret"] is not None and self.given.get(values["siret"]) == row:
            del self.given[values["siret"]]

    def check(self, values: dict, osm_id: str, shop_id: int | None, notes: list[str]) -> None:
        """Leave the SIRET out (with a note) when it is another shop's, or the shop has another."""
        siret = values["siret"]
        if siret is None or shop_id is None:
            return
        owner = self.owner.get(siret, (shop_id,))[0]
        if owner != shop_id:
            self._leave_out(values, osm_id, notes, Reason("word.siret_of_another_shop"))
        elif self.of_shop.get(shop_id, siret) != siret:
            self._leave_out(values, osm_id, notes, Reason("word.shop_has_siret", siret=self.of_shop[shop_id]))


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
        notes.append(Reason("note.survey_not_a_date", tag=key, text=repr(tags[key])))
    elif surveyed and surveyed > today:
        notes.append(Reason("note.survey_in_future", tag=key, date=surveyed))
        surveyed = None
    on = next((day for day in (surveyed, file_date) if day and day <= today), today)
    return on, surveyed


def _candidates(session: Session, commune: str) -> list[Shop]:
    """Return the shops of the commune without OpenStreetMap id that have a position."""
    unlinked = select(Shop).where(
        Shop.commune_code == commune,
        Shop.osm_id.is_(None),
        Shop.archived_at.is_(None),
        Shop.latitude.is_not(None),
        Shop.longitude.is_not(None),
    )
    return list(session.scalars(unlinked))


def plan_osm_import(
    session: Session,
    path: str | Path,
    commune: str | None = None,
    progress: Callable[[float], None] | None = None,
    today: dt.date | None = None,
) -> ShopPlan:
    """Return what importing the OpenStreetMap file would change; writes nothing.

    With `commune` (INSEE code) the file is that commune's: an element whose address names another
    commune, of the store or not, is counted outside it. Without, each element goes to the commune of
    the store its address names, else to the nearest member commune within 15 km (`osm_communes`),
    else is rejected.
    Raises ImportFailed (nothing is written) when the commune is not in the store or the file
    cannot be read (see read_osm_file).
    """
    plan = ShopPlan(str(path), SOURCE, "osm_id")
    planner = ShopPlanner(session, plan, today)
    commune = commune.strip().upper() if commune else None
    if commune is not None and commune not in planner.communes():
        raise ImportFailed(path, Reason("problem.osm_commune_not_in_store", commune=commune))
    elements, file_date = read_osm_file(path)
    plan.rows = len(elements)
    finder = CommuneFinder(session, planner.today)
    sirets = _Sirets(session)
    candidates: dict[str, list[Shop]] = {}
    for row, osm_id, tags, position in elements:
        if progress is not None and row % 500 == 0:
            progress(row / len(elements))
        if osm_id is None:
            plan.rejected.append(RejectedRow(row, Reason("reason.no_osm_id")))
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
            plan.rejected.append(RejectedRow(row, Reason("reason.osm_no_position", osm_id=osm_id)))
            continue
        values = shop_values(tags, osm_id, position, notes)
        if values["name"] is None:
            plan.rejected.append(RejectedRow(row, Reason("reason.osm_no_name", osm_id=osm_id)))
            continue
        by_siret = sirets.link(session, values, row, osm_id, None if known else planner.claimed, notes)
        code = known.commune_code if known else by_siret.commune_code if by_siret else None
        if code is None:
            if commune is not None and finder.names_another(tags, commune):
                sirets.release(values, row)
                plan.outside += 1  # its address names another commune, of the store or not
                continue
            code = commune or finder.named(tags) or finder.nearest(position)
            if code is None:
                sirets.release(values, row)
                plan.rejected.append(
                    RejectedRow(row, Reason("reason.osm_no_commune", osm_id=osm_id, km=f"{NEAREST_KM:g}"))
                )
                continue
        if known or by_siret:
            match = by_siret
        else:
            if code not in candidates:
                candidates[code] = _candidates(session, code)
            match = _match(candidates[code], planner.claimed, values["name"], position)
        sirets.check(values, osm_id, known.id if known else match.id if match else None, notes)
        events = [] if known or match else [first_event(tags, file_date, planner.today, notes)]
        planner.add(Incoming(row, code, osm_id, values, events, seen_open=surveyed, notes=notes), match=match)
    planner.finish()
    if progress is not None:
        progress(1.0)
    return plan
