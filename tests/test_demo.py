import csv
import datetime as dt
import math
from collections import Counter, defaultdict
from dataclasses import replace
from itertools import pairwise

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tests.builders import add_commune, add_shop
from wiker_data import settings
from wiker_data.categories import BY_KEY
from wiker_data.demo import generator as demo
from wiker_data.demo.generator import StoreNotEmpty, generate_demo, load_demo
from wiker_data.models import CatalogueItem, Commune, MonthlyVisits, Shop, StatusEvent

TODAY = dt.date(2026, 11, 26)
LAST_COMPLETE_MONTH = dt.date(2026, 10, 1)  # November 2026 is not over on the 26th
TABLES = (Commune, Shop, StatusEvent, CatalogueItem, MonthlyVisits)


@pytest.fixture(scope="module")
def data():
    return generate_demo(seed=2015, today=TODAY)


@pytest.fixture(scope="module")
def histories(data):
    """Return each shop's (date, kind) events in the order the generator gives them."""
    found = defaultdict(list)
    for event in data.status_events:
        found[event["shop_id"]].append((event["event_date"], event["kind"]))
    return found


def reference_communes() -> dict[str, dict]:
    with settings.COMMUNES_CSV.open(encoding="utf-8") as file:
        return {row["insee_code"]: row for row in csv.DictReader(file)}


def history_problems(events: list[tuple[dt.date, str]], today: dt.date) -> list[str]:
    """Return what is wrong in one shop's events; an empty list for a coherent history."""
    allowed_after = {
        "opened": {None},
        "closed": {"open", "temporarily_closed"},
        "reopened": {"closed", "temporarily_closed"},
        "temporarily_closed": {"open"},
    }
    state_after = {
        "opened": "open",
        "reopened": "open",
        "closed": "closed",
        "temporarily_closed": "temporarily_closed",
    }
    problems, state, previous = [], None, None
    for day, kind in events:
        if previous is not None and day <= previous:
            problems.append(f"{kind} on {day} is not after the previous event ({previous})")
        if day > today:
            problems.append(f"{kind} on {day} is after today")
        if state not in allowed_after[kind]:
            problems.append(f"{kind} on {day} while {state}")
        state, previous = state_after[kind], day
    return problems


def state_on(events: list[tuple[dt.date, str]], day: dt.date) -> str | None:
    """Return the kind of the latest event on or before `day`."""
    before = [kind for when, kind in events if when <= day]
    return before[-1] if before else None


def store_counts(engine) -> list[int]:
    with Session(engine) as session:
        return [session.scalar(select(func.count()).select_from(model)) for model in TABLES]


def test_same_seed_and_date_give_identical_data(data):
    assert generate_demo(seed=2015, today=TODAY) == data


def test_another_seed_gives_other_shops(data):
    other = generate_demo(seed=2016, today=TODAY)
    assert [s["name"] for s in other.shops] != [s["name"] for s in data.shops]


def test_communes_are_the_22_of_the_reference_file(data):
    reference = reference_communes()
    communes = {c["code"]: c for c in data.communes}
    assert len(communes) == 22
    assert set(communes) == set(reference)
    for code, row in reference.items():
        assert communes[code]["name"] == row["name"]
        assert communes[code]["postal_code"] == row["postal_code"]
        assert communes[code]["population"] == int(row["population_municipale_2023"])
        assert communes[code]["latitude"] == float(row["latitude"])
        assert communes[code]["departement"] == "44"
        assert communes[code]["population_year"] == 2023
    assert communes["44052"]["population"] == 8219  # Donges, read by hand in the file


def test_donges_joined_first_and_the_others_on_first_days_from_2020_to_2025(data):
    joined = {c["code"]: c["joined_on"] for c in data.communes}
    assert joined.pop("44052") == dt.date(2019, 3, 1)
    for day in joined.values():
        assert dt.date(2020, 1, 1) <= day <= dt.date(2025, 12, 1)
        assert day.day == 1


def test_every_shop_history_is_coherent(data, histories):
    assert len(histories) == len(data.shops)
    problems = {shop_id: p for shop_id, events in histories.items() if (p := history_problems(events, TODAY))}
    assert problems == {}


def test_history_checker_catches_incoherent_histories():
    assert history_problems([(dt.date(2020, 1, 1), "closed")], TODAY)
    assert history_problems([(dt.date(2020, 1, 1), "opened"), (dt.date(2020, 1, 1), "closed")], TODAY)
    assert history_problems([(dt.date(2020, 1, 1), "opened"), (dt.date(2021, 1, 1), "reopened")], TODAY)
    assert history_problems([(dt.date(2027, 1, 1), "opened")], TODAY)
    closed_then_temporary = [(dt.date(2020, 1, 1), "opened"), (dt.date(2021, 1, 1), "closed")]
    assert history_problems([*closed_then_temporary, (dt.date(2022, 1, 1), "temporarily_closed")], TODAY)


def test_no_event_or_visits_month_after_today(data):
    assert max(e["event_date"] for e in data.status_events) <= TODAY
    assert max(v["month"] for v in data.monthly_visits) == LAST_COMPLETE_MONTH


def test_non_essential_shops_open_at_the_first_lockdown_close_temporarily(data, histories):
    category = {s["id"]: s["category"] for s in data.shops}
    closed_on_17_march = defaultdict(list)
    for shop_id, events in histories.items():
        if state_on(events, dt.date(2020, 3, 16)) in ("opened", "reopened"):
            essential = BY_KEY[category[shop_id]].essential
            closed_on_17_march[essential].append((dt.date(2020, 3, 17), "temporarily_closed") in events)
    assert len(closed_on_17_march[False]) > 500
    assert all(closed_on_17_march[False])
    assert len(closed_on_17_march[True]) > 200
    assert not any(closed_on_17_march[True])


@pytest.mark.parametrize(
    ("category", "reopened_on"), [("clothing", dt.date(2020, 5, 11)), ("restaurant", dt.date(2020, 6, 2))]
)
def test_first_lockdown_ends_later_for_restaurants(data, histories, category, reopened_on):
    shops = [s["id"] for s in data.shops if s["category"] == category]
    locked = [histories[i] for i in shops if (dt.date(2020, 3, 17), "temporarily_closed") in histories[i]]
    assert locked
    for events in locked:
        still_closed = state_on(events, reopened_on - dt.timedelta(days=1)) == "temporarily_closed"
        assert ((reopened_on, "reopened") in events) == still_closed


def test_shop_counts_follow_population(data, histories):
    per_commune = Counter(s["commune_code"] for s in data.shops)
    assert per_commune["44109"] > 10 * per_commune["44052"]  # Nantes: 40 times the inhabitants
    assert 3500 <= len(data.shops) <= 5000  # about 7.5 ever per 1,000 of 570,519 inhabitants
    # A commune of about 8,000 inhabitants has 30 to 60 town-centre shops open today.
    open_today = Counter(
        s["commune_code"] for s in data.shops if state_on(histories[s["id"]], TODAY) in ("opened", "reopened")
    )
    for commune in data.communes:
        if 7000 <= commune["population"] <= 10000:
            assert 30 <= open_today[commune["code"]] <= 60, commune["name"]


def test_most_shops_are_open_today_and_some_closed_for_good(data, histories):
    today = Counter(state_on(events, TODAY) for events in histories.values())
    assert 0.6 <= (today["opened"] + today["reopened"]) / len(data.shops) <= 0.95
    assert today["closed"] > 0
    assert today[None] == 0


def test_about_a_third_of_shops_have_a_website(data):
    websites = sum(1 for s in data.shops if s["website"])
    online_shops = sum(1 for s in data.shops if s["online_shop_url"])
    assert 0.25 <= websites / len(data.shops) <= 0.45
    assert 0 < online_shops < websites
    assert all(s["online_shop"] for s in data.shops if s["online_shop_url"])


def test_shops_lie_within_600_metres_of_the_town_centre(data):
    centre = {c["code"]: (c["latitude"], c["longitude"]) for c in data.communes}
    for shop in data.shops:
        latitude, longitude = centre[shop["commune_code"]]
        north = (shop["latitude"] - latitude) * 111_320
        east = (shop["longitude"] - longitude) * 111_320 * math.cos(math.radians(latitude))
        assert math.hypot(north, east) <= 601


def test_known_shop_units_give_realistic_vacancy_rates(data, histories):
    occupied = Counter(
        s["commune_code"] for s in data.shops if state_on(histories[s["id"]], TODAY) != "closed"
    )
    known = [c for c in data.communes if c["shop_units"] is not None]
    assert 6 <= len(known) <= 16
    for commune in known:
        vacancy = 1 - occupied[commune["code"]] / commune["shop_units"]
        assert 0.02 <= vacancy <= 0.16, commune["name"]


def test_donges_has_more_visits_than_inhabitants_in_recent_months(data):
    recent = [v["visits"] for v in data.monthly_visits if v["commune_code"] == "44052"][-6:]
    assert max(recent) > 8219
    first = next(v["visits"] for v in data.monthly_visits if v["commune_code"] == "44052")
    assert first < 1000  # the first month after joining


def test_visit_rows_run_every_month_from_joining_to_the_last_complete_month(data):
    joined = {c["code"]: c["joined_on"] for c in data.communes}
    months = defaultdict(list)
    for row in data.monthly_visits:
        months[row["commune_code"]].append(row["month"])
        assert 0.6 * row["visits"] - 1 <= row["unique_visitors"] <= 0.75 * row["visits"] + 1
    assert set(months) == set(joined)
    for code, seen in months.items():
        assert seen[0] == joined[code]
        assert seen[-1] == LAST_COMPLETE_MONTH
        for before, after in pairwise(seen):
            assert after == (before + dt.timedelta(days=31)).replace(day=1)
    # Donges joined in March 2019: 2019 has 10 months, 2020 to 2025 72, 2026 10 (to October).
    assert len(months["44052"]) == 10 + 72 + 10


def test_load_fills_an_empty_store_with_the_generated_rows(engine):
    summary = load_demo(engine, seed=3, today=TODAY)
    expected = generate_demo(seed=3, today=TODAY)
    assert store_counts(engine) == [
        len(expected.communes),
        len(expected.shops),
        len(expected.status_events),
        len(expected.catalogue_items),
        len(expected.monthly_visits),
    ]
    assert summary == expected.summary()
    with Session(engine) as session:
        sources = set(session.scalars(select(Shop.source).distinct()))
    assert sources == {"demo"}


def test_load_takes_its_default_seed_from_the_settings(engine, monkeypatch):
    monkeypatch.setenv("WIKER_DEMO_SEED", "7")
    load_demo(engine, today=TODAY)
    with Session(engine) as session:
        names = list(session.scalars(select(Shop.name).order_by(Shop.id)))
    assert names == [s["name"] for s in generate_demo(seed=7, today=TODAY).shops]


def test_load_refuses_a_store_that_holds_data(engine):
    with Session(engine) as session:
        add_commune(session)
        add_shop(session)
        session.commit()
    with pytest.raises(StoreNotEmpty, match="force"):
        load_demo(engine, today=TODAY)
    assert store_counts(engine) == [1, 1, 1, 0, 0]


def test_force_replaces_the_data_instead_of_adding_to_it(engine):
    with Session(engine) as session:
        add_commune(session, "44210", "Trignac")
        add_shop(session, commune="44210", name="Hand-made shop")
        session.commit()
    load_demo(engine, seed=3, today=TODAY, force=True)
    once = store_counts(engine)
    load_demo(engine, seed=3, today=TODAY, force=True)
    assert store_counts(engine) == once
    with Session(engine) as session:
        assert session.scalar(select(func.count()).where(Shop.name == "Hand-made shop")) == 0


def _with_a_bad_last_event(monkeypatch):
    generate = demo.generate_demo

    def broken(seed, today):
        data = generate(seed, today)
        bad = dict(data.status_events[-1], kind="vanished")  # breaks the kind check constraint
        return replace(data, status_events=[*data.status_events, bad])

    monkeypatch.setattr(demo, "generate_demo", broken)


def test_a_failed_load_leaves_the_store_empty(engine, monkeypatch):
    _with_a_bad_last_event(monkeypatch)
    with pytest.raises(IntegrityError):
        load_demo(engine, today=TODAY)
    assert store_counts(engine) == [0, 0, 0, 0, 0]


def test_a_failed_forced_load_keeps_the_previous_data(engine, monkeypatch):
    load_demo(engine, seed=3, today=TODAY)
    before = store_counts(engine)
    _with_a_bad_last_event(monkeypatch)
    with pytest.raises(IntegrityError):
        load_demo(engine, seed=4, today=TODAY, force=True)
    assert store_counts(engine) == before


def test_a_demo_load_leaves_postgresql_knowing_the_new_tables(engine):
    # Without statistics PostgreSQL plans for empty tables until its autovacuum runs (db.refresh_statistics).
    load_demo(engine, seed=2015, today=dt.date(2026, 11, 15))
    with engine.connect() as connection:
        if connection.dialect.name != "postgresql":
            assert not connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'"
            ).all()  # SQLite keeps its planner's defaults
            return
        analysed = connection.exec_driver_sql(
            "SELECT DISTINCT tablename FROM pg_stats"
            " WHERE tablename IN ('shop', 'status_event', 'monthly_figures')"
        ).scalars()
        assert sorted(analysed) == ["monthly_figures", "shop", "status_event"]
