"""Shared fixtures: a real SQLite file per test, migrated to the latest schema."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from tests import fixture_store
from wiker_data.db import make_engine, migrate


@pytest.fixture
def db_url(tmp_path, monkeypatch):
    """Return the URL of an empty store file, also set as WIKER_DATABASE_URL."""
    url = f"sqlite:///{tmp_path / 'store.db'}"
    monkeypatch.setenv("WIKER_DATABASE_URL", url)
    return url


@pytest.fixture
def engine(db_url):
    """Return an engine on a migrated, empty store."""
    engine = make_engine(db_url)
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def store(engine):
    """Return the engine of a store holding the hand-worked fixture (tests/fixture_store.py)."""
    with Session(engine) as session:
        fixture_store.build(session)
        session.commit()
    return engine


@pytest.fixture
def session(store):
    """Return a session on the hand-worked fixture store."""
    with Session(store) as session:
        yield session
