"""Each commune's figures revision (models.CommuneRevision.figures_revision): the latest change that
could move a figure, which the figures' caches follow, while the map and the lists follow every
change. Until now every change could: each commune's figures revision starts at its revision, and
the store's row (NETWORK) at its latest audit entry (0 before any).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 21:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

NETWORK = "+"  # models.CommuneRevision.NETWORK


def upgrade() -> None:
    with op.batch_alter_table("commune_revision") as batch:
        batch.add_column(sa.Column("figures_revision", sa.Integer(), nullable=True))
    table = sa.table(
        "commune_revision",
        sa.column("commune_code", sa.String),
        sa.column("revision", sa.Integer),
        sa.column("figures_revision", sa.Integer),
    )
    op.execute(table.update().values(figures_revision=table.c.revision))
    audit = sa.table("audit_entry", sa.column("id", sa.Integer))
    latest = sa.func.coalesce(sa.func.max(audit.c.id), 0)
    network = sa.select(sa.literal(NETWORK), latest, latest)
    op.execute(table.insert().from_select(["commune_code", "revision", "figures_revision"], network))


def downgrade() -> None:
    op.execute(
        sa.text("DELETE FROM commune_revision WHERE commune_code = :network").bindparams(network=NETWORK)
    )
    with op.batch_alter_table("commune_revision") as batch:
        batch.drop_column("figures_revision")
