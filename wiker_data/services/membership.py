"""A commune joining and leaving the Wiker network, audited and undoable.

One simple model: `joined_on` is the date of the commune's latest joining, `left_on` the date it
left (None while it is a member); joining again clears `left_on`. The audit log keeps every
earlier joining and leaving.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from wiker_data.models import Commune
from wiker_data.queries.snapshots import commune_snapshot
from wiker_data.services.audit import record
from wiker_data.services.communes import assign_field, touch
from wiker_data.services.errors import Actor, NotFound, ValidationError, require_edit
from wiker_data.services.transaction import service_call
from wiker_data.services.validation import clean_date


def _load(session: Session, actor: Actor, code: str) -> Commune:
    commune = session.get(Commune, code, populate_existing=True)
    if commune is None:
        raise NotFound("commune", code)
    require_edit(actor, code)
    return commune


def _write(
    session: Session, actor: Actor, commune: Commune, changes: dict[str, dt.date | None], source: str
) -> Commune:
    old = commune_snapshot(session, commune)
    for field, value in changes.items():
        assign_field(session, commune, field, value)
    touch(commune)
    session.flush()
    before = {field: old[field] for field in changes} | {"updated_at": old["updated_at"]}
    after = changes | {"updated_at": commune.updated_at}
    record(session, actor, "update", "commune", commune.code, commune.code, before, after, source=source)
    return commune


@service_call
def join_network(
    session: Session,
    actor: Actor,
    code: str,
    on: object,
    today: dt.date | None = None,
    source: str = "app",
) -> Commune:
    """Return the commune after it joined the network on `on` (not after today).

    A member cannot join again; a commune that left joins again on or after the day it left.
    """
    commune = _load(session, actor, code)
    day = clean_date(on, "joined_on", today=today or dt.date.today())
    if commune.joined_on is not None and commune.left_on is None:
        raise ValidationError.one(
            "joined_on", "membership.already_member", since=commune.joined_on.isoformat()
        )
    if commune.left_on is not None and day < commune.left_on:
        raise ValidationError.one(
            "joined_on", "membership.join_before_leave", left=commune.left_on.isoformat()
        )
    changes: dict[str, dt.date | None] = {"joined_on": day}
    if commune.left_on is not None:
        changes["left_on"] = None  # a member again
    return _write(session, actor, commune, changes, source)


@service_call
def leave_network(
    session: Session,
    actor: Actor,
    code: str,
    on: object,
    today: dt.date | None = None,
    source: str = "app",
) -> Commune:
    """Return the commune after it left the network on `on` (after it joined, not after today).

    From that day on it is not a member: network figures as of an earlier date still count it.
    """
    commune = _load(session, actor, code)
    day = clean_date(on, "left_on", today=today or dt.date.today())
    if commune.joined_on is None or commune.left_on is not None:
        raise ValidationError.one("left_on", "membership.not_member")
    if day <= commune.joined_on:
        raise ValidationError.one(
            "left_on", "membership.leave_before_join", joined=commune.joined_on.isoformat()
        )
    return _write(session, actor, commune, {"left_on": day}, source)
