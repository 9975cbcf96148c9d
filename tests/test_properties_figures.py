"""Property-based test of the kept monthly figures (issue 14): random histories and edits go
through the service layer (shops created, moved, recategorised, given a website or a catalogue,
archived and restored, their statuses recorded, changes undone, transactions rolled back, a step
refused inside a transaction that goes on), and after each example

- the kept rows (models.MonthlyFigures) are exactly what a rebuild from the raw events gives;
- every figure read through them (a month's counts, the shops open and online, the last twelve
  months' events, for each commune and for the network, at dates inside a month) equals the same
  figure counted from the raw events alone.
"""

from __future__ import annotations

import contextlib
import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.builders import add_commune
from wiker_data.accounts import SignedIn
from wiker_data.models import Account, AuditEntry, CatalogueItem, Commune, CommuneTotals, MonthlyFigures, Shop
from wiker_data.periods import one_year_before
from wiker_data.queries import figures
from wiker_data.queries.events import EVENT_COUNTS
from wiker_data.queries.scope import live_shops
from wiker_data.services import (
    ServiceError,
    add_catalogue_item,
    archive_shop,
    create_shop,
    perform,
    record_status,
    remove_catalogue_item,
    restore_shop,
    undo,
    update_shop,
    write_transaction,
)

ADMIN = SignedIn(1, "ada", "admin", (), False)
TODAY = dt.date(2026, 12, 1)
FIRST = dt.date(2023, 1, 1)
COMMUNES = ["44052", "44210"]
STATUSES = ["opened", "recorded", "closed", "reopened", "temporarily_closed"]

days = st.integers(min_value=0, max_value=(TODAY - FIRST).days)
pick = st.integers(min_value=0, max_value=50)  # a shop among those of the store (modulo their number)
changes = st.one_of(
    st.fixed_dictionaries({"category": st.sampled_from(["bakery", "florist"])}),
    st.fixed_dictionaries({"click_collect": st.booleans()}),
    st.fixed_dictionaries({"delivery": st.booleans(), "online_shop": st.booleans()}),
    st.fixed_dictionaries({"website": st.sampled_from(["", "https://boutique.example.fr"])}),
    st.fixed_dictionaries({"commune_code": st.sampled_from(COMMUNES)}),
)
steps = st.one_of(
    st.tuples(st.just("create"), st.sampled_from(COMMUNES), st.sampled_from(["opened", "recorded"]), days),
    st.tuples(st.just("status"), pick, st.sampled_from(STATUSES), days),
    st.tuples(st.just("status"), pick, st.sampled_from(STATUSES), days),
    st.tuples(st.just("update"), pick, changes),
    st.tuples(st.just("item"), pick),
    st.tuples(st.just("unitem"), pick),
    st.tuples(st.just("archive"), pick),
    st.tuples(st.just("restore"), pick),
    st.tuples(st.just("undo"), pick),
    st.tuples(st.just("rolled_back"), pick, changes),
    st.tuples(st.just("refused_step"), pick, changes, days),
)


def _day(offset: int) -> dt.date:
    return FIRST + dt.timedelta(days=offset)


def _shop(engine, index: int) -> Shop | None:
    with Session(engine) as session:
        shops = session.scalars(select(Shop).order_by(Shop.id)).all()
        return shops[index % len(shops)] if shops else None


def _apply(engine, step) -> None:
    """Run one step through the service layer; a step the services refuse changes nothing."""
    name, *args = step
    if name == "create":
        commune, kind, day = args
        values = {"name": "Boutique", "category": "bakery", "commune_code": commune}
        perform(engine, create_shop, ADMIN, values, _day(day), TODAY, first_kind=kind)
        return
    shop = _shop(engine, args[0])
    if shop is None:
        return
    if name == "status":
        perform(engine, record_status, ADMIN, shop.id, args[1], _day(args[2]), today=TODAY)
    elif name == "update":
        perform(engine, update_shop, ADMIN, shop.id, shop.version, args[1])
    elif name == "item":
        perform(engine, add_catalogue_item, ADMIN, shop.id, {"name": "Pain de campagne"})
    elif name == "unitem":
        with Session(engine) as session:
            item = session.scalar(select(CatalogueItem.id).where(CatalogueItem.shop_id == shop.id))
        if item is not None:
            perform(engine, remove_catalogue_item, ADMIN, item)
    elif name in ("archive", "restore"):
        perform(engine, archive_shop if name == "archive" else restore_shop, ADMIN, shop.id)
    elif name == "undo":
        with Session(engine) as session:
            entries = session.scalars(select(AuditEntry.id).order_by(AuditEntry.id.desc()).limit(3)).all()
        if entries:
            perform(engine, undo, ADMIN, entries[args[0] % len(entries)])
    elif name == "rolled_back":  # the change is written, then the transaction fails: nothing is kept
        try:
            with write_transaction(engine) as session:
                update_shop(session, ADMIN, shop.id, shop.version, args[1])
                raise RuntimeError("the transaction fails after the change")
        except RuntimeError:
            pass
    elif name == "refused_step":  # a step refused in its savepoint, the transaction goes on and commits
        with write_transaction(engine) as session:
            update_shop(session, ADMIN, shop.id, shop.version, args[1])
            with contextlib.suppress(ServiceError):
                record_status(session, ADMIN, shop.id, "closed", _day(args[2]), today=dt.date(2000, 1, 1))


def _kept_rows(session: Session) -> dict:
    columns = [getattr(MonthlyFigures, name) for name in [*figures.KEYS, *figures.COUNTS]]
    return {
        (*row[: len(figures.KEYS)], name): value
        for row in session.execute(select(*columns))
        for name, value in zip(figures.COUNTS, row[len(figures.KEYS) :], strict=True)
        if value
    }


def _raw_rows(session: Session, *where, keys, since=None, end=None) -> dict:
    query = figures.raw_figures(*where, keys=keys, since=since, end=end)
    return {
        (*row[: len(keys)], name): value
        for row in session.execute(query)
        for name, value in zip(figures.COUNTS, row[len(keys) :], strict=True)
        if value
    }


def _nonzero(frame, keys, columns) -> dict:
    return {
        (*(row[key] for key in keys), name): int(row[name])
        for _, row in frame.iterrows()
        for name in columns
        if int(row[name])
    }


def _running_totals(session: Session, query) -> dict:
    return {
        (row.commune_code, row.month, name): int(getattr(row, name))
        for row in session.execute(query)
        for name in figures.TOTALS
        if getattr(row, name)
    }


def _check(session: Session, probes: list[dt.date]) -> None:
    assert _kept_rows(session) == _raw_rows(session, keys=figures.KEYS)
    # The running totals kept are those of the kept rows (themselves those of the raw events).
    assert _running_totals(session, select(*CommuneTotals.__table__.c)) == _running_totals(
        session, figures.running_totals()
    )
    for on in probes:
        for commune in [*COMMUNES, None]:
            scope = live_shops(commune, on)
            monthly = figures.monthly(session, on, commune, ["category", "online"])
            expected = _raw_rows(session, *scope, keys=["month", "category", "online"], end=on)
            assert _nonzero(monthly, ["month", "category", "online"], figures.COUNTS) == expected, (
                commune,
                on,
            )

            totals = figures.totals(session, on, commune, ["commune_code"], window_from=one_year_before(on))
            moves = _raw_rows(session, *scope, keys=["commune_code", "online"], end=on)
            window = _raw_rows(
                session,
                *scope,
                keys=["commune_code"],
                since=one_year_before(on) + dt.timedelta(days=1),
                end=on,
            )
            expected = {}
            for (code, online, name), value in moves.items():
                if name == "open_move":
                    expected[(code, "shops_open")] = expected.get((code, "shops_open"), 0) + value
                    if online:
                        expected[(code, "shops_online")] = expected.get((code, "shops_online"), 0) + value
                elif name == "temporary_move":
                    expected[(code, "temporarily_closed")] = (
                        expected.get((code, "temporarily_closed"), 0) + value
                    )
            expected.update({key: value for key, value in window.items() if key[1] in EVENT_COUNTS})
            expected = {key: value for key, value in expected.items() if value}
            assert _nonzero(totals, ["commune_code"], figures.TOTALS) == expected, (commune, on)
            added_up = figures.totals(session, on, commune, [], window_from=one_year_before(on)).iloc[0]
            for name in figures.TOTALS:
                assert added_up[name] == sum(v for (_, key), v in expected.items() if key == name), name


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(history=st.lists(steps, min_size=1, max_size=12), probes=st.lists(days, min_size=1, max_size=3))
def test_kept_figures_equal_the_raw_events(engine, history, probes):
    with Session(engine) as session:
        if session.get(Commune, "44052") is None:  # the first example of the store
            add_commune(session, "44052", "Donges", joined_on=dt.date(2023, 6, 15))
            add_commune(
                session, "44210", "Trignac", joined_on=dt.date(2024, 2, 1), left_on=dt.date(2026, 3, 1)
            )
            session.add(Account(id=1, name="ada", role="admin", password_hash="-"))
            session.commit()
    for step in history:
        with contextlib.suppress(ServiceError):
            _apply(engine, step)
    with Session(engine) as session:
        _check(session, [_day(day) for day in probes])
