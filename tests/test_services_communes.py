"""Editing a commune's figures: population with its year and history, shop units, date
joined, town-centre position; conflicts caught on updated_at."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.builders import add_commune
from wiker_data.accounts import SignedIn
from wiker_data.models import Account, AccountCommune, AuditEntry, Base, Commune, CommunePopulation
from wiker_data.services import Conflict, PermissionDenied, ValidationError, update_commune, write_transaction

TODAY = dt.date(2025, 3, 15)


ADMIN = SignedIn(1, "ada", "admin", (), False)
COORDINATOR = SignedIn(2, "cole", "coordinator", ("44052",), False)


@pytest.fixture
def world(engine):
    """Donges (8,000 inhabitants in 2023, with that year in its history); Trignac with no figures yet."""
    with Session(engine) as session:
        add_commune(session, "44052", "Donges", population=8000, population_year=2023)
        add_commune(
            session,
            "44210",
            "Trignac",
            population=None,
            population_year=None,
            joined_on=None,
            latitude=None,
            longitude=None,
        )
        session.add(CommunePopulation(commune_code="44052", year=2023, population=8000))
        session.add_all(
            [
                Account(id=1, name="ada", role="admin", password_hash="-"),
                Account(id=2, name="cole", role="coordinator", password_hash="-"),
                AccountCommune(account_id=2, commune_code="44052"),
            ]
        )
        session.commit()
    return engine


def dump(engine) -> dict[str, list[tuple]]:
    with engine.connect() as connection:
        return {
            table.name: sorted((tuple(row) for row in connection.execute(select(table))), key=repr)
            for table in Base.metadata.sorted_tables
        }


def read(engine, code: str) -> Commune:
    with Session(engine) as session:
        return session.get(Commune, code)


def populations(engine, code: str) -> dict[int, int]:
    with Session(engine) as session:
        rows = session.scalars(select(CommunePopulation).where(CommunePopulation.commune_code == code))
        return {row.year: row.population for row in rows}


def edit(engine, actor, code, changes, started_from=None):
    started_from = started_from or read(engine, code).updated_at
    with write_transaction(engine) as session:
        return update_commune(session, actor, code, started_from, changes, today=TODAY)


def test_a_new_population_figure_updates_the_commune_and_its_history(world):
    commune = edit(world, ADMIN, "44052", {"population": "8 150", "population_year": 2024})
    assert (commune.population, commune.population_year) == (8150, 2024)
    assert populations(world, "44052") == {2023: 8000, 2024: 8150}
    with Session(world) as session:
        entry = session.scalars(select(AuditEntry)).one()
    assert (entry.action, entry.entity, entry.entity_id, entry.commune_code) == (
        "update",
        "commune",
        "44052",
        "44052",
    )
    assert {k: v for k, v in entry.before.items() if k != "updated_at"} == {
        "population": 8000,
        "population_year": 2023,
        "population_in_2024": None,
    }
    assert {k: v for k, v in entry.after.items() if k != "updated_at"} == {
        "population": 8150,
        "population_year": 2024,
        "population_in_2024": 8150,
    }


def test_an_older_figure_goes_to_the_history_only(world):
    edit(world, ADMIN, "44052", {"population": 7900, "population_year": 2021})
    commune = read(world, "44052")
    assert (commune.population, commune.population_year) == (8000, 2023)
    assert populations(world, "44052") == {2021: 7900, 2023: 8000}


def test_correcting_the_figure_of_the_same_year_needs_no_year(world):
    edit(world, ADMIN, "44052", {"population": 8010})
    assert read(world, "44052").population == 8010
    assert populations(world, "44052") == {2023: 8010}


def test_shop_units_date_joined_and_centre_are_saved(world):
    edit(
        world,
        ADMIN,
        "44210",
        {"shop_units": 42, "joined_on": "2020-09-01", "latitude": 47.31, "longitude": -2.18},
    )
    trignac = read(world, "44210")
    assert (trignac.shop_units, trignac.joined_on, trignac.latitude, trignac.longitude) == (
        42,
        dt.date(2020, 9, 1),
        47.31,
        -2.18,
    )


@pytest.mark.parametrize(
    ("code", "changes", "field", "key"),
    [
        ("44052", {"population": -1}, "population", "integer.range"),
        ("44052", {"population": 8000, "population_year": 1989}, "population_year", "integer.range"),
        ("44052", {"population": 8000, "population_year": 2101}, "population_year", "integer.range"),
        ("44210", {"population": 4000}, "population_year", "population_year.required"),
        ("44052", {"shop_units": -3}, "shop_units", "integer.range"),
        ("44052", {"shop_units": 2.5}, "shop_units", "integer.invalid"),
        ("44052", {"joined_on": dt.date(2025, 3, 16)}, "joined_on", "date.future"),
        ("44210", {"latitude": 47.31}, "position", "position.both_or_neither"),
        ("44052", {"latitude": 91}, "latitude", "latitude.range"),
        ("44052", {"name": "Donges-la-Belle"}, "name", "field.unknown"),
    ],
)
def test_each_invalid_figure_is_refused_and_nothing_is_written(world, code, changes, field, key):
    before = dump(world)
    with pytest.raises(ValidationError) as refused:
        edit(world, ADMIN, code, changes)
    assert refused.value.errors == {field: key}
    assert dump(world) == before


def test_a_conflicting_save_is_refused_and_keeps_the_first(world):
    started_from = read(world, "44052").updated_at
    edit(world, ADMIN, "44052", {"shop_units": 120}, started_from)
    before = dump(world)
    with pytest.raises(Conflict) as refused:
        edit(world, COORDINATOR, "44052", {"shop_units": 95, "joined_on": "2019-02-01"}, started_from)
    assert refused.value.changed_fields == ["shop_units"]
    assert refused.value.current["shop_units"] == 120
    assert dump(world) == before
    edit(world, COORDINATOR, "44052", {"joined_on": "2019-02-01"})
    assert (read(world, "44052").shop_units, read(world, "44052").joined_on) == (120, dt.date(2019, 2, 1))


def test_a_coordinator_cannot_edit_another_commune(world):
    before = dump(world)
    with pytest.raises(PermissionDenied):
        edit(world, COORDINATOR, "44210", {"shop_units": 10})
    assert dump(world) == before
