"""Small helpers to write fixture stores by hand, so that tests can state
their expected numbers from the events they wrote."""

from __future__ import annotations

import datetime as dt
from itertools import count

from sqlalchemy.orm import Session

from wiker_data.accounts import hash_password
from wiker_data.models import (
    Account,
    AccountCommune,
    CatalogueItem,
    Commune,
    MonthlyVisits,
    Shop,
    StatusEvent,
)

_ids = count(1)


def add_commune(session: Session, code: str = "44052", name: str = "Donges", **fields) -> Commune:
    values = dict(
        postal_code="44480",
        departement=code[:2],
        population=8000,
        population_year=2023,
        latitude=47.318844,
        longitude=-2.074571,
        joined_on=dt.date(2019, 1, 1),
    )
    values.update(fields)
    commune = Commune(code=code, name=name, **values)
    session.add(commune)
    session.flush()
    return commune


def add_account(session: Session, name: str, password: str, role: str, communes=()) -> Account:
    """Add an active account with `password` hashed, as setup data: no checks, no audit entry (the
    account commands and their audit are tested in test_accounts.py)."""
    account = Account(
        name=name,
        role=role,
        password_hash=hash_password(password),
        active=True,
        demo_only=False,
        communes=[AccountCommune(commune_code=code) for code in sorted(set(communes))],
    )
    session.add(account)
    session.flush()
    return account


def add_shop(
    session: Session,
    commune: str = "44052",
    events: tuple[tuple[str, str], ...] = (("2010-01-01", "opened"),),
    **fields,
) -> Shop:
    """Add a shop with its status events, given as (ISO date, kind) pairs."""
    values = dict(
        name=f"Shop {next(_ids)}",
        category="bakery",
        address="1 rue de la Gare",
        latitude=47.3188,
        longitude=-2.0745,
    )
    values.update(fields)
    catalogue = values.pop("catalogue", [])
    shop = Shop(commune_code=commune, **values)
    shop.events = [StatusEvent(event_date=dt.date.fromisoformat(d), kind=k) for d, k in events]
    shop.catalogue = [CatalogueItem(name=n) for n in catalogue]
    session.add(shop)
    session.flush()
    return shop


def add_visits(session: Session, commune: str, month: str, visits: int, unique: int | None = None) -> None:
    session.add(
        MonthlyVisits(
            commune_code=commune, month=dt.date.fromisoformat(month), visits=visits, unique_visitors=unique
        )
    )
    session.flush()
