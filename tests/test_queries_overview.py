import datetime as dt

import pytest

from tests.fixture_store import AS_OF
from wiker_data.queries import overview as overview_queries


def test_overview_of_one_commune(session):
    kpis = overview_queries.overview(session, AS_OF, "44052")
    assert kpis.communes == 1
    assert kpis.shops_open == 6
    assert kpis.shops_online == 2
    assert kpis.share_online == pytest.approx(2 / 6)
    assert kpis.openings == 1
    assert kpis.closures == 2
    assert kpis.reopenings == 2
    assert kpis.reopenings_after_closure == 1
    assert kpis.net_change == 0
    assert kpis.visits_month == dt.date(2024, 12, 1)
    assert kpis.visits == 6000
    assert kpis.visits_per_inhabitant == pytest.approx(6000 / 8000)


def test_overview_of_the_network_leaves_out_communes_not_joined(session):
    kpis = overview_queries.overview(session, AS_OF)
    assert kpis.communes == 2
    assert kpis.population == 12000
    assert kpis.shops_open == 7
    assert kpis.shops_online == 3
    assert kpis.openings == 2
    assert kpis.closures == 2
    assert kpis.net_change == 1
    # Trignac has no December figure: the ratio uses the inhabitants of the communes that report one.
    assert kpis.visits == 6000
    assert kpis.visits_per_inhabitant == pytest.approx(6000 / 8000)


def test_mid_month_date_reports_the_previous_month(session):
    kpis = overview_queries.overview(session, dt.date(2025, 1, 15), "44052")
    assert kpis.visits_month == dt.date(2024, 12, 1)
    assert kpis.visits == 6000
    # 2025-01-15: "future" opened that day and counts; "first_day" (2024-01-01) is now out of the window.
    assert kpis.openings == 1
    assert kpis.shops_open == 7


def test_closed_shop_is_not_counted_open_the_day_it_closes(session):
    day_before = overview_queries.overview(session, dt.date(2024, 12, 30), "44052")
    assert day_before.shops_open == 7
    assert day_before.closures == 1


def test_commune_kpis_one_row_per_network_commune(session):
    table = overview_queries.commune_kpis(session, AS_OF).set_index("code")
    assert sorted(table.index) == ["44052", "44210"]
    trignac = table.loc["44210"]
    assert (trignac["shops_open"], trignac["openings"], trignac["closures"], trignac["net_change"]) == (
        1,
        1,
        0,
        1,
    )
    assert trignac["share_online"] == 1.0
    assert pd_isna(trignac["visits"])


def pd_isna(value) -> bool:
    return value != value  # NaN is the only value not equal to itself


def test_open_shops_by_category(session):
    table = overview_queries.open_shops_by_category(session, AS_OF, "44052")
    counts = dict(zip(table["category"], table["shops_open"], strict=True))
    assert counts == {"bakery": 4, "cafe_bar": 1, "clothing": 1}


def test_commune_that_joined_after_the_date_is_not_counted(session):
    kpis = overview_queries.overview(session, dt.date(2019, 6, 30))
    assert kpis.communes == 1
