"""The kept monthly figures (services.figures): kept by the write transaction, rebuilt by the
migration and by `python -m wiker_data rebuild-figures`. Expected rows worked out by hand; the
property-based test (test_properties_figures.py) checks random histories against the raw events."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from tests.builders import add_commune, add_shop
from wiker_data.accounts import SignedIn
from wiker_data.cli.main import main
from wiker_data.models import Account, CommuneRevision, MonthlyFigures
from wiker_data.services import Conflict, add_catalogue_item, perform, update_shop

ADMIN = SignedIn(1, "ada", "admin", (), False)
COUNTED = ("openings", "closures", "recorded", "open_move")


def kept(engine) -> dict:
    """The kept rows as {(commune, month, category, click & collect, online): the COUNTED not 0}."""
    with Session(engine) as session:
        rows = session.scalars(select(MonthlyFigures)).all()
    return {
        (r.commune_code, r.month.isoformat(), r.category, r.click_collect, r.online): {
            name: getattr(r, name) for name in COUNTED if getattr(r, name)
        }
        for r in rows
    }


@pytest.fixture
def two_shops(engine):
    """Donges: a bakery opened on 4 March 2021 and closed on 10 May 2022. Trignac: a florist with a
    website, recorded on 15 January 2020 (built with a plain session, as the fixtures are)."""
    with Session(engine) as session:
        add_commune(session, "44052", "Donges")
        add_commune(session, "44210", "Trignac", postal_code="44570")
        session.add(Account(id=1, name="ada", role="admin", password_hash="-"))
        add_shop(session, "44052", events=(("2021-03-04", "opened"), ("2022-05-10", "closed")))
        add_shop(
            session, "44210", events=(("2020-01-15", "recorded"),), category="florist", website="https://f.fr"
        )
        session.commit()
    return engine


BY_HAND = {
    ("44052", "2021-03-01", "bakery", False, False): {"openings": 1, "open_move": 1},
    ("44052", "2022-05-01", "bakery", False, False): {"closures": 1, "open_move": -1},
    ("44210", "2020-01-01", "florist", False, True): {"recorded": 1, "open_move": 1},
}


def test_a_session_that_adds_shops_and_events_keeps_their_figures(two_shops):
    assert kept(two_shops) == BY_HAND


def test_a_change_of_kind_moves_every_month_of_the_shop_and_an_empty_row_goes(two_shops):
    perform(two_shops, update_shop, ADMIN, 1, 1, {"click_collect": True})
    expected = {
        ("44052", "2021-03-01", "bakery", True, False): {"openings": 1, "open_move": 1},
        ("44052", "2022-05-01", "bakery", True, False): {"closures": 1, "open_move": -1},
        ("44210", "2020-01-01", "florist", False, True): {"recorded": 1, "open_move": 1},
    }
    assert kept(two_shops) == expected  # the rows without click & collect are gone, not left at 0
    perform(two_shops, add_catalogue_item, ADMIN, 1, {"name": "Baguette"})  # a catalogue: online
    assert {key[4] for key in kept(two_shops) if key[0] == "44052"} == {True}


def test_rebuild_figures_counts_them_again_from_the_events(two_shops, capsys):
    with Session(two_shops) as session:  # figures gone wrong: written outside the app
        session.execute(delete(MonthlyFigures).where(MonthlyFigures.commune_code == "44210"))
        session.execute(update(MonthlyFigures).values(openings=7))
        generation = session.get(CommuneRevision, CommuneRevision.GENERATION).revision
        session.commit()

    assert main(["rebuild-figures", "--commune", "44210"]) == 0
    assert "commune 44210" in capsys.readouterr().out
    assert kept(two_shops)[("44210", "2020-01-01", "florist", False, True)] == {"recorded": 1, "open_move": 1}
    assert kept(two_shops)[("44052", "2021-03-01", "bakery", False, False)]["openings"] == 7  # not asked

    assert main(["rebuild-figures"]) == 0
    assert kept(two_shops) == BY_HAND
    with Session(two_shops) as session:  # the caches of a running app are keyed anew
        assert session.get(CommuneRevision, CommuneRevision.GENERATION).revision != generation


def test_rebuild_figures_of_an_unknown_commune_is_one_error_line(two_shops, capsys):
    assert main(["rebuild-figures", "--commune", "99999"]) == 1
    assert capsys.readouterr().err.strip() == "error: no commune with INSEE code 99999 in the store"
    assert kept(two_shops) == BY_HAND


def test_the_figures_of_a_refused_change_are_not_kept(two_shops):
    perform(two_shops, update_shop, ADMIN, 1, 1, {"category": "florist"})
    with pytest.raises(Conflict):  # started from version 1, the shop is at 2
        perform(two_shops, update_shop, ADMIN, 1, 1, {"category": "bakery"})
    assert {key[2] for key in kept(two_shops) if key[0] == "44052"} == {"florist"}
