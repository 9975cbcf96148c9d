"""The Alembic migrations and the models describe the same schema; data migrations convert stores."""

import datetime as dt

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from tests.builders import add_commune, add_shop
from wiker_data.db import _alembic_config, make_engine, migrate, schema_version
from wiker_data.importers import ImportActor
from wiker_data.models import AuditEntry, Base, Shop, StatusEvent
from wiker_data.queries.overview import overview
from wiker_data.services import write_transaction
from wiker_data.services.undo import undo


def test_migrated_store_matches_the_models(engine):
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_store_is_at_the_latest_revision(engine):
    current, head = schema_version(engine)
    assert current == head


def test_migrations_go_down_to_an_empty_store_and_up_again(db_url):
    engine = make_engine(db_url)
    try:
        migrate(engine)
        with engine.begin() as connection:
            command.downgrade(_alembic_config(connection), "base")
        with engine.connect() as connection:
            assert set(inspect(connection).get_table_names()) <= {"alembic_version"}
        migrate(engine)
        test_migrated_store_matches_the_models(engine)
    finally:
        engine.dispose()


# Revision 0005: the openings an import made up become recordings.
#
# Built at 0004, Donges (joined 2019), each shop with its events (kind, date, source):
#   osm_new       opened 2024-06-15 osm (the old importer's check_date): no opening in OSM
#   osm_closed    opened 2024-11-30 osm, closed 2025-02-01 osm
#   year_one      opened 0001-01-01 sirene (a placeholder), entered the store 2026-11-20
#   year_one_shut opened 0001-01-01 sirene, closed 2020-01-01 sirene, entered 2026-11-20
#   created       opened 2015-03-02 sirene (a real creation date)
#   typed         opened 2010-01-01 manual, with an OpenStreetMap id (a coordinator's opening)
BEFORE_0005 = {
    "osm_new": [("opened", "2024-06-15", "osm")],
    "osm_closed": [("opened", "2024-11-30", "osm"), ("closed", "2025-02-01", "osm")],
    "year_one": [("opened", "0001-01-01", "sirene")],
    "year_one_shut": [("opened", "0001-01-01", "sirene"), ("closed", "2020-01-01", "sirene")],
    "created": [("opened", "2015-03-02", "sirene")],
    "typed": [("opened", "2010-01-01", "manual")],
}


def _store_at_0004(db_url):
    engine = make_engine(db_url)
    with engine.begin() as connection:
        command.upgrade(_alembic_config(connection), "0004")
    with Session(engine) as session:
        add_commune(session, "44052", "Donges")
        for number, (name, events) in enumerate(BEFORE_0005.items()):
            shop = add_shop(
                session,
                name=name,
                events=(),
                osm_id=f"node/{number + 1}" if name.startswith("osm") or name == "typed" else None,
                created_at=dt.datetime(2026, 11, 20, 9, 30),
            )
            shop.events = [
                StatusEvent(kind=kind, event_date=dt.date.fromisoformat(on), source=source)
                for kind, on, source in events
            ]
        session.commit()
    return engine


def _histories(engine) -> dict[str, list[tuple[str, str, str]]]:
    with Session(engine) as session:
        return {
            shop.name: [(e.kind, e.event_date.isoformat(), e.source) for e in shop.events]
            for shop in session.scalars(select(Shop))
        }


def test_0005_turns_the_openings_imports_made_up_into_recordings_audited(db_url):
    engine = _store_at_0004(db_url)
    try:
        migrate(engine)
        assert _histories(engine) == {
            "osm_new": [("recorded", "2024-06-15", "osm")],  # open since, not opened then
            "osm_closed": [("recorded", "2024-11-30", "osm"), ("closed", "2025-02-01", "osm")],
            # year 1 is no date: recorded from the day the shop entered the store...
            "year_one": [("recorded", "2026-11-20", "sirene")],
            # ... or from its next event, when that came first
            "year_one_shut": [("recorded", "2020-01-01", "sirene"), ("closed", "2020-01-01", "sirene")],
            "created": BEFORE_0005["created"],
            "typed": BEFORE_0005["typed"],
        }
        with Session(engine) as session:
            entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
            assert [(e.actor, e.source, e.action, e.entity, e.commune_code) for e in entries] == [
                ("migration 0005", "migration", "update", "status_event", "44052")
            ] * 4
            assert (entries[0].before, entries[0].after) == (
                {"shop_id": 1, "kind": "opened"},
                {"shop_id": 1, "kind": "recorded"},
            )
            assert entries[2].before["event_date"] == "0001-01-01"
            assert entries[2].after["event_date"] == "2026-11-20"
            # 4 open (osm_new, year_one, created, typed); the only opening ever is created's and typed's
            assert overview(session, dt.date(2026, 12, 1), "44052").shops_open == 4
            assert overview(session, dt.date(2024, 12, 31), "44052").openings == 0  # was 2 (osm_*)
    finally:
        engine.dispose()


def test_0005_is_undone_by_its_audit_entries_and_by_a_downgrade(db_url):
    engine = _store_at_0004(db_url)
    try:
        migrate(engine)
        with Session(engine) as session:
            first = session.scalars(select(AuditEntry.id).order_by(AuditEntry.id)).first()
        with write_transaction(engine) as session:
            undo(session, ImportActor("admin"), first)  # osm_new's conversion, from the history
        assert _histories(engine)["osm_new"] == BEFORE_0005["osm_new"]
        with engine.begin() as connection:
            command.downgrade(_alembic_config(connection), "0004")
        assert _histories(engine) == BEFORE_0005
        with Session(engine) as session:
            left = session.execute(select(AuditEntry.actor, AuditEntry.action).order_by(AuditEntry.id)).all()
        # the entry undone stays with its undo; the other three go with the revision
        assert left == [("migration 0005", "update"), ("admin", "undo")]
        migrate(engine)  # and up again: the undone one is converted again, like the others
        assert _histories(engine)["osm_new"] == [("recorded", "2024-06-15", "osm")]
    finally:
        engine.dispose()


def test_undoing_0005_brings_back_the_date_it_moved(db_url):
    engine = _store_at_0004(db_url)
    try:
        migrate(engine)
        with Session(engine) as session:
            third = session.scalars(select(AuditEntry.id).order_by(AuditEntry.id)).all()[2]
        with write_transaction(engine) as session:
            undo(session, ImportActor("admin"), third)
        assert _histories(engine)["year_one"] == BEFORE_0005["year_one"]
    finally:
        engine.dispose()


# Revision 0006: OpenStreetMap's takeaway, stored as click & collect before 0004, becomes takeaway.
#
# Built at 0005, Donges; each shop click & collect, with the audit entries (source, action, the
# click_collect it wrote) a store of the old importer holds:
#   osm_takeaway  osm create (true)                        -> converted: only takeaway=yes set it
#   osm_linked    app create (false), osm update (true)    -> converted: OSM set it last
#   osm_both      osm create (true), takeaway already true -> converted, click_collect only
#   edited        osm create (true), app update (name only), app update (click_collect true)
#                 -> left: a person set click & collect after the import
#   undone        osm update (true), app undo (false), app undo of the undo (true) -> left
#   typed         app create (true)                        -> left: a person's click & collect
#   demo          demo create (true)                       -> left: not OpenStreetMap's
#   unticked      osm create (true), app update (false): the shop is no longer click & collect -> left
BEFORE_0006 = {
    "osm_takeaway": [("osm", "create", True)],
    "osm_linked": [("app", "create", False), ("osm", "update", True)],
    "osm_both": [("osm", "create", True)],
    "edited": [("osm", "create", True), ("app", "update", None), ("app", "update", True)],
    "undone": [("osm", "update", True), ("app", "undo", False), ("app", "undo", True)],
    "typed": [("app", "create", True)],
    "demo": [("demo", "create", True)],
    "unticked": [("osm", "create", True), ("app", "update", False)],
}


def _store_at_0005(db_url):
    engine = make_engine(db_url)
    with engine.begin() as connection:
        command.upgrade(_alembic_config(connection), "0005")
    with Session(engine) as session:
        add_commune(session, "44052", "Donges")
        for name, entries in BEFORE_0006.items():
            shop = add_shop(
                session,
                name=name,
                click_collect=name != "unticked",
                takeaway=name == "osm_both",
                source="osm" if name.startswith("osm") else "manual",
            )
            for source, action, click_collect in entries:
                values = {"name": name} if click_collect is None else {"click_collect": click_collect}
                session.add(
                    AuditEntry(
                        actor="import osm" if source == "osm" else "anne",
                        action=action,
                        entity="shop",
                        entity_id=str(shop.id),
                        commune_code="44052",
                        before=None if action == "create" else {"version": 1},
                        after=values | {"version": 1},
                        source=source,
                    )
                )
        session.commit()
    return engine


def _trade_modes(engine) -> dict[str, tuple[bool, bool]]:
    with Session(engine) as session:
        return {shop.name: (shop.click_collect, shop.takeaway) for shop in session.scalars(select(Shop))}


BEFORE_0006_MODES = {  # (click_collect, takeaway), as built
    "osm_takeaway": (True, False),
    "osm_linked": (True, False),
    "osm_both": (True, True),
    "edited": (True, False),
    "undone": (True, False),
    "typed": (True, False),
    "demo": (True, False),
    "unticked": (False, False),
}


def test_0006_turns_the_click_and_collect_osm_set_into_takeaway_audited(db_url):
    engine = _store_at_0005(db_url)
    try:
        migrate(engine)
        assert _trade_modes(engine) == BEFORE_0006_MODES | {
            "osm_takeaway": (False, True),
            "osm_linked": (False, True),
            "osm_both": (False, True),
        }
        with Session(engine) as session:
            entries = session.scalars(
                select(AuditEntry).where(AuditEntry.actor == "migration 0006").order_by(AuditEntry.id)
            ).all()
            shops = {shop.id: shop for shop in session.scalars(select(Shop))}
            assert [(shops[int(e.entity_id)].name, e.source, e.action, e.entity) for e in entries] == [
                ("osm_takeaway", "migration", "update", "shop"),
                ("osm_linked", "migration", "update", "shop"),
                ("osm_both", "migration", "update", "shop"),
            ]
            # add_shop's shops are at version 1; the conversion is version 2
            assert (entries[0].before, entries[0].after) == (
                {"click_collect": True, "takeaway": False, "version": 1},
                {"click_collect": False, "takeaway": True, "version": 2},
            )
            assert (entries[2].before, entries[2].after) == (  # takeaway was already true
                {"click_collect": True, "version": 1},
                {"click_collect": False, "version": 2},
            )
            assert shops[int(entries[0].entity_id)].version == 2
    finally:
        engine.dispose()


def test_0006_is_undone_by_its_audit_entries_and_by_a_downgrade(db_url):
    engine = _store_at_0005(db_url)
    try:
        migrate(engine)
        with Session(engine) as session:
            first = session.scalars(
                select(AuditEntry.id).where(AuditEntry.actor == "migration 0006").order_by(AuditEntry.id)
            ).first()
        with write_transaction(engine) as session:
            undo(session, ImportActor("admin"), first)  # osm_takeaway's conversion, from the history
        assert _trade_modes(engine)["osm_takeaway"] == (True, False)
        with engine.begin() as connection:
            command.downgrade(_alembic_config(connection), "0005")
        assert _trade_modes(engine) == BEFORE_0006_MODES
        with Session(engine) as session:
            left = session.scalars(
                select(AuditEntry.actor).where(AuditEntry.actor.in_(("migration 0006", "admin")))
            ).all()
        # the entry undone stays with its undo; the other two go with the revision
        assert left == ["migration 0006", "admin"]
    finally:
        engine.dispose()


# Revision 0007: each commune's revision, filled from the audit log.


def test_0007_gives_each_commune_the_id_of_its_latest_audit_entry(db_url):
    engine = make_engine(db_url)
    try:
        with engine.begin() as connection:
            command.upgrade(_alembic_config(connection), "0006")
        with engine.begin() as connection:
            for commune in ("44052", "44210", "44052", None, "44052", "44210"):  # ids 1 to 6
                connection.execute(
                    AuditEntry.__table__.insert().values(
                        at=dt.datetime(2026, 12, 1),
                        actor="marie",
                        action="update",
                        entity="shop",
                        entity_id="1",
                        commune_code=commune,
                        source="app",
                    )
                )
        with engine.begin() as connection:
            command.upgrade(_alembic_config(connection), "0007")
        with engine.connect() as connection:
            rows = connection.exec_driver_sql("SELECT commune_code, revision FROM commune_revision").all()
        communes = sorted(row for row in rows if row[0] != "*")
        assert communes == [("44052", 5), ("44210", 6)]  # the entry without a commune counts for none
        assert [code for code, _ in rows].count("*") == 1  # and the store has a generation

        # Revision 0010: every change so far may have moved a figure; the store's row holds entry 6.
        migrate(engine)
        assert _revisions(engine) == [("+", 6, 6), ("44052", 5, 5), ("44210", 6, 6)]
    finally:
        engine.dispose()


def _revisions(engine) -> list[tuple]:
    """Every row of commune_revision but the generation's: (code, revision, figures revision)."""
    with engine.connect() as connection:
        query = (
            "SELECT commune_code, revision, figures_revision FROM commune_revision WHERE commune_code <> '*'"
        )
        return sorted(tuple(row) for row in connection.exec_driver_sql(query))


def test_0010_gives_a_store_without_changes_its_row_at_0(db_url):
    engine = make_engine(db_url)
    try:
        migrate(engine)
        assert _revisions(engine) == [("+", 0, 0)]
    finally:
        engine.dispose()


def _every_row(engine) -> dict[str, list[tuple]]:
    """Every row of every table but alembic_version, sorted, keyed by table."""
    with engine.connect() as connection:
        tables = sorted(set(inspect(connection).get_table_names()) - {"alembic_version"})
        return {
            table: sorted(
                tuple(map(repr, row)) for row in connection.exec_driver_sql(f'SELECT * FROM "{table}"')
            )
            for table in tables
        }


def test_the_store_used_below_has_rows_in_every_table(coordinator):
    _fill_every_table(coordinator)
    assert [table for table, rows in _every_row(coordinator).items() if not rows] == []


def _fill_every_table(engine) -> None:
    from wiker_data.models import CatalogueItem, CommunePopulation, CommuneRevision, SignInAttempt

    with Session(engine) as session:
        shop = session.scalars(select(Shop).order_by(Shop.id)).first()
        now = dt.datetime(2026, 11, 20, 10, 0)
        session.add(CatalogueItem(shop_id=shop.id, name="Pain", price=1.2, created_at=now, updated_at=now))
        session.add(CommunePopulation(commune_code="44052", year=2023, population=8219))
        session.add(SignInAttempt(name="marie", attempted_at=now, succeeded=False))
        session.add(CommuneRevision(commune_code="44210", revision=7))
        session.add(
            AuditEntry(
                at=now,
                actor="marie",
                commune_code="44052",
                entity="shop",
                entity_id=str(shop.id),
                action="update",
                before={},
                after={},
            )
        )
        session.commit()


# What a downgrade drops by design: 0004 drops commune.left_on and shop.takeaway; 0003, 0002 and
# 0001 drop the tables they create. Those steps cannot keep their rows; the data migrations can,
# for rows they do not convert (a shop or event 0005/0006 converts comes back converted with a new
# version and a fresh audit entry, by design: tested above).
STEPS_THAT_KEEP_EVERY_ROW = [("0006", "0005"), ("0005", "0004")]


@pytest.mark.parametrize(("top", "below"), STEPS_THAT_KEEP_EVERY_ROW)
def test_one_migration_down_and_up_again_keeps_every_row(coordinator, top, below):
    _fill_every_table(coordinator)
    with coordinator.begin() as connection:
        command.downgrade(_alembic_config(connection), top)
    before = _every_row(coordinator)
    with coordinator.begin() as connection:
        command.downgrade(_alembic_config(connection), below)
    with coordinator.begin() as connection:
        command.upgrade(_alembic_config(connection), top)
    assert _every_row(coordinator) == before
