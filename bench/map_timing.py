"""Time the shop map: build + render for 1,000 and 20,000 generated shops, against the naive approach.

Run from the repository root: `.venv/bin/python bench/map_timing.py`.
Prints the median of 5 runs of build_shop_map + render to a string, and the page size.
The naive baseline (one folium.Marker with a folium.Popup per shop in a MarkerCluster)
is timed for 1,000 shops only: it grows linearly and takes seconds beyond that.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.naive_map import naive_map
from wiker_data.categories import CATEGORIES
from wiker_data.i18n import DEFAULT_LANGUAGE, category_label
from wiker_data.maps.shops import INPUT_COLUMNS, build_shop_map

DONGES = (47.3188, -2.0746)
RUNS = 5

_STREETS = (
    "rue de la Gare",
    "place de l'Église",
    "rue du Général de Gaulle",
    "avenue de la République",
    "rue Jean Jaurès",
    "boulevard de l'Estuaire",
    "rue des Écoles",
    "place du Marché",
)
_NAMES = (
    "Le Fournil",
    "Chez Martine",
    "Au Bon Coin",
    "L'Atelier",
    "La Boutique",
    "Le Comptoir",
    "Maison Le Goff",
)
_HOURS = (
    "Mo-Sa 07:00-19:30; Su 07:00-12:30",
    "Tu-Sa 09:00-12:30,14:00-19:00",
    "Mo-Fr 09:00-12:00,14:00-18:30; Sa 09:00-12:00",
    "Tu-Sa 09:30-19:00",
    "Mo-Su 11:30-14:00,18:30-22:00",
)
COLUMNS = list(INPUT_COLUMNS)
_STATUSES = ("open",) * 17 + ("temporarily_closed", "closed", "not_open_yet")


def demo_shops(count: int, seed: int = 20240611) -> pd.DataFrame:
    """Return `count` made-up shops scattered around Donges, with realistic field lengths."""
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        category = rng.choice(CATEGORIES)
        name = f"{rng.choice(_NAMES)} {category_label(category.key, DEFAULT_LANGUAGE).split()[0].lower()}"
        slug = name.lower().replace(" ", "-").replace("'", "")
        has_site = rng.random() < 0.5
        rows.append(
            {
                "id": i + 1,
                "name": name,
                "category": category.key,
                "address": f"{rng.randint(1, 120)} {rng.choice(_STREETS)}, 44480 Donges",
                "latitude": DONGES[0] + rng.uniform(-0.03, 0.03),
                "longitude": DONGES[1] + rng.uniform(-0.045, 0.045),
                "phone": f"02 40 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
                "website": f"https://www.{slug}-donges.fr" if has_site else None,
                "online_shop_url": f"https://boutique.{slug}.fr/catalogue" if rng.random() < 0.1 else None,
                "opening_hours": rng.choice(_HOURS) if rng.random() < 0.7 else None,
                "in_store": rng.random() < 0.95,
                "click_collect": rng.random() < 0.3,
                "delivery": rng.random() < 0.2,
                "appointment": rng.random() < 0.1,
                "online_shop": rng.random() < 0.1,
                "status": rng.choice(_STATUSES),
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)


def time_builds(build, shops: pd.DataFrame) -> tuple[float, int]:
    """Return the median seconds of build + render over RUNS runs, and the rendered size in bytes."""
    timings, size = [], 0
    for _ in range(RUNS):
        start = time.perf_counter()
        page = build(shops).get_root().render()
        timings.append(time.perf_counter() - start)
        size = len(page.encode("utf-8"))
    return statistics.median(timings), size


def main() -> None:
    fixed_seconds, fixed_bytes = time_builds(
        lambda shops: build_shop_map(shops, DEFAULT_LANGUAGE), demo_shops(0)
    )
    print(f"{'empty map':>28}: {fixed_seconds * 1000:8.1f} ms  {fixed_bytes:>10,} bytes")
    results = {}
    for count in (1_000, 20_000):
        shops = demo_shops(count)
        seconds, size = time_builds(lambda shops: build_shop_map(shops, DEFAULT_LANGUAGE), shops)
        results[count] = seconds
        per_shop = (size - fixed_bytes) / count
        print(
            f"{f'build_shop_map, {count:,} shops':>28}: {seconds * 1000:8.1f} ms  {size:>10,} bytes"
            f"  ({per_shop:.0f} bytes/shop beyond the empty map)"
        )
    shops = demo_shops(1_000)
    seconds, size = time_builds(naive_map, shops)
    print(f"{'naive Marker+Popup, 1,000':>28}: {seconds * 1000:8.1f} ms  {size:>10,} bytes")
    print(f"{'ratio at 1,000 shops':>28}: naive is {seconds / results[1_000]:.0f}× slower")


if __name__ == "__main__":
    main()
