"""The coordinators' pages never contradict the sidebar: their commune choice (among the communes
the signed-in person may edit) is the sidebar's commune when the sidebar names one, and a choice
made on the page is the sidebar's too. Seen in the browser: with Trignac in the sidebar, the import
page offered Donges, the commune of an earlier visit, and an OpenStreetMap file went to Donges."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from tests.builders import add_account, add_commune
from tests.pages_helpers import PASSWORD, app, shop_id

pytestmark = pytest.mark.usefixtures("fresh_caches")
DONGES, TRIGNAC = "44052", "44210"


@pytest.fixture
def two_communes(store):
    """The fixture store with `paul`, coordinator of Donges and Trignac."""
    with Session(store) as session:
        add_account(session, "paul", PASSWORD, "coordinator", [DONGES, TRIGNAC])
        session.commit()
    return store


def signed_in_on(page: str, sidebar: str, name: str = "paul"):
    at = app()
    at.selectbox(key="_commune").set_value(sidebar).run()
    at.switch_page(page).run()
    at.text_input(key="sign_in_name").set_value(name)
    at.text_input(key="sign_in_password").set_value(PASSWORD)
    next(b for b in at.button if b.label == "Se connecter").click().run()
    assert not at.exception
    return at


@pytest.mark.usefixtures("two_communes")
@pytest.mark.parametrize("page", ["pages/6_edit_shop.py", "pages/8_import.py", "pages/9_reconcile.py"])
def test_the_page_opens_on_the_sidebars_commune(page):
    at = signed_in_on(page, TRIGNAC)
    assert at.selectbox(key="edit_commune").value == TRIGNAC


@pytest.mark.usefixtures("two_communes")
def test_a_commune_chosen_in_the_sidebar_after_an_earlier_visit_is_the_pages():
    at = signed_in_on("pages/6_edit_shop.py", DONGES)
    assert at.selectbox(key="edit_commune").value == DONGES
    at.selectbox(key="_commune").set_value(TRIGNAC).run()
    assert at.selectbox(key="edit_commune").value == TRIGNAC
    at.switch_page("pages/8_import.py").run()
    assert at.selectbox(key="edit_commune").value == TRIGNAC


@pytest.mark.usefixtures("two_communes")
def test_a_commune_chosen_on_the_page_is_the_sidebars_too():
    at = signed_in_on("pages/8_import.py", TRIGNAC)
    at.selectbox(key="edit_commune").set_value(DONGES).run()
    assert at.selectbox(key="_commune").value == DONGES
    assert at.selectbox(key="edit_commune").value == DONGES
    at.switch_page("dashboard.py").run()
    assert at.selectbox(key="_commune").value == DONGES


@pytest.mark.usefixtures("two_communes")
def test_with_the_whole_network_in_the_sidebar_the_page_keeps_its_own_choice():
    at = signed_in_on("pages/6_edit_shop.py", "")
    assert at.selectbox(key="edit_commune").value == DONGES  # the first of the person's communes
    at.selectbox(key="edit_commune").set_value(TRIGNAC).run()
    assert at.selectbox(key="_commune").value == ""  # the network view stays
    at.switch_page("pages/9_reconcile.py").run()
    assert at.selectbox(key="edit_commune").value == TRIGNAC


@pytest.mark.usefixtures("two_communes")
def test_a_link_to_a_shop_of_another_commune_moves_the_sidebar_to_it(two_communes):
    # The call list links to a shop's form (?shop=); the sidebar shows Trignac, the shop is Donges'.
    wanted = shop_id(two_communes, "always_open")
    at = signed_in_on("pages/6_edit_shop.py", TRIGNAC)
    at.query_params["shop"] = str(wanted)
    at.run()
    assert not at.exception
    assert at.selectbox(key="_commune").value == DONGES
    assert at.selectbox(key="edit_commune").value == DONGES
    assert at.selectbox(key="edit_shop_id").value == wanted


def test_a_link_to_a_shop_the_person_may_not_edit_leaves_the_sidebar(coordinator):
    # marie coordinates Donges alone; new_online is Trignac's: the sidebar and the page stay on Donges.
    wanted = shop_id(coordinator, "new_online")
    at = signed_in_on("pages/6_edit_shop.py", DONGES, name="marie")
    at.query_params["shop"] = str(wanted)
    at.run()
    assert not at.exception
    assert at.selectbox(key="_commune").value == DONGES
    assert at.selectbox(key="edit_commune").value == DONGES


def test_the_sidebar_names_each_commune_with_its_postal_and_insee_codes(store):
    # With thousands of communes the choice is found by typing: its name, its postal code (two
    # communes may share one) or its INSEE code. The fixture's communes have postal code 44480.
    with Session(store) as session:
        add_commune(session, "44999", "Sans-Code", postal_code=None)
        session.commit()
    at = app()
    assert at.selectbox(key="_commune").options == [
        "Tout le réseau",
        "Donges (44480 · Insee 44052)",
        "Sans-Code (Insee 44999)",
        "Trignac (44480 · Insee 44210)",
    ]
    at.radio(key="_lang").set_value("en").run()
    assert at.selectbox(key="_commune").options[1] == "Donges (44480 · INSEE 44052)"
