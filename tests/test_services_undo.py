"""The audit log: history per shop and per commune, the store revision, and undo, which is
itself an audited change and refuses to overwrite what changed since."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.builders import add_commune, add_shop
from wiker_data.accounts import SignedIn
from wiker_data.models import (
    Account,
    AccountCommune,
    AuditEntry,
    Base,
    CatalogueItem,
    Commune,
    CommunePopulation,
    Shop,
)
from wiker_data.queries import overview as overview_queries
from wiker_data.queries import shops as shop_queries
from wiker_data.queries.scope import store_revision
from wiker_data.services import (
    Conflict,
    NotFound,
    PermissionDenied,
    add_catalogue_item,
    archive_shop,
    commune_history,
    create_shop,
    history,
    record_status,
    remove_catalogue_item,
    restore_shop,
    undo,
    update_catalogue_item,
    update_commune,
    update_shop,
    write_transaction,
)

TODAY = dt.date(2025, 3, 15)


ADMIN = SignedIn(1, "ada", "admin", (), False)
COORDINATOR = SignedIn(2, "cole", "coordinator", ("44052",), False)


@pytest.fixture
def world(engine):
    """Donges (44052) with the Boulangerie du port, Trignac (44210) with the Café de Trignac."""
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
        add_shop(
            session, commune="44210", name="Café de Trignac", latitude=47.318, longitude=-2.19, events=()
        )
        session.commit()
    return engine


def dump(engine) -> dict[str, list[tuple]]:
    with engine.connect() as connection:
        return {
            table.name: sorted((tuple(row) for row in connection.execute(select(table))), key=repr)
            for table in Base.metadata.sorted_tables
        }


def call(engine, function, *args, **kwargs):
    with write_transaction(engine) as session:
        return function(session, *args, **kwargs)


def shop_named(engine, name: str) -> Shop:
    with Session(engine) as session:
        return session.scalars(select(Shop).where(Shop.name == name)).one()


def last_entry_id(engine) -> int:
    with Session(engine) as session:
        return store_revision(session)


def test_store_revision_is_the_latest_audit_entry(world):
    assert last_entry_id(world) == 0
    boulangerie = shop_named(world, "Boulangerie du port").id
    call(world, update_shop, ADMIN, boulangerie, 1, {"name": "Le Fournil"})
    call(world, update_shop, ADMIN, boulangerie, 2, {"name": "Le Fournil d'or"})
    assert last_entry_id(world) == 2


def test_undo_restores_the_previous_values_and_is_itself_in_the_history(world):
    boulangerie = shop_named(world, "Boulangerie du port").id
    call(world, update_shop, ADMIN, boulangerie, 1, {"name": "Le Fournil", "phone": "02 40 45 12 34"})
    entry = call(world, undo, ADMIN, 1)
    shop = shop_named(world, "Boulangerie du port")
    assert (shop.phone, shop.version) == (None, 3)
    assert (entry.action, entry.undoes_id, entry.entity, entry.entity_id) == (
        "undo",
        1,
        "shop",
        str(boulangerie),
    )
    assert entry.before == {"name": "Le Fournil", "phone": "+33 2 40 45 12 34", "version": 2}
    assert entry.after == {"name": "Boulangerie du port", "phone": None, "version": 3}
    with Session(world) as session:
        assert [(e.id, e.action) for e in history(session, "shop", boulangerie)] == [
            (2, "undo"),
            (1, "update"),
        ]


def test_an_undo_can_itself_be_undone(world):
    boulangerie = shop_named(world, "Boulangerie du port").id
    call(world, update_shop, ADMIN, boulangerie, 1, {"name": "Le Fournil"})
    call(world, undo, ADMIN, 1)
    call(world, undo, ADMIN, 2)
    assert shop_named(world, "Le Fournil").version == 4


def test_undo_of_a_change_whose_fields_changed_since_is_refused(world):
    boulangerie = shop_named(world, "Boulangerie du port").id
    call(world, update_shop, ADMIN, boulangerie, 1, {"name": "Le Fournil"})
    call(world, update_shop, ADMIN, boulangerie, 2, {"name": "Le Fournil d'or", "delivery": True})
    before = dump(world)
    with pytest.raises(Conflict) as refused:
        call(world, undo, ADMIN, 1)
    assert refused.value.changed_fields == ["name"]
    assert refused.value.current["name"] == "Le Fournil d'or"
    assert dump(world) == before


def test_undo_of_a_change_leaves_later_changes_to_other_fields(world):
    boulangerie = shop_named(world, "Boulangerie du port").id
    call(world, update_shop, ADMIN, boulangerie, 1, {"name": "Le Fournil"})
    call(world, update_shop, ADMIN, boulangerie, 2, {"delivery": True})
    call(world, undo, ADMIN, 1)
    shop = shop_named(world, "Boulangerie du port")
    assert (shop.delivery, shop.version) == (True, 4)


def test_undo_of_a_status_event_deletes_it_and_the_map_shows_the_shop_open_again(world):
    boulangerie = shop_named(world, "Boulangerie du port").id
    event = call(world, record_status, ADMIN, boulangerie, "closed", dt.date(2025, 3, 1), today=TODAY)
    with Session(world) as session:
        assert overview_queries.overview(session, TODAY, "44052").shops_open == 0
    entry = call(world, undo, ADMIN, 1)
    assert (entry.entity, entry.entity_id, entry.after) == ("status_event", str(event.id), None)
    assert entry.before["kind"] == "closed"
    with Session(world) as session:
        assert overview_queries.overview(session, TODAY, "44052").shops_open == 1
        status = shop_queries.shops_for_map(session, TODAY, "44052").set_index("name")["status"]
        assert status["Boulangerie du port"] == "open"
        assert [e.action for e in history(session, "shop", boulangerie)] == ["undo", "create"]


def test_undo_of_a_status_event_followed_by_a_later_one_is_refused(world):
    boulangerie = shop_named(world, "Boulangerie du port").id
    call(world, record_status, ADMIN, boulangerie, "temporarily_closed", dt.date(2025, 1, 1), today=TODAY)
    call(world, record_status, ADMIN, boulangerie, "reopened", dt.date(2025, 2, 1), today=TODAY)
    before = dump(world)
    with pytest.raises(Conflict) as refused:
        call(world, undo, ADMIN, 1)
    assert refused.value.reason == "later_events"
    assert dump(world) == before


def test_undo_of_a_removed_catalogue_item_brings_it_back(world):
    boulangerie = shop_named(world, "Boulangerie du port").id
    item = call(world, add_catalogue_item, ADMIN, boulangerie, {"name": "Galette", "price": "12.5"})
    call(world, update_catalogue_item, ADMIN, item.id, {"description": "Pur beurre"})
    call(world, remove_catalogue_item, ADMIN, item.id)
    call(world, undo, ADMIN, 3)
    with Session(world) as session:
        back = session.get(CatalogueItem, item.id)
        assert (back.shop_id, back.name, back.price, back.description) == (
            boulangerie,
            "Galette",
            Decimal("12.50"),
            "Pur beurre",
        )
    call(world, undo, ADMIN, 2)  # the description, then the creation itself
    call(world, undo, ADMIN, 1)
    with Session(world) as session:
        assert session.get(CatalogueItem, item.id) is None


def test_undo_of_an_archive_restores_and_undo_of_a_restore_archives(world):
    boulangerie = shop_named(world, "Boulangerie du port").id
    call(world, archive_shop, ADMIN, boulangerie)
    call(world, undo, ADMIN, 1)
    assert shop_named(world, "Boulangerie du port").archived_at is None
    call(world, archive_shop, ADMIN, boulangerie)
    call(world, restore_shop, ADMIN, boulangerie)
    call(world, undo, ADMIN, 4)
    assert shop_named(world, "Boulangerie du port").archived_at is not None
    with Session(world) as session:
        assert "Boulangerie du port" not in set(shop_queries.shops_for_map(session, TODAY)["name"])


def test_undo_of_a_new_shop_archives_it(world):
    shop = call(
        world, create_shop, ADMIN, {"commune_code": "44052", "name": "Éphémère", "category": "florist"}
    )
    entry = call(world, undo, ADMIN, 1)
    assert shop_named(world, "Éphémère").archived_at is not None
    assert entry.before == {"archived_at": None, "version": 1}
    assert entry.entity_id == str(shop.id)


def test_undo_of_a_commune_change_restores_the_figures_and_the_population_history(world):
    with Session(world) as session:
        started_from = session.get(Commune, "44052").updated_at
    call(world, update_commune, ADMIN, "44052", started_from, {"population": 8150, "population_year": 2024})
    call(world, undo, ADMIN, 1)
    with Session(world) as session:
        donges = session.get(Commune, "44052")
        assert (donges.population, donges.population_year) == (8000, 2023)
        assert session.get(CommunePopulation, ("44052", 2024)) is None


def test_a_coordinator_cannot_undo_a_change_in_another_commune(world):
    trignac = shop_named(world, "Café de Trignac").id
    call(world, update_shop, ADMIN, trignac, 1, {"name": "Café de la gare"})
    before = dump(world)
    with pytest.raises(PermissionDenied):
        call(world, undo, COORDINATOR, 1)
    assert dump(world) == before


def test_undo_of_an_unknown_entry_is_not_found(world):
    with pytest.raises(NotFound):
        call(world, undo, ADMIN, 99)


def test_a_shops_history_holds_its_events_and_items_but_not_another_shops(world):
    boulangerie = shop_named(world, "Boulangerie du port").id
    trignac = shop_named(world, "Café de Trignac").id
    call(world, update_shop, ADMIN, boulangerie, 1, {"delivery": True})
    call(world, add_catalogue_item, ADMIN, boulangerie, {"name": "Galette"})
    call(world, record_status, ADMIN, trignac, "opened", dt.date(2025, 1, 1), today=TODAY)
    call(world, add_catalogue_item, ADMIN, trignac, {"name": "Café"})
    with Session(world) as session:
        mine = [(e.entity, e.action) for e in history(session, "shop", boulangerie)]
        theirs = [(e.entity, e.action) for e in history(session, "shop", trignac)]
        donges = [e.id for e in commune_history(session, "44052", limit=10)]
        latest_trignac = [e.id for e in commune_history(session, "44210", limit=1)]
    assert mine == [("catalogue_item", "create"), ("shop", "update")]
    assert theirs == [("catalogue_item", "create"), ("status_event", "create")]
    assert donges == [2, 1]
    assert latest_trignac == [4]


def test_audit_entries_keep_who_did_it(world):
    boulangerie = shop_named(world, "Boulangerie du port").id
    call(world, update_shop, COORDINATOR, boulangerie, 1, {"delivery": True})
    with Session(world) as session:
        entry = session.scalars(select(AuditEntry)).one()
    assert (entry.actor, entry.account_id, entry.source, entry.commune_code) == ("cole", 2, "app", "44052")
    assert entry.at is not None
