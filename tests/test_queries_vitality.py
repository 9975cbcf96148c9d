import datetime as dt

import pandas as pd
import pytest
from sqlalchemy.orm import Session

from tests import fixture_store
from tests.builders import add_commune, add_shop
from wiker_data.queries import vitality


@pytest.mark.parametrize(
    ("units", "open_", "rate", "band"),
    [
        (40, 38, 0.05, "moderate"),  # 2/40: exactly 5 % is no longer low
        (40, 39, 0.025, "low"),
        (40, 37, 0.075, "high"),  # 3/40: the alert threshold
        (20, 18, 0.10, "decline"),  # 2/20: 10 % and over
        (50, 46, 0.08, "high"),
        (10, 12, 0.0, "low"),  # more open shops than known units: no negative vacancy
    ],
)
def test_vacancy_rate_and_band(units, open_, rate, band):
    assert vitality.vacancy_rate(units, open_) == pytest.approx(rate)
    assert vitality.vacancy_band(vitality.vacancy_rate(units, open_)) == band


def test_unknown_units_give_no_rate():
    assert vitality.vacancy_rate(None, 10) is None
    assert vitality.vacancy_band(None) is None


def test_shops_per_1000():
    assert vitality.shops_per_1000(41, 8200) == pytest.approx(5.0)
    assert vitality.shops_per_1000(3, None) is None


def test_vitality_columns():
    kpis = pd.DataFrame({"code": ["44052", "44210"], "shops_open": [38, 10], "population": [8000, 4000]})
    table = vitality.vitality_columns(kpis, pd.Series({"44052": 40}))
    assert table["vacancy_rate"].tolist()[0] == pytest.approx(0.05)
    assert pd.isna(table["vacancy_rate"].tolist()[1])
    assert table["shops_per_1000"].tolist() == pytest.approx([4.75, 2.5])


AS_OF = dt.date(2024, 12, 31)  # last 6 months: 2024-07-01 .. 2024-12-31; before: 2024-01-01 .. 2024-06-30


def closures_fixture(session: Session, recent_openings: int) -> None:
    add_commune(session, "44129", "Pontchâteau")
    for day in ("2024-07-01", "2024-12-31"):  # two closures in the last 6 months, on its first and last day
        add_shop(session, commune="44129", events=(("2010-01-01", "opened"), (day, "closed")))
    add_shop(session, commune="44129", events=(("2010-01-01", "opened"), ("2024-06-30", "closed")))  # before
    add_shop(
        session, commune="44129", events=(("2010-01-01", "opened"), ("2024-05-01", "temporarily_closed"))
    )
    for _ in range(recent_openings):
        add_shop(session, commune="44129", events=(("2024-08-15", "opened"),))


def test_commune_with_more_closures_is_flagged_with_its_figures(engine):
    with Session(engine) as session:
        closures_fixture(session, recent_openings=1)
        warnings = vitality.closure_warnings(session, AS_OF)
    assert warnings == [
        vitality.ClosureWarning("44129", "Pontchâteau", closures=2, openings=1, previous_closures=1)
    ]


def test_commune_whose_openings_keep_up_is_not_flagged(engine):
    with Session(engine) as session:
        closures_fixture(session, recent_openings=2)
        assert vitality.closure_warnings(session, AS_OF) == []


def test_fixture_store_flags_nobody(engine):
    # Donges: 1 closure in the last 6 months, 0 openings, but 1 closure in the 6 months before.
    with Session(engine) as session:
        fixture_store.build(session)
        assert vitality.closure_warnings(session, fixture_store.AS_OF) == []
