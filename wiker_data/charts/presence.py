"""Figures of the online-presence audit page."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from wiker_data.charts.base import base_layout, percent_ticks
from wiker_data.i18n import category_label, fmt_percent, t
from wiker_data.queries.presence import ITEM_COLUMNS, ITEMS


def item_labels(lang: str) -> list[str]:
    """Return the checklist items' names in the chosen language, in checklist order."""
    return [t(f"presence.item_{item}", lang) for item in ITEMS]


def shares_chart(overall: pd.DataFrame, lang: str) -> go.Figure:
    """Return the share of open shops ticking each checklist item (presence.shares, one row)."""
    row = overall.iloc[0]
    values = [row[column] for column in ITEM_COLUMNS]
    fig = go.Figure(
        go.Bar(
            x=values,
            y=item_labels(lang),
            orientation="h",
            marker_color="#0072B2",
            text=[fmt_percent(v, lang) for v in values],
            textposition="outside",
        )
    )
    fig.update_xaxes(**percent_ticks(lang), range=[0, 1.1], gridcolor="#EEEEEE")
    fig.update_yaxes(autorange="reversed")
    return base_layout(fig, lang, height=300)


def shares_heatmap(
    by_group: pd.DataFrame, group: str, lang: str, names: dict[str, str] | None = None
) -> go.Figure:
    """Return a heatmap of each item's share per category or commune (presence.shares with `by`)."""
    labels = [
        category_label(key, lang) if group == "category" else (names or {}).get(key, key)
        for key in by_group[group]
    ]
    matrix = by_group[list(ITEM_COLUMNS)].to_numpy()
    fig = go.Figure(
        go.Heatmap(
            z=matrix,
            x=item_labels(lang),
            y=[f"{label} ({count})" for label, count in zip(labels, by_group["shops"], strict=True)],
            zmin=0,
            zmax=1,
            colorscale="Blues",
            text=[[fmt_percent(v, lang) for v in row] for row in matrix],
            texttemplate="%{text}",
            hovertemplate="%{y} · %{x}: %{text}<extra></extra>",
            colorbar=percent_ticks(lang),
        )
    )
    fig.update_yaxes(autorange="reversed")
    return base_layout(fig, lang, height=max(260, 24 * len(by_group) + 80))
