"""The load script (`python -m bench.load`, `make load`) keeps working: on a tiny generated store,
two readers and one writer for a few seconds run pages over the app's websocket with no error, save
with no error and lose no update, and the rows come in the benchmark's shape. Timings are never
asserted (the machines are shared and noisy): only that they were measured."""

from __future__ import annotations

import json

from bench import load

KEYS = {"name", "median", "min", "max", "unit", "target", "baseline_median", "ratio"}


def test_the_load_script_runs_readers_and_a_writer_on_a_tiny_store(tmp_path, capsys):
    argv = ["--sessions", "2", "--writers", "1", "--seconds", "5", "--scale", "tiny", "--out", str(tmp_path)]
    code = load.main(argv)
    printed = capsys.readouterr().out
    rows = json.loads((tmp_path / "results-load-tiny.json").read_text(encoding="utf-8"))
    by_name = {row["name"]: row for row in rows}
    assert all(set(row) == KEYS for row in rows)
    assert by_name["load reader errors"]["median"] == 0, printed
    assert by_name["load save errors"]["median"] == 0, printed
    assert by_name["load lost updates"]["median"] == 0, printed
    assert by_name["load page runs"]["median"] > 0
    assert by_name["load saves"]["median"] > 0
    for name in ("load page run p50", "load page run p95", "load save p50", "load save p95"):
        row = by_name[name]
        assert row["unit"] == "s" and 0 < row["min"] <= row["median"] <= row["max"]
    assert by_name["load page run p95"]["target"] == load.PAGE_RUN_P95
    assert "load page run p95" in printed  # the table is printed too
    assert code == 0
