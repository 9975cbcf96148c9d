"""Editing shops through the service layer: validation, optimistic locking, permissions,
status events, archive and restore, catalogue items, and the audit entries they leave."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest
from sqlalchemy import event, select, text
from sqlalchemy.orm import Session

from tests.builders import add_commune, add_shop
from wiker_data.accounts import SignedIn
from wiker_data.demo.generator import load_demo
from wiker_data.models import (
    SHOP_FIELDS,
    Account,
    AccountCommune,
    AuditEntry,
    Base,
    CatalogueItem,
    Shop,
    StatusEvent,
)
from wiker_data.queries import overview as overview_queries
from wiker_data.queries import shops as shop_queries
from wiker_data.services import (
    Conflict,
    PermissionDenied,
    ValidationError,
    add_catalogue_item,
    archive_shop,
    create_shop,
    history,
    record_status,
    remove_catalogue_item,
    restore_shop,
    update_catalogue_item,
    update_shop,
    write_transaction,
)

TODAY = dt.date(2025, 3, 15)


ADMIN = SignedIn(1, "ada", "admin", (), False)
COORDINATOR = SignedIn(2, "cole", "coordinator", ("44052",), False)


@dataclass(frozen=True)
class Command:
    """The actor of a command-line change: no account."""

    name: str = "import sirene"
    role: str = "admin"
    communes: tuple[str, ...] = ()
    account_id: int | None = None


@pytest.fixture
def world(engine):
    """Donges (44052) with two open shops, Trignac (44210) with one; an admin and a coordinator of Donges."""
    with Session(engine) as session:
        add_commune(session, "44052", "Donges")  # centre 47.318844, -2.074571
        add_commune(session, "44210", "Trignac", latitude=47.3178, longitude=-2.1890)
        session.add_all(
            [
                Account(id=1, name="ada", role="admin", password_hash="-"),
                Account(id=2, name="cole", role="coordinator", password_hash="-"),
                AccountCommune(account_id=2, commune_code="44052"),
            ]
        )
        add_shop(session, name="Boulangerie du port", events=(("2010-01-01", "opened"),))
        add_shop(session, name="Primeur Lebon", category="greengrocer", events=(("2018-04-01", "opened"),))
        add_shop(
            session,
            commune="44210",
            name="Café de Trignac",
            category="cafe_bar",
            latitude=47.318,
            longitude=-2.19,
            events=(("2015-06-01", "opened"),),
        )
        session.commit()
    return engine


def dump(engine) -> dict[str, list[tuple]]:
    """Return every row of every table: what "nothing written" is checked against."""
    with engine.connect() as connection:
        return {
            table.name: sorted((tuple(row) for row in connection.execute(select(table))), key=repr)
            for table in Base.metadata.sorted_tables
        }


def call(engine, function, *args, **kwargs):
    with write_transaction(engine) as session:
        return function(session, *args, **kwargs)


def shop_id(engine, name: str) -> int:
    with Session(engine) as session:
        return session.scalar(select(Shop.id).where(Shop.name == name))


def read_shop(engine, name_or_id) -> Shop:
    with Session(engine) as session:
        shop_id_ = name_or_id if isinstance(name_or_id, int) else shop_id(engine, name_or_id)
        return session.get(Shop, shop_id_)


def audit_entries(engine) -> list[AuditEntry]:
    with Session(engine) as session:
        return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))


VALID = {"commune_code": "44052", "name": "Fromagerie Martin", "category": "grocery"}


def test_a_shop_created_after_the_demo_gets_an_id_of_its_own(engine):
    load_demo(engine, seed=1, today=TODAY)  # the demo's shops come with their ids
    with Session(engine) as session:
        demo_ids = set(session.scalars(select(Shop.id)))
    with write_transaction(engine) as session:
        shop = create_shop(session, Command(), {**VALID, "commune_code": "44052"})
    assert shop.id not in demo_ids


def test_a_new_shop_is_stored_with_its_opening_and_audited(world):
    values = VALID | {"phone": "02 40 45 12 34", "website": "https://fromagerie.fr", "latitude": 47.32}
    values |= {"longitude": -2.07, "delivery": True}
    shop = call(world, create_shop, ADMIN, values, opened_on=dt.date(2025, 3, 1), today=TODAY)
    stored = read_shop(world, shop.id)
    assert (stored.name, stored.phone, stored.delivery, stored.version) == (
        "Fromagerie Martin",
        "+33 2 40 45 12 34",
        True,
        1,
    )
    create, opened = audit_entries(world)
    assert (create.action, create.entity, create.entity_id, create.actor, create.account_id) == (
        "create",
        "shop",
        str(shop.id),
        "ada",
        1,
    )
    assert create.before is None
    assert create.after["phone"] == "+33 2 40 45 12 34"
    assert create.after["commune_code"] == "44052"
    assert (opened.entity, opened.after["kind"], opened.after["event_date"]) == (
        "status_event",
        "opened",
        "2025-03-01",
    )


def test_phone_typed_the_french_way_is_stored_in_the_international_format(world):
    shop = call(world, create_shop, ADMIN, VALID | {"phone": "02 40 45 12 34"})
    assert read_shop(world, shop.id).phone == "+33 2 40 45 12 34"


@pytest.mark.parametrize(
    ("change", "field", "key"),
    [
        ({"name": ""}, "name", "required"),
        ({"name": "   "}, "name", "required"),
        ({"category": "bakeryy"}, "category", "category.unknown"),
        ({"commune_code": "99999"}, "commune_code", "commune.unknown"),
        ({"phone": "12 34"}, "phone", "phone.invalid"),
        ({"email": "martin@"}, "email", "email.invalid"),
        ({"website": "javascript:alert(1)"}, "website", "url.invalid"),
        ({"online_shop_url": "ftp://fromagerie.fr"}, "online_shop_url", "url.invalid"),
        ({"social_links": ["https://ok.fr", "data:text/html,x"]}, "social_links", "social_links.invalid"),
        ({"website": "https://fromagerie.fr/" + "a" * 480}, "website", "text.too_long"),
        ({"latitude": 47.32}, "position", "position.both_or_neither"),
        ({"latitude": 47.2184, "longitude": -1.5536}, "position", "position.too_far"),  # Nantes
        ({"latitude": 95, "longitude": -2.07}, "latitude", "latitude.range"),
        ({"address": "a" * 301}, "address", "text.too_long"),
        ({"opening_hours": "h" * 501}, "opening_hours", "text.too_long"),
        ({"in_store": "yes"}, "in_store", "bool.invalid"),
        ({"siret": "1234"}, "siret", "siret.invalid"),
        ({"colour": "red"}, "colour", "field.unknown"),
    ],
)
def test_each_invalid_field_is_refused_and_nothing_is_written(world, change, field, key):
    before = dump(world)
    with pytest.raises(ValidationError) as refused:
        call(world, create_shop, ADMIN, VALID | change)
    assert refused.value.errors == {field: key}
    assert dump(world) == before

    if field == "commune_code" or key == "position.both_or_neither":
        return  # a move is checked with the permissions; an update keeps the other coordinate
    boulangerie = shop_id(world, "Boulangerie du port")
    with pytest.raises(ValidationError) as refused:
        call(world, update_shop, ADMIN, boulangerie, 1, change)
    assert refused.value.errors == {field: key}
    assert dump(world) == before


def test_an_opening_date_in_the_future_is_refused(world):
    before = dump(world)
    with pytest.raises(ValidationError) as refused:
        call(world, create_shop, ADMIN, VALID, opened_on=dt.date(2025, 3, 16), today=TODAY)
    assert refused.value.errors == {"opened_on": "date.future"}
    assert dump(world) == before


def test_a_siret_already_used_by_another_shop_is_refused(world):
    call(world, create_shop, ADMIN, VALID | {"siret": "123 456 789 00012"})
    before = dump(world)
    with pytest.raises(ValidationError) as refused:
        call(world, create_shop, ADMIN, VALID | {"name": "Autre", "siret": "12345678900012"})
    assert refused.value.errors == {"siret": "siret.taken"}
    assert dump(world) == before


@pytest.mark.parametrize(
    "name", ["<script>alert(1)</script>", "${alert(1)}", "=cmd()", "+SUM(A1)", "x" * 200, "L'Épi d'or & Cie"]
)
def test_hostile_text_within_bounds_is_stored_as_typed(world, name):
    shop = call(world, create_shop, ADMIN, VALID | {"name": name})
    assert read_shop(world, shop.id).name == name


def test_a_10000_character_name_is_refused_with_a_clear_message(world):
    before = dump(world)
    with pytest.raises(ValidationError) as refused:
        call(world, create_shop, ADMIN, VALID | {"name": "<script>" + "x" * 9_992})
    assert refused.value.messages() == {"name": "Too long: 10,000 characters, at most 200."}
    assert refused.value.messages("fr") == {"name": "Trop long : 10\u202f000 caractères pour 200 au plus."}
    assert dump(world) == before


def test_an_update_is_audited_with_the_values_before_and_after(world):
    boulangerie = shop_id(world, "Boulangerie du port")
    shop = call(
        world, update_shop, ADMIN, boulangerie, 1, {"phone": "0240451234", "name": "Boulangerie du Port"}
    )
    assert shop.version == 2
    (entry,) = audit_entries(world)
    assert (entry.action, entry.entity, entry.entity_id, entry.commune_code) == (
        "update",
        "shop",
        str(boulangerie),
        "44052",
    )
    assert entry.before == {"name": "Boulangerie du port", "phone": None, "version": 1}
    assert entry.after == {"name": "Boulangerie du Port", "phone": "+33 2 40 45 12 34", "version": 2}


def test_an_update_that_changes_nothing_writes_nothing(world):
    boulangerie = shop_id(world, "Boulangerie du port")
    before = dump(world)
    shop = call(
        world, update_shop, ADMIN, boulangerie, 1, {"name": " Boulangerie du port ", "in_store": True}
    )
    assert shop.version == 1
    assert dump(world) == before


def test_a_conflicting_save_is_refused_keeps_the_first_and_names_the_changed_fields(world):
    boulangerie = shop_id(world, "Boulangerie du port")
    # Two coordinators opened the form at version 1; the first saves a new name and phone.
    call(world, update_shop, ADMIN, boulangerie, 1, {"name": "Le Fournil", "phone": "02 40 45 12 34"})
    before = dump(world)
    with pytest.raises(Conflict) as refused:
        call(world, update_shop, COORDINATOR, boulangerie, 1, {"name": "Chez Paul", "address": "2 rue Neuve"})
    assert refused.value.changed_fields == ["name", "phone"]
    assert refused.value.current["name"] == "Le Fournil"
    assert refused.value.current["version"] == 2
    assert dump(world) == before
    # The second reapplies on the version they were shown.
    shop = call(world, update_shop, COORDINATOR, boulangerie, 2, {"address": "2 rue Neuve"})
    assert (shop.name, shop.address, shop.version) == ("Le Fournil", "2 rue Neuve", 3)


def test_a_change_made_between_read_and_write_is_caught_by_the_version_column(world):
    boulangerie = shop_id(world, "Boulangerie du port")
    before = dump(world)
    with pytest.raises(Conflict), write_transaction(world) as session:

        @event.listens_for(session, "before_flush", once=True)
        def someone_else_saves(session, _context, _instances):
            session.connection().execute(
                text("UPDATE shop SET version = version + 1 WHERE id = :id"), {"id": boulangerie}
            )

        update_shop(session, ADMIN, boulangerie, 1, {"name": "Le Fournil"})
    assert dump(world) == before


def test_a_failed_call_leaves_nothing_even_when_the_caller_goes_on(world):
    boulangerie = shop_id(world, "Boulangerie du port")
    with write_transaction(world) as session:
        with pytest.raises(ValidationError):
            update_shop(session, ADMIN, boulangerie, 1, {"name": "Le Fournil", "phone": "12"})

        @event.listens_for(session, "before_flush", once=True)
        def write_then_fail(session, _context, _instances):
            session.connection().execute(
                text("UPDATE shop SET name = 'half done' WHERE id = :id"), {"id": boulangerie}
            )
            session.connection().execute(
                text("UPDATE shop SET version = 7 WHERE id = :id"), {"id": boulangerie}
            )

        with pytest.raises(Conflict):
            update_shop(session, ADMIN, boulangerie, 1, {"opening_hours": "8h-13h"})
        update_shop(session, ADMIN, boulangerie, 1, {"address": "3 quai"})
    shop = read_shop(world, boulangerie)
    assert (shop.name, shop.phone, shop.address, shop.opening_hours, shop.version) == (
        "Boulangerie du port",
        None,
        "3 quai",
        None,
        2,
    )
    assert [entry.after for entry in audit_entries(world)] == [{"address": "3 quai", "version": 2}]


def test_services_refuse_a_session_not_opened_for_writing(world):
    with Session(world) as session, pytest.raises(RuntimeError):
        create_shop(session, ADMIN, VALID)


@pytest.mark.parametrize(
    "attempt",
    [
        lambda engine, trignac: call(engine, create_shop, COORDINATOR, VALID | {"commune_code": "44210"}),
        lambda engine, trignac: call(engine, update_shop, COORDINATOR, trignac, 1, {"name": "Pris"}),
        lambda engine, trignac: call(
            engine, record_status, COORDINATOR, trignac, "closed", TODAY, today=TODAY
        ),
        lambda engine, trignac: call(engine, archive_shop, COORDINATOR, trignac),
        lambda engine, trignac: call(engine, add_catalogue_item, COORDINATOR, trignac, {"name": "Café"}),
        lambda engine, trignac: call(
            engine,
            update_shop,
            COORDINATOR,
            shop_id(engine, "Boulangerie du port"),
            1,
            {"commune_code": "44210"},
        ),
    ],
    ids=["create", "update", "status", "archive", "catalogue", "move_out"],
)
def test_a_coordinator_cannot_edit_another_communes_shop(world, attempt):
    trignac = shop_id(world, "Café de Trignac")
    before = dump(world)
    with pytest.raises(PermissionDenied):
        attempt(world, trignac)
    assert dump(world) == before


def test_a_coordinator_edits_the_shops_of_their_commune_and_an_admin_moves_one(world):
    boulangerie = shop_id(world, "Boulangerie du port")
    assert call(world, update_shop, COORDINATOR, boulangerie, 1, {"delivery": True}).delivery is True
    # Donges' shop position is 8.6 km from Trignac's centre: it may move there as it is.
    moved = call(world, update_shop, ADMIN, boulangerie, 2, {"commune_code": "44210"})
    assert moved.commune_code == "44210"


def test_nobody_signed_in_may_edit(world):
    before = dump(world)
    with pytest.raises(PermissionDenied) as refused:
        call(world, create_shop, None, VALID)
    assert refused.value.commune_code == "44052"
    assert dump(world) == before


def test_a_command_without_an_account_is_audited_under_its_name(world):
    boulangerie = shop_id(world, "Boulangerie du port")
    call(world, update_shop, Command(), boulangerie, 1, {"siret": "12345678900012"})
    (entry,) = audit_entries(world)
    assert (entry.actor, entry.account_id) == ("import sirene", None)


def test_status_events_follow_the_legal_order(world):
    boulangerie = shop_id(world, "Boulangerie du port")
    call(world, record_status, ADMIN, boulangerie, "temporarily_closed", dt.date(2024, 11, 1), today=TODAY)
    call(world, record_status, ADMIN, boulangerie, "reopened", dt.date(2025, 1, 6), today=TODAY)
    call(world, record_status, ADMIN, boulangerie, "closed", TODAY, today=TODAY)
    with Session(world) as session:
        kinds = session.execute(
            select(StatusEvent.kind, StatusEvent.event_date)
            .where(StatusEvent.shop_id == boulangerie)
            .order_by(StatusEvent.event_date)
        ).all()
        assert [tuple(k) for k in kinds] == [
            ("opened", dt.date(2010, 1, 1)),
            ("temporarily_closed", dt.date(2024, 11, 1)),
            ("reopened", dt.date(2025, 1, 6)),
            ("closed", TODAY),
        ]
        status = shop_queries.shops_for_map(session, TODAY, "44052").set_index("name")["status"]
        assert status["Boulangerie du port"] == "closed"


@pytest.mark.parametrize(
    ("kind", "on", "field", "key"),
    [
        ("closed", dt.date(2025, 2, 1), "kind", "status.closed_not_open"),  # already closed
        ("reopened", dt.date(2025, 3, 16), "event_date", "date.future"),
        ("reopened", dt.date(2024, 12, 31), "event_date", "status.before_latest"),
        ("opened", dt.date(2025, 2, 1), "kind", "status.opened_not_first"),
    ],
)
def test_illegal_status_events_are_refused_and_nothing_is_written(world, kind, on, field, key):
    boulangerie = shop_id(world, "Boulangerie du port")
    call(world, record_status, ADMIN, boulangerie, "closed", dt.date(2025, 1, 15), today=TODAY)
    before = dump(world)
    with pytest.raises(ValidationError) as refused:
        call(world, record_status, ADMIN, boulangerie, kind, on, today=TODAY)
    assert refused.value.errors == {field: key}
    assert dump(world) == before


def test_the_first_event_of_a_shop_must_be_its_opening(world):
    shop = call(world, create_shop, ADMIN, VALID)
    with pytest.raises(ValidationError) as refused:
        call(world, record_status, ADMIN, shop.id, "closed", dt.date(2025, 1, 1), today=TODAY)
    assert refused.value.errors == {"kind": "status.first_must_be_opened"}


def test_an_archived_shop_leaves_the_map_and_the_counts_but_keeps_its_history(world):
    boulangerie = shop_id(world, "Boulangerie du port")
    call(world, update_shop, ADMIN, boulangerie, 1, {"phone": "02 40 45 12 34"})
    with Session(world) as session:
        assert overview_queries.overview(session, TODAY, "44052").shops_open == 2
        assert "Boulangerie du port" in set(shop_queries.shops_for_map(session, TODAY)["name"])

    shop = call(world, archive_shop, ADMIN, boulangerie)
    assert shop.archived_at is not None
    with Session(world) as session:
        assert overview_queries.overview(session, TODAY, "44052").shops_open == 1
        assert overview_queries.overview(session, TODAY).shops_open == 2  # Primeur Lebon and Café de Trignac
        assert "Boulangerie du port" not in set(shop_queries.shops_for_map(session, TODAY)["name"])
        assert session.get(Shop, boulangerie) is not None  # never deleted
        actions = [entry.action for entry in history(session, "shop", boulangerie)]
    assert actions == ["archive", "update"]

    with pytest.raises(ValidationError) as refused:
        call(world, archive_shop, ADMIN, boulangerie)
    assert refused.value.errors == {"archived_at": "shop.already_archived"}

    call(world, restore_shop, ADMIN, boulangerie)
    with Session(world) as session:
        assert overview_queries.overview(session, TODAY, "44052").shops_open == 2
        assert [entry.action for entry in history(session, "shop", boulangerie)] == [
            "restore",
            "archive",
            "update",
        ]


def test_catalogue_items_are_added_changed_and_removed_with_the_whole_row_kept(world):
    boulangerie = shop_id(world, "Boulangerie du port")
    item = call(world, add_catalogue_item, ADMIN, boulangerie, {"name": "Galette", "price": "12,50"})
    with Session(world) as session:
        assert session.get(CatalogueItem, item.id).price == Decimal("12.50")
    call(world, update_catalogue_item, ADMIN, item.id, {"price": "13", "description": "Pur beurre"})
    call(world, remove_catalogue_item, ADMIN, item.id)
    with Session(world) as session:
        assert session.get(CatalogueItem, item.id) is None
    added, changed, removed = audit_entries(world)
    assert added.after == {"id": item.id, "shop_id": boulangerie, "name": "Galette", "price": "12.50"} | {
        "description": None
    }
    assert changed.before == {"price": "12.50", "description": None, "shop_id": boulangerie}
    assert changed.after == {"price": "13.00", "description": "Pur beurre", "shop_id": boulangerie}
    assert (removed.action, removed.after) == ("delete", None)
    assert removed.before == {
        "id": item.id,
        "shop_id": boulangerie,
        "name": "Galette",
        "price": "13.00",
        "description": "Pur beurre",
    }


@pytest.mark.parametrize(
    ("values", "field", "key"),
    [
        ({"name": "Galette", "price": "-1"}, "price", "price.range"),
        ({"name": "Galette", "price": "douze"}, "price", "price.invalid"),
        ({"name": "n" * 201}, "name", "text.too_long"),
        ({"name": "Galette", "description": "d" * 2001}, "description", "text.too_long"),
        ({"price": "2"}, "name", "required"),
    ],
)
def test_invalid_catalogue_items_are_refused_and_nothing_is_written(world, values, field, key):
    boulangerie = shop_id(world, "Boulangerie du port")
    before = dump(world)
    with pytest.raises(ValidationError) as refused:
        call(world, add_catalogue_item, ADMIN, boulangerie, values)
    assert refused.value.errors == {field: key}
    assert dump(world) == before


def test_shop_fields_are_the_shop_columns_but_the_bookkeeping():
    bookkeeping = {"id", "source", "created_at", "updated_at", "archived_at", "version"}
    assert list(SHOP_FIELDS) == [c.key for c in Shop.__table__.columns if c.key not in bookkeeping]
