"""The Alembic migrations and the models describe the same schema."""

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from wiker_data.db import _alembic_config, make_engine, migrate, schema_version
from wiker_data.models import Base


def test_migrated_store_matches_the_models(engine):
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_store_is_at_the_latest_revision(engine):
    current, head = schema_version(engine)
    assert current == head


def test_migrations_go_down_to_an_empty_store_and_up_again(db_url):
    engine = make_engine(db_url)
    try:
        migrate(engine)
        with engine.begin() as connection:
            command.downgrade(_alembic_config(connection), "base")
        with engine.connect() as connection:
            assert set(inspect(connection).get_table_names()) <= {"alembic_version"}
        migrate(engine)
        test_migrated_store_matches_the_models(engine)
    finally:
        engine.dispose()
