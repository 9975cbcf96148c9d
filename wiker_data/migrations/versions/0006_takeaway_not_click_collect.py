"""OpenStreetMap's `takeaway=yes`, stored as click & collect before revision 0004, becomes *takeaway*.

Until the takeaway trade mode came (revision 0004), the OpenStreetMap importer set
`click_collect` from the `takeaway` tag, and from no other tag: every `click_collect = true` an
import with source `osm` wrote meant `takeaway=yes`. A shop is converted (`takeaway` true,
`click_collect` false) when it is still click & collect and the last audit entry that set its
`click_collect` is such an import's (a create or an update, source `osm`, value true): a person's
create, update or undo after it (or any other source) leaves the shop alone, since a person's
click & collect is theirs.

Every shop converted is audited like any change (actor "migration 0006", source "migration"), so
the history shows it and it can be undone. The downgrade converts back the shops whose entry was
not undone and that still hold what it wrote, and removes those entries.

The audit values are read in Python: the JSON operators differ between SQLite and PostgreSQL.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 16:40:00.000000
"""

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

ACTOR, SOURCE = "migration 0006", "migration"
OSM = "osm"

shop = sa.table(
    "shop",
    sa.column("id", sa.Integer),
    sa.column("commune_code", sa.String),
    sa.column("click_collect", sa.Boolean),
    sa.column("takeaway", sa.Boolean),
    sa.column("version", sa.Integer),
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


def _set_by_osm(bind) -> set[int]:
    """Return the ids of the shops whose click_collect was last set, to true, by an OSM import."""
    last: dict[str, bool] = {}  # shop id: whether the last entry to set click_collect was OSM's "true"
    query = (
        sa.select(audit_entry.c.entity_id, audit_entry.c.source, audit_entry.c.after)
        .where(audit_entry.c.entity == "shop", audit_entry.c.after.is_not(None))
        .order_by(audit_entry.c.id)
        .execution_options(yield_per=1000)
    )
    for entity_id, source, after in bind.execute(query):
        if isinstance(after, dict) and "click_collect" in after:
            last[entity_id] = source == OSM and after["click_collect"] is True
    return {int(entity_id) for entity_id, by_osm in last.items() if by_osm and entity_id.isdigit()}


def _audit(bind, now, shop_id: int, commune_code: str, before: dict, after: dict) -> None:
    bind.execute(
        audit_entry.insert().values(
            at=now,
            account_id=None,
            actor=ACTOR,
            action="update",
            entity="shop",
            entity_id=str(shop_id),
            commune_code=commune_code,
            before=before,
            after=after,
            source=SOURCE,
            undoes_id=None,
        )
    )


def upgrade() -> None:
    bind = op.get_bind()
    candidates = sorted(_set_by_osm(bind))
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    for start in range(0, len(candidates), 500):
        rows = bind.execute(
            sa.select(shop.c.id, shop.c.commune_code, shop.c.takeaway, shop.c.version)
            .where(shop.c.id.in_(candidates[start : start + 500]), shop.c.click_collect.is_(True))
            .order_by(shop.c.id)
        ).all()
        for shop_id, commune_code, takeaway, version in rows:
            before, after = {"click_collect": True}, {"click_collect": False}
            if not takeaway:
                before["takeaway"], after["takeaway"] = False, True
            # A new version, like any change: a form opened on the old one is refused, not obeyed.
            bind.execute(
                shop.update()
                .where(shop.c.id == shop_id)
                .values(click_collect=False, takeaway=True, version=version + 1)
            )
            before["version"], after["version"] = version, version + 1
            _audit(bind, now, shop_id, commune_code, before, after)


def downgrade() -> None:
    bind = op.get_bind()
    undone = sa.select(audit_entry.c.undoes_id).where(audit_entry.c.undoes_id.is_not(None))
    entries = bind.execute(
        sa.select(audit_entry.c.id, audit_entry.c.entity_id, audit_entry.c.before, audit_entry.c.after).where(
            audit_entry.c.actor == ACTOR,
            audit_entry.c.source == SOURCE,
            audit_entry.c.entity == "shop",
            audit_entry.c.id.not_in(undone),
        )
    ).all()
    for entry_id, shop_id, before, after in entries:
        fields = [name for name in after if name != "version"]
        still = [getattr(shop.c, name) == after[name] for name in fields]
        bind.execute(
            shop.update()
            .where(shop.c.id == int(shop_id), *still)
            .values(**{name: before[name] for name in fields}, version=shop.c.version + 1)
        )
        bind.execute(audit_entry.delete().where(audit_entry.c.id == entry_id))
