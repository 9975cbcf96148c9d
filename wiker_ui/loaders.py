"""Cached access to the store: one engine per process and per URL, query
results cached by plain values (URL, commune code, date) and by the store revision
of their scope (`_by_revision`): a commune's own, or the network's; figures by the revision
of the changes that can move a figure, so that a shop renamed leaves them cached."""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import pandas as pd
import streamlit as st
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from wiker_data import exports
from wiker_data.demo.generator import open_store
from wiker_data.maps import communes as commune_map
from wiker_data.maps import shops as shop_maps
from wiker_data.queries import activity as activity_queries
from wiker_data.queries import comparison as comparison_queries
from wiker_data.queries import overview as overview_queries
from wiker_data.queries import presence, scope, visits, vitality
from wiker_data.queries import shops as shop_queries
from wiker_data.report import figures as report
from wiker_ui import tables

TTL = dt.timedelta(minutes=10)
NETWORK_TABLES = 16  # network KPI tables kept per process (one a date in use)
PATCHED_AT_MOST = 50  # changed communes a network table is brought up to date for, row by row
P = ParamSpec("P")
R = TypeVar("R")


@st.cache_resource(show_spinner=False)
def engine(url: str) -> Engine:
    """Return the engine of the store at `url`, created, migrated and seeded on first use."""
    return open_store(url)


def revision(url: str, commune: str | None, of_figures: bool = True) -> tuple[int | None, int]:
    """Return the store revision that figures of `commune` (None: of the whole network) depend on:
    the commune's own (a save in Donges leaves it for Nantes), the store's for the network's; with
    the store's generation, which a restore or a forced demo load renews. Not `of_figures`: the
    revision of every change, which lists of shops (their names, their contacts) depend on."""
    with Session(engine(url)) as session:
        return scope.cache_revision(session, commune, of_figures)


def _by_revision(max_entries: int, of_figures: bool = True) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Cache a loader's results by its arguments and by the revision of its scope (`revision`):
    the commune of its `commune` argument, or the network when it has none or None; the figures
    revision unless not `of_figures` (a loader that shows shops' names or contacts).

    Each call reads that revision (one indexed query), so a save shows on the next run of any page
    in any session and any process, while the figures of the communes it did not touch stay
    cached; stale entries age out by TTL and `max_entries`.
    """

    def decorate(function: Callable[P, R]) -> Callable[P, R]:
        # Streamlit keys a cached function by its name and source, which `wraps` carries over
        # (`__wrapped__`), and hashes `revision` like any argument.
        @functools.wraps(function)
        def keyed(*args, revision: tuple[int | None, int], **kwargs):
            return function(*args, **kwargs)

        cached = st.cache_data(ttl=TTL, max_entries=max_entries, show_spinner=False)(keyed)
        signature = inspect.signature(function)

        @functools.wraps(function)
        def call(*args: P.args, **kwargs: P.kwargs) -> R:
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()  # f(url, day) and f(url, day, None) are one cache entry
            arguments = bound.arguments
            scope_revision = revision(arguments["url"], arguments.get("commune"), of_figures)
            return cached(**arguments, revision=scope_revision)

        call.clear = cached.clear  # type: ignore[attr-defined]
        return call

    return decorate


@_by_revision(max_entries=8)
def store_facts(url: str) -> tuple[pd.DataFrame, bool, dt.date | None]:
    """Return (the network's communes, whether the store holds demo data, the date of the data)."""
    with Session(engine(url)) as session:
        return scope.network_communes(session), scope.store_is_demo(session), scope.data_as_of(session)


def commune_kpis(url: str, as_of: dt.date, commune: str | None = None) -> pd.DataFrame:
    """Return the KPIs of every network commune, or of one (overview_queries.commune_kpis)."""
    return _commune_kpis(url, as_of, commune) if commune else _network_kpis(url, as_of)


@_by_revision(max_entries=256)
def _commune_kpis(url: str, as_of: dt.date, commune: str) -> pd.DataFrame:
    with Session(engine(url)) as session:
        return overview_queries.commune_kpis(session, as_of, commune)


@st.cache_resource(show_spinner=False)
def _network_tables() -> tuple[threading.Lock, OrderedDict]:
    """This process's network KPI tables: {(url, as_of): (revision, lock, table)}, the latest used
    last, and the lock that guards the dictionary."""
    return threading.Lock(), OrderedDict()


def forget() -> None:
    """Empty every cache of figures of this process (st.cache_data and the network KPI tables),
    keeping the engines: what the benchmark calls cold."""
    st.cache_data.clear()
    _network_tables.clear()


def _network_kpis(url: str, as_of: dt.date) -> pd.DataFrame:
    """Return the KPIs of every network commune, kept per process and brought up to date from the
    changed communes' rows: after a save in Donges, Donges's row is read again, not 10,000 others
    (up to PATCHED_AT_MOST changed communes; beyond, or in a store whose data was replaced, the
    whole table). One computation at a time per date; the others wait for it, as st.cache_data's."""
    now = revision(url, None)
    guard, tables = _network_tables()
    with guard:
        revision_then, lock, table = tables.setdefault((url, as_of), (None, threading.Lock(), None))
        tables.move_to_end((url, as_of))
        while len(tables) > NETWORK_TABLES:
            tables.popitem(last=False)
    with lock:
        revision_then, _, table = tables.get((url, as_of), (revision_then, lock, table))
        if revision_then == now:
            return table.copy()
        with Session(engine(url)) as session:
            changed = None
            if revision_then is not None and revision_then[0] == now[0]:
                changed = scope.changed_since(session, revision_then[1])
            if changed is None or len(changed) > PATCHED_AT_MOST:
                table = overview_queries.commune_kpis(session, as_of)
            elif changed:  # none: the store's row was missing (scope.cache_revision), nothing moved
                fresh = overview_queries.commune_kpis(session, as_of, among=changed)
                members, _, _ = store_facts(url)
                table = overview_queries.with_rows_of(table, fresh, changed, members["code"])
        with guard:
            tables[(url, as_of)] = (now, lock, table)
        return table.copy()


@_by_revision(max_entries=64)
def comparison(url: str, as_of: dt.date, chosen: str | None) -> pd.DataFrame:
    """Return the comparison of every member commune, `chosen` marked (comparison.comparison_table);
    keyed by the network's revision: it ranks them all."""
    communes, _, _ = store_facts(url)
    return comparison_queries.comparison_table(commune_kpis(url, as_of, None), communes, chosen)


def overview(url: str, as_of: dt.date, commune: str | None) -> overview_queries.Overview:
    """Return the overview KPIs, added up from the cached per-commune table."""
    return overview_queries.summarise_kpis(commune_kpis(url, as_of, commune), as_of)


@_by_revision(max_entries=32)
def commune_map_view(url: str, as_of: dt.date, lang: str) -> tuple[commune_map.CommunePoints, pd.DataFrame]:
    """Return the network's communes encoded for the commune map, and the table under it
    (name, shops_open, net_change; most shops first)."""
    members, _, _ = store_facts(url)  # every member's position, already cached: no second query
    communes = commune_kpis(url, as_of).merge(
        members[["code", "latitude", "longitude"]], on="code", how="left"
    )
    table = communes.sort_values(["shops_open", "name"], ascending=[False, True])[
        ["name", "shops_open", "net_change"]
    ]
    return commune_map.commune_points(communes, lang), table


@_by_revision(max_entries=256)
def open_shops_by_category(url: str, as_of: dt.date, commune: str | None) -> pd.DataFrame:
    with Session(engine(url)) as session:
        return overview_queries.open_shops_by_category(session, as_of, commune)


@_by_revision(max_entries=64, of_figures=False)
def shops_for_map(url: str, as_of: dt.date, commune: str | None) -> pd.DataFrame:
    with Session(engine(url)) as session:
        return shop_queries.shops_for_map(session, as_of, commune)


@_by_revision(max_entries=32, of_figures=False)
def map_view(
    url: str, as_of: dt.date, commune: str | None, chosen: shop_queries.MapFilter, lang: str
) -> tuple[shop_maps.ShopPoints, pd.DataFrame, shop_queries.ShownCounts]:
    """Return the filtered shops encoded for the map, the table under it (tables.shop_table, with the
    commune column in the network view) and how they count (shop_queries.shown_counts)."""
    shown = shop_queries.filter_shops(shops_for_map(url, as_of, commune), chosen)
    names = _commune_names(url) if commune is None else None
    return (
        shop_maps.shop_points(shown, lang),
        tables.shop_table(shown, lang, names),
        shop_queries.shown_counts(shown, chosen.open_at),
    )


@_by_revision(max_entries=32)
def monthly_detail(url: str, end: dt.date, commune: str | None) -> pd.DataFrame:
    """Return activity_queries.monthly_detail: the one query the activity page's figures roll up from."""
    with Session(engine(url)) as session:
        return activity_queries.monthly_detail(session, end, commune)


@_by_revision(max_entries=128)
def activity(url: str, start: dt.date, end: dt.date, frequency: str, commune: str | None) -> pd.DataFrame:
    """Return activity_queries.activity for the period."""
    return activity_queries.activity_of(monthly_detail(url, end, commune), start, end, frequency)


@_by_revision(max_entries=128)
def category_summary(url: str, start: dt.date, end: dt.date, commune: str | None) -> pd.DataFrame:
    """Return the period's summary per category (queries.activity.category_summary_of)."""
    detail = monthly_detail(url, end, commune)
    return activity_queries.category_summary_of(
        activity_queries.activity_by_category_of(detail, start, end, "year")
    )


@_by_revision(max_entries=128)
def trade_mode_coverage(
    url: str, start: dt.date, end: dt.date, frequency: str, commune: str | None
) -> pd.DataFrame:
    """Return activity_queries.trade_mode_coverage_of the period."""
    return activity_queries.trade_mode_coverage_of(monthly_detail(url, end, commune), start, end, frequency)


@_by_revision(max_entries=64)
def closure_warnings(url: str, as_of: dt.date, commune: str | None) -> list[vitality.ClosureWarning]:
    """Return vitality.closure_warnings as of the date."""
    with Session(engine(url)) as session:
        return vitality.closure_warnings(session, as_of, commune)


@_by_revision(max_entries=8)
def visits_span(url: str) -> tuple[dt.date | None, dt.date | None]:
    """Return visits.visits_span: the first and last month with visits in the network."""
    with Session(engine(url)) as session:
        return visits.visits_span(session)


@_by_revision(max_entries=128)
def monthly_visits(url: str, start: dt.date, end: dt.date, commune: str | None) -> pd.DataFrame:
    """Return visits.monthly_visits for the period."""
    with Session(engine(url)) as session:
        return visits.monthly_visits(session, start, end, commune)


@_by_revision(max_entries=128)
def before_after(url: str, as_of: dt.date, commune: str) -> visits.BeforeAfter:
    """Return visits.before_after of the commune as of the date."""
    with Session(engine(url)) as session:
        return visits.before_after(session, as_of, commune)


@_by_revision(max_entries=64)
def visits_ranking(url: str, start: dt.date, end: dt.date) -> pd.DataFrame:
    """Return visits.visits_ranking for the period."""
    with Session(engine(url)) as session:
        return visits.visits_ranking(session, start, end)


@_by_revision(max_entries=32, of_figures=False)
def report_json(url: str, as_of: dt.date, commune: str) -> str:
    """Return the council report's figures as JSON text (report.build_report)."""
    with Session(engine(url)) as session:
        return json.dumps(report.build_report(session, commune, as_of), ensure_ascii=False, indent=2)


@_by_revision(max_entries=32, of_figures=False)
def report_pdf(url: str, as_of: dt.date, commune: str, lang: str) -> bytes:
    """Return the one-page council report as PDF (report.pdf.report_pdf)."""
    from wiker_data.report.pdf import report_pdf as render  # reportlab and matplotlib load on demand

    with Session(engine(url)) as session:
        return render(report.build_report(session, commune, as_of), lang)


@_by_revision(max_entries=64)
def presence_view(url: str, as_of: dt.date, commune: str | None, lang: str) -> dict:
    """Return what the presence page shows above its call list, counted in SQL once per store
    revision: the counts of all open shops in scope ("total", presence.total), the number of groups
    (categories of a commune, communes of the network: "groups") and the charts of the shares,
    overall ("shares_chart") and per group ("heatmap": every category of a commune, the network's
    PRESENCE_GROUPS communes with the most open shops)."""
    from wiker_data.charts import presence as presence_charts

    by = "category" if commune else "commune_code"
    with Session(engine(url)) as session:
        counts = presence.counts(session, as_of, commune, by)
    total = presence.total(counts)
    if not total["shops"]:
        return {"total": total, "groups": 0}
    largest = presence.shares(counts if commune else counts.head(PRESENCE_GROUPS))
    return {
        "total": total,
        "groups": len(counts),
        "shares_chart": presence_charts.shares_chart(presence.shares(total.to_frame().T), lang),
        "heatmap": presence_charts.shares_heatmap(largest, by, lang, _commune_names(url)),
    }


PRESENCE_GROUPS = 30  # the heatmap's rows: more would not be read
CALLS_PER_PAGE = 100


@_by_revision(max_entries=128, of_figures=False)
def presence_calls(
    url: str, as_of: dt.date, commune: str | None, lang: str, page: int | None
) -> pd.DataFrame:
    """Return page `page` (from 0; None: every page) of the call list (presence.call_list) as the
    page shows it (tables.readable_calls), CALLS_PER_PAGE rows a page."""
    limit, offset = (None, 0) if page is None else (CALLS_PER_PAGE, page * CALLS_PER_PAGE)
    with Session(engine(url)) as session:
        calls = presence.call_list(session, as_of, commune, limit=limit, offset=offset)
    return tables.readable_calls(calls, _commune_names(url), lang)


def _commune_names(url: str) -> dict[str, str]:
    communes, _, _ = store_facts(url)
    return dict(zip(communes["code"], communes["name"], strict=True))


def shops_file(
    url: str, as_of: dt.date, commune: str | None, chosen: shop_queries.MapFilter, fmt: str, lang: str
) -> bytes:
    """Return the shops the map shows as a CSV, Excel or GeoJSON file for `lang` (exports.encode)."""
    with Session(engine(url)) as session:
        shops = exports.shops_export(session, as_of, commune)
    return exports.encode(shop_queries.filter_shops(shops, chosen), fmt, lang=lang)
