"""Every page through Streamlit's AppTest, against the hand-worked fixture store: what holds for
all of them. Each page's own tests are in tests/test_page_<page>.py, the helpers they share in
tests/pages_helpers.py."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from tests.pages_helpers import PAGES, ROOT, app, metrics

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
