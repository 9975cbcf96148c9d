"""Whether a SIRENE establishment and a shop of the directory are the same place, and why.

Two places match when they have the same SIRET (certain), or similar names (`names.likeness`
of MATCH_RATIO or more: case, accents, punctuation, legal forms and "le/la/les" aside) and
they are within MATCH_DISTANCE_M of each other or at the same address (street, number and
postcode, written alike). Each match carries its reasons and a score, so that a person sees
why it was proposed; `Match.rank` orders the best first.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from wiker_data.importers.names import MATCH_RATIO, likeness
from wiker_data.importers.sirene_layout import REPETITIONS, STREET_TYPES
from wiker_data.services.validation import haversine_km

MATCH_DISTANCE_M = 50.0

_STREET_FILLERS = {"de", "du", "des", "la", "le", "les", "l", "d"}
_WORD = re.compile(r"\d+|[^\W\d_]+")  # "12B" is the number 12 and the letter B


def _plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def _street_words(text: str) -> str:
    return " ".join(word for word in _WORD.findall(_plain(text)) if word not in _STREET_FILLERS)


# SIRENE's abbreviations of street types (and a few more a person writes) to the word in full.
_STREET_WORDS = {_plain(short): _street_words(full) for short, full in STREET_TYPES.items()} | {
    "av": "avenue",
    "bld": "boulevard",
    "ch": "chemin",
    "fbg": "faubourg",
}
_REPETITION_WORDS = {_plain(short): full for short, full in REPETITIONS.items()} | {
    full: full for full in REPETITIONS.values()
}


@dataclass(frozen=True)
class Place:
    """What the matcher compares of a shop or an establishment."""

    name: str
    siret: str | None = None
    address: str | None = None
    postcode: str | None = None  # the commune's, when the address does not say
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class Reason:
    """Why a match was made: `kind` "siret", "name" (value: the names' likeness, 0 to 1),
    "distance" (value: metres) or "address"."""

    kind: str
    value: float | None = None


@dataclass(frozen=True)
class Match:
    """A match: its score (1 for the same SIRET, else the names' likeness) and its reasons."""

    score: float
    reasons: tuple[Reason, ...]
    distance_m: float | None = None

    @property
    def certain(self) -> bool:
        return any(reason.kind == "siret" for reason in self.reasons)

    @property
    def same_address(self) -> bool:
        return any(reason.kind == "address" for reason in self.reasons)

    def rank(self) -> tuple[bool, float, bool, float]:
        """Return the sort key that puts the best match first: the same SIRET before any name,
        then the closer names, the same address, the shorter distance."""
        distance = math.inf if self.distance_m is None else round(self.distance_m)  # as shown
        return (not self.certain, -self.score, not self.same_address, distance)


def distance_m(first: Place, second: Place) -> float | None:
    """Return the distance between two places in metres (None when either has no position)."""
    if None in (first.latitude, first.longitude, second.latitude, second.longitude):
        return None
    return haversine_km(first.latitude, first.longitude, second.latitude, second.longitude) * 1000


def address_key(address: str | None, postcode: str | None = None) -> tuple[str, str, str] | None:
    """Return (postcode, number, street) of an address written alike ("12 B, R. de la Paix, 44480
    Donges" and "12 bis rue de la Paix" give the same number and street); None without a number
    or a street. Words after the postcode (the commune's name) are left out."""
    if not address:
        return None
    words = _WORD.findall(_plain(address))
    for index, word in enumerate(words):
        if len(word) == 5 and word.isdigit():
            postcode, words = word, words[:index]
            break
    number, street = "", []
    for word in words:
        if not number and word.isdigit() and not street:
            number = word
        elif number and not street and word in _REPETITION_WORDS:
            number += " " + _REPETITION_WORDS[word]
        elif word not in _STREET_FILLERS:
            street.append(_STREET_WORDS.get(word, word))
    if not number or not street:
        return None
    return (postcode or "", number, " ".join(street))


def same_address(first: Place, second: Place) -> bool:
    """Return whether two places have the same street, number and postcode."""
    key_a, key_b = address_key(first.address, first.postcode), address_key(second.address, second.postcode)
    if key_a is None or key_b is None:
        return False
    postcodes_agree = key_a[0] == key_b[0] or "" in (key_a[0], key_b[0])
    return postcodes_agree and key_a[1:] == key_b[1:]


def match(shop: Place, establishment: Place) -> Match | None:
    """Return the match of a shop with an establishment, or None when they are not the same place."""
    distance = distance_m(shop, establishment)
    if shop.siret and shop.siret == establishment.siret:
        return Match(1.0, (Reason("siret"),), distance)
    near = distance is not None and distance <= MATCH_DISTANCE_M
    at_address = same_address(shop, establishment)
    if not (near or at_address):  # a name alone is not a place: two "Boulangerie du Port" in two streets
        return None
    ratio = likeness(shop.name, establishment.name)
    if ratio < MATCH_RATIO:
        return None
    reasons = [Reason("name", ratio)]
    if near:
        reasons.append(Reason("distance", distance))
    if at_address:
        reasons.append(Reason("address"))
    return Match(ratio, tuple(reasons), distance)
