"""A coordinator builds a commune's directory from a SIRENE file in a real Chromium: upload,
preview, apply, and the new shop drawn on the folium map."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, new_page, sign_in, start_app, wait_for_run
from tests.browser.test_journeys import build_with_coordinator, choose_commune, drawn_shops, make_store
from tests.test_importers_sirene import ROWS, stock_text
from wiker_data import accounts

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def import_app(tmp_path_factory):
    # A store of its own: the journey writes to it.
    store = make_store(tmp_path_factory.mktemp("import") / "store.db", build_with_coordinator)
    server = start_app(store, "import")
    yield server
    server.stop()


def metric(page, label: str):
    return page.get_by_test_id("stMetric").filter(has_text=label).get_by_test_id("stMetricValue")


def test_coordinator_uploads_sirene_previews_applies_and_sees_the_shop_on_the_map(
    browser, import_app, tmp_path
):
    extract = tmp_path / "StockEtablissement_utf8.csv"
    extract.write_text(stock_text(ROWS), encoding="utf-8")
    page, _, dialogs = new_page(browser)
    page.goto(import_app.url)
    wait_for_run(page)
    choose_commune(page, "Donges")
    page.get_by_role("link", name="Carte des commerces").click()
    before = drawn_shops(page, expected=7)
    assert "Boulangerie du Port" not in before

    sign_in(
        page, accounts.DEMO_COORDINATOR.name, accounts.DEMO_COORDINATOR.password, then="Importer des données"
    )
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(extract))
    expect(metric(page, "Nouveaux")).to_have_text("4", timeout=30_000)
    expect(metric(page, "Rejetés")).to_have_text("1")
    expect(page.get_by_text("Lignes rejetées (1)")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "import-preview.png"), full_page=True)

    page.get_by_role("button", name="Appliquer l'import").click()
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("4 nouveaux", timeout=30_000)
    expect(metric(page, "Inchangés")).to_have_text("4")

    page.get_by_role("link", name="Voir la carte des commerces").click()
    wait_for_run(page)
    after = drawn_shops(page, expected=len(before) + 1)
    # Of the four new shops, the bakery is open and has a position; the hairdresser is closed, and
    # the other two have no position in SIRENE (not published, or not given).
    assert sorted(after) == sorted([*before, "Boulangerie du Port"])
    page.screenshot(path=str(ARTIFACTS / "map-after-import.png"), full_page=True)
    assert not dialogs
