"""Figures of the openings-and-closures page: events per period with the
lockdowns shaded, shops open over time, trade-mode coverage, net change by
category, and the vacancy rate against the Procos bands."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from wiker_data.categories import colour_of
from wiker_data.charts.base import base_layout, percent_ticks
from wiker_data.i18n import category_label, conventions, fmt_int, fmt_month, fmt_percent, t
from wiker_data.periods import LOCKDOWNS, quarter
from wiker_data.queries.vitality import VACANCY_BANDS

OPENING, CLOSURE, REOPENING, TEMPORARY = "#009E73", "#D55E00", "#56B4E9", "#999999"
RECORDED = "#E69F00"  # shops entered open without an opening (an import)


def period_label(period: dt.date, frequency: str, lang: str) -> str:
    """Return how a period is named on an axis: "mars 2024", "T1 2024" / "Q1 2024", "2024"."""
    if frequency == "year":
        return str(period.year)
    if frequency == "quarter":
        return f"{conventions(lang).quarter_letter}{quarter(period)} {period.year}"
    return fmt_month(period, lang)


PERIODS = {"month": "M1", "quarter": "M3", "year": "M12"}  # plotly's period lengths


def _shade_lockdowns(fig: go.Figure, lang: str) -> None:
    for number, (start, end) in enumerate(LOCKDOWNS):
        # Any annotation_* argument makes an annotation ("new text" when it has none): only the first has one.
        label = {
            "annotation_text": t("activity.lockdown", lang),
            "annotation_position": "top left",
            "annotation_font_size": 11,
        }
        fig.add_vrect(
            x0=start,
            x1=end,
            fillcolor="#BBBBBB",
            opacity=0.35,
            line_width=0,
            layer="below",
            **(label if number == 0 else {}),
        )


def _date_axis(fig: go.Figure, periods: pd.Series, frequency: str, lang: str, points_at: str = "end") -> None:
    """Label the x axis in the chosen language (plotly's own month names are English only)."""
    shown = list(periods)
    if len(shown) > 16:  # keep about a dozen labels
        step = -(-len(shown) // 12)
        shown = shown[::step]
    fig.update_xaxes(
        tickvals=shown,
        ticktext=[period_label(p, frequency, lang) for p in shown],
        ticklabelmode="period",  # each label centred on its period
        gridcolor="#EEEEEE",
    )
    # Bars span their whole period, so a lockdown shades the months it really covered; counts of
    # shops open are drawn at each period's end, totals of a period (points_at="middle") in its middle.
    fig.update_traces(xperiod=PERIODS[frequency], xperiodalignment="middle", selector=dict(type="bar"))
    fig.update_traces(xperiod=PERIODS[frequency], xperiodalignment=points_at, selector=dict(type="scatter"))


def events_chart(series: pd.DataFrame, frequency: str, lang: str) -> go.Figure:
    """Return openings and reopenings up, closures and temporary closures down (queries.activity.activity)."""
    x = series["period"]
    fig = go.Figure()
    fig.add_bar(x=x, y=series["openings"], name=t("activity.openings", lang), marker_color=OPENING)
    fig.add_bar(x=x, y=series["reopenings"], name=t("activity.reopenings", lang), marker_color=REOPENING)
    fig.add_bar(x=x, y=-series["closures"], name=t("activity.closures", lang), marker_color=CLOSURE)
    fig.add_bar(
        x=x,
        y=-series["temporary_closures"],
        name=t("activity.temporary_closures", lang),
        marker_color=TEMPORARY,
        marker_pattern_shape="/",
    )
    fig.add_scatter(
        x=x,
        y=series["net_change"],
        name=t("activity.net_change", lang),
        mode="lines+markers",
        line_color="#000000",
    )
    fig.update_layout(barmode="relative", legend=dict(orientation="h", y=-0.15))
    fig.update_yaxes(
        title_text=t("activity.events_axis", lang),
        tickformat=",d",  # 3 000 in French: plotly groups no number under 10,000 by default
        gridcolor="#EEEEEE",
        zerolinecolor="#333333",
    )
    _shade_lockdowns(fig, lang)
    _date_axis(fig, x, frequency, lang, points_at="middle")
    return base_layout(fig, lang, height=380)


RECORDED_LABELS = 3  # the largest recordings written beside their marker; the others on hover


def recorded_label(count: int, lang: str) -> str:
    """Return what a recording marker says: "17 commerces recensés"."""
    return t(
        "activity.recorded_one" if count == 1 else "activity.recorded_many", lang, count=fmt_int(count, lang)
    )


def _mark_recordings(fig: go.Figure, series: pd.DataFrame, lang: str) -> None:
    """Mark the periods where shops entered the directory open without an opening (recorded events),
    on the open-shop line, so that a jump of the stock is explained."""
    recorded = series[series["recorded"] > 0]
    if recorded.empty:
        return
    labels = [recorded_label(int(count), lang) for count in recorded["recorded"]]
    largest = set(recorded["recorded"].nlargest(RECORDED_LABELS).index)
    fig.add_scatter(
        x=recorded["period"],
        y=recorded["shops_open"],
        name=t("activity.recorded", lang),
        mode="markers+text",
        marker=dict(symbol="diamond", size=10, color=RECORDED, line=dict(color="#333333", width=1)),
        text=[label if index in largest else "" for index, label in zip(recorded.index, labels, strict=True)],
        textposition="top left",
        hovertext=labels,
        hoverinfo="text",
    )


def open_shops_chart(series: pd.DataFrame, frequency: str, lang: str) -> go.Figure:
    """Return the shops open and temporarily closed at each period's end (queries.activity.activity),
    the periods with shops recorded without an opening (an import) marked on the line."""
    x = series["period"]
    fig = go.Figure()
    fig.add_scatter(x=x, y=series["shops_open"], name=t("activity.shops_open", lang), line_color="#0072B2")
    fig.add_scatter(
        x=x,
        y=series["temporarily_closed"],
        name=t("activity.temporarily_closed", lang),
        line_color=TEMPORARY,
        line_dash="dot",
    )
    _mark_recordings(fig, series, lang)
    fig.update_layout(legend=dict(orientation="h", y=-0.15))
    fig.update_yaxes(tickformat=",d", rangemode="tozero", gridcolor="#EEEEEE")
    _shade_lockdowns(fig, lang)
    _date_axis(fig, x, frequency, lang)
    return base_layout(fig, lang, height=320)


def trade_modes_chart(coverage: pd.DataFrame, frequency: str, lang: str) -> go.Figure:
    """Return the share of open shops offering each remote trade mode (activity.trade_mode_coverage_of)."""
    fig = go.Figure()
    for mode, colour in (("click_collect", "#0072B2"), ("delivery", "#E69F00"), ("online_shop", "#CC79A7")):
        fig.add_scatter(
            x=coverage["period"], y=coverage[mode], name=t(f"mode.{mode}", lang), line_color=colour
        )
    fig.update_yaxes(**percent_ticks(lang, step=0.1), rangemode="tozero", gridcolor="#EEEEEE")
    fig.update_layout(legend=dict(orientation="h", y=-0.15))
    _date_axis(fig, coverage["period"], frequency, lang)
    return base_layout(fig, lang, height=300)


def category_chart(summary: pd.DataFrame, lang: str) -> go.Figure:
    """Return the net change of each category over the period (category_summary_of), largest first."""
    table = summary.sort_values("net_change")
    fig = go.Figure(
        go.Bar(
            x=table["net_change"],
            y=[category_label(c, lang) for c in table["category"]],
            orientation="h",
            marker_color=[colour_of(c) for c in table["category"]],
            marker_line=dict(color="#333333", width=0.5),
        )
    )
    fig.update_xaxes(title_text=t("activity.net_change", lang), gridcolor="#EEEEEE", zerolinecolor="#333333")
    return base_layout(fig, lang, height=max(240, 22 * len(table) + 60))


def vacancy_gauge(rate: float, lang: str) -> go.Figure:
    """Return the vacancy rate on a bar split into the Procos bands."""
    steps, lower = [], 0.0
    for band in VACANCY_BANDS:
        upper = band.upper if band.upper is not None else max(0.2, rate * 1.2)
        steps.append(dict(range=[lower * 100, upper * 100], color=band.colour))
        lower = upper
    fig = go.Figure(
        go.Indicator(
            mode="gauge+number",
            value=rate * 100,
            number=dict(suffix=fmt_percent(0, lang)[1:], valueformat=".1f"),  # "0 %" → " %", "0%" → "%"
            gauge=dict(
                shape="bullet",
                axis=dict(range=[0, lower * 100]),
                steps=steps,
                bar=dict(color="#000000", thickness=0.3),
            ),
        )
    )
    fig.update_layout(
        separators=conventions(lang).plotly_separators, height=110, margin=dict(l=20, r=20, t=10, b=20)
    )
    return fig
