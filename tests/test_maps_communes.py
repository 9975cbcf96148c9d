"""The network map's circles above the aggregate threshold: one per commune, sized by open shops and
coloured by net change (the page that draws them: tests/test_page_map.py)."""

from __future__ import annotations

import json

import pandas as pd

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
