"""Plotly figures of the pages, built from query results; labels in the chosen language."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from wiker_data.categories import colour_of
from wiker_data.i18n import category_label, t

SEPARATORS = {"fr": ", ", "en": ".,"}  # plotly's decimal then thousands separator


def _layout(fig: go.Figure, lang: str, height: int) -> go.Figure:
    fig.update_layout(
        separators=SEPARATORS.get(lang, ".,"),
        height=height,
        margin=dict(l=10, r=10, t=10, b=10),
        plot_bgcolor="white",
    )
    return fig


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
    return _layout(fig, lang, height=max(240, 22 * len(table) + 60))
