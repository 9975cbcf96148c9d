"""`commune join` and `commune leave` from the command line, and the members `info` lists."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.builders import add_commune
from wiker_data.cli.main import main
from wiker_data.models import AuditEntry, Commune


@pytest.fixture
def communes(engine):
    """Donges, a member since 2019-01-01; Trignac and Savenay, not members."""
    with Session(engine) as session:
        add_commune(session, "44052", "Donges", joined_on=dt.date(2019, 1, 1))
        add_commune(session, "44210", "Trignac", joined_on=None)
        add_commune(session, "44195", "Savenay", joined_on=None)
        session.commit()
    return engine


def dates(engine, code: str) -> tuple[dt.date | None, dt.date | None]:
    with Session(engine) as session:
        commune = session.get(Commune, code)
        return commune.joined_on, commune.left_on


def test_join_records_the_date_audited_as_the_command_line(communes, capsys):
    assert main(["commune", "join", "44210", "--on", "2025-03-01"]) == 0
    assert capsys.readouterr().out == "Trignac (44210) joined the Wiker network on 2025-03-01\n"
    assert dates(communes, "44210") == (dt.date(2025, 3, 1), None)
    with Session(communes) as session:
        entry = session.scalars(select(AuditEntry)).one()
    assert (entry.actor, entry.source, entry.entity_id, entry.after["joined_on"]) == (
        "cli",
        "cli",
        "44210",
        "2025-03-01",
    )


def test_leave_records_the_date(communes, capsys):
    assert main(["commune", "leave", "44052", "--on", "2025-06-15"]) == 0
    assert capsys.readouterr().out == "Donges (44052) left the Wiker network on 2025-06-15\n"
    assert dates(communes, "44052") == (dt.date(2019, 1, 1), dt.date(2025, 6, 15))


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["join", "99999", "--on", "2025-03-01"], "error: no commune with INSEE code 99999 in the store"),
        (["join", "44052", "--on", "2025-03-01"], "error: joined_on: This commune has been a member"),
        (["leave", "44210", "--on", "2025-03-01"], "error: left_on: This commune is not a member"),
        (["leave", "44052", "--on", "2018-05-01"], "error: left_on: A commune leaves the network after"),
        (["join", "44210", "--on", "2999-01-01"], "error: joined_on: The date cannot be in the future"),
        (["join", "44210", "--on", "01/03/2025"], "error: argument --on: not a date"),
        (["join", "44210"], "error: the following arguments are required: --on"),
    ],
    ids=["unknown", "already a member", "not a member", "leave before join", "future", "bad date", "no date"],
)
def test_a_refused_change_is_one_error_line_and_writes_nothing(communes, capsys, argv, message):
    assert main(["commune", *argv]) == 1
    err = capsys.readouterr().err
    assert err.startswith(message) and len(err.splitlines()) == 1
    assert [dates(communes, code) for code in ("44052", "44210")] == [
        (dt.date(2019, 1, 1), None),
        (None, None),
    ]
    with Session(communes) as session:
        assert session.scalars(select(AuditEntry)).all() == []


def test_info_lists_the_members_and_former_members_with_their_dates(communes, capsys):
    assert main(["commune", "join", "44210", "--on", "2025-03-01"]) == 0
    assert main(["commune", "join", "44195", "--on", "2020-05-01"]) == 0
    assert main(["commune", "leave", "44195", "--on", "2024-09-30"]) == 0
    capsys.readouterr()
    assert main(["info"]) == 0
    out = capsys.readouterr().out.splitlines()
    start = out.index("network members: 2")
    assert out[start:] == [
        "network members: 2",
        "  44052 Donges, joined 2019-01-01",
        "  44210 Trignac, joined 2025-03-01",
        "former members: 1",
        "  44195 Savenay, joined 2020-05-01, left 2024-09-30",
    ]


@pytest.mark.parametrize("action", ["join", "leave"])
def test_each_commune_command_has_help(action, capsys):
    assert main(["commune", action, "--help"]) == 0
    out = capsys.readouterr().out
    assert "--on YYYY-MM-DD" in out and "CODE" in out
