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


def _captions(at) -> str:
    return "\n".join(caption.value for caption in at.caption)


def test_a_long_comparison_shows_both_ends_and_the_chosen_communes_neighbours(seventy_communes):
    at = app()
    at.selectbox(key="_commune").set_value("44335").run()  # Bourg 35, 35,000 inhabitants
    at.switch_page("pages/4_comparison.py").run()
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table["N°"]) == [*range(1, 11), *range(31, 42), *range(61, 71)]
    assert table["Commune"].tolist()[15] == "Bourg 35"
    # Similar size: 17,500 to 70,000 inhabitants, Bourg 0 to Bourg 52, the chosen one apart.
    similar = [number for number, mark in zip(table["N°"], table["Taille comparable"], strict=True) if mark]
    assert similar == [*range(1, 11), *range(31, 36), *range(37, 42)]
    assert "Les 10 premières et les 10 dernières des 70 communes" in _captions(at)
    assert "les 5 qui entourent Bourg 35 de chaque côté" in _captions(at)


def test_a_search_finds_communes_by_name_and_a_toggle_pages_through_them_all(seventy_communes):
    at = app()
    at.switch_page("pages/4_comparison.py").run()
    at.text_input(key="comparison_search").set_value("bourg 6").run()
    table = at.dataframe[0].value
    found = [6, 16, 26, 36, 46, 56, *range(60, 70)]  # the names holding a 6
    assert list(table["Commune"]) == [f"Bourg {i}" for i in found]
    assert "Communes trouvées : 16 sur 70." in _captions(at)

    at.text_input(key="comparison_search").set_value("").run()
    at.toggle(key="comparison_every").set_value(True).run()
    assert list(at.dataframe[0].value["N°"]) == list(range(1, 51))
    at.number_input(key="comparison_page").set_value(2).run()
    assert not at.exception
    assert list(at.dataframe[0].value["N°"]) == list(range(51, 71))
    assert "Communes 51 à 70 sur 70." in _captions(at)


def test_a_search_that_finds_nothing_says_so_in_the_words_typed(seventy_communes):
    at = app()
    at.switch_page("pages/4_comparison.py").run()
    at.text_input(key="comparison_search").set_value("**Paris**").run()
    assert not at.exception and at.dataframe[0].value.empty
    assert "Aucune commune ne correspond à « \\*\\*Paris\\*\\* »." in _captions(at)
