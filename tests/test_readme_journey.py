"""The README's journey "Building a commune's directory from open data", run as written.

The commands are read from the README's fenced block under that heading, so a change of the README
that breaks the journey fails here. Each file it names is replaced by a small file written below in
its publisher's layout, and each command runs as a subprocess on a temporary SQLite store.
Expected figures, by hand, from these files:

- SIRENE, Donges (44052): BOULANGERIE DU PORT (10.71C, active, created 2010-03-01), SALON LEA
  (96.02A, active, created 2015-06-01), FLEURS DE LOIRE (47.76Z, closed on 2020-09-30); also a
  consultancy (70.22Z, not a shop) and a Trignac bakery (44210, another commune): left out.
- SIRENE history: the florist's closure on 2020-09-30 again (nothing new).
- OpenStreetMap (overpass-turbo's GeoJSON, or the same shops as an Overpass API answer: a node and
  a way with its `center`): "Boulangerie Pâtisserie du Port", 150 m from the SIRENE bakery, with its
  `ref:FR:SIRET` (so linked to it by the SIRET, not a new shop: by name and distance it would not
  be) and a website; "Crêperie Ty Breizh", a restaurant SIRENE does not have (a new shop, recorded
  open on the extract's date 2026-11-20, never an opening), its address in `contact:*` tags only,
  `takeaway=yes`.
So Donges has 4 shops, 3 open today: the bakery, the hairdresser, the crêperie; none opened in the
last 12 months (the bakery 2010, the salon 2015), none closed (the florist in 2020): net change 0.
"""

from __future__ import annotations

import io
import json
import os
import re
import shlex
import sqlite3
import subprocess
import sys
import zipfile

import pytest

from wiker_data import settings

README = (settings.PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
PREFIX = [".venv/bin/python", "-m", "wiker_data"]

STOCK_HEADER = (
    "siren,nic,siret,statutDiffusionEtablissement,dateCreationEtablissement,trancheEffectifsEtablissement,"
    "anneeEffectifsEtablissement,activitePrincipaleRegistreMetiersEtablissement,"
    "dateDernierTraitementEtablissement,etablissementSiege,nombrePeriodesEtablissement,"
    "complementAdresseEtablissement,numeroVoieEtablissement,indiceRepetitionEtablissement,"
    "dernierNumeroVoieEtablissement,indiceRepetitionDernierNumeroVoieEtablissement,typeVoieEtablissement,"
    "libelleVoieEtablissement,codePostalEtablissement,libelleCommuneEtablissement,"
    "libelleCommuneEtrangerEtablissement,distributionSpecialeEtablissement,codeCommuneEtablissement,"
    "codeCedexEtablissement,libelleCedexEtablissement,codePaysEtrangerEtablissement,"
    "libellePaysEtrangerEtablissement,identifiantAdresseEtablissement,coordonneeLambertAbscisseEtablissement,"
    "coordonneeLambertOrdonneeEtablissement,complementAdresse2Etablissement,numeroVoie2Etablissement,"
    "indiceRepetition2Etablissement,typeVoie2Etablissement,libelleVoie2Etablissement,codePostal2Etablissement,"
    "libelleCommune2Etablissement,libelleCommuneEtranger2Etablissement,distributionSpeciale2Etablissement,"
    "codeCommune2Etablissement,codeCedex2Etablissement,libelleCedex2Etablissement,"
    "codePaysEtranger2Etablissement,libellePaysEtranger2Etablissement,dateDebut,"
    "etatAdministratifEtablissement,enseigne1Etablissement,enseigne2Etablissement,enseigne3Etablissement,"
    "denominationUsuelleEtablissement,activitePrincipaleEtablissement,"
    "nomenclatureActivitePrincipaleEtablissement,caractereEmployeurEtablissement,"
    "activitePrincipaleNAF25Etablissement"
)


def stock_row(
    siret: str,
    created: str,
    number: str,
    street: str,
    postcode: str,
    town: str,
    code: str,
    x: str,
    y: str,
    since: str,
    state: str,
    name: str,
    naf: str,
) -> str:
    """Return one StockEtablissement row: the columns the journey needs, the others as published (empty
    or typical values)."""
    values = dict.fromkeys(STOCK_HEADER.split(","), "")
    values.update(
        siren=siret[:9],
        nic=siret[9:],
        siret=siret,
        statutDiffusionEtablissement="O",
        dateCreationEtablissement=created,
        dateDernierTraitementEtablissement="2025-11-03T10:12:45",
        etablissementSiege="true",
        nombrePeriodesEtablissement="1",
        numeroVoieEtablissement=number,
        typeVoieEtablissement="RUE",
        libelleVoieEtablissement=street,
        codePostalEtablissement=postcode,
        libelleCommuneEtablissement=town,
        codeCommuneEtablissement=code,
        coordonneeLambertAbscisseEtablissement=x,
        coordonneeLambertOrdonneeEtablissement=y,
        dateDebut=since,
        etatAdministratifEtablissement=state,
        enseigne1Etablissement=name,
        activitePrincipaleEtablissement=naf,
        nomenclatureActivitePrincipaleEtablissement="NAFRev2",
        caractereEmployeurEtablissement="N",
    )
    return ",".join(values.values())


def luhn_siret(stem: str) -> str:
    """Return the 14-digit SIRET that completes the 13 digits `stem` with its Luhn check digit."""
    for last in "0123456789":
        digits = [int(d) for d in stem + last]
        total = sum(
            d if i % 2 == 0 else (d * 2 - 9 if d * 2 > 9 else d * 2) for i, d in enumerate(reversed(digits))
        )
        if total % 10 == 0:
            return stem + last
    raise AssertionError("unreachable")


BAKERY, SALON, FLORIST, CONSULTANT, TRIGNAC_BAKERY = (
    luhn_siret(stem)
    for stem in ("1234567890001", "2345678900001", "3456789010001", "4567890120001", "5678901230001")
)


def population_file() -> bytes:
    # INSEE's donnees_communes.csv: semicolons, CRLF line ends, UTF-8.
    lines = [
        "REG;Région;DEP;CODARR;CODCAN;CODCOM;COM;Commune;PMUN;PCAP;PTOT",
        "52;Pays de la Loire;44;3;27;052;44052;Donges;8219;79;8298",
    ]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def sirene_zip() -> bytes:
    rows = [
        STOCK_HEADER,
        stock_row(
            BAKERY,
            "2010-03-01",
            "3",
            "DU PORT",
            "44480",
            "DONGES",
            "44052",
            "316941.0",
            "6703260.0",
            "2010-03-01",
            "A",
            "BOULANGERIE DU PORT",
            "10.71C",
        ),
        stock_row(
            SALON,
            "2015-06-01",
            "12",
            "DE LA GARE",
            "44480",
            "DONGES",
            "44052",
            "316990.0",
            "6703300.0",
            "2015-06-01",
            "A",
            "SALON LEA",
            "96.02A",
        ),
        stock_row(
            FLORIST,
            "2012-01-01",
            "5",
            "DE LA MAIRIE",
            "44480",
            "DONGES",
            "44052",
            "316960.0",
            "6703280.0",
            "2020-09-30",
            "F",
            "FLEURS DE LOIRE",
            "47.76Z",
        ),
        stock_row(
            CONSULTANT,
            "2018-04-01",
            "8",
            "DU PORT",
            "44480",
            "DONGES",
            "44052",
            "316945.0",
            "6703265.0",
            "2018-04-01",
            "A",
            "CONSEIL ET CIE",
            "70.22Z",
        ),
        stock_row(
            TRIGNAC_BAKERY,
            "2011-02-01",
            "1",
            "DE LA RIVIERE",
            "44570",
            "TRIGNAC",
            "44210",
            "308409.0",
            "6703704.0",
            "2011-02-01",
            "A",
            "AU BON PAIN",
            "10.71C",
        ),
    ]
    return zipped("StockEtablissement_utf8.csv", "\n".join(rows) + "\n")


def history_zip() -> bytes:
    header = (
        "siren,nic,siret,dateFin,dateDebut,etatAdministratifEtablissement,changementEtatAdministratifEtablissement,"
        "enseigne1Etablissement,enseigne2Etablissement,enseigne3Etablissement,changementEnseigneEtablissement,"
        "denominationUsuelleEtablissement,changementDenominationUsuelleEtablissement,"
        "activitePrincipaleEtablissement,nomenclatureActivitePrincipaleEtablissement,"
        "changementActivitePrincipaleEtablissement,caractereEmployeurEtablissement,"
        "changementCaractereEmployeurEtablissement"
    )
    siren, nic = FLORIST[:9], FLORIST[9:]
    rows = [
        header,
        f"{siren},{nic},{FLORIST},,2020-09-30,F,true,FLEURS DE LOIRE,,,false,,false,47.76Z,NAFRev2,false,N,"
        "false",
        f"{siren},{nic},{FLORIST},2020-09-29,2012-01-01,A,false,FLEURS DE LOIRE,,,true,,false,47.76Z,NAFRev2,"
        "true,N,true",
    ]
    return zipped("StockEtablissementHistorique_utf8.csv", "\n".join(rows) + "\n")


def zipped(name: str, text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, text.encode("utf-8"))
    return buffer.getvalue()


# The two shops OpenStreetMap has, as (id, lon, lat, tags); the bakery 0.00135 degrees north of the
# SIRENE bakery's position (Lambert-93 316941 / 6703260 is 47.3188474 N, 2.0745707 W): 0.00135 x
# 111,195 m = 150 m, beyond the 50 m of a name match.
BAKERY_TAGS = {
    "shop": "bakery",
    "name": "Boulangerie Pâtisserie du Port",
    "ref:FR:SIRET": BAKERY,
    "website": "https://boulangerie-du-port.fr",
}
CREPERIE_TAGS = {
    "amenity": "restaurant",
    "name": "Crêperie Ty Breizh",
    "cuisine": "crepe",
    "contact:housenumber": "4",
    "contact:street": "Rue de la Paix",
    "contact:postcode": "44480",
    "contact:city": "Donges",
    "takeaway": "yes",
}
BAKERY_AT, CREPERIE_AT = (-2.0745707, 47.3201974), (-2.0739573, 47.3192351)


def overpass_geojson() -> bytes:
    # overpass-turbo's "Export > GeoJSON": a FeatureCollection, each feature's OSM id in "@id" and "id".
    def feature(osm_id: str, lon: float, lat: float, tags: dict) -> dict:
        return {
            "type": "Feature",
            "properties": {"@id": osm_id, **tags},
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "id": osm_id,
        }

    collection = {
        "type": "FeatureCollection",
        "generator": "overpass-turbo",
        "copyright": "The data included in this document is from www.openstreetmap.org. "
        "The data is made available under ODbL.",
        "timestamp": "2026-11-20T09:41:07Z",
        "features": [
            feature("node/4211001", *BAKERY_AT, BAKERY_TAGS),
            feature("way/4211002", *CREPERIE_AT, CREPERIE_TAGS),
        ],
    }
    return json.dumps(collection, ensure_ascii=False, indent=1).encode("utf-8")


def overpass_json() -> bytes:
    # The Overpass API's JSON answer to `[out:json]; ... out center;`: a node with its lat/lon, a way
    # with its nodes and its centre; the data's date in osm3s.timestamp_osm_base.
    answer = {
        "version": 0.6,
        "generator": "Overpass API 0.7.62.5 1bd436f1",
        "osm3s": {
            "timestamp_osm_base": "2026-11-20T09:40:58Z",
            "copyright": "The data included in this document is from www.openstreetmap.org. "
            "The data is made available under ODbL.",
        },
        "elements": [
            {"type": "node", "id": 4211001, "lat": BAKERY_AT[1], "lon": BAKERY_AT[0], "tags": BAKERY_TAGS},
            {
                "type": "way",
                "id": 4211002,
                "center": {"lat": CREPERIE_AT[1], "lon": CREPERIE_AT[0]},
                "nodes": [9001, 9002, 9003, 9004, 9001],
                "tags": CREPERIE_TAGS,
            },
        ],
    }
    return json.dumps(answer, ensure_ascii=False, indent=1).encode("utf-8")


def matomo_export() -> bytes:
    # Matomo's "Visits overview" CSV over several periods: comma-separated, UTF-16LE with a BOM.
    lines = [
        "date,nb_uniq_visitors,nb_users,nb_visits,nb_actions,nb_visits_converted,bounce_count,"
        "sum_visit_length,max_actions,bounce_rate,nb_actions_per_visit,avg_time_on_site",
        "2026-09-01,980,0,1210,3012,0,520,190000,24,43%,2.5,157",
        "2026-10-01,1015,0,1302,3240,0,551,201000,31,42%,2.5,154",
    ]
    return "\ufeff".encode("utf-16-le") + ("\n".join(lines) + "\n").encode("utf-16-le")


FIXTURES = {
    "donnees_communes.csv": population_file,
    "StockEtablissement_utf8.zip": sirene_zip,
    "StockEtablissementHistorique_utf8.zip": history_zip,
    "donges-overpass.geojson": overpass_geojson,
    "export_donges_visites.csv": matomo_export,
}


def journey_commands() -> list[list[str]]:
    """Return the commands of the README's fenced block under "Building a commune's directory from
    open data", as argument lists, comments left out."""
    section = re.search(
        r"^### Building a commune's directory from open data\n(.*?)(?=^#{2,3} )", README, re.M | re.S
    )
    assert section, "README.md has no section 'Building a commune's directory from open data'"
    block = re.search(r"^```sh\n(.*?)^```", section.group(1), re.M | re.S)
    assert block, "the journey's section has no ```sh block"
    commands = [
        shlex.split(line) for line in block.group(1).splitlines() if line.strip() and not line.startswith("#")
    ]
    assert commands and all(words[:3] == PREFIX for words in commands), commands
    return [words[3:] for words in commands]


@pytest.mark.parametrize("osm_file", [overpass_geojson, overpass_json])
def test_the_readme_journey_ends_with_a_report_of_the_commune(tmp_path, osm_file):
    files = {}
    for name, make in (FIXTURES | {"donges-overpass.geojson": osm_file}).items():  # told by content
        files[name] = tmp_path / name
        files[name].write_bytes(make())
    store = tmp_path / "wiker.db"
    env = dict(os.environ, WIKER_DATABASE_URL=f"sqlite:///{store}")

    def run(words: list[str]) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "wiker_data", *words],
            cwd=settings.PROJECT_ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    init = run(["init"])
    assert init.returncode == 0, init.stderr
    commands = journey_commands()
    named = [word for words in commands for word in words if re.search(r"\.(csv|zip|json|geojson|gz)$", word)]
    assert set(named) <= FIXTURES.keys(), f"the journey names files this test has no fixture for: {named}"
    done = None
    for words in commands:
        done = run([str(files[word]) if word in files else word for word in words])
        assert done.returncode == 0, f"{' '.join(words)} failed: {done.stderr}"
    assert commands[-1][:1] == ["report"], "the journey ends with the commune's report"
    report = json.loads(done.stdout)
    assert report["commune"] == {
        "code": "44052",
        "name": "Donges",
        "population": 8219,
        "population_year": 2023,
    }
    assert report["shops_open"] == 3  # the bakery, the hairdresser, the crêperie (see the docstring)
    assert report["shops_online"] == 1  # the bakery's website, from OpenStreetMap
    figures = ("openings_last_12_months", "closures_last_12_months", "net_change_last_12_months")
    assert [report[name] for name in figures] == [0, 0, 0]  # the crêperie is recorded, not opened
    assert report["yearly"][-1]["recorded"] == 1  # 2026: the crêperie, entered by the OSM import
    with sqlite3.connect(store) as db:
        shops = db.execute(
            "SELECT name, address, siret, osm_id, takeaway, click_collect FROM shop ORDER BY name"
        ).fetchall()
    # SIRENE's capitals in ordinary case, its street type in lower case (sirene.display_case); the
    # bakery takes OpenStreetMap's name and keeps SIRENE's address, which OSM leaves empty.
    assert shops == [
        ("Boulangerie Pâtisserie du Port", "3 rue du Port", BAKERY, "node/4211001", 0, 0),  # by SIRET
        ("Crêperie Ty Breizh", "4 Rue de la Paix", None, "way/4211002", 1, 0),  # contact:*, takeaway
        ("Fleurs de Loire", "5 rue de la Mairie", FLORIST, None, 0, 0),
        ("Salon Lea", "12 rue de la Gare", SALON, None, 0, 0),
    ]
