"""Journeys in a real Chromium: the pages a resident and a mayor open, and the
map's markers inside the streamlit-folium iframe, which AppTest cannot see."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import FrameLocator, Locator, Page, expect
from pypdf import PdfReader
from sqlalchemy.orm import Session

from tests import fixture_store
from tests.browser.conftest import ARTIFACTS, new_page, sign_in, start_app, wait_for_run
from tests.builders import add_account, add_commune, add_shop
from wiker_data import accounts
from wiker_data.db import make_engine, migrate

pytestmark = pytest.mark.browser

HOSTILE_NAMES = ("<img src=x onerror=alert(1)>", "${alert(1)}", "`${alert(2)}`", "{{ 6*7 }}")


def make_store(path, build) -> str:
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    migrate(engine)
    with Session(engine) as session:
        build(session)
        session.commit()
    engine.dispose()
    return url


def build_hostile(session: Session) -> None:
    add_commune(session, "44052", "Donges")
    for i, name in enumerate(HOSTILE_NAMES):
        add_shop(
            session,
            name=name,
            address="</script><script>alert(3)</script>",
            opening_hours="<b onmouseover=alert(4)>Mo-Fr</b>",
            website="javascript:alert(5)",
            phone="+33 2 40 00 00 0" + str(i),
            latitude=47.3188 + 0.002 * i,
            longitude=-2.0746,
        )


@pytest.fixture(scope="module")
def fixture_app(tmp_path_factory):
    server = start_app(
        make_store(tmp_path_factory.mktemp("fixture") / "store.db", fixture_store.build), "fixture"
    )
    yield server
    server.stop()


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory):
    server = start_app(make_store(tmp_path_factory.mktemp("hostile") / "store.db", build_hostile), "hostile")
    yield server
    server.stop()


def map_frame(page: Page) -> FrameLocator:
    """The map's iframe. While a rerun replaces the map, the page briefly holds the old iframe and
    the new one: the new one is the last."""
    return page.locator('iframe[title="streamlit_folium.st_folium"]').last.content_frame


def drawn_shops(page: Page, expected: int, timeout: float = 30) -> list[str]:
    """Wait until the map inside the iframe has drawn `expected` shop markers; return their names."""
    frame = map_frame(page)
    frame.locator(".leaflet-container").wait_for(timeout=timeout * 1000)
    names: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            names = frame.locator("body").evaluate(
                """() => { const names = [];
                           if (window.map) window.map.eachLayer(
                               l => { if (l.wikerShop) names.push(l.wikerShop[6]); });
                           return names; }"""
            )
        except PlaywrightError:  # the iframe was replaced while it was read: read the new one
            names = []
        if len(names) >= expected:
            break
        time.sleep(0.3)
    return names


def click_marker(page: Page, latitude: float, longitude: float, name: str) -> str:
    """Click the map where a shop stands, as a user would; wait for its popup and return its text.

    The map may still be settling (fitting its bounds, laying out the iframe) on a loaded machine,
    so the position is measured again before each of a few tries.
    """
    frame = map_frame(page)
    container = frame.locator(".leaflet-container")
    popup = frame.locator(".leaflet-popup-content")
    for _ in range(5):
        box = container.bounding_box()
        point = container.evaluate(f"() => window.map.latLngToContainerPoint([{latitude}, {longitude}])")
        page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
        try:
            expect(popup).to_contain_text(name, timeout=3_000)
            break
        except AssertionError:
            time.sleep(0.5)
    expect(popup).to_contain_text(name, timeout=3_000)
    return popup.inner_text()


def choose_commune(page: Page, name: str) -> None:
    page.get_by_test_id("stSidebar").get_by_role("combobox").first.click()
    page.get_by_role("option", name=name).click()


def test_overview_and_map_of_the_network(browser, fixture_app):
    page, cdn, dialogs = new_page(browser)
    page.goto(fixture_app.url)
    wait_for_run(page)
    expect(page.get_by_test_id("stHeading").first).to_have_text("Vue d'ensemble")
    expect(page.get_by_test_id("stMetric")).to_have_count(8)
    assert page.get_by_test_id("stException").count() == 0
    expect(page.get_by_test_id("stDataFrame")).to_be_visible()
    expect(page.get_by_test_id("stPlotlyChart").first).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "overview.png"), full_page=True)

    expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)  # our translated links replace it
    page.get_by_role("link", name="Carte des commerces").click()
    expect(page.get_by_test_id("stHeading").first).to_have_text("Carte des commerces")
    wait_for_run(page)
    # As of today, the fixture store's open and temporarily closed shops: 8 in Donges, 1 in Trignac.
    names = drawn_shops(page, expected=9)
    assert sorted(names) == sorted(
        ["always_open", "first_day", "day_before", "reopened", "temporary", "lockdown", "future",
         "catalogue_only", "new_online"]
    )  # fmt: skip
    assert page.get_by_test_id("stException").count() == 0
    page.screenshot(path=str(ARTIFACTS / "map.png"), full_page=True)
    assert not dialogs
    assert not [url for url in cdn.refused if "tile.openstreetmap.org" not in url]


def test_commune_choice_and_language_follow_the_user(browser, fixture_app):
    page, _, _ = new_page(browser)
    page.goto(fixture_app.url)
    wait_for_run(page)
    choose_commune(page, "Trignac")
    expect(page.get_by_test_id("stHeading").nth(1)).to_contain_text("Trignac (44210)")
    page.get_by_text("English").click()
    expect(page.get_by_test_id("stHeading").first).to_have_text("Overview")
    page.get_by_role("link", name="Shop map").click()
    expect(page.get_by_test_id("stHeading").first).to_have_text("Shop map — Trignac")
    wait_for_run(page)
    assert drawn_shops(page, expected=1) == ["new_online"]
    text = click_marker(page, 47.3188, -2.0745, "new_online")
    assert "Online shop" in text and "boutique.example.fr" in text
    page.screenshot(path=str(ARTIFACTS / "map-popup.png"), full_page=True)


def test_hostile_shop_text_stays_inert(browser, hostile_app):
    page, _, dialogs = new_page(browser)
    page.goto(f"{hostile_app.url}/map")
    wait_for_run(page)
    names = drawn_shops(page, expected=len(HOSTILE_NAMES))
    assert sorted(names) == sorted(
        ["&lt;img src=x onerror=alert(1)&gt;", "&#36;{alert(1)}", "&#96;&#36;{alert(2)}&#96;", "{{ 6*7 }}"]
    )
    for i, name in enumerate(HOSTILE_NAMES):
        text = click_marker(page, 47.3188 + 0.002 * i, -2.0746, name)  # shown literally, as text
        assert "</script><script>alert(3)</script>" in text
        assert "<b onmouseover=alert(4)>Mo-Fr</b>" in text
        assert "Site web" not in text  # a javascript: URL is never a link
        map_frame(page).locator(".leaflet-popup-close-button").click()  # it would cover the next shop
        expect(map_frame(page).locator(".leaflet-popup")).to_have_count(0)
    frame = map_frame(page)
    assert frame.locator(".leaflet-popup-content img, .leaflet-popup-content b").count() == 0
    assert "42" not in frame.locator("body").inner_text()  # no template was evaluated on the server
    # The table under the map shows the same names as plain text.
    assert page.get_by_test_id("stDataFrame").count() == 1
    page.screenshot(path=str(ARTIFACTS / "map-hostile.png"), full_page=True)
    assert dialogs == []


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/visits", "Visites"),
        ("/activity", "Ouvertures et fermetures"),
        ("/comparison", "Comparaison des communes"),
    ],
)
def test_mayor_pages_draw_their_charts(browser, fixture_app, path, heading):
    page, _, dialogs = new_page(browser)
    page.goto(fixture_app.url + path)
    wait_for_run(page)
    expect(page.get_by_test_id("stHeading").first).to_contain_text(heading)
    expect(page.locator("[data-testid='stPlotlyChart'], [data-testid='stDataFrame']").first).to_be_visible()
    assert page.get_by_test_id("stException").count() == 0
    page.screenshot(path=str(ARTIFACTS / f"{path.strip('/')}.png"), full_page=True)
    assert not dialogs


def test_council_report_downloads_as_a_pdf(browser, fixture_app, tmp_path):
    page, _, _ = new_page(browser)
    page.goto(fixture_app.url)
    wait_for_run(page)
    choose_commune(page, "Donges")
    button = page.get_by_role("button", name="Rapport pour le conseil municipal (PDF)")
    expect(button).to_be_visible()
    with page.expect_download(timeout=60_000) as download:
        button.click()
    target = tmp_path / download.value.suggested_filename
    download.value.save_as(target)
    assert target.name.startswith("wiker-rapport-44052-")
    pages = PdfReader(target).pages
    assert len(pages) == 1
    assert "Donges (44052)" in pages[0].extract_text()


def build_with_coordinator(session: Session) -> None:
    """Write the hand-worked fixture and the demo coordinator's account (Donges and Trignac)."""
    fixture_store.build(session)
    demo = accounts.DEMO_COORDINATOR
    add_account(session, demo.name, demo.password, "coordinator", list(demo.communes))


@pytest.fixture(scope="module")
def coordinator_app(tmp_path_factory):
    store = make_store(tmp_path_factory.mktemp("coordinator") / "store.db", build_with_coordinator)
    server = start_app(store, "coordinator")
    yield server
    server.stop()


def pick(page: Page, label: str, option: str) -> None:
    """Choose `option` in the main area's select box labelled `label`."""
    page.get_by_test_id("stMain").get_by_test_id("stSelectbox").filter(has_text=label).click()
    page.get_by_role("option", name=option, exact=True).click()


def shop_statuses(page: Page) -> dict[str, int]:
    """Return each drawn shop's status index (0 open, 1 temporarily closed, 2 closed) by name."""
    return (
        map_frame(page)
        .locator("body")
        .evaluate(
            """() => { const found = {};
                   window.map.eachLayer(l => { if (l.wikerShop) found[l.wikerShop[6]] = l.wikerShop[3]; });
                   return found; }"""
        )
    )


def open_shops_metric(page: Page) -> Locator:
    return (
        page.get_by_test_id("stMetric").filter(has_text="Commerces ouverts").get_by_test_id("stMetricValue")
    )


def test_coordinator_closes_a_shop_sees_it_everywhere_and_undoes_it(browser, coordinator_app):
    page, _, dialogs = new_page(browser)
    page.goto(coordinator_app.url)
    wait_for_run(page)
    choose_commune(page, "Donges")
    # As of today, Donges has 7 open shops (the fixture's 6 as of 2024-12-31, plus "future").
    expect(open_shops_metric(page)).to_have_text("7")

    sign_in(
        page, accounts.DEMO_COORDINATOR.name, accounts.DEMO_COORDINATOR.password, then="Modifier un commerce"
    )
    pick(page, "Commerce", "always_open")
    expect(page.get_by_label("Nom", exact=True)).to_have_value("always_open")  # the shop's forms drawn
    wait_for_run(page)
    choice = page.get_by_placeholder("Choisissez l'événement")  # no default: closing is a choice
    choice.click()
    choice.press("ArrowDown")  # the list opens from the keyboard whether the click opened it or not
    page.get_by_role("option", name="Fermeture définitive", exact=True).click()
    page.get_by_role("button", name="Enregistrer l'événement").click()  # on today's date
    expect(page.get_by_test_id("stMain").get_by_test_id("stAlertContentWarning")).to_contain_text(
        "Confirmer : Fermeture définitive"
    )
    page.get_by_role("button", name="Confirmer").click()
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("Fermeture définitive")

    page.get_by_role("link", name="Vue d'ensemble").click()
    expect(open_shops_metric(page)).to_have_text("6")

    page.get_by_role("link", name="Carte des commerces").click()
    page.get_by_text("Afficher les commerces fermés").click()
    wait_for_run(page)
    drawn_shops(page, expected=10)
    assert shop_statuses(page)["always_open"] == 2  # drawn as closed
    page.screenshot(path=str(ARTIFACTS / "map-after-closure.png"), full_page=True)

    page.get_by_role("link", name="Modifier un commerce").click()
    undo_closure = page.get_by_role(
        "button", name="Annuler : Fermeture définitive le"
    )  # names what it undoes
    expect(undo_closure).to_be_visible()
    undo_closure.click()
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("Annulé : Fermeture définitive le")
    page.get_by_role("link", name="Vue d'ensemble").click()
    expect(open_shops_metric(page)).to_have_text("7")
    assert not dialogs
