"""A commune joining and leaving the network: the rules, the audit log, undo, and the figures
of the network before and after a commune left."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.builders import add_commune, add_shop
from wiker_data.accounts import SignedIn
from wiker_data.importers import ImportActor
from wiker_data.models import AuditEntry, Base, Commune
from wiker_data.queries import scope
from wiker_data.queries.overview import overview
from wiker_data.services import (
    NotFound,
    PermissionDenied,
    ValidationError,
    undo,
    update_commune,
    write_transaction,
)
from wiker_data.services.membership import join_network, leave_network

TODAY = dt.date(2026, 11, 30)
CLI = ImportActor("cli")
STRANGER = SignedIn(None, "cole", "coordinator", ("44210",), False)


@pytest.fixture
def world(engine):
    """Donges, a member since 2019-01-01; Trignac, never a member."""
    with Session(engine) as session:
        add_commune(session, "44052", "Donges", joined_on=dt.date(2019, 1, 1))
        add_commune(session, "44210", "Trignac", joined_on=None)
        session.commit()
    return engine


def call(engine, function, *args, **kwargs):
    with write_transaction(engine) as session:
        return function(session, *args, **kwargs)


def dates(engine, code: str) -> tuple[dt.date | None, dt.date | None]:
    with Session(engine) as session:
        commune = session.get(Commune, code)
        return commune.joined_on, commune.left_on


def dump(engine) -> dict[str, list[tuple]]:
    with engine.connect() as connection:
        return {
            table.name: sorted((tuple(row) for row in connection.execute(select(table))), key=repr)
            for table in Base.metadata.sorted_tables
        }


def entries(engine) -> list[AuditEntry]:
    with Session(engine) as session:
        return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))


def test_joining_sets_the_date_and_is_audited(world):
    call(world, join_network, CLI, "44210", "2026-10-01", today=TODAY)
    assert dates(world, "44210") == (dt.date(2026, 10, 1), None)
    [entry] = entries(world)
    assert (entry.actor, entry.action, entry.entity, entry.entity_id, entry.commune_code) == (
        "cli",
        "update",
        "commune",
        "44210",
        "44210",
    )
    assert entry.before["joined_on"] is None and entry.after["joined_on"] == "2026-10-01"


def test_leaving_sets_left_on_and_is_audited(world):
    call(world, leave_network, CLI, "44052", dt.date(2026, 6, 15), today=TODAY)
    assert dates(world, "44052") == (dt.date(2019, 1, 1), dt.date(2026, 6, 15))
    [entry] = entries(world)
    assert (entry.before["left_on"], entry.after["left_on"]) == (None, "2026-06-15")


def test_joining_again_after_leaving_takes_the_new_date_and_clears_left_on(world):
    call(world, leave_network, CLI, "44052", "2024-06-15", today=TODAY)
    call(world, join_network, CLI, "44052", "2025-02-01", today=TODAY)
    assert dates(world, "44052") == (dt.date(2025, 2, 1), None)
    # the audit log keeps the history: joined 2019, left 2024, joined again 2025
    last = entries(world)[-1]
    assert last.before | {"updated_at": None} == {
        "joined_on": "2019-01-01",
        "left_on": "2024-06-15",
        "updated_at": None,
    }


@pytest.mark.parametrize(
    ("function", "code", "on", "field", "key"),
    [
        (join_network, "44052", "2026-10-01", "joined_on", "membership.already_member"),
        (join_network, "44210", "2026-12-01", "joined_on", "date.future"),  # the day after TODAY
        (join_network, "44210", "01/10/2026", "joined_on", "date.invalid"),
        (leave_network, "44210", "2026-10-01", "left_on", "membership.not_member"),
        (leave_network, "44052", "2019-01-01", "left_on", "membership.leave_before_join"),  # its joining day
        (leave_network, "44052", "2018-12-31", "left_on", "membership.leave_before_join"),
        (leave_network, "44052", "2026-12-01", "left_on", "date.future"),
    ],
)
def test_a_date_the_rules_refuse_changes_nothing(world, function, code, on, field, key):
    before = dump(world)
    with pytest.raises(ValidationError) as refused:
        call(world, function, CLI, code, on, today=TODAY)
    assert refused.value.errors == {field: key}
    assert dump(world) == before


def test_joining_again_before_the_day_it_left_is_refused(world):
    call(world, leave_network, CLI, "44052", "2024-06-15", today=TODAY)
    before = dump(world)
    with pytest.raises(ValidationError) as refused:
        call(world, join_network, CLI, "44052", "2024-06-14", today=TODAY)
    assert refused.value.errors == {"joined_on": "membership.join_before_leave"}
    assert "2024-06-15" in str(refused.value)
    assert dump(world) == before


def test_an_unknown_commune_cannot_join(world):
    with pytest.raises(NotFound):
        call(world, join_network, CLI, "99999", "2026-10-01", today=TODAY)


def test_a_coordinator_of_another_commune_cannot_change_its_membership(world):
    before = dump(world)
    with pytest.raises(PermissionDenied):
        call(world, leave_network, STRANGER, "44052", "2026-10-01", today=TODAY)
    assert dump(world) == before


def test_undo_of_a_leaving_makes_the_commune_a_member_again(world):
    call(world, leave_network, CLI, "44052", "2026-06-15", today=TODAY)
    call(world, undo, CLI, entries(world)[-1].id)
    assert dates(world, "44052") == (dt.date(2019, 1, 1), None)


def test_undo_of_a_first_joining_takes_the_commune_out_of_the_network_again(world):
    call(world, join_network, CLI, "44210", "2026-10-01", today=TODAY)
    call(world, undo, CLI, entries(world)[-1].id)
    assert dates(world, "44210") == (None, None)


def test_undo_of_a_joining_again_restores_both_dates(world):
    call(world, leave_network, CLI, "44052", "2024-06-15", today=TODAY)
    call(world, join_network, CLI, "44052", "2025-02-01", today=TODAY)
    call(world, undo, CLI, entries(world)[-1].id)
    assert dates(world, "44052") == (dt.date(2019, 1, 1), dt.date(2024, 6, 15))


@pytest.fixture
def three_communes(engine):
    """Donges (2 shops), Trignac (3 shops), Savenay (1 shop), all members since 2020-01-01, every
    shop opened on 2020-06-01; Trignac leaves the network on 2025-06-15."""
    with Session(engine) as session:
        for code, name, shops in (("44052", "Donges", 2), ("44210", "Trignac", 3), ("44195", "Savenay", 1)):
            add_commune(session, code, name, joined_on=dt.date(2020, 1, 1))
            for number in range(shops):
                add_shop(session, code, (("2020-06-01", "opened"),), name=f"{name} {number}")
        session.commit()
    call(engine, leave_network, CLI, "44210", "2025-06-15", today=TODAY)
    return engine


@pytest.mark.parametrize(
    ("as_of", "shops_open", "communes"),
    [
        (dt.date(2025, 6, 14), 6, 3),  # the day before it left: 2 + 3 + 1
        (dt.date(2025, 6, 15), 3, 2),  # the day it left: Trignac's 3 shops are out, 2 + 1
        (dt.date(2026, 1, 1), 3, 2),
    ],
)
def test_a_commune_that_left_is_outside_the_network_figures_from_that_day(
    three_communes, as_of, shops_open, communes
):
    with Session(three_communes) as session:
        figures = overview(session, as_of)
        members = scope.network_communes(session, as_of)
    assert (figures.shops_open, figures.communes) == (shops_open, communes)
    assert ("44210" in set(members["code"])) == (communes == 3)


def test_a_commune_that_left_keeps_its_own_figures(three_communes):
    with Session(three_communes) as session:
        assert overview(session, dt.date(2026, 1, 1), "44210").shops_open == 3  # its own 3 shops


@pytest.mark.parametrize("joined_on", ["2024-06-15", "2025-01-01", None])
def test_the_commune_form_cannot_move_the_joining_of_a_commune_that_left_to_its_leaving_or_later(
    world, joined_on
):
    call(world, leave_network, CLI, "44052", "2024-06-15", today=TODAY)
    with Session(world) as session:
        started_from = session.get(Commune, "44052").updated_at
    before = dump(world)
    with pytest.raises(ValidationError) as refused:
        call(world, update_commune, CLI, "44052", started_from, {"joined_on": joined_on}, today=TODAY)
    assert refused.value.errors == {"joined_on": "membership.joined_after_leaving"}
    assert dump(world) == before


def test_the_commune_form_may_correct_the_joining_of_a_commune_that_left_to_an_earlier_day(world):
    call(world, leave_network, CLI, "44052", "2024-06-15", today=TODAY)
    with Session(world) as session:
        started_from = session.get(Commune, "44052").updated_at
    call(world, update_commune, CLI, "44052", started_from, {"joined_on": "2018-09-01"}, today=TODAY)
    assert dates(world, "44052") == (dt.date(2018, 9, 1), dt.date(2024, 6, 15))
