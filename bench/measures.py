"""What the benchmark measures, each as Result rows: pages through AppTest, the map against a
naive folium baseline, the main queries against the same SQL run straight through sqlite3, the
time from a saved edit to the map showing it, and the SIRENE import."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import streamlit as st
from sqlalchemy import func, select
from sqlalchemy.dialects.sqlite import dialect as sqlite_dialect
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest

from bench.naive_map import naive_map
from wiker_data import periods, services
from wiker_data.db import make_engine
from wiker_data.i18n import DEFAULT_LANGUAGE
from wiker_data.importers import ImportActor
from wiker_data.maps import communes as commune_map
from wiker_data.maps import shops as shop_maps
from wiker_data.models import Shop
from wiker_data.queries import activity as activity_queries
from wiker_data.queries import figures, scope, visits
from wiker_data.queries import overview as overview_queries
from wiker_data.queries import shops as shop_queries
from wiker_ui import loaders
from wiker_ui.layout import PAGES

ROOT = Path(__file__).resolve().parent.parent
EDIT_PAGES = {"pages/6_edit_shop.py", "pages/7_edit_commune.py", "pages/8_import.py", "pages/9_reconcile.py"}
READER_PAGES = [Path(path).stem for path, _, _ in PAGES if path not in EDIT_PAGES]


@dataclass
class Result:
    name: str
    median: float
    min: float
    max: float
    unit: str
    target: float | None = None
    baseline_median: float | None = None
    ratio: float | None = None  # median ÷ baseline_median (or the reverse, as the name says)

    def as_dict(self) -> dict:
        return asdict(self)


def timings(function: Callable[[], object], runs: int) -> list[float]:
    """Return the seconds each of `runs` calls of `function` took."""
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        seconds.append(time.perf_counter() - started)
    return seconds


def result(name: str, values: list[float], unit: str = "s", target: float | None = None, **extra) -> Result:
    return Result(name, statistics.median(values), min(values), max(values), unit, target, **extra)


def _opening(path: str, commune: str | None, as_of: dt.date) -> AppTest:
    """Return an AppTest for `commune` (None: the network) on `as_of`, about to run `path`: the home
    page has run first when `path` is another page."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
    at.session_state["commune"] = commune or ""
    at.session_state["as_of"] = as_of
    if path != "dashboard.py":
        at.run()
        at.switch_page(path)
    return at


def _page_runs(path: str, commune: str | None, as_of: dt.date) -> tuple[float, float]:
    st.cache_data.clear()
    st.cache_resource.clear()
    at = _opening(path, commune, as_of)
    loaders.forget()  # the timed run is the page's own, caches empty
    started = time.perf_counter()
    at.run()
    cold = time.perf_counter() - started
    started = time.perf_counter()
    at.run()
    warm = time.perf_counter() - started
    assert not at.exception, f"{path}: {at.exception}"
    return cold, warm


def pages(commune: str, as_of: dt.date, runs: int, targets: dict[str, float]) -> list[Result]:
    """Return each reader's page, for the network and for `commune`, cold and warm."""
    results = []
    for path, _, _ in PAGES:
        if path in EDIT_PAGES:  # behind a sign-in: their reads are one shop's or one commune's
            continue
        page = Path(path).stem
        for extent, chosen in (("network", None), ("commune", commune)):
            runs_of = [_page_runs(path, chosen, as_of) for _ in range(runs)]
            for index, state in enumerate(("cold", "warm")):
                name = f"page {page} {extent} {state}"
                results.append(result(name, [run[index] for run in runs_of], target=targets.get(name)))
    return results


def _render(folium_map) -> str:
    return folium_map.get_root().render()


def map_build(url: str, as_of: dt.date, runs: int, subset: int, targets: dict) -> list[Result]:
    """Return the network map as the page builds it (time, payload), and the shop map of `subset`
    shops against the naive baseline on the same shops."""
    engine = make_engine(url)
    with Session(engine) as session:
        kpis = overview_queries.commune_kpis(session, as_of)
        if int(kpis["shops_open"].sum()) > commune_map.AGGREGATE_THRESHOLD:
            positions = scope.network_communes(session, as_of)[["code", "latitude", "longitude"]]
            communes = kpis.merge(positions, on="code")

            def network_map() -> str:
                return _render(
                    commune_map.map_of_communes(
                        commune_map.commune_points(communes, DEFAULT_LANGUAGE), DEFAULT_LANGUAGE
                    )
                )

            shops = shop_queries.shops_for_map(
                session, as_of, str(kpis.sort_values("shops_open")["code"].iloc[-1])
            )
        else:
            shops = shop_queries.shops_for_map(session, as_of)

            def network_map() -> str:
                return _render(shop_maps.build_shop_map(shops, DEFAULT_LANGUAGE))

    engine.dispose()
    payload = len(network_map().encode())
    sample = shops.head(subset)
    ours = timings(lambda: _render(shop_maps.build_shop_map(sample, DEFAULT_LANGUAGE)), runs)
    naive = timings(lambda: _render(naive_map(sample)), max(1, min(runs, 3)))
    return [
        result("map network build", timings(network_map, runs), target=targets.get("map network build")),
        Result("map network payload", payload, payload, payload, "bytes", targets.get("map network payload")),
        result(
            f"map {len(sample)} shops vs naive Marker+MarkerCluster",
            ours,
            target=targets.get("map speedup"),
            baseline_median=statistics.median(naive),
            ratio=statistics.median(naive) / statistics.median(ours),
        ),
    ]


def _sql(query) -> tuple[str, list]:
    """Return the SQL text SQLAlchemy sends to SQLite for `query`, and its parameters in order."""
    compiled = query.compile(dialect=sqlite_dialect(), compile_kwargs={"render_postcompile": True})
    values = [compiled.params[name] for name in compiled.positiontup]
    return compiled.string, [value.isoformat() if isinstance(value, dt.date) else value for value in values]


def query_speeds(url: str, as_of: dt.date, runs: int) -> list[Result]:
    """Return the app's main queries, as the pages get them (SQLAlchemy, then pandas), against
    their own SQL run straight through sqlite3: the ratio is how close the app gets to the database."""
    engine = make_engine(url)
    start = dt.date(as_of.year - 10, 1, 1)
    measured = {
        "query shops open per commune": (
            lambda session: figures.totals(session, as_of, None, ["commune_code"], window_from=None),
            figures.raw_figures(*scope.live_shops(None, as_of), keys=["commune_code"], end=as_of),
        ),
        "query monthly openings and closures": (
            lambda session: activity_queries.activity(session, start, as_of),
            figures.raw_figures(*scope.live_shops(None, as_of), keys=["month"], end=as_of),
        ),
        "query visits per inhabitant": (
            lambda session: visits.monthly_visits(session, start, as_of),
            visits.monthly_rows(periods.add_months(start, -11), as_of),
        ),
    }
    database = make_url(url).database
    results = []
    for name, (run, query) in measured.items():
        with Session(engine) as session:
            ours = timings(lambda run=run, session=session: run(session), runs)
        sql, values = _sql(query)
        with sqlite3.connect(database) as connection:
            plain = timings(lambda sql=sql, values=values: connection.execute(sql, values).fetchall(), runs)
        baseline = statistics.median(plain)
        results.append(result(name, ours, baseline_median=baseline, ratio=baseline / statistics.median(ours)))
    engine.dispose()
    return results


def save_to_visible(url: str, commune: str, runs: int, target: float | None) -> Result:
    """Return the time from saving a shop's new name to the map page (warm, same session) showing it."""
    engine = make_engine(url)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
    at.session_state["commune"] = commune
    at.run()
    at.switch_page("pages/1_map.py").run()
    shown = json.loads(at.get("component_instance")[0].proto.json_args)["script"]
    with Session(engine) as session:
        # a shop the map shows now (the commune's first may have closed: the map leaves it out)
        candidates = session.execute(
            select(Shop.id, Shop.name).where(Shop.commune_code == commune, Shop.archived_at.is_(None))
        )
        shop_id = next(shop for shop, name in candidates if json.dumps(name, ensure_ascii=False) in shown)
    seconds = []
    for run in range(runs):
        name = f"Renamed for the benchmark {run}"
        started = time.perf_counter()
        with services.write_transaction(engine) as session:
            shop = session.get(Shop, shop_id)
            services.update_shop(session, ImportActor("bench"), shop_id, shop.version, {"name": name})
        at.run()
        seconds.append(time.perf_counter() - started)
        script = json.loads(at.get("component_instance")[0].proto.json_args)["script"]
        assert name in script, "the map does not show the saved name"
    engine.dispose()
    return result("save to visible on the map", seconds, target=target)


def _warm_app(path: str, commune: str | None, as_of: dt.date) -> AppTest:
    """Return an AppTest of `path` for `commune` (None: the network) that has run twice."""
    at = _opening(path, commune, as_of)
    at.run()
    at.run()
    assert not at.exception, f"{path}: {at.exception}"
    return at


def after_a_save(url: str, commune: str, as_of: dt.date, runs: int, targets: dict) -> list[Result]:
    """Return the run of another commune's pages (the one with most shops), and of the network's
    overview, just after a save in `commune` that moves its figures: the other commune's figures
    stay cached (their revision did not move), the network's are brought up to date. Each comes
    with a baseline row: the same run with every cache emptied, as any save did before caches
    were keyed per commune."""
    engine = make_engine(url)
    with Session(engine) as session:
        shop_id = session.scalar(
            select(Shop.id).where(Shop.commune_code == commune, Shop.archived_at.is_(None)).order_by(Shop.id)
        )
        other = session.scalar(
            select(Shop.commune_code)
            .where(Shop.commune_code != commune)
            .group_by(Shop.commune_code)
            .order_by(func.count().desc(), Shop.commune_code)
            .limit(1)
        )
    watched = {
        "page dashboard other commune after a save": ("dashboard.py", other),
        "page 1_map other commune after a save": ("pages/1_map.py", other),
        "page dashboard network after a save": ("dashboard.py", None),
    }
    apps = {name: _warm_app(path, chosen, as_of) for name, (path, chosen) in watched.items()}
    seconds: dict[str, list[float]] = {name: [] for name in watched}
    emptied: dict[str, list[float]] = {name: [] for name in watched}
    for _ in range(runs):
        with services.write_transaction(engine) as session:
            shop = session.get(Shop, shop_id)
            # A change that moves figures (its trade modes): a rename would move none, and the
            # network's figures would stay cached (services.audit.moves_figures).
            toggled = {"delivery": not shop.delivery}
            services.update_shop(session, ImportActor("bench"), shop_id, shop.version, toggled)
        for name, at in apps.items():  # each page's first run after the save
            started = time.perf_counter()
            at.run()
            seconds[name].append(time.perf_counter() - started)
        for name, at in apps.items():  # the baseline: the same run with every cache emptied
            loaders.forget()
            started = time.perf_counter()
            at.run()
            emptied[name].append(time.perf_counter() - started)
        for at in apps.values():  # every page warm again for the next round
            at.run()
    engine.dispose()
    rows = []
    for name in watched:
        rows.append(result(name, seconds[name], target=targets.get(name)))
        rows.append(result(f"{name}, every cache emptied", emptied[name]))
    return rows
