"""Online-presence audit (coordinators; readable by all): what each open shop
shows online, the shares per category or commune, and the call list of the
shops with no online presence."""

from functools import partial

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
table = view["table"]
if table.empty:
    st.info(ctx.t("presence.no_shops"))
    st.stop()

calls = view["calls"]
metrics = st.columns(4)
metrics[0].metric(ctx.t("presence.open_shops"), fmt_int(len(table), lang))
metrics[1].metric(ctx.t("overview.share_online"), fmt_percent(table["online"].mean(), lang))
metrics[2].metric(
    ctx.t("presence.average_score"),
    f"{fmt_decimal(table['score'].mean(), lang, digits=1)} / {len(presence.ITEMS)}",
    help=ctx.t("presence.score_help"),
)
metrics[3].metric(ctx.t("presence.to_call"), fmt_int(len(calls), lang))

st.subheader(ctx.t("presence.shares_title"))
st.plotly_chart(view["shares_chart"], config={"displayModeBar": False})
st.subheader(ctx.t("presence.by_category" if ctx.commune else "presence.by_commune"))
st.plotly_chart(view["heatmap"], config={"displayModeBar": False})

st.subheader(ctx.t("presence.call_list"))
st.caption(ctx.t("presence.call_list_help"))
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
st.download_button(
    ctx.t("presence.download"),
    partial(to_csv_bytes, calls.fillna(""), columns, lang=lang),  # built on click
    file_name=f"wiker-call-list-{ctx.commune or 'network'}.csv",
    mime="text/csv",
    on_click="ignore",
    key="download_call_list",
)
