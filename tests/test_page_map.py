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
from sqlalchemy import update
from sqlalchemy.orm import Session

from tests.fixture_store import AS_OF
from tests.pages_helpers import app, map_script
from wiker_data.maps import communes as commune_map
from wiker_data.models import Shop

pytestmark = pytest.mark.usefixtures("fresh_caches")


def test_map_page_shows_open_and_temporarily_closed_shops(store):
    at = app()
    at.switch_page("pages/1_map.py").run()
    assert not at.exception
    # 8 shown: 7 open (what the overview counts) and the temporarily closed one
    assert at.caption[0].value == (
        "8 commerces affichés, dont 1 fermé temporairement "
        "(l'accueil ne compte que les commerces ouverts : 7 ici)"
    )
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
    assert at.caption[0].value == (
        "7 shops shown, including 1 temporarily closed (the overview counts open shops only: 6 here)"
    )
    assert "new_online" not in map_script(at)
    assert "Commune" not in at.dataframe[0].value.columns  # one commune: no commune column


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


def test_one_shop_shown_is_singular(store):
    at = app()
    at.switch_page("pages/1_map.py").run()
    at.text_input(key="map_search").set_value("always").run()
    assert at.caption[0].value == "1 commerce affiché"


def test_the_network_view_lists_each_shops_commune(store):
    at = app()
    at.switch_page("pages/1_map.py").run()
    table = at.dataframe[0].value.set_index("Nom")
    assert list(table.columns[:2]) == ["Commune", "Catégorie"]
    assert table.loc["new_online", "Commune"] == "Trignac"
    assert table.loc["always_open", "Commune"] == "Donges"


@pytest.fixture
def store_with_hours(store):
    """The fixture store, some shops with opening hours; AS_OF, 31/12/2024, is a Tuesday."""
    hours = {
        "always_open": "24/7",  # open
        "first_day": "Tu 00:00-24:00",  # open all Tuesday, whatever the time
        "day_before": "Mo,We-Su 00:00-24:00",  # closed all Tuesday
        "reopened": "sur rendez-vous",  # unreadable: unknown
    }  # temporary, lockdown, catalogue_only and new_online have none: unknown
    with Session(store) as session, session.begin():
        for name, text in hours.items():
            session.execute(update(Shop).where(Shop.name == name).values(opening_hours=text))
    return store


def test_open_now_keeps_the_shops_open_and_says_how_many_hours_are_unknown(store_with_hours):
    at = app()
    at.switch_page("pages/1_map.py").run()
    assert len(at.dataframe[0].value) == 8
    at.toggle(key="map_open_now").set_value(True).run()
    assert not at.exception
    names = set(at.dataframe[0].value["Nom"])
    assert "day_before" not in names
    # temporary is temporarily closed: not open now, whatever its hours
    assert names == {"always_open", "first_day", "reopened", "lockdown", "catalogue_only", "new_online"}
    assert at.caption[0].value == "6 commerces affichés"  # all open: what the overview counts
    observed = at.caption[1].value
    assert re.fullmatch(
        r"Ouverts le 31 décembre 2024 à \d\d:\d\d \(heure de Paris : la date du menu, à l'heure actuelle\)"
        r" · 4 commerces aux horaires inconnus, non filtrés",
        observed,
    ), observed
    table = at.dataframe[0].value.set_index("Nom")
    assert table.loc["always_open", "Horaires"] == "24 h/24, 7 j/7"
    assert table.loc["first_day", "Horaires"] == "mar. 00:00–24:00"
    assert table.loc["reopened", "Horaires"] == "sur rendez-vous"


def test_open_now_in_english_with_one_shop_of_unknown_hours(store_with_hours):
    at = app()
    at.radio(key="_lang").set_value("en").run()
    at.switch_page("pages/1_map.py").run()
    at.text_input(key="map_search").set_value("reopened").run()  # its hours: "sur rendez-vous"
    at.toggle(key="map_open_now").set_value(True).run()
    assert list(at.dataframe[0].value["Name"]) == ["reopened"]
    assert at.caption[0].value == "1 shop shown"
    assert re.fullmatch(
        r"Open on 31 December 2024 at \d\d:\d\d \(Paris time: the menu's date, at the current time\)"
        r" · 1 shop with unknown opening hours, not filtered",
        at.caption[1].value,
    ), at.caption[1].value
    assert at.dataframe[0].value.iloc[0]["Opening hours"] == "sur rendez-vous"
