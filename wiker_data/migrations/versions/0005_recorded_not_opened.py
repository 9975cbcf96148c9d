"""The openings that imports made up become *recorded* events (open from then, not an opening).

Before revision 0005 every shop an OpenStreetMap import created got an "opened" event, on its
`check_date` or on the file's date: OpenStreetMap gave no opening dates then, so each one is a
shop *seen* open, not opened (event source `osm`, kind `opened`). SIRENE openings on a
placeholder date (0001-01-01, 1900-01-01: source `sirene`) are no opening either; with no date
they are recorded from the day the shop entered the store, or from its next event when that came
first. (The older SIRENE import dated an unknown creation by `dateDebut`: those cannot be told
from real creation dates, and stay.)

Every event converted is audited like any change (actor "migration 0005", source "migration"),
so the history shows it and it can be undone. The downgrade converts back the events whose
entry was not undone, and removes those entries.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 16:30:00.000000
"""

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

ACTOR, SOURCE = "migration 0005", "migration"
PLACEHOLDERS = (dt.date(1, 1, 1), dt.date(1900, 1, 1))

status_event = sa.table(
    "status_event",
    sa.column("id", sa.Integer),
    sa.column("shop_id", sa.Integer),
    sa.column("event_date", sa.Date),
    sa.column("kind", sa.String),
    sa.column("source", sa.String),
)
shop = sa.table(
    "shop",
    sa.column("id", sa.Integer),
    sa.column("commune_code", sa.String),
    sa.column("created_at", sa.DateTime),
)
audit_entry = sa.table(
    "audit_entry",
    sa.column("id", sa.Integer),
    sa.column("at", sa.DateTime),
    sa.column("account_id", sa.Integer),
    sa.column("actor", sa.String),
    sa.column("action", sa.String),
    sa.column("entity", sa.String),
    sa.column("entity_id", sa.String),
    sa.column("commune_code", sa.String),
    sa.column("before", sa.JSON),
    sa.column("after", sa.JSON),
    sa.column("source", sa.String),
    sa.column("undoes_id", sa.Integer),
)


def _recorded_on(bind, event_id: int, shop_id: int, on: dt.date, created_at: dt.datetime) -> dt.date:
    """Return the date a made-up opening is recorded on: its own, unless a placeholder."""
    if on not in PLACEHOLDERS:
        return on
    following = bind.scalar(
        sa.select(sa.func.min(status_event.c.event_date)).where(
            status_event.c.shop_id == shop_id, status_event.c.id != event_id
        )
    )
    entered = created_at.date() if created_at else dt.date.today()
    return min(entered, following) if following else entered


def upgrade() -> None:
    bind = op.get_bind()
    made_up = sa.or_(
        status_event.c.source == "osm",
        sa.and_(status_event.c.source == "sirene", status_event.c.event_date.in_(PLACEHOLDERS)),
    )
    rows = bind.execute(
        sa.select(
            status_event.c.id,
            status_event.c.shop_id,
            status_event.c.event_date,
            shop.c.commune_code,
            shop.c.created_at,
        )
        .join(shop, shop.c.id == status_event.c.shop_id)
        .where(status_event.c.kind == "opened", made_up)
        .order_by(status_event.c.id)
    ).all()
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    for event_id, shop_id, on, commune_code, created_at in rows:
        recorded_on = _recorded_on(bind, event_id, shop_id, on, created_at)
        bind.execute(
            status_event.update()
            .where(status_event.c.id == event_id)
            .values(kind="recorded", event_date=recorded_on)
        )
        before, after = {"shop_id": shop_id, "kind": "opened"}, {"shop_id": shop_id, "kind": "recorded"}
        if recorded_on != on:
            before["event_date"], after["event_date"] = on.isoformat(), recorded_on.isoformat()
        bind.execute(
            audit_entry.insert().values(
                at=now,
                account_id=None,
                actor=ACTOR,
                action="update",
                entity="status_event",
                entity_id=str(event_id),
                commune_code=commune_code,
                before=before,
                after=after,
                source=SOURCE,
                undoes_id=None,
            )
        )


def downgrade() -> None:
    bind = op.get_bind()
    undone = sa.select(audit_entry.c.undoes_id).where(audit_entry.c.undoes_id.is_not(None))
    entries = bind.execute(
        sa.select(audit_entry.c.id, audit_entry.c.entity_id, audit_entry.c.before, audit_entry.c.after).where(
            audit_entry.c.actor == ACTOR, audit_entry.c.source == SOURCE, audit_entry.c.id.not_in(undone)
        )
    ).all()
    for entry_id, event_id, before, after in entries:
        event = status_event.c.id == int(event_id)
        values = {"kind": before["kind"]}
        if "event_date" in before:
            values["event_date"] = dt.date.fromisoformat(before["event_date"])
        bind.execute(
            status_event.update().where(event, status_event.c.kind == after["kind"]).values(**values)
        )
        bind.execute(audit_entry.delete().where(audit_entry.c.id == entry_id))
