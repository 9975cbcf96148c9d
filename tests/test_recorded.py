"""A shop a source shows existing on a date is *recorded* then: it counts as open from that date,
never as an opening. The issue's case end to end: 17 long-established restaurants of Nancy from an
overpass-turbo GeoJSON export, then the commune's council report figures.

Nancy (54395) joined the network on 2026-09-01. The export is dated 2026-11-28; the report is
as of 2026-12-02 (TODAY), so the last 12 months run from 2025-12-03 to 2026-12-02.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pandas as pd
import pytest
from pypdf import PdfReader
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.builders import add_commune, add_shop
from wiker_data.charts.activity import open_shops_chart
from wiker_data.exports import shops_export
from wiker_data.importers import ImportActor
from wiker_data.importers.osm import plan_osm_import
from wiker_data.importers.sirene import plan_sirene_import
from wiker_data.importers.sirene_layout import STOCK_COLUMNS
from wiker_data.models import Shop
from wiker_data.queries.activity import activity
from wiker_data.queries.overview import commune_kpis, overview
from wiker_data.queries.presence import checklist
from wiker_data.queries.shops import shops_for_map
from wiker_data.queries.vitality import closure_warnings, vitality_columns
from wiker_data.report.figures import build_report
from wiker_data.report.pdf import report_pdf
from wiker_data.services import write_transaction
from wiker_data.services.imports import apply_shop_plan

TODAY = dt.date(2026, 12, 2)
EXPORTED = dt.date(2026, 11, 28)  # the export's "timestamp"
NANCY = "54395"
CENTRE = (48.6937, 6.1834)  # Place Stanislas
RESTAURANTS = [
    "Le Capucin Gourmand",
    "Brasserie Excelsior",
    "Le Bouche à Oreille",
    "À la Table du Bon Roi Stanislas",
    "Le Grenier à Sel",
    "La Maison dans le Parc",
    "Les Pissenlits",
    "Le Foy",
    "La Toq'",
    "Chez Tanésy",
    "Le Vaudémont",
    "La Gentilhommière",
    "Le Comptoir du Marché",
    "L'Institut",
    "Le Bistroquet",
    "La Cave du Roy",
    "Le P'tit Cuny",
]
STREETS = ["Grande Rue", "Rue des Maréchaux", "Rue Stanislas", "Rue Saint-Dizier", "Place Saint-Epvre"]


@pytest.fixture
def nancy(engine):
    with Session(engine) as session:
        add_commune(
            session,
            NANCY,
            "Nancy",
            postal_code="54000",
            departement="54",
            population=104_592,
            latitude=CENTRE[0],
            longitude=CENTRE[1],
            joined_on=dt.date(2026, 9, 1),
        )
        session.commit()
    return engine


def restaurant(number: int, name: str, **extra: str) -> dict:
    """Return an overpass-turbo feature: a node near Place Stanislas, 0.0003° (about 33 m) apart."""
    osm_id = f"node/{1_000_000 + number}"
    tags = {
        "amenity": "restaurant",
        "name": name,
        "addr:housenumber": str(number + 1),
        "addr:street": STREETS[number % len(STREETS)],
        "addr:postcode": "54000",
        "addr:city": "Nancy",
        "cuisine": "french",
    }
    if number % 3 == 0:  # 6 of the 17 were surveyed in 2024: a survey is not an opening
        tags["check_date"] = f"2024-0{number % 9 + 1}-15"
    return {
        "type": "Feature",
        "properties": {"@id": osm_id, **tags, **extra},
        "geometry": {"type": "Point", "coordinates": [CENTRE[1] + 0.0003 * number, CENTRE[0]]},
        "id": osm_id,
    }


def export(*features: dict) -> dict:
    return {
        "type": "FeatureCollection",
        "generator": "overpass-turbo",
        "copyright": "The data included in this document is from www.openstreetmap.org. "
        "The data is made available under ODbL.",
        "timestamp": f"{EXPORTED.isoformat()}T09:12:44Z",
        "features": list(features),
    }


def import_and_report(engine, tmp_path, content: dict) -> dict:
    path = tmp_path / "export.geojson"
    path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    with write_transaction(engine) as session:
        apply_shop_plan(session, plan_osm_import(session, path, NANCY, today=TODAY), ImportActor("test"))
    with Session(engine) as session:
        return build_report(session, NANCY, TODAY)


def test_seventeen_long_established_restaurants_are_open_without_an_opening(nancy, tmp_path):
    features = [restaurant(n, name) for n, name in enumerate(RESTAURANTS)]
    report = import_and_report(nancy, tmp_path, export(*features))
    # 17 restaurants, each recorded open on the export's date: open, but not one opening.
    assert report["shops_open"] == 17
    assert report["openings_last_12_months"] == 0
    assert report["reopenings_last_12_months"] == 0
    assert report["net_change_last_12_months"] == 0
    year = report["yearly"][-1]
    assert (year["year"], year["openings"], year["net_change"]) == (2026, 0, 0)
    assert year["shops_open_at_year_end"] == 17
    assert year["recorded"] == 17  # the jump of the stock, explained
    with Session(nancy) as session:
        kinds = {(e.kind, e.event_date) for shop in session.scalars(select(Shop)) for e in shop.events}
    assert kinds == {("recorded", EXPORTED)}  # never the 2024 check_date


def test_a_start_date_is_a_real_opening(nancy, tmp_path):
    features = [restaurant(n, name) for n, name in enumerate(RESTAURANTS)]
    features.append(restaurant(17, "Le Nouveau Bistrot", start_date="2026-05-01"))
    report = import_and_report(nancy, tmp_path, export(*features))
    # 17 recorded + 1 opened on 2026-05-01 (within the last 12 months): 18 open, 1 opening, +1.
    assert report["shops_open"] == 18
    assert report["openings_last_12_months"] == 1
    assert report["net_change_last_12_months"] == 1


# The figures of every page over a small hand-made store with recorded shops.
#
# Donges (44052, joined 2019, 10 shop units), as of 2024-12-31 (window 2024-01-01 .. 2024-12-31):
#   old            opened 2010                           open
#   new            opened 2024-03-01                     opening, open
#   rec_a, rec_b   recorded 2024-06-01 (an import)       open, no opening
#   rec_closed     recorded 2024-02-01, closed 2024-10-01
#                                                        closure, not open
#   => open 4, openings 1, closures 1, reopenings 0, net change 1 - 1 = 0; recorded 3;
#      vacancy (10 - 4) / 10 = 0.6; open at the end of 2023: old only.

AS_OF = dt.date(2024, 12, 31)


@pytest.fixture
def recorded_store(engine):
    with Session(engine) as session:
        add_commune(session, "44052", "Donges", shop_units=10)
        add_shop(session, name="old", events=(("2010-01-01", "opened"),), website="https://old.fr")
        add_shop(session, name="new", events=(("2024-03-01", "opened"),))
        add_shop(session, name="rec_a", events=(("2024-06-01", "recorded"),), website="https://a.fr")
        add_shop(session, name="rec_b", events=(("2024-06-01", "recorded"),))
        add_shop(session, name="rec_closed", events=(("2024-02-01", "recorded"), ("2024-10-01", "closed")))
        session.commit()
    with Session(engine) as session:
        yield session


def test_recorded_shops_are_open_on_the_overview_but_not_openings(recorded_store):
    kpis = overview(recorded_store, AS_OF, "44052")
    assert (kpis.shops_open, kpis.shops_online) == (4, 2)  # old, new, rec_a, rec_b; online: old, rec_a
    assert (kpis.openings, kpis.closures, kpis.reopenings, kpis.net_change) == (1, 1, 0, 0)


def test_recorded_shops_count_in_the_stock_and_are_counted_apart(recorded_store):
    series = activity(recorded_store, dt.date(2023, 1, 1), AS_OF, "year", "44052").set_index("period")
    year = series.loc[dt.date(2024, 1, 1)]
    assert (year["openings"], year["closures"], year["reopenings"], year["net_change"]) == (1, 1, 0, 0)
    assert year["recorded"] == 3
    assert (series.loc[dt.date(2023, 1, 1), "shops_open"], year["shops_open"]) == (1, 4)
    monthly = activity(recorded_store, dt.date(2024, 1, 1), AS_OF, "month", "44052").set_index("period")
    # the stock: 1 until January, +1 recorded in February, +1 opened in March, +2 recorded in June,
    # -1 closed in October
    assert monthly["shops_open"].tolist() == [1, 2, 3, 3, 3, 5, 5, 5, 5, 4, 4, 4]
    assert monthly["recorded"].tolist() == [0, 1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0]


def test_recorded_shops_are_open_on_the_map_exports_presence_and_vacancy(recorded_store):
    status = shops_for_map(recorded_store, AS_OF, "44052").set_index("name")["status"]
    assert status.to_dict() == {
        "new": "open",
        "old": "open",
        "rec_a": "open",
        "rec_b": "open",
        "rec_closed": "closed",
    }
    exported = shops_export(recorded_store, AS_OF, "44052").set_index("name")["status"]
    assert exported["rec_a"] == "open"
    assert sorted(checklist(recorded_store, AS_OF, "44052")["name"]) == ["new", "old", "rec_a", "rec_b"]
    kpis = vitality_columns(commune_kpis(recorded_store, AS_OF, "44052"), pd.Series({"44052": 10}))
    assert kpis.loc[0, "vacancy_rate"] == pytest.approx(0.6)  # (10 - 4) / 10


def test_recordings_are_never_openings_in_the_early_warning(recorded_store):
    add_shop(recorded_store, name="rec_late", events=(("2024-11-01", "recorded"),))
    add_shop(recorded_store, name="rec_late_2", events=(("2024-11-02", "recorded"),))
    recorded_store.commit()
    # last 6 months: closures 1 (rec_closed), openings 0 (two recordings are not openings);
    # the 6 months before: no closure => flagged
    [flagged] = closure_warnings(recorded_store, AS_OF, "44052")
    assert (flagged.closures, flagged.openings, flagged.previous_closures) == (1, 0, 0)


# OpenStreetMap: only start_date / opening_date is an opening.


def plan_one(engine, tmp_path, content: dict):
    path = tmp_path / "one.json"
    path.write_text(json.dumps(content), encoding="utf-8")
    with Session(engine) as session:
        return plan_osm_import(session, path, NANCY, today=TODAY)


@pytest.mark.parametrize(
    ("tags", "event", "noted"),
    [
        ({"start_date": "2026-05-01"}, ("opened", dt.date(2026, 5, 1)), None),
        ({"start_date": "2019-03"}, ("opened", dt.date(2019, 3, 1)), "start_date '2019-03' gives no day"),
        ({"start_date": "1987"}, ("opened", dt.date(1987, 1, 1)), "start_date '1987' gives no day"),
        ({"opening_date": "2020-09-15"}, ("opened", dt.date(2020, 9, 15)), None),
        ({"start_date": "~1990"}, ("recorded", EXPORTED), "start_date '~1990' is not a date"),
        ({"start_date": "before 2000"}, ("recorded", EXPORTED), "start_date 'before 2000' is not a date"),
        ({"start_date": "2027-01-01"}, ("recorded", EXPORTED), "start_date 2027-01-01 is in the future"),
        ({"check_date": "2024-03-15"}, ("recorded", EXPORTED), None),  # a survey is no opening
        ({"survey:date": "2023-07-01"}, ("recorded", EXPORTED), None),
        ({}, ("recorded", EXPORTED), None),
    ],
)
def test_only_a_start_date_makes_an_opening(nancy, tmp_path, tags, event, noted):
    planned = plan_one(nancy, tmp_path, export(restaurant(1, "Le Foy", **tags)))
    [new] = planned.new
    assert new.events == (event,)
    notes = [row.reason for row in planned.notes]
    assert [note.startswith(noted) for note in notes] == ([True] if noted else [])


def test_an_overpass_answer_is_recorded_on_its_osm_base_timestamp(nancy, tmp_path):
    answer = {
        "version": 0.6,
        "generator": "Overpass API 0.7.62.1 084b4234",
        "osm3s": {"timestamp_osm_base": "2026-10-04T18:20:11Z", "copyright": "ODbL"},
        "elements": [
            {
                "type": "way",
                "id": 4242,
                "center": {"lat": CENTRE[0], "lon": CENTRE[1]},
                "nodes": [1, 2, 3, 1],
                "tags": {"amenity": "restaurant", "name": "Le Grenier à Sel", "check_date": "2025-02-01"},
            }
        ],
    }
    [new] = plan_one(nancy, tmp_path, answer).new
    assert new.events == (("recorded", dt.date(2026, 10, 4)),)


# SIRENE: an unknown creation date (empty, or the placeholders 1900-01-01 and 0001-01-01) is
# never an opening. The stock file in its published layout (54 columns, comma-separated, UTF-8).

SIRENE_TODAY = dt.date(2026, 11, 26)


def sirene_row(siret: str, created: str, state: str = "A", start: str = "", processed: str = "", **fields):
    return {
        "siren": siret[:9],
        "nic": siret[9:],
        "siret": siret,
        "statutDiffusionEtablissement": "O",
        "dateCreationEtablissement": created,
        "dateDernierTraitementEtablissement": processed,
        "codeCommuneEtablissement": "44052",
        "dateDebut": start,
        "etatAdministratifEtablissement": state,
        "activitePrincipaleEtablissement": "47.26Z",
        "nomenclatureActivitePrincipaleEtablissement": "NAFRev2",
        **fields,
    }


SIRENE_ROWS = [  # rows 2 to 7 of the file
    sirene_row("31234567800012", "1900-01-01", start="2008-01-01", enseigne1Etablissement="TABAC DE LA GARE"),
    sirene_row(
        "31234567800020", "0001-01-01", processed="2025-03-23T10:27:15", enseigne1Etablissement="LE BALTO"
    ),
    sirene_row("31234567800038", "", start="2021-06-01", enseigne1Etablissement="LE NARVAL"),
    sirene_row("31234567800046", "", enseigne1Etablissement="LE CELTIC"),
    sirene_row("31234567800053", "0001-01-01", "F", "2020-01-01", enseigne1Etablissement="LE DIRECT"),
    sirene_row("31234567800061", "2026-02-10", start="2026-02-10", enseigne1Etablissement="LA CIVETTE"),
]


def test_sirene_rows_without_a_creation_date_are_recorded_not_opened(engine, tmp_path):
    with Session(engine) as session:
        add_commune(session, "44052", "Donges")
        session.commit()
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, STOCK_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({column: row.get(column, "") for column in STOCK_COLUMNS} for row in SIRENE_ROWS)
    path = tmp_path / "StockEtablissement_utf8.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    with write_transaction(engine) as session:
        plan = plan_sirene_import(session, path, today=SIRENE_TODAY)
        apply_shop_plan(session, plan, ImportActor("test"))
    assert [note.row for note in plan.notes] == [2, 3, 4, 5]  # each says where its date comes from
    assert plan.skipped == {"closed, creation date unknown": 1}  # Le Direct: nothing to add
    with Session(engine) as session:
        events = {
            shop.name: [(e.kind, e.event_date.isoformat()) for e in shop.events]
            for shop in session.scalars(select(Shop))
        }
        report = build_report(session, "44052", SIRENE_TODAY)
    assert events == {
        "Tabac de la Gare": [("recorded", "2008-01-01")],  # from dateDebut, its current period's start
        "Le Balto": [("recorded", "2025-03-23")],  # from the day INSEE last processed it
        "Le Narval": [("recorded", "2021-06-01")],
        "Le Celtic": [("recorded", SIRENE_TODAY.isoformat())],  # no date at all: from the import
        "La Civette": [("opened", "2026-02-10")],  # a real creation date is an opening
    }
    # 5 open; the only opening of the last 12 months is La Civette's; Le Balto's and Le Celtic's
    # recordings fall in the window but are not openings
    assert (report["shops_open"], report["openings_last_12_months"], report["net_change_last_12_months"]) == (
        5,
        1,
        1,
    )


def test_the_open_shop_chart_marks_the_months_of_recordings(recorded_store):
    series = activity(recorded_store, dt.date(2024, 1, 1), AS_OF, "month", "44052")
    fig = open_shops_chart(series, "month", "fr")
    [marks] = [trace for trace in fig.data if trace.name == "Commerces recensés sans date d'ouverture"]
    # February: rec_closed (the stock then 2); June: rec_a and rec_b (the stock then 5)
    assert list(marks.x) == [1, 5]  # one slot a month from January 2024: February is 1, June 5
    assert list(marks.y) == [2, 5]
    assert list(marks.text) == ["1 commerce recensé", "2 commerces recensés"]
    english = open_shops_chart(series, "month", "en")
    assert [t.name for t in english.data][-1] == "Shops recorded without an opening date"


def test_the_open_shop_chart_has_no_mark_without_recordings(recorded_store):
    series = activity(recorded_store, dt.date(2023, 1, 1), dt.date(2023, 12, 31), "month", "44052")
    assert [trace.name for trace in open_shops_chart(series, "month", "fr").data] == [
        "Ouverts",
        "Fermés temporairement",
    ]


@pytest.mark.parametrize(("lang", "says"), [("fr", "17 sur la période"), ("en", "17 over the period")])
def test_the_council_report_says_how_many_shops_were_recorded(nancy, tmp_path, lang, says):
    features = [restaurant(n, name) for n, name in enumerate(RESTAURANTS)]
    report = import_and_report(nancy, tmp_path, export(*features))
    reader = PdfReader(io.BytesIO(report_pdf(report, lang)))
    assert len(reader.pages) == 1
    assert says in " ".join(reader.pages[0].extract_text().split())


def test_a_survey_after_a_closure_is_no_reopening(nancy, tmp_path):
    # The store closed "Le Foy" on 2026-03-01; OpenStreetMap still shows it, surveyed on 2026-06-01.
    # A survey date is not the day it reopened: the history stays, and the preview says why.
    with Session(nancy) as session:
        add_shop(
            session,
            NANCY,
            events=(("2001-05-01", "opened"), ("2026-03-01", "closed")),
            name="Le Foy",
            category="restaurant",
            osm_id="node/77",
            latitude=CENTRE[0],
            longitude=CENTRE[1],
        )
        session.commit()
    answer = {
        "type": "FeatureCollection",
        "timestamp": "2026-11-28T06:00:00Z",
        "features": [
            {
                "type": "Feature",
                "id": "node/77",
                "properties": {
                    "@id": "node/77",
                    "amenity": "restaurant",
                    "name": "Le Foy",
                    "check_date": "2026-06-01",
                },
                "geometry": {"type": "Point", "coordinates": [CENTRE[1], CENTRE[0]]},
            }
        ],
    }
    planned = plan_one(nancy, tmp_path, answer)
    assert [change.events for change in planned.updated] == []  # no event, no other field: unchanged
    assert planned.unchanged == 1
    [note] = [row.reason for row in planned.notes]
    assert note.startswith("surveyed open on 2026-06-01, after its closure on 2026-03-01: a survey is not")
