"""Visits against population (wiker_data.queries.visits), the population history and its migration.

Every expected number is worked out by hand from the rows each test writes."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest
from alembic import command
from sqlalchemy import inspect, select, text
from sqlalchemy.orm import Session

from tests.builders import add_commune, add_visits
from wiker_data.db import _alembic_config, make_engine, migrate
from wiker_data.demo.generator import generate_demo, load_demo
from wiker_data.exports import to_csv_bytes
from wiker_data.models import Commune, CommunePopulation
from wiker_data.periods import add_months, month_range
from wiker_data.queries.visits import (
    MONTHLY_COLUMNS,
    RANKING_COLUMNS,
    before_after,
    monthly_visits,
    population_of_year,
    visits_ranking,
    visits_span,
)


def population_for(session: Session, commune: str, year: int) -> int | None:
    """Return the commune's population of the year matching `year`, as the visits queries compute it."""
    return session.scalar(select(population_of_year(Commune.code, year)).where(Commune.code == commune))


@pytest.fixture
def session(engine):
    with Session(engine) as session:
        yield session


def add_population(session: Session, commune: str, year: int, population: int) -> None:
    session.add(CommunePopulation(commune_code=commune, year=year, population=population))
    session.flush()


def by_month(frame: pd.DataFrame) -> dict[dt.date, dict]:
    return {row["month"]: row for row in frame.to_dict("records")}


# --- population of the matching year ---------------------------------------------------------


@pytest.fixture
def donges_with_history(session):
    # Census figures 2021: 8,000 and 2023: 10,000; commune.population holds the latest (10,000).
    add_commune(session, "44052", "Donges", population=10_000, population_year=2023)
    add_population(session, "44052", 2021, 8_000)
    add_population(session, "44052", 2023, 10_000)
    return session


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2019, 8_000),  # before every figure: the earliest one (2021)
        (2021, 8_000),
        (2022, 8_000),  # latest reference year <= 2022 is 2021
        (2023, 10_000),
        (2024, 10_000),  # latest reference year <= 2024 is 2023
    ],
)
def test_population_of_the_matching_year(donges_with_history, year, expected):
    assert population_for(donges_with_history, "44052", year) == expected


def test_commune_without_history_uses_its_population(session):
    add_commune(session, "44210", "Trignac", population=4_000)
    add_commune(session, "44103", "Montoir-de-Bretagne", population=None, population_year=None)
    assert population_for(session, "44210", 2022) == 4_000
    assert population_for(session, "44103", 2022) is None


def test_monthly_visits_per_inhabitant_use_the_matching_year(donges_with_history):
    session = donges_with_history
    add_visits(session, "44052", "2019-06-01", 4_000, unique=3_000)  # 2019 -> earliest, 2021: 8,000
    add_visits(session, "44052", "2022-06-01", 2_000)  # 2022 -> 2021: 8,000
    add_visits(session, "44052", "2023-01-01", 1_000)  # 2023 -> 10,000
    add_visits(session, "44052", "2024-06-01", 5_000)  # 2024 -> 2023: 10,000
    frame = monthly_visits(session, dt.date(2019, 1, 1), dt.date(2024, 12, 31), "44052")
    assert list(frame.columns) == MONTHLY_COLUMNS
    rows = by_month(frame)
    assert list(rows) == [dt.date(2019, 6, 1), dt.date(2022, 6, 1), dt.date(2023, 1, 1), dt.date(2024, 6, 1)]
    assert [r["population"] for r in rows.values()] == [8_000, 8_000, 10_000, 10_000]
    assert rows[dt.date(2019, 6, 1)]["visits_per_inhabitant"] == pytest.approx(0.5)  # 4,000 / 8,000
    assert rows[dt.date(2022, 6, 1)]["visits_per_inhabitant"] == pytest.approx(0.25)  # 2,000 / 8,000
    assert rows[dt.date(2023, 1, 1)]["visits_per_inhabitant"] == pytest.approx(0.1)  # 1,000 / 10,000
    assert rows[dt.date(2024, 6, 1)]["visits_per_inhabitant"] == pytest.approx(0.5)  # 5,000 / 10,000
    assert rows[dt.date(2019, 6, 1)]["unique_visitors"] == 3_000
    assert pd.isna(rows[dt.date(2022, 6, 1)]["unique_visitors"])
    # Four scattered months: never 12 in a row, so no rolling mean.
    assert frame["rolling_12m_visits_per_inhabitant"].isna().all()


def test_months_without_a_row_are_absent_not_zero(session):
    add_commune(session, "44210", "Trignac", population=1_000)
    add_visits(session, "44210", "2024-01-01", 100)
    add_visits(session, "44210", "2024-03-01", 300)
    frame = monthly_visits(session, dt.date(2024, 1, 1), dt.date(2024, 3, 31), "44210")
    assert list(frame["month"]) == [dt.date(2024, 1, 1), dt.date(2024, 3, 1)]
    assert list(frame["visits"]) == [100, 300]


def test_a_commune_without_visits_gives_an_empty_frame(session):
    add_commune(session, "44210", "Trignac", population=1_000)
    frame = monthly_visits(session, dt.date(2024, 1, 1), dt.date(2024, 12, 31), "44210")
    assert frame.empty
    assert list(frame.columns) == MONTHLY_COLUMNS


# --- 12-month rolling mean ---------------------------------------------------------------------


@pytest.fixture
def thirteen_months(session):
    # Trignac, 1,000 inhabitants (a 2023 history row): month k of Jan 2023 .. Jan 2024 (k = 1..13) has
    # 100 k visits, so 0.1 k visits per inhabitant.
    add_commune(session, "44210", "Trignac", population=1_000, population_year=2023)
    add_population(session, "44210", 2023, 1_000)
    for k, month in enumerate(month_range(dt.date(2023, 1, 1), dt.date(2024, 1, 1)), start=1):
        add_visits(session, "44210", month.isoformat(), 100 * k)
    return session


def test_rolling_mean_needs_twelve_months(thirteen_months):
    frame = monthly_visits(thirteen_months, dt.date(2023, 1, 1), dt.date(2024, 1, 31), "44210")
    rows = by_month(frame)
    assert len(rows) == 13
    assert rows[dt.date(2023, 3, 1)]["visits_per_inhabitant"] == pytest.approx(0.3)  # 300 / 1,000
    # Jan .. Nov 2023: fewer than 12 months so far.
    assert all(math.isnan(rows[m]["rolling_12m_visits_per_inhabitant"]) for m in list(rows)[:11])
    # Dec 2023: mean of 0.1 .. 1.2 = 0.1 x (1 + ... + 12) / 12 = 0.1 x 78 / 12 = 0.65
    assert rows[dt.date(2023, 12, 1)]["rolling_12m_visits_per_inhabitant"] == pytest.approx(0.65)
    # Jan 2024: mean of 0.2 .. 1.3 = 0.1 x (2 + ... + 13) / 12 = 0.1 x 90 / 12 = 0.75
    assert rows[dt.date(2024, 1, 1)]["rolling_12m_visits_per_inhabitant"] == pytest.approx(0.75)


def test_rolling_mean_counts_the_months_before_the_period(thirteen_months):
    frame = monthly_visits(thirteen_months, dt.date(2024, 1, 1), dt.date(2024, 1, 31), "44210")
    assert list(frame["month"]) == [dt.date(2024, 1, 1)]
    assert frame["rolling_12m_visits_per_inhabitant"].iloc[0] == pytest.approx(0.75)  # as above


def test_a_missing_month_breaks_the_rolling_mean(thirteen_months):
    thirteen_months.execute(text("DELETE FROM monthly_visits WHERE month = '2023-06-01'"))
    rows = by_month(monthly_visits(thirteen_months, dt.date(2023, 1, 1), dt.date(2024, 1, 31), "44210"))
    assert dt.date(2023, 6, 1) not in rows
    # Dec 2023 and Jan 2024 both have June 2023 in their 12 months: 11 figures only.
    assert math.isnan(rows[dt.date(2023, 12, 1)]["rolling_12m_visits_per_inhabitant"])
    assert math.isnan(rows[dt.date(2024, 1, 1)]["rolling_12m_visits_per_inhabitant"])


# --- the network -------------------------------------------------------------------------------


@pytest.fixture
def network(session):
    # Members Donges (8,000) and Trignac (4,000); Montoir (7,000) has not joined.
    add_commune(session, "44052", "Donges", population=8_000, joined_on=dt.date(2019, 1, 1))
    add_commune(session, "44210", "Trignac", population=4_000, joined_on=dt.date(2020, 1, 1))
    add_commune(session, "44103", "Montoir-de-Bretagne", population=7_000, joined_on=None)
    add_visits(session, "44052", "2024-11-01", 5_000, unique=3_000)
    add_visits(session, "44210", "2024-11-01", 1_000)
    add_visits(session, "44103", "2024-11-01", 9_999, unique=9_999)
    add_visits(session, "44052", "2024-12-01", 6_000, unique=4_000)
    add_visits(session, "44103", "2024-12-01", 9_999, unique=9_999)
    return session


def test_network_sums_only_the_member_communes(network):
    rows = by_month(monthly_visits(network, dt.date(2024, 1, 1), dt.date(2024, 12, 31)))
    november, december = rows[dt.date(2024, 11, 1)], rows[dt.date(2024, 12, 1)]
    # November: Donges 5,000 + Trignac 1,000 = 6,000 visits for 8,000 + 4,000 = 12,000 inhabitants.
    assert (november["visits"], november["population"]) == (6_000, 12_000)
    assert november["visits_per_inhabitant"] == pytest.approx(0.5)
    # Trignac gave no unique visitors in November: no partial sum.
    assert pd.isna(november["unique_visitors"])
    # December: only Donges reports: 6,000 visits for its 8,000 inhabitants.
    assert (december["visits"], december["population"], december["unique_visitors"]) == (6_000, 8_000, 4_000)
    assert december["visits_per_inhabitant"] == pytest.approx(0.75)


def test_visits_span_covers_the_member_communes(network):
    network.add(Commune(code="44184", name="Saint-Nazaire", departement="44", population=1))
    add_visits(network, "44184", "2010-01-01", 1)  # not a member: ignored
    assert visits_span(network) == (dt.date(2024, 11, 1), dt.date(2024, 12, 1))


# --- before / after joining -----------------------------------------------------------------


@pytest.fixture
def joined_mid_year(session):
    # Savenay, 2,000 inhabitants, joined on 15 June 2023: its first 12 months are June 2023 .. May 2024.
    add_commune(session, "44195", "Savenay", population=2_000, joined_on=dt.date(2023, 6, 15))
    add_visits(session, "44195", "2023-05-01", 9_999)  # before joining: in neither window
    add_visits(session, "44195", "2023-06-01", 200)  # 0.1
    add_visits(session, "44195", "2023-07-01", 400)  # 0.2
    add_visits(session, "44195", "2023-09-01", 600)  # 0.3 (August has no figure)
    add_visits(session, "44195", "2024-05-01", 800)  # 0.4: in both windows
    add_visits(session, "44195", "2024-06-01", 5_000)  # 2.5
    add_visits(session, "44195", "2024-12-01", 1_000)  # 0.5
    add_visits(session, "44195", "2025-01-01", 99_999)  # after the last complete month as of 2025-01-15
    return session


def test_before_after_for_a_commune_that_joined_mid_year(joined_mid_year):
    result = before_after(joined_mid_year, dt.date(2025, 1, 15), "44195")
    assert result.joined_on == dt.date(2023, 6, 15)
    assert (result.first_12_months_start, result.first_12_months_end) == (
        dt.date(2023, 6, 1),
        dt.date(2024, 5, 1),
    )
    # First 12 months: June, July, September 2023 and May 2024 = (0.1 + 0.2 + 0.3 + 0.4) / 4 = 0.25
    assert result.first_12_months_average == pytest.approx(0.25)
    assert result.first_12_months_months == 4
    # Last complete month as of 2025-01-15: December 2024; window January .. December 2024:
    # May 0.4, June 2.5, December 0.5 = 3.4 / 3
    assert (result.last_12_months_start, result.last_12_months_end) == (
        dt.date(2024, 1, 1),
        dt.date(2024, 12, 1),
    )
    assert result.last_12_months_average == pytest.approx(3.4 / 3)
    assert result.last_12_months_months == 3
    assert result.change == pytest.approx((3.4 / 3) / 0.25 - 1)  # +353 %


def test_first_months_stop_at_the_last_complete_month(joined_mid_year):
    # As of 2023-10-31 only June .. October 2023 have ended: June, July, September = (0.1 + 0.2 + 0.3) / 3
    result = before_after(joined_mid_year, dt.date(2023, 10, 31), "44195")
    assert result.first_12_months_end == dt.date(2023, 10, 1)
    assert result.first_12_months_average == pytest.approx(0.2)
    assert result.first_12_months_months == 3


def test_before_after_without_figures(session):
    add_commune(session, "44015", "Blain", population=10_000, joined_on=dt.date(2024, 12, 10))
    result = before_after(session, dt.date(2024, 12, 20), "44015")  # joined after November 2024 ended
    assert result.first_12_months_start is None
    assert result.first_12_months_average is None and result.first_12_months_months == 0
    assert result.last_12_months_average is None and result.last_12_months_months == 0
    assert result.change is None


# --- ranking -----------------------------------------------------------------------------------


@pytest.fixture
def ranked(session):
    # Period January .. March 2024.
    add_commune(session, "44050", "Crossac", population=500)  # Feb 400 (0.8), Mar 500 (1.0): mean 0.9
    add_visits(session, "44050", "2024-02-01", 400)
    add_visits(session, "44050", "2024-03-01", 500)
    add_commune(session, "44052", "Donges", population=1_000)  # Jan 500 (0.5), Feb 700 (0.7): mean 0.6
    add_visits(session, "44052", "2024-01-01", 500)
    add_visits(session, "44052", "2024-02-01", 700)
    add_commune(session, "44013", "Besné", population=2_000)  # Jan 1,200: 0.6, ties with Donges
    add_visits(session, "44013", "2024-01-01", 1_200)
    # Fay: history 2021: 1,000 and 2024: 4,000 (commune.population says 9,999: the history wins).
    add_commune(session, "44056", "Fay-de-Bretagne", population=9_999)
    add_population(session, "44056", 2021, 1_000)
    add_population(session, "44056", 2024, 4_000)
    add_visits(session, "44056", "2024-01-01", 400)  # 400 / 4,000 = 0.1
    add_commune(session, "44046", "Corsept", population=1_000)  # only December 2023: outside the period
    add_visits(session, "44046", "2023-12-01", 5_000)
    add_commune(session, "44103", "Montoir-de-Bretagne", population=100, joined_on=None)  # not a member
    add_visits(session, "44103", "2024-01-01", 1_000)
    return session


def test_ranking_orders_by_visits_per_inhabitant_with_ties(ranked):
    table = visits_ranking(ranked, dt.date(2024, 1, 1), dt.date(2024, 3, 31))
    assert list(table.columns) == RANKING_COLUMNS
    # Crossac 0.9 first; Besné and Donges tie at 0.6 (rank 2 both, by name); Fay 0.1 is 4th;
    # Corsept has no figure in the period: no rank, last; Montoir is not a member.
    assert list(table["name"]) == ["Crossac", "Besné", "Donges", "Fay-de-Bretagne", "Corsept"]
    assert list(table["rank"].astype("float")[:4]) == [1, 2, 2, 4]
    assert pd.isna(table["rank"].iloc[4])
    rows = table.set_index("name")
    assert rows.loc["Crossac", "visits_per_inhabitant_per_month"] == pytest.approx(0.9)
    assert rows.loc["Donges", "visits_per_inhabitant_per_month"] == pytest.approx(0.6)
    assert rows.loc["Fay-de-Bretagne", "visits_per_inhabitant_per_month"] == pytest.approx(0.1)
    assert list(rows.loc[["Crossac", "Donges", "Besné", "Corsept"], "months"]) == [2, 2, 1, 0]
    assert list(rows.loc[["Crossac", "Donges", "Besné", "Corsept"], "visits"]) == [900, 1_200, 1_200, 0]
    assert rows.loc["Fay-de-Bretagne", "population"] == 4_000  # the 2024 figure, for a period ending 2024


def test_ranking_over_two_years_divides_each_month_by_its_years_population(session):
    # Savenay: 1,000 inhabitants in 2023, 2,000 in 2024. December 2023: 500 (0.5); January 2024:
    # 1,000 (0.5); February 2024: 400 (0.2): the mean of the three months is 0.4, not the visits
    # (1,900) over either population. Prinquiau: no known population (0): its months count, no rank.
    add_commune(session, "44195", "Savenay", population=9_999)
    add_population(session, "44195", 2023, 1_000)
    add_population(session, "44195", 2024, 2_000)
    for month, visits in (("2023-12-01", 500), ("2024-01-01", 1_000), ("2024-02-01", 400)):
        add_visits(session, "44195", month, visits)
    add_commune(session, "44136", "Prinquiau", population=0)
    add_visits(session, "44136", "2024-01-01", 300)
    add_visits(session, "44136", "2024-02-01", 100)
    table = visits_ranking(session, dt.date(2023, 12, 1), dt.date(2024, 2, 29)).set_index("name")
    assert table.loc["Savenay", "visits_per_inhabitant_per_month"] == pytest.approx(0.4)
    assert (table.loc["Savenay", "months"], table.loc["Savenay", "visits"]) == (3, 1_900)
    assert table.loc["Savenay", "rank"] == 1
    assert (table.loc["Prinquiau", "months"], table.loc["Prinquiau", "visits"]) == (2, 400)
    assert pd.isna(table.loc["Prinquiau", "visits_per_inhabitant_per_month"])
    assert pd.isna(table.loc["Prinquiau", "rank"])


def test_ranking_csv_has_a_bom_and_translated_headers(ranked):
    table = visits_ranking(ranked, dt.date(2024, 1, 1), dt.date(2024, 3, 31))
    data = to_csv_bytes(table, {"rank": "Rang", "name": "Commune", "visits": "Visites"}, lang="fr")
    assert data.startswith("\ufeff".encode())
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == "Rang;Commune;Visites"  # French: semicolons
    assert lines[1:3] == ["1;Crossac;900", "2;Besné;1200"]  # ranks as whole numbers, not 1,0
    assert lines[-1] == ";Corsept;0"  # no rank: an empty cell


# --- months ------------------------------------------------------------------------------------


def test_month_arithmetic():
    assert add_months(dt.date(2024, 12, 15), 1) == dt.date(2025, 1, 1)
    assert add_months(dt.date(2024, 1, 1), -13) == dt.date(2022, 12, 1)
    assert month_range(dt.date(2023, 11, 20), dt.date(2024, 2, 1)) == [
        dt.date(2023, 11, 1),
        dt.date(2023, 12, 1),
        dt.date(2024, 1, 1),
        dt.date(2024, 2, 1),
    ]


# --- migration and demo ------------------------------------------------------------------------


def test_migration_fills_the_history_from_existing_communes(db_url):
    engine = make_engine(db_url)  # an empty store
    with engine.begin() as connection:
        command.upgrade(_alembic_config(connection), "0001")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO commune (code, name, departement, population, population_year, created_at, "
                "updated_at) VALUES ('44052', 'Donges', '44', 8219, 2023, '2024-01-01', '2024-01-01'), "
                "('44210', 'Trignac', '44', NULL, NULL, '2024-01-01', '2024-01-01')"
            )
        )
    migrate(engine)  # to the latest revision
    with Session(engine) as session:
        history = session.scalars(select(CommunePopulation)).all()
        assert [(row.commune_code, row.year, row.population) for row in history] == [("44052", 2023, 8219)]
        assert len(session.scalars(select(Commune)).all()) == 2  # no commune lost
        assert population_for(session, "44052", 2019) == 8219
        assert population_for(session, "44210", 2019) is None
    with engine.begin() as connection:
        command.downgrade(_alembic_config(connection), "0001")
        tables = set(inspect(connection).get_table_names())
    assert "commune_population" not in tables and "commune" in tables
    engine.dispose()


def test_demo_holds_the_2021_and_2023_populations(engine):
    data = generate_demo(seed=3, today=dt.date(2026, 11, 1))
    assert len(data.commune_populations) == 2 * len(data.communes)
    donges = {
        row["year"]: row["population"] for row in data.commune_populations if row["commune_code"] == "44052"
    }
    assert donges == {2021: 8113, 2023: 8219}  # data/communes_loire_atlantique.csv
    load_demo(engine, seed=3, today=dt.date(2026, 11, 1))
    with Session(engine) as session:
        assert population_for(session, "44052", 2022) == 8113
        assert population_for(session, "44052", 2025) == 8219
        assert session.get(Commune, "44052").population == 8219  # the commune keeps the latest figure


def test_network_visits_leave_out_a_commune_from_the_month_after_it_left(network):
    # Trignac leaves on 2024-11-15: November started while it was a member, December did not.
    network.get(Commune, "44210").left_on = dt.date(2024, 11, 15)
    add_visits(network, "44210", "2024-12-01", 2_000)
    rows = by_month(monthly_visits(network, dt.date(2024, 1, 1), dt.date(2024, 12, 31)))
    # November as before: Donges 5,000 + Trignac 1,000; December: Donges' 6,000 only, not Trignac's 2,000.
    assert rows[dt.date(2024, 11, 1)]["visits"] == 6_000
    assert (rows[dt.date(2024, 12, 1)]["visits"], rows[dt.date(2024, 12, 1)]["population"]) == (6_000, 8_000)
