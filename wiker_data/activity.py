"""What the openings-and-closures page shows, put together from the time series
and the vitality figures (no SQL here beyond what those modules run)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy.orm import Session

from wiker_data.timeseries import COUNTS, activity_by_category


def category_summary(
    session: Session, start: dt.date, end: dt.date, commune: str | None = None
) -> pd.DataFrame:
    """Return category_summary_of the store's yearly activity by category (see there)."""
    return category_summary_of(activity_by_category(session, start, end, "year", commune))


def category_summary_of(yearly: pd.DataFrame) -> pd.DataFrame:
    """Return per category the events of the whole period and the shops open at its end, most open first,
    from a yearly activity_by_category table.

    Columns: category, openings, closures, reopenings, reopenings_after_closure, temporary_closures,
    net_change, shops_open.
    """
    if yearly.empty:
        return pd.DataFrame(columns=["category", *COUNTS, "net_change", "shops_open"])
    totals = yearly.groupby("category", as_index=False)[[*COUNTS, "net_change"]].sum()
    at_end = yearly.sort_values("period").groupby("category")["shops_open"].last()
    totals["shops_open"] = totals["category"].map(at_end).astype(int)
    return totals.sort_values(["shops_open", "category"], ascending=[False, True]).reset_index(drop=True)


def period_totals(series: pd.DataFrame) -> dict[str, int]:
    """Return the sums of a timeseries.activity table's event counts and net change."""
    return {column: int(series[column].sum()) for column in [*COUNTS, "net_change"]}
