# ruff: noqa: F811  (the `world` fixture of test_services_undo, imported, is each test's argument)
"""Each commune's revision (models.CommuneRevision), which the caches key a commune's figures by:
a write transaction sets it, for every commune its changes touched, to the id of its latest audit
entry; a save elsewhere leaves it, a refused change writes nothing."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from tests.test_services_undo import ADMIN, COORDINATOR, call, shop_named, world  # noqa: F401
from wiker_data.queries.scope import store_revision
from wiker_data.services import PermissionDenied, update_shop, write_transaction


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
