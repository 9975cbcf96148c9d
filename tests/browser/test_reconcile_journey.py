"""The SIRENE reconciliation page in a real Chromium, for a commune of 54 shops: one page of
proposals, not one picker per shop (the page was 7,200 px long)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy.orm import Session

from tests.browser.conftest import ARTIFACTS, new_page, sign_in, start_app, wait_for_run
from tests.browser.test_journeys import build_with_coordinator, make_store
from tests.builders import add_shop
from tests.test_importers_reconcile import row
from tests.test_page_reconcile import geo_bytes, grid, luhn_siret
from wiker_data import accounts

pytestmark = pytest.mark.browser
SHOPS = 54


def build_54_shops(session: Session) -> None:
    build_with_coordinator(session)
    for index in range(SHOPS):
        latitude, longitude = grid(index)
        add_shop(session, name=f"Commerce {index + 1}", latitude=latitude, longitude=longitude)


@pytest.fixture(scope="module")
def reconcile_app(tmp_path_factory):
    store = make_store(tmp_path_factory.mktemp("reconcile") / "store.db", build_54_shops)
    server = start_app(store, "reconcile")
    yield server
    server.stop()


def test_54_shops_fit_one_screenful_of_proposals(browser, reconcile_app, tmp_path):
    extract = tmp_path / "geo_siret_44.csv.gz"
    rows = [
        row(luhn_siret(i), f"COMMERCE {i + 1}", "47.11B", "A", "2010-01-01", "2010-01-01",
            lat=f"{grid(i)[0]:.7f}", lon=f"{grid(i)[1]:.7f}")
        for i in range(SHOPS)
    ]  # fmt: skip
    extract.write_bytes(geo_bytes(rows))
    page, _, dialogs = new_page(browser)
    page.goto(reconcile_app.url)
    wait_for_run(page)
    sign_in(
        page, accounts.DEMO_COORDINATOR.name, accounts.DEMO_COORDINATOR.password, then="Rapprochement SIRENE"
    )
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(extract))
    expect(page.get_by_text("Page 1 sur 3 · 54 proposition(s)")).to_be_visible(timeout=30_000)
    wait_for_run(page)
    height = page.get_by_test_id("stMain").evaluate("main => main.scrollHeight")
    page.screenshot(path=str(ARTIFACTS / "reconcile-54-shops.png"), full_page=True)
    # 20 rows of about 35 px in the table (700 px), plus the title, the commune, the upload, the
    # search and the button (about 700 px): 1,363 px measured here, against 7,200 px with a picker
    # per shop. The bound leaves room for other fonts and Streamlit versions.
    assert height < 2_500, height
    assert page.get_by_test_id("stSelectbox").count() <= 3  # the sidebar's commune, the main commune, "show"
    assert not dialogs
