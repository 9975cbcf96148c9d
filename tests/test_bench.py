"""The benchmark command (`python -m wiker_data bench`, which runs `python -m bench`) keeps
working: run on a tiny generated store, it writes every measure in the agreed shape. Timings are
never asserted (the machines are shared and noisy)."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
KEYS = {"name", "median", "min", "max", "unit", "target", "baseline_median", "ratio"}


def test_bench_on_a_tiny_store_writes_every_measure(tmp_path):
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "wiker_data",
            "bench",
            "--scale",
            "tiny",
            "--runs",
            "1",
            "--out",
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    rows = json.loads((tmp_path / "results-tiny.json").read_text())
    names = [row["name"] for row in rows]
    for page in ("dashboard", "1_map", "2_visits", "3_activity", "4_comparison", "5_presence"):
        for scope in ("network", "commune"):
            assert f"page {page} {scope} cold" in names and f"page {page} {scope} warm" in names
    for name in (
        "map network payload",
        "query shops open per commune",
        "query monthly openings and closures",
        "query visits per inhabitant",
        "save to visible on the map",
        "page dashboard other commune after a save",
        "page 1_map other commune after a save",
        "page dashboard network after a save",
        "sirene rows per second",
        "sirene peak memory",
        "kept monthly figures network vs raw events",
        "kept monthly figures commune vs raw events",
        "rebuild the kept figures",
        "save with the kept figures vs without",
    ):
        assert name in names
    assert any(name.startswith("map ") and name.endswith("vs naive Marker+MarkerCluster") for name in names)
    assert any(
        name.startswith("sirene import of ") and name.endswith("with the kept figures vs without")
        for name in names
    )
    for row in rows:
        assert set(row) == KEYS
        assert row["min"] <= row["median"] <= row["max"] and row["median"] > 0
        if row["baseline_median"] is not None:  # the ratio is the baseline's time over ours
            assert math.isclose(row["ratio"], row["baseline_median"] / row["median"], rel_tol=1e-9)
    assert "page dashboard network cold" in run.stdout  # the table is printed too


@pytest.mark.usefixtures("fresh_caches")
@pytest.mark.parametrize("commune", [None, "44052"])
def test_loader_costs_run_every_loader_the_pages_call(store, db_url, commune):
    from bench import loader_costs

    rows = loader_costs.costs(db_url, commune)
    assert sorted(name for name, _, _ in rows) == sorted(loader_costs.calls(db_url, commune))
    assert ("before_after (visits)" in [name for name, _, _ in rows]) == (commune is not None)
    assert [cold for _, cold, _ in rows] == sorted((cold for _, cold, _ in rows), reverse=True)
