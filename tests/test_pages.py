"""Every page through Streamlit's AppTest, against the hand-worked fixture store: what holds for
all of them. Each page's own tests are in tests/test_page_<page>.py, the helpers they share in
tests/pages_helpers.py."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from tests.pages_helpers import PAGES, ROOT, app, metrics, shop_id, signed_in

pytestmark = pytest.mark.usefixtures("fresh_caches")


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_without_exception_in_both_languages(store, page):
    at = app()
    at.switch_page(page).run()
    assert not at.exception
    at.radio(key="_lang").set_value("en").run()
    assert not at.exception
    at.selectbox(key="_commune").set_value("44210").run()
    assert not at.exception


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


@pytest.mark.parametrize(("lang", "expected"), [("fr", "DD/MM/YYYY"), ("en", "YYYY-MM-DD")])
@pytest.mark.parametrize("page", ["pages/3_activity.py", "pages/6_edit_shop.py", "pages/7_edit_commune.py"])
def test_every_date_input_is_written_the_languages_way(coordinator, page, lang, expected):
    # The edit pages' dates were shown 2026/12/02 on a French page (Streamlit's default format).
    at = signed_in(page) if "edit" in page else app().switch_page(page).run()
    at.radio(key="_lang").set_value(lang).run()
    at.selectbox(key="_commune").set_value("44052").run()
    if page == "pages/6_edit_shop.py":  # the status form of a shop, beside the new shop's form
        assert len(at.date_input) == 2  # the sidebar's and the new shop's opening date
        at.selectbox(key="edit_shop_id").set_value(shop_id(coordinator, "always_open")).run()
    assert not at.exception
    assert len(at.date_input) >= 2
    assert {(d.label, d.proto.format) for d in at.date_input} == {(d.label, expected) for d in at.date_input}
