"""The SIRENE import's rows for the benchmark: speed against reading the file with the csv module
alone, and the peak memory of a fresh process (bench/sirene_import.py has the details)."""

from __future__ import annotations

import statistics
from pathlib import Path

from sqlalchemy.orm import Session

from bench.measures import Result, result, timings
from bench.sirene_import import SCOPES, baseline_read, child_peak, make_store, write_stock
from wiker_data.db import make_engine
from wiker_data.demo.generator import read_communes
from wiker_data.importers.sirene import plan_sirene_import


def measure(folder: Path, rows: int, runs: int, targets: dict) -> list[Result]:
    """Return the import's rows per second, its time against the csv-module baseline, and its peak memory."""
    path = folder / "StockEtablissement_utf8.csv"
    write_stock(path, rows, read_communes())
    sirene_folder = folder / "sirene"
    sirene_folder.mkdir()
    url = make_store(sirene_folder)
    engine = make_engine(url)
    baseline = timings(lambda: baseline_read(path), runs)
    with Session(engine) as session:
        plan = timings(lambda: plan_sirene_import(session, path, **SCOPES["communes"]), runs)
    engine.dispose()
    peak = child_peak(url, path, "communes")["peak_mib"]
    return [
        result(
            "sirene rows per second",
            [rows / seconds for seconds in plan],
            "rows/s",
            targets.get("sirene rows per second"),
        ),
        result(
            f"sirene plan of {rows:,} rows vs csv.reader alone",
            plan,
            baseline_median=statistics.median(baseline),
            ratio=statistics.median(baseline) / statistics.median(plan),
        ),
        Result("sirene peak memory", peak, peak, peak, "MiB", targets.get("sirene peak memory")),
    ]
