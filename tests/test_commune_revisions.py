# ruff: noqa: F811  (the `world` fixture of test_services_undo, imported, is each test's argument)
"""Each commune's revision (models.CommuneRevision), which the caches key a commune's figures by:
a write transaction sets it, for every commune its changes touched, to the id of its latest audit
entry; a save elsewhere leaves it, a refused change writes nothing. Its figures revision moves
only for a change that may move a figure: not for a shop renamed, nor for a new number in a
phone field already filled."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session

from tests.test_services_undo import ADMIN, COORDINATOR, call, shop_named, world  # noqa: F401
from wiker_data.queries.scope import cache_revision, store_revision
from wiker_data.services import PermissionDenied, record_status, update_shop, write_transaction
from wiker_data.services.audit import moves_figures


def revisions(engine) -> tuple[int, int, int]:
    """(the store's, Donges's, Trignac's) revision."""
    with Session(engine) as session:
        return store_revision(session), store_revision(session, "44052"), store_revision(session, "44210")


def test_before_any_change_every_revision_is_zero(world):
    assert revisions(world) == (0, 0, 0)


def test_a_save_in_donges_moves_donges_and_the_store_not_trignac(world):
    shop = shop_named(world, "Boulangerie du port")
    call(world, update_shop, COORDINATOR, shop.id, shop.version, {"phone": "02 40 45 12 34"})
    assert revisions(world) == (1, 1, 0)  # audit entry 1
    shop = shop_named(world, "Café de Trignac")
    call(world, update_shop, ADMIN, shop.id, shop.version, {"phone": "02 40 90 00 00"})
    assert revisions(world) == (2, 1, 2)


def test_a_shop_that_moves_moves_both_communes(world):
    shop = shop_named(world, "Boulangerie du port")
    call(world, update_shop, ADMIN, shop.id, shop.version, {"phone": "02 40 45 12 34"})  # entry 1
    shop = shop_named(world, "Café de Trignac")
    # Trignac's café moves to Donges (a position inside Donges): entry 2 touches both.
    moved = {"commune_code": "44052", "latitude": 47.3188, "longitude": -2.0746}
    call(world, update_shop, ADMIN, shop.id, shop.version, moved)
    assert revisions(world) == (2, 2, 2)


def test_a_refused_change_moves_nothing(world):
    shop = shop_named(world, "Café de Trignac")  # not the coordinator's commune
    with pytest.raises(PermissionDenied):
        call(world, update_shop, COORDINATOR, shop.id, shop.version, {"phone": "02 40 90 00 00"})
    assert revisions(world) == (0, 0, 0)


def test_a_transaction_that_fails_after_its_changes_moves_nothing(world):
    shop = shop_named(world, "Boulangerie du port")
    with pytest.raises(RuntimeError), write_transaction(world) as session:
        update_shop(session, COORDINATOR, shop.id, shop.version, {"phone": "02 40 45 12 34"})
        raise RuntimeError("the import failed further down")
    assert revisions(world) == (0, 0, 0)


def figures_revisions(engine) -> tuple[int, int, int]:
    """(the store's, Donges's, Trignac's) figures revision."""
    with Session(engine) as session:
        return tuple(cache_revision(session, commune)[1] for commune in (None, "44052", "44210"))


def save(engine, name: str, changes: dict) -> None:
    shop = shop_named(engine, name)
    call(engine, update_shop, ADMIN, shop.id, shop.version, changes)


def test_a_rename_and_a_new_number_leave_the_figures_revision(world):
    save(world, "Boulangerie du port", {"phone": "02 40 45 12 34"})  # 1: a phone where none was
    assert figures_revisions(world) == (1, 1, 0)  # the presence checklist counts it
    save(world, "Boulangerie du port", {"name": "Boulangerie du quai"})  # 2
    save(world, "Boulangerie du quai", {"phone": "02 40 45 99 99", "address": "2 quai"})  # 3
    assert revisions(world) == (3, 3, 0)  # the map and the lists show both
    assert figures_revisions(world) == (1, 1, 0)  # no figure moved
    save(world, "Boulangerie du quai", {"category": "butcher"})  # 4
    assert figures_revisions(world) == (4, 4, 0)
    save(world, "Café de Trignac", {"website": "https://cafe.example"})  # 5: now online
    assert figures_revisions(world) == (5, 4, 5)


def test_a_rename_with_a_change_that_counts_moves_the_figures_revision(world):
    save(world, "Boulangerie du port", {"name": "Boulangerie du quai", "delivery": True})  # 1
    assert figures_revisions(world) == (1, 1, 0)


def test_a_status_event_moves_the_figures_revision(world):
    save(world, "Boulangerie du port", {"name": "Boulangerie du quai"})  # 1
    shop = shop_named(world, "Boulangerie du quai")
    call(world, record_status, ADMIN, shop.id, "closed", dt.date(2025, 3, 1), today=dt.date(2025, 3, 15))  # 2
    assert figures_revisions(world) == (2, 2, 0)


@pytest.mark.parametrize(
    ("before", "after", "moves"),
    [
        ({"name": "A", "version": 1}, {"name": "B", "version": 2}, False),
        ({"phone": "01", "version": 1}, {"phone": "02", "version": 2}, False),
        ({"phone": "01", "version": 1}, {"phone": " ", "version": 2}, True),  # emptied
        ({"social_links": []}, {"social_links": ["https://x.example"]}, True),
        ({"social_links": ["https://x.example"]}, {"social_links": ["https://y.example"]}, False),
        ({"latitude": 47.3}, {"latitude": 47.4}, True),  # what no list of fields names moves
    ],
)
def test_which_shop_updates_move_a_figure(before, after, moves):
    assert moves_figures("update", "shop", before, after) is moves


def test_every_other_change_moves_a_figure():
    assert moves_figures("create", "shop", None, {"name": "A"})
    assert moves_figures("update", "commune", {"name": "A"}, {"name": "B"})
    assert moves_figures("archive", "shop", {"archived_at": None}, {"archived_at": "2025-01-01"})
