"""Demo data: the 22 real communes around Donges with generated shops, status
histories, catalogue items and monthly visits, and loading them into a store.

`generate_demo` is a pure function of its seed and date (the tests reuse it);
`load_demo` writes its rows with bulk inserts in one transaction, with the demo
coordinator's account (wiker_data.accounts.DEMO_COORDINATOR), through
`load_rows`, which also loads the bigger stores of wiker_data.demo.scale chunk
by chunk. The per-commune helpers (`commune_shops`, `commune_row`, ...) serve both.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import random
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import astuple, dataclass, fields
from pathlib import Path

from sqlalchemy import Engine, delete, func, insert, select, text

from wiker_data import db, settings
from wiker_data.accounts import DEMO_COORDINATOR, demo_password_hash
from wiker_data.demo.history import (
    CLOSED,
    HISTORY_START,
    OPENING_RATE,
    monthly_visits,
    opening_day,
    opening_months,
    shop_history,
)
from wiker_data.demo.reference_mix import draw_categories
from wiker_data.demo.vocab import SOURCE, STREETS, catalogue_items, shop_name, shop_row
from wiker_data.models import (
    Account,
    AccountCommune,
    AuditEntry,
    CatalogueItem,
    Commune,
    CommunePopulation,
    MonthlyVisits,
    Shop,
    SignInAttempt,
    StatusEvent,
)
from wiker_data.periods import month_range
from wiker_data.services import figures

DONGES = "44052"
DONGES_JOINED = dt.date(2019, 3, 1)
JOINING_MONTHS = month_range(dt.date(2020, 1, 1), dt.date(2025, 12, 1))  # when the other communes join
SHOPS_PER_THOUSAND = 7.5  # town-centre shops (that ever existed) per 1,000 inhabitants
POPULATION_YEARS = (2021, 2023)  # the municipal populations of the reference CSV file


@dataclass(frozen=True)
class DemoSummary:
    """How many rows the demo holds, per table."""

    communes: int
    shops: int
    status_events: int
    catalogue_items: int
    monthly_visits: int
    commune_populations: int

    def describe(self) -> str:
        """Return the counts as one line of text."""
        return ", ".join(f"{getattr(self, f.name)} {f.name.replace('_', ' ')}" for f in fields(self))


@dataclass(frozen=True)
class DemoData:
    """The demo's rows, one list of dicts per table, ready for bulk inserts."""

    communes: list[dict]
    shops: list[dict]
    status_events: list[dict]
    catalogue_items: list[dict]
    monthly_visits: list[dict]
    commune_populations: list[dict]  # the municipal populations of 2021 and 2023

    def summary(self) -> DemoSummary:
        """Return the number of rows per table."""
        return DemoSummary(*(len(getattr(self, f.name)) for f in fields(self)))


Progress = Callable[[DemoSummary], None]


class StoreNotEmpty(RuntimeError):
    """Raised when loading the demo into a store that already holds data."""

    def __init__(
        self, message: str = "the store already holds data: load the demo with force (--force) to replace it"
    ) -> None:
        super().__init__(message)


def read_communes(path: Path = settings.COMMUNES_CSV) -> list[dict]:
    """Return the communes of the reference CSV file as dicts, in file order."""
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def _joining_dates(rng: random.Random, rows: list[dict], today: dt.date) -> dict[str, dt.date | None]:
    """Return each commune's joining date: Donges first, then the others from the nearest to the
    farthest at months spread over 2020-2025; None when that date is after `today`."""
    donges = next(row for row in rows if row["insee_code"] == DONGES)

    def distance(row: dict) -> float:
        return math.hypot(
            float(row["latitude"]) - float(donges["latitude"]),
            float(row["longitude"]) - float(donges["longitude"]),
        )

    others = sorted((row for row in rows if row is not donges), key=distance)
    months = sorted(rng.sample(JOINING_MONTHS, len(others)))
    dates = {DONGES: DONGES_JOINED} | {
        row["insee_code"]: month for row, month in zip(others, months, strict=True)
    }
    return {code: day if day <= today else None for code, day in dates.items()}


def at_nine(day: dt.date) -> dt.datetime:
    """Return 9 o'clock on `day`: the time of day every generated row is stamped with."""
    return dt.datetime.combine(day, dt.time(9, 0))


def shop_count(rng: random.Random, population: int, per_thousand: float = SHOPS_PER_THOUSAND) -> int:
    """Return how many shops ever existed in a commune: `per_thousand` per 1,000 inhabitants, ±20 %."""
    noise = 0.2 * min(1.0, math.sqrt(20_000 / population))  # ±20 %, less in the big towns
    return max(1, round(population * per_thousand / 1000 * rng.uniform(1 - noise, 1 + noise)))


def commune_shops(
    rng: random.Random,
    commune: dict,
    joined_on: dt.date | None,
    today: dt.date,
    data: DemoData,
    *,
    count: int | None = None,
    first_id: int = 1,
) -> None:
    """Append to `data` the shops of one commune (`count` of them, or as many as its population
    calls for), with their status events and catalogue items; shop ids run from `first_id` on."""
    if count is None:
        count = shop_count(rng, int(commune["population_municipale_2023"]))
    years = max(0.0, (today - HISTORY_START).days / 365.25)
    stock = round(count / (1 + OPENING_RATE * years))  # shops already there in 2015; the rest open later
    months, weights = opening_months(today, joined_on)
    streets = rng.sample(STREETS, min(len(STREETS), 5 + count // 60))
    names: set[str] = set()
    for index, category in enumerate(draw_categories(rng, count)):  # the mix of reference_mix
        opened_on = opening_day(rng, index < stock, today, months, weights)
        history = shop_history(rng, category, opened_on, today, joined_on)
        if not history:
            continue
        name = shop_name(rng, category)
        for _ in range(4):  # a second "Pharmacie du Centre" in one town would look odd
            if name not in names:
                break
            name = shop_name(rng, category)
        names.add(name)
        shop = shop_row(rng, first_id + len(data.shops), category, commune, name, streets)
        created = min(today, max(history[0][0], joined_on or history[0][0]))
        shop.update(created_at=at_nine(created), updated_at=at_nine(max(created, history[-1][0])))
        data.shops.append(shop)
        data.status_events.extend(
            dict(
                shop_id=shop["id"],
                event_date=day,
                kind=kind,
                source=SOURCE,
                note=None,
                created_at=at_nine(day),
            )
            for day, kind in history
        )
        if not shop["online_shop"] and rng.random() < 0.15:
            data.catalogue_items.extend(
                dict(
                    shop_id=shop["id"],
                    name=item,
                    price=price,
                    description=about,
                    created_at=shop["created_at"],
                    updated_at=shop["updated_at"],
                )
                for item, price, about in catalogue_items(rng, category)
            )


def occupied_shops(data: DemoData) -> Counter:
    """Return, per commune code, how many of the shops of `data` are not closed for good."""
    last_kind = {event["shop_id"]: event["kind"] for event in data.status_events}  # date order in a shop
    return Counter(shop["commune_code"] for shop in data.shops if last_kind[shop["id"]] != CLOSED)


def commune_row(rng: random.Random, commune: dict, joined_on: dt.date | None, today, occupied: int) -> dict:
    """Return a commune's row; shop_units (occupied shops plus 3-14 % vacant ones) for about half."""
    code, shop_units = commune["insee_code"], None
    if code == DONGES or int(code[-1]) % 2 == 0:  # about half, Donges among them
        vacancy = rng.uniform(0.03, 0.14)
        shop_units = occupied + max(1, round(occupied * vacancy / (1 - vacancy)))
    return dict(
        code=code,
        name=commune["name"],
        postal_code=commune["postal_code"],
        departement=code[:2],  # metropolitan codes: the département's two characters, then three digits
        population=int(commune["population_municipale_2023"]),
        population_year=2023,
        latitude=float(commune["latitude"]),
        longitude=float(commune["longitude"]),
        joined_on=joined_on,
        shop_units=shop_units,
        created_at=at_nine(joined_on or today),
        updated_at=at_nine(joined_on or today),
    )


def population_rows(commune: dict) -> list[dict]:
    """Return the commune_population rows of a commune of the reference file (2021 and 2023)."""
    code = commune["insee_code"]
    return [
        dict(commune_code=code, year=year, population=int(commune[f"population_municipale_{year}"]))
        for year in POPULATION_YEARS
    ]


def generate_demo(seed: int = 2015, today: dt.date | None = None) -> DemoData:
    """Return the demo's rows as of `today` (default: the current date); the same seed and date
    always give the same rows."""
    today = today or dt.date.today()
    rng = random.Random(seed)
    rows = read_communes()
    joined = _joining_dates(rng, rows, today)
    data = DemoData([], [], [], [], [], [])
    for commune in rows:
        commune_shops(rng, commune, joined[commune["insee_code"]], today, data)
    occupied = occupied_shops(data)
    for commune in rows:
        code = commune["insee_code"]
        data.communes.append(commune_row(rng, commune, joined[code], today, occupied[code]))
        data.commune_populations.extend(population_rows(commune))
        if joined[code]:
            population = int(commune["population_municipale_2023"])
            data.monthly_visits.extend(
                monthly_visits(rng, code, population, joined[code], today, code == DONGES)
            )
    return data


# Deleted in this order (children first), inserted in the reverse one.
_TABLES = (
    (CatalogueItem, "catalogue_items"),
    (StatusEvent, "status_events"),
    (Shop, "shops"),
    (MonthlyVisits, "monthly_visits"),
    (CommunePopulation, "commune_populations"),
    (Commune, "communes"),
)
BULK_CACHE_KIB = 512 * 1024  # SQLite page cache while loading: the indexes of a big store stay in memory


def demo_seed() -> int:
    """Return the demo's seed from the settings (WIKER_DEMO_SEED, default 2015)."""
    value = settings.DEMO_SEED.value()
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"{settings.DEMO_SEED.env} must be a whole number, not {value!r}") from None


def _clear_accounts(connection, replacing: bool) -> None:
    """Delete the audit log of the data about to be replaced (not that of the real accounts), the
    sign-in attempts and the demo-only accounts; raise StoreNotEmpty when real accounts stand in
    the way (they may edit the communes about to be replaced)."""
    real = connection.scalars(
        select(Account.name).where(Account.demo_only.is_(False)).order_by(Account.name)
    ).all()
    if real and replacing:
        raise StoreNotEmpty(
            f"the store has real accounts: {', '.join(real)}; "
            "force replaces only a demo store: load the demo into another store"
        )
    if DEMO_COORDINATOR.name in real:
        raise StoreNotEmpty(f"the store has a real account named {DEMO_COORDINATOR.name!r}, the demo's name")
    demo_accounts = select(Account.id).where(Account.demo_only.is_(True))
    connection.execute(delete(AuditEntry).where(AuditEntry.entity != "account"))
    connection.execute(delete(SignInAttempt))
    connection.execute(delete(AccountCommune).where(AccountCommune.account_id.in_(demo_accounts)))
    connection.execute(delete(Account).where(Account.demo_only.is_(True)))


def _add_demo_coordinator(connection, password_hash: str) -> None:
    account_id = connection.execute(
        insert(Account).values(
            name=DEMO_COORDINATOR.name,
            role="coordinator",
            password_hash=password_hash,
            active=True,
            demo_only=True,
        )
    ).inserted_primary_key[0]
    connection.execute(
        insert(AccountCommune),
        [dict(account_id=account_id, commune_code=code) for code in DEMO_COORDINATOR.communes],
    )


def load_rows(
    engine: Engine, chunks: Iterable[DemoData], *, force: bool = False, progress: Progress | None = None
) -> DemoSummary:
    """Load the rows of `chunks` and the demo coordinator into an empty store (or, with `force`, in
    place of its data) in one transaction and return the row counts; raise StoreNotEmpty when the
    store holds data and `force` is False, or when real accounts would be in the way.

    `chunks` may be a generator: each chunk is inserted table by table before the next one is drawn,
    and `progress` is called with the counts so far after each."""
    password_hash = demo_password_hash()  # argon2 is slow on purpose: once, outside the transaction
    loaded = [0] * len(fields(DemoSummary))
    with engine.begin() as connection:
        held = sum(connection.scalar(select(func.count()).select_from(model)) for model, _ in _TABLES)
        if held and not force:
            raise StoreNotEmpty()
        _clear_accounts(connection, replacing=bool(held))
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            cache_size = connection.exec_driver_sql("PRAGMA cache_size").scalar()
            connection.exec_driver_sql(f"PRAGMA cache_size = {-BULK_CACHE_KIB}")
        try:
            for model, _ in _TABLES:
                connection.execute(delete(model))
            for chunk in chunks:
                for model, name in reversed(_TABLES):
                    if rows := getattr(chunk, name):
                        connection.execute(insert(model), rows)
                loaded = [a + b for a, b in zip(loaded, astuple(chunk.summary()), strict=True)]
                if progress:
                    progress(DemoSummary(*loaded))
        finally:
            if sqlite:
                connection.exec_driver_sql(f"PRAGMA cache_size = {int(cache_size)}")
        _add_demo_coordinator(connection, password_hash)
        figures.rebuild(connection)  # written with plain SQL: the kept figures are rebuilt once
        db.renew_generation(connection)  # a running app must not serve what it cached from the data before
        if connection.dialect.name == "postgresql":  # shop ids were given: move the id sequence past them
            connection.execute(text("SELECT setval(pg_get_serial_sequence('shop', 'id'), max(id)) FROM shop"))
        db.refresh_statistics(connection)
    return DemoSummary(*loaded)


def load_demo(
    engine: Engine, *, seed: int | None = None, today: dt.date | None = None, force: bool = False
) -> DemoSummary:
    """Load the demo and its demo coordinator into an empty store (or, with `force`, in place of its
    data) in one transaction and return the row counts (see `load_rows`)."""
    data = generate_demo(demo_seed() if seed is None else seed, today)
    return load_rows(engine, [data], force=force)


def open_store(url: str | None = None, *, seed_demo: bool = True) -> Engine:
    """Return an engine on a store migrated to the latest version, seeded with the demo data if empty."""
    engine = db.make_engine(url)
    db.migrate(engine)
    if seed_demo and db.is_empty(engine):
        load_demo(engine)
    return engine
