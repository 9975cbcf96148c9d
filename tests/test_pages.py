"""Every page through Streamlit's AppTest, against the hand-worked fixture store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import streamlit as st
from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest

from tests.fixture_store import AS_OF
from wiker_ui.layout import PAGES as LINKED_PAGES

ROOT = Path(__file__).resolve().parent.parent
PAGES = [path for path, _, _ in LINKED_PAGES if path != "dashboard.py"]
NNBSP = "\u202f"  # French thousands separator


@pytest.fixture(autouse=True)
def fresh_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def app(as_of=AS_OF) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    at.session_state["as_of"] = as_of
    return at.run()


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_home_page_shows_the_network_kpis(store):
    at = app()
    assert not at.exception
    shown = metrics(at)
    assert shown["Communes"] == "2"
    assert shown["Commerces ouverts"] == "7"
    assert shown["Ouvertures (12 mois)"] == "2"
    assert shown["Fermetures (12 mois)"] == "2"
    assert shown["Solde net (12 mois)"] == "+1"
    assert shown["Visites en décembre 2024"] == f"6{NNBSP}000"
    assert shown["Visites par habitant"] == "0,75"
    assert shown["Commerces présents en ligne"] == "43\u00a0%"  # 3 of 7


def test_home_page_table_has_one_row_per_member_commune(store):
    at = app()
    table = at.dataframe[0].value
    assert sorted(table["Commune"]) == ["Donges", "Trignac"]


def test_choosing_a_commune_updates_the_kpis(store):
    at = app()
    at.selectbox(key="_commune").set_value("44052").run()
    shown = metrics(at)
    assert not at.exception
    assert "Communes" not in shown
    assert shown["Commerces ouverts"] == "6"
    assert shown["Solde net (12 mois)"] == "0"
    assert shown["Commerces présents en ligne"] == "33\u00a0%"  # 2 of 6
    assert any("Donges (44052)" in h.value for h in at.subheader)


def test_switching_to_english_translates_and_formats(store):
    at = app()
    at.radio(key="_lang").set_value("en").run()
    shown = metrics(at)
    assert shown["Shops open"] == "7"
    assert shown["Visits in December 2024"] == "6,000"
    assert shown["Visits per inhabitant"] == "0.75"
    assert at.title[0].value == "Overview"


def test_the_date_changes_every_figure(store):
    at = app(as_of=AS_OF.replace(day=30))  # 2024-12-30, the day before a closure
    assert metrics(at)["Commerces ouverts"] == "8"


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_without_exception_in_both_languages(store, page):
    at = app()
    at.switch_page(page).run()
    assert not at.exception
    at.radio(key="_lang").set_value("en").run()
    assert not at.exception
    at.selectbox(key="_commune").set_value("44210").run()
    assert not at.exception


def map_script(at: AppTest) -> str:
    """Return the JavaScript that streamlit-folium runs in its iframe: the shops' data is in it."""
    component = at.get("component_instance")[0]
    return json.loads(component.proto.json_args)["script"]


def test_map_page_shows_open_and_temporarily_closed_shops(store):
    at = app()
    at.switch_page("pages/1_map.py").run()
    assert not at.exception
    assert any(c.value == "8 commerces affichés" for c in at.caption)
    table = at.dataframe[0].value
    assert len(table) == 8
    assert "long_closed" not in set(table["Nom"])
    script = map_script(at)
    for name in table["Nom"]:
        assert name in script


def test_commune_and_language_follow_the_user_to_the_map(store):
    at = app()
    at.selectbox(key="_commune").set_value("44052").run()
    at.radio(key="_lang").set_value("en").run()
    at.switch_page("pages/1_map.py").run()
    assert at.title[0].value == "Shop map — Donges"
    assert any(c.value == "7 shops shown" for c in at.caption)
    assert "new_online" not in map_script(at)


def test_map_filters(store):
    at = app()
    at.switch_page("pages/1_map.py").run()
    at.toggle(key="map_show_closed").set_value(True).run()  # show closed shops too
    assert len(at.dataframe[0].value) == 11
    at.text_input(key="map_search").set_value("closed").run()
    assert set(at.dataframe[0].value["Nom"]) == {"closed_last_day", "long_closed"}
    at.text_input(key="map_search").set_value("").run()
    at.selectbox(key="map_online").set_value("yes").run()
    assert set(at.dataframe[0].value["Nom"]) == {"always_open", "catalogue_only", "new_online"}


def test_every_page_file_is_linked_from_the_sidebar():
    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))
    assert files == sorted(PAGES)


def test_a_commune_missing_facts_still_renders(engine):
    from tests.builders import add_commune, add_shop

    with Session(engine) as session:
        # No population, a latitude without longitude, and a shop of an unknown category.
        add_commune(session, "44999", "Sans-Chiffres", population=None, population_year=None, longitude=None)
        add_shop(session, commune="44999", name="Mystère", category="unknown_kind")
        session.commit()
    at = app()
    at.selectbox(key="_commune").set_value("44999").run()
    for page in [None, *PAGES]:
        if page:
            at.switch_page(page).run()
        assert not at.exception, page
    at.switch_page("dashboard.py").run()
    assert metrics(at)["Commerces ouverts"] == "1"
    assert metrics(at)["Visites par habitant"] == "—"
