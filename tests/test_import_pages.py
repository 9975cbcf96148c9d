"""AppTest of the import and reconciliation pages on the hand-worked store (tests/fixture_store.py),
with the SIRENE extract of tests/test_importers_sirene.py: 4 shops of Donges kept, row 8 rejected."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.test_edit_pages import click, signed_in
from tests.test_importers_sirene import BAKERY, HAIRDRESSER, ROWS, stock_text
from tests.test_pages import map_script, metrics
from wiker_data import accounts
from wiker_data.models import AuditEntry, Shop, StatusEvent

PASSWORD = "correct horse battery"


@pytest.fixture
def coordinator(store):
    with Session(store) as session:
        accounts.create_account(session, "marie", PASSWORD, "coordinator", ["44052"])
        session.commit()
    return store


def counts(engine) -> tuple[int, int, int]:
    with Session(engine) as session:
        return tuple(
            session.scalar(select(func.count()).select_from(model))
            for model in (Shop, StatusEvent, AuditEntry)
        )


def upload(at, key: str, name: str, content: bytes):
    at.file_uploader(key=key).upload(name, content).run()
    assert not at.exception
    return at


def tick(at, key: str, rows: list[int]) -> None:
    """Tick rows of a table with a tick box per row (AppTest sets a data editor through its state)."""
    edits = {row: {"_tick": True} for row in rows}
    at.session_state[key] = {"edited_rows": edits, "added_rows": [], "deleted_rows": []}
    at.run()


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


def test_reconciliation_adds_marks_closed_and_links(coordinator):
    with Session(coordinator) as session:  # the hairdresser is in the directory, open, without its closure
        shop = session.scalar(select(Shop).where(Shop.name == "always_open"))
        shop.siret = HAIRDRESSER
        session.commit()
    at = signed_in("pages/9_reconcile.py")
    upload(at, "reconcile_file", "StockEtablissement_utf8.csv", stock_text(ROWS).encode())
    missing = at.data_editor(key="reconcile_missing")
    names = ["Boulangerie du Port", "Tabac de la Gare", "Vêtements 31234567800053"]
    assert sorted(missing.value["name"]) == names
    tick(at, "reconcile_missing", [list(missing.value["siret"]).index(BAKERY)])
    click(at, "Ajouter les commerces cochés")
    assert [s.value for s in at.success] == ["1 changement(s) enregistré(s)."]
    with Session(coordinator) as session:
        assert session.scalar(select(Shop.name).where(Shop.siret == BAKERY)) == "Boulangerie du Port"

    closed = at.data_editor(key="reconcile_closed")
    assert list(closed.value["name"]) == ["always_open"]
    tick(at, "reconcile_closed", [0])
    click(at, "Marquer fermés les commerces cochés")
    with Session(coordinator) as session:
        shop = session.scalar(select(Shop).where(Shop.siret == HAIRDRESSER))
        assert [(e.kind, e.event_date.isoformat()) for e in shop.events][-1] == ("closed", "2023-06-30")

    first_day = next(s for s in at.selectbox if s.key and s.key.startswith("reconcile_link_"))
    first_day.set_value(first_day.options[1]).run()
    click(at, "Relier")
    with Session(coordinator) as session:
        linked = session.scalar(select(func.count()).select_from(Shop).where(Shop.siret.is_not(None)))
    assert linked == 3  # the hairdresser, the bakery added, and the shop just linked
