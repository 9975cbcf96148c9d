"""Openings and closures (mayors): events over time with the lockdowns shaded,
shops open, vacancy and density against reference figures, trade modes, categories."""

import datetime as dt
from functools import partial

import streamlit as st

from wiker_data.charts import activity as charts
from wiker_data.exports import to_csv_bytes
from wiker_data.i18n import (
    category_label,
    conventions,
    fmt_date,
    fmt_decimal,
    fmt_int,
    fmt_percent,
    fmt_signed,
)
from wiker_data.queries.activity import FREQUENCIES, period_totals
from wiker_data.queries.vitality import (
    DENSITY_SOURCE,
    REFERENCE_DENSITIES,
    VACANCY_SOURCE,
    shops_per_1000,
    vacancy_band,
)
from wiker_data.queries.vitality import vacancy_rate as vacancy_rate_of
from wiker_ui import loaders
from wiker_ui.layout import demo_notice, relabel, setup_page

ctx = setup_page("nav.activity")
lang = ctx.lang
st.title(ctx.t("activity.title") + (f" — {ctx.name_md}" if ctx.commune_name else ""))
demo_notice(ctx)

controls = st.columns([2, 2, 3])
start = controls[0].date_input(
    ctx.t("activity.from"),
    value=dt.date(2015, 1, 1),
    min_value=dt.date(1970, 1, 1),
    max_value=ctx.as_of,
    format=conventions(lang).date_input_format,
    key="activity_from",
)
controls[1].markdown(ctx.t("activity.until", date=fmt_date(ctx.as_of, lang)))
st.session_state.setdefault("activity_frequency", "year")
relabel("activity_frequency")
frequency = controls[2].radio(
    ctx.t("activity.frequency"),
    options=list(FREQUENCIES),
    format_func=lambda f: ctx.t(f"activity.frequency_{f}"),
    horizontal=True,
    key="activity_frequency",
)

series = loaders.activity(ctx.url, start, ctx.as_of, frequency, ctx.commune)
totals = period_totals(series)
metrics = st.columns(5)
metrics[0].metric(ctx.t("activity.openings"), fmt_int(totals["openings"], lang))
metrics[1].metric(ctx.t("activity.closures"), fmt_int(totals["closures"], lang))
metrics[2].metric(ctx.t("activity.reopenings"), fmt_int(totals["reopenings"], lang))
metrics[3].metric(
    ctx.t("activity.net_change"),
    fmt_signed(totals["net_change"], lang),
    help=ctx.t("activity.net_change_help"),
)
metrics[4].metric(
    ctx.t("activity.temporary_closures"),
    fmt_int(totals["temporary_closures"], lang),
    help=ctx.t("activity.temporary_help"),
)

st.subheader(ctx.t("activity.events_title"))
st.plotly_chart(charts.events_chart(series, frequency, lang), config={"displayModeBar": False})
st.caption(ctx.t("activity.lockdown_note"))
st.subheader(ctx.t("activity.open_title"))
st.plotly_chart(charts.open_shops_chart(series, frequency, lang), config={"displayModeBar": False})
if totals["recorded"]:
    st.caption(ctx.t("activity.recorded_note", count=fmt_int(totals["recorded"], lang)))
series_columns = {
    "period": ctx.t("activity.period"),
    "openings": ctx.t("activity.openings"),
    "closures": ctx.t("activity.closures"),
    "reopenings": ctx.t("activity.reopenings"),
    "reopenings_after_closure": ctx.t("activity.reopenings_after_closure"),
    "temporary_closures": ctx.t("activity.temporary_closures"),
    "net_change": ctx.t("activity.net_change"),
    "shops_open": ctx.t("activity.shops_open"),
    "temporarily_closed": ctx.t("activity.temporarily_closed"),
    "recorded": ctx.t("activity.recorded"),
}
st.download_button(
    ctx.t("activity.download"),
    partial(to_csv_bytes, series, series_columns, lang=lang),  # built on click only
    file_name=f"wiker-activity-{ctx.commune or 'network'}-{frequency}.csv",
    mime="text/csv",
    on_click="ignore",
    key="download_activity",
)

st.subheader(ctx.t("activity.vitality_title"))
kpis = loaders.commune_kpis(ctx.url, ctx.as_of, ctx.commune)
communes, _, _ = loaders.store_facts(ctx.url)
shops_open, population = int(kpis["shops_open"].sum()), int(kpis["population"].fillna(0).sum())
left, right = st.columns(2)
with left:
    units = None
    if ctx.commune:
        known = communes.loc[communes["code"] == ctx.commune, "shop_units"].dropna()
        units = int(known.iloc[0]) if len(known) else None
    rate = vacancy_rate_of(units, shops_open)
    if rate is None:
        st.metric(ctx.t("activity.vacancy"), "—")
        st.caption(ctx.t("activity.vacancy_unknown" if ctx.commune else "activity.vacancy_network"))
    else:
        st.metric(
            ctx.t("activity.vacancy"),
            fmt_percent(rate, lang, digits=1),
            help=ctx.t("activity.vacancy_help", units=fmt_int(units, lang), open=fmt_int(shops_open, lang)),
        )
        st.markdown(ctx.t("activity.band_is", band=ctx.t(f"band.{vacancy_band(rate)}")))
        st.plotly_chart(charts.vacancy_gauge(rate, lang), config={"displayModeBar": False})
    st.caption(ctx.t("activity.bands_legend") + " " + ctx.t("activity.source", source=ctx.t(VACANCY_SOURCE)))
with right:
    density = shops_per_1000(shops_open, population)
    st.metric(ctx.t("activity.density"), fmt_decimal(density, lang, digits=1))
    references = " · ".join(
        f"{ctx.t(f'density.{key}')} {fmt_decimal(value, lang, digits=1)}"
        for key, value in REFERENCE_DENSITIES
    )
    st.caption(ctx.t("activity.density_reference", references=references))
    st.caption(ctx.t("activity.source", source=DENSITY_SOURCE) + " " + ctx.t("activity.density_note"))

st.subheader(ctx.t("activity.modes_title"))
coverage = loaders.trade_mode_coverage(ctx.url, start, ctx.as_of, frequency, ctx.commune)
st.plotly_chart(charts.trade_modes_chart(coverage, frequency, lang), config={"displayModeBar": False})
st.caption(ctx.t("activity.modes_note"))

st.subheader(ctx.t("activity.categories_title"))
summary = loaders.category_summary(ctx.url, start, ctx.as_of, ctx.commune)
if summary.empty:
    st.info(ctx.t("activity.no_events"))
else:
    st.plotly_chart(charts.category_chart(summary, lang), config={"displayModeBar": False})
    labelled = summary.assign(category=[category_label(c, lang) for c in summary["category"]])
    category_columns = {
        "category": ctx.t("col.category"),
        **{k: v for k, v in series_columns.items() if k in summary},
    }
    st.dataframe(
        labelled[list(category_columns)].rename(columns=category_columns), hide_index=True, placeholder="—"
    )
    st.download_button(
        ctx.t("activity.download"),
        partial(to_csv_bytes, labelled, category_columns, lang=lang),  # built on click only
        file_name=f"wiker-categories-{ctx.commune or 'network'}.csv",
        mime="text/csv",
        on_click="ignore",
        key="download_categories",
    )
