"""Visits (mayors): monthly visits of the commune or of the network, visits per inhabitant with
a 12-month rolling mean, before/after joining the network, and the ranking of the communes."""

from functools import partial

import pandas as pd
import streamlit as st

from wiker_data.charts.base import month_label, monthly_visits_chart, visits_per_inhabitant_chart
from wiker_data.exports import to_csv_bytes
from wiker_data.i18n import fmt_date, fmt_decimal, fmt_int, fmt_percent
from wiker_data.periods import add_months, last_complete_month, month_end, month_range
from wiker_ui import lists, loaders, tables
from wiker_ui.layout import demo_notice, setup_page

DEFAULT_MONTHS = 36
PERIOD_KEY = "visits_period"

ctx = setup_page("nav.visits")
lang = ctx.lang
st.title(ctx.t("visits.title") + (f" — {ctx.name_md}" if ctx.commune_name else ""))
demo_notice(ctx)
chart_config = {"displayModeBar": False}


def short(month) -> str:
    return month_label(month, lang)


def signed_percent(change: float) -> str:
    # An ASCII minus: st.metric colours a delta red when its text starts with "-".
    return ("+" if change > 0 else "") + fmt_percent(change, lang)


# Before / after joining: only for a commune.
st.subheader(ctx.t("visits.before_after_title"))
if not ctx.commune:
    st.info(ctx.t("visits.before_after_network"))
else:
    compared = loaders.before_after(ctx.url, ctx.as_of, ctx.commune)
    if compared.joined_on and ctx.left_on and ctx.as_of >= ctx.left_on:
        st.caption(
            ctx.t(
                "visits.joined_left",
                name=ctx.name_md,
                joined=fmt_date(compared.joined_on, lang),
                left=fmt_date(ctx.left_on, lang),
            )
        )
    elif compared.joined_on:
        st.caption(ctx.t("visits.joined", name=ctx.name_md, date=fmt_date(compared.joined_on, lang)))
    else:
        st.caption(ctx.t("visits.not_member", name=ctx.name_md))
    left, right = st.columns(2)
    no_data = ctx.t("visits.no_average")
    if compared.first_12_months_start:
        left.metric(
            ctx.t(
                "visits.first_12",
                start=short(compared.first_12_months_start),
                end=short(compared.first_12_months_end),
            ),
            fmt_decimal(compared.first_12_months_average, lang)
            if compared.first_12_months_average is not None
            else no_data,
            help=ctx.t("visits.average_help", count=compared.first_12_months_months),
        )
    right.metric(
        ctx.t(
            "visits.last_12",
            start=short(compared.last_12_months_start),
            end=short(compared.last_12_months_end),
        ),
        fmt_decimal(compared.last_12_months_average, lang)
        if compared.last_12_months_average is not None
        else no_data,
        delta=signed_percent(compared.change) if compared.change is not None else None,
        help=ctx.t("visits.average_help", count=compared.last_12_months_months),
    )

# The period: a range of months, the last 36 complete ones by default.
last = last_complete_month(ctx.as_of)
default_start = add_months(last, 1 - DEFAULT_MONTHS)
first_data, _ = loaders.visits_span(ctx.url)
months = month_range(min(first_data or default_start, default_start), last)
chosen = st.session_state.get(PERIOD_KEY)
if chosen is not None and not all(month in months for month in chosen):
    del st.session_state[PERIOD_KEY]  # the as-of date moved: start again from the default
start, end_month = st.select_slider(
    ctx.t("visits.period"),
    options=months,
    value=(default_start, last),
    format_func=short,
    help=ctx.t("visits.period_help"),
    key=PERIOD_KEY,
)
end = month_end(end_month)
slug = f"{ctx.commune or 'network'}-{start:%Y-%m}-{end:%Y-%m}"

series = loaders.monthly_visits(ctx.url, start, end, ctx.commune)
if series.empty:
    st.info(ctx.t("visits.no_data", name=ctx.name_md or ctx.t("visits.the_network")))
else:
    st.subheader(ctx.t("visits.monthly_title"))
    st.plotly_chart(monthly_visits_chart(series, lang), config=chart_config, key="visits_chart")
    st.download_button(
        ctx.t("visits.download"),
        partial(  # built on click only
            to_csv_bytes,
            series,
            {
                "month": ctx.t("visits.month"),
                "visits": ctx.t("visits.visits"),
                "unique_visitors": ctx.t("visits.unique_visitors"),
            },
            lang=lang,
        ),
        file_name=f"wiker-visits-{slug}.csv",
        mime="text/csv",
        on_click="ignore",
        key="download_visits",
    )

    st.subheader(ctx.t("visits.per_inhabitant_title"))
    st.plotly_chart(visits_per_inhabitant_chart(series, lang), config=chart_config, key="per_inhabitant")
    st.caption(ctx.t("visits.per_inhabitant_note"))
    st.download_button(
        ctx.t("visits.download"),
        partial(  # built on click only
            to_csv_bytes,
            series,
            {
                "month": ctx.t("visits.month"),
                "visits": ctx.t("visits.visits"),
                "population": ctx.t("visits.population"),
                "visits_per_inhabitant": ctx.t("visits.per_inhabitant"),
                "rolling_12m_visits_per_inhabitant": ctx.t("visits.rolling"),
            },
            lang=lang,
        ),
        file_name=f"wiker-visits-per-inhabitant-{slug}.csv",
        mime="text/csv",
        on_click="ignore",
        key="download_per_inhabitant",
    )

# Ranking of the member communes over the period.
st.subheader(ctx.t("visits.ranking_title"))
ranking = loaders.visits_ranking(ctx.url, start, end)
if ctx.commune:
    rank = ranking.loc[ranking["code"] == ctx.commune, "rank"]
    if len(rank) and not pd.isna(rank.iloc[0]):
        st.markdown(
            ctx.t(
                "visits.ranking_chosen",
                name=ctx.name_md,
                rank=fmt_int(rank.iloc[0], lang),
                count=fmt_int(len(ranking), lang),
            )
        )
    else:
        st.markdown(ctx.t("visits.ranking_unranked", name=ctx.name_md))
columns = {
    "rank": ctx.t("visits.rank"),
    "name": ctx.t("col.commune"),
    "population": ctx.t("col.population"),
    "months": ctx.t("visits.months"),
    "visits": ctx.t("visits.visits"),
    "visits_per_inhabitant_per_month": ctx.t("visits.per_inhabitant_per_month"),
}
listed = lists.choose(ranking, ctx.commune, "ranking", lang)
rows = listed.rows
shown = rows[list(columns)].rename(columns=columns)
chosen_rows = rows["code"] == ctx.commune


def number(digits: int = 0):
    def formatted(value) -> str:
        if pd.isna(value):
            return "—"
        return fmt_int(value, lang) if digits == 0 else fmt_decimal(value, lang, digits=digits)

    return formatted


st.dataframe(
    tables.highlight_rows(shown, chosen_rows).format(
        {
            columns["rank"]: number(),
            columns["population"]: number(),
            columns["months"]: number(),
            columns["visits"]: number(),
            columns["visits_per_inhabitant_per_month"]: number(2),
        }
    ),
    hide_index=True,
    placeholder="—",
    height=35 * len(shown) + 40,
    key="visits_ranking",
)
chosen_listed = bool(ranking["code"].eq(ctx.commune).any())
lists.caption(listed, len(ranking), columns["rank"], ctx.commune_name if chosen_listed else None, lang)
st.caption(ctx.t("visits.ranking_note", first=short(start), last=short(end), year=end.year))


def whole_ranking() -> bytes:
    """Every member commune's rank as CSV, written when the button is clicked."""
    return to_csv_bytes(ranking, {"code": ctx.t("col.code"), **columns}, lang=lang)


st.download_button(
    ctx.t("visits.download"),
    whole_ranking,
    file_name=f"wiker-visits-ranking-{start:%Y-%m}-{end:%Y-%m}.csv",
    mime="text/csv",
    on_click="ignore",
    key="download_ranking",
)
