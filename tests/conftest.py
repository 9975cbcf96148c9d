"""Shared fixtures: a real SQLite file per test, migrated to the latest schema."""

from __future__ import annotations

import pytest

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
