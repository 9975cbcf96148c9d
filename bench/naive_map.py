"""The naive way to draw shops with folium, the baseline the map is measured against: one
folium.Marker with a folium.Popup per shop, in a MarkerCluster."""

from __future__ import annotations

import folium
import pandas as pd
from folium.plugins import MarkerCluster

DONGES = (47.3188, -2.0746)


def naive_map(shops: pd.DataFrame) -> folium.Map:
    """Return the map built the slow way: one folium.Marker and folium.Popup per shop."""
    shop_map = folium.Map(location=DONGES, zoom_start=13)
    cluster = MarkerCluster().add_to(shop_map)
    for shop in shops.itertuples():
        html = f"<b>{shop.name}</b><br>{shop.address}<br>{shop.phone}<br>{shop.opening_hours or ''}"
        folium.Marker(
            [shop.latitude, shop.longitude], popup=folium.Popup(html, max_width=300), tooltip=shop.name
        ).add_to(cluster)
    return shop_map
