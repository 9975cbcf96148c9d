"""Saving a commune's table of monthly visits: upsert by month, one audit entry per changed
row, and one bad row (named in the message) saves none of them."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tests.builders import add_commune, add_visits
from wiker_data.accounts import SignedIn
from wiker_data.models import Account, AuditEntry, Base, MonthlyVisits
from wiker_data.services import (
    PermissionDenied,
    ValidationError,
    VisitsSaved,
    save_visits,
    undo,
    write_transaction,
)

TODAY = dt.date(2025, 3, 15)


ADMIN = SignedIn(1, "ada", "admin", (), False)
COORDINATOR = SignedIn(2, "cole", "coordinator", ("44052",), False)


@pytest.fixture
def world(engine):
    """Donges with visits from Matomo for November (5,000) and December 2024 (6,000, 4,000 unique);
    Trignac."""
    with Session(engine) as session:
        add_commune(session, "44052", "Donges")
        add_commune(session, "44210", "Trignac")
        add_visits(session, "44052", "2024-11-01", 5000)
        add_visits(session, "44052", "2024-12-01", 6000, 4000)
        session.execute(update(MonthlyVisits).values(source="matomo"))
        session.add(Account(id=1, name="ada", role="admin", password_hash="-"))
        session.add(Account(id=2, name="cole", role="coordinator", password_hash="-"))
        session.commit()
    return engine


def dump(engine) -> dict[str, list[tuple]]:
    with engine.connect() as connection:
        return {
            table.name: sorted((tuple(row) for row in connection.execute(select(table))), key=repr)
            for table in Base.metadata.sorted_tables
        }


def save(engine, actor, code, rows):
    with write_transaction(engine) as session:
        return save_visits(session, actor, code, rows, today=TODAY)


def visits_of(engine, code: str) -> dict[dt.date, tuple[int, int | None, str]]:
    with Session(engine) as session:
        rows = session.scalars(select(MonthlyVisits).where(MonthlyVisits.commune_code == code))
        return {row.month: (row.visits, row.unique_visitors, row.source) for row in rows}


def test_months_are_added_corrected_or_left_alone(world):
    saved = save(
        world,
        ADMIN,
        "44052",
        [
            {"month": "2024-11", "visits": 5000, "unique_visitors": None},  # as it was
            {"month": dt.date(2024, 12, 20), "visits": 6200.0, "unique_visitors": 4000},  # corrected
            {"month": "2025-01-01", "visits": "7 000", "unique_visitors": 5100},  # new
        ],
    )
    assert saved == VisitsSaved(created=1, updated=1, unchanged=1)
    assert visits_of(world, "44052") == {
        dt.date(2024, 11, 1): (5000, None, "matomo"),
        dt.date(2024, 12, 1): (6200, 4000, "manual"),
        dt.date(2025, 1, 1): (7000, 5100, "manual"),
    }
    with Session(world) as session:
        updated, created = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert (updated.action, updated.entity, updated.commune_code) == ("update", "monthly_visits", "44052")
    assert updated.before == {"visits": 6000, "source": "matomo", "month": "2024-12-01"}
    assert updated.after == {"visits": 6200, "source": "manual", "month": "2024-12-01"}
    assert created.before is None
    assert created.after | {"id": None} == {
        "id": None,
        "commune_code": "44052",
        "month": "2025-01-01",
        "visits": 7000,
        "unique_visitors": 5100,
        "source": "manual",
    }


def test_a_negative_value_names_its_row_and_no_row_is_saved(world):
    before = dump(world)
    rows = [
        {"month": "2025-01", "visits": 7000},
        {"month": "2025-02", "visits": -5},
        {"month": "2024-11", "visits": 5500},
    ]
    with pytest.raises(ValidationError) as refused:
        save(world, ADMIN, "44052", rows)
    assert refused.value.errors == {"row 2.visits": "integer.range"}
    assert refused.value.messages() == {
        "row 2.visits": "Row 2: Expected a whole number from 0 to 10,000,000."
    }
    assert refused.value.message("row 2.visits", "fr").startswith("Ligne 2 : ")
    assert dump(world) == before


@pytest.mark.parametrize(
    ("row", "field", "key"),
    [
        ({"month": "2025-01", "visits": 12.5}, "visits", "integer.invalid"),
        ({"month": "2025-01", "visits": 10_000_001}, "visits", "integer.range"),
        ({"month": "2025-01", "visits": None}, "visits", "required"),
        (
            {"month": "2025-01", "visits": 100, "unique_visitors": 101},
            "unique_visitors",
            "unique_visitors.more_than_visits",
        ),
        ({"month": "2025-01", "visits": 100, "unique_visitors": -1}, "unique_visitors", "integer.range"),
        ({"month": "2025-04", "visits": 100}, "month", "month.future"),
        ({"month": "janvier", "visits": 100}, "month", "month.invalid"),
        ({"month": "2024-12-31", "visits": 100}, "month", "month.duplicate"),  # row 1 is December too
    ],
)
def test_each_invalid_row_is_refused_and_nothing_is_written(world, row, field, key):
    before = dump(world)
    with pytest.raises(ValidationError) as refused:
        save(world, ADMIN, "44052", [{"month": "2024-12", "visits": 6100}, row])
    assert refused.value.errors == {f"row 2.{field}": key}
    assert refused.value.params[f"row 2.{field}"]["row"] == 2
    assert dump(world) == before


def test_the_current_month_may_be_entered(world):
    save(world, ADMIN, "44052", [{"month": "2025-03", "visits": 1200}])
    assert visits_of(world, "44052")[dt.date(2025, 3, 1)] == (1200, None, "manual")


def test_a_coordinator_cannot_enter_another_communes_visits(world):
    before = dump(world)
    with pytest.raises(PermissionDenied):
        save(world, COORDINATOR, "44210", [{"month": "2025-01", "visits": 10}])
    assert dump(world) == before


def test_undo_of_a_correction_and_of_a_new_month(world):
    save(world, ADMIN, "44052", [{"month": "2024-11", "visits": 5300}, {"month": "2025-01", "visits": 700}])
    with write_transaction(world) as session:
        undo(session, ADMIN, 1)
        undo(session, ADMIN, 2)
    assert visits_of(world, "44052") == {
        dt.date(2024, 11, 1): (5000, None, "matomo"),
        dt.date(2024, 12, 1): (6000, 4000, "matomo"),
    }


def test_a_save_can_name_where_the_figures_come_from(world):
    with write_transaction(world) as session:
        save_visits(
            session,
            ADMIN,
            "44210",
            [{"month": "2025-01", "visits": 800}],
            TODAY,
            source="matomo",
            audit_source="matomo",
        )
    assert visits_of(world, "44210") == {dt.date(2025, 1, 1): (800, None, "matomo")}
    with Session(world) as session:
        entry = session.scalars(select(AuditEntry)).one()
    assert (entry.source, entry.after["source"]) == ("matomo", "matomo")
