"""AppTest of the comparison of communes (pages/4_comparison.py) against the hand-worked fixture
store (tests/fixture_store.py)."""

from __future__ import annotations

import pytest

from tests.pages_helpers import app

pytestmark = pytest.mark.usefixtures("fresh_caches")


def test_comparison_page_highlights_the_chosen_commune(store):
    at = app()
    at.selectbox(key="_commune").set_value("44210").run()
    at.switch_page("pages/4_comparison.py").run()
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table["Commune"]) == ["Donges", "Trignac"]  # by population, largest first
    assert list(table["Taille comparable"]) == ["✓", ""]  # 8,000 is within twice 4,000
