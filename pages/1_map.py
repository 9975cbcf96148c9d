"""Shop map (residents): the shops of the chosen commune, or of the network, with filters."""

from functools import partial

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from wiker_data import exports
from wiker_data.categories import CATEGORIES
from wiker_data.i18n import category_label, fmt_date, fmt_int, plural
from wiker_data.maps import communes as commune_map
from wiker_data.maps import shops as shop_maps
from wiker_data.models import TRADE_MODES
from wiker_data.queries.shops import MapFilter, observation_time
from wiker_ui import loaders
from wiker_ui.layout import demo_notice, relabel, setup_page

ctx = setup_page("nav.map")
lang = ctx.lang
st.title(ctx.t("map.title") + (f" — {ctx.name_md}" if ctx.commune_name else ""))
demo_notice(ctx)

if ctx.commune is None:  # the whole network: too many shops to draw, the communes stand for them
    network_shops = int(loaders.commune_kpis(ctx.url, ctx.as_of)["shops_open"].sum())
    if network_shops > commune_map.AGGREGATE_THRESHOLD:
        st.info(ctx.t("commune_map.intro", count=fmt_int(network_shops, lang)), icon=":material/info:")
        commune_points, commune_table = loaders.commune_map_view(ctx.url, ctx.as_of, lang)
        st_folium(
            commune_map.map_of_communes(commune_points, lang),
            height=560,
            use_container_width=True,
            returned_objects=[],
            key="commune_map",
        )
        st.caption(ctx.t("map.attribution"))
        st.subheader(ctx.t("commune_map.table"))
        labels = {
            "name": ctx.t("col.commune"),
            "shops_open": ctx.t("col.shops_open"),
            "net_change": ctx.t("commune_map.net_change"),
        }
        st.dataframe(commune_table.rename(columns=labels), hide_index=True, placeholder="—")
        st.stop()

relabel("map_categories", "map_modes", "map_online")
top = st.columns([3, 3, 2])
categories = top[0].multiselect(
    ctx.t("map.filter_category"),
    options=sorted((c.key for c in CATEGORIES), key=lambda key: category_label(key, lang)),
    format_func=lambda key: category_label(key, lang),
    placeholder=ctx.t("map.filter_category_all"),
    key="map_categories",
)
modes = top[1].multiselect(
    ctx.t("map.filter_mode"),
    options=list(TRADE_MODES),
    format_func=lambda m: ctx.t(f"mode.{m}"),
    placeholder=ctx.t("map.filter_mode_any"),
    key="map_modes",
)
online_choice = top[2].selectbox(
    ctx.t("map.filter_online"),
    options=["any", "yes", "no"],
    format_func=lambda choice: ctx.t(f"map.online_{choice}"),
    key="map_online",
)
bottom = st.columns([3, 2, 2])
search = bottom[0].text_input(ctx.t("map.search"), max_chars=100, key="map_search")
show_closed = bottom[1].toggle(ctx.t("map.show_closed"), key="map_show_closed")
open_now = bottom[2].toggle(ctx.t("map.open_now"), help=ctx.t("map.open_now_help"), key="map_open_now")
open_at = observation_time(ctx.as_of) if open_now else None  # the menu's date, at the time in Paris

chosen = MapFilter(
    categories=tuple(categories),
    trade_modes=tuple(modes),
    online={"any": None, "yes": True, "no": False}[online_choice],
    search=search,
    show_closed=show_closed,
    open_at=open_at,
)
points, table, counts = loaders.map_view(ctx.url, ctx.as_of, ctx.commune, chosen, lang)
# How the shops shown count: the overview counts the open ones only, the map shows the temporarily
# closed too (and, on demand, the closed and those not open yet).
caption = plural("map.count", counts.shown, lang)
if counts.temporarily_closed:
    caption += plural("map.count_temporarily", counts.temporarily_closed, lang)
if counts.other:
    caption += plural("map.count_other", counts.other, lang)
if counts.open != counts.shown:
    caption += ctx.t("map.count_overview", count=fmt_int(counts.open, lang))
st.caption(caption)
if open_at is not None:
    opened = ctx.t("map.open_now_at", date=fmt_date(open_at.date(), lang), time=open_at.strftime("%H:%M"))
    if counts.unknown_hours:
        opened += " · " + plural("map.hours_unknown", counts.unknown_hours, lang)
    st.caption(opened)

centre, zoom = None, None
if ctx.commune:
    communes, _, _ = loaders.store_facts(ctx.url)
    commune = communes[communes["code"] == ctx.commune].iloc[0]
    if pd.notna(commune["latitude"]) and pd.notna(commune["longitude"]):
        centre, zoom = (commune["latitude"], commune["longitude"]), 15
shop_map = shop_maps.map_of_points(points, lang, centre=centre, zoom=zoom)
# returned_objects=[]: panning or zooming the map must not rerun the page.
st_folium(shop_map, height=560, use_container_width=True, returned_objects=[], key="shop_map")
st.caption(ctx.t("map.attribution"))

if table.empty:
    st.info(ctx.t("map.none"))
else:
    st.subheader(ctx.t("map.table"))
    labels = {
        "name": ctx.t("col.name"),
        "commune": ctx.t("col.commune"),
        "category": ctx.t("col.category"),
        "status": ctx.t("col.status"),
        "address": ctx.t("col.address"),
        "phone": ctx.t("col.phone"),
        "website": ctx.t("col.website"),
        "online_shop_url": ctx.t("col.online_shop"),
        "trade_modes": ctx.t("col.trade_modes"),
        "opening_hours": ctx.t("col.opening_hours"),
    }
    st.dataframe(
        table.rename(columns=labels),
        hide_index=True,
        placeholder="—",
        column_config={
            labels["website"]: st.column_config.LinkColumn(),
            labels["online_shop_url"]: st.column_config.LinkColumn(),
        },
    )

    slug = f"{ctx.commune or 'network'}-{ctx.as_of.isoformat()}"
    for column, (fmt, label) in zip(
        st.columns(3), (("csv", "CSV"), ("xlsx", "Excel"), ("geojson", "GeoJSON")), strict=True
    ):
        mime, extension = exports.FORMATS[fmt]
        column.download_button(
            label,
            data=partial(loaders.shops_file, ctx.url, ctx.as_of, ctx.commune, chosen, fmt, lang),  # on click
            file_name=f"wiker-shops-{slug}.{extension}",
            mime=mime,
            icon=":material/download:",
            on_click="ignore",
            key=f"download_shops_{fmt}",
        )
