"""The shop map: a folium map whose shops travel as one compact JSON array.

No Python object is made per shop (one `folium.Marker` each costs ~0.7 ms and ~1 kB):
a single element carries every shop as a short array and a few lines of JavaScript
draw them as canvas circle markers, building each popup only when it is opened.
Every piece of user text is escaped in Python before it reaches the page, because
the JavaScript puts it into `innerHTML` as is.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import folium
import pandas as pd
from folium.elements import JSCSSMixin
from folium.plugins import MarkerCluster, OverlappingMarkerSpiderfier
from folium.template import Template

from wiker_data.categories import BY_KEY, FAMILIES, colour_of
from wiker_data.escaping import escape_text, safe_url
from wiker_data.i18n import category_label, family_label, t
from wiker_data.maps.elements import CLOSED_OUTLINE, Legend, RawMacroElement, script_json
from wiker_data.models import TRADE_MODES
from wiker_data.opening_hours_text import describe_lines

DEFAULT_CENTRE = (47.3188, -2.0746)  # Donges
DEFAULT_ZOOM = 13
MAX_FIT_ZOOM = 17  # fitting the bounds of a single shop would otherwise zoom to the maximum
CLUSTER_THRESHOLD = 1500  # above this many shops, markers are clustered
MARKER_RADIUS = 6
# Markers whose centres are closer than this many pixels spread out when one is clicked (two circles
# of MARKER_RADIUS touch at 12 px).
SPREAD_DISTANCE = 2 * MARKER_RADIUS + 4
COORDINATE_DIGITS = 5  # about one metre

# The columns build_shop_map / shop_points read (a queries.shops.shops_for_map frame has them all).
INPUT_COLUMNS = (
    "id",
    "name",
    "category",
    "address",
    "latitude",
    "longitude",
    "phone",
    "website",
    "online_shop_url",
    "opening_hours",
    "in_store",
    "click_collect",
    "delivery",
    "appointment",
    "online_shop",
    "takeaway",
    "status",
)
STATUSES = ("open", "temporarily_closed", "closed", "not_open_yet")

# Position of each field in a shop's row; trailing empty fields are left off.
ROW_FIELDS = (
    "latitude",
    "longitude",
    "category",  # index into the payload's category list "c"
    "status",  # index into STATUSES
    "trade_modes",  # bit i set when TRADE_MODES[i] is offered
    "opening_hours",  # index into the payload's list "h" of distinct opening hours; 0: none
    "name",
    "address",
    "phone",
    "website",  # only http(s) links
    "online_shop_url",
)

_SHOP_LAYER_TEMPLATE = r"""
{% macro header(this, kwargs) %}
<style>
.wiker-popup{font:13px/1.35 sans-serif;min-width:180px}
.wiker-popup .wk-name{font-weight:bold;font-size:14px}
.wiker-popup .wk-cat{color:#444}
.wiker-popup .wk-status{color:#B00020;font-style:italic}
.wiker-popup table{border-collapse:collapse;margin-top:4px}
.wiker-popup th{text-align:left;font-weight:normal;color:#555;padding:1px 8px 1px 0;vertical-align:top;
  white-space:nowrap}
.wiker-popup td{padding:1px 0;overflow-wrap:anywhere}
.marker-cluster.wiker-cluster{background-color:rgba(51,51,51,0.25)}
.marker-cluster.wiker-cluster div{background-color:rgba(51,51,51,0.85);color:#FFFFFF;font-weight:bold}
</style>
{% endmacro %}

{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function (map) {
    var d = {{ this.payload }};
    var renderer = L.canvas({padding: 0.5});
    var group = d.k
        ? L.markerClusterGroup({
            chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 45,
            // Neutral clusters: the default green/yellow/orange would read as category colours.
            iconCreateFunction: function (cluster) {
                return L.divIcon({html: "<div><span>" + cluster.getChildCount() + "</span></div>",
                                  className: "marker-cluster wiker-cluster", iconSize: L.point(40, 40)});
            }
        })
        : L.featureGroup();
    var styles = {};
    function style(cat, status) {
        var key = cat * 4 + status;
        if (!styles[key]) {
            var colour = d.c[cat][1];
            styles[key] = status === 0
                ? {radius: {{ this.radius }}, renderer: renderer, color: "#333333", weight: 1, opacity: 1,
                   fillColor: colour, fillOpacity: 0.9}
                : {radius: {{ this.radius }}, renderer: renderer, color: "{{ this.closed_outline }}",
                   weight: 1.5, opacity: 0.8, dashArray: "3 2",
                   fillColor: status === 1 ? colour : "#FFFFFF", fillOpacity: status === 1 ? 0.3 : 0.6};
            // A click on a shop stops there, as on an L.Marker: reaching the map, it would close
            // the shops just spread out.
            styles[key].bubblingMouseEvents = false;
        }
        return styles[key];
    }
    var markers = new Array(d.r.length);
    for (var i = 0; i < d.r.length; i++) {
        var r = d.r[i];
        var marker = L.circleMarker([r[0], r[1]], style(r[2], r[3]));
        marker.wikerShop = r;
        markers[i] = marker;
    }
    function line(label, value) {
        return "<tr><th>" + label + "</th><td>" + value + "</td></tr>";
    }
    function link(url) {
        return '<a href="' + url + '" target="_blank" rel="noopener noreferrer">'
            + url.replace(/^https?:\/\//i, "") + "</a>";
    }
    // Every text field was HTML-escaped in Python: it goes into innerHTML as is.
    function popup(layer) {
        var r = layer.wikerShop;
        if (!r) { return ""; }
        var html = '<div class="wiker-popup"><div class="wk-name">' + (r[6] || "") + "</div>"
            + '<div class="wk-cat">' + d.c[r[2]][0] + "</div>";
        if (r[3]) { html += '<div class="wk-status">' + d.s[r[3]] + "</div>"; }
        if (r[7]) { html += "<div>" + r[7] + "</div>"; }
        var rows = "";
        if (r[8]) {
            // Only digits and "+" go into the tel: link (entities dropped first, e.g. &#36;).
            var tel = r[8].replace(/&#?\w+;/g, "").replace(/[^0-9+]/g, "");
            rows += line(d.l.p, tel ? '<a href="tel:' + tel + '">' + r[8] + "</a>" : r[8]);
        }
        if (r[9]) { rows += line(d.l.w, link(r[9])); }
        if (r[10]) { rows += line(d.l.o, link(r[10])); }
        var modes = [];
        for (var b = 0; b < d.m.length; b++) { if (r[4] & (1 << b)) { modes.push(d.m[b]); } }
        if (modes.length) { rows += line(d.l.m, modes.join(", ")); }
        if (r[5]) { rows += line(d.l.h, d.h[r[5]].split("\n").join("<br>")); }
        return html + (rows ? "<table>" + rows + "</table>" : "") + "</div>";
    }
    if (d.k) { group.addLayers(markers); } else { markers.forEach(function (m) { group.addLayer(m); }); }
    group.bindTooltip(function (layer) { return layer.wikerShop ? layer.wikerShop[6] || "" : ""; },
                      {direction: "top", offset: [0, -{{ this.radius }}]});
    group.addTo(map);
    if (d.k) {  // clusters spread their overlapping shops themselves at the highest zoom
        group.bindPopup(popup, {maxWidth: 300});
        return group;
    }
    // Shops a few metres apart overlap: a click on them spreads them out (OverlappingMarkerSpiderfier),
    // a click on one of them opens its popup. The spiderfier lifts the spread markers with
    // setZIndexOffset, which only L.Marker has: a circle on the canvas comes to the front instead.
    if (!L.CircleMarker.prototype.setZIndexOffset) {
        L.CircleMarker.include({setZIndexOffset: function (z) { return z ? this.bringToFront() : this; }});
    }
    // Its legs are drawn on the shops' canvas (a second canvas above it would catch every click),
    // and let clicks through (its "clickable: false" is Leaflet 0.7's name for interactive).
    map.options.renderer = renderer;
    var spiderfier = new OverlappingMarkerSpiderfier(map, {{ this.spiderfier_options }});
    markers.forEach(function (m) { spiderfier.addMarker(m); });
    var shopPopup = L.popup({maxWidth: 300});
    spiderfier.addListener("click", function (marker) {
        shopPopup.setLatLng(marker.getLatLng()).setContent(popup(marker)).openOn(map);
        group.closeTooltip();  // the name is in the popup, which the tooltip would cover
    });
    spiderfier.addListener("spiderfy", function (spread) {
        spread.forEach(function (m) { m._omsData.leg.options.interactive = false; });
        map.closePopup();
    });
    return group;
})({{ this._parent.get_name() }});
{% endmacro %}
"""


def _has_coordinates(shops: pd.DataFrame) -> list[bool]:
    latitude = pd.to_numeric(shops["latitude"], errors="coerce").astype(float)
    longitude = pd.to_numeric(shops["longitude"], errors="coerce").astype(float)
    return (latitude.between(-90, 90) & longitude.between(-180, 180)).tolist()  # False for NaN


def _texts(shops: pd.DataFrame, name: str) -> list[str]:
    """Return a column as stripped strings, "" where missing."""
    if name not in shops.columns:
        return [""] * len(shops)
    return shops[name].astype("string").str.strip().fillna("").tolist()


def _flags(shops: pd.DataFrame, name: str) -> pd.Series:
    if name not in shops.columns:
        return pd.Series(False, index=shops.index)
    return shops[name].astype("boolean").fillna(False).astype(bool)


def _mapped(values: list[str], function: Callable[[str], str]) -> list[str]:
    """Return `function` applied to each value, calling it once per distinct value."""
    results = {value: function(value) for value in set(values)}
    return [results[value] for value in values]


def _link(url: str) -> str:
    return escape_text(safe_url(url)) if url else ""


def _hours_lines(hours: str, lang: str) -> str:
    """Return opening hours in words, one escaped line per run of days ("" when there are none)."""
    if not hours:
        return ""
    return "\n".join(escape_text(line) for line in describe_lines(hours, lang))


class ShopLayer(JSCSSMixin, RawMacroElement):
    """All the shops of a map, drawn in the browser from one JSON array of rows."""

    _template = Template(_SHOP_LAYER_TEMPLATE)

    def __init__(self, payload_json: str, bounds: list[list[float | None]], clustered: bool):
        super().__init__()
        self._name = "ShopLayer"
        self.payload = payload_json
        self.radius = MARKER_RADIUS
        self.closed_outline = CLOSED_OUTLINE
        self.clustered = clustered
        self._bounds = bounds
        self.spiderfier_options = json.dumps({"keepSpiderfied": True, "nearbyDistance": SPREAD_DISTANCE})
        # A clustered layer needs Leaflet.markercluster, the others the spiderfier that folium's
        # OverlappingMarkerSpiderfier plugin loads; streamlit-folium reads these too.
        self.default_js = (
            list(MarkerCluster.default_js) if clustered else list(OverlappingMarkerSpiderfier.default_js)
        )
        self.default_css = list(MarkerCluster.default_css) if clustered else []

    def _get_self_bounds(self) -> list[list[float | None]]:
        return self._bounds


def _shop_rows(shops: pd.DataFrame, lang: str) -> tuple[list[list], list[str], list[str], set[str]]:
    """Return the payload rows, the category keys and opening hours they index, and the statuses present."""
    if shops.empty:
        return [], [], [""], set()
    shops = shops[_has_coordinates(shops)]  # a boolean list: safe with a duplicated index
    latitude = pd.to_numeric(shops["latitude"]).astype(float)
    longitude = pd.to_numeric(shops["longitude"]).astype(float)

    category_codes, category_keys = pd.factorize(shops["category"].fillna("").astype(str), sort=False)
    status = shops["status"] if "status" in shops.columns else pd.Series("open", index=shops.index)
    status_codes = status.map({s: i for i, s in enumerate(STATUSES)}).fillna(0).astype(int)
    modes = sum(_flags(shops, mode).astype(int) * (1 << bit) for bit, mode in enumerate(TRADE_MODES))

    hours_index: dict[str, int] = {"": 0}
    hours_codes = [
        hours_index.setdefault(hours, len(hours_index))
        for hours in _mapped(_texts(shops, "opening_hours"), lambda text: _hours_lines(text, lang))
    ]
    escaped = [_mapped(_texts(shops, name), escape_text) for name in ("name", "address", "phone")]
    links = [_mapped(_texts(shops, name), _link) for name in ("website", "online_shop_url")]

    rows = []
    for row in zip(
        latitude.round(COORDINATE_DIGITS).tolist(),
        longitude.round(COORDINATE_DIGITS).tolist(),
        category_codes.tolist(),
        status_codes.tolist(),
        modes.tolist(),
        hours_codes,
        *escaped,
        *links,
        strict=True,
    ):
        row = list(row)
        while row[-1] == "":
            row.pop()
        rows.append(row)
    present = {STATUSES[code] for code in set(status_codes.tolist())}
    return rows, [str(key) for key in category_keys], list(hours_index), present


def _category_entry(key: str, lang: str) -> list[str]:
    return [escape_text(category_label(key, lang)), colour_of(key)]


def _legend_entries(categories: list[str], statuses: set[str], lang: str) -> list[tuple[str, str, bool]]:
    families = {BY_KEY[key].family for key in categories if key in BY_KEY}
    entries = [(family_label(f.key, lang), f.colour, False) for f in FAMILIES if f.key in families]
    if "temporarily_closed" in statuses:
        entries.append((t("status.temporarily_closed", lang), "#D9D9D9", True))
    if "closed" in statuses:
        entries.append((t("map.legend_closed", lang), "#FFFFFF", True))
    if "not_open_yet" in statuses:
        entries.append((t("status.not_open_yet", lang), "#FFFFFF", True))
    return entries


@dataclass(frozen=True)
class ShopPoints:
    """What the map draws, ready for the page: plain values, so the UI can cache it."""

    payload: str  # the shops and labels as JSON for the browser (see _SHOP_LAYER_TEMPLATE)
    bounds: tuple[tuple[float, float], tuple[float, float]] | None
    clustered: bool
    legend: tuple[tuple[str, str, bool], ...]
    count: int


def shop_points(shops: pd.DataFrame, lang: str) -> ShopPoints:
    """Return the shops encoded for the map, with their bounds and legend entries.

    Columns of `shops` (one row per shop; extra columns are ignored):
      id, name, category (a key of categories.BY_KEY), address, latitude, longitude, phone,
      website, online_shop_url, opening_hours (OSM syntax, shown in words, one line per run of days),
      in_store, click_collect, delivery, appointment, online_shop, takeaway (bools), and
      status (open, temporarily_closed, closed or not_open_yet).
    name, category, latitude and longitude are required; a missing text column counts as empty,
    a missing mode as False, a missing status as open. Rows without coordinates are skipped.
    Only http(s) links are drawn.
    """
    rows, categories, hours, statuses = _shop_rows(shops, lang)
    clustered = len(rows) > CLUSTER_THRESHOLD
    bounds = None
    if rows:
        lats, lons = [r[0] for r in rows], [r[1] for r in rows]
        bounds = ((min(lats), min(lons)), (max(lats), max(lons)))
    payload = {
        "c": [_category_entry(key, lang) for key in categories],
        "s": ["", *(escape_text(t(f"status.{status}", lang)) for status in STATUSES[1:])],
        "m": [escape_text(t(f"mode.{mode}", lang)) for mode in TRADE_MODES],
        "l": {
            "p": escape_text(t("map.popup_phone", lang)),
            "w": escape_text(t("map.popup_website", lang)),
            "o": escape_text(t("map.popup_online_shop", lang)),
            "m": escape_text(t("map.popup_modes", lang)),
            "h": escape_text(t("map.popup_hours", lang)),
        },
        "h": hours,
        "k": clustered,
        "r": rows,
    }
    return ShopPoints(
        payload=script_json(payload),
        bounds=bounds,
        clustered=clustered,
        legend=tuple(_legend_entries(categories, statuses, lang)),
        count=len(rows),
    )


def map_of_points(
    points: ShopPoints, lang: str, centre: tuple[float, float] | None = None, zoom: int | None = None
) -> folium.Map:
    """Return a folium map of encoded shops, coloured by category family, with popups and a legend.

    With `centre` the map opens there at `zoom` (default 13); otherwise it fits the shops,
    or opens on Donges when there are none.
    """
    bounds = [list(corner) for corner in points.bounds] if points.bounds else [[None, None], [None, None]]
    if centre is not None:
        location = [float(centre[0]), float(centre[1])]
    elif points.bounds:
        location = [(bounds[0][0] + bounds[1][0]) / 2, (bounds[0][1] + bounds[1][1]) / 2]
    else:
        location = list(DEFAULT_CENTRE)
    shop_map = folium.Map(
        location=location,
        zoom_start=DEFAULT_ZOOM if zoom is None else zoom,
        tiles="OpenStreetMap",
        prefer_canvas=True,
    )
    if points.bounds and centre is None:
        shop_map.fit_bounds(bounds, padding=(24, 24), max_zoom=MAX_FIT_ZOOM)
    ShopLayer(points.payload, bounds, points.clustered).add_to(shop_map)
    Legend(t("map.legend", lang), list(points.legend)).add_to(shop_map)
    return shop_map


def build_shop_map(
    shops: pd.DataFrame,
    lang: str,
    centre: tuple[float, float] | None = None,
    zoom: int | None = None,
) -> folium.Map:
    """Return a folium map of the shops (columns: see shop_points), with popups and a legend."""
    return map_of_points(shop_points(shops, lang), lang, centre=centre, zoom=zoom)
