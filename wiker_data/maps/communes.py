"""The network map when it holds too many shops to draw: one circle per commune.

Above AGGREGATE_THRESHOLD open shops (a département, the whole country), the network view
shows the communes instead: a circle's area grows with the commune's open shops and its colour
says the net change of shops over the last twelve months (blue: more, vermillion: fewer, grey:
as many; Okabe-Ito colours, told apart with the common colour-vision deficiencies). The shops
themselves are drawn for one chosen commune. As for the shops, the communes travel as one
compact JSON array drawn on a canvas, with every text escaped in Python.
"""

from __future__ import annotations

from dataclasses import dataclass

import folium
import pandas as pd
from folium.template import Template

from wiker_data.escaping import escape_text
from wiker_data.i18n import fmt_int, t
from wiker_data.maps.elements import Legend, RawMacroElement, script_json
from wiker_data.maps.shops import COORDINATE_DIGITS, DEFAULT_CENTRE, MAX_FIT_ZOOM

AGGREGATE_THRESHOLD = 5_000  # open shops in the network view above which communes stand for shops
GROWTH, DECLINE, STABLE = "#0072B2", "#D55E00", "#999999"
MIN_RADIUS, MAX_RADIUS = 4, 22  # pixels

_COMMUNE_LAYER_TEMPLATE = r"""
{% macro header(this, kwargs) %}
<style>
.wiker-popup{font:13px/1.35 sans-serif;min-width:160px}
.wiker-popup .wk-name{font-weight:bold;font-size:14px}
</style>
{% endmacro %}

{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function (map) {
    var d = {{ this.payload }};
    var renderer = L.canvas({padding: 0.5});
    var group = L.featureGroup();
    for (var i = 0; i < d.r.length; i++) {
        var r = d.r[i];
        // Area, not radius, in proportion to the shops: the eye compares areas.
        var radius = d.a + (d.b - d.a) * Math.sqrt(r[2] / d.x);
        var colour = r[3] > 0 ? d.c[0] : r[3] < 0 ? d.c[1] : d.c[2];
        var circle = L.circleMarker([r[0], r[1]], {radius: radius, renderer: renderer, color: "#333333",
            weight: 1, opacity: 0.8, fillColor: colour, fillOpacity: 0.65});
        circle.wikerCommune = r;
        group.addLayer(circle);
    }
    // Every text field was HTML-escaped in Python: it goes into innerHTML as is.
    group.bindTooltip(function (layer) { return layer.wikerCommune[4]; }, {direction: "top"});
    group.bindPopup(function (layer) {
        var r = layer.wikerCommune;
        var net = r[3] > 0 ? "+" + r[3] : String(r[3]);
        return '<div class="wiker-popup"><div class="wk-name">' + r[4] + "</div>"
            + "<div>" + d.l.o + " : " + r[5] + "</div><div>" + d.l.n + " : " + net + "</div></div>";
    });
    return group.addTo(map);
})({{ this._parent.get_name() }});
{% endmacro %}
"""


class CommuneLayer(RawMacroElement):
    """Every commune of the network view, drawn in the browser from one JSON array."""

    _template = Template(_COMMUNE_LAYER_TEMPLATE)

    def __init__(self, payload_json: str, bounds: list[list[float]]):
        super().__init__()
        self._name = "CommuneLayer"
        self.payload = payload_json
        self._bounds = bounds

    def _get_self_bounds(self) -> list[list[float]]:
        return self._bounds


@dataclass(frozen=True)
class CommunePoints:
    """What the commune map draws, ready for the page: plain values, so the UI can cache it."""

    payload: str
    bounds: tuple[tuple[float, float], tuple[float, float]] | None
    count: int


def commune_points(communes: pd.DataFrame, lang: str) -> CommunePoints:
    """Return the communes encoded for the map.

    Columns of `communes`: name, latitude, longitude, shops_open, net_change (extra columns are
    ignored); communes without a position are left out.
    """
    placed = communes.dropna(subset=["latitude", "longitude"])
    shops = placed["shops_open"].fillna(0).astype(int)
    net = placed["net_change"].fillna(0).astype(int)
    shown = [fmt_int(count, lang) for count in shops.tolist()]
    rows = [
        [round(lat, COORDINATE_DIGITS), round(lon, COORDINATE_DIGITS), count, change, escape_text(name), text]
        for lat, lon, count, change, name, text in zip(
            placed["latitude"].astype(float).tolist(),
            placed["longitude"].astype(float).tolist(),
            shops.tolist(),
            net.tolist(),
            placed["name"].astype(str).tolist(),
            shown,
            strict=True,
        )
    ]
    bounds = None
    if rows:
        lats, lons = [r[0] for r in rows], [r[1] for r in rows]
        bounds = ((min(lats), min(lons)), (max(lats), max(lons)))
    payload = {
        "r": rows,
        "x": max([1, *shops.tolist()]),
        "a": MIN_RADIUS,
        "b": MAX_RADIUS,
        "c": [GROWTH, DECLINE, STABLE],
        "l": {
            "o": escape_text(t("col.shops_open", lang)),
            "n": escape_text(t("commune_map.net_change", lang)),
        },
    }
    return CommunePoints(payload=script_json(payload), bounds=bounds, count=len(rows))


def map_of_communes(points: CommunePoints, lang: str) -> folium.Map:
    """Return a folium map of the network's communes, sized by open shops, coloured by net change."""
    if points.bounds:
        (south, west), (north, east) = points.bounds
        location = [(south + north) / 2, (west + east) / 2]
    else:
        location = list(DEFAULT_CENTRE)
    commune_map = folium.Map(location=location, zoom_start=9, tiles="OpenStreetMap", prefer_canvas=True)
    bounds = [list(corner) for corner in points.bounds] if points.bounds else [[None, None], [None, None]]
    if points.bounds:
        commune_map.fit_bounds(bounds, padding=(24, 24), max_zoom=MAX_FIT_ZOOM)
    CommuneLayer(points.payload, bounds).add_to(commune_map)
    entries = [
        (t("commune_map.growth", lang), GROWTH, False),
        (t("commune_map.decline", lang), DECLINE, False),
        (t("commune_map.stable", lang), STABLE, False),
    ]
    Legend(t("commune_map.legend", lang), entries).add_to(commune_map)
    return commune_map
