"""A *recorded* status (a shop known open from a date it did not open on), commune.left_on and
the *takeaway* trade mode (shop.takeaway).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 10:45:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_KINDS_BEFORE = "kind IN ('opened', 'closed', 'reopened', 'temporarily_closed')"
_KINDS_AFTER = "kind IN ('opened', 'closed', 'reopened', 'temporarily_closed', 'recorded')"


def upgrade() -> None:
    with op.batch_alter_table("status_event", schema=None) as batch_op:
        batch_op.drop_constraint("status_event_kind_known", type_="check")
        batch_op.create_check_constraint("status_event_kind_known", _KINDS_AFTER)
    # Plain ALTER TABLE (SQLite 3.35+ adds and drops columns in place): a batch copy of a table would
    # break the foreign keys that point at it.
    op.add_column("commune", sa.Column("left_on", sa.Date(), nullable=True))
    op.add_column("shop", sa.Column("takeaway", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    op.drop_column("shop", "takeaway")
    op.drop_column("commune", "left_on")
    op.execute("UPDATE status_event SET kind = 'opened' WHERE kind = 'recorded'")
    with op.batch_alter_table("status_event", schema=None) as batch_op:
        batch_op.drop_constraint("status_event_kind_known", type_="check")
        batch_op.create_check_constraint("status_event_kind_known", _KINDS_BEFORE)
