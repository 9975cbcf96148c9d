"""The revision of each commune's data (models.CommuneRevision), which the caches key a commune's
figures by, so that a save in one commune leaves the others' figures cached.

Filled from the audit log: each commune's latest entry; and the store's first generation. (A shop that moved before this revision
counts for its new commune only; the caches of a process start empty, so nothing is stale.)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 13:30:00.000000
"""

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

GENERATION = "*"  # models.CommuneRevision.GENERATION: the store's generation (db.renew_generation)


def upgrade() -> None:
    table = op.create_table(
        "commune_revision",
        sa.Column("commune_code", sa.String(length=5), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("commune_code"),
    )
    audit = sa.table("audit_entry", sa.column("id", sa.Integer), sa.column("commune_code", sa.String))
    latest = (
        sa.select(audit.c.commune_code, sa.func.max(audit.c.id))
        .where(audit.c.commune_code.is_not(None))
        .group_by(audit.c.commune_code)
    )
    op.execute(table.insert().from_select(["commune_code", "revision"], latest))
    op.execute(table.insert().values(commune_code=GENERATION, revision=secrets.randbits(31)))


def downgrade() -> None:
    op.drop_table("commune_revision")
