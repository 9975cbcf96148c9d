"""AppTest of the shop map (pages/1_map.py) against the hand-worked fixture store
(tests/fixture_store.py): the shops it shows and its filters, the network map above the aggregate
threshold (as of 2024-12-31: Donges 6 open shops, net change 0; Trignac 1 open shop, net change +1),
and the downloads of the shops shown."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from openpyxl import load_workbook

from tests.fixture_store import AS_OF
from tests.pages_helpers import app, map_script
from wiker_data.maps import communes as commune_map

pytestmark = pytest.mark.usefixtures("fresh_caches")


def test_map_page_shows_open_and_temporarily_closed_shops(store):
    at = app()
    at.switch_page("pages/1_map.py").run()
    assert not at.exception
    assert any(c.value == "8 commerces affichés" for c in at.caption)
    table = at.dataframe[0].value
    assert len(table) == 8
    assert "long_closed" not in set(table["Nom"])
    script = map_script(at)
    for name in table["Nom"]:
        assert name in script


def test_commune_and_language_follow_the_user_to_the_map(store):
    at = app()
    at.selectbox(key="_commune").set_value("44052").run()
    at.radio(key="_lang").set_value("en").run()
    at.switch_page("pages/1_map.py").run()
    assert at.title[0].value == "Shop map — Donges"
    assert any(c.value == "7 shops shown" for c in at.caption)
    assert "new_online" not in map_script(at)


def test_map_filters(store):
    at = app()
    at.switch_page("pages/1_map.py").run()
    at.toggle(key="map_show_closed").set_value(True).run()  # show closed shops too
    assert len(at.dataframe[0].value) == 11
    at.text_input(key="map_search").set_value("closed").run()
    assert set(at.dataframe[0].value["Nom"]) == {"closed_last_day", "long_closed"}
    at.text_input(key="map_search").set_value("").run()
    at.selectbox(key="map_online").set_value("yes").run()
    assert set(at.dataframe[0].value["Nom"]) == {"always_open", "catalogue_only", "new_online"}


def test_network_map_shows_communes_above_the_threshold(store, monkeypatch):
    monkeypatch.setattr(commune_map, "AGGREGATE_THRESHOLD", 5)  # the fixture's 7 open shops are above it
    at = app()
    at.switch_page("pages/1_map.py").run()
    assert not at.exception
    assert "7" in at.info[0].value and "communes" in at.info[0].value
    rows = json.loads(re.search(r"var d = (\{.*?\});\n", map_script(at)).group(1))["r"]
    assert [(row[4], row[2], row[3]) for row in rows] == [("Donges", 6, 0), ("Trignac", 1, 1)]
    table = at.dataframe[0].value
    assert list(table["Commune"]) == ["Donges", "Trignac"]  # most shops first
    assert list(table["Commerces ouverts"]) == [6, 1]


def test_one_commune_still_shows_its_shops(store, monkeypatch):
    monkeypatch.setattr(commune_map, "AGGREGATE_THRESHOLD", 5)
    at = app()
    at.session_state["commune"] = "44052"
    at.switch_page("pages/1_map.py").run()
    assert not at.exception
    assert "always_open" in map_script(at)


@pytest.mark.parametrize(
    ("lang", "separator", "name", "status", "statuses"),
    [
        ("fr", ";", "Nom", "État", {"Ouvert", "Fermé temporairement"}),
        ("en", ",", "Name", "Status", {"Open", "Temporarily closed"}),
    ],
)
def test_map_page_downloads_the_shops_shown_in_the_page_language(
    store, monkeypatch, lang, separator, name, status, statuses
):
    from streamlit.runtime.media_file_manager import MediaFileManager

    built: dict[str, object] = {}  # file name -> the callable run on click
    add_deferred = MediaFileManager.add_deferred

    def record(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        built[file_name] = data_callable
        return add_deferred(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    at = app()
    at.radio(key="_lang").set_value(lang).run()
    at.switch_page("pages/1_map.py").run()
    assert not at.exception
    assert [b.label for b in at.get("download_button")] == ["CSV", "Excel", "GeoJSON"]
    shown = set(at.dataframe[0].value[name])  # the 8 open or temporarily closed shops of the network
    slug = f"network-{AS_OF.isoformat()}"
    csv_text = built[f"wiker-shops-{slug}.csv"]().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(csv_text), delimiter=separator))
    assert {row[name] for row in rows} == shown
    assert {row[status] for row in rows} == statuses  # words, not open / temporarily_closed
    sheet = load_workbook(io.BytesIO(built[f"wiker-shops-{slug}.xlsx"]())).active
    assert sheet.max_row == 1 + 8
    assert sheet.cell(1, 4).value == name
    geojson = json.loads(built[f"wiker-shops-{slug}.geojson"]())
    assert {f["properties"]["name"] for f in geojson["features"]} == shown
    assert {f["properties"]["status"] for f in geojson["features"]} == {"open", "temporarily_closed"}
