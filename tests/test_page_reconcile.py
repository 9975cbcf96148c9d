"""AppTest of the SIRENE reconciliation page (pages/9_reconcile.py) on the hand-worked store
(tests/fixture_store.py), with the SIRENE extract of tests/test_importers_sirene.py."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.pages_helpers import click, signed_in, tick, upload
from tests.test_importers_sirene import BAKERY, HAIRDRESSER, ROWS, stock_text
from wiker_data.models import Shop

pytestmark = pytest.mark.usefixtures("fresh_caches")


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
