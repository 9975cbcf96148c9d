"""Every importer on malformed files (issue 12): each is refused with one line naming the file, exit
status 1, no traceback and the store unchanged; a problem of one row rejects that row only. The
files are written by the tests, in the publishers' layouts where a layout matters."""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
import zipfile

import pytest

from tests.test_importers_sirene import ROWS, stock_text
from tests.test_killed_import import dump
from wiker_data import settings
from wiker_data.cli.main import main

HISTORY_HEADER = (
    "siren,nic,siret,dateFin,dateDebut,etatAdministratifEtablissement,changementEtatAdministratifEtablissement,"
    "enseigne1Etablissement,enseigne2Etablissement,enseigne3Etablissement,changementEnseigneEtablissement,"
    "denominationUsuelleEtablissement,changementDenominationUsuelleEtablissement,activitePrincipaleEtablissement,"
    "nomenclatureActivitePrincipaleEtablissement,changementActivitePrincipaleEtablissement,"
    "caractereEmployeurEtablissement,changementCaractereEmployeurEtablissement\n"
)
POPULATION = "COM;Commune;PMUN\n44052;Donges;8219\n"
MATOMO = "Date,Visites,Visiteurs uniques,Actions,Taux de rebond\n2024-10,4500,2800,9800,40%\n"
VISITS = "commune,month,visits,unique_visitors\n44052,2024-11,5100,3000\n"
OVERPASS = {
    "version": 0.6,
    "osm3s": {"timestamp_osm_base": "2024-11-30T10:15:02Z"},
    "elements": [
        {"type": "node", "id": 1, "lat": 47.32, "lon": -2.07, "tags": {"shop": "bakery", "name": "B"}}
    ],
}

# The command of each importer, and a good file of its layout (malformed below).
IMPORTERS = {
    "population": (["population", "--year", "2023"], POPULATION.encode(), "donnees_communes.csv"),
    "matomo": (["visits", "--commune", "44052"], MATOMO.encode("utf-16"), "export_visites.csv"),
    "visits": (["visits"], VISITS.encode(), "visites.csv"),
    "sirene": (["sirene", "--commune", "44052"], stock_text(ROWS).encode(), "StockEtablissement_utf8.csv"),
    "sirene-history": (["sirene-history"], HISTORY_HEADER.encode(), "StockEtablissementHistorique_utf8.csv"),
    "osm": (["osm", "--commune", "44052"], json.dumps(OVERPASS).encode(), "donges.json"),
}


def _gzip(content: bytes) -> bytes:
    return gzip.compress(content)


def _zip(content: bytes, name: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, content)
    return buffer.getvalue()


def _long_first_line() -> bytes:
    return gzip.compress(b"a" * (3 << 20) + b"\n1,2\n", compresslevel=1)  # 3 MiB of line 1


# Each case: (file name suffix, content from the good file and its name). All refuse the whole file.
FILE_CASES = {
    "empty": lambda good, name: (name, b""),
    "binary": lambda good, name: (name, bytes(range(256)) * 64),
    "png": lambda good, name: (name, b"\x89PNG\r\n\x1a\n" + b"\x00" * 200),
    "truncated_gzip": lambda good, name: (name + ".gz", _gzip(good * 50)[:60]),
    "truncated_zip": lambda good, name: (name + ".zip", _zip(good * 50, name)[:80]),
    "huge_line_gzip": lambda good, name: (name + ".gz", _long_first_line()),
    "missing_column": lambda good, name: (name, b"x;y\n1;2\n"),
    "row_over_4_mib": lambda good, name: (name, good + b"4" * (5 << 20) + b"\n"),
    "deep_json": lambda good, name: (name, b"[" * 200_000 + b"]" * 200_000),
}
NOT_JSON_CASES = {"deep_json"}  # deep JSON is for the JSON importer; the others get it as binary text


def cases():
    for importer in IMPORTERS:
        for case in FILE_CASES:
            if case in NOT_JSON_CASES and importer != "osm":
                continue
            yield pytest.param(importer, case, id=f"{importer}-{case}")


@pytest.mark.parametrize(("importer", "case"), list(cases()))
def test_a_malformed_file_is_refused_in_one_line_and_changes_nothing(store, tmp_path, capsys, importer, case):
    arguments, good, name = IMPORTERS[importer]
    file_name, content = FILE_CASES[case](good, name)
    path = tmp_path / file_name
    path.write_bytes(content)
    before = dump(store)
    status = main(["import", arguments[0], str(path), *arguments[1:]])
    err = capsys.readouterr().err
    assert status == 1, err
    assert len(err.strip().splitlines()) == 1 and err.startswith("error: "), err
    assert str(path) in err and "Traceback" not in err
    assert dump(store) == before


ROW_CASES = {
    # importer: (content, the row number refused), each row-level: the other rows still count
    "population": ((POPULATION + "44210;Trignac;" + "9" * 5000 + "\n").encode(), 3),
    "population-name": ((POPULATION + "44210;" + "Trignac" * 20 + ";8106\n").encode(), 3),
    "visits": ((VISITS + "44052,2024-13,10,5\n").encode(), 3),
    "osm": (
        json.dumps(
            OVERPASS
            | {"elements": [*OVERPASS["elements"], {**OVERPASS["elements"][0], "id": 2, "lat": None}]}
        )
        .replace("null", "NaN")
        .encode(),
        2,
    ),
}


@pytest.mark.parametrize("importer", list(ROW_CASES))
def test_a_malformed_row_rejects_that_row_only(store, tmp_path, capsys, importer):
    arguments, _, name = IMPORTERS[importer.split("-name")[0]]
    content, row = ROW_CASES[importer]
    path = tmp_path / name
    path.write_bytes(content)
    status = main(["import", arguments[0], str(path), *arguments[1:], "--dry-run"])
    out = capsys.readouterr().out
    assert status == 0
    assert f"row {row}" in out and "rejected: 1" in out, out


def test_a_compressed_line_of_256_mib_is_refused_without_reading_it_whole(store, db_url, tmp_path):
    path = tmp_path / "StockEtablissement_utf8.csv.gz"
    with gzip.open(path, "wb", compresslevel=6) as file:
        chunk = b"a" * (1 << 20)
        for _ in range(256):
            file.write(chunk)
        file.write(b"\n")
    code = (
        # VmHWM, not ru_maxrss: on Linux ru_maxrss keeps the peak of the forked parent (pytest).
        "import re, sys; from wiker_data.cli.main import main; status = main(sys.argv[1:]); "
        "status_text = open('/proc/self/status').read(); "
        "print(re.search(r'VmHWM:\\s+(\\d+)', status_text).group(1), file=sys.stderr); sys.exit(status)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, "import", "sirene", str(path), "--commune", "44052", "--dry-run"],
        cwd=settings.PROJECT_ROOT,
        env=dict(os.environ, WIKER_DATABASE_URL=db_url),
        capture_output=True,
        text=True,
        timeout=120,
    )
    message, peak_kib = done.stderr.strip().splitlines()
    assert done.returncode == 1
    assert message == f"error: {path}: line 1 is longer than 1 MiB: the file is damaged or not a CSV file"
    assert int(peak_kib) < 600 * 1024  # KiB: the line was never read whole (it took 680 MB before)
