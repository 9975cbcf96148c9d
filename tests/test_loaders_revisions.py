"""The loaders' caches follow each commune's revision (wiker_ui.loaders._by_revision): a save in
Donges recomputes Donges's figures and the network's, and leaves Trignac's cached; what each shows
after the save is the store's new state. On the hand-worked store (tests/fixture_store.py): as of
2024-12-31 Donges has 6 open shops, Trignac 1."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from wiker_data.db import renew_generation
from wiker_data.importers import ImportActor
from wiker_data.models import Shop, StatusEvent
from wiker_data.queries import overview as overview_queries
from wiker_data.services import figures, record_status, update_shop, write_transaction
from wiker_data.services.membership import leave_network
from wiker_ui import loaders

pytestmark = pytest.mark.usefixtures("fresh_caches")
AS_OF = dt.date(2024, 12, 31)
ADMIN = ImportActor("test")  # a command's actor: every commune
READ_WHOLE = overview_queries.commune_kpis


@pytest.fixture
def computed(monkeypatch):
    """The communes (None: the network; a tuple: the network's rows of those communes) whose KPIs
    were computed from the store, in order."""
    calls: list[str | None] = []
    real = overview_queries.commune_kpis

    def counting(session, as_of, commune=None, among=None):
        calls.append(commune if among is None else tuple(among))
        return real(session, as_of, commune, among)

    monkeypatch.setattr(overview_queries, "commune_kpis", counting)
    return calls


def open_shops(url: str, commune: str | None) -> int:
    return loaders.overview(url, AS_OF, commune).shops_open


def shop(store, name: str) -> Shop:
    with Session(store) as session:
        return session.scalars(select(Shop).where(Shop.name == name)).one()


def test_a_save_in_donges_leaves_trignacs_figures_cached(store, db_url, computed):
    assert [open_shops(db_url, c) for c in ("44052", "44210", None)] == [6, 1, 7]
    assert [open_shops(db_url, c) for c in ("44052", "44210", None)] == [6, 1, 7]
    assert computed == ["44052", "44210", None]  # the second round came from the cache

    closing = shop(store, "always_open")
    with write_transaction(store) as session:
        record_status(session, ADMIN, closing.id, "closed", AS_OF, today=AS_OF)
    assert [open_shops(db_url, c) for c in ("44052", "44210", None)] == [5, 1, 6]
    # Trignac's stayed cached; the network's table read Donges's row again, not the others.
    assert computed == ["44052", "44210", None, "44052", ("44052",)]


def network_table(url: str):
    return loaders.commune_kpis(url, AS_OF)


def read_whole(store):
    """The network's table read from the store whole (not counted in `computed`)."""
    with Session(store) as session:
        return READ_WHOLE(session, AS_OF)


def test_the_networks_table_brought_up_to_date_equals_the_table_read_whole(store, db_url, computed):
    before = network_table(db_url)
    assert list(before["code"]) == ["44052", "44210"] and list(before["shops_open"]) == [6, 1]
    closing, moving = shop(store, "always_open"), shop(store, "first_day")
    with write_transaction(store) as session:
        record_status(session, ADMIN, closing.id, "closed", AS_OF, today=AS_OF)
    with write_transaction(store) as session:
        update_shop(session, ADMIN, moving.id, moving.version, {"commune_code": "44210"})
    after = network_table(db_url)
    pd.testing.assert_frame_equal(after, read_whole(store))
    assert list(after["shops_open"]) == [4, 2]  # Donges lost two, one of them to Trignac
    assert computed == [None, ("44052", "44210")]  # both rows read again, in one go

    with write_transaction(store) as session:
        leave_network(session, ADMIN, "44210", dt.date(2024, 6, 1), today=AS_OF)
    gone = network_table(db_url)
    pd.testing.assert_frame_equal(gone, read_whole(store))
    assert list(gone["code"]) == ["44052"]  # not a member on 2024-12-31 any more
    assert computed == [None, ("44052", "44210"), ("44210",)]


def test_a_shop_that_moves_recomputes_both_communes(store, db_url, computed):
    assert [open_shops(db_url, c) for c in ("44052", "44210")] == [6, 1]
    moving = shop(store, "always_open")  # Donges's, open, moves into Trignac
    with write_transaction(store) as session:
        update_shop(
            session,
            ADMIN,
            moving.id,
            moving.version,
            {"commune_code": "44210", "latitude": 47.3178, "longitude": -2.1890},
        )
    assert [open_shops(db_url, c) for c in ("44052", "44210")] == [5, 2]
    assert computed == ["44052", "44210", "44052", "44210"]


def test_a_store_whose_data_was_replaced_is_read_again(store, db_url, computed):
    # A restore or a forced demo load may repeat the revisions of the data before: they renew the
    # store's generation, and no figure cached from the data before is served.
    assert open_shops(db_url, "44052") == 6
    with store.begin() as connection:
        connection.execute(delete(StatusEvent).where(StatusEvent.shop_id == shop(store, "always_open").id))
        figures.rebuild(connection)  # written with plain SQL, as the demo loader does
        renew_generation(connection)
    assert open_shops(db_url, "44052") == 5  # always_open has no event left: not open
    assert computed == ["44052", "44052"]


def test_a_rename_leaves_the_figures_cached_and_shows_on_the_map(store, db_url, computed):
    assert [open_shops(db_url, c) for c in ("44052", None)] == [6, 7]
    assert "always_open" in set(loaders.shops_for_map(db_url, AS_OF, "44052")["name"])
    renamed = shop(store, "always_open")
    with write_transaction(store) as session:
        update_shop(session, ADMIN, renamed.id, renamed.version, {"name": "Toujours ouvert"})
    assert [open_shops(db_url, c) for c in ("44052", None)] == [6, 7]
    assert computed == ["44052", None]  # no figure moved: both came from the cache
    names = set(loaders.shops_for_map(db_url, AS_OF, "44052")["name"])
    assert "Toujours ouvert" in names and "always_open" not in names  # the map follows every change
