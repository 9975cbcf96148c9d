"""The council report's figures for one commune as of a date, as a JSON-ready dict.

Every KPI comes from the functions the pages call (queries.overview.commune_kpis,
queries.activity.activity, vitality), so the report agrees with the pages by
construction. The report covers the communes of the network only: like every
page, it leaves out a commune that has not joined (its shops are outside every
figure), and says so in a ReportError. The PDF is drawn from this dict by
wiker_data.report.pdf.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from wiker_data.models import Commune, MonthlyVisits, Shop, StatusEvent
from wiker_data.periods import LOCKDOWNS, last_complete_month, months_before, one_year_before
from wiker_data.queries import vitality
from wiker_data.queries.activity import activity
from wiker_data.queries.events import count_of
from wiker_data.queries.overview import commune_kpis
from wiker_data.queries.scope import data_as_of, live_shops, store_is_demo

YEARS = 10  # calendar years in `yearly`, the as-of date's included
VISIT_MONTHS = 24  # months in `monthly_visits`, the last complete month included


class ReportError(ValueError):
    """A report that cannot be made (unknown commune, commune outside the network)."""


def _count(value) -> int | None:
    """Return a whole number as a plain int, None when missing (None, NaN)."""
    return None if value is None or pd.isna(value) else int(value)


def _ratio(value) -> float | None:
    """Return a number as a plain float, None when missing (None, NaN)."""
    return None if value is None or pd.isna(value) else float(value)


def _commune(session: Session, code: str, as_of: dt.date) -> Commune:
    commune = session.get(Commune, code)
    if commune is None:
        raise ReportError(f"no commune with INSEE code {code} in the store")
    if commune.joined_on is None:
        raise ReportError(
            f"{commune.name} ({code}) has not joined the Wiker network: its shops are outside every figure"
        )
    if commune.left_on is not None and as_of >= commune.left_on:
        raise ReportError(
            f"{commune.name} ({code}) left the Wiker network on {commune.left_on.isoformat()}: "
            "its report is for an earlier date"
        )
    return commune


def latest_answerable_date(session: Session, today: dt.date) -> tuple[dt.date, dt.date | None]:
    """Return (the latest date a report can be made as of, the data's latest date): today, or the
    data's latest date (scope.data_as_of, which the app's sidebar shows) when that is later."""
    latest = data_as_of(session)
    return max(today, latest) if latest else today, latest


def _check_as_of(session: Session, as_of: dt.date, today: dt.date) -> None:
    limit, latest = latest_answerable_date(session, today)
    if as_of > limit:
        data = latest.isoformat() if latest else "none"
        raise ReportError(
            f"no figures as of {as_of.isoformat()}: the data's latest date is {data} and today is "
            f"{today.isoformat()}; choose a date on or before {limit.isoformat()}"
        )


def _temporary_closures(session: Session, code: str, as_of: dt.date) -> int:
    """Return the commune's temporary closures dated in the 12 months up to `as_of`."""
    in_window = (StatusEvent.event_date > one_year_before(as_of)) & (StatusEvent.event_date <= as_of)
    count = session.scalar(
        select(count_of("temporary_closures", StatusEvent.kind))
        .select_from(StatusEvent)
        .join(Shop, Shop.id == StatusEvent.shop_id)
        .where(in_window, *live_shops(code))
    )
    return int(count or 0)  # the sum of no event is NULL


def _visits_by_month(session: Session, code: str, first: dt.date, last: dt.date) -> dict[dt.date, int]:
    """Return the commune's visits per month from `first` to `last` (months without a row are absent)."""
    rows = session.execute(
        select(MonthlyVisits.month, MonthlyVisits.visits).where(
            MonthlyVisits.commune_code == code, MonthlyVisits.month >= first, MonthlyVisits.month <= last
        )
    ).all()
    return {month: int(visits) for month, visits in rows}


def _yearly(session: Session, code: str, as_of: dt.date, last_month: dt.date) -> list[dict]:
    first_year = as_of.year - YEARS + 1
    series = activity(session, dt.date(first_year, 1, 1), as_of, "year", code)
    visits = _visits_by_month(session, code, dt.date(first_year, 1, 1), last_month)
    rows = []
    for row in series.itertuples(index=False):
        year = row.period.year
        months = [count for month, count in visits.items() if month.year == year]
        rows.append(
            {
                "year": year,
                "openings": int(row.openings),
                "closures": int(row.closures),
                "reopenings": int(row.reopenings),
                "temporary_closures": int(row.temporary_closures),
                "net_change": int(row.net_change),
                "shops_open_at_year_end": int(row.shops_open),
                "recorded": int(row.recorded),  # shops entered open without an opening (an import)
                "visits": sum(months) if months else None,
            }
        )
    return rows


def _monthly_visits(session: Session, code: str, last_month: dt.date) -> list[dict]:
    first = months_before(last_month, VISIT_MONTHS - 1)
    visits = _visits_by_month(session, code, first, last_month)
    months = [months_before(last_month, back) for back in range(VISIT_MONTHS - 1, -1, -1)]
    return [{"month": month.strftime("%Y-%m"), "visits": visits.get(month)} for month in months]


def _reference() -> dict:
    return {
        "vacancy_bands": [{"band": band.key, "upper": band.upper} for band in vitality.VACANCY_BANDS],
        "vacancy_source": vitality.VACANCY_SOURCE,
        "densities": [
            {"area": area, "shops_per_1000": value} for area, value in vitality.REFERENCE_DENSITIES
        ],
        "density_source": vitality.DENSITY_SOURCE,
        "lockdowns": [{"start": start.isoformat(), "end": end.isoformat()} for start, end in LOCKDOWNS],
    }


def _warning(session: Session, code: str, as_of: dt.date) -> dict | None:
    flagged = vitality.closure_warnings(session, as_of, code)
    if not flagged:
        return None
    warning = flagged[0]
    return {
        "closures": warning.closures,
        "openings": warning.openings,
        "previous_closures": warning.previous_closures,
    }


def build_report(session: Session, commune: str, as_of: dt.date, today: dt.date | None = None) -> dict:
    """Return the council report's figures for `commune` as of `as_of`, ready for json.dumps.

    Keys: commune {code, name, population, population_year}, as_of, last_month, demo_data, the KPIs
    of the overview (shops_open, *_last_12_months, visits_last_month, visits_per_inhabitant_last_month,
    share_online), shop_units, vacancy_rate, vacancy_band, shops_per_1000_inhabitants, warning,
    reference, yearly (ten calendar years) and monthly_visits (24 months). Unknown figures are None.
    A date after both today and the data's latest date, or on or after the day the commune left the
    network, is a ReportError.
    """
    place = _commune(session, commune, as_of)
    _check_as_of(session, as_of, today or dt.date.today())
    kpis = vitality.vitality_columns(
        commune_kpis(session, as_of, commune), pd.Series({commune: place.shop_units})
    )
    row = kpis.iloc[0]
    last_month = last_complete_month(as_of)
    return {
        "commune": {
            "code": place.code,
            "name": place.name,
            "population": _count(place.population),
            "population_year": _count(place.population_year),
        },
        "as_of": as_of.isoformat(),
        "last_month": last_month.strftime("%Y-%m"),
        "demo_data": store_is_demo(session),
        "shops_open": int(row["shops_open"]),
        "shops_online": int(row["shops_online"]),
        "openings_last_12_months": int(row["openings"]),
        "closures_last_12_months": int(row["closures"]),
        "reopenings_last_12_months": int(row["reopenings"]),
        "reopenings_after_closure_last_12_months": int(row["reopenings_after_closure"]),
        "temporary_closures_last_12_months": _temporary_closures(session, commune, as_of),
        "net_change_last_12_months": int(row["net_change"]),
        "visits_last_month": _count(row["visits"]),
        "visits_per_inhabitant_last_month": _ratio(row["visits_per_inhabitant"]),
        "share_online": _ratio(row["share_online"]),
        "shop_units": _count(place.shop_units),
        "vacancy_rate": _ratio(row["vacancy_rate"]),
        "vacancy_band": None if pd.isna(row["vacancy_band"]) else str(row["vacancy_band"]),
        "shops_per_1000_inhabitants": _ratio(row["shops_per_1000"]),
        "warning": _warning(session, commune, as_of),
        "reference": _reference(),
        "yearly": _yearly(session, commune, as_of, last_month),
        "monthly_visits": _monthly_visits(session, commune, last_month),
    }
