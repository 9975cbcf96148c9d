"""The checks a backup file passes before it may replace a store: a plain SQLite file, sound
(integrity and foreign keys), at a schema revision this code knows, and with exactly the schema the
migrations create at that revision: same tables, columns, indexes, and no other trigger, view or table.

The backup is only ever opened read-only with `trusted_schema=OFF` and only read (sqlite_master and
pragmas): nothing it holds is executed, no trigger can fire."""

from __future__ import annotations

import contextlib
import functools
import os
import sqlite3
import stat
import tempfile
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import create_engine

from wiker_data.db import MIGRATIONS_DIR

SQLITE_HEADER = b"SQLite format 3\x00"


class BackupError(Exception):
    """A backup or a restoration that cannot be done; nothing was changed."""


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def open_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection to `path` that runs no SQL function found in its schema."""
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    connection.execute("PRAGMA trusted_schema=OFF")
    return connection


def describe(connection: sqlite3.Connection) -> dict:
    """The schema of a SQLite database: every sqlite_master entry by (type, name) with its details."""
    entries = {}
    rows = connection.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master"
        " WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name"
    ).fetchall()
    for kind, name, table, sql in rows:
        if kind == "table":
            detail = connection.execute(
                'SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid', (name,)
            ).fetchall()
        elif kind == "index":
            unique = connection.execute(
                'SELECT "unique" FROM pragma_index_list(?) WHERE name = ?', (table, name)
            )
            columns = connection.execute("SELECT name FROM pragma_index_info(?) ORDER BY seqno", (name,))
            detail = (table, (unique.fetchone() or (None,))[0], [column for (column,) in columns])
        else:
            detail = (table, sql)
        entries[(kind, name)] = detail
    return entries


@functools.cache
def reference_schema(revision: str) -> dict:
    """The schema the migrations create at `revision`, built once per process on a temporary file."""
    with tempfile.TemporaryDirectory(prefix="wiker-schema-") as folder:
        file = Path(folder) / "reference.db"
        engine = create_engine(f"sqlite:///{file}")
        try:
            with engine.begin() as connection:
                config = _config()
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
        finally:
            engine.dispose()
        with contextlib.closing(open_read_only(file)) as connection:
            return describe(connection)


COLUMN_FIELDS = ("name", "type", "notnull", "default", "pk")


def _tables_first(entry: tuple[str, str]) -> tuple[bool, str, str]:
    return (entry[0] != "table", *entry)


def first_schema_difference(found: dict, expected: dict) -> str | None:
    """The first way `found` differs from `expected`, in words; None when they are equal."""
    for kind, name in sorted(found, key=_tables_first):
        if (kind, name) not in expected:
            return f"holds a {kind} {name} that the schema does not have"
    for kind, name in sorted(expected, key=_tables_first):
        if (kind, name) not in found:
            return f"has no {kind} {name}"
    for (kind, name), want in expected.items():
        got = found[(kind, name)]
        if got == want:
            continue
        if kind != "table":
            return f"{kind} {name} differs from the schema"
        want_by_name = {column[0]: column for column in want}
        got_by_name = {column[0]: column for column in got}
        for column in want_by_name:
            if column not in got_by_name:
                return f"table {name} has no column {column}"
        for column in got_by_name:
            if column not in want_by_name:
                return f"table {name} has a column {column} that the schema does not have"
        for column, want_column in want_by_name.items():
            for field, have, should in zip(COLUMN_FIELDS, got_by_name[column], want_column, strict=True):
                if have != should:
                    return f"table {name} column {column} has {field} {have!r}, the schema {should!r}"
        return f"table {name} has its columns in another order than the schema"
    return None


def _foreign_key_problem(connection: sqlite3.Connection) -> str | None:
    """The first broken reference, in words (table and column names are the checked schema's)."""
    problem = connection.execute("PRAGMA foreign_key_check").fetchone()
    if problem is None:
        return None
    table, rowid, parent, key_id = problem
    source = connection.execute('SELECT "from" FROM pragma_foreign_key_list(?) WHERE id = ?', (table, key_id))
    column = source.fetchone()[0]
    query = f"SELECT {_quoted(column)} FROM {_quoted(table)} WHERE rowid = ?"  # names from the file's schema
    value = connection.execute(query, (rowid,)).fetchone()[0]
    return f"foreign key check failed: table {table} row {rowid} refers to missing {parent} {value}"


def _open_checked_file(path: Path) -> None:
    """Raise BackupError unless `path` is a regular, single-file, non-WAL SQLite database."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise BackupError(f"no backup file at {path}") from None
    if not stat.S_ISREG(info.st_mode):
        raise BackupError(f"{path}: not a regular file")
    if info.st_size == 0:
        raise BackupError(f"{path}: the file is empty")
    with open(path, "rb") as file:
        header = file.read(100)
    if not header.startswith(SQLITE_HEADER):
        raise BackupError(f"{path}: not a SQLite database")
    if len(header) < 100 or header[18] == 2 or header[19] == 2:
        raise BackupError(f"{path}: a WAL-mode or truncated database, not a single-file backup")
    if Path(f"{path}-wal").exists() or Path(f"{path}-journal").exists():
        raise BackupError(f"{path}: has a -wal or -journal file beside it, not a single-file backup")


def check_backup(path: Path) -> str:
    """Return the schema revision of a backup file; raise BackupError naming the first problem found."""
    _open_checked_file(path)
    try:
        with contextlib.closing(open_read_only(path)) as connection:
            try:
                integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
            except sqlite3.DatabaseError as error:
                raise BackupError(f"{path}: damaged (SQLite integrity check: {error})") from None
            if integrity != "ok":
                raise BackupError(f"{path}: damaged (SQLite integrity check: {integrity})")
            found = describe(connection)
            if ("table", "alembic_version") not in found:
                raise BackupError(f"{path}: not a Wiker store backup: it has no schema revision")
            rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
            if len(rows) != 1 or not isinstance(rows[0][0], str):
                raise BackupError(f"{path}: not a Wiker store backup: it has no single schema revision")
            revision = rows[0][0]
            try:
                ScriptDirectory.from_config(_config()).get_revision(revision)
            except CommandError:
                raise BackupError(
                    f"{path}: schema revision {revision!r} is unknown to this version of Wiker"
                ) from None
            difference = first_schema_difference(found, reference_schema(revision))
            if difference:
                raise BackupError(f"{path}: {difference}")
            application_id = connection.execute("PRAGMA application_id").fetchone()[0]
            if application_id != 0:
                raise BackupError(
                    f"{path}: the database of another application (application_id {application_id})"
                )
            problem = _foreign_key_problem(connection)
            if problem:
                raise BackupError(f"{path}: {problem}")
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path}: not a Wiker store backup: {error}") from None
    return revision


def _quoted(name: str) -> str:
    """Return an SQL identifier quoted, its own double quotes doubled: a hostile name stays a name."""
    return '"' + name.replace('"', '""') + '"'
