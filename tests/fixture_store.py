"""A small store whose every figure is worked out by hand in the comments.

As of 2024-12-31 (window: 2024-01-01 .. 2024-12-31):

Donges (44052, 8,000 inhabitants, joined 2019):
  always_open      opened 2010                      open, website -> online
  first_day        opened 2024-01-01                opening, open
  day_before       opened 2023-12-31                open (opening outside the window)
  closed_last_day  opened 2000, closed 2024-12-31   closure, not open
  reopened         opened 2005, closed 2024-03-01, reopened 2024-09-01
                                                    closure + reopening after closure, open
  temporary        opened 2012, temporarily closed 2024-11-01
                                                    neither open nor closed
  lockdown         opened 2015, temporarily closed 2024-02-01, reopened 2024-03-01
                                                    reopening (not after closure), open
  archived         opened 2010, archived            never counted
  future           opened 2025-01-15                not open yet
  catalogue_only   opened 2010, one catalogue item  open, online
  => open 6, online 2, openings 1, closures 2, reopenings 2 (1 after closure), net change 0
  visits: November 2024 5,000; December 2024 6,000

Trignac (44210, 4,000 inhabitants, joined 2020):
  new_online       opened 2024-06-01, online shop   opening, open, online
  long_closed      opened 2001, closed 2023-06-01   closed before the window
  => open 1, online 1, openings 1, closures 0, net change +1; visits: November 2024 1,000 only

Montoir (44103) has not joined the network: it and its shop are outside every figure.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from tests.builders import add_commune, add_shop, add_visits

AS_OF = dt.date(2024, 12, 31)


def build(session: Session) -> None:
    add_commune(session, "44052", "Donges", population=8000, joined_on=dt.date(2019, 1, 1))
    add_commune(session, "44210", "Trignac", population=4000, joined_on=dt.date(2020, 1, 1), latitude=47.3178)
    add_commune(session, "44103", "Montoir-de-Bretagne", population=7000, joined_on=None)

    add_shop(session, name="always_open", events=(("2010-01-01", "opened"),), website="https://a.fr")
    add_shop(session, name="first_day", events=(("2024-01-01", "opened"),))
    add_shop(session, name="day_before", events=(("2023-12-31", "opened"),))
    add_shop(session, name="closed_last_day", events=(("2000-05-05", "opened"), ("2024-12-31", "closed")))
    add_shop(
        session,
        name="reopened",
        events=(("2005-01-01", "opened"), ("2024-03-01", "closed"), ("2024-09-01", "reopened")),
        category="cafe_bar",
    )
    add_shop(
        session, name="temporary", events=(("2012-01-01", "opened"), ("2024-11-01", "temporarily_closed"))
    )
    add_shop(
        session,
        name="lockdown",
        events=(("2015-01-01", "opened"), ("2024-02-01", "temporarily_closed"), ("2024-03-01", "reopened")),
        category="clothing",
        click_collect=True,
    )
    add_shop(
        session, name="archived", events=(("2010-01-01", "opened"),), archived_at=dt.datetime(2024, 5, 1)
    )
    add_shop(session, name="future", events=(("2025-01-15", "opened"),))
    add_shop(session, name="catalogue_only", events=(("2010-01-01", "opened"),), catalogue=["Galette"])
    add_visits(session, "44052", "2024-11-01", 5000)
    add_visits(session, "44052", "2024-12-01", 6000)

    add_shop(
        session,
        commune="44210",
        name="new_online",
        events=(("2024-06-01", "opened"),),
        online_shop_url="https://boutique.example.fr",
        delivery=True,
    )
    add_shop(
        session,
        commune="44210",
        name="long_closed",
        events=(("2001-01-01", "opened"), ("2023-06-01", "closed")),
    )
    add_visits(session, "44210", "2024-11-01", 1000)

    add_shop(session, commune="44103", name="outside", events=(("2024-02-02", "opened"),))
