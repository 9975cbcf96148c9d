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
        "Visites enregistrées : 0 mois ajoutés, 1 corrigés, 1 inchangés."
    ]
    with Session(coordinator) as session:
        from wiker_data.models import Commune, MonthlyVisits

        assert session.get(Commune, "44052").shop_units == 8
        december = session.scalar(
            select(MonthlyVisits.visits).where(MonthlyVisits.month == AS_OF.replace(day=1))
        )
        assert december == 6500
    assert len(at.dataframe[-1].value) == 2  # the history: the commune's change and the visits correction


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
