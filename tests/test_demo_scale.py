import datetime as dt
import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import fields
from itertools import pairwise

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.builders import add_commune
from tests.test_demo import history_problems, reference_communes, state_on
from wiker_data.cli.main import main
from wiker_data.db import make_engine, migrate
from wiker_data.demo import scale as demo_scale
from wiker_data.demo.generator import DemoData, StoreNotEmpty
from wiker_data.demo.reference_mix import SHARES
from wiker_data.demo.scale import apportion, load_scaled, plan_communes, scaled_chunks
from wiker_data.models import Commune
from wiker_data.services.validation import MAX_DISTANCE_KM, haversine_km

TODAY = dt.date(2026, 11, 26)
LAST_COMPLETE_MONTH = dt.date(2026, 10, 1)
COMMUNES, SHOPS = 40, 6000  # a reduced department: the 22 real communes and 18 generated ones


def generate_scaled(scale: str, seed: int, today: dt.date, *, communes: int, shops: int) -> DemoData:
    """Return all the rows of a reduced scaled store at once: the chunks load_scaled inserts, joined."""
    data = DemoData([], [], [], [], [], [])
    planned = plan_communes(scale, seed, today, communes=communes, shops=shops)
    for chunk in scaled_chunks(planned, seed, today):
        for table in fields(data):
            getattr(data, table.name).extend(getattr(chunk, table.name))
    return data


@pytest.fixture(scope="module")
def data():
    return generate_scaled("department", 7, TODAY, communes=COMMUNES, shops=SHOPS)


@pytest.fixture(scope="module")
def histories(data):
    found = defaultdict(list)
    for event in data.status_events:
        found[event["shop_id"]].append((event["event_date"], event["kind"]))
    return found


@pytest.fixture(scope="module")
def department_plan():
    return plan_communes("department", 7, TODAY)


def digest(data) -> str:
    return hashlib.sha256(repr(data).encode()).hexdigest()


def test_apportion_gives_whole_shares_that_add_up():
    assert apportion(10, [1, 1, 2]) == [3, 2, 5]  # 2.5, 2.5, 5: the one left goes to the first
    assert apportion(7, [1, 3], minimum=1) == [2, 5]  # 1 each, then 1.25 and 3.75 of the other 5
    assert apportion(3, [5, 5, 5, 5], minimum=1) == [1, 1, 1, 1]  # too few: the minimum each


def test_department_plan_has_200_communes_and_20000_shops(department_plan):
    assert len(department_plan) == 200
    assert sum(commune.shops for commune in department_plan) == 20_000
    assert Counter(commune.generated for commune in department_plan) == {True: 178, False: 22}


def test_generated_department_codes_are_44822_to_44999_and_named_as_generated(department_plan):
    generated = [c.row for c in department_plan if c.generated]
    assert sorted(row["insee_code"] for row in generated) == [str(code) for code in range(44822, 45000)]
    for row in generated:
        assert row["name"] == f"Commune générée 44-{row['insee_code'][2:]}"
        assert row["postal_code"].startswith("44")


def test_generated_codes_never_collide_with_the_real_ones():
    real = set(reference_communes())
    planned = plan_communes("national", 7, TODAY)
    codes = [c.row["insee_code"] for c in planned]
    assert len(codes) == len(set(codes)) == 35_000
    assert sum(c.shops for c in planned) == 1_000_000
    generated = {c.row["insee_code"] for c in planned if c.generated}
    assert len(generated) == 35_000 - 22
    assert not generated & real
    assert real < set(codes)
    assert all(re.fullmatch(r"(\d\d|2[AB])\d{3}", code) for code in codes)
    departements = Counter(code[:2] for code in generated)
    assert len(departements) == 95 and "75" not in departements and "20" not in departements
    assert all(int(code[2:]) >= 500 for code in generated)  # counted down from 999


def test_generated_communes_lie_in_loire_atlantique_with_mostly_1000_to_10000_inhabitants(department_plan):
    generated = [c.row for c in department_plan if c.generated]
    for row in generated:
        assert 46.85 <= row["latitude"] <= 47.85 and -2.6 <= row["longitude"] <= -1.0
    towns = sum(1 for row in generated if 1000 <= row["population_municipale_2023"] <= 10_000)
    assert towns / len(generated) >= 0.7


def test_reduced_department_has_the_asked_communes_and_shops(data):
    assert len(data.communes) == COMMUNES
    assert len(data.shops) == SHOPS
    assert [shop["id"] for shop in data.shops] == list(range(1, SHOPS + 1))
    assert len(data.commune_populations) == 2 * COMMUNES
    assert set(reference_communes()) < {c["code"] for c in data.communes}
    assert {c["departement"] for c in data.communes} == {"44"}


def test_generated_communes_follow_the_reference_mix_within_a_shop_per_commune(data):
    found = Counter(shop["category"] for shop in data.shops)
    tolerance = COMMUNES / SHOPS  # each commune's count is its shops × the share, rounded down or up
    for key, share in SHARES.items():
        assert found[key] / SHOPS == pytest.approx(share, abs=tolerance), key
    assert found["supermarket"] == 0


def test_every_shop_history_is_legal_and_none_after_today(data, histories):
    assert len(histories) == len(data.shops)
    problems = {shop_id: p for shop_id, events in histories.items() if (p := history_problems(events, TODAY))}
    assert problems == {}


def test_ten_years_of_openings_and_closures(data):
    years = defaultdict(set)
    for event in data.status_events:
        years[event["kind"]].add(event["event_date"].year)
    for kind in ("opened", "closed"):
        assert set(range(2016, 2027)) <= years[kind], kind
    assert years["reopened"] and years["temporarily_closed"]


def test_shops_lie_within_the_distance_the_app_allows_from_their_commune(data):
    centre = {c["code"]: (c["latitude"], c["longitude"]) for c in data.communes}
    distances = [haversine_km(s["latitude"], s["longitude"], *centre[s["commune_code"]]) for s in data.shops]
    assert max(distances) <= MAX_DISTANCE_KM
    assert max(distances) <= 0.601  # the demo's town centres: 600 m at most


def test_members_have_monthly_visits_up_to_the_last_complete_month_for_9_to_10_years(data):
    joined = {c["code"]: c["joined_on"] for c in data.communes}
    months = defaultdict(list)
    for row in data.monthly_visits:
        months[row["commune_code"]].append(row["month"])
    assert set(months) == {code for code, day in joined.items() if day}
    assert all(joined[code] for code in reference_communes())  # the real communes are members
    assert months["44052"][0] == dt.date(2016, 11, 1)  # Donges: the full 120 months
    for code, seen in months.items():
        assert seen[0] == joined[code] and seen[-1] == LAST_COMPLETE_MONTH
        assert 109 <= len(seen) <= 120
        assert all(
            after == (before + dt.timedelta(days=31)).replace(day=1) for before, after in pairwise(seen)
        )


def sample_digest(seed: int) -> str:
    """Return the hash of the rows of the generated communes of a reduced department (a sample)."""
    planned = plan_communes("department", seed, TODAY, communes=COMMUNES, shops=SHOPS)
    return digest(list(scaled_chunks([c for c in planned if c.generated], seed, TODAY)))


def test_same_seed_and_date_give_identical_rows():
    assert sample_digest(7) == sample_digest(7)
    planned = plan_communes("department", 7, TODAY)
    assert planned == plan_communes("department", 7, TODAY)


def test_another_seed_gives_other_rows():
    assert sample_digest(8) != sample_digest(7)
    codes = [c.row["insee_code"] for c in plan_communes("department", 8, TODAY)]
    assert codes == [c.row["insee_code"] for c in plan_communes("department", 7, TODAY)]


def test_chunks_drawn_in_another_process_are_the_ones_drawn_in_place(monkeypatch):
    monkeypatch.setattr(demo_scale, "CHUNK_SHOPS", 100)
    planned = [c for c in plan_communes("department", 7, TODAY, communes=30, shops=5500) if c.generated]
    in_place = list(scaled_chunks(planned, 7, TODAY))
    assert len(in_place) > 2
    assert list(scaled_chunks(planned, 7, TODAY, workers=1)) == in_place


def test_loaded_store_matches_the_rows_and_info(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'scaled.db'}"
    monkeypatch.setenv("WIKER_DATABASE_URL", url)
    engine = make_engine(url)
    migrate(engine)
    today = dt.date.today()
    summary = load_scaled(engine, "department", seed=3, today=today, communes=26, shops=5000)
    engine.dispose()
    expected = generate_scaled("department", 3, today, communes=26, shops=5000)
    assert summary == expected.summary()
    assert len(expected.shops) == 5000
    assert main(["info"]) == 0
    out = capsys.readouterr().out
    joined = {c["code"]: c["joined_on"] for c in expected.communes}
    events = defaultdict(list)
    for event in expected.status_events:
        events[event["shop_id"]].append((event["event_date"], event["kind"]))
    open_today = sum(
        1
        for shop in expected.shops
        if joined[shop["commune_code"]] and state_on(events[shop["id"]], today) in ("opened", "reopened")
    )
    latest = max(row["month"] for row in expected.monthly_visits).strftime("%Y-%m")
    assert "communes: 26\n" in out
    assert f"shops: {open_today} open today ({today.isoformat()}) / 5000 in all\n" in out
    assert f"status events: {len(expected.status_events)}\n" in out
    assert f"catalogue items: {len(expected.catalogue_items)}\n" in out
    assert f"monthly visits: {len(expected.monthly_visits)} rows, latest month {latest}\n" in out


def test_scaled_load_refuses_a_store_that_holds_data(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'store.db'}")
    migrate(engine)
    with Session(engine) as session:
        add_commune(session)
        session.commit()
    with pytest.raises(StoreNotEmpty, match="force"):
        load_scaled(engine, "department", seed=3, today=TODAY, communes=24, shops=4400)
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(Commune)) == 1
    engine.dispose()


def test_demo_rejects_an_unknown_scale(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("WIKER_DATABASE_URL", f"sqlite:///{tmp_path / 'store.db'}")
    assert main(["demo", "--scale", "galactic"]) == 1
    assert "galactic" in capsys.readouterr().err
