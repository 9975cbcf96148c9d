"""AppTest of the visits page against the hand-worked fixture store (tests/fixture_store.py),
with two visits months of 2019 and a population history added for Donges.

As of 2024-12-31 (the last complete month is December 2024):

Donges (44052, joined 2019-01-01), history 2018: 4,000 and 2023: 8,000:
  January 2019    800 visits / 4,000 (2019 -> 2018 figure) = 0.2
  February 2019 2,400 visits / 4,000                        = 0.6
  => first 12 months (January .. December 2019): (0.2 + 0.6) / 2 = 0.40
  November 2024 5,000 / 8,000 (2024 -> 2023 figure) = 0.625
  December 2024 6,000 / 8,000                       = 0.75
  => last 12 months (January .. December 2024): (0.625 + 0.75) / 2 = 0.6875, shown 0,69
  => change 0.6875 / 0.40 - 1 = +71.9 %, shown +72 %
Trignac (44210, 4,000 inhabitants, joined 2020-01-01): November 2024 1,000 / 4,000 = 0.25.

Default period: the 36 months January 2022 .. December 2024. Network: November 2024 6,000 visits
for 12,000 inhabitants (0.5), December 2024 6,000 for 8,000 (only Donges reports: 0.75).
Ranking over that period: Donges 0.6875 first, Trignac 0.25 second.
"""

from __future__ import annotations

import base64
import datetime as dt
import json

import numpy as np
import pytest
from sqlalchemy.orm import Session

from tests import fixture_store
from tests.builders import add_visits
from tests.pages_helpers import app, metrics
from wiker_data.models import CommunePopulation

PAGE = "pages/2_visits.py"
NBSP = "\u00a0"


pytestmark = pytest.mark.usefixtures("fresh_caches")


@pytest.fixture
def store(engine):
    with Session(engine) as session:
        fixture_store.build(session)
        session.add(CommunePopulation(commune_code="44052", year=2018, population=4_000))
        session.add(CommunePopulation(commune_code="44052", year=2023, population=8_000))
        add_visits(session, "44052", "2019-01-01", 800)
        add_visits(session, "44052", "2019-02-01", 2_400)
        session.commit()
    return engine


def visits_page(commune: str | None = None, lang: str = "fr"):
    at = app()
    if lang != "fr":
        at.radio(key="_lang").set_value(lang).run()
    if commune:
        at.selectbox(key="_commune").set_value(commune).run()
    return at.switch_page(PAGE).run()


def charts(at) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def values(array) -> list:
    """Return a trace's values; plotly sends numeric arrays as base64 typed arrays."""
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("commune", [None, "44052", "44210"])
def test_visits_page_runs_for_the_network_and_a_commune(store, commune, lang):
    at = visits_page(commune, lang)
    assert not at.exception
    assert len(at.get("plotly_chart")) == 2
    assert len(at.get("download_button")) == 3  # both charts and the ranking


def test_network_charts_show_the_member_communes(store):
    at = visits_page()
    assert at.title[0].value == "Visites sur Wiker"
    assert not at.metric  # before/after only for a commune
    visits, per_inhabitant = charts(at)
    assert values(visits["data"][0]["y"]) == [6000, 6000]
    assert values(per_inhabitant["data"][0]["y"]) == pytest.approx([0.5, 0.75])
    assert visits["layout"]["separators"] == ", "  # French decimal comma and space-grouped thousands
    assert visits["layout"]["xaxis"]["ticktext"] == ["nov. 2024", "déc. 2024"]


def test_before_after_metrics_for_a_commune(store):
    at = visits_page("44052")
    shown = metrics(at)
    assert shown["12 premiers mois (janv. 2019 – déc. 2019)"] == "0,40"
    assert shown["12 derniers mois (janv. 2024 – déc. 2024)"] == "0,69"
    delta = next(m for m in at.metric if m.label.startswith("12 derniers")).proto.delta
    assert delta == f"+72{NBSP}%"
    assert any("1er janvier 2019" in c.value for c in at.caption)


def test_before_after_in_english(store):
    at = visits_page("44052", lang="en")
    shown = metrics(at)
    assert shown["First 12 months (Jan 2019 – Dec 2019)"] == "0.40"
    assert shown["Last 12 months (Jan 2024 – Dec 2024)"] == "0.69"
    _, per_inhabitant = charts(at)
    assert (
        per_inhabitant["layout"]["xaxis"]["ticktext"] == ["Jan 2019", "Feb 2019", "Nov 2024", "Dec 2024"][2:]
    )


def test_ranking_highlights_the_chosen_commune(store):
    at = visits_page("44210")
    table = at.dataframe[0].value
    assert list(table["Commune"]) == ["Donges", "Trignac"]
    assert list(table["Rang"]) == [1, 2]
    assert any("**Trignac** (surlignée) est au rang 2 sur 2 communes." in m.value for m in at.markdown)
    shown = metrics(at)
    assert shown["12 premiers mois (janv. 2020 – déc. 2020)"] == "aucune donnée"
    assert shown["12 derniers mois (janv. 2024 – déc. 2024)"] == "0,25"  # 1,000 / 4,000


def test_the_ranking_can_be_searched_by_name_or_code(store):
    at = visits_page()
    at.text_input(key="ranking_search").set_value("TRIG").run()
    assert list(at.dataframe[0].value["Commune"]) == ["Trignac"]
    assert any("Communes trouvées : 1 sur 2." in caption.value for caption in at.caption)
    at.text_input(key="ranking_search").set_value("44052").run()
    assert list(at.dataframe[0].value["Rang"]) == [1]  # Donges, by its INSEE code


def test_a_period_without_visits_says_so(store):
    at = visits_page("44210")
    at.select_slider(key="visits_period").set_value((dt.date(2022, 1, 1), dt.date(2023, 12, 1))).run()
    assert not at.exception
    assert any("Aucune visite enregistrée pour Trignac" in i.value for i in at.info)
    assert not at.get("plotly_chart")
    assert any("n'a pas de chiffres de visites sur la période" in m.value for m in at.markdown)
    assert len(at.get("download_button")) == 1  # the ranking's


def test_the_period_can_reach_back_to_the_first_visits(store):
    at = visits_page("44052")
    at.select_slider(key="visits_period").set_value((dt.date(2019, 1, 1), dt.date(2019, 12, 1))).run()
    visits, per_inhabitant = charts(at)
    assert values(visits["data"][0]["y"]) == [800, 2400]
    assert values(per_inhabitant["data"][0]["y"]) == pytest.approx([0.2, 0.6])


def test_moving_the_date_back_resets_a_period_it_no_longer_offers(store):
    at = visits_page("44052")
    at.select_slider(key="visits_period").set_value((dt.date(2024, 1, 1), dt.date(2024, 12, 1))).run()
    at.date_input(key="_as_of").set_value(dt.date(2024, 10, 31)).run()  # neither November nor December
    assert not at.exception
    # Back to the default: the 36 months November 2021 .. October 2024; the last 12 months,
    # November 2023 .. October 2024, hold no figure for Donges.
    assert at.select_slider(key="visits_period").value == (dt.date(2021, 11, 1), dt.date(2024, 10, 1))
    assert metrics(at)["12 derniers mois (nov. 2023 – oct. 2024)"] == "aucune donnée"
    assert any("Aucune visite enregistrée pour Donges" in i.value for i in at.info)


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("fr", "Donges a été membre du réseau du 1er janvier 2019 au 1er octobre 2024."),
        ("en", "Donges was a member of the network from 1 January 2019 to 1 October 2024."),
    ],
)
def test_a_commune_that_left_is_not_said_to_be_a_member(store, lang, sentence):
    from wiker_data.models import Commune

    # Donges joined on 2019-01-01 (the fixture) and left on 2024-10-01, before the as-of date: the
    # page said "Donges est membre du réseau depuis le 1 janvier 2019".
    with Session(store) as session:
        session.get(Commune, "44052").left_on = dt.date(2024, 10, 1)
        session.commit()
    at = visits_page("44052", lang=lang)
    assert not at.exception
    assert sentence in [c.value for c in at.caption]
