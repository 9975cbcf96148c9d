"""The matcher of the reconciliation (wiker_data/importers/matching.py): same SIRET, or a similar
name within 50 m or at the same address, with the reasons and the score of each match.

Distances by hand: the store's haversine uses a mean Earth radius of 6,371,008.8 m, so one degree
of latitude is 6,371,008.8 × π / 180 = 111,195.08 m; d metres due north is d / 111,195.08 degrees.
"""

from __future__ import annotations

import pytest

from wiker_data.importers.matching import (
    MATCH_DISTANCE_M,
    Place,
    Reason,
    address_key,
    distance_m,
    match,
    same_address,
)

METRES_PER_DEGREE = 111_195.08
LAT, LON = 47.3188, -2.0746  # Donges town hall


def north(metres: float) -> float:
    """Return the latitude `metres` due north of LAT."""
    return LAT + metres / METRES_PER_DEGREE


def test_distance_due_north_is_the_latitude_offset():
    first = Place("a", latitude=LAT, longitude=LON)
    second = Place("b", latitude=north(18), longitude=LON)
    assert distance_m(first, second) == pytest.approx(18.0, abs=0.01)
    assert distance_m(first, Place("c")) is None  # no position, no distance


@pytest.mark.parametrize(
    ("first", "second", "alike"),
    [
        ("12 B, R. de la Paix, 44480 Donges", "12 bis rue de la Paix", True),  # abbreviations, commune
        ("12B rue de la Paix", "12 bis, Rue de la Paix", True),  # the letter glued to the number
        ("3 place de l'Église", "3 PL DE L EGLISE", True),  # accents, SIRENE's PL
        ("12 rue de la Paix", "14 rue de la Paix", False),  # another number
        ("12 rue de la Paix", "12 bis rue de la Paix", False),  # bis is another door
        ("12 rue de la Paix, 44480 Donges", "12 rue de la Paix, 44570 Trignac", False),  # postcodes
        ("rue de la Paix", "rue de la Paix", False),  # a street without a number is not an address
    ],
)
def test_same_address_is_street_number_and_postcode_written_alike(first, second, alike):
    assert same_address(Place("x", address=first, postcode="44480"), Place("y", address=second)) is alike


def test_address_key_leaves_out_the_commune_after_the_postcode():
    assert address_key("12 B, R. de la Paix, 44480 Donges") == ("44480", "12 bis", "rue paix")
    assert address_key("12 rue de la Paix", "44480") == ("44480", "12", "rue paix")


def test_the_same_name_at_the_same_place_matches_with_its_reasons():
    shop = Place("Bar du Port", address="5 quai de la Marine", latitude=LAT, longitude=LON, postcode="44480")
    sirene = Place(
        "BAR DU PORT",
        siret="31234567800095",
        address="5 QUAI DE LA MARINE",
        latitude=north(18),
        longitude=LON,
    )
    found = match(shop, sirene)
    # Both names are the words "bar port" once case and "du" are left out: likeness 1.
    assert found.score == 1.0
    assert [reason.kind for reason in found.reasons] == ["name", "distance", "address"]
    assert found.reasons[1].value == pytest.approx(18.0, abs=0.01)


def test_legal_forms_and_articles_do_not_count_in_names():
    shop = Place("Boulangerie du Fournil", latitude=LAT, longitude=LON)
    sirene = Place("SARL BOULANGERIE LE FOURNIL", latitude=LAT, longitude=LON)
    assert match(shop, sirene).score == 1.0  # both "boulangerie fournil"


def test_name_likeness_is_difflibs_ratio_of_the_plain_names():
    shop = Place("Boulangerie Martin", latitude=LAT, longitude=LON)
    sirene = Place("BOULANGERIE MARTINE", latitude=LAT, longitude=LON)
    # "boulangerie martin" (18 letters and spaces) is all in "boulangerie martine" (19):
    # ratio = 2 × 18 / (18 + 19) = 0.97297...
    assert match(shop, sirene).reasons[0] == Reason("name", pytest.approx(36 / 37))


def test_a_different_name_next_door_does_not_match():
    # "bar port" (8) and "tabac port" (10) share " port" and "ba": 7 characters,
    # ratio 2 × 7 / 18 = 0.78, under 0.8.
    shop = Place("Bar du Port", latitude=LAT, longitude=LON)
    assert match(shop, Place("TABAC DU PORT", latitude=LAT, longitude=LON)) is None


@pytest.mark.parametrize(("metres", "matches"), [(49, True), (51, False)])
def test_a_similar_name_matches_within_50_m_only(metres, matches):
    assert MATCH_DISTANCE_M == 50
    shop = Place("Bar du Port", address="5 quai de la Marine", latitude=LAT, longitude=LON)
    sirene = Place("BAR DU PORT", address="7 quai de la Marine", latitude=north(metres), longitude=LON)
    assert (match(shop, sirene) is not None) is matches


def test_a_similar_name_at_the_same_address_matches_without_positions():
    shop = Place("Bar du Port", address="5 quai de la Marine")
    found = match(shop, Place("BAR DU PORT", address="5 QUAI DE LA MARINE"))
    assert [reason.kind for reason in found.reasons] == ["name", "address"]
    assert found.distance_m is None


def test_the_same_siret_is_certain_and_beats_any_name():
    sirene = Place("BAR DU PORT", siret="31234567800095", latitude=LAT, longitude=LON)
    by_siret = match(Place("Chez Paulo", siret="31234567800095"), sirene)  # renamed, no position
    by_name = match(Place("Bar du Port", latitude=LAT, longitude=LON), sirene)  # likeness 1, 0 m
    assert by_siret.reasons == (Reason("siret"),) and by_siret.score == 1.0
    assert by_name.score == 1.0
    assert sorted([by_name, by_siret], key=lambda found: found.rank()) == [by_siret, by_name]


def test_distances_rank_in_whole_metres_as_they_are_shown():
    shop = Place("Bar du Port", latitude=LAT, longitude=LON)
    at = {
        metres: match(shop, Place("BAR DU PORT", latitude=north(metres), longitude=LON))
        for metres in (17, 18.2, 18.4)
    }
    assert at[18.2].rank() == at[18.4].rank()  # both "à 18 m": the next key decides
    assert at[17].rank() < at[18.2].rank()
