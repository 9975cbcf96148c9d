"""An import killed in the middle of its write transaction leaves the store as it was (issue 12):
SQLite's journal, or PostgreSQL's rollback of a lost connection, undoes what was written."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from sqlalchemy import MetaData, func, select
from sqlalchemy.orm import Session

from tests.test_importers_sirene import establishment, stock_text
from wiker_data import settings
from wiker_data.models import Shop

SHOPS = 10_000


def dump(engine) -> dict[str, list[tuple]]:
    """Return every row of every table, sorted: the store's content."""
    tables = MetaData()
    tables.reflect(engine)
    with engine.connect() as connection:
        return {
            name: sorted(map(repr, connection.execute(select(table)).all()))
            for name, table in tables.tables.items()
        }


def big_stock(tmp_path):
    rows = [
        establishment(
            f"{900000000 + number:09d}00011",  # not Luhn-checked by SIRENE's own file
            dateCreationEtablissement="2020-01-06",
            dateDebut="2020-01-06",
            etatAdministratifEtablissement="A",
            codeCommuneEtablissement="44052",
            libelleCommuneEtablissement="DONGES",
            enseigne1Etablissement=f"BOULANGERIE {number}",
            activitePrincipaleEtablissement="10.71C",
            nomenclatureActivitePrincipaleEtablissement="NAFRev2",
        )
        for number in range(SHOPS)
    ]
    path = tmp_path / "StockEtablissement_utf8.csv"
    path.write_text(stock_text(rows), encoding="utf-8")
    return path


def start_import(url: str, path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "wiker_data", "import", "sirene", str(path), "--commune", "44052"],
        cwd=settings.PROJECT_ROOT,
        env=dict(os.environ, WIKER_DATABASE_URL=url, PYTHONUNBUFFERED="1"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def shop_count(engine) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(Shop))


def test_an_import_killed_while_it_writes_leaves_the_store_intact(store, db_url, tmp_path):
    path = big_stock(tmp_path)
    before = dump(store)
    child = start_import(db_url, path)
    # The preview is printed once the file is planned, inside the write transaction: the writes
    # of its 10,000 new shops come next. Kill the process while it makes them.
    for line in child.stdout:
        if "new" in line.lower():
            break
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL
    store.dispose()  # no connection kept from before
    assert dump(store) == before
    if store.dialect.name == "sqlite":
        with store.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    # The same import, left to end, writes the shops: the kill came before the commit.
    finished = start_import(db_url, path)
    finished.communicate(timeout=300)
    assert finished.returncode == 0
    assert shop_count(store) == len(before["shop"]) + SHOPS
