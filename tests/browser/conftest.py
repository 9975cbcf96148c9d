"""Real-browser fixtures: the app served by `streamlit run` on a free port of
127.0.0.1 against a fixture store, and Debian's Chromium driven by Playwright.

CI has no internet, so the files folium loads from public CDNs are answered
from copies installed from the npm registry (tests/browser/package.json);
map tiles are refused (the map stays grey, the markers must still show).
"""

from __future__ import annotations

import mimetypes
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route, expect, sync_playwright

# CI machines are shared: give the app time to rerun before an expectation fails (default 5 s).
expect.set_options(timeout=20_000)

ROOT = Path(__file__).resolve().parents[2]
ASSETS = Path(__file__).resolve().parent / "node_modules"
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = os.environ.get("WIKER_CHROMIUM", "/usr/bin/chromium")

# CDN prefix -> folder (or file) of the npm package holding the same file.
CDN_COPIES = {
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/": ASSETS / "leaflet",
    "https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/": ASSETS / "bootstrap",
    "https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@6.2.0/": ASSETS
    / "@fortawesome/fontawesome-free",
    "https://code.jquery.com/jquery-3.7.1.min.js": ASSETS / "jquery/dist/jquery.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/": ASSETS
    / "leaflet.awesome-markers/dist",
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/": ASSETS
    / "leaflet.markercluster/dist",
    # npm's 0.2.6-2 is cdnjs's 0.2.6, built (its dist/oms.js says VERSION "0.2.6").
    "https://cdnjs.cloudflare.com/ajax/libs/OverlappingMarkerSpiderfier-Leaflet/0.2.6/oms.min.js": ASSETS
    / "overlapping-marker-spiderfier-leaflet/dist/oms.js",
}
# Cosmetic stylesheets with no npm package of that version: an empty sheet keeps the page honest.
EMPTY_STYLESHEETS = (
    "https://netdna.bootstrapcdn.com/bootstrap/3.0.0/css/bootstrap-glyphicons.css",
    "https://cdn.jsdelivr.net/gh/python-visualization/folium/folium/templates/leaflet.awesome.rotate.min.css",
)


def local_copy(url: str) -> Path | None:
    """Return the installed file that stands for a CDN URL, or None."""
    for prefix, target in CDN_COPIES.items():
        if url == prefix:
            return target
        if prefix.endswith("/") and url.startswith(prefix):
            return target / url[len(prefix) :].split("?")[0]
    return None


class OfflineCdn:
    """Route handler: local requests go through, CDN files come from disk, the rest is refused."""

    def __init__(self) -> None:
        self.refused: list[str] = []

    def __call__(self, route: Route) -> None:
        url = route.request.url
        if url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")):
            route.fallback()
            return
        path = local_copy(url)
        if path is not None and path.is_file():
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            route.fulfill(status=200, body=path.read_bytes(), headers={"content-type": content_type})
        elif url in EMPTY_STYLESHEETS:
            route.fulfill(status=200, body="", headers={"content-type": "text/css"})
        else:
            self.refused.append(url)
            route.abort()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class AppServer:
    def __init__(self, database_url: str, log: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "WIKER_DATABASE_URL": database_url}
        self._log = log.open("wb")
        self.process = subprocess.Popen(
            [
                sys.executable, "-m", "streamlit", "run", "dashboard.py",
                "--server.headless", "true",
                "--server.port", str(self.port),
                "--server.address", "127.0.0.1",
                "--browser.gatherUsageStats", "false",
            ],
            cwd=ROOT,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        self._wait_healthy(log)

    def _wait_healthy(self, log: Path, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited: {log.read_text(errors='replace')[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as answer:
                    if answer.read() == b"ok":
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("streamlit did not answer its health check in time")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self._log.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package (.ci/run does)")
    if not (ASSETS / "leaflet").is_dir():
        pytest.fail("tests/browser/node_modules is missing: run `make test` (it runs npm ci there)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic"],
        )
        yield browser
        browser.close()


def start_app(database_url: str, name: str) -> AppServer:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return AppServer(database_url, ARTIFACTS / f"{name}-streamlit.log")


def new_page(browser: Browser) -> tuple[Page, OfflineCdn, list[str]]:
    """Return a page routed through the offline CDN, and the list its dialogs are recorded in."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR")
    cdn = OfflineCdn()
    context.route("**/*", cdn)
    page = context.new_page()
    dialogs: list[str] = []

    def record(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    return page, cdn, dialogs


def wait_for_run(page: Page, timeout: float = 60_000) -> None:
    """Wait until the app is connected, has drawn something, and its script is not running.

    A rerun may not have started yet when this is called: tests then wait for the content
    they expect with Playwright's `expect`, which retries.
    """
    page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']", timeout=timeout)
    page.wait_for_selector("[data-testid='stMain'] [data-testid='stHeading']", timeout=timeout)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout)


def sign_in(page: Page, name: str, password: str, then: str) -> None:
    """Sign in from the sidebar's « Connexion coordinateur » link, then open the coordinator page
    `then` (its link shows once signed in)."""
    page.get_by_role("link", name="Connexion coordinateur").click()
    page.get_by_label("Identifiant").fill(name)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("link", name=then).click()
