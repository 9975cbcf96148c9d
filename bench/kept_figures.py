"""The kept monthly figures in the benchmark: reading them against counting from the raw events,
rebuilding them, and what keeping them adds to a save and to a SIRENE import (each against the
same work with their upkeep switched off, in the same process)."""

from __future__ import annotations

import datetime as dt
import statistics
import time
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from bench.measures import Result, result, timings
from bench.sirene_import import SCOPES, make_store, write_stock
from wiker_data import services
from wiker_data.db import make_engine
from wiker_data.demo.generator import read_communes
from wiker_data.importers import ImportActor
from wiker_data.importers.sirene import plan_sirene_import
from wiker_data.models import Shop
from wiker_data.queries import figures as figure_queries
from wiker_data.queries.scope import frame_of, live_shops
from wiker_data.services import figures
from wiker_data.services.imports import apply_shop_plan


def _against(name: str, ours: list[float], baseline: list[float], target: float | None = None) -> Result:
    base = statistics.median(baseline)
    return result(name, ours, target=target, baseline_median=base, ratio=base / statistics.median(ours))


def reads(url: str, commune: str, as_of: dt.date, runs: int) -> list[Result]:
    """Return the monthly counts of the network and of `commune` read through the kept figures,
    against the same counted from the raw events (the ratio: how many times faster)."""
    engine = make_engine(url)
    rows = []
    with Session(engine) as session:
        for label, scope in (("network", None), ("commune", commune)):
            kept = timings(lambda scope=scope: figure_queries.monthly(session, as_of, scope), runs)
            raw_query = figure_queries.raw_figures(*live_shops(scope, as_of), keys=["month"], end=as_of)
            raw = timings(lambda query=raw_query: frame_of(session, query), runs)
            rows.append(_against(f"kept monthly figures {label} vs raw events", kept, raw))
    engine.dispose()
    return rows


def rebuild(url: str, runs: int, target: float | None) -> Result:
    """Return the time of `rebuild-figures` for the whole store."""
    engine = make_engine(url)

    def once():
        with services.write_transaction(engine) as session:
            figures.rebuild(session.connection())

    seconds = timings(once, runs)
    engine.dispose()
    return result("rebuild the kept figures", seconds, target=target)


def _saves(engine, shop_id: int, runs: int) -> list[float]:
    """Each run: a change of category and back (two saves, the figures of every month of the shop
    move twice); the time of one save."""
    seconds = []
    for run in range(runs):
        started = time.perf_counter()
        for category in ("florist", "bakery") if run % 2 == 0 else ("bakery", "florist"):
            with services.write_transaction(engine) as session:
                shop = session.get(Shop, shop_id)
                services.update_shop(
                    session, ImportActor("bench"), shop_id, shop.version, {"category": category}
                )
        seconds.append((time.perf_counter() - started) / 2)
    return seconds


def upkeep(url: str, commune: str, folder: Path, runs: int, targets: dict) -> list[Result]:
    """Return a save and a SIRENE import with the upkeep of the kept figures against without it: the
    ratio is the time without ÷ the time with (at least 1 ÷ 1.2: it adds at most 20 %)."""
    engine = make_engine(url)
    with Session(engine) as session:
        shop_id = session.scalar(
            select(Shop.id).where(Shop.commune_code == commune, Shop.archived_at.is_(None)).order_by(Shop.id)
        )
    with_upkeep = _saves(engine, shop_id, runs)
    figures.unregister()
    try:
        without = _saves(engine, shop_id, runs)  # the pairs leave the figures as they were
    finally:
        figures.register()
    engine.dispose()

    path = folder / "StockEtablissement_upkeep.csv"
    write_stock(path, 200_000, read_communes())
    imports = {True: [], False: []}
    for run in range(runs):
        for keeping in (True, False):
            store = folder / f"upkeep-{run}-{keeping}"
            store.mkdir()
            engine = make_engine(make_store(store))
            with Session(engine) as session:
                plan = plan_sirene_import(session, path, **SCOPES["departement"])
            if not keeping:
                figures.unregister()
            try:
                started = time.perf_counter()
                with services.write_transaction(engine) as session:
                    apply_shop_plan(session, plan, ImportActor("bench"))
                imports[keeping].append(time.perf_counter() - started)
            finally:
                figures.register()
            engine.dispose()
    return [
        _against("save with the kept figures vs without", with_upkeep, without, targets.get("upkeep save")),
        _against(
            f"sirene import of {len(plan.new):,} shops with the kept figures vs without",
            imports[True],
            imports[False],
            targets.get("upkeep sirene import"),
        ),
    ]
