"""AppTest of the overview (dashboard.py, the home page): the network's and a commune's KPIs, in
both languages and at another date, and the closure warning, against the hand-worked fixture store
(tests/fixture_store.py)."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from tests.builders import add_shop
from tests.fixture_store import AS_OF
from tests.pages_helpers import NNBSP, app, metrics

pytestmark = pytest.mark.usefixtures("fresh_caches")


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


def test_overview_says_when_no_commune_is_flagged(store):
    at = app()
    assert not at.warning
    assert any("Aucune commune en alerte" in c.value for c in at.caption)


def test_overview_flags_a_commune_whose_closures_rise(store):
    with Session(store) as session:
        for day in ("2024-08-01", "2024-10-01"):  # two closures in the last 6 months, none before, no opening
            add_shop(session, commune="44210", events=(("2012-01-01", "opened"), (day, "closed")))
        session.commit()
    at = app()
    # French says « 0 ouverture » and « 0 fermeture » in the singular, English "0 openings".
    assert [w.value for w in at.warning] == [
        "Trignac — ces 6 derniers mois : 2 fermetures définitives pour 0 ouverture ; "
        "les 6 mois précédents : 0 fermeture."
    ]
    at.sidebar.radio[0].set_value("en").run()
    assert [w.value for w in at.warning] == [
        "Trignac — last 6 months: 2 permanent closures against 0 openings; the 6 months before: 0 closures."
    ]


def test_a_former_member_offers_its_report_only_for_dates_before_it_left(store):
    import datetime as dt

    from wiker_data.models import Commune

    with Session(store) as session:
        session.get(Commune, "44210").left_on = dt.date(2024, 12, 1)  # Trignac left before AS_OF
        session.commit()
    at = app()
    at.selectbox(key="_commune").set_value("44210").run()
    assert not at.exception
    assert not at.get("download_button")  # building the report would be refused
    assert any("a quitté le réseau Wiker le 1er décembre 2024" in c.value for c in at.caption)

    earlier = app(as_of=dt.date(2024, 11, 30))
    earlier.selectbox(key="_commune").set_value("44210").run()
    assert len(earlier.get("download_button")) == 2


def test_the_network_table_of_a_long_list_shows_its_ends_and_finds_the_others(seventy_communes):
    at = app()
    assert not at.exception
    table = at.dataframe[0].value
    # No shop anywhere: all tie on shops open, so by name ("Bourg 10" before "Bourg 2").
    by_name = sorted(f"Bourg {i}" for i in range(70))
    assert list(table["N°"]) == [*range(1, 11), *range(61, 71)]
    assert list(table["Commune"]) == by_name[:10] + by_name[-10:]
    assert any("Les 10 premières et les 10 dernières des 70 communes" in c.value for c in at.caption)
    at.text_input(key="overview_search").set_value("44369").run()
    assert list(at.dataframe[0].value["Commune"]) == ["Bourg 69"]


def test_many_flagged_communes_come_as_one_line_and_a_table(store, monkeypatch):
    # Last 6 months (2024-07-01 .. 2024-12-31) against the 6 before. Trignac: three closures added,
    # no opening, none before. Donges: closed_last_day and one closure added (2), no opening (a
    # reopening is none), reopened's closure of 2024-03-01 before (1). With at most one sentence
    # allowed, both go to a table, the most closures first.
    from wiker_ui import tables

    with Session(store) as session:
        for day in ("2024-08-01", "2024-10-01", "2024-11-15"):
            add_shop(session, commune="44210", events=(("2012-01-01", "opened"), (day, "closed")))
        add_shop(session, commune="44052", events=(("2012-01-01", "opened"), ("2024-09-01", "closed")))
        session.commit()
    monkeypatch.setattr(tables, "WARNINGS_IN_FULL", 1)
    at = app()
    assert [w.value for w in at.warning] == [
        "2 communes en alerte : leurs fermetures définitives des 6 derniers mois dépassent à la fois leurs "
        "ouvertures et leurs fermetures des 6 mois précédents."
    ]
    flagged = next(table.value for table in at.dataframe if "Commune" in table.value.columns)
    assert list(flagged.columns) == [
        "Commune",
        "Fermetures définitives (6 derniers mois)",
        "Ouvertures (6 derniers mois)",
        "Fermetures (6 mois précédents)",
    ]
    assert flagged.values.tolist() == [["Trignac", 3, 0, 0], ["Donges", 2, 0, 1]]
