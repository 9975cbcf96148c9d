"""AppTest of the import page (pages/8_import.py) on the hand-worked store (tests/fixture_store.py),
with the SIRENE extract of tests/test_importers_sirene.py: 4 shops of Donges kept, row 8 rejected."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tests.builders import add_shop
from tests.pages_helpers import PASSWORD, app, click, counts, map_script, metrics, signed_in, upload
from tests.test_importers_sirene import ROWS, STOCK_COLUMNS, establishment, stock_text
from wiker_data.importers import ImportActor
from wiker_data.models import AuditEntry, MonthlyVisits
from wiker_data.services import perform, save_visits

pytestmark = pytest.mark.usefixtures("fresh_caches")


def as_shown(markdown: str) -> str:
    """Return Markdown text as the page shows it (its escaping backslashes gone)."""
    return re.sub(r"\\(.)", r"\1", markdown)


def test_coordinator_previews_then_applies_a_sirene_file_and_sees_the_shops_on_the_map(coordinator):
    at = signed_in("pages/8_import.py")
    assert at.selectbox(key="edit_commune").options == ["Donges"]
    before = counts(coordinator)
    upload(at, "import_file_sirene", "StockEtablissement_utf8.csv", stock_text(ROWS).encode())
    assert metrics(at) == {"Nouveaux": "4", "Modifiés": "0", "Inchangés": "0", "Rejetés": "1"}
    assert counts(coordinator) == before  # a preview writes nothing
    rejected = next(frame.value for frame in at.dataframe if "Raison" in frame.value.columns)
    assert list(rejected["Ligne"]) == [8]
    new = next(frame.value for frame in at.dataframe if "Adresse" in frame.value.columns)
    assert list(new["Adresse"]) == ["12 bis rue de la Paix", "place de l'Eglise", "—", "—"]  # rows 6, 7: none
    assert list(rejected["Raison"]) == [
        "dateCreationEtablissement '2019-13-45' n'est pas une date (AAAA-MM-JJ)"
    ]
    click(at, "Appliquer l'import")
    # Rows 2-9: new 2, 3, 6, 7; rejected 8; Saint-Nazaire (row 9) outside Donges; 4 and 5 not shops.
    assert [s.value for s in at.success] == [
        "Import terminé : 4 nouveaux, 0 modifiés. Lignes lues : 8 = Nouveaux 4 + Modifiés 0 + Inchangés 0"
        " + Rejetés 1 + Hors des communes choisies 1 + Pas un commerce de l'annuaire (NAF rév. 2) 2."
    ]
    assert metrics(at) == {"Nouveaux": "0", "Modifiés": "0", "Inchangés": "4", "Rejetés": "1"}
    with Session(coordinator) as session:
        sources = session.scalars(select(AuditEntry.source).where(AuditEntry.actor == "marie")).all()
    assert set(sources) == {"sirene"} and len(sources) == 4 + 5  # 4 shops, 5 status events
    at.session_state["commune"] = "44052"
    at.switch_page("pages/1_map.py").run()
    assert "Boulangerie du Port" in map_script(at)


def test_a_broken_file_is_named_and_nothing_is_written(coordinator):
    at = signed_in("pages/8_import.py")
    before = counts(coordinator)
    upload(at, "import_file_sirene", "extrait.csv", stock_text(ROWS)[:-40].encode())
    [error] = [as_shown(e.value) for e in at.error]
    assert error.startswith(
        "Ce fichier ne peut pas être importé ; rien n'a été écrit. extrait.csv : la ligne 9 a "
    )
    assert error.endswith(" : le fichier est tronqué ou abîmé")
    assert counts(coordinator) == before
    assert "Appliquer l'import" not in [b.label for b in at.button]


def test_files_of_every_commune_are_for_admins_only(coordinator):
    at = signed_in("pages/8_import.py")
    at.selectbox(key="import_source").set_value("population").run()
    assert [w.value for w in at.warning][-1] == (
        "Ce type de fichier touche toutes les communes : réservé aux administrateurs."
    )
    assert not at.file_uploader


def stored_visits(engine) -> dict[tuple[str, str], tuple[int, int | None]]:
    with Session(engine) as session:
        rows = session.scalars(select(MonthlyVisits))
        return {(row.commune_code, f"{row.month:%Y-%m}"): (row.visits, row.unique_visitors) for row in rows}


# A French Matomo "Visits overview" export of Donges, in UTF-16 as Matomo writes it. The store has
# Donges' November 2024 (5,000 visits, no unique visitors): September and October are new, November
# gets its unique visitors.
MATOMO_EXPORT = (
    "Date,Visites,Visiteurs uniques,Actions,Taux de rebond\n"
    "2024-09,4000,2500,9100,41%\n"
    "2024-10,4500,2800,9800,40%\n"
    "2024-11,5000,3000,9900,39%\n"
)


def test_coordinator_imports_a_matomo_export_from_the_page(coordinator):
    at = signed_in("pages/8_import.py")
    at.selectbox(key="import_source").set_value("matomo").run()
    upload(at, "import_file_matomo", "export_visites.csv", MATOMO_EXPORT.encode("utf-16"))
    assert metrics(at) == {"Nouveaux": "2", "Modifiés": "1", "Inchangés": "0", "Rejetés": "0"}
    click(at, "Appliquer l'import")
    assert [s.value for s in at.success] == [
        "Import terminé : 2 nouveaux, 1 modifiés. Lignes lues : 3 = Nouveaux 2 + Modifiés 1 + Inchangés 0"
        " + Rejetés 0 + Hors des communes choisies 0."
    ]
    visits = stored_visits(coordinator)
    assert [visits[("44052", month)] for month in ("2024-09", "2024-10", "2024-11")] == [
        (4000, 2500),
        (4500, 2800),
        (5000, 3000),
    ]


# Donges (Marie's) has November 2024 at 5,000 visits: row 2 updates it, row 3 adds October; row 4 is
# Trignac's, not Marie's: rejected. Counted by hand: 1 new, 1 updated, 1 rejected.
VISITS_CSV = (
    "commune,month,visits,unique_visitors\n"
    "44052,2024-11,5100,3000\n"
    "44052,2024-10,4800,\n"
    "44210,2024-10,900,600\n"
)


def test_a_coordinator_sees_rows_of_other_communes_rejected_and_apply_writes_the_others(coordinator):
    at = signed_in("pages/8_import.py")
    at.selectbox(key="import_source").set_value("visits_csv").run()
    upload(at, "import_file_visits_csv", "visites.csv", VISITS_CSV.encode())
    assert metrics(at) == {"Nouveaux": "1", "Modifiés": "1", "Inchangés": "0", "Rejetés": "1"}
    rejected = next(frame.value for frame in at.dataframe if "Raison" in frame.value.columns)
    assert list(rejected["Ligne"]) == [4]
    reasons = [" ".join(reason.split()) for reason in rejected["Raison"]]  # whatever space before ":"
    assert reasons == ["commune 44210 : hors de vos communes"]
    click(at, "Appliquer l'import")
    assert [s.value for s in at.success] == [
        "Import terminé : 1 nouveaux, 1 modifiés. Lignes lues : 3 = Nouveaux 1 + Modifiés 1 + Inchangés 0"
        " + Rejetés 1 + Hors des communes choisies 0."
    ]
    visits = stored_visits(coordinator)
    assert (visits[("44052", "2024-11")], visits[("44052", "2024-10")]) == ((5100, 3000), (4800, None))
    assert visits[("44210", "2024-11")] == (1000, None) and ("44210", "2024-10") not in visits


def test_an_empty_cell_is_shown_kept_in_the_preview(coordinator):
    with Session(coordinator) as session:
        session.execute(update(MonthlyVisits).values(unique_visitors=3500))  # Donges' Nov. and Dec.
        session.commit()
    at = signed_in("pages/8_import.py")
    at.selectbox(key="import_source").set_value("visits_csv").run()
    text = b"commune,month,visits,unique_visitors\n44052,2024-11,5200,\n"  # 3,500 unique visitors kept
    upload(at, "import_file_visits_csv", "visites.csv", text)
    updated = next(frame.value for frame in at.dataframe if "Cellules vides" in frame.value.columns)
    assert list(updated["Cellules vides"]) == ["visiteurs uniques conservés"]
    click(at, "Appliquer l'import")
    assert stored_visits(coordinator)[("44052", "2024-11")] == (5200, 3500)


def test_apply_after_the_store_changed_writes_nothing_and_shows_the_preview_again(coordinator):
    at = signed_in("pages/8_import.py")
    at.selectbox(key="import_source").set_value("visits_csv").run()
    upload(at, "import_file_visits_csv", "visites.csv", VISITS_CSV.encode())
    assert metrics(at)["Nouveaux"] == "1"
    # Someone else adds Donges' October (4,700 visits) after the preview was drawn.
    october = [{"month": dt.date(2024, 10, 1), "visits": 4700}]
    perform(coordinator, save_visits, ImportActor("other"), "44052", october)
    click(at, "Appliquer l'import")
    assert not at.success
    assert next(w.value for w in at.warning).startswith("Les données ont changé depuis l'aperçu")
    # The preview made again: October is now an update (4,700 -> 4,800), nothing was imported.
    assert metrics(at) == {"Nouveaux": "0", "Modifiés": "2", "Inchangés": "0", "Rejetés": "1"}
    assert stored_visits(coordinator)[("44052", "2024-11")] == (5000, None)
    assert stored_visits(coordinator)[("44052", "2024-10")] == (4700, None)


def test_an_openstreetmap_file_of_several_communes_needs_no_commune(coordinator):
    at = signed_in("pages/8_import.py")
    at.selectbox(key="import_source").set_value("osm").run()
    assert at.selectbox(key="edit_commune").options == ["Donges"]
    at.checkbox(key="import_osm_several").check().run()
    assert "edit_commune" not in [box.key for box in at.selectbox]
    assert at.file_uploader  # the file is asked for without a commune


def test_the_first_line_of_an_unreadable_file_is_shown_as_written_not_as_markdown(coordinator):
    at = signed_in("pages/8_import.py")
    at.selectbox(key="import_source").set_value("visits_csv").run()
    upload(at, "import_file_visits_csv", "visites.csv", b"**Gras** [lien](http://127.0.0.1/x)\n1\n")
    [error] = [e.value for e in at.error]
    # Each Markdown mark is escaped, so the page shows the characters instead of bold text and a link.
    assert r"\*\*Gras\*\* \[lien\]\(http\://127\.0\.0\.1/x\)" in error
    assert "**Gras**" not in error


def test_the_preview_says_when_an_opening_replaces_a_recording(coordinator):
    with Session(coordinator) as session:  # a bar of Donges recorded open, opening unknown
        add_shop(session, name="Le Narval", siret="44312345600016", events=(("2026-11-20", "recorded"),))
        session.commit()
    row = establishment(
        "44312345600016",
        dateCreationEtablissement="2026-03-01",
        codeCommuneEtablissement="44052",
        dateDebut="2026-03-01",
        etatAdministratifEtablissement="A",
        activitePrincipaleEtablissement="47.26Z",
        nomenclatureActivitePrincipaleEtablissement="NAFRev2",
        enseigne1Etablissement="LE NARVAL",
    )
    at = signed_in("pages/8_import.py")
    upload(at, "import_file_sirene", "StockEtablissement_utf8.csv", stock_text([row]).encode())
    updated = next(frame.value for frame in at.dataframe if "Ouverture retrouvée" in frame.value.columns)
    assert list(updated["Ouverture retrouvée"]) == [
        "recensé ouvert le 20/11/2026 → ouverture le 01/03/2026"  # dates as the date inputs write them
    ]


def test_a_visits_preview_is_written_in_the_readers_language(coordinator):
    # Donges' November 2024 is 5,000 visits with no unique visitors (the fixture); the file's 5,100
    # visits and 3,000 unique visitors update it. The table showed "month", "commune" and
    # "5000 visits" on a French page.
    at = signed_in("pages/8_import.py")
    at.selectbox(key="import_source").set_value("visits_csv").run()
    text = b"commune,month,visits,unique_visitors\n44052,2024-11,5100,3000\n"
    upload(at, "import_file_visits_csv", "visites.csv", text)
    [updated] = [frame.value for frame in at.dataframe if "Avant" in frame.value.columns]
    assert list(updated.columns) == ["Ligne", "Commune", "Mois", "Avant", "Après"]
    assert updated.iloc[0].tolist()[1:] == [
        "44052",
        "novembre 2024",
        "5\u202f000 visites",
        "5\u202f100 visites, 3\u202f000 visiteurs uniques",
    ]
    at.radio(key="_lang").set_value("en").run()
    [updated] = [frame.value for frame in at.dataframe if "Before" in frame.value.columns]
    assert list(updated.columns) == ["Row", "Commune", "Month", "Before", "After"]
    assert updated.iloc[0].tolist()[1:] == [
        "44052",
        "November 2024",
        "5,000 visits",
        "5,100 visits, 3,000 unique visitors",
    ]


def test_a_population_preview_names_its_columns_and_writes_numbers_the_french_way(coordinator):
    from tests.builders import add_account

    with Session(coordinator) as session:
        add_account(session, "admin", PASSWORD, "admin")
        session.commit()
    at = app().switch_page("pages/8_import.py").run()
    at.text_input(key="sign_in_name").set_value("admin")
    at.text_input(key="sign_in_password").set_value(PASSWORD)
    click(at, "Se connecter")
    at.selectbox(key="import_source").set_value("population").run()
    at.number_input(key="import_year").set_value(2023).run()
    # donnees_communes.csv as INSEE writes it: Donges 8,000 (2023) in the store becomes 8,219.
    text = (
        "REG;Région;DEP;CODARR;CODCAN;CODCOM;COM;Commune;PMUN;PCAP;PTOT\r\n"
        "52;Pays de la Loire;44;3;27;052;44052;Donges;8219;79;8298\r\n"
    ).encode()
    upload(at, "import_file_population", "donnees_communes.csv", text)
    [updated] = [frame.value for frame in at.dataframe if "Avant" in frame.value.columns]
    assert list(updated.columns) == ["Ligne", "Code INSEE", "Nom", "Année", "Avant", "Après"]
    assert updated.iloc[0].tolist()[1:] == ["44052", "Donges", 2023, "8\u202f000", "8\u202f219"]


def test_a_shop_change_in_the_preview_names_the_fields_and_values_in_the_readers_language(coordinator):
    # La Marine as overpass-turbo exports it, imported once; the newer export adds its phone and
    # takeaway=yes. The table said "phone: None → …; takeaway: False → True" on a French page.
    def export(**tags: str) -> bytes:
        properties = {"@id": "node/9001", "amenity": "restaurant", "name": "La Marine", **tags}
        feature = {"type": "Feature", "properties": properties, "id": "node/9001",
                   "geometry": {"type": "Point", "coordinates": [-2.0741, 47.3182]}}  # fmt: skip
        return json.dumps(
            {"type": "FeatureCollection", "generator": "overpass-turbo", "features": [feature]}
        ).encode()

    at = signed_in("pages/8_import.py")
    at.selectbox(key="import_source").set_value("osm").run()
    upload(at, "import_file_osm", "export.geojson", export())
    click(at, "Appliquer l'import")
    upload(at, "import_file_osm", "export2.geojson", export(phone="+33 2 40 00 00 01", takeaway="yes"))
    [updated] = [frame.value for frame in at.dataframe if "Changements" in frame.value.columns]
    assert [" ".join(cell.split()) for cell in updated["Changements"]] == [
        "Téléphone : — → +33 2 40 00 00 01 ; À emporter : non → oui"
    ]
    at.radio(key="_lang").set_value("en").run()
    [updated] = [frame.value for frame in at.dataframe if "Changes" in frame.value.columns]
    assert list(updated["Changes"]) == ["Phone: — → +33 2 40 00 00 01; Takeaway: no → yes"]


def test_a_bad_row_is_rejected_with_its_reason_in_the_readers_language(coordinator):
    # Row 2's month 2024-13 does not exist; row 3 updates Donges' November 2024 (5,000 visits).
    at = signed_in("pages/8_import.py")
    at.selectbox(key="import_source").set_value("visits_csv").run()
    text = b"commune,month,visits,unique_visitors\n44052,2024-13,5100,3000\n44052,2024-11,8321,5295\n"
    upload(at, "import_file_visits_csv", "visites.csv", text)
    [rejected] = [frame.value for frame in at.dataframe if "Raison" in frame.value.columns]
    assert list(rejected["Ligne"]) == [2]
    assert list(rejected["Raison"]) == ["month '2024-13' n'est ni un jour ni un mois (AAAA-MM-JJ ou AAAA-MM)"]
    [updated] = [frame.value for frame in at.dataframe if "Après" in frame.value.columns]
    assert list(updated["Après"]) == ["8\u202f321 visites, 5\u202f295 visiteurs uniques"]
    assert "anglais" not in " ".join(caption.value for caption in at.caption)
    at.radio(key="_lang").set_value("en").run()
    [rejected] = [frame.value for frame in at.dataframe if "Reason" in frame.value.columns]
    assert list(rejected["Reason"]) == ["month '2024-13' is not a day or a month (YYYY-MM-DD or YYYY-MM)"]
    [updated] = [frame.value for frame in at.dataframe if "After" in frame.value.columns]
    assert list(updated["After"]) == ["8,321 visits, 5,295 unique visitors"]


def test_a_file_lacking_a_column_is_named_with_the_column_in_the_readers_language(coordinator):
    at = signed_in("pages/8_import.py")
    text = stock_text(ROWS, tuple(column for column in STOCK_COLUMNS if column != "siret")).encode()
    upload(at, "import_file_sirene", "sans_siret.csv", text)
    assert [as_shown(error.value) for error in at.error] == [
        "Ce fichier ne peut pas être importé ; rien n'a été écrit. sans_siret.csv : il manque la colonne "
        "siret : est-ce bien un fichier StockEtablissement de SIRENE ?"
    ]
    at.radio(key="_lang").set_value("en").run()
    assert [as_shown(error.value) for error in at.error] == [
        "This file cannot be imported; nothing was written. sans_siret.csv: lacks the column(s) siret: is "
        "it a SIRENE StockEtablissement file?"
    ]


def test_the_drop_zone_is_explained_in_french_beside_streamlits_english(coordinator):
    at = signed_in("pages/8_import.py")
    assert (
        "Déposez le fichier dans la zone ci-dessous ou cliquez sur « Browse files » (« Parcourir ») — taille "
        "maximale 200 Mo."
    ) in [caption.value for caption in at.caption]
