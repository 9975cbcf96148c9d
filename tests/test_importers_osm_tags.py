"""OpenStreetMap tags that carry information beyond a shop's name and category: `ref:FR:SIRET`,
`contact:*` addresses, `takeaway`, `shop=supermarket`; and Overpass files over several communes.

Files are written as overpass-turbo exports them (GeoJSON, tags beside `@id` in `properties`) and
as the Overpass API answers (`elements`, nodes with lat/lon, ways with the `center` of `out center`).
The store is `donges_trignac` (tests/conftest.py): Donges 44052 (postcode 44480, centre 47.318844 N
2.074571 W) and Trignac 44210 (postcode 44570, centre 47.317846 N 2.187667 W), both members since
2019-01-01. One degree of latitude is 111.195 km; at 47.32° N one degree of longitude is
111.195 x cos(47.32°) = 75.40 km.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.builders import add_commune, add_shop
from tests.test_importers_sirene import establishment, stock_text
from tests.test_importers_sirene import write as write_sirene
from wiker_data.categories import category_for_osm_tags
from wiker_data.cli.main import main
from wiker_data.importers import ImportActor, osm_communes
from wiker_data.importers.osm import plan_osm_import
from wiker_data.importers.osm_communes import place_name
from wiker_data.importers.registry import ImportOptions
from wiker_data.importers.sirene import plan_sirene_import
from wiker_data.models import Commune, Shop
from wiker_data.services import write_transaction
from wiker_data.services.imports import apply_shop_plan, import_file
from wiker_data.services.validation import siret_checksum_valid

TODAY = dt.date(2024, 12, 31)
ADMIN = ImportActor("test")

# A SIRET passes Luhn's check when, doubling every other digit from the first (a doubled digit
# over 9 loses 9), the digits add up to a multiple of 10. 12345678900015:
#   doubled 1 3 5 7 9 0 1 -> 2 6 1 5 9 0 2 = 25; as they are 2 4 6 8 0 0 5 = 25; 25 + 25 = 50.
VALID_SIRET = "12345678900015"
# 12345678900016: the same, the last digit one more: 51, not a multiple of 10.
INVALID_SIRET = "12345678900016"
# La Poste (SIREN 356000000) numbers its offices so that their digits add up to a multiple of 5:
# 3+5+6 + 4+9+8+3+7 = 45. By Luhn: doubled 3 6 0 0 0 9 3 -> 6 3 0 0 0 9 6 = 24; as they are
# 5 0 0 0 4 8 7 = 24; 48: not a multiple of 10. Written with spaces, as on a shop front.
LA_POSTE_SIRET = "35600000049837"


def geojson(*features: dict) -> dict:
    return {
        "type": "FeatureCollection",
        "generator": "overpass-turbo",
        "copyright": "The data included in this document is from www.openstreetmap.org. "
        "The data is made available under ODbL.",
        "timestamp": "2024-11-30T10:15:02Z",
        "features": list(features),
    }


def feature(osm_id: str, lat: float, lon: float, **tags: str) -> dict:
    return {
        "type": "Feature",
        "properties": {"@id": osm_id, **tags},
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "id": osm_id,
    }


def overpass(*elements: dict) -> dict:
    return {
        "version": 0.6,
        "generator": "Overpass API 0.7.62.1",
        "osm3s": {
            "timestamp_osm_base": "2024-11-30T10:15:02Z",
            "copyright": "The data included in this document is from www.openstreetmap.org. "
            "The data is made available under ODbL.",
        },
        "elements": list(elements),
    }


def node(number: int, lat: float, lon: float, **tags: str) -> dict:
    return {"type": "node", "id": number, "lat": lat, "lon": lon, "tags": tags}


def way(number: int, lat: float, lon: float, **tags: str) -> dict:
    return {
        "type": "way",
        "id": number,
        "center": {"lat": lat, "lon": lon},
        "nodes": [number * 10 + i for i in (1, 2, 3, 4, 1)],
        "tags": tags,
    }


def write(tmp_path, content: dict, name: str = "export.geojson"):
    path = tmp_path / name
    path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    return path


def plan(engine, path, commune: str | None = "44052"):
    with Session(engine) as session:
        return plan_osm_import(session, path, commune, today=TODAY)


def apply(engine, path, commune: str | None = "44052"):
    with write_transaction(engine) as session:
        result = plan_osm_import(session, path, commune, today=TODAY)
        apply_shop_plan(session, result, ADMIN)
    return result


def shop_by_osm_id(engine, osm_id: str) -> Shop:
    with Session(engine) as session:
        shop = session.scalar(select(Shop).where(Shop.osm_id == osm_id))
        session.expunge(shop)
        return shop


# Supermarkets.


def test_shop_supermarket_is_a_supermarket_and_shop_convenience_a_superette():
    assert category_for_osm_tags({"shop": "supermarket"}).key == "supermarket"
    assert category_for_osm_tags({"shop": "convenience"}).key == "convenience"


@pytest.mark.parametrize(
    ("naf", "category"),
    [
        ("47.11D", "supermarket"),
        ("47.11F", "supermarket"),
        ("47.11C", "convenience"),
        ("4711D", "supermarket"),
    ],
)
def test_sirene_supermarkets_and_hypermarkets_are_supermarkets(donges_trignac, tmp_path, naf, category):
    row = establishment(
        "31234567800012",
        dateCreationEtablissement="2015-03-02",
        codeCommuneEtablissement="44052",
        dateDebut="2015-03-02",
        etatAdministratifEtablissement="A",
        enseigne1Etablissement="SUPER U",
        activitePrincipaleEtablissement=naf,
        nomenclatureActivitePrincipaleEtablissement="NAFRev2",
    )
    path = write_sirene(tmp_path, stock_text([row]))
    with Session(donges_trignac) as session:
        result = plan_sirene_import(session, path, ["44052"], today=dt.date(2026, 11, 26))
    assert [item.values["category"] for item in result.new] == [category]


def test_reimporting_a_supermarket_once_stored_as_a_superette_recategorises_it(donges_trignac, tmp_path):
    with Session(donges_trignac) as session:  # as the importer stored shop=supermarket until now
        add_shop(session, name="Super U", category="convenience", osm_id="way/61", source="osm")
        session.commit()
    content = overpass(way(61, 47.3188, -2.0745, shop="supermarket", name="Super U"))
    result = apply(donges_trignac, write(tmp_path, content, "again.json"))
    assert [change.fields["category"] for change in result.updated] == [("convenience", "supermarket")]
    assert shop_by_osm_id(donges_trignac, "way/61").category == "supermarket"


# ref:FR:SIRET.


@pytest.mark.parametrize(
    ("siret", "valid"),
    [
        (VALID_SIRET, True),
        (INVALID_SIRET, False),
        (LA_POSTE_SIRET, True),
        ("35600000049838", False),  # La Poste's SIREN, digits adding up to 46; by Luhn 49
        ("73282932000074", True),  # INSEE's own: 5+4+4+6+0+0+5 = 24 doubled, 3+8+9+2+0+0+4 = 26
    ],
)
def test_siret_checksum(siret, valid):
    assert siret_checksum_valid(siret) is valid


SIRET_FILE = geojson(
    feature(
        "node/11", 47.3190, -2.0740, shop="bakery", name="Boulangerie Morvan", **{"ref:FR:SIRET": VALID_SIRET}
    ),
    feature("node/12", 47.3192, -2.0742, amenity="post_office", name="La Poste"),  # no category: skipped
    feature(
        "node/13",
        47.3194,
        -2.0744,
        shop="newsagent",
        name="Relais Poste",
        **{"ref:FR:SIRET": "356 000 000 49837"},
    ),
    feature("node/14", 47.3196, -2.0746, shop="florist", name="Fleurs", **{"ref:FR:SIRET": INVALID_SIRET}),
)


def test_ref_fr_siret_is_stored_and_an_invalid_one_left_out_with_a_note(donges_trignac, tmp_path):
    result = apply(donges_trignac, write(tmp_path, SIRET_FILE))
    assert [item.values.get("siret") for item in result.new] == [VALID_SIRET, LA_POSTE_SIRET, None]
    assert [(note.row, note.reason) for note in result.notes] == [
        (4, f"node/14 ref:FR:SIRET {INVALID_SIRET!r} left out: not a valid SIRET (Luhn check)")
    ]
    assert shop_by_osm_id(donges_trignac, "node/13").siret == LA_POSTE_SIRET


def test_an_element_is_linked_by_siret_before_any_name_or_distance(donges_trignac, tmp_path):
    with Session(donges_trignac) as session:
        # From SIRENE, in capitals, 2 km from where OSM puts it: neither name nor distance would match.
        sirene_shop = add_shop(
            session,
            name="SARL MORVAN ET FILS",
            siret=VALID_SIRET,
            latitude=47.337,
            longitude=-2.0745,
            source="sirene",
        )
        # Beside the element, with its very name: the name and distance match, if it came first.
        add_shop(session, name="Boulangerie Morvan", latitude=47.3190, longitude=-2.0740)
        session.commit()
        sirene_id = sirene_shop.id
    result = plan(donges_trignac, write(tmp_path, SIRET_FILE))
    assert [(change.row, change.shop_id, change.linked) for change in result.updated] == [
        (1, sirene_id, True)
    ]
    assert [item.row for item in result.new] == [3, 4]


def test_a_siret_in_another_commune_of_the_store_links_there(donges_trignac, tmp_path):
    with Session(donges_trignac) as session:
        trignac_id = add_shop(
            session, "44210", name="Morvan", siret=VALID_SIRET, latitude=47.3178, longitude=-2.1877
        ).id
        session.commit()
    result = plan(donges_trignac, write(tmp_path, SIRET_FILE))
    assert [(change.shop_id, change.commune_code) for change in result.updated] == [(trignac_id, "44210")]


def test_a_siret_already_linked_to_another_osm_element_is_left_out(donges_trignac, tmp_path):
    with Session(donges_trignac) as session:
        add_shop(session, name="Morvan", siret=VALID_SIRET, osm_id="node/99")
        session.commit()
    result = plan(donges_trignac, write(tmp_path, SIRET_FILE))
    assert result.updated == []
    assert result.new[0].row == 1 and result.new[0].values.get("siret") is None
    assert (result.notes[0].row, result.notes[0].reason) == (
        1,
        f"node/11 ref:FR:SIRET {VALID_SIRET!r} left out: the SIRET of another shop of the store",
    )


def test_two_elements_with_one_siret_link_the_shop_once(donges_trignac, tmp_path):
    with Session(donges_trignac) as session:
        shop_id = add_shop(
            session, name="SARL MORVAN", siret=VALID_SIRET, latitude=47.337, longitude=-2.0745
        ).id
        session.commit()
    twin = feature("node/15", 47.3191, -2.0741, shop="bakery", name="Morvan", **{"ref:FR:SIRET": VALID_SIRET})
    result = apply(donges_trignac, write(tmp_path, geojson(SIRET_FILE["features"][0], twin)))
    assert [(change.row, change.shop_id) for change in result.updated] == [(1, shop_id)]
    assert [(item.row, item.values.get("siret")) for item in result.new] == [(2, None)]
    assert [(note.row, note.reason) for note in result.notes] == [
        (2, f"node/15 ref:FR:SIRET {VALID_SIRET!r} left out: already given by row 1")
    ]


def test_a_shop_matched_by_name_keeps_its_own_siret(donges_trignac, tmp_path):
    with Session(donges_trignac) as session:
        # 22 m south and 38 m east of the element (0.0002 x 111.195 km, 0.0005 x 75.40 km): 44 m.
        shop_id = add_shop(
            session, name="Boulangerie Morvan", siret="73282932000074", latitude=47.3188, longitude=-2.0735
        ).id
        session.commit()
    result = plan(donges_trignac, write(tmp_path, geojson(SIRET_FILE["features"][0])))
    [change] = result.updated
    assert (change.shop_id, change.linked, "siret" in change.fields) == (shop_id, True, False)
    assert [note.reason for note in result.notes] == [
        f"node/11 ref:FR:SIRET {VALID_SIRET!r} left out: the shop has SIRET 73282932000074"
    ]


# contact:* addresses.


def test_contact_address_fills_what_addr_leaves_out_field_by_field(donges_trignac, tmp_path):
    content = geojson(
        feature(  # contact:* only
            "node/21",
            47.3190,
            -2.0740,
            shop="butcher",
            name="Boucherie Halgand",
            **{"contact:housenumber": "3", "contact:street": "Rue de la Paix", "contact:postcode": "44480"},
        ),
        feature(  # addr:street wins over contact:street; the number only in contact:*
            "node/22",
            47.3192,
            -2.0742,
            shop="florist",
            name="Au Jardin",
            **{"addr:street": "Place de l'Église", "contact:street": "Rue Neuve", "contact:housenumber": "8"},
        ),
        feature(  # addr:* whole: contact:* ignored
            "node/23",
            47.3194,
            -2.0744,
            shop="books",
            name="Le Livre",
            **{
                "addr:housenumber": "1",
                "addr:street": "Rue du Port",
                "contact:housenumber": "99",
                "contact:street": "Rue Fausse",
            },
        ),
    )
    result = plan(donges_trignac, write(tmp_path, content))
    assert [item.values.get("address") for item in result.new] == [
        "3 Rue de la Paix",
        "8 Place de l'Église",
        "1 Rue du Port",
    ]


# takeaway.


def test_takeaway_is_its_own_trade_mode_not_click_and_collect(donges_trignac, tmp_path):
    content = geojson(
        feature("node/41", 47.3190, -2.0740, amenity="fast_food", name="Pizza Bella", takeaway="only"),
        feature("node/42", 47.3192, -2.0742, amenity="restaurant", name="L'Escale", takeaway="no"),
    )
    apply(donges_trignac, write(tmp_path, content))
    shops = [shop_by_osm_id(donges_trignac, osm_id) for osm_id in ("node/41", "node/42")]
    assert [(shop.takeaway, shop.click_collect) for shop in shops] == [(True, False), (False, False)]


# A file over several communes.


@pytest.mark.parametrize(
    ("written", "compared"),
    [
        ("St-Nazaire", "saint nazaire"),
        ("SAINT NAZAIRE", "saint nazaire"),
        ("Saint-Nazaire", "saint nazaire"),
        ("Ste-Reine-de-Bretagne", "sainte reine de bretagne"),
        ("PONTCHÂTEAU", "pontchateau"),
        ("Saint-André-des-Eaux", "saint andre des eaux"),
        ("L'Île-d'Yeu", "l ile d yeu"),
    ],
)
def test_commune_names_compare_without_accents_case_hyphens_or_abbreviations(written, compared):
    assert place_name(written) == compared


@pytest.fixture
def three_communes(donges_trignac):
    """Donges and Trignac, members, and Saint-Nazaire (44184), in the store but not a member."""
    with Session(donges_trignac) as session:
        add_commune(
            session,
            "44184",
            "Saint-Nazaire",
            postal_code="44600",
            latitude=47.2735,
            longitude=-2.2138,
            joined_on=None,
        )
        session.commit()
    return donges_trignac


# Distances, with 111.195 km a degree of latitude and 75.40 km a degree of longitude:
SEVERAL = overpass(
    # 47.3188 N 2.1400 W: from Trignac's centre 0.0477 x 75.40 = 3.6 km, from Donges' 0.0654 x 75.40
    # = 4.9 km; its address names Donges.
    node(
        31,
        47.3188,
        -2.1400,
        shop="bakery",
        name="Fournil de l'Estuaire",
        **{"addr:postcode": "44480", "addr:city": "Donges"},
    ),
    # A building's centre, its contact:* address naming Trignac in capitals.
    way(
        32,
        47.3180,
        -2.1880,
        amenity="restaurant",
        name="Le Brivet",
        **{"contact:postcode": "44570", "contact:city": "TRIGNAC"},
    ),
    # No address, 0.0054 x 75.40 = 0.41 km from Donges' centre (8.1 km from Trignac's).
    node(33, 47.3188, -2.0800, shop="hairdresser", name="Coiff'Estuaire"),
    # No address, 47.28 N 2.20 W: Saint-Nazaire's centre is 1.3 km away (0.0065 x 111.195 = 0.72 km,
    # 0.0138 x 75.40 = 1.04 km) but it is not a member; Trignac's is 4.3 km (4.21 and 0.93 km).
    node(34, 47.2800, -2.2000, shop="florist", name="Fleurs des Marais"),
    # 0.27 degree north of Donges' centre: 0.27 x 111.195 = 30.0 km from it, more from the others.
    node(35, 47.5888, -2.0746, shop="books", name="Librairie du Lac"),
    # Its address names Saint-Nazaire, written "St-Nazaire": in the store, if not a member.
    node(36, 47.2740, -2.2140, shop="optician", name="Optique du Port", **{"addr:city": "St-Nazaire"}),
)


def test_without_a_commune_each_element_goes_to_the_commune_its_address_names_or_the_nearest(
    three_communes, tmp_path
):
    result = apply(three_communes, write(tmp_path, SEVERAL, "several.json"), commune=None)
    assert [(item.row, item.values["commune_code"]) for item in result.new] == [
        (1, "44052"),  # named by addr:postcode/addr:city, though Trignac's centre is nearer
        (2, "44210"),  # named by contact:city
        (3, "44052"),  # nearest member centre
        (4, "44210"),  # nearest member centre: Saint-Nazaire's is nearer, but it is not a member
        (6, "44184"),  # named, "St" read as "Saint"
    ]
    assert [str(row) for row in result.rejected] == [
        "row 5: node/35: no commune of the store named by addr:postcode/addr:city and no member commune "
        "centre within 15 km"
    ]
    with Session(three_communes) as session:
        assert session.scalar(select(Shop.commune_code).where(Shop.osm_id == "way/32")) == "44210"


@pytest.mark.parametrize("left_on", [dt.date(2024, 6, 30), TODAY])  # out from the day it left
def test_a_commune_that_left_the_network_is_no_nearest_member(three_communes, tmp_path, left_on):
    with write_transaction(three_communes) as session:
        session.get(Commune, "44210").left_on = left_on
    result = plan(three_communes, write(tmp_path, overpass(SEVERAL["elements"][3]), "one.json"), commune=None)
    # Donges' centre is 10.4 km away (0.0388 x 111.195 = 4.32 km, 0.1254 x 75.40 = 9.46 km)
    assert [item.values["commune_code"] for item in result.new] == ["44052"]


def test_with_a_commune_elements_whose_address_names_another_are_outside_it(three_communes, tmp_path):
    result = plan(three_communes, write(tmp_path, SEVERAL, "several.json"), commune="44052")
    # rows 2 (Trignac) and 6 (Saint-Nazaire) name another commune of the store; the others are the
    # file's commune's as before, row 5 without its position (30 km from the centre)
    assert [(item.row, item.values["commune_code"]) for item in result.new] == [
        (1, "44052"),
        (3, "44052"),
        (4, "44052"),
        (5, "44052"),
    ]
    assert (result.outside, result.skipped) == (2, {})  # counted apart: outside the chosen communes
    assert result.new[3].values.get("latitude") is None


def test_command_imports_a_file_over_several_communes_without_commune(three_communes, tmp_path, capsys):
    path = write(tmp_path, SEVERAL, "several.json")
    assert main(["import", "osm", str(path)]) == 0
    output = capsys.readouterr().out
    assert "new: 5, updated: 0, unchanged: 0, rejected: 1" in output
    with Session(three_communes) as session:
        codes = session.scalars(
            select(Shop.commune_code).where(Shop.osm_id.is_not(None)).order_by(Shop.osm_id)
        )
        # node/31, node/33, node/34, node/36, way/32
        assert list(codes) == ["44052", "44052", "44210", "44184", "44210"]


def test_a_siret_of_an_element_left_out_may_be_given_by_a_later_one(three_communes, tmp_path):
    # Row 1 names Trignac: outside the chosen commune, Donges; row 2, with the same SIRET, is kept.
    trignac = node(51, 47.3180, -2.1880, shop="bakery", name="Morvan", **{"addr:city": "Trignac"})
    trignac["tags"]["ref:FR:SIRET"] = VALID_SIRET
    donges = node(52, 47.3190, -2.0740, shop="bakery", name="Morvan", **{"ref:FR:SIRET": VALID_SIRET})
    result = plan(three_communes, write(tmp_path, overpass(trignac, donges), "two.json"), commune="44052")
    assert [(item.row, item.values["siret"]) for item in result.new] == [(2, VALID_SIRET)]
    assert result.notes == []


def test_the_app_imports_a_file_over_several_communes_when_no_commune_is_chosen(three_communes, tmp_path):
    path = write(tmp_path, SEVERAL, "several.json")
    with write_transaction(three_communes) as session:
        summary = import_file(session, ADMIN, "osm", path, ImportOptions(commune=None))
    assert summary.created == 5  # rows 1, 2, 3, 4 and 6; row 5 is 30 km from every centre


@pytest.mark.parametrize(
    ("code", "postcode", "inside"),
    [
        ("44052", "44480", True),  # Donges
        ("44052", "45480", False),
        ("2A004", "20000", True),  # Ajaccio: Corsica's postcodes start 20, its codes 2A or 2B
        ("2B033", "20200", True),  # Bastia
        ("97411", "97400", True),  # Saint-Denis (La Réunion): three digits overseas
        ("97105", "97400", False),  # Basse-Terre (Guadeloupe) is another département
    ],
)
def test_a_postcode_names_the_departement_of_homonyms(code, postcode, inside):
    assert osm_communes._in_departement_of(code, postcode) is inside


def test_with_a_commune_an_element_whose_city_is_not_in_the_store_is_outside_it(three_communes, tmp_path):
    # A Donges import of a file that also holds a Nantes shop (Nantes is not in the store) and one
    # with no address: the first is outside the chosen commune, the second is Donges' as before.
    content = overpass(
        node(71, 47.2133, -1.5536, shop="books", name="Librairie Coiffard", **{"addr:city": "Nantes"}),
        node(72, 47.3190, -2.0750, shop="books", name="Librairie de l'Estuaire"),
        node(73, 47.3191, -2.0751, shop="florist", name="Fleurs d'Estuaire", **{"addr:city": "DONGES"}),
    )
    result = plan(three_communes, write(tmp_path, content, "mixed.json"), commune="44052")
    assert [item.row for item in result.new] == [2, 3]
    assert result.outside == 1
