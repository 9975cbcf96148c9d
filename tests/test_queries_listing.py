"""The long lists of communes cut to what is drawn (wiker_data.queries.listing), on small tables
whose expected rows are counted by hand."""

from __future__ import annotations

import pandas as pd

from wiker_data.queries import listing


def _table(length: int) -> pd.DataFrame:
    """`length` communes in list order: codes c000, c001, …, names "Bourg 0", "Bourg 1", …"""
    return pd.DataFrame(
        {"code": [f"c{i:03d}" for i in range(length)], "name": [f"Bourg {i}" for i in range(length)]}
    )


def test_a_search_ignores_accents_case_dashes_and_apostrophes():
    assert listing.folded("Saint-Étienne-de-Montluc") == "saint etienne de montluc"
    assert listing.folded("L'Île-d'Yeu") == "l ile d yeu"


def test_a_search_finds_every_word_of_a_name_or_the_start_of_a_code():
    table = pd.DataFrame(
        {
            "code": ["44184", "44158", "44052", "44109", "2A004"],
            "name": ["Saint-Nazaire", "Saint-Étienne-de-Montluc", "Donges", "Nantes", "Ajaccio"],
        }
    )
    assert list(table["code"][listing.matching(table, "saint")]) == ["44184", "44158"]
    assert list(table["code"][listing.matching(table, "montluc ETIENNE")]) == ["44158"]
    assert list(table["code"][listing.matching(table, "441")]) == ["44184", "44158", "44109"]
    assert list(table["code"][listing.matching(table, "2a0")]) == ["2A004"]
    assert list(table["code"][listing.matching(table, "nant")]) == ["44109"]
    assert not listing.matching(table, "Paris").any()
    assert listing.matching(table, "  ").all()  # nothing searched: every row


def test_the_short_list_keeps_both_ends_and_the_chosen_rows_neighbours():
    # 40 rows, the chosen at position 20: 0–9, 15–25 and 30–39.
    assert list(listing.short_list(40, 20)) == [*range(10), *range(15, 26), *range(30, 40)]
    # Chosen near the top: its neighbours are among the first ten, but for 11 and 12.
    assert list(listing.short_list(40, 7)) == [*range(13), *range(30, 40)]
    assert list(listing.short_list(40, None)) == [*range(10), *range(30, 40)]


def test_a_list_up_to_the_limit_is_shown_whole_and_numbered():
    shown = listing.listing(_table(60), "c030")
    assert not shown.cut and len(shown.rows) == 60
    assert list(shown.rows["position"][:3]) == [1, 2, 3]


def test_a_longer_list_is_cut_around_the_chosen_commune():
    shown = listing.listing(_table(100), "c050")
    assert shown.cut and shown.matching == 100
    assert list(shown.rows["position"]) == [*range(1, 11), *range(46, 57), *range(91, 101)]
    assert shown.rows["code"].tolist()[15] == "c050"


def test_a_search_lists_what_it_matches_a_page_at_a_time():
    table = _table(200)  # "Bourg 1" holds the word 1: Bourg 1, 10–19, 21, 31, …, 100–199
    shown = listing.listing(table, None, search="c05")
    assert list(shown.rows["code"]) == [f"c05{i}" for i in range(10)] and shown.search == "c05"
    found = listing.listing(table, None, search="bourg 1")  # "1" anywhere in the name
    expected = [i for i in range(200) if "1" in str(i)]  # 1, 10–19, 21, 31, …, 91, 100–199: 119
    assert found.matching == len(expected) == 119 and found.pages == 3
    assert list(found.rows["position"]) == [i + 1 for i in expected[:50]]
    last = listing.listing(table, None, search="bourg 1", page=9)  # past the end: the last page
    assert last.page == 3 and list(last.rows["position"]) == [i + 1 for i in expected[100:]]


def test_every_row_a_page_at_a_time():
    shown = listing.listing(_table(120), "c000", page=2)
    assert (shown.page, shown.pages, shown.cut) == (2, 3, True)
    assert list(shown.rows["position"]) == list(range(51, 101))
    assert listing.listing(_table(120), None, page=0).page == 1
