"""Which commune of the store an OpenStreetMap element belongs to, for a file over several communes.

The commune its address names (`addr:city`, else `contact:city`: a postcode alone is shared by
several communes in France, so it only chooses between communes of one name), else the member
commune (joined the network, not left it) whose centre is nearest, within NEAREST_KM.
Names compare without accents, case, hyphens or apostrophes, "St"/"Ste" read as "Saint"/"Sainte".
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from wiker_data.importers.osm_tags import address_part
from wiker_data.models import Commune
from wiker_data.services.validation import haversine_km

NEAREST_KM = 15.0
_SAINT = {"st": "saint", "ste": "sainte"}


def place_name(name: str) -> str:
    """Return a commune's name compared: "St-Nazaire", "SAINT NAZAIRE", "Saint-Nazaire" give one."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    words = re.findall(r"[^\W_]+", plain.casefold())
    return " ".join(_SAINT.get(word, word) for word in words)


def _in_departement_of(code: str, postcode: str) -> bool:
    """Return whether the commune (INSEE code) is in the département a postcode starts with: its
    first two digits, three overseas (971..976), and 20 for Corsica's 2A and 2B."""
    if postcode.startswith("97"):
        return code[:3] == postcode[:3]
    if postcode.startswith("20"):
        return code[:2] in ("2A", "2B")
    return code[:2] == postcode[:2]


@dataclass(frozen=True)
class _Commune:
    code: str
    postal_code: str | None
    centre: tuple[float, float] | None
    member: bool


class CommuneFinder:
    """The communes of the store, to find the one of each element."""

    def __init__(self, session: Session, today: dt.date):
        self.by_name: dict[str, list[_Commune]] = {}
        self.members: list[_Commune] = []
        self.names: dict[str, str] = {}  # code -> the name as place_name compares it
        query = select(
            Commune.code,
            Commune.name,
            Commune.postal_code,
            Commune.latitude,
            Commune.longitude,
            Commune.joined_on,
            Commune.left_on,
        )
        for code, name, postal_code, lat, lon, joined_on, left_on in session.execute(query):
            centre = (lat, lon) if lat is not None and lon is not None else None
            member = joined_on is not None and joined_on <= today and (left_on is None or left_on > today)
            commune = _Commune(code, postal_code, centre, member)
            self.by_name.setdefault(place_name(name), []).append(commune)
            self.names[code] = place_name(name)
            if member and centre is not None:
                self.members.append(commune)

    def names_another(self, tags: dict[str, str], code: str) -> bool:
        """Return whether the address names a city other than commune `code`, in the store or not."""
        city = address_part(tags, "city")
        return bool(city) and place_name(city) != self.names.get(code)

    def named(self, tags: dict[str, str]) -> str | None:
        """Return the code of the store's commune the address names (city, with its postcode), else None."""
        city = address_part(tags, "city")
        found = self.by_name.get(place_name(city), []) if city else []
        postcode = address_part(tags, "postcode")
        if len(found) > 1 and postcode:  # homonyms: the postcode, else its département, chooses
            found = [c for c in found if c.postal_code == postcode] or [
                c for c in found if _in_departement_of(c.code, postcode)
            ]
        return found[0].code if len(found) == 1 else None

    def nearest(self, position: tuple[float, float] | None) -> str | None:
        """Return the code of the member commune whose centre is nearest, within NEAREST_KM, else None."""
        if position is None:
            return None
        near = [
            (distance, commune.code)
            for commune in self.members
            if (distance := haversine_km(*position, *commune.centre)) <= NEAREST_KM
        ]
        return min(near)[1] if near else None

    def commune_of(self, tags: dict[str, str], position: tuple[float, float] | None) -> str | None:
        """Return the code of the element's commune: named by its address, else the nearest member."""
        return self.named(tags) or self.nearest(position)
