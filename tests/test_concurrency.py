"""Several processes saving edits to the same shop at once, as several coordinators (or several
app processes behind a proxy) do: every save either goes through or is refused with Conflict,
none is lost, and no database error (SQLite's "database is locked", a PostgreSQL lock or
serialization failure) reaches the caller."""

from __future__ import annotations

import multiprocessing
import time
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.builders import add_commune, add_shop
from wiker_data import db
from wiker_data.cli.main import main
from wiker_data.db import make_engine
from wiker_data.models import AuditEntry, Shop
from wiker_data.services import Busy, Conflict, update_shop, write_transaction

WORKERS = 4
SAVES = 25  # successful saves per worker
THINKING = 0.005  # seconds between reading the version and saving: others save meanwhile


@dataclass(frozen=True)
class Editor:
    """The actor of the saves: an admin without an account, like a command."""

    name: str
    role: str = "admin"
    communes: tuple[str, ...] = ()
    account_id: int | None = None


def save_until_done(url: str, shop_id: int, worker: int, start, results) -> None:
    """Save SAVES changes to the shop, each from the version just read, re-reading after a Conflict;
    put (worker, [(version saved, value)], conflicts, [unexpected errors]) on `results`."""
    engine = make_engine(url)
    editor = Editor(f"editor {worker}")
    saved: list[tuple[int, str]] = []
    conflicts = 0
    errors: list[str] = []
    try:
        start.wait(timeout=120)
        attempt = 0
        while len(saved) < SAVES and not errors:
            attempt += 1
            with Session(engine) as session:
                version = session.scalar(select(Shop.version).where(Shop.id == shop_id))
            time.sleep(THINKING)
            value = f"worker {worker}, attempt {attempt}"
            try:
                with write_transaction(engine) as session:
                    shop = update_shop(session, editor, shop_id, version, {"opening_hours": value})
                saved.append((shop.version, value))
            except Conflict:
                conflicts += 1
    except Exception as error:  # what this test is about: nothing but Conflict may come out of a save
        errors.append(f"{type(error).__name__}: {error}")
    finally:
        engine.dispose()
        results.put((worker, saved, conflicts, errors))


def test_concurrent_saves_of_one_shop_lose_nothing(engine, db_url):
    with Session(engine) as session:
        add_commune(session)
        shop_id = add_shop(session, name="Boulangerie du port").id
        session.commit()

    context = multiprocessing.get_context("spawn")
    start, results = context.Barrier(WORKERS), context.Queue()
    workers = [
        context.Process(target=save_until_done, args=(db_url, shop_id, worker, start, results))
        for worker in range(WORKERS)
    ]
    for process in workers:
        process.start()
    outcomes = sorted(results.get(timeout=240) for _ in workers)
    for process in workers:
        process.join(timeout=30)
        assert process.exitcode == 0

    assert [errors for _, _, _, errors in outcomes] == [[]] * WORKERS
    saved = [entry for _, entries, _, _ in outcomes for entry in entries]
    assert len(saved) == WORKERS * SAVES
    # Each save started from the version before it: the versions saved are 2, 3, ..., no gap, no repeat.
    versions = sorted(version for version, _ in saved)
    assert versions == list(range(2, 2 + WORKERS * SAVES))
    last_value = max(saved)[1]
    with Session(engine) as session:
        shop = session.get(Shop, shop_id)
        assert (shop.version, shop.opening_hours) == (1 + WORKERS * SAVES, last_value)
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "shop", AuditEntry.entity_id == str(shop_id))
        ).all()
    # One audit entry a save, chained version to version, with the value each save wrote.
    chain = sorted((e.before["version"], e.after["version"], e.after["opening_hours"]) for e in entries)
    assert chain == sorted((version - 1, version, value) for version, value in saved)
    assert sum(conflicts for _, _, conflicts, _ in outcomes) > 0, "the saves never overlapped"


def test_a_save_kept_waiting_past_the_wait_is_refused_as_busy(engine, db_url, monkeypatch):
    with Session(engine) as session:
        add_commune(session)
        shop_id = add_shop(session, name="Boulangerie du port").id
        session.commit()
    monkeypatch.setattr(db, "WRITE_WAIT_SECONDS", 0.3)
    impatient = make_engine(db_url)  # SQLite's busy timeout is set when the engine connects
    editor = Editor("editor")
    try:
        with write_transaction(engine) as long_import:
            update_shop(long_import, editor, shop_id, 1, {"opening_hours": "the import's"})
            started = time.monotonic()
            with pytest.raises(Busy), write_transaction(impatient) as session:
                update_shop(session, editor, shop_id, 1, {"opening_hours": "the coordinator's"})
            assert 0.25 < time.monotonic() - started < 5
    finally:
        impatient.dispose()
    with Session(engine) as session:
        assert session.get(Shop, shop_id).opening_hours == "the import's"
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == 1


def test_an_import_kept_waiting_is_one_error_line(engine, db_url, monkeypatch, tmp_path, capsys):
    with Session(engine) as session:
        add_commune(session)
        shop_id = add_shop(session, name="Boulangerie du port").id
        session.commit()
    visits = tmp_path / "visits.csv"
    visits.write_text("commune,month,visits\n44052,2024-05,1234\n", encoding="utf-8")
    monkeypatch.setattr(db, "WRITE_WAIT_SECONDS", 0.3)
    with write_transaction(engine) as long_save:
        update_shop(long_save, Editor("editor"), shop_id, 1, {"opening_hours": "8h-19h"})
        assert main(["import", "visits", str(visits)]) == 1
    err = capsys.readouterr().err
    assert err == "error: the store is busy with another change: nothing was written, try again\n"
