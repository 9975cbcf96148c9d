"""Every import summary adds up: new + updated + unchanged + rejected + outside the chosen communes
+ the rows skipped for a named reason = the rows read. Each file below puts rows in every part;
the expected figures are counted by hand, row by row, in the comments."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from tests.builders import add_commune, add_visits
from tests.test_importers_osm import BAKERY_TAGS, OVERPASS, overpass
from tests.test_importers_osm import apply as apply_osm
from tests.test_importers_osm import write as write_osm
from tests.test_importers_sirene import ROWS, TRIGNAC_FLORIST, establishment, stock_text
from tests.test_importers_sirene import write as write_stock
from wiker_data.cli.main import main
from wiker_data.importers import ImportActor, Tally
from wiker_data.importers.osm import plan_osm_import
from wiker_data.importers.population import plan_population_import
from wiker_data.importers.sirene import plan_sirene_import
from wiker_data.importers.visits import plan_visits_import
from wiker_data.services import write_transaction
from wiker_data.services.imports import apply_plan

ADMIN = ImportActor("test import")

POPULATION = (
    "REG;Région;DEP;CODARR;CODCAN;CODCOM;COM;Commune;PMUN;PCAP;PTOT\r\n"
    "52;Pays de la Loire;44;3;27;052;44052;Donges;8219;79;8298\r\n"  # row 2: as stored: unchanged
    "52;Pays de la Loire;44;3;27;210;44210;Trignac;8397;120;8517\r\n"  # row 3: 2021 stored: updated
    "52;Pays de la Loire;44;3;24;184;44184;Saint-Nazaire;74568;1675;76243\r\n"  # row 4: not in the store
    "52;Pays de la Loire;44;3;24;013;44013;Besné;3 3x2;42;3364\r\n"  # row 5: PMUN not a number: rejected
    "93;Provence-Alpes-Côte d'Azur;04;2;07;070;04070;Digne-les-Bains;16186;418;16604\r\n"  # row 6: 04
    "75;Nouvelle-Aquitaine;40;2;11;192;40192;Mont-de-Marsan;29725;1015;30740\r\n"  # row 7: 40
)  # the figures of Besné and the Loire-Atlantique communes are INSEE's; the two others illustrative


def test_a_population_summary_adds_up(populations, tmp_path):
    path = tmp_path / "donnees_communes.csv"
    path.write_bytes(POPULATION.encode("utf-8"))
    with Session(populations) as session:
        result = plan_population_import(session, path, 2023, departement="44")
    # Rows 2 to 7: 6 rows; rows 6 and 7 are of départements 04 and 40: outside 44.
    assert result.tally() == Tally(6, 0, 1, 1, 1, outside=2, skipped=(("not in the store", 1),))
    assert result.tally().adds_up()
    assert result.preview()[1] == (
        "new: 0, updated: 1, unchanged: 1, rejected: 1, outside the chosen communes: 2, "
        "not in the store: 1 (= 6 rows read)"
    )


def test_a_population_summary_with_new_communes_adds_up(populations, tmp_path, capsys):
    path = tmp_path / "donnees_communes.csv"
    path.write_bytes(POPULATION.encode("utf-8"))
    # --departement 4 is 04: Digne-les-Bains (row 6) only; never the communes of 40 or 44.
    assert (
        main(["import", "population", str(path), "--year", "2023", "--add-communes", "--departement", "4"])
        == 0
    )
    out = capsys.readouterr().out
    # Rows 2, 3, 4, 5, 7 outside 04 (row 5's bad PMUN does not matter there), row 6 new.
    assert (
        "new: 1, updated: 0, unchanged: 0, rejected: 0, outside the chosen communes: 5 (= 6 rows read)" in out
    )
    assert "imported: 1 communes created, 0 updated" in out


def test_a_population_import_can_keep_some_communes(populations, tmp_path):
    path = tmp_path / "donnees_communes.csv"
    path.write_bytes(POPULATION.encode("utf-8"))
    with Session(populations) as session:
        result = plan_population_import(session, path, 2023, communes=["44210", "04070"], add_communes=True)
    # Rows 3 (updated) and 6 (new) kept; rows 2, 4, 5 and 7 outside.
    assert result.tally() == Tally(6, 1, 1, 0, 0, outside=4)


TODAY = dt.date(2024, 6, 20)


def daily_export() -> str:
    """Trignac day by day, raw Matomo names, as Matomo writes it (no line break after the last row).

    Rows 2-3: 30 and 31 March, 2 of 31 days: a month with days missing. Rows 4-33: April, 10 visits
    a day, 300 in all, as stored: unchanged. Rows 34-64: May, 20 a day, 620 (600 stored): updated.
    Rows 65-84: 1 to 20 June, the current month, 5 a day: new. Row 85: 32 May, not a date; row 86:
    5 June again: rejected. 2 + 30 + 31 + 20 + 2 = 85 rows.
    """
    lines = ["date,nb_uniq_visitors,nb_visits"]
    lines += [f"2024-03-{day},1,1" for day in (30, 31)]
    lines += [f"2024-04-{day:02d},8,10" for day in range(1, 31)]
    lines += [f"2024-05-{day:02d},15,20" for day in range(1, 32)]
    lines += [f"2024-06-{day:02d},4,5" for day in range(1, 21)]
    lines += ["2024-05-32,1,1", "2024-06-05,4,5"]
    return "\n".join(lines)


def test_a_visits_summary_adds_up(engine, tmp_path):
    with Session(engine) as session:
        add_commune(session, "44210", "Trignac")
        add_visits(session, "44210", "2024-04-01", 300, 250)
        add_visits(session, "44210", "2024-05-01", 600, 450)
        session.commit()
    path = tmp_path / "export.csv"
    path.write_bytes(b"\xff\xfe" + daily_export().encode("utf-16-le"))
    with Session(engine) as session:
        result = plan_visits_import(session, path, "44210", today=TODAY)
    assert (len(result.new), len(result.updated), len(result.unchanged)) == (1, 1, 1)  # months
    assert result.tally() == Tally(85, 20, 31, 30, 2, skipped=(("in a month with days missing", 2),))
    with write_transaction(engine) as session:
        summary = apply_plan(session, result, ADMIN)
    assert summary.describe() == (
        "imported: 1 months created, 1 updated; rows: new: 20, updated: 31, unchanged: 30, rejected: 2, "
        "outside the chosen communes: 0, in a month with days missing: 2 (= 85 rows read)"
    )


def test_a_sirene_summary_adds_up(donges_trignac, tmp_path):
    with write_transaction(donges_trignac) as session:
        apply_plan(session, plan_sirene_import(session, write_stock(tmp_path, stock_text(ROWS))), ADMIN)
    renamed = [dict(row) for row in ROWS]
    renamed[0]["enseigne1Etablissement"] = "LA BOULANGERIE DU PORT"
    vannes = establishment(
        "51234567800013",
        dateCreationEtablissement="2016-05-01",
        codeCommuneEtablissement="56260",
        dateDebut="2016-05-01",
        etatAdministratifEtablissement="A",
        enseigne1Etablissement="FLEURS DU PORT",
        activitePrincipaleEtablissement="47.76Z",
        nomenclatureActivitePrincipaleEtablissement="NAFRev2",
    )
    florist = vannes | {
        "siren": TRIGNAC_FLORIST[:9],
        "nic": TRIGNAC_FLORIST[9:],
        "siret": TRIGNAC_FLORIST,
        "codeCommuneEtablissement": "44210",
    }
    path = write_stock(tmp_path, stock_text([*renamed, vannes, florist]), name="newer.csv")
    with Session(donges_trignac) as session:
        result = plan_sirene_import(session, path, departement="44")
    # Rows 2-9 as in test_importers_sirene, then row 10 in Vannes (56) and row 11 in Trignac:
    # new: row 11; updated: row 2 (renamed); unchanged: rows 3, 6, 7; rejected: row 8 (bad date);
    # outside: row 10; not a shop: rows 4 and 5; commune not in the store: row 9. 10 rows.
    assert result.tally() == Tally(
        10,
        1,
        1,
        3,
        1,
        outside=1,
        skipped=(("commune not in the store", 1), ("not a shop of the directory (NAF rév. 2)", 2)),
    )


def test_a_sirene_summary_counts_the_communes_left_out_of_the_default_scope(donges_trignac, tmp_path):
    with Session(donges_trignac) as session:
        result = plan_sirene_import(session, write_stock(tmp_path, stock_text(ROWS)), communes=["44210"])
    # Every row is of Donges or Saint-Nazaire: 8 rows outside the commune chosen, Trignac.
    assert result.tally() == Tally(8, 0, 0, 0, 0, outside=8)


def test_an_osm_summary_adds_up(store, tmp_path):
    apply_osm(store, write_osm(tmp_path, overpass(*OVERPASS["elements"][:2])))
    moved = {"type": "node", "id": 101, "lat": 47.3202, "lon": -2.0712, "tags": BAKERY_TAGS}
    path = write_osm(tmp_path, overpass(moved, *OVERPASS["elements"][1:]), "newer.json")
    with Session(store) as session:
        result = plan_osm_import(session, path, "44052", today=dt.date(2024, 12, 31))
    # node/101 moved: updated; way/202 as before: unchanged; node/303 a bench: skipped;
    # node/404 without a name: rejected; node/505 the hairdresser: new. 5 elements.
    assert result.tally() == Tally(
        5, 1, 1, 1, 1, skipped=(("no shop, amenity or craft tag of the directory", 1),)
    )


def test_a_departement_that_does_not_exist_is_refused_in_one_line(donges_trignac, tmp_path, capsys):
    path = write_stock(tmp_path, stock_text(ROWS))
    for command in (["sirene"], ["population", "--year", "2023"]):
        assert main(["import", *command, str(path), "--departement", "20"]) == 1
        error = capsys.readouterr().err
        assert error == (
            "error: --departement '20' is not a département code: give 01 to 95 (Corsica: 2A, 2B; "
            "not 20), 971 to 976; a single digit is padded (4 means 04)\n"
        )


def test_departement_4_is_04_not_every_code_starting_with_4(donges_trignac, tmp_path):
    with Session(donges_trignac) as session:
        result = plan_sirene_import(session, write_stock(tmp_path, stock_text(ROWS)), departement="4")
    # Every row is of 44: none is in 04 (a prefix "4" would have kept the four new shops of Donges).
    assert (result.new, result.tally().outside) == ([], 8)


def test_the_import_page_puts_the_tally_in_words():
    from wiker_ui.uploads import tally_words

    tally = Tally(1234, 1, 2, 3, 4, outside=1200, skipped=(("not in the store", 20), ("a reason", 4)))
    assert tally_words(tally, "fr") == (
        "Lignes lues : 1\u202f234 = Nouveaux 1 + Modifiés 2 + Inchangés 3 + Rejetés 4 + "
        "Hors des communes choisies 1\u202f200 + Communes absentes de la base 20 + a reason 4."
    )
    assert tally_words(tally, "en") == (
        "Rows read: 1,234 = New 1 + Updated 2 + Unchanged 3 + Rejected 4 + "
        "Outside the chosen communes 1,200 + Communes not in the store 20 + a reason 4."
    )


def test_every_reason_an_importer_skips_rows_for_is_named_in_french(donges_trignac, tmp_path):
    from wiker_ui.uploads import tally_words

    # A SIRENE row closed with no creation date, and an OSM shop closed for good that the store does
    # not know: both skipped, and the page said why in English ("closed, creation date unknown").
    closed_undated = establishment(
        "61234567800019",
        codeCommuneEtablissement="44052",
        dateDebut="2020-01-01",
        etatAdministratifEtablissement="F",
        enseigne1Etablissement="ANCIEN TABAC",
        activitePrincipaleEtablissement="47.26Z",
        nomenclatureActivitePrincipaleEtablissement="NAFRev2",
    )
    disused = {"type": "node", "id": 909, "lat": 47.3202, "lon": -2.0712, "tags": {"disused:shop": "bakery"}}
    with Session(donges_trignac) as session:
        sirene = plan_sirene_import(session, write_stock(tmp_path, stock_text([closed_undated])))
        osm = plan_osm_import(session, write_osm(tmp_path, overpass(disused)), "44052")
    assert tally_words(sirene.tally(), "fr") == (
        "Lignes lues : 1 = Nouveaux 0 + Modifiés 0 + Inchangés 0 + Rejetés 0 + Hors des communes choisies 0"
        " + Fermés, date de création inconnue 1."
    )
    assert tally_words(osm.tally(), "fr") == (
        "Lignes lues : 1 = Nouveaux 0 + Modifiés 0 + Inchangés 0 + Rejetés 0 + Hors des communes choisies 0"
        " + Fermés pour de bon (désaffectés ou vacants), absents de la base 1."
    )
