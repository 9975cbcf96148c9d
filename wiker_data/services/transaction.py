"""The write transaction every change runs in: the store's write lock, the savepoint each
service function runs in, and `perform`, which runs one service function in a transaction of
its own."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Concatenate, ParamSpec, TypeVar

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from wiker_data import accounts, db
from wiker_data.services.audit import bump_revisions
from wiker_data.services.errors import AccountChanged, Busy

_WRITE = "wiker_write_transaction"
# PostgreSQL: the advisory lock every write transaction takes first ("wiker" in ASCII). Advisory
# locks belong to one database: stores sharing a server do not wait for each other.
_WRITE_LOCK = 0x77696B6572
_SQLITE_BUSY = 5  # SQLite's primary result code when the busy timeout ran out
_PG_LOCK_NOT_AVAILABLE = "55P03"  # PostgreSQL's SQLSTATE when lock_timeout ran out
P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Session]:
    """Yield a session in one write transaction: committed when the block ends, rolled back on error.

    The transaction takes the store's write lock before its first read and keeps it to the end, so
    that what a service reads cannot change before it writes; one write transaction holds it at a
    time, readers never wait. On SQLite that is BEGIN IMMEDIATE. On PostgreSQL it is a transaction
    advisory lock that every write_transaction takes first: at READ COMMITTED each later statement
    sees all that was committed before it, and no other write transaction commits until this one
    ends. Audit entries therefore commit in id order, so the store's revision (the highest id)
    never skips a change. (Writes outside it do not take it: the demo loader, migrations and the
    sign-in attempts log (services.accounts.sign_in), which do not race with the optimistic checks.)

    Waiting more than db.WRITE_WAIT_SECONDS for the lock (a long import holds it) raises Busy, a
    ServiceError, rather than the driver's error: nothing was written. Objects stay readable
    after the block (expire_on_commit=False).
    """
    with Session(engine, expire_on_commit=False) as session:
        session.info[_WRITE] = True
        try:
            _take_write_lock(session)
            yield session
            bump_revisions(session)
            session.commit()
        except BaseException as error:
            session.rollback()
            if _waited_too_long(error):
                raise Busy() from error
            raise


def _take_write_lock(session: Session) -> None:
    connection = session.connection()
    if connection.dialect.name == "sqlite":  # waits up to the connection's busy timeout (db.py)
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    elif connection.dialect.name == "postgresql":
        wait = f"{round(db.WRITE_WAIT_SECONDS * 1000)}ms"
        connection.execute(select(func.set_config("lock_timeout", wait, True)))  # this transaction only
        connection.execute(select(func.pg_advisory_xact_lock(_WRITE_LOCK)))


def _waited_too_long(error: BaseException) -> bool:
    cause = getattr(error, "orig", None)
    return isinstance(error, OperationalError) and (
        (getattr(cause, "sqlite_errorcode", 0) or 0) & 0xFF == _SQLITE_BUSY
        or getattr(cause, "sqlstate", None) == _PG_LOCK_NOT_AVAILABLE
    )


def current_actor(session: Session, actor: Any) -> Any:
    """Return the actor with the rights the store gives their account now (read in the write
    transaction); a command's actor (no account) as is. Raises AccountChanged when the account was
    disabled, removed or renamed since the person signed in: a sign-in kept in a browser's session
    must not outlive the account."""
    if getattr(actor, "account_id", None) is None:
        return actor
    fresh = accounts.refresh(session, actor)
    if fresh is None:
        raise AccountChanged(actor.name)
    return fresh


def service_call(function: Callable[Concatenate[Session, P], R]) -> Callable[Concatenate[Session, P], R]:
    """Make a service function refuse a session not opened by write_transaction, and run it in a
    savepoint, so that a call that fails leaves nothing behind even if the caller goes on. Its
    `actor` argument is read again from the store first (current_actor): the rights checked are
    those of the account at the time of the write, inside its transaction."""
    parameters = list(inspect.signature(function).parameters)
    actor_at = parameters.index("actor") - 1 if "actor" in parameters else None  # after the session

    @functools.wraps(function)
    def wrapper(session: Session, *args: P.args, **kwargs: P.kwargs) -> R:
        if not session.info.get(_WRITE):
            raise RuntimeError("open the session with wiker_data.services.write_transaction(engine)")
        with session.begin_nested():
            if actor_at is not None and actor_at < len(args):
                args = (*args[:actor_at], current_actor(session, args[actor_at]), *args[actor_at + 1 :])
            elif "actor" in kwargs:
                kwargs["actor"] = current_actor(session, kwargs["actor"])
            return function(session, *args, **kwargs)

    return wrapper


def perform(
    engine: Engine, change: Callable[Concatenate[Session, P], R], *args: P.args, **kwargs: P.kwargs
) -> R:
    """Return what the service function `change` returns, run in a write transaction of its own:
    one user action, one transaction (committed when `change` returns, rolled back when it raises)."""
    with write_transaction(engine) as session:
        return change(session, *args, **kwargs)
