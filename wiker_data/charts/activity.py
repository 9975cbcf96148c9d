"""Figures of the openings-and-closures page: events per period with the
lockdowns shaded, shops open over time, trade-mode coverage, net change by
category, and the vacancy rate against the Procos bands."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from wiker_data.categories import colour_of
from wiker_data.charts.base import base_layout, labelled, month_label, percent_ticks
from wiker_data.i18n import category_label, conventions, fmt_int, fmt_month, fmt_percent, fmt_signed, t
from wiker_data.periods import LOCKDOWNS, quarter, slot_position
from wiker_data.queries.vitality import VACANCY_BANDS

OPENING, CLOSURE, REOPENING, TEMPORARY = "#009E73", "#D55E00", "#56B4E9", "#999999"
RECORDED = "#E69F00"  # shops entered open without an opening (an import)


def period_label(period: dt.date, frequency: str, lang: str, long: bool = False) -> str:
    """Return how a period is named: "mars 2024" (long, in a hover) or "mars 2024" / "janv. 2024" on
    an axis, "T1 2024" / "Q1 2024", "2024"."""
    if frequency == "year":
        return str(period.year)
    if frequency == "quarter":
        return f"{conventions(lang).quarter_letter}{quarter(period)} {period.year}"
    return fmt_month(period, lang) if long else month_label(period, lang)


def _hover(labels: list[str], values: list[str], lang: str) -> dict:
    """Return a trace's hover: the period in words and the value written in the language (the x of a
    slot axis is a number, and a closure drawn downwards is still a count)."""
    return dict(
        customdata=list(zip(labels, values, strict=True)),
        hovertemplate="%{customdata[0]}<br>%{fullData.name}"
        + conventions(lang).colon
        + "%{customdata[1]}<extra></extra>",
    )


def _counts(values: pd.Series, lang: str) -> list[str]:
    return [fmt_int(abs(v), lang) for v in values]


def _shade_lockdowns(fig: go.Figure, periods: list[dt.date], frequency: str, lang: str) -> None:
    """Shade the lockdowns over the fractions of the slots they lasted, as the report does."""
    drawn = 0
    for start, end in LOCKDOWNS:
        x0 = max(slot_position(start, periods[0], frequency), -0.5)
        x1 = min(slot_position(end, periods[0], frequency), len(periods) - 0.5)
        if x1 <= x0:
            continue  # outside the periods shown
        # Any annotation_* argument makes an annotation ("new text" when it has none): only the first has one.
        label = {
            "annotation_text": t("activity.lockdown", lang),
            "annotation_position": "top left",
            "annotation_font_size": 11,
        }
        fig.add_vrect(
            x0=x0,
            x1=x1,
            fillcolor="#BBBBBB",
            opacity=0.35,
            line_width=0,
            layer="below",
            **(label if drawn == 0 else {}),
        )
        drawn += 1


def _period_axis(fig: go.Figure, periods: list[dt.date], frequency: str, lang: str) -> None:
    """One slot per period with its label under it, as in the report: a period's bars and the shops
    open at its end are drawn at its slot (the end-of-2020 stock under 2020, not 2021)."""
    shown = labelled(periods, frequency)
    fig.update_xaxes(
        tickvals=shown,
        ticktext=[period_label(periods[i], frequency, lang) for i in shown],
        range=[-0.5, len(periods) - 0.5],
        tickangle=0,
        showgrid=False,
        zeroline=False,
    )


def _periods(frame: pd.DataFrame) -> list[dt.date]:
    return [pd.Timestamp(p).date() for p in frame["period"]]


def events_chart(series: pd.DataFrame, frequency: str, lang: str) -> go.Figure:
    """Return openings and reopenings up, closures and temporary closures down (queries.activity.activity)."""
    periods = _periods(series)
    x = list(range(len(periods)))
    labels = [period_label(p, frequency, lang, long=True) for p in periods]
    fig = go.Figure()
    for column, colour, sign in (
        ("openings", OPENING, 1),
        ("reopenings", REOPENING, 1),
        ("closures", CLOSURE, -1),
        ("temporary_closures", TEMPORARY, -1),
    ):
        fig.add_bar(
            x=x,
            y=sign * series[column],
            name=t(f"activity.{column}", lang),
            marker_color=colour,
            marker_pattern_shape="/" if column == "temporary_closures" else "",
            **_hover(labels, _counts(series[column], lang), lang),
        )
    fig.add_scatter(
        x=x,
        y=series["net_change"],
        name=t("activity.net_change", lang),
        mode="lines+markers",
        line_color="#000000",
        **_hover(labels, [fmt_signed(int(v), lang) for v in series["net_change"]], lang),
    )
    fig.update_layout(barmode="relative", legend=dict(orientation="h", y=-0.15))
    fig.update_yaxes(
        title_text=t("activity.events_axis", lang),
        tickformat=",d",  # 3 000 in French: plotly groups no number under 10,000 by default
        gridcolor="#EEEEEE",
        zerolinecolor="#333333",
    )
    if periods:
        _shade_lockdowns(fig, periods, frequency, lang)
        _period_axis(fig, periods, frequency, lang)
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
    series = series.reset_index(drop=True)  # a period's slot is its row number
    recorded = series[series["recorded"] > 0]
    if recorded.empty:
        return
    labels = [recorded_label(int(count), lang) for count in recorded["recorded"]]
    largest = set(recorded["recorded"].nlargest(RECORDED_LABELS).index)
    fig.add_scatter(
        x=list(recorded.index),
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
    periods = _periods(series)
    x = list(range(len(periods)))
    labels = [t("activity.end_of", lang, period=period_label(p, frequency, lang, long=True)) for p in periods]
    fig = go.Figure()
    fig.add_scatter(
        x=x,
        y=series["shops_open"],
        name=t("activity.shops_open", lang),
        line_color="#0072B2",
        **_hover(labels, _counts(series["shops_open"], lang), lang),
    )
    fig.add_scatter(
        x=x,
        y=series["temporarily_closed"],
        name=t("activity.temporarily_closed", lang),
        line_color=TEMPORARY,
        line_dash="dot",
        **_hover(labels, _counts(series["temporarily_closed"], lang), lang),
    )
    _mark_recordings(fig, series, lang)
    fig.update_layout(legend=dict(orientation="h", y=-0.15))
    fig.update_yaxes(tickformat=",d", rangemode="tozero", gridcolor="#EEEEEE")
    if periods:
        _shade_lockdowns(fig, periods, frequency, lang)
        _period_axis(fig, periods, frequency, lang)
    return base_layout(fig, lang, height=320)


def trade_modes_chart(coverage: pd.DataFrame, frequency: str, lang: str) -> go.Figure:
    """Return the share of open shops offering each remote trade mode (activity.trade_mode_coverage_of)."""
    periods = _periods(coverage)
    labels = [t("activity.end_of", lang, period=period_label(p, frequency, lang, long=True)) for p in periods]
    fig = go.Figure()
    for mode, colour in (("click_collect", "#0072B2"), ("delivery", "#E69F00"), ("online_shop", "#CC79A7")):
        fig.add_scatter(
            x=list(range(len(periods))),
            y=coverage[mode],
            name=t(f"mode.{mode}", lang),
            line_color=colour,
            **_hover(labels, [fmt_percent(v, lang) for v in coverage[mode]], lang),
        )
    fig.update_yaxes(**percent_ticks(lang, step=0.1), rangemode="tozero", gridcolor="#EEEEEE")
    fig.update_layout(legend=dict(orientation="h", y=-0.15))
    if periods:
        _period_axis(fig, periods, frequency, lang)
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
