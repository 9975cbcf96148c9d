"""Online-presence audit (coordinators; readable by all): what each open shop
shows online, the shares per category or commune, and the call list of the
shops with no online presence."""

import streamlit as st

from wiker_data import presence
from wiker_data import presence_charts as charts
from wiker_data.exports import to_csv_bytes
from wiker_data.i18n import category_label, fmt_decimal, fmt_int, fmt_percent
from wiker_ui import loaders
from wiker_ui.layout import demo_notice, setup_page

ctx = setup_page("nav.presence")
lang = ctx.lang
st.title(ctx.t("presence.title") + (f" — {ctx.commune_name}" if ctx.commune_name else ""))
demo_notice(ctx)

table = loaders.presence_checklist(ctx.url, ctx.as_of, ctx.commune)
if table.empty:
    st.info(ctx.t("presence.no_shops"))
    st.stop()

calls = presence.call_list(table)
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
st.plotly_chart(charts.shares_chart(presence.shares(table), lang), config={"displayModeBar": False})

group = "category" if ctx.commune else "commune_code"
communes, _, _ = loaders.store_facts(ctx.url)
names = dict(zip(communes["code"], communes["name"], strict=True))
st.subheader(ctx.t("presence.by_category" if ctx.commune else "presence.by_commune"))
st.plotly_chart(
    charts.shares_heatmap(presence.shares(table, by=group), group, lang, names),
    config={"displayModeBar": False},
)

st.subheader(ctx.t("presence.call_list"))
st.caption(ctx.t("presence.call_list_help"))
labels = charts.item_labels(lang)
readable = calls.assign(
    commune=calls["commune_code"].map(names),
    category=[category_label(c, lang) for c in calls["category"]],
    missing=[", ".join(labels[presence.ITEMS.index(item)] for item in items) for items in calls["missing"]],
    edit=[f"/edit_shop?shop={shop}" for shop in calls["id"]],  # the shop's form (coordinators sign in there)
)
columns = {
    "name": ctx.t("col.name"),
    "commune": ctx.t("col.commune"),
    "category": ctx.t("col.category"),
    "phone": ctx.t("col.phone"),
    "address": ctx.t("col.address"),
    "score": ctx.t("presence.score"),
    "missing": ctx.t("presence.missing"),
}
shown = readable[[*columns, "edit"]].rename(columns={**columns, "edit": ctx.t("presence.edit")}).fillna("")
st.dataframe(
    shown,
    hide_index=True,
    column_config={
        ctx.t("presence.edit"): st.column_config.LinkColumn(display_text=ctx.t("presence.edit_link"))
    },
)
st.download_button(
    ctx.t("presence.download"),
    to_csv_bytes(readable.fillna(""), columns),
    file_name=f"wiker-call-list-{ctx.commune or 'network'}.csv",
    mime="text/csv",
    key="download_call_list",
)
