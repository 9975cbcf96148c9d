"""Links a mayor can bookmark and send: the commune, the date and the language are in the URL, a link
opened shows its view, and a change in the sidebar rewrites the URL. The coordinators' pages are
linked from the sidebar once signed in only."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from tests.fixture_store import AS_OF
from tests.pages_helpers import ROOT, app, signed_in

pytestmark = pytest.mark.usefixtures("fresh_caches")


def opened(page: str, **params: str) -> AppTest:
    """Return the app as a new browser session opening `page` with the URL's `params`."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    return at.switch_page(page).run()


def url(at: AppTest) -> dict[str, str]:
    return {key: at.query_params[key] for key in at.query_params}


def test_a_link_opens_its_commune_date_and_language(store):
    at = opened("pages/3_activity.py", commune="44052", date="2024-12-31", lang="en")
    assert not at.exception
    assert at.selectbox(key="_commune").value == "44052"
    assert at.date_input(key="_as_of").value == dt.date(2024, 12, 31)
    assert at.title[0].value == "Openings and closures — Donges"


def test_a_link_in_english_labels_the_whole_sidebar_in_english_on_its_first_run(store):
    at = opened("dashboard.py", lang="en")
    assert [radio.label for radio in at.sidebar.radio] == ["Language"]
    assert at.sidebar.selectbox[0].label == "Commune" and at.sidebar.date_input[0].label == "As of"


def test_a_change_in_the_sidebar_rewrites_the_url(store):
    at = opened("pages/3_activity.py", commune="44052", date="2024-12-31")
    at.selectbox(key="_commune").set_value("44210").run()
    assert url(at) == {"commune": "44210", "date": "2024-12-31"}
    at.date_input(key="_as_of").set_value(dt.date(2023, 6, 30)).run()
    assert url(at) == {"commune": "44210", "date": "2023-06-30"}
    assert at.selectbox(key="_commune").value == "44210"  # the URL written is not taken for a link
    at.radio(key="_lang").set_value("en").run()
    assert url(at)["lang"] == "en"
    at.selectbox(key="_commune").set_value("").run()  # the whole network: no commune in the URL
    assert "commune" not in url(at)


def test_a_first_visit_has_a_bare_url(store):
    at = opened("dashboard.py")
    assert url(at) == {}
    assert at.selectbox(key="_commune").value == ""
    assert at.date_input(key="_as_of").value == dt.date.today()


@pytest.mark.parametrize(
    "params",
    [
        {"commune": "99999"},  # not in the store
        {"commune": "44052", "date": "31/12/2024"},  # not an ISO date
        {"commune": "44052", "date": "2999-01-01"},  # after today
        {"commune": "44052", "lang": "de"},
    ],
)
def test_a_link_with_a_wrong_value_keeps_the_others(store, params):
    at = opened("dashboard.py", **params)
    assert not at.exception
    assert at.selectbox(key="_commune").value == ("44052" if params["commune"] == "44052" else "")
    assert at.date_input(key="_as_of").value == dt.date.today()
    assert at.radio(key="_lang").value == "fr"


def test_the_sidebar_links_carry_the_choices(store):
    at = app()  # the fixture store's date, AS_OF
    at.selectbox(key="_commune").set_value("44052").run()
    links = {link.proto.page: link.proto.query_string for link in at.get("page_link")}
    assert "activity" in links
    assert set(links.values()) == {f"commune=44052&date={AS_OF.isoformat()}"}


def sidebar_pages(at: AppTest) -> list[str]:
    return [link.proto.label for link in at.get("page_link")]


def test_coordinator_pages_are_linked_once_signed_in(coordinator):
    at = app()
    labels = sidebar_pages(at)
    assert "Modifier un commerce" not in labels and "Importer des données" not in labels
    assert labels[-1] == "Connexion coordinateur"
    at = signed_in()
    labels = sidebar_pages(at)
    assert "Connexion coordinateur" not in labels
    assert labels[-4:] == [
        "Modifier un commerce",
        "Modifier une commune",
        "Importer des données",
        "Rapprochement SIRENE",
    ]
