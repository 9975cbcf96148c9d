"""Monthly visits from Matomo "Visits overview" exports (French headers in UTF-16, raw names in
UTF-8, English headers, daily rows) and from the plain commune,month,visits CSV, written by the tests.

The store: Donges 44052 with April 2024 entered by hand (1,000 visits, 700 unique visitors),
Trignac 44210 with no visits; Saint-Nazaire 44184 is not in it. Today is 20 June 2024.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.builders import add_commune, add_visits
from wiker_data.accounts import SignedIn
from wiker_data.cli.main import main
from wiker_data.importers import ImportFailed, RejectedRow
from wiker_data.importers.visits import (
    Figures,
    PartialMonth,
    plan_visits_import,
)
from wiker_data.models import AuditEntry, Base, MonthlyVisits
from wiker_data.services import PermissionDenied, write_transaction
from wiker_data.services.imports import apply_visits_import

TODAY = dt.date(2024, 6, 20)
APRIL, MAY, JUNE = dt.date(2024, 4, 1), dt.date(2024, 5, 1), dt.date(2024, 6, 1)

FRENCH = (
    "Date,Visites,Visiteurs uniques,Actions,Taux de rebond,Durée moy. des visites (en secondes)\n"
    "2024-04,1000,700,3100,45%,120\n"  # as stored
    "2024-05,1\u202f234,810,3\u202f502,41%,118\n"
    "2024-06,1 502,990,4 020,40%,131\n"
)
RAW = (
    "date,nb_uniq_visitors,nb_users,nb_visits,nb_actions,nb_visits_converted,bounce_count,"
    "sum_visit_length,max_actions,bounce_rate,nb_actions_per_visit,avg_time_on_site\n"
    "2024-04-01,705,0,1010,3120,0,455,121200,25,45%,3.1,120\n"  # April corrected
    "2024-05-01,810,0,1234,3502,0,506,145612,31,41%,2.8,118\n"
)
ENGLISH = (
    "Date,Visits,Unique visitors,Actions,Bounce Rate,Avg. Visit Duration (in seconds)\n"
    '2024-05,"1,234",810,"3,502",41%,118\n'
    '2024-06,"1,502",,"4,020",40%,131\n'  # no unique visitors for June
)
PLAIN = (
    "commune,month,visits,unique_visitors\n"
    "44052,2024-04,1000,700\n"  # as stored
    "44052,2024-05,1234,\n"
    "44210,2024-05-01,2500,1800\n"
    "44210,2024-06,2600,1900\n"
)


def daily_text() -> str:
    """Trignac day by day from 29 April to 20 June 2024, raw names: 2 + 31 + 20 = 53 rows.

    April has 2 of its 30 days: left out. May: 100 + d visits on day d, so 31 × 100 + (1 + ... + 31)
    = 3,100 + 496 = 3,596. June, the current month, 1st to 20th: 20 × 50 = 1,000.
    """
    lines = ["date,nb_uniq_visitors,nb_visits,nb_actions,bounce_rate"]
    lines += [f"2024-04-{day},{day - 20},{day},{2 * day},50%" for day in (29, 30)]
    lines += [f"2024-05-{day:02d},{60 + day},{100 + day},{200 + day},45%" for day in range(1, 32)]
    lines += [f"2024-06-{day:02d},30,50,90,40%" for day in range(1, 21)]
    return "\n".join(lines) + "\n"


@pytest.fixture
def world(engine):
    with Session(engine) as session:
        add_commune(session, "44052", "Donges")
        add_commune(session, "44210", "Trignac")
        add_visits(session, "44052", "2024-04-01", 1000, 700)
        session.commit()
    return engine


def write(tmp_path, text: str, encoding: str = "utf-8", name: str = "export.csv"):
    path = tmp_path / name
    data = ("\ufeff" + text).encode(encoding) if encoding == "utf-16-be" else text.encode(encoding)
    path.write_bytes(data)
    return path


def plan(engine, path, commune=None, **options):
    with Session(engine) as session:
        return plan_visits_import(session, path, commune, today=TODAY, **options)


def run(engine, path, commune=None, actor=None):
    with write_transaction(engine) as session:
        return apply_visits_import(session, plan_visits_import(session, path, commune, today=TODAY), actor)


def visits(engine) -> dict[tuple[str, dt.date], tuple[int, int | None, str]]:
    with Session(engine) as session:
        return {
            (row.commune_code, row.month): (row.visits, row.unique_visitors, row.source)
            for row in session.scalars(select(MonthlyVisits))
        }


def audit(engine) -> list[tuple]:
    with Session(engine) as session:
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id))
        return [(e.action, e.commune_code, (e.after or {}).get("month"), e.source, e.actor) for e in entries]


def dump(engine) -> dict[str, list[tuple]]:
    with engine.connect() as connection:
        return {
            table.name: sorted((tuple(row) for row in connection.execute(select(table))), key=repr)
            for table in Base.metadata.sorted_tables
        }


def changes(changes) -> list[tuple]:
    return [(c.commune, c.month, c.before, c.after) for c in changes]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_a_french_export_in_utf_16_adds_the_new_months(world, tmp_path, encoding):
    path = write(tmp_path, FRENCH, encoding)
    result = plan(world, path, "44052")
    assert (result.layout, result.encoding, result.period, result.rows) == (
        "Matomo French",
        "utf-16",
        "month",
        3,
    )
    assert changes(result.new) == [
        ("44052", MAY, None, Figures(1234, 810)),
        ("44052", JUNE, None, Figures(1502, 990)),
    ]
    assert changes(result.unchanged) == [("44052", APRIL, Figures(1000, 700), Figures(1000, 700))]
    assert result.updated == [] and result.rejected == []
    summary = run(world, path, "44052")
    assert (summary.created, summary.updated, summary.audit_entries) == (2, 0, 2)
    assert visits(world) == {
        ("44052", APRIL): (1000, 700, "manual"),
        ("44052", MAY): (1234, 810, "matomo"),
        ("44052", JUNE): (1502, 990, "matomo"),
    }
    assert audit(world) == [
        ("create", "44052", "2024-05-01", "matomo", "import visits"),
        ("create", "44052", "2024-06-01", "matomo", "import visits"),
    ]


def test_raw_names_in_utf_8_correct_a_month(world, tmp_path):
    path = write(tmp_path, RAW)
    result = plan(world, path, "44052")
    assert (result.layout, result.encoding, result.period) == ("Matomo raw names", "utf-8", "month")
    assert changes(result.updated) == [("44052", APRIL, Figures(1000, 700), Figures(1010, 705))]
    assert changes(result.new) == [("44052", MAY, None, Figures(1234, 810))]
    assert "  44052 2024-04: 1000 visits, 700 unique -> 1010 visits, 705 unique" in result.preview()
    run(world, path, "44052")
    assert visits(world) == {("44052", APRIL): (1010, 705, "matomo"), ("44052", MAY): (1234, 810, "matomo")}
    with Session(world) as session:
        update = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).first()
    assert (update.action, update.source) == ("update", "matomo")
    assert update.before == {
        "visits": 1000,
        "unique_visitors": 700,
        "source": "manual",
        "month": "2024-04-01",
    }
    assert update.after == {"visits": 1010, "unique_visitors": 705, "source": "matomo", "month": "2024-04-01"}


def test_an_english_export_reads_quoted_thousands_and_an_empty_unique_visitors_cell(world, tmp_path):
    path = write(tmp_path, ENGLISH, "utf-8-sig")
    result = plan(world, path, "44052")
    assert (result.layout, result.encoding) == ("Matomo English", "utf-8")
    assert changes(result.new) == [
        ("44052", MAY, None, Figures(1234, 810)),
        ("44052", JUNE, None, Figures(1502, None)),
    ]
    run(world, path, "44052")
    assert visits(world) == {
        ("44052", APRIL): (1000, 700, "manual"),
        ("44052", MAY): (1234, 810, "matomo"),
        ("44052", JUNE): (1502, None, "matomo"),
    }


def test_a_daily_export_is_summed_into_whole_months_without_unique_visitors(world, tmp_path):
    path = write(tmp_path, daily_text(), "utf-16")
    result = plan(world, path, "44210")
    assert (result.period, result.rows) == ("day", 53)
    assert result.partial == [PartialMonth("44210", APRIL, 2, 30)]
    assert changes(result.new) == [
        ("44210", MAY, None, Figures(3596, None)),
        ("44210", JUNE, None, Figures(1000, None)),
    ]
    preview = result.preview()
    assert any("unique visitors left out" in line for line in preview)
    assert "  left out, 44210 2024-04: 2 of 30 days" in preview
    run(world, path, "44210")
    assert visits(world) == {
        ("44052", APRIL): (1000, 700, "manual"),
        ("44210", MAY): (3596, None, "matomo"),
        ("44210", JUNE): (1000, None, "matomo"),
    }


def test_daily_rows_keep_the_stored_unique_visitors_of_every_month(world, tmp_path):
    with Session(world) as session:
        add_visits(session, "44210", "2024-05-01", 3596, 2900)  # the month's own figure, as daily rows sum
        add_visits(session, "44210", "2024-06-01", 900, 700)
        session.commit()
    result = plan(world, write(tmp_path, daily_text()), "44210")
    assert changes(result.unchanged) == [("44210", MAY, Figures(3596, 2900), Figures(3596, 2900))]
    # June's days sum to 20 x 50 = 1,000 visits: a sum of days has no unique visitors, and an empty
    # cell never erases, so the stored 700 (fewer than 1,000) stay, and the preview says so.
    assert changes(result.updated) == [("44210", JUNE, Figures(900, 700), Figures(1000, 700))]
    assert result.updated[0].kept == ("unique_visitors",)


def test_the_plain_csv_imports_several_communes(world, tmp_path):
    path = write(tmp_path, PLAIN)
    result = plan(world, path)
    assert (result.layout, result.source, result.period) == ("visits CSV", "visits-csv", "month")
    assert result.counts() == {"new": 3, "updated": 0, "unchanged": 1, "rejected": 0, "partial": 0}
    run(world, path)
    assert visits(world) == {
        ("44052", APRIL): (1000, 700, "manual"),
        ("44052", MAY): (1234, None, "visits-csv"),
        ("44210", MAY): (2500, 1800, "visits-csv"),
        ("44210", JUNE): (2600, 1900, "visits-csv"),
    }
    assert audit(world) == [
        ("create", "44052", "2024-05-01", "visits-csv", "import visits"),
        ("create", "44210", "2024-05-01", "visits-csv", "import visits"),
        ("create", "44210", "2024-06-01", "visits-csv", "import visits"),
    ]


GOOD_FILES = {
    "French": (FRENCH, "utf-16", "44052"),
    "raw": (RAW, "utf-8", "44052"),
    "English": (ENGLISH, "utf-8-sig", "44052"),
    "daily": (daily_text(), "utf-16", "44210"),
    "plain": (PLAIN, "utf-8", None),
}


@pytest.mark.parametrize("name", GOOD_FILES)
def test_reimporting_the_same_file_changes_nothing(world, tmp_path, name):
    text, encoding, commune = GOOD_FILES[name]
    path = write(tmp_path, text, encoding)
    run(world, path, commune)
    stored, entries = visits(world), audit(world)
    result = plan(world, path, commune)
    assert result.new == [] and result.updated == []
    summary = run(world, path, commune)
    assert (summary.created, summary.updated, summary.audit_entries) == (0, 0, 0)
    assert visits(world) == stored and audit(world) == entries


def test_reimporting_with_one_month_changed_updates_only_that_month(world, tmp_path):
    run(world, write(tmp_path, FRENCH, "utf-16"), "44052")
    entries = audit(world)
    changed = write(tmp_path, FRENCH.replace("2024-06,1 502", "2024-06,1 520"), "utf-16", "changed.csv")
    result = plan(world, changed, "44052")
    assert changes(result.updated) == [("44052", JUNE, Figures(1502, 990), Figures(1520, 990))]
    assert result.counts() == {"new": 0, "updated": 1, "unchanged": 2, "rejected": 0, "partial": 0}
    run(world, changed, "44052")
    assert visits(world)[("44052", JUNE)] == (1520, 990, "matomo")
    with Session(world) as session:
        update = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert len(audit(world)) == len(entries) + 1
    assert (update.action, update.source) == ("update", "matomo")
    assert (update.before, update.after) == (
        {"visits": 1502, "month": "2024-06-01"},
        {"visits": 1520, "month": "2024-06-01"},
    )


def test_bad_rows_are_rejected_with_their_row_number_and_the_rest_is_imported(world, tmp_path):
    text = (
        "date,nb_visits,nb_uniq_visitors\n"
        "2024-04-01,1010,705\n"  # row 2
        "2024-13-01,5,1\n"  # row 3
        "2024-05-01,12.5,3\n"  # row 4
        "2024-06-01,100,101\n"  # row 5
        "2024-09-01,10,5\n"  # row 6, after June
        "2024-05-01,1234\n"  # row 7
        "2024-05-01,,\n"  # row 8
        "2024-04-01,1,1\n"  # row 9
        "2024-05-01,1234,810\n"  # row 10
    )
    path = write(tmp_path, text)
    result = plan(world, path, "44052")
    assert result.rejected == [
        RejectedRow(3, "date '2024-13-01' is not a day or a month (YYYY-MM-DD or YYYY-MM)"),
        RejectedRow(4, "nb_visits '12.5' is not a whole number from 0 to 10,000,000"),
        RejectedRow(5, "101 unique visitors are more than the 100 visits"),
        RejectedRow(6, "date '2024-09-01' is in a month after today's"),
        RejectedRow(7, "has 2 fields, the header has 3"),
        RejectedRow(8, "nb_visits '' is not a whole number from 0 to 10,000,000"),
        RejectedRow(9, "2024-04-01 is already on row 2"),
    ]
    assert "  row 3: date '2024-13-01' is not a day or a month (YYYY-MM-DD or YYYY-MM)" in result.preview()
    run(world, path, "44052")
    assert visits(world) == {("44052", APRIL): (1010, 705, "matomo"), ("44052", MAY): (1234, 810, "matomo")}


def test_bad_rows_of_the_plain_csv_name_the_commune_problem(world, tmp_path):
    text = (
        "commune,month,visits\n"
        "44052,2024-05,1234\n"  # row 2
        "4X999,2024-05,10\n"  # row 3
        "44184,2024-05,10\n"  # row 4, Saint-Nazaire
        "44052,2024-05-01,1300\n"  # row 5
        "44210,mai 2024,2500\n"  # row 6
        "44210,2024-06,2600\n"  # row 7
    )
    result = plan(world, write(tmp_path, text))
    assert [str(rejected) for rejected in result.rejected] == [
        "row 3: commune '4X999' is not an INSEE commune code",
        "row 4: the commune 44184 is not in the store",
        "row 5: 44052 May 2024 is already on row 2",
        "row 6: month 'mai 2024' is not a day or a month (YYYY-MM-DD or YYYY-MM)",
    ]
    assert changes(result.new) == [
        ("44052", MAY, None, Figures(1234, None)),
        ("44210", JUNE, None, Figures(2600, None)),
    ]


def test_a_short_last_row_ending_with_a_newline_is_only_rejected(world, tmp_path):
    result = plan(
        world,
        write(tmp_path, "date,nb_visits,nb_uniq_visitors\n2024-05-01,1234,810\n2024-06-01,15\n"),
        "44052",
    )
    assert result.rejected == [RejectedRow(3, "has 2 fields, the header has 3")]
    assert changes(result.new) == [("44052", MAY, None, Figures(1234, 810))]


FATAL = [
    (
        "missing visits column",
        "date,nb_uniq_visitors,nb_actions\n2024-05-01,810,3502\n",
        "utf-8",
        "44052",
        "has no visits column",
    ),
    (
        "truncated",
        "date,nb_visits,nb_uniq_visitors\n2024-04-01,1010,705\n2024-05-01,12",
        "utf-8",
        "44052",
        "looks truncated: its last row 3 has 2 of 3 fields",
    ),
    ("no commune", FRENCH, "utf-16", None, "a Matomo export is for one commune: give --commune CODE"),
    ("commune not in the store", FRENCH, "utf-16", "44184", "the commune 44184 is not in the store"),
    ("commune for the plain CSV", PLAIN, "utf-8", "44052", "leave out --commune"),
    ("one period, no date", "nb_visits,nb_uniq_visitors\n1234,810\n", "utf-8", "44052", "has no date column"),
    ("empty", "", "utf-16", "44052", "is empty"),
    ("header only", RAW.splitlines()[0] + "\n", "utf-8", "44052", "has a header but no rows"),
    ("unknown header", "jour;nombre\n2024-05-01;1234\n", "utf-8", "44052", "unknown header"),
]


@pytest.mark.parametrize(
    ("text", "encoding", "commune", "problem"), [case[1:] for case in FATAL], ids=[case[0] for case in FATAL]
)
def test_a_fatal_problem_names_the_file_and_changes_nothing(
    world, tmp_path, capsys, text, encoding, commune, problem
):
    path = write(tmp_path, text, encoding)
    before = dump(world)
    with pytest.raises(ImportFailed) as failed:
        plan(world, path, commune)
    assert str(failed.value).startswith(f"{path}: ") and problem in str(failed.value)
    assert main(["import", "visits", str(path), *(["--commune", commune] if commune else [])]) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"error: {path}: ") and problem in error
    assert dump(world) == before


def test_a_coordinator_cannot_import_another_communes_export(world, tmp_path):
    coordinator = SignedIn(2, "cole", "coordinator", ("44210",), False)
    before = dump(world)
    with pytest.raises(PermissionDenied):
        run(world, write(tmp_path, FRENCH, "utf-16"), "44052", actor=coordinator)
    assert dump(world) == before


def test_a_coordinator_of_one_commune_of_a_plain_csv_imports_none_of_it(world, tmp_path):
    coordinator = SignedIn(2, "cole", "coordinator", ("44052",), False)
    before = dump(world)
    with pytest.raises(PermissionDenied):
        run(world, write(tmp_path, PLAIN), actor=coordinator)
    assert dump(world) == before


def test_the_command_prints_the_preview_then_imports(world, tmp_path, capsys):
    path = write(tmp_path, FRENCH, "utf-16")
    assert main(["import", "visits", str(path), "--commune", "44052", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert f"{path}: Matomo French layout, utf-16, 3 rows" in out
    assert "new: 2, updated: 0, unchanged: 1, rejected: 0" in out and "dry run: nothing written" in out
    assert audit(world) == []
    assert main(["import", "visits", str(path), "--commune", "44052"]) == 0
    assert "imported: 2 months created, 0 updated" in capsys.readouterr().out
    assert visits(world)[("44052", JUNE)] == (1502, 990, "matomo")


def test_progress_reaches_the_end_of_the_file(world, tmp_path):
    seen: list[float] = []
    plan(world, write(tmp_path, daily_text(), "utf-16"), "44210", progress=seen.append)
    assert seen[-1] == 1.0


EMPTY_UNIQUE = {
    # April is stored as 1,000 visits and 700 unique visitors; each file corrects the visits to
    # 1,100 and leaves the unique visitors' cell empty.
    "plain CSV": ("commune,month,visits,unique_visitors\n44052,2024-04,1100,\n", None),
    "Matomo English": ("Date,Visits,Unique visitors,Actions\n2024-04,1100,,3200\n", "44052"),
}


@pytest.mark.parametrize("name", EMPTY_UNIQUE)
def test_an_empty_unique_visitors_cell_keeps_the_stored_figure(world, tmp_path, name):
    text, commune = EMPTY_UNIQUE[name]
    path = write(tmp_path, text)
    result = plan(world, path, commune)
    [change] = result.updated
    assert (change.before, change.after) == (Figures(1000, 700), Figures(1100, 700))
    assert change.kept == ("unique_visitors",)
    assert "  44052 2024-04: 1000 visits, 700 unique -> 1100 visits, 700 unique (kept: unique_visitors)" in (
        result.preview()
    )
    run(world, path, commune)
    assert visits(world)[("44052", APRIL)][:2] == (1100, 700)


def test_an_empty_unique_visitors_cell_under_fewer_visits_than_the_stored_unique_is_rejected(world, tmp_path):
    # April is stored with 700 unique visitors: kept, they would be more than the file's 600 visits.
    path = write(tmp_path, "commune,month,visits,unique_visitors\n44052,2024-04,600,\n44210,2024-05,90,\n")
    result = plan(world, path)
    assert result.rejected == [
        RejectedRow(
            2, "unique_visitors is empty and the stored 700 unique visitors are more than the 600 visits"
        )
    ]
    assert changes(result.new) == [("44210", MAY, None, Figures(90, None))]
    assert result.updated == []
