"""A shop first *recorded* (OpenStreetMap: open, opening unknown) whose opening a later SIRENE import
tells: the creation date, on or before the recording, replaces the recording, planned, previewed,
applied in the same transaction, audited and undoable. An opening already known is never replaced.

Donges (44052) joined in 2019. The OpenStreetMap export is dated 2026-11-20: its shops are recorded
open then. The SIRENE stock (INSEE's StockEtablissement layout, `,`-separated UTF-8) is read on
2026-11-26.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.builders import add_commune, add_shop
from wiker_data.importers import ImportActor
from wiker_data.importers.osm import plan_osm_import
from wiker_data.importers.registry import preview_tables
from wiker_data.importers.sirene import plan_sirene_import
from wiker_data.importers.sirene_layout import STOCK_COLUMNS
from wiker_data.models import AuditEntry, Shop
from wiker_data.report.figures import build_report
from wiker_data.services import write_transaction
from wiker_data.services.imports import apply_shop_plan
from wiker_data.services.undo import undo

DONGES = "44052"
CENTRE = (47.318844, -2.074571)
EXPORTED = dt.date(2026, 11, 20)
SIRENE_TODAY = dt.date(2026, 11, 26)
SIRET = "44312345600016"  # 443123456 0001 6: passes Luhn's check, as ref:FR:SIRET must
BARS = ["Le Narval", "Le Balto", "Le Celtic"]


@pytest.fixture
def donges(engine):
    with Session(engine) as session:
        add_commune(session, DONGES, "Donges")
        session.commit()
    return engine


def feature(number: int, name: str, **tags: str) -> dict:
    """Return an overpass-turbo feature: a bar of Donges, 0.0003° of longitude (about 23 m) apart."""
    osm_id = f"node/{2_000_000 + number}"
    properties = {
        "@id": osm_id,
        "amenity": "restaurant",
        "name": name,
        "addr:housenumber": str(number + 1),
        "addr:street": "Rue de la Gare",
        "addr:postcode": "44480",
        "addr:city": "Donges",
        **tags,
    }
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": {"type": "Point", "coordinates": [CENTRE[1] + 0.0003 * number, CENTRE[0]]},
        "id": osm_id,
    }


def import_osm(engine, tmp_path) -> None:
    features = [
        feature(n, name, **({"ref:FR:SIRET": SIRET} if n == 0 else {})) for n, name in enumerate(BARS)
    ]
    content = {
        "type": "FeatureCollection",
        "generator": "overpass-turbo",
        "copyright": "The data included in this document is from www.openstreetmap.org. "
        "The data is made available under ODbL.",
        "timestamp": f"{EXPORTED.isoformat()}T08:41:02Z",
        "features": features,
    }
    path = tmp_path / "export.geojson"
    path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    with write_transaction(engine) as session:
        apply_shop_plan(session, plan_osm_import(session, path, DONGES, today=EXPORTED), ImportActor("osm"))


def sirene_file(tmp_path, created: str, siret: str = SIRET, state: str = "A", start: str = ""):
    row = {
        "siren": siret[:9],
        "nic": siret[9:],
        "siret": siret,
        "statutDiffusionEtablissement": "O",
        "dateCreationEtablissement": created,
        "codeCommuneEtablissement": DONGES,
        "dateDebut": start or created,
        "etatAdministratifEtablissement": state,
        "activitePrincipaleEtablissement": "56.10A",
        "nomenclatureActivitePrincipaleEtablissement": "NAFRev2",
        "enseigne1Etablissement": "LE NARVAL",
    }
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, STOCK_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerow({column: row.get(column, "") for column in STOCK_COLUMNS})
    path = tmp_path / "StockEtablissement_utf8.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def events_of(engine, name: str) -> list[tuple[str, str, str]]:
    with Session(engine) as session:
        shop = session.scalars(select(Shop).where(Shop.name == name)).one()
        return [(e.kind, e.event_date.isoformat(), e.source) for e in shop.events]


def test_a_sirene_creation_date_replaces_an_osm_recording(donges, tmp_path):
    import_osm(donges, tmp_path)
    with Session(donges) as session:
        before = build_report(session, DONGES, dt.date(2026, 12, 1))
    # 3 recorded on 2026-11-20: open, not openings
    assert (before["shops_open"], before["openings_last_12_months"], before["net_change_last_12_months"]) == (
        3,
        0,
        0,
    )
    with write_transaction(donges) as session:
        plan = plan_sirene_import(session, sirene_file(tmp_path, "2026-03-01"), today=SIRENE_TODAY)
        [change] = plan.updated
        assert change.replaced == (("recorded", EXPORTED), ("opened", dt.date(2026, 3, 1)))
        assert change.events == ()  # the opening replaces the recording; nothing is added
        assert "  row 2 Le Narval: recorded on 2026-11-20 becomes opened on 2026-03-01" in plan.preview()
        assert preview_tables(plan)["updated"]["replaced"].tolist() == [
            (("recorded", EXPORTED), ("opened", dt.date(2026, 3, 1)))
        ]
        summary = apply_shop_plan(session, plan, ImportActor("sirene"))
    assert summary.replaced == 1
    assert events_of(donges, "Le Narval") == [("opened", "2026-03-01", "sirene")]
    with Session(donges) as session:
        report = build_report(session, DONGES, dt.date(2026, 12, 1))
    # the last 12 months run from 2025-12-02 to 2026-12-01: Le Narval's opening (2026-03-01) is in
    # them, the other two are still recorded; no closure, so the net change is 1 - 0
    assert (report["shops_open"], report["openings_last_12_months"], report["net_change_last_12_months"]) == (
        3,
        1,
        1,
    )


def test_the_replacement_is_audited_and_undone_from_the_history(donges, tmp_path):
    import_osm(donges, tmp_path)
    with write_transaction(donges) as session:
        plan = plan_sirene_import(session, sirene_file(tmp_path, "2026-03-01"), today=SIRENE_TODAY)
        apply_shop_plan(session, plan, ImportActor("sirene"))
    with Session(donges) as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "status_event", AuditEntry.action == "update")
        ).one()
        assert (entry.source, entry.before, entry.after) == (
            "sirene",
            {"shop_id": 1, "kind": "recorded", "event_date": "2026-11-20", "source": "osm"},
            {"shop_id": 1, "kind": "opened", "event_date": "2026-03-01", "source": "sirene"},
        )
    with write_transaction(donges) as session:
        undo(session, ImportActor("admin"), entry.id)
    assert events_of(donges, "Le Narval") == [("recorded", "2026-11-20", "osm")]


def test_a_creation_after_the_recording_leaves_it(donges, tmp_path):
    import_osm(donges, tmp_path)
    with Session(donges) as session:  # created 2026-11-25, after OSM showed it open on 2026-11-20
        plan = plan_sirene_import(session, sirene_file(tmp_path, "2026-11-25"), today=SIRENE_TODAY)
    # nothing else changes: the shop stays as it is, recorded on 2026-11-20
    assert (plan.updated, plan.unchanged) == ([], 1)


def test_a_persons_recording_is_replaced_but_an_opening_never(donges, tmp_path):
    with Session(donges) as session:
        # a coordinator recorded one (opening unknown) and opened the other on the day they knew
        add_shop(session, name="Le Narval", siret=SIRET, events=(("2026-10-01", "recorded"),))
        add_shop(session, name="Le Balto", siret="44312345600024", events=(("2026-10-01", "opened"),))
        session.commit()
    with Session(donges) as session:
        narval = plan_sirene_import(session, sirene_file(tmp_path, "2026-03-01"), today=SIRENE_TODAY)
        balto = plan_sirene_import(
            session, sirene_file(tmp_path, "2026-03-01", "44312345600024"), today=SIRENE_TODAY
        )
    # better knowledge than "opening unknown": the creation date replaces the recording...
    assert [change.replaced for change in narval.updated] == [
        (("recorded", dt.date(2026, 10, 1)), ("opened", dt.date(2026, 3, 1)))
    ]
    # ... but an opening a person entered stands, whatever SIRENE says
    assert [(change.replaced, change.events) for change in balto.updated] == [(None, ())]


def test_a_closed_establishment_opens_then_closes_the_recorded_shop(donges, tmp_path):
    import_osm(donges, tmp_path)
    path = sirene_file(tmp_path, "2026-03-01", state="F", start="2026-11-24")  # closed since 2026-11-24
    with write_transaction(donges) as session:
        plan = plan_sirene_import(session, path, today=SIRENE_TODAY)
        apply_shop_plan(session, plan, ImportActor("sirene"))
    assert events_of(donges, "Le Narval") == [
        ("opened", "2026-03-01", "sirene"),
        ("closed", "2026-11-24", "sirene"),
    ]
    with Session(donges) as session:
        report = build_report(session, DONGES, dt.date(2026, 12, 1))
    # 2 still open (the other two, recorded); 1 opening and 1 closure in the last 12 months: net 0
    assert (report["shops_open"], report["openings_last_12_months"], report["net_change_last_12_months"]) == (
        2,
        1,
        0,
    )
