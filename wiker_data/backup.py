"""Backups of a SQLite store: a consistent single-file copy taken with SQLite's online backup API
while the app runs, and its restoration into a store on any machine."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import tempfile
from pathlib import Path

from sqlalchemy.engine import make_url

from wiker_data.backup_checks import BackupError, check_backup, open_read_only
from wiker_data.db import make_engine, migrate, renew_generation

__all__ = ["BackupError", "backup", "check_backup", "restore", "sqlite_path"]


def sqlite_path(url: str) -> Path:
    """Return the file of a SQLite store URL; raise BackupError for another database or an in-memory one."""
    parsed = make_url(url)
    database = parsed.database
    if parsed.get_backend_name() == "postgresql":
        raise BackupError("backup and restore work on a SQLite store file only: use pg_dump and pg_restore")
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        raise BackupError("backup and restore work on a SQLite store file only")
    return Path(database.removeprefix("file:").split("?")[0])


def _copy(source: sqlite3.Connection, target: Path) -> None:
    """Copy the database of `source` into the file `target`: written to a fresh temporary file in the
    target's folder (created exclusively, so never through a symlink), then moved in place."""
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    except OSError as error:
        raise BackupError(f"cannot write the backup {target}: {error.strerror}") from None
    os.close(handle)
    partial = Path(name)
    try:
        with contextlib.closing(sqlite3.connect(partial)) as copy:
            source.backup(copy)
            # One self-contained file: no -wal file needed beside it.
            copy.execute("PRAGMA journal_mode=DELETE")
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def _check_target(target: Path, store: Path, *, force: bool) -> None:
    """Raise BackupError unless `target` may receive a backup (never a symlink, a device or the store)."""
    if target.is_symlink():
        raise BackupError(f"the backup target {target} is a symbolic link: give a plain file path")
    if not target.parent.is_dir():
        raise BackupError(f"no folder {target.parent} for the backup {target}")
    if target.exists() and target.resolve() == store.resolve():
        raise BackupError(f"the backup file {target} must not be the store itself")
    if not target.exists():
        return
    if not stat.S_ISREG(target.lstat().st_mode):
        raise BackupError(f"the backup target {target} is not a regular file")
    if not force:
        raise BackupError(f"the backup target {target} already exists: give --force to replace it")


def backup(url: str, target: Path, *, force: bool = False) -> Path:
    """Return `target` after writing to it a consistent copy of the SQLite store at `url`.

    Only committed transactions are copied; the app may keep reading and writing meanwhile. An
    existing regular file at `target` is replaced only with `force`; anything else there is refused.
    """
    store = sqlite_path(url)
    if not store.exists():
        raise BackupError(f"no store at {store}")
    _check_target(target, store, force=force)
    with contextlib.closing(sqlite3.connect(f"file:{store}?mode=ro", uri=True)) as source:
        _copy(source, target)
    return target


def _holds_data(store: Path) -> bool:
    with contextlib.closing(sqlite3.connect(f"file:{store}?mode=ro", uri=True)) as connection:
        tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        return any(
            connection.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0]
            for table in ("commune", "shop", "account")
            if table in tables
        )


def restore(source: Path, url: str, *, force: bool = False) -> str:
    """Return the schema revision of the store at `url` after replacing its content with the backup.

    The store is then upgraded to the latest schema. A store that already holds communes, shops or
    accounts is replaced only with `force`.
    """
    store = sqlite_path(url)
    check_backup(source)
    if source.resolve() == store.resolve():
        raise BackupError("the backup file is the store itself")
    if store.exists() and _holds_data(store) and not force:
        raise BackupError(f"the store {store} already holds data: give --force to replace it")
    store.parent.mkdir(parents=True, exist_ok=True)
    with (
        contextlib.closing(open_read_only(source)) as backup_file,
        contextlib.closing(sqlite3.connect(store)) as connection,
    ):
        # The backup API replaces every page of the store in one step, under the store's lock.
        backup_file.backup(connection)
    engine = make_engine(url)
    try:
        migrate(engine)
        with engine.begin() as connection:
            renew_generation(connection)  # a running app must not serve what it cached before
            return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one()
    finally:
        engine.dispose()
