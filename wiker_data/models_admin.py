"""The tables of the coordinators' side: accounts and the communes they may
edit, sign-in attempts (for the lock-out), and the audit log of every change."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Boolean, CheckConstraint, DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wiker_data.models import Base, _now

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
