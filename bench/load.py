"""The load script: `python -m bench.load [--sessions 20] [--writers 2] [--seconds 120]
[--scale department|tiny] [--out bench]` (or `make load`).

The benchmark (`python -m bench`) times each page alone through AppTest; this runs them together,
on a real server, as many readers and a few coordinators would. It builds a generated store of the
scale in a temporary folder (as the benchmark does), serves the app with `streamlit run` on a free
port of 127.0.0.1, then for `--seconds`: `--sessions` readers (bench/load_session.py) go round the
reader's pages over websockets, half of them for the network and half for Donges, timing each run
from its request to the script's end; `--writers` coordinators (bench/load_writers.py) each save a
shop once a second through the service layer. At the end the store is checked for lost updates.

It prints one table and writes `bench/results-load-<scale>.json`, rows in the benchmark's format
(bench/measures.py Result). Its exit code is 1 when a page run failed, a save failed or an update
was lost, not when a timing misses its target: the machines are shared and noisy, timings are
read, never asserted. `tiny` is a reduced department for the test that keeps this command working.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import numpy as np
from sqlalchemy.orm import Session
from streamlit import logger as streamlit_logger

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
if __name__ == "__main__":  # the app's modules warn, once per cache, that they run outside a server
    streamlit_logger.set_log_level("error")

from bench import load_session, load_writers  # noqa: E402
from bench.__main__ import COMMUNE, SIZES, table  # noqa: E402
from bench.load_session import PageRun, Scope  # noqa: E402
from bench.load_writers import Writer  # noqa: E402
from bench.measures import Result  # noqa: E402
from wiker_data.db import make_engine, migrate  # noqa: E402
from wiker_data.demo.scale import load_scaled  # noqa: E402
from wiker_data.models import Commune  # noqa: E402

SCALES = ("department", "tiny")  # the national store takes minutes to build: not for this script
HOST = "127.0.0.1"  # never another address: the demo password is public
PAGE_RUN_P95 = 1.0  # seconds: issue 14's target for a page run under load
START_SECONDS = 120  # the server's first answer to /_stcore/health
STOP_SECONDS = 15  # a stopped server's graceful end, then it is killed
SHOWN_ERRORS = 10
MUST_BE_NONE = ("load reader errors", "load save errors", "load lost updates")  # else exit code 1


def _build_store(url: str, scale: str) -> None:
    size = SIZES[scale]
    engine = make_engine(url)
    try:
        migrate(engine)
        started = time.perf_counter()
        summary = load_scaled(engine, size["scale"], communes=size.get("communes"), shops=size.get("shops"))
    finally:
        engine.dispose()
    print(f"store: {summary.describe()}, built in {time.perf_counter() - started:.0f} s", flush=True)


def _scopes(url: str) -> list[Scope]:
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            name = session.get(Commune, COMMUNE).name
    finally:
        engine.dispose()
    return [Scope("network", ""), Scope("commune", f"commune={COMMUNE}", name)]


def _free_port() -> int:
    """Return a port of 127.0.0.1 free now (the system's choice): two runs never share one."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _start_server(url: str, port: int, log: Path) -> subprocess.Popen:
    """Start `streamlit run dashboard.py` on the store at `url`, its output in `log`. In a session
    of its own: a Ctrl-C reaches this script only, which then stops the server itself. Without its
    file watcher: the load measures the code the server started with, even when the working tree
    changes meanwhile (a watching server would reload the edited modules in the middle of a run)."""
    command = [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port)]
    command += ["--server.address", HOST, "--server.headless", "true", "--server.fileWatcherType", "none"]
    with log.open("wb") as output:
        return subprocess.Popen(
            command,
            cwd=ROOT,
            env={**os.environ, "WIKER_DATABASE_URL": url},
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def _tail(log: Path, lines: int = 20) -> str:
    return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def _wait_until_healthy(server: subprocess.Popen, port: int, log: Path) -> None:
    """Return once the server answers "ok" on /_stcore/health; raise when it ended or took too long."""
    health = f"http://{HOST}:{port}/_stcore/health"
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never through a proxy
    until = time.monotonic() + START_SECONDS
    while time.monotonic() < until:
        if server.poll() is not None:
            raise RuntimeError(f"the server ended (exit code {server.returncode}):\n{_tail(log)}")
        try:
            with opener.open(health, timeout=2) as answer:
                if answer.read().decode().strip() == "ok":
                    return
        except OSError:
            pass  # not listening yet
        time.sleep(0.2)
    raise RuntimeError(f"no answer on {health} after {START_SECONDS} s:\n{_tail(log)}")


def _stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _load(args: argparse.Namespace, url: str, folder: Path, writers: list[Writer]) -> list[PageRun]:
    """Serve the app, run the readers and the writers together, stop them all, whatever happens."""
    scopes = _scopes(url)
    port = _free_port()
    log = folder / "server.log"
    server = _start_server(url, port, log)
    try:
        _wait_until_healthy(server, port, log)
        first = load_session.first_run(port, args.timeout)
        print(f"the server's first page run (its imports, not counted): {first.seconds:.1f} s", flush=True)
        if first.error:
            raise RuntimeError(f"the home page's first run failed: {first.error}\n{_tail(log)}")
        print(
            f"load: {args.sessions} sessions, {len(writers)} writers, {args.seconds:g} s "
            f"on http://{HOST}:{port} (server pid {server.pid})",
            flush=True,
        )
        stop = threading.Event()
        threads = load_writers.start(url, writers, args.seconds, stop)
        try:
            runs = load_session.drive(port, args.sessions, scopes, args.seconds, args.timeout, args.think)
        except BaseException:
            stop.set()  # an error or a Ctrl-C: the writers stop now, not at the end of the period
            raise
        finally:
            for thread in threads:
                thread.join()
        if any(run.error for run in runs):
            print(f"the server's last lines:\n{_tail(log)}", flush=True)
        return runs
    finally:
        _stop_server(server)


def _count(name: str, value: int, unit: str, target: float | None = None) -> Result:
    return Result(name, value, value, value, unit, target)


def _percentiles(name: str, seconds: list[float], target: float | None = None) -> list[Result]:
    if not seconds:
        return []
    p50, p95 = (float(value) for value in np.percentile(seconds, [50, 95]))
    low, high = min(seconds), max(seconds)
    return [Result(f"{name} p50", p50, low, high, "s"), Result(f"{name} p95", p95, low, high, "s", target)]


def rows(runs: list[PageRun], writers: list[Writer], lost: list[str]) -> list[Result]:
    """Return the load's rows: the page runs' percentiles (those that succeeded), then each page's
    per scope, then the counts; a count's median, min and max are the count."""
    timed = [run for run in runs if run.error is None and run.seconds is not None]
    found = _percentiles("load page run", [run.seconds for run in timed], PAGE_RUN_P95)
    for page in load_session.reader_pages():
        for scope in ("network", "commune"):
            seconds = [run.seconds for run in timed if (run.page, run.scope) == (page.name, scope)]
            found += _percentiles(f"load page {page.name} {scope}", seconds)[1:]  # their p95
    saves = [save for writer in writers for save in writer.saves]
    found += [
        _count("load page runs", len(runs), "runs"),
        _count("load reader errors", sum(run.error is not None for run in runs), "errors", 0),
        _count("load saves", len(saves), "saves"),
        _count("load save errors", sum(save.error is not None for save in saves), "errors", 0),
        _count("load lost updates", len(lost), "lost", 0),
    ]
    return found + _percentiles("load save", [save.seconds for save in saves if save.error is None])


def _report_errors(runs: list[PageRun], writers: list[Writer], lost: list[str]) -> None:
    errors = [f"reader {run.page} {run.scope}: {run.error}" for run in runs if run.error]
    errors += [
        f"writer {writer.number}: {save.error}" for writer in writers for save in writer.saves if save.error
    ]
    for line in [*errors[:SHOWN_ERRORS], *lost[:SHOWN_ERRORS]]:
        print(line)
    if len(errors) > SHOWN_ERRORS:
        print(f"... and {len(errors) - SHOWN_ERRORS} more errors")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=20, help="reader sessions, run together")
    parser.add_argument("--writers", type=int, default=2, help="coordinators saving once a second")
    parser.add_argument("--seconds", type=float, default=120, help="how long the load lasts")
    parser.add_argument("--scale", choices=SCALES, default="department")
    parser.add_argument("--out", type=Path, default=ROOT / "bench", help="folder of the results file")
    parser.add_argument("--timeout", type=float, default=60, help="seconds a page run may take")
    parser.add_argument("--think", type=float, default=0, help="seconds a reader waits between runs")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="wiker-load-") as folder:
        url = f"sqlite:///{Path(folder) / 'store.db'}"
        _build_store(url, args.scale)
        writers = load_writers.choose(url, COMMUNE, args.writers)
        runs = _load(args, url, Path(folder), writers)
        lost = load_writers.lost_updates(url, writers)
    found = rows(runs, writers, lost)
    _report_errors(runs, writers, lost)
    print(table(found))
    args.out.mkdir(parents=True, exist_ok=True)
    out = args.out / f"results-load-{args.scale}.json"
    out.write_text(json.dumps([row.as_dict() for row in found], indent=1) + "\n", encoding="utf-8")
    print(f"written: {out}")
    failed = any(row.median > 0 for row in found if row.name in MUST_BE_NONE)
    nothing = not any(run.error is None for run in runs) or (writers and not any(w.saved for w in writers))
    if nothing:
        print("nothing was measured: no page run (or, with writers, no save) succeeded")
    return 1 if failed or nothing else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:  # the server is stopped and the store removed by then
        print("interrupted: the server is stopped, the store removed", file=sys.stderr)
        sys.exit(130)
