"""Every other source of the import page in a real Chromium (the SIRENE stock is in
test_import_journey.py): upload a file in its publisher's layout, preview, apply, and read the
figure on the overview. AppTest cannot drive a real upload widget.

The store is the hand-worked fixture (tests/fixture_store.py) with the demo coordinator (Donges
and Trignac), an admin, and the SIRET of INSEE's bakery given to Donges' `always_open`. As of
today Donges has 7 open shops and Trignac 1 (see test_journeys.py); Donges has 8,000 inhabitants
(2023); neither has visits after December 2024. Each journey touches figures no other one reads.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.browser.conftest import ARTIFACTS, new_page, sign_in, start_app, wait_for_run
from tests.browser.test_import_journey import metric
from tests.browser.test_journeys import build_with_coordinator, choose_commune, make_store, open_shops_metric
from tests.builders import add_account
from tests.test_importers_sirene import BAKERY
from wiker_data import accounts
from wiker_data.models import Shop
from wiker_data.periods import add_months, month_start

pytestmark = pytest.mark.browser

ADMIN, ADMIN_PASSWORD = "admin", "correct horse battery staple"
COORDINATOR = accounts.DEMO_COORDINATOR.name, accounts.DEMO_COORDINATOR.password
# The overview's visits are those of the last complete month: the files are written for it.
LAST_MONTH = add_months(month_start(dt.date.today()), -1)
BEFORE_LAST = add_months(LAST_MONTH, -1)


def build(session: Session) -> None:
    build_with_coordinator(session)
    add_account(session, ADMIN, ADMIN_PASSWORD, "admin")
    session.flush()
    session.scalar(select(Shop).where(Shop.name == "always_open")).siret = BAKERY


@pytest.fixture(scope="module")
def sources_app(tmp_path_factory):
    store = make_store(tmp_path_factory.mktemp("sources") / "store.db", build)
    server = start_app(store, "import-sources")
    yield server
    server.stop()


def open_import_page(browser, app, commune: str, name: str, password: str) -> tuple[Page, list[str]]:
    """Return a page signed in on the import page, the commune chosen in the sidebar."""
    page, _, dialogs = new_page(browser)
    page.goto(app.url)
    wait_for_run(page)
    choose_commune(page, commune)
    sign_in(page, name, password, then="Importer des données")
    expect(page.get_by_text("Type de fichier")).to_be_visible()
    return page, dialogs


def choose_source(page: Page, label: str, key: str) -> None:
    """Choose the source whose label matches, and wait for its own file uploader (`key`, the
    registry's): the rerun that draws it may start after the click returns, and a file given to the
    previous source's uploader would be lost with it."""
    page.get_by_test_id("stMain").get_by_test_id("stSelectbox").filter(has_text="Type de fichier").click()
    page.get_by_role("option", name=re.compile(label)).click()
    expect(page.locator(f".st-key-import_file_{key}")).to_be_visible(timeout=30_000)
    wait_for_run(page)


def preview(page: Page, path, new: str, updated: str, rejected: str) -> None:
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path))
    expect(metric(page, "Nouveaux")).to_have_text(new, timeout=30_000)
    expect(metric(page, "Modifiés")).to_have_text(updated)
    expect(metric(page, "Rejetés")).to_have_text(rejected)


def apply(page: Page, done: str) -> None:
    page.get_by_role("button", name="Appliquer l'import").click()
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text(done, timeout=30_000)


def overview(page: Page) -> None:
    page.get_by_role("link", name="Vue d'ensemble").click()
    wait_for_run(page)


def visits_metric(page: Page):
    return page.get_by_test_id("stMetric").filter(has_text="Visites en").get_by_test_id("stMetricValue")


def test_a_matomo_export_shows_as_last_months_visits(browser, sources_app, tmp_path):
    # Matomo's "Visits overview" with its French headers, in UTF-8: two new months of Donges.
    export = tmp_path / "Visites_Donges.csv"
    export.write_text(
        "Date,Visites,Visiteurs uniques,Actions,Taux de rebond,Durée moy. des visites (en secondes)\n"
        f"{BEFORE_LAST:%Y-%m},790,540,2100,44%,118\n"
        f"{LAST_MONTH:%Y-%m},812,561,2230,43%,121\n",
        encoding="utf-8",
    )
    page, dialogs = open_import_page(browser, sources_app, "Donges", *COORDINATOR)
    choose_source(page, "export Matomo", "matomo")
    preview(page, export, new="2", updated="0", rejected="0")
    apply(page, "2 nouveaux")
    overview(page)
    expect(visits_metric(page)).to_have_text("812")
    page.screenshot(path=str(ARTIFACTS / "import-matomo.png"), full_page=True)
    assert not dialogs


def test_a_visits_csv_imports_the_coordinators_communes_and_rejects_others(browser, sources_app, tmp_path):
    # Trignac is the coordinator's, Montoir-de-Bretagne (44103) is not: 1 new, 1 rejected.
    csv = tmp_path / "visites.csv"
    csv.write_text(
        f"commune,month,visits,unique_visitors\n44210,{LAST_MONTH:%Y-%m},645,410\n44103,{LAST_MONTH:%Y-%m},300,\n",
        encoding="utf-8",
    )
    page, dialogs = open_import_page(browser, sources_app, "Trignac", *COORDINATOR)
    choose_source(page, "CSV de plusieurs communes", "visits_csv")
    preview(page, csv, new="1", updated="0", rejected="1")
    expect(page.get_by_text("Lignes rejetées (1)")).to_be_visible()
    apply(page, "1 nouveaux")
    overview(page)
    expect(visits_metric(page)).to_have_text("645")
    assert not dialogs


def test_an_overpass_turbo_geojson_adds_open_shops(browser, sources_app, tmp_path):
    # Two shops of Trignac as overpass-turbo exports them: Trignac goes from 1 open shop to 3.
    def feature(osm_id: str, lat: float, lon: float, tags: dict) -> dict:
        return {
            "type": "Feature",
            "properties": {"@id": osm_id, **tags},
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "id": osm_id,
        }

    geojson = {
        "type": "FeatureCollection",
        "generator": "overpass-turbo",
        "copyright": "The data included in this document is from www.openstreetmap.org. "
        "The data is made available under ODbL.",
        "timestamp": "2024-11-30T10:15:02Z",
        "features": [
            feature("node/7001", 47.3181, -2.0791, {"shop": "bakery", "name": "Fournil de Trignac"}),
            feature("node/7002", 47.3169, -2.0802, {"amenity": "restaurant", "name": "Le Relais"}),
        ],
    }
    path = tmp_path / "export.geojson"
    path.write_text(json.dumps(geojson), encoding="utf-8")
    page, dialogs = open_import_page(browser, sources_app, "Trignac", *COORDINATOR)
    overview(page)
    expect(open_shops_metric(page)).to_have_text("1")
    page.get_by_role("link", name="Importer des données").click()
    choose_source(page, "OpenStreetMap", "osm")
    preview(page, path, new="2", updated="0", rejected="0")
    apply(page, "2 nouveaux")
    overview(page)
    expect(open_shops_metric(page)).to_have_text("3")
    assert not dialogs


def test_an_insee_population_file_updates_the_communes_population(browser, sources_app, tmp_path):
    # donnees_communes.csv as INSEE publishes it: ';' and CRLF, no year (given on the page).
    path = tmp_path / "donnees_communes.csv"
    path.write_bytes(
        b"REG;R\xc3\xa9gion;DEP;CODARR;CODCAN;CODCOM;COM;Commune;PMUN;PCAP;PTOT\r\n"
        b"52;Pays de la Loire;44;3;27;052;44052;Donges;8219;79;8298\r\n"
    )
    page, dialogs = open_import_page(browser, sources_app, "Donges", ADMIN, ADMIN_PASSWORD)
    choose_source(page, "Populations légales", "population")
    year = page.get_by_label("Année de référence (si le fichier ne la donne pas)")
    year.fill("2023")
    year.press("Enter")
    wait_for_run(page)
    preview(page, path, new="0", updated="1", rejected="0")
    apply(page, "1 modifiés")
    overview(page)
    # 8,000 (2023) in the store, 8,219 in the file; French groups thousands with a narrow space.
    expect(page.get_by_test_id("stHeading").nth(1)).to_contain_text(re.compile(r"8\s219 habitants \(2023\)"))
    assert not dialogs


def test_a_sirene_history_file_closes_a_shop(browser, sources_app, tmp_path):
    # StockEtablissementHistorique, latest period first: the bakery (Donges' always_open) closed
    # on 30 June 2026. Donges goes from 7 open shops to 6.
    siren, nic = BAKERY[:9], BAKERY[9:]
    header = (
        "siren,nic,siret,dateFin,dateDebut,etatAdministratifEtablissement,changementEtatAdministratifEtablissement,"
        "enseigne1Etablissement,enseigne2Etablissement,enseigne3Etablissement,changementEnseigneEtablissement,"
        "denominationUsuelleEtablissement,changementDenominationUsuelleEtablissement,activitePrincipaleEtablissement,"
        "nomenclatureActivitePrincipaleEtablissement,changementActivitePrincipaleEtablissement,"
        "caractereEmployeurEtablissement,changementCaractereEmployeurEtablissement\n"
    )
    rows = "".join(
        f"{siren},{nic},{BAKERY},{end},{start},{state},{changed},"
        "BOULANGERIE DU PORT,,,false,,false,10.71C,NAFRev2,false,N,false\n"
        for end, start, state, changed in [
            ("", "2026-06-30", "F", "true"),
            ("2026-06-29", "2010-01-01", "A", "false"),
        ]
    )
    path = tmp_path / "StockEtablissementHistorique_utf8.csv"
    path.write_text(header + rows, encoding="utf-8")
    page, dialogs = open_import_page(browser, sources_app, "Donges", ADMIN, ADMIN_PASSWORD)
    overview(page)
    expect(open_shops_metric(page)).to_have_text("7")
    page.get_by_role("link", name="Importer des données").click()
    choose_source(page, "Historique SIRENE", "sirene_history")
    preview(page, path, new="0", updated="1", rejected="0")
    apply(page, "1 modifiés")
    overview(page)
    expect(open_shops_metric(page)).to_have_text("6")
    assert not dialogs
