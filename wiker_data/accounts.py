"""Accounts of the people who write: the rules and the reading.

Passwords are kept as argon2id hashes (`argon2-cffi`). Every sign-in attempt is
recorded; after LOCK_AFTER failures for a name within LOCK_WINDOW, that name is
refused for LOCK_FOR, whether the account exists or not (`locked_until`). A signed-in
person is a `SignedIn`: plain values that the UI may keep in its session state, and that
the service layer checks with `require_edit` before each change.

The writes (adding an account, changing its password, disabling it, and signing in,
which records the attempt) are in `wiker_data.services.accounts`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from wiker_data.models import ROLES, Account, Commune, SignInAttempt

NAME_PATTERN = re.compile(r"[A-Za-z0-9._-]{3,60}")
PASSWORD_MIN_LENGTH = 10
PASSWORD_MAX_LENGTH = 1000  # argon2 takes any length; this only bounds the work one request can ask for
LOCK_AFTER = 5  # failed attempts for one name ...
LOCK_WINDOW = dt.timedelta(minutes=5)  # ... within this long ...
LOCK_FOR = dt.timedelta(minutes=5)  # ... refuse that name for this long after the last of them
_REPLAY = dt.timedelta(hours=1)  # how far back the lock-out replays a name's attempts

_hasher = PasswordHasher()  # argon2id with the library's recommended parameters


@dataclass(frozen=True)
class DemoCoordinator:
    """The demo store's published account: everyone may know its password."""

    name: str
    password: str
    communes: tuple[str, ...]


DEMO_COORDINATOR = DemoCoordinator(name="demo", password="wiker-demo-2026", communes=("44052", "44210"))


class AccountError(ValueError):
    """An account that cannot be created or changed as asked; `field` names the faulty input."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class SignInRefused(Exception):
    """A sign-in that did not succeed."""


class SignInFailed(SignInRefused):
    """Wrong name, wrong password or disabled account: deliberately not told apart."""

    def __init__(self) -> None:
        super().__init__("wrong name or password")


class LockedOut(SignInRefused):
    """Too many failed attempts for this name: refused until `until` (naive UTC), whatever the password."""

    def __init__(self, until: dt.datetime) -> None:
        super().__init__(f"too many failed attempts: try again after {until:%H:%M:%S} UTC")
        self.until = until


@dataclass(frozen=True)
class SignedIn:
    """Who is signed in and what they may edit: plain values, safe to keep in a UI session."""

    account_id: int
    name: str
    role: str
    communes: tuple[str, ...]  # empty for an admin, who edits every commune
    demo_only: bool

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


@dataclass(frozen=True)
class AccountView:
    """An account as listed, without its password hash."""

    name: str
    role: str
    communes: tuple[str, ...]
    active: bool
    demo_only: bool


def hash_password(password: str) -> str:
    """Return the argon2id hash of `password`, encoded with its salt and parameters."""
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """Return True when `password` matches `password_hash`; False for a mismatch or an unreadable hash."""
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):  # VerifyMismatchError is a VerificationError
        return False


@cache
def demo_password_hash() -> str:
    """Return a hash of the demo coordinator's password, computed once per process."""
    return hash_password(DEMO_COORDINATOR.password)


def needs_rehash(password_hash: str) -> bool:
    """Return True when `password_hash` was made with weaker parameters than the hasher's now."""
    return _hasher.check_needs_rehash(password_hash)


@cache
def _decoy_hash() -> str:
    # Verified against when the name is unknown, so that a refusal takes as long either way.
    return hash_password("no account has this password, it only costs the same time")


def password_matches(account: Account | None, password: str) -> bool:
    """Return True when `account` exists and `password` is its password; with no account, verify
    against a decoy hash, so that a refusal takes as long either way."""
    matches = verify_password(account.password_hash if account else _decoy_hash(), password)
    return account is not None and matches


def utc(now: dt.datetime | None) -> dt.datetime:
    """Return `now` (default: the current time) as a naive UTC datetime, as the store keeps times."""
    if now is None:
        return dt.datetime.now(dt.UTC).replace(tzinfo=None)
    if now.tzinfo is not None:
        return now.astimezone(dt.UTC).replace(tzinfo=None)
    return now


def check_password(password: str) -> None:
    """Raise AccountError unless `password` is long enough to be accepted."""
    if len(password) < PASSWORD_MIN_LENGTH:
        raise AccountError("password", f"at least {PASSWORD_MIN_LENGTH} characters")
    if len(password) > PASSWORD_MAX_LENGTH:
        raise AccountError("password", f"at most {PASSWORD_MAX_LENGTH} characters")


def check_new_account(
    session: Session, name: str, role: str, communes: Iterable[str] = ()
) -> tuple[str, ...]:
    """Return the account's communes, sorted and without duplicates; raise AccountError naming the first
    faulty field (name, role, communes) otherwise."""
    if not NAME_PATTERN.fullmatch(name):
        raise AccountError("name", f"3 to 60 letters (a-z, A-Z), digits, '.', '-' or '_', not {name!r}")
    taken = session.scalar(select(Account.name).where(func.lower(Account.name) == name.lower()))
    if taken is not None:
        raise AccountError("name", f"an account named {taken!r} already exists")
    if role not in ROLES:
        raise AccountError("role", f"{' or '.join(ROLES)}, not {role!r}")
    codes = tuple(sorted({code.strip() for code in communes}))
    if role == "admin" and codes:
        raise AccountError("communes", "an admin edits every commune: give communes to coordinators only")
    if role == "coordinator" and not codes:
        raise AccountError("communes", "a coordinator needs at least one commune to edit")
    known = set(session.scalars(select(Commune.code).where(Commune.code.in_(codes))))
    if unknown := [code for code in codes if code not in known]:
        raise AccountError("communes", f"no commune with the INSEE code {', '.join(unknown)} in the store")
    return codes


def list_accounts(session: Session) -> list[AccountView]:
    """Return every account, by name."""
    accounts = session.scalars(select(Account).options(selectinload(Account.communes)).order_by(Account.name))
    return [
        AccountView(
            name=account.name,
            role=account.role,
            communes=tuple(link.commune_code for link in account.communes),
            active=account.active,
            demo_only=account.demo_only,
        )
        for account in accounts
    ]


def locked_until(session: Session, name: str, now: dt.datetime | None = None) -> dt.datetime | None:
    """Return when the lock-out of `name` ends (naive UTC), or None when `name` may try to sign in now.

    Replays the name's failures since its last success: LOCK_AFTER of them within LOCK_WINDOW lock the
    name for LOCK_FOR from the last one. Attempts refused during a lock-out do not extend it.
    """
    now = utc(now)
    name = name[:60]
    last_success = session.scalar(
        select(func.max(SignInAttempt.attempted_at)).where(
            SignInAttempt.name == name, SignInAttempt.succeeded.is_(True), SignInAttempt.attempted_at <= now
        )
    )
    since = max(now - _REPLAY, last_success) if last_success else now - _REPLAY
    failures = session.scalars(
        select(SignInAttempt.attempted_at)
        .where(
            SignInAttempt.name == name,
            SignInAttempt.succeeded.is_(False),
            SignInAttempt.attempted_at > since,
            SignInAttempt.attempted_at <= now,
        )
        .order_by(SignInAttempt.attempted_at, SignInAttempt.id)
    )
    until, recent = None, []
    for at in failures:
        if until is not None and at < until:
            continue  # refused while locked out
        recent = [*(t for t in recent if t > at - LOCK_WINDOW), at]
        if len(recent) >= LOCK_AFTER:
            until, recent = at + LOCK_FOR, []
    return until if until is not None and now < until else None


def signed_in_as(account: Account) -> SignedIn:
    """Return the account's rights as plain values."""
    return SignedIn(
        account_id=account.id,
        name=account.name,
        role=account.role,
        communes=() if account.role == "admin" else tuple(link.commune_code for link in account.communes),
        demo_only=account.demo_only,
    )


def refresh(session: Session, signed_in: SignedIn) -> SignedIn | None:
    """Return the signed-in person's current rights, or None when their account was disabled or removed
    since they signed in."""
    account = session.get(Account, signed_in.account_id)
    if account is None or not account.active or account.name != signed_in.name:
        return None
    return signed_in_as(account)
