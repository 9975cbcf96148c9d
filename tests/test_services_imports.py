"""The service functions the import and reconciliation pages write through: a file planned again
and applied in one transaction (all of it, or the rows ticked), any plan applied by its kind, and
the reconciliation's closures and SIRET links."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.builders import add_shop
from tests.test_importers_osm import OVERPASS
from tests.test_importers_sirene import BAKERY, HAIRDRESSER, ROWS, stock_text
from wiker_data.accounts import SignedIn
from wiker_data.importers import ImportActor
from wiker_data.importers.registry import ImportOptions, counts, plan_file, preview_tables
from wiker_data.importers.visits import plan_visits_import
from wiker_data.models import AuditEntry, Base, MonthlyVisits, Shop, StatusEvent
from wiker_data.services import (
    Conflict,
    PermissionDenied,
    ValidationError,
    close_shops,
    link_siret,
    save_visits,
    write_transaction,
)
from wiker_data.services.errors import StoreChanged
from wiker_data.services.imports import apply_plan, import_file

ADMIN = ImportActor("test import")  # an admin without an account
TRIGNAC_COORDINATOR = SignedIn(None, "cole", "coordinator", ("44210",), False)
DONGES = ImportOptions("44052")


@pytest.fixture
def sirene_file(tmp_path):
    path = tmp_path / "StockEtablissement_utf8.csv"
    path.write_text(stock_text(ROWS), encoding="utf-8")
    return path


def rows_of(engine, model) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(model))


def sirets(engine) -> set[str]:
    with Session(engine) as session:
        return set(session.scalars(select(Shop.siret)))


def test_a_file_is_planned_against_the_store_as_it_is_when_applied(donges_trignac, sirene_file):
    with write_transaction(donges_trignac) as session:
        first = import_file(session, ADMIN, "sirene", sirene_file, DONGES)
    with write_transaction(donges_trignac) as session:
        second = import_file(session, ADMIN, "sirene", sirene_file, DONGES)
    assert (first.created, first.updated) == (4, 0)
    assert (second.created, second.updated) == (0, 0)  # planned again: the four shops are there now
    assert rows_of(donges_trignac, Shop) == 4


def test_only_the_rows_ticked_are_applied(donges_trignac, sirene_file):
    with write_transaction(donges_trignac) as session:
        summary = import_file(session, ADMIN, "sirene", sirene_file, DONGES, rows={2})  # row 2: the bakery
    assert summary.created == 1
    assert sirets(donges_trignac) == {BAKERY}


def test_an_import_for_a_commune_the_actor_may_not_edit_writes_nothing(donges_trignac, sirene_file):
    with write_transaction(donges_trignac) as session:
        summary = import_file(session, TRIGNAC_COORDINATOR, "sirene", sirene_file, DONGES)
    assert (summary.created, summary.updated) == (0, 0)  # the 4 shops of Donges are rejected rows
    assert (rows_of(donges_trignac, Shop), rows_of(donges_trignac, AuditEntry)) == (0, 0)


def test_a_visits_plan_is_applied_whole_not_by_rows(donges_trignac, tmp_path):
    path = tmp_path / "visits.csv"
    path.write_text("commune,month,visits\n44052,2024-05,120\n", encoding="utf-8")
    with pytest.raises(TypeError, match="applied whole"), write_transaction(donges_trignac) as session:
        plan = plan_visits_import(session, path, today=dt.date(2024, 6, 20))
        apply_plan(session, plan, ADMIN, rows={2})


def test_a_plan_of_no_importer_is_refused(donges_trignac):
    with pytest.raises(TypeError, match="no way to apply"), write_transaction(donges_trignac) as session:
        apply_plan(session, object(), ADMIN)


def test_closures_are_recorded_together_or_not_at_all(donges_trignac):
    with Session(donges_trignac) as session:
        open_shop = add_shop(session, siret=HAIRDRESSER).id
        closed_shop = add_shop(session, events=(("2010-01-01", "opened"), ("2020-01-01", "closed"))).id
        session.commit()
    events = rows_of(donges_trignac, StatusEvent)
    # The caller goes on after the refusal and commits: the transaction must outlive the error.
    with write_transaction(donges_trignac) as session:  # noqa: SIM117
        with pytest.raises(ValidationError):
            close_shops(
                session, ADMIN, [(open_shop, dt.date(2023, 6, 30)), (closed_shop, dt.date(2023, 6, 30))]
            )
    assert rows_of(donges_trignac, StatusEvent) == events  # the first closure was not kept either
    with write_transaction(donges_trignac) as session:
        assert close_shops(session, ADMIN, [(open_shop, dt.date(2023, 6, 30))]) == 1
    with Session(donges_trignac) as session:
        latest = session.scalars(
            select(StatusEvent).where(StatusEvent.shop_id == open_shop).order_by(StatusEvent.event_date)
        ).all()[-1]
    assert (latest.kind, latest.event_date) == ("closed", dt.date(2023, 6, 30))


def test_a_shop_is_linked_to_its_siret_unless_it_changed_since(donges_trignac):
    with Session(donges_trignac) as session:
        shop = add_shop(session)
        shop_id, version = shop.id, shop.version
        session.commit()
    with write_transaction(donges_trignac) as session:
        link_siret(session, ADMIN, shop_id, version, BAKERY)
    assert sirets(donges_trignac) == {BAKERY}
    with pytest.raises(Conflict), write_transaction(donges_trignac) as session:
        link_siret(session, ADMIN, shop_id, version, HAIRDRESSER)  # the version before the link
    assert sirets(donges_trignac) == {BAKERY}


def test_a_matomo_export_planned_through_the_registry_is_for_the_commune_chosen(donges_trignac, tmp_path):
    """The import page passes the person's choices (ImportOptions) to the Matomo source, whose
    file names no commune: its months are the chosen commune's (two months, 1,000 and 1,234
    visits, worked out from the file below)."""
    path = tmp_path / "export_donges.csv"
    path.write_text("Date,Visites,Visiteurs uniques\n2024-04,1000,700\n2024-05,1 234,810\n", encoding="utf-8")
    with write_transaction(donges_trignac) as session:
        import_file(session, ADMIN, "matomo", path, DONGES)
    with Session(donges_trignac) as session:
        rows = session.execute(
            select(MonthlyVisits.commune_code, MonthlyVisits.month, MonthlyVisits.visits).order_by(
                MonthlyVisits.month
            )
        ).all()
    assert [tuple(row) for row in rows] == [
        ("44052", dt.date(2024, 4, 1), 1000),
        ("44052", dt.date(2024, 5, 1), 1234),
    ]


# The preview is the truth of Apply: rows the actor may not write are rejected in the plan, and a
# plan of a store that changed since is not applied.

DONGES_COORDINATOR = SignedIn(None, "marie", "coordinator", ("44052",), False)
# Rows 2 and 3 are Donges' (Marie's commune), row 4 Trignac's: 2 new, 1 rejected, counted by hand.
VISITS_CSV = (
    "commune,month,visits,unique_visitors\n"
    "44052,2024-04,1000,700\n"
    "44052,2024-05,1100,800\n"
    "44210,2024-05,2500,1800\n"
)


def stored_visits(engine) -> dict[tuple[str, dt.date], int]:
    with Session(engine) as session:
        rows = session.execute(select(MonthlyVisits.commune_code, MonthlyVisits.month, MonthlyVisits.visits))
        return {(code, month): visits for code, month, visits in rows}


def dump(engine) -> dict[str, list[tuple]]:
    with engine.connect() as connection:
        return {
            table.name: sorted((tuple(row) for row in connection.execute(select(table))), key=repr)
            for table in Base.metadata.sorted_tables
        }


def test_a_coordinators_preview_rejects_the_rows_of_other_communes_and_apply_writes_the_rest(
    donges_trignac, tmp_path
):
    path = tmp_path / "visites.csv"
    path.write_text(VISITS_CSV, encoding="utf-8")
    with Session(donges_trignac) as session:
        plan = plan_file(session, "visits_csv", path, ImportOptions(), DONGES_COORDINATOR)
    assert counts(plan) == {"new": 2, "updated": 0, "unchanged": 0, "rejected": 1}
    [rejected] = plan.rejected
    assert (rejected.row, rejected.reason) == (4, "commune 44210: not one of your communes")
    assert preview_tables(plan)["rejected"]["reason"].tolist() == ["commune 44210: not one of your communes"]
    with write_transaction(donges_trignac) as session:
        summary = apply_plan(session, plan, DONGES_COORDINATOR)
    assert (summary.created, summary.updated) == (2, 0)
    assert stored_visits(donges_trignac) == {
        ("44052", dt.date(2024, 4, 1)): 1000,
        ("44052", dt.date(2024, 5, 1)): 1100,
    }


def test_the_service_still_refuses_a_plan_made_for_someone_with_more_rights(donges_trignac, tmp_path):
    path = tmp_path / "visites.csv"
    path.write_text(VISITS_CSV, encoding="utf-8")
    with Session(donges_trignac) as session:
        plan = plan_file(session, "visits_csv", path, ImportOptions(), ADMIN)
    assert counts(plan)["rejected"] == 0
    with pytest.raises(PermissionDenied), write_transaction(donges_trignac) as session:
        apply_plan(session, plan, DONGES_COORDINATOR)
    assert stored_visits(donges_trignac) == {}


def _concurrent_change(engine) -> None:
    """Someone else saves Trignac's June 2024 (an audited change) between the preview and Apply."""
    with write_transaction(engine) as session:
        save_visits(session, ADMIN, "44210", [{"month": dt.date(2024, 6, 1), "visits": 10}])


POPULATION_FILE = (
    "REG;Région;DEP;CODARR;CODCAN;CODCOM;COM;Commune;PMUN;PCAP;PTOT\r\n"
    "52;Pays de la Loire;44;3;27;052;44052;Donges;8219;79;8298\r\n"
)
PLANNED = {
    # source: (file name, text, options)
    "visits_csv": ("visites.csv", VISITS_CSV, ImportOptions()),
    "matomo": ("export.csv", "Date,Visites,Visiteurs uniques\n2024-04,1000,700\n", DONGES),
    "population": ("donnees_communes.csv", POPULATION_FILE, ImportOptions(year=2023)),
    "sirene": ("StockEtablissement_utf8.csv", stock_text(ROWS), DONGES),
    "osm": ("export.geojson", json.dumps(OVERPASS), DONGES),
}


@pytest.mark.parametrize("source", PLANNED)
def test_a_plan_of_a_store_changed_since_the_preview_writes_nothing(donges_trignac, tmp_path, source):
    name, text, options = PLANNED[source]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with Session(donges_trignac) as session:
        plan = plan_file(session, source, path, options, ADMIN)
    assert counts(plan)["new"] + counts(plan)["updated"] > 0
    _concurrent_change(donges_trignac)
    before = dump(donges_trignac)
    with pytest.raises(StoreChanged), write_transaction(donges_trignac) as session:
        apply_plan(session, plan, ADMIN)
    assert dump(donges_trignac) == before


def test_import_file_refuses_when_the_store_changed_since_the_revision_previewed(donges_trignac, sirene_file):
    with Session(donges_trignac) as session:
        previewed = plan_file(session, "sirene", sirene_file, DONGES, ADMIN).revision
    _concurrent_change(donges_trignac)
    with pytest.raises(StoreChanged), write_transaction(donges_trignac) as session:
        import_file(session, ADMIN, "sirene", sirene_file, DONGES, revision=previewed)
    assert rows_of(donges_trignac, Shop) == 0
