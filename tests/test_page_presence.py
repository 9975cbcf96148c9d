"""AppTest of the online-presence audit (pages/5_presence.py) against the hand-worked fixture store
(tests/fixture_store.py, as of 2024-12-31; what each shop ticks: tests/test_queries_presence.py)."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from tests.fixture_store import AS_OF
from tests.pages_helpers import app, click, metrics, shop_id, signed_in

pytestmark = pytest.mark.usefixtures("fresh_caches")


def test_presence_page_for_donges(store):
    at = app()
    at.selectbox(key="_commune").set_value("44052").run()
    at.switch_page("pages/5_presence.py").run()
    assert not at.exception
    shown = metrics(at)
    assert shown["Commerces ouverts"] == "6"
    assert shown["Commerces présents en ligne"] == "33\u00a0%"  # always_open and catalogue_only
    assert shown["Score moyen"] == "0,5 / 8"  # (1 + 1 + 1 + 0 + 0 + 0) / 6
    assert shown["Commerces à appeler"] == "4"
    assert list(at.dataframe[0].value["Nom"]) == ["day_before", "first_day", "reopened", "lockdown"]
    assert len(at.get("download_button")) == 1


def test_formula_like_name_is_stored_as_text_and_neutralised_in_the_call_list(coordinator):
    at = signed_in()
    at.selectbox(key="edit_shop_id").set_value(shop_id(coordinator, "first_day")).run()
    next(t for t in at.text_input if t.label == "Nom").set_value('=HYPERLINK("http://x")')
    click(at, "Enregistrer")
    assert shop_id(coordinator, '=HYPERLINK("http://x")') is not None  # stored as typed
    at.selectbox(key="_commune").set_value("44052").run()
    at.switch_page("pages/5_presence.py").run()
    assert '=HYPERLINK("http://x")' in set(at.dataframe[0].value["Nom"])  # shown as text
    from wiker_data.exports import to_csv_bytes
    from wiker_data.queries import presence

    with Session(coordinator) as session:
        calls = presence.call_list(session, AS_OF, "44052")
    assert '\'=HYPERLINK(""http://x"")' in to_csv_bytes(calls, lang="fr").decode("utf-8-sig")


def test_the_call_list_is_in_calling_order_with_national_phones(store):
    from tests.test_queries_presence import add_reachable_shops

    with Session(store) as session:
        add_reachable_shops(session)
    at = app()
    at.selectbox(key="_commune").set_value("44052").run()
    at.switch_page("pages/5_presence.py").run()
    assert not at.exception
    calls = at.dataframe[0].value
    assert list(calls["Nom"])[:3] == ["phone_only", "phone_social", "email_only"]
    assert list(calls["Téléphone"])[:3] == ["02 40 01 59 18", "02 40 45 00 00", ""]
    assert list(calls["Joignable par"])[:4] == [
        "Téléphone",
        "Téléphone",
        "E-mail seulement",
        "Ni téléphone ni e-mail",
    ]
    assert list(calls["Groupe"])[:2] == [
        "Sans site ni réseau social",
        "Sans site web (présent sur un réseau social)",
    ]
    assert calls["E-mail"].iloc[2] == "a@example.org"


def test_the_call_list_in_english(store):
    from tests.test_queries_presence import add_reachable_shops

    with Session(store) as session:
        add_reachable_shops(session)
    at = app()
    at.selectbox(key="_commune").set_value("44052").run()
    at.radio(key="_lang").set_value("en").run()
    at.switch_page("pages/5_presence.py").run()
    assert not at.exception
    calls = at.dataframe[0].value
    assert list(calls["Reached by"])[:3] == ["Phone", "Phone", "E-mail only"]
    assert calls["Group"].iloc[0] == "No website nor social network"
    assert calls["Phone"].iloc[0] == "02 40 01 59 18"


def test_the_call_list_comes_a_page_at_a_time(store, monkeypatch):
    from wiker_ui import loaders

    monkeypatch.setattr(loaders, "CALLS_PER_PAGE", 3)  # Donges has 4 shops to call: 2 pages
    at = app()
    at.selectbox(key="_commune").set_value("44052").run()
    at.switch_page("pages/5_presence.py").run()
    assert not at.exception
    assert metrics(at)["Commerces à appeler"] == "4"
    assert list(at.dataframe[0].value["Nom"]) == ["day_before", "first_day", "reopened"]
    assert at.number_input(key="calls_page").label == "Page (sur 2)"
    at.number_input(key="calls_page").set_value(2).run()
    assert list(at.dataframe[0].value["Nom"]) == ["lockdown"]


def test_the_network_view_shows_the_communes_with_the_most_open_shops(store, monkeypatch):
    from wiker_ui import loaders

    monkeypatch.setattr(loaders, "PRESENCE_GROUPS", 1)  # Donges (6 open shops) and Trignac
    at = app()
    at.switch_page("pages/5_presence.py").run()
    assert not at.exception
    captions = [caption.value for caption in at.caption]
    assert "Seules les communes qui ont le plus de commerces ouverts sont montrées : 1 sur 2." in captions
    heatmap = at.get("plotly_chart")[1].proto.spec
    assert "Donges (6)" in heatmap and "Trignac" not in heatmap
    assert len(at.get("number_input")) == 0  # fewer shops to call than a page
