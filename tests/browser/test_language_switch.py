"""A switch of language keeps the choices made and shows them in the new language, in a real
Chromium: Streamlit's browser side keeps the label it was given for a choice (streamlit#13788), so
after a switch the map's filter read « Présents en ligne » on an English page and the activity
page's frequency showed no choice at all. AppTest cannot see this: it reads the server's value."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests import fixture_store
from tests.browser.conftest import ARTIFACTS, new_page, sign_in, start_app, wait_for_run
from tests.browser.test_journeys import build_with_coordinator, make_store, pick
from wiker_data import accounts

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    server = start_app(
        make_store(tmp_path_factory.mktemp("languages") / "store.db", fixture_store.build), "languages"
    )
    yield server
    server.stop()


def to_english(page: Page) -> None:
    page.get_by_test_id("stSidebar").get_by_text("English", exact=True).click()
    wait_for_run(page)


def test_the_maps_filters_are_shown_in_english_after_the_switch(browser, app):
    page, _, dialogs = new_page(browser)
    page.goto(f"{app.url}/map?commune=44052")
    wait_for_run(page)
    pick(page, "Présence en ligne", "Présents en ligne")
    wait_for_run(page)
    page.get_by_test_id("stMain").get_by_test_id("stMultiSelect").filter(has_text="Catégories").click()
    page.get_by_role("option", name="Boulangerie-pâtisserie", exact=True).click()
    page.keyboard.press("Escape")
    wait_for_run(page)
    to_english(page)
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("combobox", name="Online presence")).to_have_value("Online")
    expect(main.get_by_test_id("stMultiSelect").filter(has_text="Categories")).to_contain_text("Bakery")
    page.screenshot(path=str(ARTIFACTS / "language-switch-map.png"), full_page=True)
    assert not dialogs


def test_the_activity_frequency_stays_chosen_after_the_switch(browser, app):
    page, _, dialogs = new_page(browser)
    page.goto(f"{app.url}/activity?commune=44052")
    wait_for_run(page)
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("radio", name="année")).to_be_checked()  # the default: by year
    main.get_by_text("mois", exact=True).click()
    wait_for_run(page)
    to_english(page)
    expect(main.get_by_role("radio", name="month")).to_be_checked()
    assert not dialogs


@pytest.fixture(scope="module")
def coordinator_app(tmp_path_factory):
    store = make_store(tmp_path_factory.mktemp("languages-edit") / "store.db", build_with_coordinator)
    server = start_app(store, "languages-edit")
    yield server
    server.stop()


def save_phone(page: Page, phone: str) -> None:
    page.get_by_label("Téléphone").fill(phone)
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.get_by_test_id("stAlertContentSuccess")).to_be_visible()
    wait_for_run(page)


def test_the_change_offered_for_undo_is_the_newest_and_follows_the_language(browser, coordinator_app):
    # Seen: after a second save the list still showed the first change while its button named the
    # second, and after a switch to English the list kept its French sentence.
    page, _, dialogs = new_page(browser)
    page.goto(f"{coordinator_app.url}/?commune=44052")
    wait_for_run(page)
    demo = accounts.DEMO_COORDINATOR
    sign_in(page, demo.name, demo.password, then="Modifier un commerce")
    pick(page, "Commerce", "always_open")
    expect(page.get_by_label("Nom", exact=True)).to_have_value("always_open")
    wait_for_run(page)
    save_phone(page, "02 40 45 12 34")
    undo = page.get_by_role("combobox", name="Modification à annuler")
    expect(undo).to_have_value(re.compile("^Téléphone : — → 02 40 45 12 34"))
    save_phone(page, "02 40 45 56 78")
    expect(undo).to_have_value(re.compile("^Téléphone : 02 40 45 12 34 → 02 40 45 56 78"))
    expect(
        page.get_by_role("button", name="Annuler : Téléphone : 02 40 45 12 34 → 02 40 45 56 78")
    ).to_be_visible()
    to_english(page)
    undo = page.get_by_role("combobox", name="Change to undo")
    expect(undo).to_have_value(re.compile("^Phone: 02 40 45 12 34 → 02 40 45 56 78"))
    assert not dialogs
