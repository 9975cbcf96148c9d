"""Commune comparison (mayors): one row of KPIs per commune, the chosen one highlighted,
the communes of similar size marked."""

import pandas as pd
import streamlit as st

from wiker_data.exports import to_csv_bytes
from wiker_data.i18n import fmt_decimal, fmt_int, fmt_month, fmt_percent, fmt_signed
from wiker_ui import lists, loaders, tables
from wiker_ui.layout import demo_notice, setup_page

ctx = setup_page("nav.comparison")
lang = ctx.lang
st.title(ctx.t("comparison.title"))
demo_notice(ctx)
if ctx.commune:
    st.markdown(ctx.t("comparison.chosen", name=ctx.name_md))
else:
    st.info(ctx.t("comparison.choose"))

table = loaders.comparison(ctx.url, ctx.as_of, ctx.commune)
listed = lists.choose(table, ctx.commune, "comparison", lang)
rows = listed.rows
columns = {
    "position": ctx.t("listing.position"),
    "name": ctx.t("col.commune"),
    "population": ctx.t("col.population"),
    "shops_open": ctx.t("col.shops_open"),
    "shops_per_1000": ctx.t("comparison.density"),
    "net_change": ctx.t("comparison.net_change"),
    "vacancy_rate": ctx.t("comparison.vacancy"),
    "share_online": ctx.t("col.share_online"),
    "visits_per_inhabitant": ctx.t("comparison.visits_per_inhabitant"),
    "similar_size": ctx.t("comparison.similar"),
}
shown = rows[list(columns)].assign(similar_size=rows["similar_size"].map({True: "✓", False: ""}))
shown = shown.rename(columns=columns)

formats = {
    columns["position"]: lambda v: fmt_int(v, lang),
    columns["population"]: lambda v: fmt_int(v, lang),
    columns["shops_open"]: lambda v: fmt_int(v, lang),
    columns["shops_per_1000"]: lambda v: fmt_decimal(None if pd.isna(v) else v, lang, digits=1),
    columns["net_change"]: lambda v: fmt_signed(int(v), lang),
    columns["vacancy_rate"]: lambda v: fmt_percent(None if pd.isna(v) else v, lang, digits=1),
    columns["share_online"]: lambda v: fmt_percent(None if pd.isna(v) else v, lang),
    columns["visits_per_inhabitant"]: lambda v: fmt_decimal(None if pd.isna(v) else v, lang),
}
st.dataframe(
    tables.highlight_rows(shown, rows["chosen"]).format(formats, na_rep="—"),
    hide_index=True,
    placeholder="—",
    height=35 * len(shown) + 40,
)
chosen_listed = ctx.commune is not None and bool(table["chosen"].any())
lists.caption(
    listed,
    len(table),
    columns["position"],
    ctx.commune_name if chosen_listed else None,
    lang,
)
st.caption(
    ctx.t("comparison.notes", month=fmt_month(loaders.overview(ctx.url, ctx.as_of, None).visits_month, lang))
)
exported = {"code": ctx.t("col.code"), **{key: name for key, name in columns.items() if key != "position"}}


def whole_comparison() -> bytes:
    """Every member commune's row as CSV, written when the button is clicked."""
    return to_csv_bytes(table, exported, lang=lang)


st.download_button(
    ctx.t("activity.download"),
    whole_comparison,
    file_name="wiker-comparison.csv",
    mime="text/csv",
    on_click="ignore",
    key="download_comparison",
)
