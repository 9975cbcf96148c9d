"""The monthly figures kept ahead of time (models.MonthlyFigures), built once from the raw events;
from then on every write transaction keeps them (services.figures).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 16:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

COUNTS = [
    "openings",
    "closures",
    "reopenings",
    "reopenings_after_closure",
    "temporary_closures",
    "recorded",
    "open_move",
    "temporary_move",
]


def upgrade() -> None:
    op.create_table(
        "monthly_figures",
        sa.Column("commune_code", sa.String(length=5), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("click_collect", sa.Boolean(), nullable=False),
        sa.Column("delivery", sa.Boolean(), nullable=False),
        sa.Column("online_shop", sa.Boolean(), nullable=False),
        sa.Column("online", sa.Boolean(), nullable=False),
        *(sa.Column(name, sa.Integer(), nullable=False) for name in COUNTS),
        sa.PrimaryKeyConstraint(
            "commune_code", "month", "category", "click_collect", "delivery", "online_shop", "online"
        ),
    )
    op.create_index("ix_monthly_figures_month", "monthly_figures", ["month"])
    from wiker_data.services.figures import rebuild  # the one definition of the figures

    rebuild(op.get_bind(), totals=False)  # the running totals come with 0009


def downgrade() -> None:
    op.drop_index("ix_monthly_figures_month", table_name="monthly_figures")
    op.drop_table("monthly_figures")
