"""The network map above the aggregate threshold: one circle per commune, sized by open shops and
coloured by net change. Figures from tests/fixture_store.py as of 2024-12-31: Donges 6 open shops,
net change 0; Trignac 1 open shop, net change +1."""

from __future__ import annotations

import json
import re

import pandas as pd

from tests.test_pages import app, map_script
from wiker_data.maps import communes as commune_map
from wiker_data.maps.communes import DECLINE, GROWTH, STABLE, commune_points


def payload(points) -> dict:
    return json.loads(points.payload)


def test_commune_points_carry_shops_and_net_change_with_escaped_names():
    communes = pd.DataFrame(
        {
            "name": ["Donges", "<b>Trignac</b>", "Nowhere"],
            "latitude": [47.318844, 47.317846, None],
            "longitude": [-2.074571, -2.187667, None],
            "shops_open": [1234, 1, 5],
            "net_change": [0, 1, -2],
        }
    )
    points = commune_points(communes, "fr")
    data = payload(points)
    assert data["r"] == [
        [47.31884, -2.07457, 1234, 0, "Donges", "1\u202f234"],
        [47.31785, -2.18767, 1, 1, "&lt;b&gt;Trignac&lt;/b&gt;", "1"],
    ]  # the commune without a position is left out
    assert data["x"] == 1234 and data["c"] == [GROWTH, DECLINE, STABLE]
    assert points.bounds == ((47.31785, -2.18767), (47.31884, -2.07457))
    assert "<b>" not in points.payload


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
