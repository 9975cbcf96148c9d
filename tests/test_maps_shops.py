import json
import math

import folium
import pandas as pd
import pytest
from folium.map import FitBounds
from folium.plugins import MarkerCluster

from wiker_data.maps.shops import (
    CLUSTER_THRESHOLD,
    INPUT_COLUMNS,
    STATUSES,
    Legend,
    ShopLayer,
    build_shop_map,
)

COLUMNS = list(INPUT_COLUMNS)
MARKERCLUSTER_JS = (
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/leaflet.markercluster.js"
)
SPIDERFIER_JS = "https://cdnjs.cloudflare.com/ajax/libs/OverlappingMarkerSpiderfier-Leaflet/0.2.6/oms.min.js"

# Row layout (wiker_data.maps.shops.ROW_FIELDS): lat, lon, category, status, modes, hours, name, address, ...
LAT, LON, CATEGORY, STATUS, MODES, HOURS, NAME, ADDRESS, PHONE, WEBSITE, ONLINE_SHOP = range(11)


def shop(name, category="bakery", latitude=47.31, longitude=-2.07, **fields):
    values = dict.fromkeys(COLUMNS)
    values.update(
        id=len(name),
        name=name,
        category=category,
        address="1 rue de la Gare, 44480 Donges",
        latitude=latitude,
        longitude=longitude,
        in_store=True,
        click_collect=False,
        delivery=False,
        appointment=False,
        online_shop=False,
        takeaway=False,
        status="open",
    )
    values.update(fields)
    return values


def frame(*shops):
    return pd.DataFrame(list(shops), columns=COLUMNS)


def three_shops():
    return frame(
        shop("Boulangerie Martin", "bakery", 47.30, -2.08),
        shop("Pharmacie du Port", "pharmacy", 47.32, -2.06),
        shop("Boucherie Lenoir", "butcher", 47.31, -2.07, status="closed"),
    )


def child(shop_map, kind):
    return next(c for c in shop_map._children.values() if isinstance(c, kind))


def payload(shop_map):
    return json.loads(child(shop_map, ShopLayer).payload)


def rows_by_name(shop_map):
    return {row[NAME]: row for row in payload(shop_map)["r"]}


def elements(element):
    yield element
    for sub in element._children.values():
        yield from elements(sub)


@pytest.fixture
def st_folium_args(monkeypatch):
    """Return a function that passes a map to st_folium and gives back what it sends to the browser."""
    streamlit_folium = pytest.importorskip("streamlit_folium")
    captured = {}
    monkeypatch.setattr(streamlit_folium, "_component_func", lambda **kwargs: captured.update(kwargs))

    def send(shop_map):
        streamlit_folium.st_folium(shop_map, returned_objects=[])
        return captured

    return send


def test_each_shop_becomes_one_row_coloured_by_its_family():
    data = payload(build_shop_map(three_shops(), "fr"))
    assert len(data["r"]) == 3
    seen = {row[NAME]: (data["c"][row[CATEGORY]][1], STATUSES[row[STATUS]]) for row in data["r"]}
    assert seen == {
        "Boulangerie Martin": ("#E69F00", "open"),
        "Pharmacie du Port": ("#009E73", "open"),
        "Boucherie Lenoir": ("#E69F00", "closed"),
    }


def test_row_carries_position_and_trade_modes():
    shops = frame(shop("Épicerie Lucas", "grocery", 47.318812, -2.074567, delivery=True, online_shop=True))
    row = rows_by_name(build_shop_map(shops, "fr"))["Épicerie Lucas"]
    assert row[LAT] == 47.31881
    assert row[LON] == -2.07457
    assert row[MODES] == 1 + 4 + 16  # in_store, delivery, online_shop


def test_takeaway_is_the_sixth_bit_and_the_first_five_keep_theirs():
    shops = frame(shop("Pizza Bella", "fast_food", takeaway=True, click_collect=True))
    row = rows_by_name(build_shop_map(shops, "fr"))["Pizza Bella"]
    assert row[MODES] == 1 + 2 + 32  # in_store (bit 0), click_collect (bit 1), takeaway (bit 5)


def test_shop_without_coordinates_is_skipped():
    shops = frame(
        *three_shops().to_dict("records"),
        shop("Sans latitude", latitude=None),
        shop("Sans longitude", longitude=math.nan),
    )
    assert sorted(rows_by_name(build_shop_map(shops, "fr"))) == [
        "Boucherie Lenoir",
        "Boulangerie Martin",
        "Pharmacie du Port",
    ]


def test_minimal_columns_are_enough():
    shops = pd.DataFrame(
        {"name": ["Tabac"], "category": ["tobacco"], "latitude": [47.3], "longitude": [-2.0]}
    )
    assert rows_by_name(build_shop_map(shops, "fr"))["Tabac"][STATUS] == 0


@pytest.mark.parametrize(
    ("lang", "labels"),
    [
        ("fr", ["Alimentation", "Santé", "Fermé (contour gris)"]),
        ("en", ["Food", "Health", "Closed (grey outline)"]),
    ],
)
def test_legend_lists_the_families_shown_in_the_language(lang, labels):
    shop_map = build_shop_map(three_shops(), lang)
    legend = child(shop_map, Legend)
    assert [label for label, _, _ in legend.entries] == labels
    assert [colour for _, colour, hollow in legend.entries if not hollow] == ["#E69F00", "#009E73"]
    html = shop_map.get_root().render()
    assert all(label in html for label in labels)
    assert "Mode et accessoires" not in html and "Fashion" not in html


def test_legend_names_temporary_closure_when_shown():
    shops = frame(shop("Coiffure Anna", "hairdresser", status="temporarily_closed"))
    legend = child(build_shop_map(shops, "fr"), Legend)
    assert [label for label, _, _ in legend.entries] == ["Beauté et soins", "Fermé temporairement"]


@pytest.mark.parametrize(
    ("lang", "category", "status", "labels", "modes"),
    [
        (
            "fr",
            "Boulangerie-pâtisserie",
            "Fermé",
            {"p": "Tél.", "w": "Site web", "o": "Boutique en ligne", "m": "Modes de vente", "h": "Horaires"},
            [
                "En magasin",
                "Click &amp; collect",
                "Livraison",
                "Sur rendez-vous",
                "Boutique en ligne",
                "À emporter",
            ],
        ),
        (
            "en",
            "Bakery",
            "Closed",
            {"p": "Phone", "w": "Website", "o": "Online shop", "m": "Trade modes", "h": "Opening hours"},
            ["In store", "Click &amp; collect", "Delivery", "By appointment", "Online shop", "Takeaway"],
        ),
    ],
)
def test_popup_labels_are_translated(lang, category, status, labels, modes):
    data = payload(build_shop_map(three_shops(), lang))
    assert data["c"][0][0] == category
    assert data["s"][STATUSES.index("closed")] == status
    assert data["l"] == labels
    assert data["m"] == modes


def test_opening_hours_are_in_words_one_line_per_run_of_days_and_sent_once():
    hours = "Mo-Sa 09:00-19:00; Su 09:00-12:00"
    shops = frame(shop("A", opening_hours=hours), shop("B", opening_hours=hours), shop("C"))
    data = payload(build_shop_map(shops, "fr"))
    rows = {row[NAME]: row for row in data["r"]}
    assert data["h"] == ["", "lun.–sam. 09:00–19:00\ndim. 09:00–12:00"]
    assert (rows["A"][HOURS], rows["B"][HOURS], rows["C"][HOURS]) == (1, 1, 0)
    assert payload(build_shop_map(shops, "en"))["h"] == ["", "Mon–Sat 09:00–19:00\nSun 09:00–12:00"]


def test_unreadable_opening_hours_are_shown_as_written_and_escaped():
    shops = frame(shop("A", opening_hours="sur rendez-vous <b>${x}</b>"))
    assert payload(build_shop_map(shops, "fr"))["h"] == [
        "",
        "sur rendez-vous &lt;b&gt;&#36;{x}&lt;/b&gt;",
    ]


def test_only_web_links_are_sent():
    shops = frame(
        shop("Bon site", website="https://bon-site.fr", online_shop_url="https://bon-site.fr/boutique"),
        shop("Mauvais site", website="javascript:alert(1)", online_shop_url="data:text/html,x", phone="02"),
    )
    rows = rows_by_name(build_shop_map(shops, "fr"))
    assert rows["Bon site"][WEBSITE:] == ["https://bon-site.fr", "https://bon-site.fr/boutique"]
    assert len(rows["Mauvais site"]) == PHONE + 1  # links dropped, trailing empties cut


HOSTILE = [
    shop("<img src=x onerror=alert(1)>", address="</script><script>alert(1)</script>"),
    shop("${alert(1)}", website="javascript:alert(1)"),
]


def test_hostile_text_is_inert_in_the_page():
    html = build_shop_map(frame(*HOSTILE), "fr").get_root().render()
    for raw in ("<img src=x", "${alert(1)}", "</script><script>", "javascript:alert"):
        assert raw not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&#36;{alert(1)}" in html
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_hostile_text_is_inert_in_the_streamlit_folium_script(st_folium_args):
    sent = st_folium_args(build_shop_map(frame(*HOSTILE), "fr"))
    for part in ("script", "header", "html"):
        for raw in ("<img src=x", "${alert(1)}", "</script><script>", "javascript:alert"):
            assert raw not in sent[part]
    assert "&lt;img src=x onerror=alert(1)&gt;" in sent["script"]
    assert "&#36;{alert(1)}" in sent["script"]


def test_template_syntax_in_shop_text_is_not_evaluated():
    shop_map = build_shop_map(frame(shop("{{ 7*7 }}zz", address="{% if true %}yes{% endif %}")), "fr")
    html = shop_map.get_root().render()
    assert "49zz" not in html
    assert rows_by_name(shop_map)["{{ 7*7 }}zz"][ADDRESS] == "{% if true %}yes{% endif %}"


def test_streamlit_folium_receives_the_shops_the_code_and_the_styles(st_folium_args):
    sent = st_folium_args(build_shop_map(three_shops(), "fr"))
    assert "Boulangerie Martin" in sent["script"]
    assert "L.circleMarker" in sent["script"]
    assert "L.canvas" in sent["script"]
    assert "wiker-legend" in sent["script"]
    assert "Santé" in sent["script"]
    assert ".wiker-popup" in sent["header"] and ".wiker-legend" in sent["header"]
    assert MARKERCLUSTER_JS not in sent["js_links"]
    assert SPIDERFIER_JS in sent["js_links"]  # overlapping shops spread out when clicked
    assert "new OverlappingMarkerSpiderfier(map" in sent["script"]


def test_many_shops_are_clustered_and_streamlit_folium_loads_markercluster(st_folium_args):
    count = CLUSTER_THRESHOLD + 1
    shops = frame(*(shop(f"Shop {i}", latitude=47.3 + i * 1e-5) for i in range(count)))
    shop_map = build_shop_map(shops, "fr")
    assert payload(shop_map)["k"] is True
    sent = st_folium_args(shop_map)
    assert MARKERCLUSTER_JS in sent["js_links"]
    assert SPIDERFIER_JS not in sent["js_links"]  # clusters spread their shops themselves
    assert "L.markerClusterGroup" in sent["script"]


def test_a_commune_of_shops_is_not_clustered():
    shop_map = build_shop_map(three_shops(), "fr")
    assert payload(shop_map)["k"] is False
    assert MARKERCLUSTER_JS not in shop_map.get_root().render()


def test_twenty_thousand_shops_make_no_object_per_shop(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("one folium object per shop")

    for kind in (folium.Marker, folium.CircleMarker, folium.Popup, folium.Tooltip):
        monkeypatch.setattr(kind, "__init__", refuse)
    count = 20_000
    shops = pd.DataFrame(
        {
            "id": range(count),
            "name": [f"Shop {i}" for i in range(count)],
            "category": ["bakery", "pharmacy", "hairdresser", "florist"] * (count // 4),
            "latitude": [47.2 + (i % 200) * 0.001 for i in range(count)],
            "longitude": [-2.2 + (i // 200) * 0.001 for i in range(count)],
            "in_store": True,
            "status": "open",
        }
    )
    shop_map = build_shop_map(shops, "en")
    html = shop_map.get_root().render()
    assert len(payload(shop_map)["r"]) == count
    assert len(list(elements(shop_map))) < 10
    assert "Shop 19999" in html
    assert not any(isinstance(e, MarkerCluster) for e in elements(shop_map))


def map_payload_bytes(shop_map: folium.Map) -> int:
    """Return the size in bytes of the map rendered as a standalone HTML page (as the bench measures it)."""
    return len(shop_map.get_root().render().encode("utf-8"))


def test_payload_stays_compact_per_shop():
    empty = map_payload_bytes(build_shop_map(frame(), "fr"))
    shops = frame(
        *(shop(f"Shop {i:04}", latitude=47.3 + i * 1e-4, phone="02 40 00 00 00") for i in range(1000))
    )
    per_shop = (map_payload_bytes(build_shop_map(shops, "fr")) - empty) / 1000
    # Row: 2 coordinates, 4 small integers, "Shop 0001", the address and the phone: ~80 bytes.
    assert per_shop < 100


def test_given_centre_and_zoom_are_used():
    shop_map = build_shop_map(three_shops(), "fr", centre=(47.0, -1.5), zoom=15)
    assert shop_map.location == [47.0, -1.5]
    assert shop_map.options["zoom"] == 15
    assert not any(isinstance(c, FitBounds) for c in shop_map._children.values())


def test_without_centre_the_map_fits_the_shops():
    shop_map = build_shop_map(three_shops(), "fr")
    assert child(shop_map, FitBounds).bounds == [[47.30, -2.08], [47.32, -2.06]]


def test_without_shops_the_map_opens_on_donges():
    shop_map = build_shop_map(frame(), "en")
    assert shop_map.location == [47.3188, -2.0746]
    assert shop_map.options["zoom"] == 13
    assert payload(shop_map)["r"] == []
    assert [label for label, _, _ in child(shop_map, Legend).entries] == []


def test_base_map_is_openstreetmap_with_its_attribution():
    html = build_shop_map(three_shops(), "fr").get_root().render()
    assert "https://tile.openstreetmap.org/{z}/{x}/{y}.png" in html
    assert "OpenStreetMap\\u003c/a\\u003e contributors" in html


def test_duplicated_index_does_not_duplicate_shops():
    shops = pd.concat([frame(shop("A")), frame(shop("B"))])  # both rows have index 0
    assert sorted(rows_by_name(build_shop_map(shops, "fr"))) == ["A", "B"]
