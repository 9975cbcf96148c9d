"""Online-presence audit (coordinators; readable by all): what the open shops show online, the
shares per category or commune, and the call list of the shops with no online presence, a page
at a time (everything counted in SQL: the network's view reads a few rows, not one per shop)."""

import math

import streamlit as st

from wiker_data.exports import to_csv_bytes
from wiker_data.i18n import fmt_decimal, fmt_int, fmt_percent
from wiker_data.queries import presence
from wiker_ui import loaders
from wiker_ui.layout import demo_notice, setup_page

ctx = setup_page("nav.presence")
lang = ctx.lang
st.title(ctx.t("presence.title") + (f" — {ctx.name_md}" if ctx.commune_name else ""))
demo_notice(ctx)

view = loaders.presence_view(ctx.url, ctx.as_of, ctx.commune, lang)
total = view["total"]
if not total["shops"]:
    st.info(ctx.t("presence.no_shops"))
    st.stop()

metrics = st.columns(4)
metrics[0].metric(ctx.t("presence.open_shops"), fmt_int(total["shops"], lang))
metrics[1].metric(ctx.t("overview.share_online"), fmt_percent(total["online"] / total["shops"], lang))
metrics[2].metric(
    ctx.t("presence.average_score"),
    f"{fmt_decimal(total['score'] / total['shops'], lang, digits=1)} / {len(presence.ITEMS)}",
    help=ctx.t("presence.score_help"),
)
metrics[3].metric(ctx.t("presence.to_call"), fmt_int(total["to_call"], lang))

st.subheader(ctx.t("presence.shares_title"))
st.plotly_chart(view["shares_chart"], config={"displayModeBar": False})
st.subheader(ctx.t("presence.by_category" if ctx.commune else "presence.by_commune"))
if not ctx.commune and view["groups"] > loaders.PRESENCE_GROUPS:
    st.caption(
        ctx.t(
            "presence.largest_groups",
            shown=fmt_int(loaders.PRESENCE_GROUPS, lang),
            count=fmt_int(view["groups"], lang),
        )
    )
st.plotly_chart(view["heatmap"], config={"displayModeBar": False})

st.subheader(ctx.t("presence.call_list"))
st.caption(ctx.t("presence.call_list_help"))
pages = max(1, math.ceil(total["to_call"] / loaders.CALLS_PER_PAGE))
page = 1
if pages > 1:
    page = st.number_input(
        ctx.t("presence.page", pages=fmt_int(pages, lang)),
        min_value=1,
        max_value=pages,
        step=1,
        key="calls_page",
    )
calls = loaders.presence_calls(ctx.url, ctx.as_of, ctx.commune, lang, int(page) - 1)
columns = {
    "reach": ctx.t("presence.reach"),
    "group": ctx.t("presence.group"),
    "name": ctx.t("col.name"),
    "commune": ctx.t("col.commune"),
    "category": ctx.t("col.category"),
    "phone": ctx.t("col.phone"),
    "email": ctx.t("edit.email"),
    "address": ctx.t("col.address"),
    "score": ctx.t("presence.score"),
    "missing": ctx.t("presence.missing"),
}
shown = calls[[*columns, "edit"]].rename(columns={**columns, "edit": ctx.t("presence.edit")}).fillna("")
st.dataframe(
    shown,
    hide_index=True,
    placeholder="—",
    column_config={
        ctx.t("presence.edit"): st.column_config.LinkColumn(display_text=ctx.t("presence.edit_link"))
    },
)


def whole_call_list() -> bytes:
    """The whole call list as CSV, read when the button is clicked."""
    every = loaders.presence_calls(ctx.url, ctx.as_of, ctx.commune, lang, None)
    return to_csv_bytes(every.fillna(""), columns, lang=lang)


st.download_button(
    ctx.t("presence.download"),
    whole_call_list,
    file_name=f"wiker-call-list-{ctx.commune or 'network'}.csv",
    mime="text/csv",
    on_click="ignore",
    key="download_call_list",
)
