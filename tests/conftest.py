"""Shared fixtures: a store per test, migrated to the latest schema, on each database of
tests/databases.py (test ids say which: `test_x[sqlite]`, `test_x[postgresql]`)."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

import wiker_data.services  # noqa: F401 (keeps the monthly figures of the fixtures built with plain sessions)
from tests import fixture_store
from tests.builders import add_account, add_commune
from tests.databases import DATABASES, POSTGRES_URL, PostgresDatabases
from wiker_data.db import make_engine, migrate
from wiker_data.models import CommunePopulation


@pytest.hookimpl(tryfirst=True)  # before pytest reads the parametrize marks
def pytest_generate_tests(metafunc):
    # @pytest.mark.sqlite_only(reason=...): the test's store stays on SQLite (e.g. SQLite's backup API).
    # A parametrize mark on db_url takes precedence over the fixture's own params.
    if "db_url" in metafunc.fixturenames and metafunc.definition.get_closest_marker("sqlite_only"):
        metafunc.definition.add_marker(pytest.mark.parametrize("db_url", ["sqlite"], indirect=True))


@pytest.fixture(scope="session")
def postgres_databases():
    """Return the creator of this session's PostgreSQL test databases."""
    databases = PostgresDatabases(POSTGRES_URL)
    yield databases
    databases.close()


@pytest.fixture(params=DATABASES)
def db_url(request, tmp_path, monkeypatch):
    """Return the URL of an empty store (a SQLite file, or a PostgreSQL database of its own), also set
    as WIKER_DATABASE_URL. On PostgreSQL a test that uses `engine` gets a copy of the migrated
    template instead, so that `migrate` has nothing left to do."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'store.db'}"
    else:
        databases = request.getfixturevalue("postgres_databases")
        url = databases.create(migrated="engine" in request.fixturenames)
        request.addfinalizer(lambda: databases.drop(url))
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
def populations(engine):
    """Return the engine of a store with Donges at its 2023 population (8,219) and Trignac at its
    2021 one (8,106), each with that year in its population history; no other commune."""
    with Session(engine) as session:
        add_commune(session, "44052", "Donges", population=8219, population_year=2023)
        session.add(CommunePopulation(commune_code="44052", year=2023, population=8219))
        add_commune(session, "44210", "Trignac", population=8106, population_year=2021)
        session.add(CommunePopulation(commune_code="44210", year=2021, population=8106))
        session.commit()
    return engine


@pytest.fixture
def donges_trignac(engine):
    """Return the engine of a store holding only Donges and Trignac (with Trignac's town centre)."""
    with Session(engine) as session:
        add_commune(session, "44052", "Donges")
        add_commune(session, "44210", "Trignac", postal_code="44570", latitude=47.317846, longitude=-2.187667)
        session.commit()
    return engine


@pytest.fixture
def session(store):
    """Return a session on the hand-worked fixture store."""
    with Session(store) as session:
        yield session


@pytest.fixture
def fresh_caches():
    """Clear Streamlit's caches before and after a page test (the `pytestmark` of tests/test_page*.py)."""
    import streamlit as st  # only the page tests need Streamlit

    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def coordinator(store):
    """Return the fixture store with the coordinator `marie` of Donges (password: pages_helpers.PASSWORD)."""
    from tests.pages_helpers import PASSWORD

    with Session(store) as session:
        add_account(session, "marie", PASSWORD, "coordinator", ["44052"])
        session.commit()
    return store


@pytest.fixture
def seventy_communes(engine):
    """Return the engine of a store of 70 member communes and no shop: "Bourg 0" to "Bourg 69",
    codes 44300 to 44369, Bourg i with 1,000 × (70 − i) inhabitants (so listed in that order)."""
    with Session(engine) as session:
        for i in range(70):
            add_commune(session, f"443{i:02d}", f"Bourg {i}", population=1000 * (70 - i))
        session.commit()
    return engine
