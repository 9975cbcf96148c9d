"""Population history: one municipal population per commune and reference year.

The figures a store already holds (commune.population of commune.population_year)
become its first history rows, so that no commune loses its population.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 09:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "commune_population",
        sa.Column("commune_code", sa.String(length=5), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("population", sa.Integer(), nullable=False),
        sa.CheckConstraint("population >= 0", name="commune_population_year_positive"),
        sa.ForeignKeyConstraint(["commune_code"], ["commune.code"]),
        sa.PrimaryKeyConstraint("commune_code", "year"),
    )
    op.execute(
        "INSERT INTO commune_population (commune_code, year, population) "
        "SELECT code, population_year, population FROM commune "
        "WHERE population IS NOT NULL AND population_year IS NOT NULL"
    )


def downgrade() -> None:
    op.drop_table("commune_population")
