"""Initial schema: communes, shops, status events, catalogue items, monthly visits.

Revision ID: 0001
Revises:
Create Date: 2026-11-26 07:18:18.362450
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "commune",
        sa.Column("code", sa.String(length=5), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("postal_code", sa.String(length=5), nullable=True),
        sa.Column("departement", sa.String(length=3), nullable=False),
        sa.Column("population", sa.Integer(), nullable=True),
        sa.Column("population_year", sa.Integer(), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("joined_on", sa.Date(), nullable=True),
        sa.Column("shop_units", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("length(code) = 5", name="commune_code_5_chars"),
        sa.CheckConstraint("population IS NULL OR population >= 0", name="commune_population_positive"),
        sa.CheckConstraint("shop_units IS NULL OR shop_units >= 0", name="commune_shop_units_positive"),
        sa.PrimaryKeyConstraint("code"),
    )
    with op.batch_alter_table("commune", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_commune_departement"), ["departement"], unique=False)

    op.create_table(
        "monthly_visits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("commune_code", sa.String(length=5), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("visits", sa.Integer(), nullable=False),
        sa.Column("unique_visitors", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.CheckConstraint("unique_visitors IS NULL OR unique_visitors >= 0", name="monthly_unique_positive"),
        sa.CheckConstraint("visits >= 0", name="monthly_visits_positive"),
        sa.ForeignKeyConstraint(
            ["commune_code"],
            ["commune.code"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("commune_code", "month", name="monthly_visits_one_row_a_month"),
    )
    op.create_table(
        "shop",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("commune_code", sa.String(length=5), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("address", sa.String(length=300), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("phone", sa.String(length=30), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("website", sa.String(length=500), nullable=True),
        sa.Column("online_shop_url", sa.String(length=500), nullable=True),
        sa.Column("social_links", sa.JSON(), nullable=False),
        sa.Column("opening_hours", sa.Text(), nullable=True),
        sa.Column("in_store", sa.Boolean(), nullable=False),
        sa.Column("click_collect", sa.Boolean(), nullable=False),
        sa.Column("delivery", sa.Boolean(), nullable=False),
        sa.Column("appointment", sa.Boolean(), nullable=False),
        sa.Column("online_shop", sa.Boolean(), nullable=False),
        sa.Column("siret", sa.String(length=14), nullable=True),
        sa.Column("osm_id", sa.String(length=30), nullable=True),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["commune_code"],
            ["commune.code"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("osm_id"),
        sa.UniqueConstraint("siret"),
    )
    with op.batch_alter_table("shop", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_shop_category"), ["category"], unique=False)
        batch_op.create_index("ix_shop_commune_category", ["commune_code", "category"], unique=False)
        batch_op.create_index(batch_op.f("ix_shop_commune_code"), ["commune_code"], unique=False)

    op.create_table(
        "catalogue_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("shop_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("price", sa.Numeric(precision=10, scale=2), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("price IS NULL OR price >= 0", name="catalogue_price_positive"),
        sa.ForeignKeyConstraint(["shop_id"], ["shop.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("catalogue_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_catalogue_item_shop_id"), ["shop_id"], unique=False)

    op.create_table(
        "status_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("shop_id", sa.Integer(), nullable=False),
        sa.Column("event_date", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("note", sa.String(length=300), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('opened', 'closed', 'reopened', 'temporarily_closed')", name="status_event_kind_known"
        ),
        sa.ForeignKeyConstraint(["shop_id"], ["shop.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("status_event", schema=None) as batch_op:
        batch_op.create_index("ix_status_event_date_kind", ["event_date", "kind"], unique=False)
        batch_op.create_index("ix_status_event_shop_date", ["shop_id", "event_date"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("status_event", schema=None) as batch_op:
        batch_op.drop_index("ix_status_event_shop_date")
        batch_op.drop_index("ix_status_event_date_kind")

    op.drop_table("status_event")
    with op.batch_alter_table("catalogue_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_catalogue_item_shop_id"))

    op.drop_table("catalogue_item")
    with op.batch_alter_table("shop", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_shop_commune_code"))
        batch_op.drop_index("ix_shop_commune_category")
        batch_op.drop_index(batch_op.f("ix_shop_category"))

    op.drop_table("shop")
    op.drop_table("monthly_visits")
    with op.batch_alter_table("commune", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_commune_departement"))

    op.drop_table("commune")
