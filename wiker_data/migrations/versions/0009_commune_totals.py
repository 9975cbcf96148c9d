"""Each commune's running totals month by month (models.CommuneTotals), built once from the kept
monthly figures; from then on every write transaction keeps them (services.figures).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 19:20:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

TOTALS = [
    "shops_open",
    "shops_online",
    "temporarily_closed",
    "openings",
    "closures",
    "reopenings",
    "reopenings_after_closure",
    "temporary_closures",
    "recorded",
]


def upgrade() -> None:
    op.create_table(
        "commune_totals",
        sa.Column("commune_code", sa.String(length=5), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        *(sa.Column(name, sa.Integer(), nullable=False) for name in TOTALS),
        sa.PrimaryKeyConstraint("commune_code", "month"),
    )
    from wiker_data.services.figures import rebuild  # the one definition of the figures

    # Both tables: the monthly figures too, which no transaction kept while this one was missing.
    rebuild(op.get_bind())


def downgrade() -> None:
    op.drop_table("commune_totals")
