"""AppTest of the SIRENE reconciliation page (pages/9_reconcile.py) on the hand-worked store
(tests/fixture_store.py) with the shops and the geo-sirene extract of
tests/test_importers_reconcile.py, and on a commune of 54 shops."""

from __future__ import annotations

import datetime as dt
import gzip

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.builders import add_shop
from tests.pages_helpers import click, signed_in, tick, upload
from tests.test_importers_reconcile import BAR, LAT, LON, METRES_PER_DEGREE, ROWS, TABAC, row
from tests.test_importers_reconcile import directory as reconcile_directory
from tests.test_importers_sirene import stock_text
from wiker_data.importers.sirene_layout import GEO_COLUMNS, STOCK_COLUMNS
from wiker_data.models import Shop, StatusEvent

pytestmark = pytest.mark.usefixtures("fresh_caches")
directory = reconcile_directory  # the same six shops of Donges, beside the fixture store's
APPLY = "Appliquer les propositions cochées"


@pytest.fixture
def donges_trignac(coordinator):
    return coordinator  # the directory fixture adds its shops to the coordinator's store


def geo_bytes(rows) -> bytes:
    return gzip.compress(stock_text(rows, STOCK_COLUMNS + GEO_COLUMNS).encode("utf-8"))


def proposals(at):
    editor = next(e for e in at.data_editor if e.key and e.key.startswith("reconcile_proposals_"))
    return editor.key, editor.value


def test_the_ticked_proposals_are_applied_together(coordinator, directory):
    at = signed_in("pages/9_reconcile.py")
    upload(at, "reconcile_file", "geo_siret_44.csv.gz", geo_bytes(ROWS))
    key, table = proposals(at)
    # The closed BAR DU PORT is proposed for linking to the directory's "Bar du Port" and for its
    # closure, with its reasons, and never for adding: the tobacconist is the only addition.
    added = table[table["action"] == "Ajouter"]
    assert list(added["siret"]) == [TABAC]
    bar = table[table["siret"] == BAR]
    assert list(bar["action"]) == ["Relier", "Marquer fermé"]
    assert list(bar["why"]) == [
        "nom semblable à 100\u00a0%, à 18 m, même adresse, SIRENE : fermé depuis le 15 octobre 2026",
        "nom semblable à 100\u00a0%, à 18 m, même adresse, SIRENE : fermé depuis le 15 octobre 2026",
    ]
    rows = list(table["key"])
    tick(
        at,
        key,
        [
            rows.index(f"link:{directory['Bar du Port']}:{BAR}"),
            rows.index(f"close:{directory['Bar du Port']}"),
            rows.index("add:3"),
        ],
    )
    click(at, APPLY)
    assert [s.value for s in at.success] == ["1 commerce(s) relié(s), 1 marqué(s) fermé(s), 1 ajouté(s)."]
    with Session(coordinator) as session:
        shop = session.get(Shop, directory["Bar du Port"])
        assert shop.siret == BAR
        assert [(e.kind, e.event_date) for e in shop.events][-1] == ("closed", dt.date(2026, 10, 15))
        assert session.scalar(select(Shop.name).where(Shop.siret == TABAC)) == "Tabac de la Gare"
    _, table = proposals(at)  # what is done is no longer proposed
    assert BAR not in set(table["siret"]) and TABAC not in set(table["siret"])


def test_nothing_ticked_writes_nothing(coordinator, directory):
    at = signed_in("pages/9_reconcile.py")
    upload(at, "reconcile_file", "geo_siret_44.csv.gz", geo_bytes(ROWS))
    with Session(coordinator) as session:
        events = len(session.scalars(select(StatusEvent)).all())
    click(at, APPLY)
    assert [w.value for w in at.warning] == ["Cochez au moins une ligne."]
    with Session(coordinator) as session:
        assert len(session.scalars(select(StatusEvent)).all()) == events


def luhn_siret(number: int) -> str:
    """Return the SIRET 30000000000nn with its Luhn check digit."""
    base = f"{3_000_000_000_000 + number:013d}"
    for check in "0123456789":
        digits = [int(c) for c in reversed(base + check)]
        total = sum(d if i % 2 == 0 else (d * 2 - 9 if d * 2 > 9 else d * 2) for i, d in enumerate(digits))
        if total % 10 == 0:
            return base + check
    raise AssertionError


def grid(index: int) -> tuple[float, float]:
    """Return the position of shop `index`: a grid of 9 columns, 60 m apart (lat: 60 / 111,195 degrees;
    lon: 60 / (111,195 × cos 47.32°) = 60 / 75,418 degrees), so that no two shops are 50 m apart."""
    return LAT + (index // 9) * 60 / METRES_PER_DEGREE, LON + (index % 9) * 60 / 75_418


def test_54_shops_give_one_page_of_proposals_without_a_picker_per_shop(coordinator):
    with Session(coordinator) as session:
        for index in range(54):
            latitude, longitude = grid(index)
            add_shop(session, name=f"Commerce {index + 1}", latitude=latitude, longitude=longitude)
        session.commit()
    rows = [
        row(
            luhn_siret(i),
            f"COMMERCE {i + 1}",
            "47.11B",
            "A",
            "2010-01-01",
            "2010-01-01",
            lat=f"{grid(i)[0]:.7f}",
            lon=f"{grid(i)[1]:.7f}",
        )
        for i in range(54)
    ]
    at = signed_in("pages/9_reconcile.py")
    upload(at, "reconcile_file", "geo_siret_44.csv.gz", geo_bytes(rows))
    _, table = proposals(at)
    # 54 shops, each the same place as one establishment: 54 links, 20 a page, pages of 20, 20, 14.
    assert len(table) == 20 and set(table["action"]) == {"Relier"}
    assert "Page 1 sur 3 · 54 proposition(s)" in [c.value for c in at.caption]
    assert [s.key for s in at.selectbox if s.key and s.key.startswith("reconcile_link")] == []
    widgets = len(at.selectbox) + len(at.button) + len(at.text_input) + len(at.number_input)
    at.number_input(key="reconcile_page").set_value(3).run()
    _, table = proposals(at)
    assert len(table) == 14
    at.text_input(key="reconcile_filter").set_value("commerce 7").run()  # words that begin: 7 only
    _, table = proposals(at)
    assert list(table["shop_name"]) == ["Commerce 7"]
    at.text_input(key="reconcile_filter").set_value("zzz").run()  # nothing found: an empty page
    assert not at.exception
    assert len(proposals(at)[1]) == 0 and "Page 1 sur 1 · 0 proposition(s)" in [c.value for c in at.caption]
    at.text_input(key="reconcile_filter").set_value("commerce 7").run()
    assert len(at.selectbox) + len(at.button) + len(at.text_input) + len(at.number_input) == widgets
