"""The benchmark: `python -m bench [--scale department|national|tiny] [--runs N] [--url URL]` (or
`make bench`, or `python -m wiker_data bench`).

Builds a generated store of the scale in a temporary directory (`demo --scale`), then measures
(see bench/measures.py) and prints one table, and writes the same rows to
`bench/results-<scale>.json`: a list of {"name", "median", "min", "max", "unit", "target",
"baseline_median", "ratio"}. `ratio` is baseline_median ÷ median: how many times the baseline's
speed the app reaches (the naive folium map, the SQL alone through sqlite3). A target is met when
the median is at most the target, except for rows per second (at least the target) and for rows
with a baseline, where the ratio must reach the target. `tiny` is a reduced department for the
test that keeps this command working; its figures mean nothing.

A command, not a test: the suite never asserts timings (the machines are shared and noisy).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import make_url  # noqa: E402

from bench import kept_figures, measures, sirene_speed  # noqa: E402
from bench.measures import Result  # noqa: E402
from wiker_data.db import make_engine, migrate  # noqa: E402
from wiker_data.demo.scale import load_scaled  # noqa: E402

SIZES = {  # the store and the SIRENE file of each scale
    "tiny": {"scale": "department", "communes": 30, "shops": 3_000, "sirene_rows": 20_000},
    "department": {"scale": "department", "sirene_rows": 2_000_000},
    "national": {"scale": "national", "sirene_rows": 2_000_000},
}
COMMUNE = "44052"  # Donges: the commune measured on its own
KB, MB = 1_000, 1_000_000
# Keeping the figures adds at most 20 % to a save and to an import: the time without ÷ the time with.
UPKEEP = {"upkeep save": 1 / 1.2, "upkeep sirene import": 1 / 1.2}
TARGETS = {
    # The targets of issue 14 (a 2-core machine).
    "department": {
        **{
            f"page {page} {scope} warm": 0.15
            for page in measures.READER_PAGES
            for scope in ("network", "commune")
        },
        **{
            f"page {page} {scope} cold": 0.4
            for page in measures.READER_PAGES
            for scope in ("network", "commune")
        },
        "page dashboard other commune after a save": 0.15,
        "page 1_map other commune after a save": 0.15,
        "page dashboard network after a save": 0.4,
        "map network payload": 1.5 * MB,
        "map speedup": 50,
        "save to visible on the map": 0.5,
        "sirene rows per second": 300_000,
        "sirene peak memory": 1_000,
        **UPKEEP,
    },
    "national": {
        **{f"page {page} network cold": 2.0 for page in measures.READER_PAGES},
        **{f"page {page} network warm": 0.3 for page in measures.READER_PAGES},
        **{f"page {page} commune cold": 0.3 for page in measures.READER_PAGES},
        **{f"page {page} commune warm": 0.2 for page in measures.READER_PAGES},
        "page dashboard other commune after a save": 0.2,
        "page 1_map other commune after a save": 0.2,
        "page dashboard network after a save": 0.5,
        "map network payload": 2 * MB,
        "save to visible on the map": 0.5,
        "sirene rows per second": 300_000,
        "sirene peak memory": 1_000,
        "rebuild the kept figures": 60.0,
        **UPKEEP,
    },
}


def met(row: Result) -> bool | None:
    """Return whether the row meets its target (None: it has none)."""
    if row.target is None:
        return None
    if row.unit == "rows/s":
        return row.median >= row.target
    if row.baseline_median is not None:
        return row.ratio is not None and row.ratio >= row.target
    return row.median <= row.target


def _shown(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    if unit == "bytes":
        return f"{value / KB:,.0f} kB"
    if unit == "s":
        return f"{value:.3f} s"
    return f"{value:,.0f} {unit}"


def table(rows: list[Result]) -> str:
    """Return the rows as a plain-text table, one line per measure."""
    lines = [f"{'measure':<58} {'median':>12} {'min':>12} {'max':>12} {'target':>12} {'ratio':>8}  met"]
    for row in rows:
        target = (
            (f"≥ {row.target:g}×" if row.baseline_median is not None else _shown(row.target, row.unit))
            if row.target is not None
            else ""
        )
        ratio = f"{row.ratio:.2f}" if row.ratio is not None else ""
        verdict = {True: "yes", False: "NO", None: ""}[met(row)]
        lines.append(
            f"{row.name:<58} {_shown(row.median, row.unit):>12} {_shown(row.min, row.unit):>12} "
            f"{_shown(row.max, row.unit):>12} {target:>12} {ratio:>8}  {verdict}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--scale", choices=list(SIZES), default="department")
    parser.add_argument("--runs", type=int, default=5, help="runs of each measure (medians)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench", help="folder of results-<scale>.json")
    parser.add_argument(
        "--url",
        help="an empty store to build and measure instead of a SQLite file (a PostgreSQL database); "
        "without the measures that only SQLite has (its own SQL through sqlite3, the upkeep's fresh "
        "stores, the SIRENE file)",
    )
    args = parser.parse_args(argv)
    size = SIZES[args.scale]
    targets = TARGETS.get(args.scale, {})
    as_of = dt.date.today()
    with tempfile.TemporaryDirectory(prefix="wiker-bench-") as folder:
        url = args.url or f"sqlite:///{Path(folder) / 'store.db'}"
        os.environ["WIKER_DATABASE_URL"] = url  # the pages read the store from the environment
        engine = make_engine(url)
        migrate(engine)
        started = time.perf_counter()
        summary = load_scaled(engine, size["scale"], communes=size.get("communes"), shops=size.get("shops"))
        engine.dispose()
        print(f"store: {summary.describe()}, built in {time.perf_counter() - started:.0f} s", flush=True)
        rows: list[Result] = []
        rows += measures.pages(COMMUNE, as_of, args.runs, targets)
        rows += measures.map_build(url, as_of, args.runs, 5_000, targets)
        if not args.url:
            rows += measures.query_speeds(url, as_of, args.runs)
        rows.append(
            measures.save_to_visible(url, COMMUNE, args.runs, targets.get("save to visible on the map"))
        )
        rows += measures.after_a_save(url, COMMUNE, as_of, args.runs, targets)
        if not args.url:
            rows += sirene_speed.measure(Path(folder), size["sirene_rows"], args.runs, targets)
        rows += kept_figures.reads(url, COMMUNE, as_of, args.runs)
        rows.append(kept_figures.rebuild(url, min(args.runs, 3), targets.get("rebuild the kept figures")))
        if not args.url:
            rows += kept_figures.upkeep(url, COMMUNE, Path(folder), args.runs, targets)
    print(table(rows))
    args.out.mkdir(parents=True, exist_ok=True)
    database = "" if not args.url else f"-{make_url(args.url).get_backend_name()}"
    out = args.out / f"results-{args.scale}{database}.json"
    out.write_text(json.dumps([row.as_dict() for row in rows], indent=1) + "\n", encoding="utf-8")
    print(f"written: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
