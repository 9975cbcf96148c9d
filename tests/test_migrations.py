"""The Alembic migrations and the models describe the same schema."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from wiker_data.db import schema_version
from wiker_data.models import Base


def test_migrated_store_matches_the_models(engine):
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_store_is_at_the_latest_revision(engine):
    current, head = schema_version(engine)
    assert current == head
