"""Time every page, server side, on generated stores of N shops.

    .venv/bin/python bench/page_timing.py [--shops 1000 20000] [--runs 5]

For each N it writes a temporary SQLite store: the demo data plus N more open
shops in Donges (with realistic text fields), then runs each page for Donges
through Streamlit's AppTest:
*cold* is a first run with empty caches, *warm* a rerun of the same session.
It prints the median, min and max of the runs, and the map's HTML payload.
A command, not a test: timings are never asserted in the suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402
from sqlalchemy import func, insert, select  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from wiker_data.categories import CATEGORIES  # noqa: E402
from wiker_data.db import make_engine, migrate  # noqa: E402
from wiker_data.demo import load_demo  # noqa: E402
from wiker_data.models import Shop, StatusEvent  # noqa: E402
from wiker_ui.layout import PAGES  # noqa: E402

NAMES = ["du Centre", "Marine", "Le Fournil", "de la Place"]
STREETS = ["rue de la Mairie", "place de l'Église", "rue Jean Jaurès", "avenue de la Gare", "rue du Port"]


def build_store(path: Path, shops: int, seed: int = 1) -> str:
    """Write the demo store plus `shops` more open shops in Donges and return its URL."""
    rng = random.Random(seed)
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    migrate(engine)
    load_demo(engine, today=dt.date.today())
    if not shops:
        engine.dispose()
        return url
    now = dt.datetime(2026, 1, 1)
    with engine.begin() as connection:
        first = connection.execute(select(func.max(Shop.id))).scalar_one() + 1
        rows = []
        for i in range(first, first + shops):
            category = rng.choice(CATEGORIES)
            rows.append(
                dict(
                    id=i,
                    commune_code="44052",
                    name=f"{category.label_fr} {rng.choice(NAMES)} {i}",
                    category=category.key,
                    address=f"{rng.randint(1, 120)} {rng.choice(STREETS)}, 44480 Donges",
                    latitude=47.3188 + rng.gauss(0, 0.02),
                    longitude=-2.0746 + rng.gauss(0, 0.03),
                    phone="+33 2 40 45 12 34",
                    website=f"https://commerce-{i}.fr" if rng.random() < 0.33 else None,
                    opening_hours="Tu-Sa 09:00-12:30,14:30-19:00",
                    social_links=[],
                    source="bench",
                    in_store=True,
                    click_collect=rng.random() < 0.2,
                    delivery=rng.random() < 0.1,
                    appointment=False,
                    online_shop=False,
                    created_at=now,
                    updated_at=now,
                    version=1,
                )
            )
        connection.execute(insert(Shop), rows)
        connection.execute(
            insert(StatusEvent),
            [
                dict(shop_id=i, event_date=dt.date(2010, 1, 1), kind="opened", source="bench", created_at=now)
                for i in range(first, first + shops)
            ],
        )
    engine.dispose()
    return url


def time_page(page: str | None, commune: str | None, runs: int) -> tuple[list[float], list[float]]:
    """Return (cold run times, warm run times) of a page, in seconds."""
    cold, warm = [], []
    for _ in range(runs):
        st.cache_data.clear()
        st.cache_resource.clear()
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
        at.session_state["commune"] = commune or ""
        if page:  # open the home page first: the timed run is the page's own, with its caches empty
            at.run()
            at.switch_page(page)
            st.cache_data.clear()
        started = time.perf_counter()
        at.run()
        cold.append(time.perf_counter() - started)
        started = time.perf_counter()
        at.run()
        warm.append(time.perf_counter() - started)
        assert not at.exception, at.exception
    return cold, warm


def summary(values: list[float]) -> str:
    return f"{statistics.median(values):7.3f} s (min {min(values):.3f}, max {max(values):.3f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shops", type=int, nargs="+", default=[0, 20000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for count in args.shops:
            os.environ["WIKER_DATABASE_URL"] = build_store(Path(folder) / f"bench-{count}.db", count)
            for path, _, _ in PAGES:
                page = None if path == "dashboard.py" else path
                label = Path(path).stem
                # Caches are cleared before each cold run, so the first run also pays the switch_page import.
                cold, warm = time_page(page, "44052", args.runs)
                print(f"demo + {count:>6} shops  {label:<13} cold {summary(cold)}   warm {summary(warm)}")


if __name__ == "__main__":
    main()
