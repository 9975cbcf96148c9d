"""AppTest of the openings-and-closures page (pages/3_activity.py) against the hand-worked fixture
store (tests/fixture_store.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session

from tests.builders import add_shop
from tests.pages_helpers import app, metrics
from wiker_data.models import Commune

pytestmark = pytest.mark.usefixtures("fresh_caches")


def test_activity_page_totals_since_2015_for_the_network(store):
    at = app()
    at.switch_page("pages/3_activity.py").run()
    assert not at.exception
    shown = metrics(at)
    # 2015-2024: openings lockdown (2015), day_before (2023), first_day and new_online (2024);
    # closures long_closed (2023), reopened and closed_last_day (2024); one reopening after a closure.
    assert shown["Ouvertures"] == "4"
    assert shown["Fermetures définitives"] == "3"
    assert shown["Réouvertures"] == "2"
    assert shown["Solde net"] == "+2"
    assert shown["Fermetures temporaires"] == "2"
    assert shown["Commerces pour 1 000 habitants"] == "0,6"  # 7 open for 12,000 inhabitants
    assert shown["Taux de vacance commerciale"] == "—"


def test_activity_page_for_a_commune_with_known_units(store):
    with Session(store) as session:
        session.get(Commune, "44052").shop_units = 8
        session.commit()
    at = app()
    at.selectbox(key="_commune").set_value("44052").run()
    at.switch_page("pages/3_activity.py").run()
    at.date_input(key="activity_from").set_value(dt.date(2024, 1, 1)).run()
    shown = metrics(at)
    assert (shown["Ouvertures"], shown["Fermetures définitives"], shown["Solde net"]) == ("1", "2", "0")
    assert shown["Taux de vacance commerciale"] == "25,0\u00a0%"  # (8 - 6) / 8
    assert shown["Commerces pour 1 000 habitants"] == "0,8"  # 6 / 8,000 x 1,000 = 0.75
    assert any("déclin" in m.value for m in at.markdown)
    assert len(at.get("plotly_chart")) >= 4
    assert not at.exception


def test_activity_page_in_english_by_quarter(store):
    at = app()
    at.radio(key="_lang").set_value("en").run()
    at.switch_page("pages/3_activity.py").run()
    at.radio(key="activity_frequency").set_value("quarter").run()
    assert not at.exception
    assert metrics(at)["Permanent closures"] == "3"


def test_shops_recorded_by_an_import_are_marked_not_counted_as_openings(store):
    with Session(store) as session:
        for name in ("recorded_a", "recorded_b"):
            add_shop(session, name=name, events=(("2024-06-01", "recorded"),))
        session.commit()
    at = app()
    at.selectbox(key="_commune").set_value("44052").run()
    at.switch_page("pages/3_activity.py").run()
    at.date_input(key="activity_from").set_value(dt.date(2024, 1, 1)).run()
    shown = metrics(at)
    # as in the test above: the two recorded shops are neither openings nor in the net change
    assert (shown["Ouvertures"], shown["Fermetures définitives"], shown["Solde net"]) == ("1", "2", "0")
    assert shown["Commerces pour 1 000 habitants"] == "1,0"  # 6 + 2 open / 8,000 x 1,000
    assert any(
        c.value.startswith("◆ Commerces entrés dans l'annuaire") and "2 sur la période" in c.value
        for c in at.caption
    )
    assert not at.exception


@pytest.mark.parametrize(("lang", "suffix"), [("fr", "\u00a0%"), ("en", "%")])
def test_the_vacancy_gauge_writes_the_percent_sign_as_the_metric_beside_it(lang, suffix):
    from wiker_data.charts.activity import vacancy_gauge
    from wiker_data.i18n import fmt_percent

    # The English page showed "3.6%" in the metric and "3.6 %" on the gauge.
    assert fmt_percent(0.036, lang, 1) == f"{'3,6' if lang == 'fr' else '3.6'}{suffix}"
    assert vacancy_gauge(0.036, lang).data[0].number.suffix == suffix


def test_the_charts_axes_write_numbers_and_shares_the_languages_way():
    import pandas as pd

    from wiker_data.charts.activity import events_chart, open_shops_chart, trade_modes_chart
    from wiker_data.charts.presence import shares_chart, shares_heatmap
    from wiker_data.queries.presence import ITEM_COLUMNS

    # Plotly's defaults wrote "3000" (no grouping under 10,000) and "20%" on a French page.
    nbsp = "\u00a0"
    periods = pd.DataFrame({"period": [pd.Timestamp("2024-01-01")], "openings": [3000], "closures": [0],
                            "reopenings": [0], "temporary_closures": [0], "net_change": [3000],
                            "shops_open": [3000], "temporarily_closed": [0], "recorded": [0]})  # fmt: skip
    assert events_chart(periods, "year", "fr").layout.yaxis.tickformat == ",d"
    assert open_shops_chart(periods, "year", "fr").layout.yaxis.tickformat == ",d"
    coverage = pd.DataFrame({"period": [pd.Timestamp("2024-01-01")], "click_collect": [0.25],
                             "delivery": [0.1], "online_shop": [0.05]})  # fmt: skip
    axis = trade_modes_chart(coverage, "year", "fr").layout.yaxis
    assert list(axis.ticktext[:3]) == [f"0{nbsp}%", f"10{nbsp}%", f"20{nbsp}%"]
    shares = pd.DataFrame([{column: 0.5 for column in ITEM_COLUMNS}])
    assert list(shares_chart(shares, "fr").layout.xaxis.ticktext[:2]) == [f"0{nbsp}%", f"20{nbsp}%"]
    assert list(shares_chart(shares, "en").layout.xaxis.ticktext[:2]) == ["0%", "20%"]
    by_category = shares.assign(category="bakery", shops=3)
    colorbar = shares_heatmap(by_category, "category", "fr").data[0].colorbar
    assert list(colorbar.ticktext[:2]) == [f"0{nbsp}%", f"20{nbsp}%"]
