"""The databases the suite runs on: SQLite always, PostgreSQL too when WIKER_TEST_POSTGRES_URL names a
server where the suite may create databases (e.g. postgresql+psycopg://wiker@127.0.0.1:54329/postgres;
`.ci/run` starts a throwaway one).

On PostgreSQL a test gets a database of its own, dropped afterwards: the migrations run once per session
into a template database, and each test's database is a copy of it (CREATE DATABASE ... TEMPLATE is
several times faster than migrating) or, for a test that wants an empty store, a new empty one. The next
copies are made, and the used ones dropped, in the background while tests run.
"""

from __future__ import annotations

import itertools
import os
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from wiker_data.db import make_engine, migrate

POSTGRES_URL = os.environ.get("WIKER_TEST_POSTGRES_URL", "")
DATABASES = ["sqlite", "postgresql"] if POSTGRES_URL else ["sqlite"]
SPARES = 3  # copies made ahead, together: concurrent copies share the checkpoint each one needs


class PostgresDatabases:
    """Creates and drops the test databases of one pytest session on the server of POSTGRES_URL."""

    def __init__(self, url: str) -> None:
        self._url = make_url(url)
        self._admin = create_engine(self._url, isolation_level="AUTOCOMMIT")
        self._prefix = f"wiker_test_{os.getpid()}"
        self._numbers = itertools.count(1)
        self._template: str | None = None
        self._spares: deque[Future[str]] = deque()  # the next copies of the template, being made
        self._maker = ThreadPoolExecutor(max_workers=SPARES, thread_name_prefix="test-databases")
        with self._admin.connect() as connection:
            version = connection.dialect.server_version_info or (0,)
        # FILE_COPY (PostgreSQL 15+) copies a small template faster than the WAL_LOG default.
        self._strategy = " STRATEGY FILE_COPY" if version >= (15,) else ""

    def url_of(self, name: str) -> str:
        """Return the SQLAlchemy URL of database `name` on the server."""
        return self._url.set(database=name).render_as_string(hide_password=False)

    def _execute(self, statement: str) -> None:
        with self._admin.connect() as connection:
            connection.execute(text(statement))

    def _migrated_template(self) -> str:
        if self._template is None:
            name = f"{self._prefix}_template"
            self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            self._execute(f'CREATE DATABASE "{name}"')
            engine = make_engine(self.url_of(name))
            migrate(engine)
            engine.dispose()  # a template must have no open connection while it is copied
            self._template = name
        return self._template

    def _new_database(self, template: str | None = None) -> str:
        name = f"{self._prefix}_{next(self._numbers)}"
        copy = f' TEMPLATE "{template}"{self._strategy}' if template else ""
        self._execute(f'CREATE DATABASE "{name}"{copy}')
        return name

    def create(self, migrated: bool) -> str:
        """Return the URL of a new database: a copy of the migrated template, or empty."""
        if not migrated:
            return self.url_of(self._new_database())
        template = self._migrated_template()
        while len(self._spares) <= SPARES:
            self._spares.append(self._maker.submit(self._new_database, template))
        return self.url_of(self._spares.popleft().result())

    def drop(self, url: str) -> None:
        """Drop the database of `url` in the background, closing the connections still open on it (an
        app's cached engine); `close` sweeps up any drop that failed."""
        self._maker.submit(self._execute, f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')

    def close(self) -> None:
        """Drop what is left of this session's databases: the spare copies, those of interrupted tests."""
        self._maker.shutdown(wait=True)
        with self._admin.connect() as connection:
            names = connection.scalars(
                text("SELECT datname FROM pg_database WHERE starts_with(datname, :prefix)"),
                {"prefix": f"{self._prefix}_"},
            ).all()
            for name in names:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self._admin.dispose()
