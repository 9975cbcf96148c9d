"""The SIRENE stock and history files, written by the tests in the real 54-column layout.

Donges (44052) and Trignac (44210) are in the store; Saint-Nazaire (44184) is not. Positions:
Donges town hall is at Lambert-93 316941 / 6703260, that is 47.3188° N, 2.0746° W.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import zipfile

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.builders import add_shop
from wiker_data.cli.main import main
from wiker_data.importers import ImportActor, ImportFailed
from wiker_data.importers.sirene import display_case, plan_sirene_import
from wiker_data.importers.sirene_history import plan_sirene_history_import
from wiker_data.importers.sirene_layout import GEO_COLUMNS, STOCK_COLUMNS
from wiker_data.models import AuditEntry, Shop, StatusEvent
from wiker_data.services import update_shop, write_transaction
from wiker_data.services.imports import apply_shop_plan

TODAY = dt.date(2026, 11, 26)
ADMIN = ImportActor("test import")
BAKERY = "31234567800012"
HAIRDRESSER = "31234567800020"
IT_FIRM = "31234567800038"
OLD_BAKERY = "31234567800046"
HIDDEN = "31234567800053"
UNDATED = "31234567800061"
BAD_DATE = "31234567800079"
NAZAIRE = "31234567800087"
TRIGNAC_FLORIST = "41234567800015"


def establishment(siret: str, **fields: str) -> dict[str, str]:
    """Return a row of the stock file: the given fields, the others empty."""
    return {
        "siren": siret[:9],
        "nic": siret[9:],
        "siret": siret,
        "statutDiffusionEtablissement": "O",
    } | fields


ROWS = [
    establishment(  # row 2: active bakery, positioned at the town hall
        BAKERY,
        dateCreationEtablissement="2015-03-02",
        numeroVoieEtablissement="12",
        indiceRepetitionEtablissement="B",
        typeVoieEtablissement="RUE",
        libelleVoieEtablissement="DE LA PAIX",
        codePostalEtablissement="44480",
        libelleCommuneEtablissement="DONGES",
        codeCommuneEtablissement="44052",
        coordonneeLambertAbscisseEtablissement="316941.0",
        coordonneeLambertOrdonneeEtablissement="6703260.0",
        dateDebut="2015-03-02",
        etatAdministratifEtablissement="A",
        enseigne1Etablissement="BOULANGERIE DU PORT",
        activitePrincipaleEtablissement="10.71C",
        nomenclatureActivitePrincipaleEtablissement="NAFRev2",
    ),
    establishment(  # row 3: hairdresser closed on 2023-06-30, code without its dot, usual name
        HAIRDRESSER,
        dateCreationEtablissement="2010-09-01",
        typeVoieEtablissement="PL",
        libelleVoieEtablissement="DE L'EGLISE",
        codeCommuneEtablissement="44052",
        dateDebut="2023-06-30",
        etatAdministratifEtablissement="F",
        denominationUsuelleEtablissement="COIFF'TOUT",
        activitePrincipaleEtablissement="9602A",
        nomenclatureActivitePrincipaleEtablissement="NAFRev2",
    ),
    establishment(  # row 4: not a shop (computer programming)
        IT_FIRM,
        dateCreationEtablissement="2018-01-01",
        codeCommuneEtablissement="44052",
        dateDebut="2018-01-01",
        etatAdministratifEtablissement="A",
        enseigne1Etablissement="INFO 44",
        activitePrincipaleEtablissement="62.01Z",
        nomenclatureActivitePrincipaleEtablissement="NAFRev2",
    ),
    establishment(  # row 5: a bakery closed in 2003, coded in NAF rév. 1 (15.8C): not mapped
        OLD_BAKERY,
        dateCreationEtablissement="1990-05-01",
        codeCommuneEtablissement="44052",
        dateDebut="2003-01-01",
        etatAdministratifEtablissement="F",
        enseigne1Etablissement="AU BON PAIN",
        activitePrincipaleEtablissement="15.8C",
        nomenclatureActivitePrincipaleEtablissement="NAFRev1",
    ),
    establishment(  # row 6: partly published: names, address and position are [ND]
        HIDDEN,
        statutDiffusionEtablissement="P",
        dateCreationEtablissement="2019-04-01",
        numeroVoieEtablissement="[ND]",
        typeVoieEtablissement="[ND]",
        libelleVoieEtablissement="[ND]",
        codeCommuneEtablissement="44052",
        coordonneeLambertAbscisseEtablissement="[ND]",
        coordonneeLambertOrdonneeEtablissement="[ND]",
        dateDebut="2019-04-01",
        etatAdministratifEtablissement="A",
        enseigne1Etablissement="[ND]",
        denominationUsuelleEtablissement="[ND]",
        activitePrincipaleEtablissement="47.71Z",
        nomenclatureActivitePrincipaleEtablissement="NAFRev2",
    ),
    establishment(  # row 7: creation date unknown (1900-01-01): recorded open from its period's start
        UNDATED,
        dateCreationEtablissement="1900-01-01",
        codeCommuneEtablissement="44052",
        dateDebut="2008-01-01",
        etatAdministratifEtablissement="A",
        enseigne1Etablissement="Tabac de la Gare",
        activitePrincipaleEtablissement="47.26Z",
        nomenclatureActivitePrincipaleEtablissement="NAFRev2",
    ),
    establishment(  # row 8: a bad date: rejected, the rest imported
        BAD_DATE,
        dateCreationEtablissement="2019-13-45",
        codeCommuneEtablissement="44052",
        dateDebut="2019-01-01",
        etatAdministratifEtablissement="A",
        enseigne1Etablissement="LE FOURNIL",
        activitePrincipaleEtablissement="10.71C",
        nomenclatureActivitePrincipaleEtablissement="NAFRev2",
    ),
    establishment(  # row 9: Saint-Nazaire, not in the store: out of the default scope
        NAZAIRE,
        dateCreationEtablissement="2012-02-01",
        codeCommuneEtablissement="44184",
        dateDebut="2012-02-01",
        etatAdministratifEtablissement="A",
        enseigne1Etablissement="LIBRAIRIE DU PORT",
        activitePrincipaleEtablissement="47.61Z",
        nomenclatureActivitePrincipaleEtablissement="NAFRev2",
    ),
]


def stock_text(rows: list[dict[str, str]], columns: tuple[str, ...] = STOCK_COLUMNS) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows({column: row.get(column, "") for column in columns} for row in rows)
    return buffer.getvalue()


def write(tmp_path, text: str, name: str = "StockEtablissement_utf8.csv", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def zipped(tmp_path, text: str):
    path = tmp_path / "StockEtablissement_utf8.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("StockEtablissement_utf8.csv", text)
    return path


def run_import(engine, path, **options):
    with write_transaction(engine) as session:
        plan = plan_sirene_import(session, path, today=TODAY, **options)
        summary = apply_shop_plan(session, plan, ADMIN)
    return plan, summary


def shops_and_events(engine) -> dict[str, tuple]:
    """Return, by SIRET: name, category, address, position rounded to 4 decimals, and events."""
    with Session(engine) as session:
        result = {}
        for shop in session.scalars(select(Shop)):
            position = None if shop.latitude is None else (round(shop.latitude, 4), round(shop.longitude, 4))
            events = [(event.kind, event.event_date.isoformat()) for event in shop.events]
            result[shop.siret] = (shop.name, shop.category, shop.address, position, events)
        return result


def counts(engine) -> tuple[int, int, int]:
    with Session(engine) as session:
        return tuple(
            session.scalar(select(func.count()).select_from(model))
            for model in (Shop, StatusEvent, AuditEntry)
        )


EXPECTED = {
    BAKERY: (
        "Boulangerie du Port",
        "bakery",
        "12 bis rue de la Paix",
        (47.3188, -2.0746),
        [("opened", "2015-03-02")],
    ),
    HAIRDRESSER: (
        "Coiff'tout",
        "hairdresser",
        "place de l'Eglise",
        None,
        [("opened", "2010-09-01"), ("closed", "2023-06-30")],
    ),
    HIDDEN: (f"Vêtements {HIDDEN}", "clothing", None, None, [("opened", "2019-04-01")]),
    # creation date unknown: recorded open from dateDebut, not opened
    UNDATED: ("Tabac de la Gare", "tobacco", None, None, [("recorded", "2008-01-01")]),
}


@pytest.mark.parametrize("packing", ["plain", "zip"])
def test_stock_file_builds_the_directory_of_the_communes_of_the_store(donges_trignac, tmp_path, packing):
    text = stock_text(ROWS)
    path = write(tmp_path, text) if packing == "plain" else zipped(tmp_path, text)
    plan, summary = run_import(donges_trignac, path)
    assert shops_and_events(donges_trignac) == EXPECTED
    assert (summary.created, summary.events) == (4, 5)
    assert plan.rows == 8
    assert [(row.row, "dateCreationEtablissement '2019-13-45'" in row.reason) for row in plan.rejected] == [
        (8, True)
    ]
    # the IT firm and the NAF rév. 1 bakery; Saint-Nazaire is outside the default scope
    assert plan.skipped == {"not a shop of the directory (NAF rév. 2)": 2}
    assert [note.row for note in plan.notes] == [6, 7]  # named after its category; recorded from dateDebut


def test_every_imported_change_is_audited_with_its_source(donges_trignac, tmp_path):
    run_import(donges_trignac, write(tmp_path, stock_text(ROWS)))
    with Session(donges_trignac) as session:
        entries = session.execute(select(AuditEntry.entity, AuditEntry.source, AuditEntry.actor)).all()
    assert sorted(entries) == sorted(
        [("shop", "sirene", "test import")] * 4 + [("status_event", "sirene", "test import")] * 5
    )


def test_reimporting_the_same_file_changes_nothing(donges_trignac, tmp_path):
    path = write(tmp_path, stock_text(ROWS))
    run_import(donges_trignac, path)
    before = counts(donges_trignac)
    plan, _ = run_import(donges_trignac, path)
    assert plan.counts()["new"] == plan.counts()["updated"] == 0
    assert plan.unchanged == 4
    assert counts(donges_trignac) == before


def test_a_newer_file_closes_reopens_and_renames_by_siret(donges_trignac, tmp_path):
    run_import(donges_trignac, write(tmp_path, stock_text(ROWS)))
    newer = [dict(row) for row in ROWS]
    newer[0].update(etatAdministratifEtablissement="F", dateDebut="2025-05-31")  # the bakery closes
    newer[1].update(etatAdministratifEtablissement="A", dateDebut="2024-02-01")  # the hairdresser reopens
    newer[5].update(enseigne1Etablissement="TABAC PRESSE DE LA GARE")
    _, summary = run_import(donges_trignac, write(tmp_path, stock_text(newer), name="newer.csv"))
    assert (summary.created, summary.updated, summary.events) == (0, 3, 2)
    shops = shops_and_events(donges_trignac)
    assert shops[BAKERY][4] == [("opened", "2015-03-02"), ("closed", "2025-05-31")]
    assert shops[HAIRDRESSER][4] == [
        ("opened", "2010-09-01"),
        ("closed", "2023-06-30"),
        ("reopened", "2024-02-01"),
    ]
    assert shops[UNDATED][0] == "Tabac Presse de la Gare"
    assert len(shops) == 4  # updated by SIRET, never duplicated


def test_a_name_a_coordinator_corrected_survives_a_reimport(donges_trignac, tmp_path):
    path = write(tmp_path, stock_text(ROWS))
    run_import(donges_trignac, path)
    with write_transaction(donges_trignac) as session:
        shop = session.scalar(select(Shop).where(Shop.siret == BAKERY))
        update_shop(session, ADMIN, shop.id, shop.version, {"name": "Boulangerie du Port (chez Marie)"})
    renamed = [dict(row) for row in ROWS]
    renamed[0]["enseigne1Etablissement"] = "BOULANGERIE DU PORT SARL"
    plan, _ = run_import(donges_trignac, write(tmp_path, stock_text(renamed), name="renamed.csv"))
    assert plan.updated == [] and plan.unchanged == 4
    assert shops_and_events(donges_trignac)[BAKERY][0] == "Boulangerie du Port (chez Marie)"


def test_scope_by_commune_and_by_departement(donges_trignac, tmp_path):
    path = write(tmp_path, stock_text(ROWS))
    with Session(donges_trignac) as session:
        only_trignac = plan_sirene_import(session, path, communes=["44210"], today=TODAY)
        departement = plan_sirene_import(session, path, departement="44", today=TODAY)
    assert only_trignac.counts() == {"new": 0, "updated": 0, "unchanged": 0, "rejected": 0, "skipped": 0}
    assert departement.skipped == {
        "not a shop of the directory (NAF rév. 2)": 2,
        "commune not in the store": 1,
    }
    assert len(departement.new) == 4


def test_geocoded_file_takes_its_longitude_and_latitude(donges_trignac, tmp_path):
    row = establishment(
        TRIGNAC_FLORIST,
        dateCreationEtablissement="2021-05-03",
        codeCommuneEtablissement="44210",
        coordonneeLambertAbscisseEtablissement="308409.0",  # Trignac town hall: ignored, the geocoded wins
        coordonneeLambertOrdonneeEtablissement="6703704.0",
        dateDebut="2021-05-03",
        etatAdministratifEtablissement="A",
        enseigne1Etablissement="Fleurs de Brière",
        activitePrincipaleEtablissement="47.76Z",
        nomenclatureActivitePrincipaleEtablissement="NAFRev2",
        longitude="-2.1901",
        latitude="47.3170",
    )
    path = tmp_path / "geo_siret_44.csv.gz"
    path.write_bytes(gzip.compress(stock_text([row], STOCK_COLUMNS + GEO_COLUMNS).encode()))
    run_import(donges_trignac, path)
    assert shops_and_events(donges_trignac) == {
        TRIGNAC_FLORIST: ("Fleurs de Brière", "florist", None, (47.317, -2.1901), [("opened", "2021-05-03")])
    }


def test_lambert_position_of_trignac_town_hall(donges_trignac, tmp_path):
    row = dict(ROWS[0], siret=TRIGNAC_FLORIST, codeCommuneEtablissement="44210")
    row.update(
        coordonneeLambertAbscisseEtablissement="308409", coordonneeLambertOrdonneeEtablissement="6703704"
    )
    run_import(donges_trignac, write(tmp_path, stock_text([row])))
    # Trignac town hall, 47.317846° N 2.187667° W (data/communes.csv)
    assert shops_and_events(donges_trignac)[TRIGNAC_FLORIST][3] == (47.3178, -2.1877)


@pytest.mark.parametrize(
    ("broken", "problem"),
    [
        ("missing column", "lacks the column(s) dateDebut"),
        ("truncated", "row 9 has"),
        ("wrong encoding", "cannot be decoded as UTF-8"),
        ("truncated zip", "is not a complete zip archive"),
        ("empty", "is empty"),
    ],
)
def test_a_broken_file_changes_nothing_and_names_the_problem(donges_trignac, tmp_path, broken, problem):
    run_import(donges_trignac, write(tmp_path, stock_text(ROWS[:1]), name="first.csv"))
    before = counts(donges_trignac)
    text = stock_text(ROWS)
    if broken == "missing column":
        path = write(tmp_path, stock_text(ROWS, tuple(c for c in STOCK_COLUMNS if c != "dateDebut")))
    elif broken == "truncated":
        path = write(tmp_path, text[: len(text) - 40])
    elif broken == "wrong encoding":
        path = write(tmp_path, text.replace("Tabac de la Gare", "Tabac de la Gare àé"), encoding="latin-1")
    elif broken == "truncated zip":
        whole = zipped(tmp_path, text).read_bytes()
        path = tmp_path / "cut.zip"
        path.write_bytes(whole[: len(whole) // 2])
    else:
        path = write(tmp_path, "")
    with pytest.raises(ImportFailed) as failed:
        run_import(donges_trignac, path)
    assert str(path) in str(failed.value) and problem in str(failed.value)
    assert counts(donges_trignac) == before


def test_history_file_adds_a_closure_then_a_reopening(donges_trignac, tmp_path):
    run_import(donges_trignac, write(tmp_path, stock_text(ROWS)))
    header = (
        "siren,nic,siret,dateFin,dateDebut,etatAdministratifEtablissement,changementEtatAdministratifEtablissement,"
        "enseigne1Etablissement,enseigne2Etablissement,enseigne3Etablissement,changementEnseigneEtablissement,"
        "denominationUsuelleEtablissement,changementDenominationUsuelleEtablissement,activitePrincipaleEtablissement,"
        "nomenclatureActivitePrincipaleEtablissement,changementActivitePrincipaleEtablissement,"
        "caractereEmployeurEtablissement,changementCaractereEmployeurEtablissement\n"
    )
    siren, nic = BAKERY[:9], BAKERY[9:]
    history = header + "".join(  # latest period first, as INSEE writes them
        f"{siren},{nic},{BAKERY},{end},{start},{state},{changed},"
        "BOULANGERIE DU PORT,,,false,,false,10.71C,NAFRev2,false,N,false\n"
        for end, start, state, changed in [
            ("", "2020-06-02", "A", "true"),
            ("2020-06-01", "2020-03-17", "F", "true"),
            ("2020-03-16", "2018-01-01", "A", "false"),  # a change of another field: no event
            ("2017-12-31", "2015-03-02", "A", "false"),
        ]
    )
    history += (
        "999999999,00011,99999999900011,,2020-01-01,F,true,,,,false,,false,47.11B,NAFRev2,false,N,false\n"
    )
    path = write(tmp_path, history, name="StockEtablissementHistorique_utf8.csv")
    with write_transaction(donges_trignac) as session:
        plan = plan_sirene_history_import(session, path, today=TODAY)
        summary = apply_shop_plan(session, plan, ADMIN)
    assert summary.events == 2
    # Five rows: the bakery's first period is the shop's row (updated), its three others are named.
    assert plan.skipped == {
        "establishment not in the store": 1,
        "another period of an establishment counted on its first row": 3,
    }
    assert (plan.rows, len(plan.updated)) == (5, 1) and plan.tally().adds_up()
    assert shops_and_events(donges_trignac)[BAKERY][4] == [
        ("opened", "2015-03-02"),
        ("closed", "2020-03-17"),
        ("reopened", "2020-06-02"),
    ]
    with write_transaction(donges_trignac) as session:  # the same file again: nothing to add
        again = plan_sirene_history_import(session, path, today=TODAY)
    assert again.updated == [] and again.unchanged == 1  # one establishment, four periods


def test_display_case_writes_capitals_as_words():
    assert display_case("BOULANGERIE DU PORT") == "Boulangerie du Port"
    assert display_case("DE L'EGLISE", capital_first=False) == "de l'Eglise"  # a street after its type
    assert display_case("Fleurs de Brière") == "Fleurs de Brière"  # already in ordinary case: as it is


def test_command_imports_the_communes_given(donges_trignac, tmp_path, capsys):
    path = write(tmp_path, stock_text(ROWS))
    assert main(["import", "sirene", str(path), "--commune", "44052", "--dry-run"]) == 0
    assert counts(donges_trignac) == (0, 0, 0)
    assert main(["import", "sirene", str(path), "--commune", "44052"]) == 0
    output = capsys.readouterr().out
    assert "8 rows, keeping communes 44052" in output
    assert "new: 4" in output and "row 8: dateCreationEtablissement" in output
    assert shops_and_events(donges_trignac) == EXPECTED
    broken = write(tmp_path, stock_text(ROWS)[:-40], name="cut.csv")
    assert main(["import", "sirene", str(broken)]) == 1
    assert "truncated" in capsys.readouterr().err


def test_empty_address_cells_keep_the_stored_address_and_the_preview_says_so(donges_trignac, tmp_path):
    # The directory has the bakery under another name, with its address; the file renames it and
    # leaves its four address cells empty: the name changes, the address is kept.
    with Session(donges_trignac) as session:
        add_shop(session, siret=BAKERY, name="Boulangerie", address="12 bis rue de la Paix", events=())
        session.commit()
    street = ("numeroVoieEtablissement", "indiceRepetitionEtablissement", "typeVoieEtablissement")
    no_address = {k: v for k, v in ROWS[0].items() if k not in (*street, "libelleVoieEtablissement")}
    path = write(tmp_path, stock_text([no_address]))
    with Session(donges_trignac) as session:
        result = plan_sirene_import(session, path, communes=["44052"], today=TODAY)
    [change] = result.updated
    assert change.fields["name"] == ("Boulangerie", "Boulangerie du Port") and "address" not in change.fields
    assert change.kept_empty == ("address",)
    assert "  kept (empty in the file), row 2 Boulangerie: address" in result.preview()
    with write_transaction(donges_trignac) as session:
        apply_shop_plan(session, result, ADMIN)
    with Session(donges_trignac) as session:
        shop = session.scalar(select(Shop).where(Shop.siret == BAKERY))
        assert (shop.name, shop.address) == ("Boulangerie du Port", "12 bis rue de la Paix")
