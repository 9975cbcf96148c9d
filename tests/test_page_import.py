"""AppTest of the import page (pages/8_import.py) on the hand-worked store (tests/fixture_store.py),
with the SIRENE extract of tests/test_importers_sirene.py: 4 shops of Donges kept, row 8 rejected."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.pages_helpers import click, counts, map_script, metrics, signed_in, upload
from tests.test_importers_sirene import ROWS, stock_text
from wiker_data.models import AuditEntry

pytestmark = pytest.mark.usefixtures("fresh_caches")


def test_coordinator_previews_then_applies_a_sirene_file_and_sees_the_shops_on_the_map(coordinator):
    at = signed_in("pages/8_import.py")
    assert at.selectbox(key="edit_commune").options == ["Donges"]
    before = counts(coordinator)
    upload(at, "import_file_sirene", "StockEtablissement_utf8.csv", stock_text(ROWS).encode())
    assert metrics(at) == {"Nouveaux": "4", "Modifiés": "0", "Inchangés": "0", "Rejetés": "1"}
    assert counts(coordinator) == before  # a preview writes nothing
    rejected = next(frame.value for frame in at.dataframe if "Raison" in frame.value.columns)
    assert list(rejected["Ligne"]) == [8]
    click(at, "Appliquer l'import")
    assert [s.value for s in at.success] == ["Import terminé : 4 nouveaux, 0 modifiés."]
    assert metrics(at) == {"Nouveaux": "0", "Modifiés": "0", "Inchangés": "4", "Rejetés": "1"}
    with Session(coordinator) as session:
        sources = session.scalars(select(AuditEntry.source).where(AuditEntry.actor == "marie")).all()
    assert set(sources) == {"sirene"} and len(sources) == 4 + 5  # 4 shops, 5 status events
    at.session_state["commune"] = "44052"
    at.switch_page("pages/1_map.py").run()
    assert "Boulangerie du Port" in map_script(at)


def test_a_broken_file_is_named_and_nothing_is_written(coordinator):
    at = signed_in("pages/8_import.py")
    before = counts(coordinator)
    upload(at, "import_file_sirene", "extrait.csv", stock_text(ROWS)[:-40].encode())
    [error] = [e.value for e in at.error]
    assert error.startswith("Ce fichier ne peut pas être importé ; rien n'a été écrit. Problème : row 9 has")
    assert "truncated" in error
    assert counts(coordinator) == before
    assert "Appliquer l'import" not in [b.label for b in at.button]


def test_files_of_every_commune_are_for_admins_only(coordinator):
    at = signed_in("pages/8_import.py")
    at.selectbox(key="import_source").set_value("population").run()
    assert [w.value for w in at.warning][-1] == (
        "Ce type de fichier touche toutes les communes : réservé aux administrateurs."
    )
    assert not at.file_uploader


def test_an_openstreetmap_file_of_several_communes_needs_no_commune(coordinator):
    at = signed_in("pages/8_import.py")
    at.selectbox(key="import_source").set_value("osm").run()
    assert at.selectbox(key="edit_commune").options == ["Donges"]
    at.checkbox(key="import_osm_several").check().run()
    assert "edit_commune" not in [box.key for box in at.selectbox]
    assert at.file_uploader  # the file is asked for without a commune
