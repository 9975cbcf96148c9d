"""AppTest of the commune editing page (pages/7_edit_commune.py): the commune's figures and its
monthly visits, saved or refused with their row."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.fixture_store import AS_OF
from tests.pages_helpers import click, signed_in

pytestmark = pytest.mark.usefixtures("fresh_caches")


def test_coordinator_edits_the_commune_and_its_visits(coordinator):
    at = signed_in("pages/7_edit_commune.py")
    assert not at.exception
    next(t for t in at.text_input if t.label == "Locaux commerciaux du centre").set_value("8")
    click(at, "Enregistrer")
    assert [s.value for s in at.success] == ["Modifications enregistrées."]
    # Correct December 2024 (the second row) and add nothing else.
    at.session_state["visits_44052"] = {
        "edited_rows": {1: {"visits": 6500}},
        "added_rows": [],
        "deleted_rows": [],
    }
    click(at, "Enregistrer les visites")
    assert [s.value for s in at.success] == [
        "Visites enregistrées : 0 mois ajouté, 1 corrigé, 1 inchangé."  # French: 0 and 1 singular
    ]
    with Session(coordinator) as session:
        from wiker_data.models import Commune, MonthlyVisits

        assert session.get(Commune, "44052").shop_units == 8
        december = session.scalar(
            select(MonthlyVisits.visits).where(MonthlyVisits.month == AS_OF.replace(day=1))
        )
        assert december == 6500
    history = at.dataframe[-1].value  # the commune's change and the visits correction, newest first
    assert list(history["Modification"]) == [
        "Visites en décembre 2024 — Visites : 6\u202f000 → 6\u202f500",
        "Locaux commerciaux du centre : — → 8",  # the fixture gives Donges no shop units
    ]
    assert list(history["Origine"]) == ["saisie", "saisie"]
    assert at.selectbox(key="undo_entry").options[0].startswith("Visites en décembre 2024 — Visites : ")
    assert at.selectbox(key="undo_entry").index == 0  # the latest change, not the one chosen before it
    # the sentence is written as Markdown text (escaping.escape_markdown): its colon is escaped
    click(at, "Annuler : Visites en décembre 2024 — Visites \\: 6\u202f000 → 6\u202f500")
    assert [s.value for s in at.success] == [
        "Annulé : Visites en décembre 2024 — Visites \\: 6\u202f000 → 6\u202f500"
    ]
    history = at.dataframe[-1].value
    assert (
        history["Modification"].iloc[0]
        == "Annulation de : Visites en décembre 2024 — Visites : 6\u202f000 → 6\u202f500"
    )
    assert list(history["Annulée"]) == ["", "✓", ""]
    assert list(history["Origine"]) == ["annulation", "saisie", "saisie"]


def test_the_commune_history_in_english(coordinator):
    at = signed_in("pages/7_edit_commune.py")
    at.radio(key="_lang").set_value("en").run()
    next(t for t in at.text_input if t.label == "Population").set_value("8120")
    click(at, "Save")
    history = at.dataframe[-1].value
    assert list(history.columns) == ["When (Paris time)", "Who", "Source", "Change", "Undone"]
    assert list(history["Change"]) == [
        "Population: 8,000 → 8,120; Population 2023: — → 8,120"
    ]  # its history too
    assert list(history["Source"]) == ["entered"]


def test_a_negative_visits_figure_is_refused_with_its_row(coordinator):
    at = signed_in("pages/7_edit_commune.py")
    at.session_state["visits_44052"] = {
        "edited_rows": {0: {"visits": -5}},
        "added_rows": [],
        "deleted_rows": [],
    }
    click(at, "Enregistrer les visites")
    assert [e.value for e in at.error] == ["Rien n'a été enregistré : corrigez ces champs."]
    with Session(coordinator) as session:
        from wiker_data.models import MonthlyVisits

        assert sorted(
            session.scalars(select(MonthlyVisits.visits).where(MonthlyVisits.commune_code == "44052"))
        ) == [
            5000,
            6000,
        ]
