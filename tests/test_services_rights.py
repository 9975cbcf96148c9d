"""Rights are read again inside every write transaction (issue 12, item 9): a sign-in kept in a
browser's session does not outlive its account. A coordinator disabled, renamed or given other
communes after signing in writes nothing with the rights they signed in with."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from tests.builders import add_commune, add_shop
from tests.test_killed_import import dump
from wiker_data.accounts import SignedIn
from wiker_data.importers import ImportActor
from wiker_data.models import Account, AccountCommune, AuditEntry, Commune
from wiker_data.services import (
    AccountChanged,
    PermissionDenied,
    add_catalogue_item,
    archive_shop,
    create_shop,
    perform,
    record_status,
    save_visits,
    undo,
    update_commune,
    update_shop,
)
from wiker_data.services.accounts import disable_account

TODAY = dt.date(2025, 3, 15)
COLE = SignedIn(2, "cole", "coordinator", ("44052",), False)  # as signed in: a coordinator of Donges
ADA = SignedIn(1, "ada", "admin", (), False)
COMMAND = ImportActor("user disable")


@pytest.fixture
def world(engine):
    """Donges with one shop; the admin ada and cole, coordinator of Donges; one audited change."""
    with Session(engine) as session:
        add_commune(session, "44052", "Donges")
        add_commune(session, "44210", "Trignac", latitude=47.3178, longitude=-2.1890)
        session.add_all(
            [
                Account(id=1, name="ada", role="admin", password_hash="-"),
                Account(id=2, name="cole", role="coordinator", password_hash="-"),
                AccountCommune(account_id=2, commune_code="44052"),
            ]
        )
        add_shop(session, name="Boulangerie du port", events=(("2010-01-01", "opened"),))
        session.commit()
    perform(engine, update_shop, ADA, 1, 1, {"phone": "02 40 45 12 34"})
    return engine


def _last_entry(engine) -> int:
    with Session(engine) as session:
        return session.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc()).limit(1))


def _commune_updated_at(engine) -> dt.datetime:
    with Session(engine) as session:
        return session.get(Commune, "44052").updated_at


NEW_SHOP = {"commune_code": "44052", "name": "Fromagerie", "category": "grocery"}
WRITES = {
    "create_shop": lambda e, a: perform(e, create_shop, a, NEW_SHOP),
    "update_shop": lambda e, a: perform(e, update_shop, a, 1, 2, {"name": "Boulangerie du Port"}),
    "record_status": lambda e, a: perform(e, record_status, a, 1, "closed", TODAY, today=TODAY),
    "archive_shop": lambda e, a: perform(e, archive_shop, a, 1),
    "add_catalogue_item": lambda e, a: perform(e, add_catalogue_item, a, 1, {"name": "Baguette"}),
    "save_visits": lambda e, a: perform(
        e, save_visits, a, "44052", [{"month": "2025-01", "visits": 900}], today=TODAY
    ),
    "update_commune": lambda e, a: perform(
        e, update_commune, a, "44052", _commune_updated_at(e), {"shop_units": 80}, today=TODAY
    ),
    "undo": lambda e, a: perform(e, undo, a, _last_entry(e)),
}


def _disable(engine) -> None:
    perform(engine, disable_account, COMMAND, "cole")


def _rename(engine) -> None:
    with Session(engine) as session:
        session.execute(update(Account).where(Account.id == 2).values(name="cole2"))
        session.commit()


def _move_to_trignac(engine) -> None:
    with Session(engine) as session:
        session.execute(delete(AccountCommune).where(AccountCommune.account_id == 2))
        session.add(AccountCommune(account_id=2, commune_code="44210"))
        session.commit()


@pytest.mark.parametrize("write", list(WRITES))
def test_the_write_works_with_the_rights_the_store_gives(world, write):
    WRITES[write](world, COLE)  # the same call, the account unchanged: it goes through


@pytest.mark.parametrize("write", list(WRITES))
@pytest.mark.parametrize(
    ("change", "refusal"),
    [(_disable, AccountChanged), (_rename, AccountChanged), (_move_to_trignac, PermissionDenied)],
    ids=["disabled", "renamed", "other-commune"],
)
def test_a_stale_sign_in_writes_nothing(world, write, change, refusal):
    change(world)
    before = dump(world)
    with pytest.raises(refusal):
        WRITES[write](world, COLE)
    assert dump(world) == before


def test_an_admin_made_coordinator_writes_only_their_communes(world):
    with Session(world) as session:
        session.execute(update(Account).where(Account.id == 1).values(role="coordinator"))
        session.add(AccountCommune(account_id=1, commune_code="44210"))
        session.commit()
    before = dump(world)
    with pytest.raises(PermissionDenied) as refused:
        WRITES["archive_shop"](world, ADA)  # signed in as an admin, now a coordinator of Trignac
    assert refused.value.commune_code == "44052"
    assert dump(world) == before
