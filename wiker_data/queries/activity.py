"""Openings, closures and shops open over time, by calendar month, rolled up by month, quarter
or year.

The number of shops open at a date comes from the events themselves: each event moves its shop
in or out of "open" (and of "temporarily closed"), so a running sum of those moves, in date
order, gives the count at every month's end. The monthly counts and moves are read from the
figures kept ahead of time (wiker_data.queries.figures), never from all the raw events; the
definitions are those of the README (counted once, in wiker_data.queries.events).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy.orm import Session

from wiker_data.periods import add_months, period_start
from wiker_data.queries import figures
from wiker_data.queries.events import EVENT_COUNTS, net_change
from wiker_data.queries.figures import MOVES

FREQUENCIES = ("month", "quarter", "year")


def _monthly(session: Session, end: dt.date, commune: str | None, **groups) -> pd.DataFrame:
    """Return per calendar month (and per value of each `groups` column, among figures.KINDS) the
    event counts and moves, read from the kept monthly figures (queries.figures.monthly).

    Columns: month, *groups, EVENT_COUNTS, open_move (shops entering minus leaving "open"),
    temporary_move (the same for "temporarily closed"). Every event up to `end` is counted.
    """
    return figures.monthly(session, end, commune, list(groups))


def _periods(start: dt.date, end: dt.date, frequency: str) -> list[dt.date]:
    if frequency not in FREQUENCIES:
        raise ValueError(f"unknown frequency {frequency!r}: month, quarter or year")
    step = {"month": 1, "quarter": 3, "year": 12}[frequency]
    first, last = period_start(start, frequency), period_start(end, frequency)
    periods, current = [], first
    while current <= last:
        periods.append(current)
        current = add_months(current, step)
    return periods


def _roll_up(
    monthly: pd.DataFrame, start: dt.date, end: dt.date, frequency: str, keys: list[str]
) -> pd.DataFrame:
    """Return the monthly counts summed by period, with the running open counts at each period's end."""
    periods = _periods(start, end, frequency)
    monthly = monthly.assign(period=[period_start(m, frequency) for m in monthly["month"]])
    summed = monthly.groupby([*keys, "period"], as_index=False)[EVENT_COUNTS + MOVES].sum()
    if keys:
        key_values = summed[keys].drop_duplicates()
        grid = key_values.merge(pd.DataFrame({"period": periods}), how="cross")
        earlier = pd.DataFrame({"period": sorted(set(summed["period"]) - set(periods))})
        grid = pd.concat([grid, key_values.merge(earlier, how="cross")])
    else:
        grid = pd.DataFrame({"period": sorted(set(periods) | set(summed["period"]))})
    table = grid.merge(summed, on=[*keys, "period"], how="left").fillna(
        dict.fromkeys(EVENT_COUNTS + MOVES, 0)
    )
    table = table.sort_values([*keys, "period"])
    grouped = table.groupby(keys)[MOVES] if keys else table[MOVES]
    running = grouped.cumsum()
    table["shops_open"] = running["open_move"].astype(int)
    table["temporarily_closed"] = running["temporary_move"].astype(int)
    table[EVENT_COUNTS] = table[EVENT_COUNTS].astype(int)
    table["net_change"] = net_change(table["openings"], table["reopenings_after_closure"], table["closures"])
    table = table[table["period"].isin(periods)].drop(columns=MOVES)
    return table.reset_index(drop=True)


def activity(
    session: Session, start: dt.date, end: dt.date, frequency: str = "month", commune: str | None = None
) -> pd.DataFrame:
    """Return openings, closures and shops open per month, quarter or year, from `start`'s period to `end`.

    Columns: period (first day), openings, closures, reopenings, reopenings_after_closure,
    temporary_closures, net_change, shops_open and temporarily_closed (at the period's end, or at
    `end` for the last period). Events are counted by date; the last period stops at `end`.
    """
    return _roll_up(_monthly(session, end, commune), start, end, frequency, keys=[])


MODES = ["click_collect", "delivery", "online_shop"]


def monthly_detail(session: Session, end: dt.date, commune: str | None = None) -> pd.DataFrame:
    """Return the monthly counts and moves per category and trade-mode combination, up to `end`:
    the one query a page rolls its figures up from (the *_of functions). Columns: month, category,
    MODES, EVENT_COUNTS, MOVES."""
    detail = _monthly(session, end, commune, category=None, **dict.fromkeys(MODES))
    detail[MODES] = detail[MODES].astype(bool)
    return detail


def _collapse(detail: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    return detail.groupby(["month", *keys], as_index=False)[EVENT_COUNTS + MOVES].sum()


def activity_of(detail: pd.DataFrame, start: dt.date, end: dt.date, frequency: str = "month") -> pd.DataFrame:
    """Return `activity` from a monthly_detail table."""
    return _roll_up(_collapse(detail, []), start, end, frequency, keys=[])


def activity_by_category_of(
    detail: pd.DataFrame, start: dt.date, end: dt.date, frequency: str = "year"
) -> pd.DataFrame:
    """Return `activity` per category from a monthly_detail table. Columns: category, then those of
    `activity`."""
    return _roll_up(_collapse(detail, ["category"]), start, end, frequency, keys=["category"])


def trade_mode_coverage_of(
    detail: pd.DataFrame, start: dt.date, end: dt.date, frequency: str = "quarter"
) -> pd.DataFrame:
    """Return, from a monthly_detail table, the share of open shops offering click & collect, delivery
    or an online shop, per period end.

    Columns: period, shops_open, click_collect, delivery, online_shop (shares, NaN without open shops).
    Trade modes are what each shop offers today: the store does not keep their history, so the
    curve shows how today's offers spread among the shops open at each date.
    """
    monthly = _collapse(detail, MODES)
    monthly["combination"] = [
        "".join("1" if flag else "0" for flag in flags) for flags in monthly[MODES].itertuples(index=False)
    ]
    table = _roll_up(monthly.drop(columns=MODES), start, end, frequency, keys=["combination"])
    result = table.groupby("period", as_index=False)["shops_open"].sum()
    for position, mode in enumerate(MODES):
        offering = table[table["combination"].str[position] == "1"].groupby("period")["shops_open"].sum()
        result[mode] = result["period"].map(offering).fillna(0) / result["shops_open"].where(
            result["shops_open"] > 0
        )
    return result


def category_summary_of(yearly: pd.DataFrame) -> pd.DataFrame:
    """Return per category the events of the whole period and the shops open at its end, most open first,
    from a yearly activity_by_category_of table.

    Columns: category, openings, closures, reopenings, reopenings_after_closure, temporary_closures,
    net_change, shops_open.
    """
    if yearly.empty:
        return pd.DataFrame(columns=["category", *EVENT_COUNTS, "net_change", "shops_open"])
    totals = yearly.groupby("category", as_index=False)[[*EVENT_COUNTS, "net_change"]].sum()
    at_end = yearly.sort_values("period").groupby("category")["shops_open"].last()
    totals["shops_open"] = totals["category"].map(at_end).astype(int)
    return totals.sort_values(["shops_open", "category"], ascending=[False, True]).reset_index(drop=True)


def period_totals(series: pd.DataFrame) -> dict[str, int]:
    """Return the sums of an activity table's event counts and net change."""
    return {column: int(series[column].sum()) for column in [*EVENT_COUNTS, "net_change"]}
