"""Backup and restore of a SQLite store, checked on the hand-worked fixture store (tests/fixture_store.py):
3 communes, 13 shops (10 in Donges with `archived`, 2 in Trignac, 1 in Montoir), 3 months of visits."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from wiker_data import settings
from wiker_data.backup import BackupError, backup, check_backup, restore
from wiker_data.db import make_engine, migrate, schema_version

COUNTS = {"commune": 3, "shop": 13, "monthly_visits": 3}
pytestmark = pytest.mark.sqlite_only(reason="SQLite's online backup; PostgreSQL stores use pg_dump")


def counts(path) -> dict[str, int]:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return {table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in COUNTS}


def path_of(url: str) -> str:
    return url.removeprefix("sqlite:///")


def test_backup_copies_the_whole_store_into_one_file(store, db_url, tmp_path):
    target = backup(db_url, tmp_path / "copy.db")
    assert counts(target) == COUNTS
    assert not (tmp_path / "copy.db-wal").exists()
    with contextlib.closing(sqlite3.connect(target)) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert check_backup(target) == schema_version(store)[1]


def test_backup_leaves_out_an_uncommitted_transaction(store, db_url, tmp_path):
    with contextlib.closing(sqlite3.connect(path_of(db_url), isolation_level=None)) as writer:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("DELETE FROM monthly_visits")
        target = backup(db_url, tmp_path / "copy.db")
        writer.execute("ROLLBACK")
    assert counts(target) == COUNTS


def test_restore_into_a_new_store_gives_the_same_data_at_the_latest_schema(store, db_url, tmp_path):
    copy = backup(db_url, tmp_path / "copy.db")
    new_url = f"sqlite:///{tmp_path / 'elsewhere' / 'store.db'}"
    revision = restore(copy, new_url)
    assert revision == schema_version(store)[1]
    assert counts(path_of(new_url)) == COUNTS


def test_restore_refuses_a_store_holding_data_without_force(store, db_url, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    other_url = f"sqlite:///{empty / 'store.db'}"
    other = make_engine(other_url)
    migrate(other)
    other.dispose()
    emptied = backup(other_url, tmp_path / "empty.db")  # a backup of a store without data
    with pytest.raises(BackupError, match="--force"):
        restore(emptied, db_url)
    assert counts(path_of(db_url)) == COUNTS
    restore(emptied, db_url, force=True)
    assert counts(path_of(db_url)) == {"commune": 0, "shop": 0, "monthly_visits": 0}


@pytest.mark.parametrize("content", [b"", b"not a database at all", b"SQLite format 3\x00" + b"\x00" * 50])
def test_restore_refuses_a_file_that_is_not_a_backup(store, db_url, tmp_path, content):
    bad = tmp_path / "bad.db"
    bad.write_bytes(content)
    with pytest.raises(BackupError):
        restore(bad, db_url, force=True)
    assert counts(path_of(db_url)) == COUNTS


def test_restore_refuses_a_truncated_backup(store, db_url, tmp_path):
    copy = backup(db_url, tmp_path / "copy.db")
    data = copy.read_bytes()
    copy.write_bytes(data[: len(data) // 2])
    with pytest.raises(BackupError):
        restore(copy, db_url, force=True)
    assert counts(path_of(db_url)) == COUNTS


def test_backup_needs_a_sqlite_store(tmp_path):
    with pytest.raises(BackupError, match="SQLite store file only: use pg_dump and pg_restore"):
        backup("postgresql://wiker@localhost/wiker", tmp_path / "copy.db")


def run(url: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "wiker_data", *args],
        cwd=settings.PROJECT_ROOT,
        env=dict(os.environ, WIKER_DATABASE_URL=url),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cli_backup_then_restore_on_a_new_store(store, db_url, tmp_path):
    copy = tmp_path / "wiker-backup.db"
    done = run(db_url, "backup", str(copy))
    assert done.returncode == 0, done.stderr
    new_url = f"sqlite:///{tmp_path / 'new' / 'store.db'}"
    done = run(new_url, "restore", str(copy))
    assert done.returncode == 0, done.stderr
    assert counts(path_of(new_url)) == COUNTS
    done = run(new_url, "restore", str(copy))
    assert done.returncode == 1
    assert done.stderr.startswith("error: ") and "--force" in done.stderr
    assert len(done.stderr.splitlines()) == 1


def test_cli_restore_of_a_missing_file_is_one_error_line(store, db_url, tmp_path):
    done = run(db_url, "restore", str(tmp_path / "missing.db"))
    assert done.returncode == 1
    assert done.stderr.startswith("error: no backup file")
    assert len(done.stderr.splitlines()) == 1


def main_run(monkeypatch, capsys, url: str, *args: str) -> tuple[int, str]:
    """Run the CLI's main in-process; return its exit status and its stderr."""
    from wiker_data.cli.main import main

    monkeypatch.setenv("WIKER_DATABASE_URL", url)
    status = main(list(args))
    return status, capsys.readouterr().err


def listing(folder) -> dict[str, tuple]:
    """Every entry under `folder` (not following symlinks) with its kind and content or link target."""
    found = {}
    for entry in sorted(folder.rglob("*")):
        if entry.is_symlink():
            found[str(entry)] = ("link", os.readlink(entry))
        elif entry.is_file():
            found[str(entry)] = ("file", entry.read_bytes())
        else:
            found[str(entry)] = ("other", entry.stat().st_mode)
    return found


def make_symlink_to_file(folder):
    (folder / "real.db").write_bytes(b"keep me")
    (folder / "target.db").symlink_to(folder / "real.db")
    return folder / "target.db"


def make_symlink_to_missing(folder):
    (folder / "target.db").symlink_to(folder / "nowhere.db")
    return folder / "target.db"


def make_symlink_to_dev_null(folder):
    (folder / "target.db").symlink_to("/dev/null")
    return folder / "target.db"


def make_directory(folder):
    (folder / "target.db").mkdir()
    return folder / "target.db"


def make_fifo(folder):
    os.mkfifo(folder / "target.db")
    return folder / "target.db"


def make_existing_file(folder):
    (folder / "target.db").write_bytes(b"an older backup")
    return folder / "target.db"


def make_missing_folder(folder):
    return folder / "missing" / "target.db"


def make_folder_under_a_file(folder):
    (folder / "plain").write_bytes(b"a file, not a folder")
    return folder / "plain" / "target.db"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (make_symlink_to_file, "is a symbolic link"),
        (make_symlink_to_missing, "is a symbolic link"),
        (make_symlink_to_dev_null, "is a symbolic link"),
        (make_directory, "is not a regular file"),
        (make_fifo, "is not a regular file"),
        (make_existing_file, "already exists: give --force to replace it"),
        (make_missing_folder, "no folder"),
        (make_folder_under_a_file, "no folder"),
    ],
)
def test_cli_backup_refuses_a_bad_target_with_one_error_line(
    store, db_url, tmp_path, monkeypatch, capsys, make, message
):
    folder = tmp_path / "out"
    folder.mkdir()
    target = make(folder)
    before = listing(folder)
    status, err = main_run(monkeypatch, capsys, db_url, "backup", str(target))
    assert status == 1
    assert err.startswith("error: ") and str(target) in err and message in err, err
    assert len(err.splitlines()) == 1
    assert listing(folder) == before


def test_cli_backup_replaces_an_existing_file_only_with_force(store, db_url, tmp_path, monkeypatch, capsys):
    target = tmp_path / "target.db"
    target.write_bytes(b"an older backup")
    status, err = main_run(monkeypatch, capsys, db_url, "backup", str(target), "--force")
    assert status == 0, err
    assert counts(target) == COUNTS
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("target")) == ["target.db"]


def test_backup_ignores_a_symlinked_partial_sibling(store, db_url, tmp_path, monkeypatch, capsys):
    (tmp_path / "real.db").write_bytes(b"keep me")
    (tmp_path / "target.db.partial").symlink_to(tmp_path / "real.db")
    status, err = main_run(monkeypatch, capsys, db_url, "backup", str(tmp_path / "target.db"))
    assert status == 0, err
    assert (tmp_path / "real.db").read_bytes() == b"keep me"
    assert counts(tmp_path / "target.db") == COUNTS


def test_cli_backup_refuses_the_store_itself(store, db_url, monkeypatch, capsys):
    before = Path(path_of(db_url)).read_bytes()
    status, err = main_run(monkeypatch, capsys, db_url, "backup", path_of(db_url), "--force")
    assert status == 1
    assert err.startswith("error: ") and "the store itself" in err and len(err.splitlines()) == 1
    assert Path(path_of(db_url)).read_bytes() == before


def edited(sql: str):
    """A maker of a hostile backup: a good backup of the store with `sql` run on it (foreign keys off)."""

    def make(good, folder):
        with contextlib.closing(sqlite3.connect(good)) as connection:
            connection.executescript(sql)
        return good

    make.__name__ = sql.split()[0].lower()
    return make


def raw(content: bytes):
    def make(good, folder):
        (folder / "bad.db").write_bytes(content)
        return folder / "bad.db"

    return make


def zipped(good, folder):
    import zipfile

    with zipfile.ZipFile(folder / "bad.db", "w") as archive:
        archive.write(good, "store.db")
    return folder / "bad.db"


def only_alembic_version(good, folder):
    revision = check_backup(good)
    with contextlib.closing(sqlite3.connect(folder / "bad.db")) as connection:
        connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
        connection.execute("INSERT INTO alembic_version VALUES (?)", (revision,))
        connection.commit()
    return folder / "bad.db"


def link_to_dev_zero(good, folder):
    (folder / "bad.db").symlink_to("/dev/zero")
    return folder / "bad.db"


def wal_mode(good, folder):
    with contextlib.closing(sqlite3.connect(good)) as connection:
        connection.execute("PRAGMA journal_mode=WAL")
    return good


def wal_file_beside(good, folder):
    (folder / "good.db-wal").write_bytes(b"")
    return good


def damaged_page(good, folder):
    data = bytearray(good.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page * 3 : page * 4] = b"\xff" * page  # the third page: a table's b-tree page
    good.write_bytes(bytes(data))
    return good


HOSTILE = [
    (only_alembic_version, "has no table"),
    (
        edited(
            "CREATE TRIGGER wipe_catalogue AFTER INSERT ON audit_entry BEGIN DELETE FROM catalogue_item; END;"
        ),
        "holds a trigger wipe_catalogue that the schema does not have",
    ),
    (edited("CREATE TABLE extra (x);"), "holds a table extra that the schema does not have"),
    (
        edited("CREATE VIEW every_shop AS SELECT * FROM shop;"),
        "holds a view every_shop that the schema does not have",
    ),
    (edited("DROP INDEX ix_shop_category;"), "has no index ix_shop_category"),
    (edited("ALTER TABLE shop DROP COLUMN website;"), "table shop has no column website"),
    (
        edited("ALTER TABLE shop ADD COLUMN x TEXT;"),
        "table shop has a column x that the schema does not have",
    ),
    (
        edited("DROP INDEX ix_shop_category; CREATE INDEX ix_shop_category ON shop (name);"),
        "index ix_shop_category differs from the schema",
    ),
    (
        edited(
            "INSERT INTO catalogue_item (id, shop_id, name, created_at, updated_at)"
            " VALUES (1000, 99, 'x', 0, 0);"
        ),
        "foreign key check failed: table catalogue_item row 1000 refers to missing shop 99",
    ),
    (edited("UPDATE alembic_version SET version_num = 'deadbeef';"), "schema revision 'deadbeef' is unknown"),
    (edited("DELETE FROM alembic_version;"), "no single schema revision"),
    (edited("PRAGMA application_id = 1234;"), "another application (application_id 1234)"),
    (raw(b"not a database at all"), "not a SQLite database"),
    (raw(b""), "the file is empty"),
    (zipped, "not a SQLite database"),
    (link_to_dev_zero, "not a regular file"),
    (wal_mode, "WAL-mode"),
    (wal_file_beside, "a -wal or -journal file beside it"),
    (damaged_page, "damaged"),
]


@pytest.mark.parametrize(
    ("make", "message"), HOSTILE, ids=[f"{i}-{m.__name__}" for i, (m, _) in enumerate(HOSTILE)]
)
def test_cli_restore_refuses_a_hostile_backup_and_leaves_the_store_unchanged(
    store, db_url, tmp_path, monkeypatch, capsys, make, message
):
    folder = tmp_path / "in"
    folder.mkdir()
    bad = make(backup(db_url, folder / "good.db"), folder)
    before = hashlib.sha256(Path(path_of(db_url)).read_bytes()).hexdigest()
    status, err = main_run(monkeypatch, capsys, db_url, "restore", str(bad), "--force")
    assert status == 1
    assert err.startswith(f"error: {bad}") and message in err, err
    assert len(err.splitlines()) == 1
    assert hashlib.sha256(Path(path_of(db_url)).read_bytes()).hexdigest() == before
    assert counts(path_of(db_url)) == COUNTS


def test_restore_ignores_an_odd_user_version(store, db_url, tmp_path):
    good = backup(db_url, tmp_path / "good.db")
    with contextlib.closing(sqlite3.connect(good)) as connection:
        connection.execute("PRAGMA user_version = 77")
    assert restore(good, f"sqlite:///{tmp_path / 'new.db'}") == schema_version(store)[1]


def test_restore_of_an_older_revision_checks_it_against_that_revision_then_upgrades(tmp_path):
    from alembic import command
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from wiker_data.db import MIGRATIONS_DIR

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    script = ScriptDirectory.from_config(config)
    head = script.get_current_head()
    older = script.get_revision(head).down_revision
    old_url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(old_url)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, older)
    engine.dispose()
    old = backup(old_url, tmp_path / "old-backup.db")
    assert check_backup(old) == older
    assert restore(old, f"sqlite:///{tmp_path / 'new.db'}") == head
