"""A resident reaches every shop of the map, even two shops 16 m apart that overlap at the commune's
zoom: a click on the spot spreads them out, a click on each opens its own popup."""

from __future__ import annotations

import math
import time

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy.orm import Session

from tests.browser.conftest import ARTIFACTS, new_page, start_app, wait_for_run
from tests.browser.test_journeys import choose_commune, drawn_shops, make_store, map_frame
from tests.builders import add_commune, add_shop

pytestmark = pytest.mark.browser

BAR = ("Bar du Port", 47.31880, -2.07460)
TABAC = ("Tabac de la Gare", 47.31894, -2.07460)  # 0.00014° of latitude north: 15.6 m


def build_neighbours(session: Session) -> None:
    add_commune(session, "44052", "Donges")  # the map opens on its centre (47.318844, -2.074571), zoom 15
    for name, latitude, longitude in (BAR, TABAC):
        add_shop(
            session, name=name, latitude=latitude, longitude=longitude, opening_hours="Mo-Sa 07:00-19:30"
        )


@pytest.fixture(scope="module")
def neighbours_app(tmp_path_factory):
    server = start_app(
        make_store(tmp_path_factory.mktemp("neighbours") / "store.db", build_neighbours), "neighbours"
    )
    yield server
    server.stop()


def marker_points(page: Page) -> dict[str, dict[str, float]]:
    """Return where each shop's marker is drawn now, in pixels of the map's container, by name."""
    return (
        map_frame(page)
        .locator("body")
        .evaluate(
            """() => { const found = {};
                   window.map.eachLayer(l => { if (l.wikerShop)
                       found[l.wikerShop[6]] = window.map.latLngToContainerPoint(l.getLatLng()); });
                   return found; }"""
        )
    )


def distance(points: dict[str, dict[str, float]]) -> float:
    a, b = points[BAR[0]], points[TABAC[0]]
    return math.hypot(a["x"] - b["x"], a["y"] - b["y"])


def click_at(page: Page, point: dict[str, float]) -> None:
    box = map_frame(page).locator(".leaflet-container").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def spread(page: Page, timeout: float = 20) -> dict[str, dict[str, float]]:
    """Click the spot where the two shops overlap until they are drawn apart; return where they are."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        points = marker_points(page)
        if distance(points) > 20:  # two circles of radius 6, well apart
            return points
        bar, tabac = points[BAR[0]], points[TABAC[0]]
        click_at(page, {"x": (bar["x"] + tabac["x"]) / 2, "y": (bar["y"] + tabac["y"]) / 2})
        time.sleep(0.5)
    raise AssertionError(f"the markers did not spread out: {marker_points(page)}")


def test_two_shops_16_m_apart_spread_out_and_each_opens_its_popup(browser, neighbours_app):
    page, cdn, dialogs = new_page(browser)
    page.goto(neighbours_app.url)
    wait_for_run(page)
    choose_commune(page, "Donges")
    page.get_by_role("link", name="Carte des commerces").click()
    wait_for_run(page)
    assert sorted(drawn_shops(page, expected=2)) == sorted([BAR[0], TABAC[0]])
    frame = map_frame(page)
    # The markers have time to settle; at the commune's zoom the two circles overlap.
    expect(frame.locator(".leaflet-container")).to_be_visible()
    assert frame.locator("body").evaluate("() => window.map.getZoom()") == 15
    assert distance(marker_points(page)) < 12

    popup = frame.locator(".leaflet-popup-content")
    for name, _, _ in (TABAC, BAR):
        points = spread(page)
        expect(frame.locator(".leaflet-popup")).to_have_count(0)  # spreading opens no popup
        click_at(page, points[name])
        expect(popup).to_contain_text(name)
        other = BAR[0] if name == TABAC[0] else TABAC[0]
        assert other not in popup.inner_text()
        assert "lun.–sam. 07:00–19:30" in popup.inner_text()  # the hours in words
        page.screenshot(path=str(ARTIFACTS / f"map-spread-{name.split()[0].lower()}.png"), full_page=True)
        frame.locator(".leaflet-popup-close-button").click()
        expect(frame.locator(".leaflet-popup")).to_have_count(0)
    assert not dialogs
    assert not [url for url in cdn.refused if "tile.openstreetmap.org" not in url]
