"""Home page: the overview of the network, or of the commune chosen in the sidebar."""

import pandas as pd
import streamlit as st

from wiker_data.charts import base as charts
from wiker_data.escaping import escape_markdown
from wiker_data.i18n import (
    fmt_date,
    fmt_decimal,
    fmt_int,
    fmt_month,
    fmt_percent,
    fmt_short_date,
    fmt_signed,
    plural,
)
from wiker_ui import lists, loaders, tables
from wiker_ui.layout import demo_notice, setup_page

ctx = setup_page("nav.overview")


def fmt_year(year) -> str:
    return "—" if pd.isna(year) else str(int(year))


lang = ctx.lang
st.title(ctx.t("overview.title"))
demo_notice(ctx)

table = loaders.commune_kpis(ctx.url, ctx.as_of, ctx.commune)
kpis = loaders.overview(ctx.url, ctx.as_of, ctx.commune)
if ctx.commune:
    row = table.iloc[0]
    st.subheader(
        ctx.t(
            "overview.subtitle_commune",
            name=ctx.name_md,
            code=ctx.commune,
            population=fmt_int(row["population"], lang),
            year=fmt_year(row["population_year"]),
        )
    )
else:
    st.subheader(ctx.t("overview.subtitle_network", count=fmt_int(kpis.communes, lang)))

first = st.columns(4 if ctx.commune else 5)
if not ctx.commune:
    first[0].metric(ctx.t("overview.communes"), fmt_int(kpis.communes, lang))
first[-4].metric(ctx.t("overview.shops_open"), fmt_int(kpis.shops_open, lang))
first[-3].metric(ctx.t("overview.openings_12m"), fmt_int(kpis.openings, lang))
first[-2].metric(ctx.t("overview.closures_12m"), fmt_int(kpis.closures, lang))
first[-1].metric(
    ctx.t("overview.net_change_12m"),
    fmt_signed(kpis.net_change, lang),
    help=ctx.t("overview.reopenings_help", count=fmt_int(kpis.reopenings_after_closure, lang)),
)

second = st.columns(4 if ctx.commune else 5)
second[0].metric(
    ctx.t("overview.visits_last_month", month=fmt_month(kpis.visits_month, lang)),
    fmt_int(kpis.visits, lang),
    help=ctx.t("overview.no_visits") if kpis.visits is None else None,
)
second[1].metric(ctx.t("overview.visits_per_inhabitant"), fmt_decimal(kpis.visits_per_inhabitant, lang))
second[2].metric(ctx.t("overview.share_online"), fmt_percent(kpis.share_online, lang))

warnings = loaders.closure_warnings(ctx.url, ctx.as_of, ctx.commune)
if len(warnings) > tables.WARNINGS_IN_FULL:  # the network's at national size: a table, not a wall
    st.warning(plural("warning.many", len(warnings), lang), icon=":material/warning:")
    st.dataframe(tables.warnings_table(warnings, lang), hide_index=True)
else:
    for warning in warnings:
        st.warning(
            ctx.t(
                "warning.sentence",
                name=escape_markdown(warning.name),
                closures=plural("warning.closures", warning.closures, lang),
                openings=plural("warning.openings", warning.openings, lang),
                previous=plural("warning.previous", warning.previous_closures, lang),
            ),
            icon=":material/warning:",
        )
if not warnings and not ctx.commune:
    st.caption(ctx.t("warning.none"))

if ctx.commune and ctx.left_on and ctx.as_of >= ctx.left_on:  # its report would be refused
    st.caption(ctx.t("report.left_network", name=ctx.name_md, date=fmt_date(ctx.left_on, lang)))
elif ctx.commune:
    left, right = st.columns(2)
    left.download_button(
        ctx.t("report.download_pdf"),
        data=lambda: loaders.report_pdf(ctx.url, ctx.as_of, ctx.commune, lang),  # built on click only
        file_name=f"wiker-rapport-{ctx.commune}-{ctx.as_of.isoformat()}.pdf",
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        key="download_report_pdf",
    )
    right.download_button(
        ctx.t("report.download_json"),
        data=lambda: loaders.report_json(ctx.url, ctx.as_of, ctx.commune),
        file_name=f"wiker-rapport-{ctx.commune}-{ctx.as_of.isoformat()}.json",
        mime="application/json",
        key="download_report_json",
    )

with st.expander(ctx.t("overview.definitions_title")):
    st.markdown(ctx.t("overview.definitions"))

by_category = loaders.open_shops_by_category(ctx.url, ctx.as_of, ctx.commune)
if not ctx.commune:
    st.subheader(ctx.t("overview.by_commune"))
    table = table.sort_values(["shops_open", "name"], ascending=[False, True], kind="stable")
    listed = lists.choose(table, None, "overview", lang)
    columns = {
        "position": ctx.t("listing.position"),
        "name": ctx.t("col.commune"),
        "population": ctx.t("col.population"),
        "joined_on": ctx.t("col.joined_on"),
        "shops_open": ctx.t("col.shops_open"),
        "openings": ctx.t("col.openings"),
        "closures": ctx.t("col.closures"),
        "net_change": ctx.t("col.net_change"),
        "visits": ctx.t("col.visits"),
        "visits_per_inhabitant": ctx.t("overview.visits_per_inhabitant"),
        "share_online": ctx.t("col.share_online"),
    }
    # Numbers stay numbers (the table sorts on them) and are shown in the chosen language.
    formats = {
        **{
            columns[c]: (lambda v: fmt_int(v, lang))
            for c in ("position", "population", "shops_open", "openings", "closures")
        },
        columns["visits"]: lambda v: fmt_int(v, lang),
        columns["joined_on"]: lambda v: fmt_short_date(v, lang),
        columns["net_change"]: lambda v: fmt_signed(int(v), lang),
        columns["visits_per_inhabitant"]: lambda v: fmt_decimal(v, lang),
        columns["share_online"]: lambda v: fmt_percent(v, lang),
    }
    shown = listed.rows[list(columns)].rename(columns=columns)
    st.dataframe(shown.style.format(formats, na_rep="—"), hide_index=True, placeholder="—")
    lists.caption(listed, len(table), columns["position"], None, lang)

st.subheader(ctx.t("overview.by_category"))
if by_category.empty:
    st.info(ctx.t("overview.no_shops"))
else:
    st.plotly_chart(charts.open_shops_by_category(by_category, lang), config={"displayModeBar": False})
