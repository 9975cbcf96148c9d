"""The one engine factory, and the store's schema: create it or migrate it to the latest version.
(Opening a store that seeds the demo data when empty is `wiker_data.demo.generator.open_store`.)"""

from __future__ import annotations

import secrets
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, delete, event, func, insert, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from wiker_data import settings
from wiker_data.models import AuditEntry, Commune, CommuneRevision, Shop

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# How long a write waits for the one in progress before giving up: SQLite's busy timeout, and the
# lock_timeout of services.write_transaction on PostgreSQL.
WRITE_WAIT_SECONDS = 15.0


def _on_sqlite_connect(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str | None = None) -> Engine:
    """Return an engine for `url` (default: the configured store); SQLite in WAL mode, foreign keys on."""
    url = url or settings.database_url()
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    database = parsed.database
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": WRITE_WAIT_SECONDS})
    event.listen(engine, "connect", _on_sqlite_connect)
    return engine


def _alembic_config(connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def migrate(engine: Engine) -> None:
    """Create the store or upgrade it to the latest schema version."""
    with engine.begin() as connection:
        command.upgrade(_alembic_config(connection), "head")


def schema_version(engine: Engine) -> tuple[str | None, str]:
    """Return (the store's schema revision, the latest revision the code knows)."""
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
        head = ScriptDirectory.from_config(_alembic_config(connection)).get_current_head()
    return current, head


def is_empty(engine: Engine) -> bool:
    """Return True when the store holds no commune and no shop."""
    with Session(engine) as session:
        communes = session.scalar(select(func.count()).select_from(Commune))
        shops = session.scalar(select(func.count()).select_from(Shop))
    return not communes and not shops


def refresh_statistics(connection: Connection) -> None:
    """After a bulk load (the demo, `rebuild-figures`), have PostgreSQL read the new tables' row
    counts and values (ANALYZE), in the caller's transaction. Until its autovacuum does it, a
    minute or so later, it plans the pages' queries for empty tables: one page of the national
    benchmark took 526 s instead of 1.7 s. SQLite's planner keeps its own defaults: no statistics."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql("ANALYZE")


def renew_generation(connection: Connection) -> None:
    """Give the store a new generation (models.CommuneRevision.GENERATION), in the caller's
    transaction: after its data was replaced wholesale (a forced demo load, a restore), no figure a
    running app cached from the data before is served again."""
    table = CommuneRevision.__table__  # 31 random bits: a PostgreSQL INTEGER holds them
    connection.execute(delete(table))  # the communes' revisions went with the data they counted
    connection.execute(
        insert(table).values(commune_code=CommuneRevision.GENERATION, revision=secrets.randbits(31))
    )
    latest = select(func.coalesce(func.max(AuditEntry.id), 0)).scalar_subquery()
    connection.execute(
        insert(table).values(commune_code=CommuneRevision.NETWORK, revision=latest, figures_revision=latest)
    )
