"""Alembic environment: migrations run on the connection handed over by
`wiker_data.db.migrate`, or on the configured store when run by the alembic CLI."""

from alembic import context

from wiker_data.models import Base


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    from wiker_data.db import make_engine

    with make_engine().begin() as own_connection:
        _run(own_connection)
