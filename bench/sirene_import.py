"""Speed and peak memory of the SIRENE import on a generated stock file in the real layout.

    .venv/bin/python bench/sirene_import.py [--rows 2000000] [--runs 3] [--zip]

Writes a temporary `StockEtablissement` file of N rows (the 54 columns, in their order) whose
establishments are spread over the communes of Loire-Atlantique and beyond, one in ten of them a
shop of the directory, and a store holding the communes of data/. Then, in this process:

- *baseline*: reading every row of the file with the csv module and nothing else;
- *plan, communes*: `plan_sirene_import` for Donges and Trignac (the usual coordinator's case);
- *plan, département*: the same for the whole département 44;
- *apply*: writing the département's plan into the store, audited, in one transaction.

Medians over the runs, in rows per second, and the ratio to the baseline. Peak memory: each plan
runs again in a child process that reports its peak resident set size, for the whole file and
for a tenth of it: memory that does not grow with the file is what streaming buys.
A command, not a test: timings are never asserted in the suite.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from wiker_data.categories import CATEGORIES  # noqa: E402
from wiker_data.db import make_engine, migrate  # noqa: E402
from wiker_data.demo.generator import read_communes  # noqa: E402
from wiker_data.importers import ImportActor  # noqa: E402
from wiker_data.importers.sirene import plan_sirene_import  # noqa: E402
from wiker_data.importers.sirene_layout import STOCK_COLUMNS  # noqa: E402
from wiker_data.models import Commune  # noqa: E402
from wiker_data.services import write_transaction  # noqa: E402
from wiker_data.services.imports import apply_shop_plan  # noqa: E402

SHOP_CODES = [code for category in CATEGORIES for code in category.naf]
OTHER_CODES = ["62.01Z", "41.20A", "68.20A", "86.21Z", "70.22Z", "43.21A", "49.41A", "85.59A"]
STREETS = ["DE LA MAIRIE", "JEAN JAURES", "DU PORT", "DE LA GARE", "DE L'EGLISE", "PASTEUR"]


def write_stock(path: Path, rows: int, communes: list[dict], seed: int = 44) -> None:
    """Write a stock file of `rows` establishments: 60 % in the département's communes, the rest elsewhere."""
    rng = random.Random(seed)
    index = {name: position for position, name in enumerate(STOCK_COLUMNS)}
    elsewhere = [f"{departement:02d}{number:03d}" for departement in range(1, 96) for number in (1, 50, 120)]
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(STOCK_COLUMNS)
        for number in range(rows):
            commune = rng.choice(communes) if rng.random() < 0.6 else None
            code = commune["insee_code"] if commune else rng.choice(elsewhere)
            row = [""] * len(STOCK_COLUMNS)
            siret = f"{300000000 + number:09d}{number % 99999:05d}"
            created = dt.date(1975, 1, 1) + dt.timedelta(days=rng.randrange(18000))
            closed = rng.random() < 0.6
            values = {
                "siren": siret[:9],
                "nic": siret[9:],
                "siret": siret,
                "statutDiffusionEtablissement": "O" if rng.random() < 0.95 else "P",
                "dateCreationEtablissement": created.isoformat() if rng.random() < 0.97 else "1900-01-01",
                "dateDernierTraitementEtablissement": "2025-11-30T04:12:45",
                "etablissementSiege": "true",
                "nombrePeriodesEtablissement": "2" if closed else "1",
                "numeroVoieEtablissement": str(rng.randint(1, 120)),
                "typeVoieEtablissement": rng.choice(["RUE", "AV", "PL", "BD"]),
                "libelleVoieEtablissement": rng.choice(STREETS),
                "codePostalEtablissement": commune["postal_code"] if commune else "75001",
                "libelleCommuneEtablissement": commune["name"].upper() if commune else "AILLEURS",
                "codeCommuneEtablissement": code,
                "coordonneeLambertAbscisseEtablissement": f"{rng.uniform(300000, 320000):.1f}",
                "coordonneeLambertOrdonneeEtablissement": f"{rng.uniform(6695000, 6710000):.1f}",
                "dateDebut": (created + dt.timedelta(days=rng.randrange(3000))).isoformat()
                if closed
                else created.isoformat(),
                "etatAdministratifEtablissement": "F" if closed else "A",
                "enseigne1Etablissement": f"ENSEIGNE {number}" if rng.random() < 0.5 else "",
                "activitePrincipaleEtablissement": rng.choice(
                    SHOP_CODES if rng.random() < 0.1 else OTHER_CODES
                ),
                "nomenclatureActivitePrincipaleEtablissement": "NAFRev2",
                "caractereEmployeurEtablissement": "N",
            }
            for name, value in values.items():
                row[index[name]] = value
            writer.writerow(row)


def make_store(directory: Path) -> str:
    url = f"sqlite:///{directory / 'bench.db'}"
    engine = make_engine(url)
    migrate(engine)
    with Session(engine) as session:
        session.execute(
            insert(Commune),
            [
                {
                    "code": row["insee_code"],
                    "name": row["name"],
                    "postal_code": row["postal_code"],
                    "departement": row["insee_code"][:2],
                    "population": int(row["population_municipale_2023"]),
                    "latitude": float(row["latitude"]),
                    "longitude": float(row["longitude"]),
                }
                for row in read_communes()
            ],
        )
        session.commit()
    engine.dispose()
    return url


def timed(function, *args, **kwargs) -> float:
    start = time.perf_counter()
    function(*args, **kwargs)
    return time.perf_counter() - start


def baseline_read(path: Path) -> None:
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive, archive.open(archive.namelist()[0]) as raw:
            import io

            for _ in csv.reader(io.TextIOWrapper(raw, encoding="utf-8", newline="")):
                pass
        return
    with open(path, encoding="utf-8", newline="") as text:
        for _ in csv.reader(text):
            pass


SCOPES = {"communes": {"communes": ["44052", "44210"]}, "departement": {"departement": "44"}}


def child_peak(url: str, path: Path, scope: str) -> dict:
    """Return the peak memory (MiB) and the kept rows of a plan run in a fresh process."""
    code = (
        "import json, resource, sys; sys.path.insert(0, sys.argv[1]);"
        "from sqlalchemy.orm import Session; from wiker_data.db import make_engine;"
        "from wiker_data.importers.sirene import plan_sirene_import;"
        "engine = make_engine(sys.argv[2]);"
        "session = Session(engine);"
        "plan = plan_sirene_import(session, sys.argv[3], **json.loads(sys.argv[4]));"
        "print(json.dumps({'peak_mib': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,"
        " 'kept': len(plan.new) + len(plan.updated) + plan.unchanged}))"
    )
    args = [sys.executable, "-c", code, str(ROOT), url, str(path), json.dumps(SCOPES[scope])]
    return json.loads(subprocess.run(args, check=True, capture_output=True, text=True).stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--zip", action="store_true", help="zip the generated file, as INSEE publishes it")
    args = parser.parse_args()
    communes = read_communes()
    with tempfile.TemporaryDirectory() as directory:
        directory = Path(directory)
        files = {}
        for rows in (args.rows // 10, args.rows):
            path = directory / f"StockEtablissement_{rows}.csv"
            started = time.perf_counter()
            write_stock(path, rows, communes)
            if args.zip:
                zipped = path.with_suffix(".zip")
                with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as archive:
                    archive.write(path, "StockEtablissement_utf8.csv")
                path.unlink()
                path = zipped
            files[rows] = path
            size = path.stat().st_size / 2**20
            print(f"generated {rows:,} rows, {size:,.0f} MiB, in {time.perf_counter() - started:.0f} s")
        path = files[args.rows]
        url = make_store(directory)
        engine = make_engine(url)

        results = {"rows": args.rows, "zip": args.zip, "runs": args.runs}
        baseline = [timed(lambda: baseline_read(path)) for _ in range(args.runs)]
        results["baseline_s"] = statistics.median(baseline)
        print(
            f"baseline, csv.reader alone: median {results['baseline_s']:.2f} s, "
            f"{args.rows / results['baseline_s']:,.0f} rows/s"
        )
        for scope, options in SCOPES.items():
            durations = []
            for _ in range(args.runs):
                with Session(engine) as session:
                    durations.append(timed(plan_sirene_import, session, path, **options))
            median = statistics.median(durations)
            results[f"plan_{scope}_s"] = median
            print(
                f"plan, {scope}: median {median:.2f} s (min {min(durations):.2f}, max {max(durations):.2f}), "
                f"{args.rows / median:,.0f} rows/s, {median / results['baseline_s']:.2f}x the baseline"
            )
        with write_transaction(engine) as session:
            plan = plan_sirene_import(session, path, departement="44")
            applied = timed(lambda: apply_shop_plan(session, plan, ImportActor("bench")))
        print(
            f"apply, département: {len(plan.new):,} shops created in {applied:.2f} s "
            "(one transaction, audited)"
        )
        results["apply_departement_s"] = applied
        results["apply_departement_shops"] = len(plan.new)
        for rows, file in files.items():
            for scope in SCOPES:
                peak = child_peak(url, file, scope)
                results[f"peak_mib_{scope}_{rows}"] = peak["peak_mib"]
                print(
                    f"peak memory, {scope}, {rows:,} rows: {peak['peak_mib']:.0f} MiB ({peak['kept']:,} kept)"
                )
        print(json.dumps(results))


if __name__ == "__main__":
    main()
