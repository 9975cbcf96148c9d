"""Property-based test of status histories (issue 12): random sequences of status events, legal and
illegal, go through the service layer; the illegal ones are refused and the legal ones kept, and
"open on D" as the pages' queries read it equals a reference written from the README's Definitions."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.builders import add_commune, add_shop
from wiker_data.accounts import SignedIn
from wiker_data.models import OPEN_KINDS, Account, Commune, Shop
from wiker_data.queries.scope import latest_kind
from wiker_data.services import ValidationError, perform, record_status

ADMIN = SignedIn(1, "ada", "admin", (), False)
TODAY = dt.date(2026, 12, 1)
KINDS = ["opened", "recorded", "closed", "reopened", "temporarily_closed"]
OPEN = {"opened", "reopened", "recorded"}

# From the README: the first event is an opening or a recording; a shop closes when open or
# temporarily closed, reopens after a permanent or temporary closure, closes temporarily when open;
# no event is dated before the latest one nor after today.
MAY_FOLLOW = {
    "opened": {None},
    "recorded": {None},
    "closed": OPEN | {"temporarily_closed"},
    "reopened": {"closed", "temporarily_closed"},
    "temporarily_closed": OPEN,
}

days = st.integers(min_value=0, max_value=(TODAY - dt.date(2015, 1, 1)).days + 40)
events = st.lists(st.tuples(st.sampled_from(KINDS), days), max_size=8)


def reference_open_on(kept: list[tuple[str, dt.date]], on: dt.date) -> bool:
    """Open on D: the latest event on or before D (the later one of a day) is an opening,
    a reopening or a recording."""
    before = [kind for kind, day in kept if day <= on]
    return bool(before) and before[-1] in OPEN


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(history=events, probes=st.lists(days, min_size=1, max_size=6))
def test_status_histories_follow_the_definitions(engine, history, probes):
    with Session(engine) as session:
        if session.get(Commune, "44052") is None:  # the first example of the store
            add_commune(session)
            session.add(Account(id=1, name="ada", role="admin", password_hash="-"))
        shop_id = add_shop(session, events=()).id
        session.commit()
    kept: list[tuple[str, dt.date]] = []
    for kind, day in history:
        on = dt.date(2015, 1, 1) + dt.timedelta(days=day)
        latest = kept[-1] if kept else None
        legal = (latest[0] if latest else None) in MAY_FOLLOW[kind] and on <= TODAY
        legal = legal and (latest is None or on >= latest[1])
        try:
            perform(engine, record_status, ADMIN, shop_id, kind, on, today=TODAY)
        except ValidationError:
            assert not legal, f"{kind} on {on} after {kept} was refused"
        else:
            assert legal, f"{kind} on {on} after {kept} was accepted"
            kept.append((kind, on))
    with Session(engine) as session:
        for day in probes:
            on = dt.date(2015, 1, 1) + dt.timedelta(days=day)
            query = select(Shop.id).where(Shop.id == shop_id, latest_kind(on).in_(OPEN_KINDS))
            assert (session.scalar(query) is not None) == reference_open_on(kept, on), (kept, on)
