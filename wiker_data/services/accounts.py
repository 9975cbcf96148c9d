"""Changing the accounts, and signing in.

Adding an account, changing its password and disabling it are service functions like the
others: run in a write transaction (`write_transaction`, `service_call`), each records an audit
entry (entity "account", its id the account's id, action create / passwd / disable). The
entries hold the account's name, role, communes and whether it is active, never a password or
its hash: a password change records {"password": "changed"}. Undo does not apply to them
(services.undo refuses an "account" entry as unsupported). The rules these apply (names,
passwords, hashing, rights) are in `wiker_data.accounts`.

Signing in is a write too (the attempt is logged), but not an audited change: see `sign_in`.

Callers import this module itself (`from wiker_data.services import accounts`): the package
does not re-export it beside the shop, commune and visits changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from wiker_data import accounts
from wiker_data.accounts import AccountError, LockedOut, SignedIn, SignInFailed
from wiker_data.models import Account, AccountCommune, SignInAttempt
from wiker_data.services.audit import record
from wiker_data.services.errors import Actor
from wiker_data.services.transaction import service_call

ENTITY = "account"


def snapshot(account: Account) -> dict[str, Any]:
    """Return what the audit log keeps of an account: never its password or its hash."""
    return {
        "name": account.name,
        "role": account.role,
        "communes": [link.commune_code for link in account.communes],
        "active": account.active,
    }


def _account(session: Session, name: str) -> Account:
    account = session.scalar(select(Account).where(Account.name == name))
    if account is None:
        raise AccountError("name", f"no account named {name!r}")
    return account


@service_call
def create_account(
    session: Session,
    actor: Actor,
    name: str,
    password: str,
    role: str,
    communes: Iterable[str] = (),
    source: str = "app",
) -> Account:
    """Return the new account, audited; raise AccountError naming the faulty field when an input is
    refused (nothing written)."""
    codes = accounts.check_new_account(session, name, role, communes)
    accounts.check_password(password)
    account = Account(
        name=name,
        role=role,
        password_hash=accounts.hash_password(password),
        active=True,
        demo_only=False,
        communes=[AccountCommune(commune_code=code) for code in codes],
    )
    session.add(account)
    session.flush()
    record(session, actor, "create", ENTITY, account.id, None, None, snapshot(account), source=source)
    return account


@service_call
def set_password(session: Session, actor: Actor, name: str, password: str, source: str = "app") -> None:
    """Replace the password of the account `name`, audited without it; raise AccountError when there
    is no such account or the password is refused."""
    account = _account(session, name)
    accounts.check_password(password)
    account.password_hash = accounts.hash_password(password)
    session.flush()
    before = snapshot(account)
    record(
        session,
        actor,
        "passwd",
        ENTITY,
        account.id,
        None,
        before,
        {**before, "password": "changed"},
        source=source,
    )


@service_call
def disable_account(session: Session, actor: Actor, name: str, source: str = "app") -> None:
    """Disable the account `name`, which can no longer sign in, audited; raise AccountError when
    there is no such account."""
    account = _account(session, name)
    before = snapshot(account)
    account.active = False
    session.flush()
    record(session, actor, "disable", ENTITY, account.id, None, before, snapshot(account), source=source)


def sign_in(session: Session, name: str, password: str, now: dt.datetime | None = None) -> SignedIn:
    """Return who signed in; raise LockedOut after too many failures for `name`, SignInFailed (one
    message for a wrong password, an unknown name and a disabled account) otherwise.

    Records the attempt in a transaction of its own before the password is checked, so that a
    refused attempt is kept too; a success commits `session`.
    """
    # Not a write transaction, on purpose: signing in must not wait for the store's write lock (the
    # PostgreSQL advisory lock) behind a long import that holds it. The guess counts BEFORE the
    # password is checked: one short transaction, serialised per name (a PostgreSQL advisory lock
    # on the name; SQLite's BEGIN IMMEDIATE, one writer at a time, waiting up to
    # db.WRITE_WAIT_SECONDS), checks the lock-out and records the attempt as failed, then commits;
    # the slow password check runs without any lock, and a match marks the attempt succeeded in a
    # second short transaction. Parallel tabs or app instances thus never get more than LOCK_AFTER
    # guesses within LOCK_WINDOW, and a crash between the two cannot give a free guess.
    now = accounts.utc(now)
    with Session(session.get_bind()) as guard:  # its own transaction, whatever the caller's does
        connection = guard.connection()
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        elif connection.dialect.name == "postgresql":
            connection.execute(select(func.pg_advisory_xact_lock(func.hashtext(name[:60]))))
        until = accounts.locked_until(guard, name, now)
        attempt = SignInAttempt(name=name[:60], attempted_at=now, succeeded=False)
        guard.add(attempt)
        guard.commit()
        attempt_id = attempt.id
    if until:
        raise LockedOut(until)
    account = session.scalar(select(Account).where(Account.name == name))
    if not accounts.password_matches(account, password) or not account.active:
        raise SignInFailed()
    if accounts.needs_rehash(account.password_hash):  # parameters raised since it was hashed
        account.password_hash = accounts.hash_password(password)
    signed_in = accounts.signed_in_as(account)
    session.get(SignInAttempt, attempt_id).succeeded = True
    session.commit()
    return signed_in
