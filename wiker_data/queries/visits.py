"""Visits against population: monthly visits of a commune or of the network,
visits per inhabitant with a 12-month rolling mean, before/after joining the
network, and the ranking of the communes.

Definitions (also in the README):
- the *population of the matching year* for a month of year Y is the commune's
  municipal population with the latest reference year on or before Y, else its
  earliest one; without any history row, `commune.population`;
- *visits per inhabitant* of a month: the month's visits ÷ that population; for
  the network, the visits of the member communes that report that month ÷ their
  inhabitants;
- months without a visits row are absent, never zero.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sqlalchemy import Select, case, extract, func, select
from sqlalchemy.orm import Session, aliased

from wiker_data.models import Commune, CommunePopulation, MonthlyVisits
from wiker_data.periods import add_months, last_complete_month, month_start
from wiker_data.queries.scope import visits_month_of_each

ROLLING_MONTHS = 12

MONTHLY_COLUMNS = [
    "month",
    "visits",
    "unique_visitors",
    "population",
    "visits_per_inhabitant",
    "rolling_12m_visits_per_inhabitant",
]
RANKING_COLUMNS = [
    "code",
    "name",
    "population",
    "months",
    "visits",
    "visits_per_inhabitant_per_month",
    "rank",
]


def population_of_year(commune_code, year):
    """Return a SQL expression: the commune's municipal population of the matching year.

    The figure with the latest reference year on or before `year`, else the earliest figure, else
    `commune.population` (the enclosing query must then have the commune table in its FROM).
    """
    before, first = aliased(CommunePopulation), aliased(CommunePopulation)
    at_or_before = (
        select(before.population)
        .where(before.commune_code == commune_code, before.year <= year)
        .order_by(before.year.desc())
        .limit(1)
        .scalar_subquery()
    )
    earliest = (
        select(first.population)
        .where(first.commune_code == commune_code)
        .order_by(first.year)
        .limit(1)
        .scalar_subquery()
    )
    return func.coalesce(at_or_before, earliest, Commune.population)


def _in_scope(commune: str | None):
    """Return the SQL condition on a MonthlyVisits row joined with its commune: that commune, or a
    member commune whose month began before the day it left the network (if it left)."""
    if commune:
        return Commune.code == commune
    before_leaving = Commune.left_on.is_(None) | (MonthlyVisits.month < Commune.left_on)
    return Commune.joined_on.is_not(None) & before_leaving


def monthly_rows(first: dt.date, last: dt.date, commune: str | None = None) -> Select:
    """Return the query of the visits per month from `first`'s month to `last`: month, visits,
    unique_visitors, population (the benchmark runs it through sqlite3 too)."""
    rows = (
        select(
            MonthlyVisits.month,
            MonthlyVisits.visits,
            MonthlyVisits.unique_visitors,
            population_of_year(MonthlyVisits.commune_code, extract("year", MonthlyVisits.month)).label(
                "population"
            ),
        )
        .join(Commune, Commune.code == MonthlyVisits.commune_code)
        .where(_in_scope(commune), MonthlyVisits.month >= month_start(first), MonthlyVisits.month <= last)
        .subquery()
    )
    # A sum is only given when every reporting commune has the figure: a partial sum would mislead.
    return (
        select(
            rows.c.month,
            func.sum(rows.c.visits).label("visits"),
            case(
                (func.count(rows.c.unique_visitors) == func.count(), func.sum(rows.c.unique_visitors))
            ).label("unique_visitors"),
            case((func.count(rows.c.population) == func.count(), func.sum(rows.c.population))).label(
                "population"
            ),
        )
        .group_by(rows.c.month)
        .order_by(rows.c.month)
    )


def _monthly_rows(session: Session, first: dt.date, last: dt.date, commune: str | None) -> pd.DataFrame:
    """Return per month from `first`'s month to `last` (months with a row only): month, visits,
    unique_visitors and population, summed over the communes in scope that report the month."""
    query = monthly_rows(first, last, commune)
    result = session.execute(query).all()
    frame = pd.DataFrame(
        [tuple(row) for row in result], columns=["month", "visits", "unique_visitors", "population"]
    )
    frame["visits"] = frame["visits"].astype("int64")
    frame["unique_visitors"] = frame["unique_visitors"].astype("Int64")
    frame["population"] = frame["population"].astype("Int64")
    frame["visits_per_inhabitant"] = _ratio(frame["visits"], frame["population"])
    return frame


def _ratio(visits: pd.Series, population: pd.Series) -> pd.Series:
    """Return visits ÷ population as floats, NaN where the population is unknown or zero."""
    denominator = population.astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = visits.to_numpy(dtype=float) / denominator
    ratio[~(denominator > 0)] = np.nan
    return pd.Series(ratio, index=visits.index, dtype="float64")


def monthly_visits(
    session: Session, start: dt.date, end: dt.date, commune: str | None = None
) -> pd.DataFrame:
    """Return the monthly visits of `commune` (or of the network) from `start`'s month to `end`.

    Columns: MONTHLY_COLUMNS. `month` is the first day of the month; months without a row are absent.
    `population` is that of the matching year (for the network, the sum over the member communes that
    report that month); `rolling_12m_visits_per_inhabitant` is the mean of the 12 calendar months
    ending with the month (months before `start` included), NaN unless all 12 have a figure.
    """
    first = month_start(start)
    rows = _monthly_rows(session, add_months(first, 1 - ROLLING_MONTHS), end, commune)
    if rows.empty:
        return pd.DataFrame({column: pd.Series(dtype="object") for column in MONTHLY_COLUMNS})
    calendar = pd.Series(rows["visits_per_inhabitant"].to_numpy(), index=pd.to_datetime(rows["month"]))
    calendar = calendar.asfreq("MS")  # every calendar month, NaN where a month has no row
    rolling = calendar.rolling(ROLLING_MONTHS, min_periods=ROLLING_MONTHS).mean()
    rows["rolling_12m_visits_per_inhabitant"] = rolling.reindex(pd.to_datetime(rows["month"])).to_numpy()
    return rows[rows["month"] >= first].reset_index(drop=True)[MONTHLY_COLUMNS]


@dataclass(frozen=True)
class BeforeAfter:
    """Mean monthly visits per inhabitant in a commune's first 12 months in the network and in the
    last 12 months; each average counts only the months with a figure (`*_months` of them)."""

    commune: str
    joined_on: dt.date | None
    first_12_months_start: dt.date | None  # the month the commune joined
    first_12_months_end: dt.date | None  # 11 months later, or the last complete month if earlier
    first_12_months_average: float | None  # None: no month with a figure
    first_12_months_months: int
    last_12_months_start: dt.date
    last_12_months_end: dt.date  # the last complete month as of the date
    last_12_months_average: float | None
    last_12_months_months: int

    @property
    def change(self) -> float | None:
        """Return the relative change from the first to the last 12 months (0.25 = +25 %)."""
        if not self.first_12_months_average or self.last_12_months_average is None:
            return None
        return self.last_12_months_average / self.first_12_months_average - 1


def _mean_of(rows: pd.DataFrame, first: dt.date | None, last: dt.date | None) -> tuple[float | None, int]:
    if first is None or last is None or first > last:
        return None, 0
    ratios = rows.loc[(rows["month"] >= first) & (rows["month"] <= last), "visits_per_inhabitant"].dropna()
    return (float(ratios.mean()), len(ratios)) if len(ratios) else (None, 0)


def before_after(session: Session, as_of: dt.date, commune: str) -> BeforeAfter:
    """Return the commune's mean monthly visits per inhabitant in its first 12 months in the network
    (from the month it joined, up to the last complete month as of `as_of`) and in the 12 months
    ending with the last complete month as of `as_of`."""
    joined_on = session.scalar(select(Commune.joined_on).where(Commune.code == commune))
    last_end = last_complete_month(as_of)
    last_start = add_months(last_end, 1 - ROLLING_MONTHS)
    first_start = month_start(joined_on) if joined_on else None
    first_end = min(add_months(first_start, ROLLING_MONTHS - 1), last_end) if first_start else None
    if first_start and first_start > last_end:  # joined after the last complete month
        first_start = first_end = None
    rows = _monthly_rows(session, min(filter(None, (first_start, last_start))), last_end, commune)
    first_average, first_months = _mean_of(rows, first_start, first_end)
    last_average, last_months = _mean_of(rows, last_start, last_end)
    return BeforeAfter(
        commune=commune,
        joined_on=joined_on,
        first_12_months_start=first_start,
        first_12_months_end=first_end,
        first_12_months_average=first_average,
        first_12_months_months=first_months,
        last_12_months_start=last_start,
        last_12_months_end=last_end,
        last_12_months_average=last_average,
        last_12_months_months=last_months,
    )


def visits_ranking(session: Session, start: dt.date, end: dt.date) -> pd.DataFrame:
    """Return one row per member commune ranked by visits per inhabitant from `start`'s month to `end`.

    Columns: RANKING_COLUMNS. `population` is that of the year matching `end`; `months` counts the
    months with a figure, `visits` sums them; `visits_per_inhabitant_per_month` is the mean over those
    months of visits ÷ population of the matching year. `rank` 1 is the highest; equal values share
    the best rank (1, 1, 3); communes without a figure have no rank and come last, by name.
    """
    # Per member, commune-first (one range of the (commune, month) index each) and per year, so that
    # each year's population is looked up once, not once per month. The mean of a month's visits ÷
    # its year's population is then sum over years of (visits of the year ÷ population) ÷ months,
    # counting only the months of years whose population is known.
    year = extract("year", MonthlyVisits.month)
    by_year = (
        select(
            Commune.code.label("code"),
            year.label("year"),
            func.count().label("months"),
            func.sum(MonthlyVisits.visits).label("visits"),
        )
        .join(MonthlyVisits, MonthlyVisits.commune_code == Commune.code)
        .where(Commune.joined_on.is_not(None))
        .where(MonthlyVisits.month >= month_start(start), MonthlyVisits.month <= end)
        .group_by(Commune.code, year)
        .subquery()
    )
    population = func.nullif(population_of_year(by_year.c.code, by_year.c.year), 0)
    with_population = (
        select(by_year, population.label("population"))
        .join(Commune, Commune.code == by_year.c.code)  # population_of_year's fallback
        .subquery()
    )
    counted = case((with_population.c.population.is_not(None), with_population.c.months), else_=0)
    totals = (
        select(
            with_population.c.code,
            func.sum(with_population.c.months).label("months"),
            func.sum(with_population.c.visits).label("visits"),
            (
                func.sum(with_population.c.visits * 1.0 / with_population.c.population)
                / func.nullif(func.sum(counted), 0)
            ).label("visits_per_inhabitant_per_month"),
        )
        .group_by(with_population.c.code)
        .subquery()
    )
    query = (
        select(
            Commune.code,
            Commune.name,
            population_of_year(Commune.code, end.year).label("population"),
            func.coalesce(totals.c.months, 0).label("months"),
            func.coalesce(totals.c.visits, 0).label("visits"),
            totals.c.visits_per_inhabitant_per_month,
        )
        .outerjoin(totals, totals.c.code == Commune.code)
        .where(Commune.joined_on.is_not(None))
    )
    result = session.execute(query).all()
    frame = pd.DataFrame([tuple(row) for row in result], columns=RANKING_COLUMNS[:-1])
    frame["population"] = frame["population"].astype("Int64")
    frame[["months", "visits"]] = frame[["months", "visits"]].astype("int64")
    frame["visits_per_inhabitant_per_month"] = frame["visits_per_inhabitant_per_month"].astype("float64")
    # Rounded before ranking, so that equal ratios computed along different paths tie.
    frame["rank"] = frame["visits_per_inhabitant_per_month"].round(9).rank(method="min", ascending=False)
    frame["rank"] = frame["rank"].astype("Int64")
    frame = frame.sort_values(["rank", "name"], na_position="last", kind="stable")
    return frame.reset_index(drop=True)[RANKING_COLUMNS]


def visits_span(session: Session) -> tuple[dt.date | None, dt.date | None]:
    """Return the first and the last month with visits among the member communes (None, None if none)."""
    members = (
        select(visits_month_of_each(func.min).label("first"), visits_month_of_each(func.max).label("last"))
        .where(Commune.joined_on.is_not(None))
        .subquery()
    )
    first, last = session.execute(select(func.min(members.c.first), func.max(members.c.last))).one()
    return first, last
