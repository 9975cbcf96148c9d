"""Plotly figures of the pages, built from query results; labels in the chosen language."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from babel.dates import format_date

from wiker_data.categories import colour_of
from wiker_data.i18n import category_label, conventions, fmt_month, fmt_percent, t
from wiker_data.periods import PERIOD_MONTHS


def base_layout(fig: go.Figure, lang: str, height: int) -> go.Figure:
    fig.update_layout(
        separators=conventions(lang).plotly_separators,
        height=height,
        margin=dict(l=10, r=10, t=10, b=10),
        plot_bgcolor="white",
    )
    return fig


def percent_ticks(lang: str, step: float = 0.2) -> dict:
    """Return the tick values and labels of a 0-100 % axis, written as the language writes shares
    (plotly's ".0%" gives "20%", not French « 20 % »)."""
    values = [round(i * step, 4) for i in range(round(1 / step) + 1)]
    return dict(tickvals=values, ticktext=[fmt_percent(v, lang) for v in values])


def open_shops_by_category(table: pd.DataFrame, lang: str) -> go.Figure:
    """Return a horizontal bar chart of open shops per category (from queries.open_shops_by_category)."""
    table = table.sort_values("shops_open")
    fig = go.Figure(
        go.Bar(
            x=table["shops_open"],
            y=[category_label(c, lang) for c in table["category"]],
            orientation="h",
            marker_color=[colour_of(c) for c in table["category"]],
            marker_line=dict(color="#333333", width=0.5),
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    fig.update_xaxes(title_text=t("col.shops_open", lang), gridcolor="#e5e5e5")
    return base_layout(fig, lang, height=max(240, 22 * len(table) + 60))


# visits page

VISITS, UNIQUE_VISITORS, ROLLING = "#0072B2", "#56B4E9", "#D55E00"  # Okabe–Ito


def month_label(month, lang: str) -> str:
    """Return a short month and year for an axis ("janv. 2024", "Jan 2024")."""
    return format_date(month, format="MMM y", locale=conventions(lang).locale)


LABEL_STEPS = (1, 2, 3, 6, 12, 24, 60, 120)  # months between two labels of a time axis
MOST_LABELS = 12  # side by side on a page's width without overlapping


def labelled(periods: list, frequency: str = "month") -> list[int]:
    """Return the indices of the periods (first days of months, quarters or years) labelled on a time
    axis: at most MOST_LABELS, at a round step (every 3 or 6 months, each January, every 2 or 5 years)
    so that the labels fall on the same months year after year and never overlap."""
    if not periods:
        return []
    months = PERIOD_MONTHS[frequency]
    span = (periods[-1].year - periods[0].year) * 12 + periods[-1].month - periods[0].month + months
    step = next((s for s in LABEL_STEPS if s % months == 0 and -(-span // s) <= MOST_LABELS), LABEL_STEPS[-1])
    return [i for i, p in enumerate(periods) if (p.year * 12 + p.month - 1) % step == 0]


def _month_axis(fig: go.Figure, months: pd.Series, lang: str) -> None:
    """Label the x axis with month names in the chosen language (plotly's own are English only)."""
    months = list(months)
    shown = [months[i] for i in labelled(months)]
    fig.update_xaxes(
        tickvals=shown, ticktext=[month_label(m, lang) for m in shown], gridcolor="#EEEEEE", tickangle=0
    )


def _hover(series: pd.DataFrame, lang: str, number: str) -> dict:
    """Return the hover arguments of a monthly trace: the month's name in the language, then the value."""
    colon = conventions(lang).colon
    return dict(
        customdata=[fmt_month(m, lang) for m in series["month"]],
        hovertemplate="%{customdata}" + colon + "%{y:" + number + "}<extra></extra>",
    )


def _visits_layout(fig: go.Figure, series: pd.DataFrame, lang: str) -> go.Figure:
    _month_axis(fig, series["month"], lang)
    fig.update_layout(legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0), bargap=0.15)
    base_layout(fig, lang, height=360)
    fig.update_layout(margin=dict(l=10, r=10, t=40, b=10))  # room for the legend above the plot
    return fig


def monthly_visits_chart(series: pd.DataFrame, lang: str) -> go.Figure:
    """Return the monthly visits as bars, unique visitors as a line where known (visits.monthly_visits)."""
    fig = go.Figure()
    fig.add_bar(
        x=series["month"],
        y=series["visits"],
        name=t("visits.visits", lang),
        marker_color=VISITS,
        **_hover(series, lang, ",.0f"),
    )
    unique = series["unique_visitors"].astype("Float64").to_numpy(dtype=float, na_value=float("nan"))
    if (unique == unique).any():  # some month has a figure (NaN != NaN)
        fig.add_scatter(
            x=series["month"],
            y=unique,
            name=t("visits.unique_visitors", lang),
            mode="lines",
            line=dict(color=ROLLING, width=2),
            **_hover(series, lang, ",.0f"),
        )
    fig.update_yaxes(
        title_text=t("visits.visits", lang), tickformat=",d", gridcolor="#E5E5E5", rangemode="tozero"
    )  # ",d": 10 000 rather than plotly's 10k
    return _visits_layout(fig, series, lang)


def visits_per_inhabitant_chart(series: pd.DataFrame, lang: str) -> go.Figure:
    """Return the monthly visits per inhabitant as bars and their 12-month rolling mean as a line
    (visits.monthly_visits)."""
    fig = go.Figure()
    fig.add_bar(
        x=series["month"],
        y=series["visits_per_inhabitant"],
        name=t("visits.per_inhabitant", lang),
        marker_color=UNIQUE_VISITORS,
        **_hover(series, lang, ".2f"),
    )
    fig.add_scatter(
        x=series["month"],
        y=series["rolling_12m_visits_per_inhabitant"],
        name=t("visits.rolling", lang),
        mode="lines",
        line=dict(color=ROLLING, width=3),
        **_hover(series, lang, ".2f"),
    )
    fig.update_yaxes(
        title_text=t("visits.per_inhabitant", lang), tickformat=".2f", gridcolor="#E5E5E5", rangemode="tozero"
    )
    return _visits_layout(fig, series, lang)
