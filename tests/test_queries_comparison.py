import datetime as dt

import pandas as pd
import pytest
from sqlalchemy.orm import Session

from tests import fixture_store
from wiker_data.models import Commune
from wiker_data.queries import overview as overview_queries
from wiker_data.queries import scope
from wiker_data.queries.comparison import comparison_table, similar_size


@pytest.mark.parametrize(
    ("population", "reference", "expected"),
    [(8000, 4000, True), (8001, 4000, False), (2000, 4000, True), (1999, 4000, False), (None, 4000, False)],
)
def test_similar_size_is_within_a_factor_of_two(population, reference, expected):
    assert similar_size(population, reference) is expected


def test_comparison_of_the_fixture_store(engine):
    with Session(engine) as session:
        fixture_store.build(session)
        session.get(Commune, "44052").shop_units = 8
        session.commit()
        kpis = overview_queries.commune_kpis(session, fixture_store.AS_OF)
        communes = scope.network_communes(session)
    table = comparison_table(kpis, communes, "44210").set_index("code")
    # Donges: 6 open shops for 8,000 inhabitants, 8 units; Trignac: 1 for 4,000, units unknown.
    assert list(table.index) == ["44052", "44210"]
    assert table.loc["44052", "shops_per_1000"] == pytest.approx(0.75)
    assert table.loc["44052", "vacancy_rate"] == pytest.approx(0.25)
    assert pd.isna(table.loc["44210", "vacancy_rate"])
    assert table.loc["44210", "shops_per_1000"] == pytest.approx(0.25)
    assert bool(table.loc["44210", "chosen"]) and not bool(table.loc["44052", "chosen"])
    assert bool(table.loc["44052", "similar_size"])  # 8,000 is twice 4,000
    assert not bool(table.loc["44210", "similar_size"])  # the chosen commune itself is not marked


def test_no_chosen_commune_marks_nothing(engine):
    with Session(engine) as session:
        fixture_store.build(session)
        kpis = overview_queries.commune_kpis(session, dt.date(2024, 12, 31))
        communes = scope.network_communes(session)
    table = comparison_table(kpis, communes, None)
    assert not table["similar_size"].any() and not table["chosen"].any()
