"""The store's tables as SQLAlchemy 2.0 typed models.

The schema itself is created and upgraded by the Alembic migrations in
`wiker_data/migrations`; a test checks that the two agree.
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class EventKind(enum.StrEnum):
    OPENED = "opened"
    CLOSED = "closed"
    REOPENED = "reopened"
    TEMPORARILY_CLOSED = "temporarily_closed"
    RECORDED = "recorded"  # known to be open from that date, which is not its opening


# The kinds after which a shop is open: a *recorded* shop counts as open, never as an opening.
OPEN_KINDS = (EventKind.OPENED.value, EventKind.REOPENED.value, EventKind.RECORDED.value)

# The map encodes a shop's modes as bits in this order: a new mode goes at the end.
TRADE_MODES = ("in_store", "click_collect", "delivery", "appointment", "online_shop", "takeaway")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Commune(Base):
    __tablename__ = "commune"

    code: Mapped[str] = mapped_column(String(5), primary_key=True)  # INSEE code
    name: Mapped[str] = mapped_column(String(120))
    postal_code: Mapped[str | None] = mapped_column(String(5))
    departement: Mapped[str] = mapped_column(String(3), index=True)
    population: Mapped[int | None] = mapped_column(Integer)  # municipal population
    population_year: Mapped[int | None] = mapped_column(Integer)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    joined_on: Mapped[dt.date | None] = mapped_column(Date)  # joined the Wiker network
    left_on: Mapped[dt.date | None] = mapped_column(Date)  # left it (None: still a member)
    shop_units: Mapped[int | None] = mapped_column(Integer)  # commercial premises in the centre
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)

    shops: Mapped[list[Shop]] = relationship(back_populates="commune")
    visits: Mapped[list[MonthlyVisits]] = relationship(back_populates="commune")

    __table_args__ = (
        CheckConstraint("length(code) = 5", name="commune_code_5_chars"),
        CheckConstraint("population IS NULL OR population >= 0", name="commune_population_positive"),
        CheckConstraint("shop_units IS NULL OR shop_units >= 0", name="commune_shop_units_positive"),
    )


class Shop(Base):
    __tablename__ = "shop"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    commune_code: Mapped[str] = mapped_column(ForeignKey("commune.code"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(40), index=True)
    address: Mapped[str | None] = mapped_column(String(300))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    phone: Mapped[str | None] = mapped_column(String(30))
    email: Mapped[str | None] = mapped_column(String(254))
    website: Mapped[str | None] = mapped_column(String(500))
    online_shop_url: Mapped[str | None] = mapped_column(String(500))
    social_links: Mapped[list[str]] = mapped_column(JSON, default=list)
    opening_hours: Mapped[str | None] = mapped_column(Text)
    in_store: Mapped[bool] = mapped_column(default=True)
    click_collect: Mapped[bool] = mapped_column(default=False)
    delivery: Mapped[bool] = mapped_column(default=False)
    appointment: Mapped[bool] = mapped_column(default=False)
    online_shop: Mapped[bool] = mapped_column(default=False)
    takeaway: Mapped[bool] = mapped_column(default=False)  # "à emporter": not click & collect
    siret: Mapped[str | None] = mapped_column(String(14), unique=True)
    osm_id: Mapped[str | None] = mapped_column(String(30), unique=True)  # e.g. "node/123"
    source: Mapped[str] = mapped_column(String(20), default="manual")  # demo, manual, sirene, osm
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
    archived_at: Mapped[dt.datetime | None] = mapped_column(
        DateTime
    )  # archived shops are hidden, never deleted
    version: Mapped[int] = mapped_column(Integer, default=1)

    commune: Mapped[Commune] = relationship(back_populates="shops")
    events: Mapped[list[StatusEvent]] = relationship(
        back_populates="shop",
        order_by="(StatusEvent.event_date, StatusEvent.id)",
        cascade="all, delete-orphan",
    )
    catalogue: Mapped[list[CatalogueItem]] = relationship(back_populates="shop", cascade="all, delete-orphan")

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (Index("ix_shop_commune_category", "commune_code", "category"),)


# A shop's fields, the one list of them: what a person or an import edits, validates and audits, in
# the table's order. The other columns of Shop (id, source, created_at, updated_at, archived_at,
# version) are the store's bookkeeping.
SHOP_FIELDS = (
    "commune_code",
    "name",
    "category",
    "address",
    "latitude",
    "longitude",
    "phone",
    "email",
    "website",
    "online_shop_url",
    "social_links",
    "opening_hours",
    *TRADE_MODES,
    "siret",
    "osm_id",
)
# What a coordinator edits of a commune (its population history aside).
COMMUNE_FIELDS = ("population", "population_year", "shop_units", "joined_on", "latitude", "longitude")


class StatusEvent(Base):
    __tablename__ = "status_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.id", ondelete="CASCADE"))
    event_date: Mapped[dt.date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(String(20), default="manual")
    note: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)

    shop: Mapped[Shop] = relationship(back_populates="events")

    __table_args__ = (
        CheckConstraint(
            "kind IN ('opened', 'closed', 'reopened', 'temporarily_closed', 'recorded')",
            name="status_event_kind_known",
        ),
        Index("ix_status_event_shop_date", "shop_id", "event_date"),
        Index("ix_status_event_date_kind", "event_date", "kind"),
    )


class CatalogueItem(Base):
    __tablename__ = "catalogue_item"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    price: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    description: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)

    shop: Mapped[Shop] = relationship(back_populates="catalogue")

    __table_args__ = (CheckConstraint("price IS NULL OR price >= 0", name="catalogue_price_positive"),)


class MonthlyVisits(Base):
    __tablename__ = "monthly_visits"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    commune_code: Mapped[str] = mapped_column(ForeignKey("commune.code"))
    month: Mapped[dt.date] = mapped_column(Date)  # first day of the month
    visits: Mapped[int] = mapped_column(Integer)
    unique_visitors: Mapped[int | None] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(20), default="manual")  # demo, manual, matomo

    commune: Mapped[Commune] = relationship(back_populates="visits")

    __table_args__ = (
        UniqueConstraint("commune_code", "month", name="monthly_visits_one_row_a_month"),
        CheckConstraint("visits >= 0", name="monthly_visits_positive"),
        CheckConstraint("unique_visitors IS NULL OR unique_visitors >= 0", name="monthly_unique_positive"),
    )


class CommunePopulation(Base):
    """A commune's municipal population for one reference year (Insee); `commune.population` keeps
    the latest figure."""

    __tablename__ = "commune_population"

    commune_code: Mapped[str] = mapped_column(ForeignKey("commune.code"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    population: Mapped[int] = mapped_column(Integer)

    commune: Mapped[Commune] = relationship()

    __table_args__ = (CheckConstraint("population >= 0", name="commune_population_year_positive"),)


# The coordinators' side: accounts and the communes they may edit, sign-in attempts (for the
# lock-out), and the audit log of every change.

ROLES = ("admin", "coordinator")


class Account(Base):
    """Someone who may write: an admin edits every commune, a coordinator only theirs."""

    __tablename__ = "account"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(200))  # argon2id, encoded with its parameters
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    demo_only: Mapped[bool] = mapped_column(Boolean, default=False)  # the demo store's published account
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)

    communes: Mapped[list[AccountCommune]] = relationship(
        back_populates="account", cascade="all, delete-orphan", order_by="AccountCommune.commune_code"
    )

    __table_args__ = (CheckConstraint("role IN ('admin', 'coordinator')", name="account_role_known"),)


class AccountCommune(Base):
    """A commune a coordinator may edit."""

    __tablename__ = "account_commune"

    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), primary_key=True)
    commune_code: Mapped[str] = mapped_column(ForeignKey("commune.code"), primary_key=True)

    account: Mapped[Account] = relationship(back_populates="communes")


class SignInAttempt(Base):
    """One sign-in try, kept to refuse further tries after repeated failures."""

    __tablename__ = "sign_in_attempt"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    attempted_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    succeeded: Mapped[bool] = mapped_column(Boolean)

    __table_args__ = (Index("ix_sign_in_attempt_name_time", "name", "attempted_at"),)


class AuditEntry(Base):
    """One change to the store: who, when, what, the values before and after.

    Written in the same transaction as the change itself. An undo is a new entry that points
    to the entry it undoes. The highest id is the store's revision: caches key on it.
    """

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))  # None: a command or an import
    actor: Mapped[str] = mapped_column(String(60))  # the account's name, or e.g. "import sirene"
    action: Mapped[str] = mapped_column(String(30))  # create, update, status, archive, restore, undo, ...
    entity: Mapped[str] = mapped_column(String(30))  # shop, commune, monthly_visits, catalogue_item, ...
    entity_id: Mapped[str] = mapped_column(String(40))
    commune_code: Mapped[str | None] = mapped_column(String(5))
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)
    source: Mapped[str] = mapped_column(String(20), default="app")  # app, cli, import
    undoes_id: Mapped[int | None] = mapped_column(ForeignKey("audit_entry.id"))

    __table_args__ = (
        Index("ix_audit_entry_entity", "entity", "entity_id"),
        Index("ix_audit_entry_commune", "commune_code", "at"),
    )


class CommuneRevision(Base):
    """The revision of a commune's data: the id of the latest audited change that touched it (its
    shops, events, catalogue, figures, visits; both communes of a shop that moved). Written by every
    write transaction (services.transaction), read by the caches, which key a commune's figures by it:
    a save in Donges leaves the figures of Nantes cached. The row GENERATION holds a random number
    that a forced demo load and a restore renew (db.renew_generation): the revisions of a store whose
    data was replaced may repeat those of the one before, the pair (generation, revision) does not.

    `figures_revision` is the id of the latest change that could move a figure: a shop renamed, or
    its phone number corrected, moves `revision` (the map and the lists show it) and leaves the
    figures' caches (services.audit.moves_figures). The row NETWORK holds both for the whole store."""

    __tablename__ = "commune_revision"
    GENERATION = "*"  # the row of the store's generation, renewed when its data is replaced wholesale
    NETWORK = "+"  # the row of the whole store's revisions (its latest change, its latest of figures)

    commune_code: Mapped[str] = mapped_column(String(5), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer)
    figures_revision: Mapped[int | None] = mapped_column(Integer)


class MonthlyFigures(Base):
    """The figures kept ahead of time, so that no page counts from all the raw events: per commune,
    calendar month and kind of shop (its category, trade modes and whether it is online, as the
    shop is today), the counts of that month's status events and the moves in and out of "open"
    and "temporarily closed" (the shops open at a month's end are the running sum of the moves).
    Archived shops count in no row. Kept equal to the raw events by every transaction that changes
    a shop, its status events or its catalogue (services.figures), rebuilt from them by
    `python -m wiker_data rebuild-figures`; queries.figures reads it."""

    __tablename__ = "monthly_figures"

    commune_code: Mapped[str] = mapped_column(String(5), primary_key=True)
    month: Mapped[dt.date] = mapped_column(Date, primary_key=True)  # first day of the month
    category: Mapped[str] = mapped_column(String(40), primary_key=True)
    click_collect: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    delivery: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    online_shop: Mapped[bool] = mapped_column(Boolean, primary_key=True)  # an online shop or its link
    online: Mapped[bool] = mapped_column(Boolean, primary_key=True)  # queries.scope.is_online
    openings: Mapped[int] = mapped_column(Integer, default=0)
    closures: Mapped[int] = mapped_column(Integer, default=0)
    reopenings: Mapped[int] = mapped_column(Integer, default=0)
    reopenings_after_closure: Mapped[int] = mapped_column(Integer, default=0)
    temporary_closures: Mapped[int] = mapped_column(Integer, default=0)
    recorded: Mapped[int] = mapped_column(Integer, default=0)
    open_move: Mapped[int] = mapped_column(Integer, default=0)  # shops entering "open" minus leaving it
    temporary_move: Mapped[int] = mapped_column(Integer, default=0)  # the same for "temporarily closed"

    __table_args__ = (Index("ix_monthly_figures_month", "month"),)


class CommuneTotals(Base):
    """A commune's running totals at the end of each month it has kept figures for: the shops
    open, open online and temporarily closed then, and each count of status events since its first
    (models.MonthlyFigures summed over the kinds of shop and added up month after month). The
    totals at the end of any month are those of the commune's latest row on or before it, so the
    network's figures read one row per member commune, not every kept row. Kept with
    MonthlyFigures, from it, by the same transactions (services.figures)."""

    __tablename__ = "commune_totals"

    commune_code: Mapped[str] = mapped_column(String(5), primary_key=True)
    month: Mapped[dt.date] = mapped_column(Date, primary_key=True)  # first day of the month
    shops_open: Mapped[int] = mapped_column(Integer, default=0)
    shops_online: Mapped[int] = mapped_column(Integer, default=0)
    temporarily_closed: Mapped[int] = mapped_column(Integer, default=0)
    openings: Mapped[int] = mapped_column(Integer, default=0)  # since the commune's first event
    closures: Mapped[int] = mapped_column(Integer, default=0)
    reopenings: Mapped[int] = mapped_column(Integer, default=0)
    reopenings_after_closure: Mapped[int] = mapped_column(Integer, default=0)
    temporary_closures: Mapped[int] = mapped_column(Integer, default=0)
    recorded: Mapped[int] = mapped_column(Integer, default=0)


__all__ = [
    "OPEN_KINDS",
    "ROLES",
    "SHOP_FIELDS",
    "TRADE_MODES",
    "Account",
    "AccountCommune",
    "AuditEntry",
    "Base",
    "CatalogueItem",
    "Commune",
    "CommunePopulation",
    "CommuneRevision",
    "CommuneTotals",
    "EventKind",
    "MonthlyFigures",
    "MonthlyVisits",
    "Shop",
    "SignInAttempt",
    "StatusEvent",
]
