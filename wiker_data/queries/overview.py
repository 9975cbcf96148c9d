"""The overview's KPIs, for the network or one commune, as of a date: shops open and online,
openings, closures and reopenings over the last 12 months, net change, population.

- *openings*, *closures* and *reopenings* are `opened`, `closed` and `reopened` events dated in
  the window (after D minus one year, up to D);
- *net change* = openings + reopenings after a permanent closure − closures (a reopening after a
  temporary closure is not a new shop). The counts are defined in wiker_data.queries.events.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from wiker_data.models import MonthlyVisits
from wiker_data.periods import last_complete_month, one_year_before
from wiker_data.queries import figures
from wiker_data.queries.events import net_change
from wiker_data.queries.scope import network_communes


@dataclass(frozen=True)
class Overview:
    """The overview's KPIs for the network or one commune, as of a date."""

    as_of: dt.date
    communes: int
    population: int
    shops_open: int
    shops_online: int
    openings: int
    closures: int
    reopenings: int
    reopenings_after_closure: int
    visits_month: dt.date
    visits: int | None  # None when no commune in scope has a figure for that month
    visits_population: int  # inhabitants of the communes that have a figure for that month

    @property
    def net_change(self) -> int:
        return net_change(self.openings, self.reopenings_after_closure, self.closures)

    @property
    def share_online(self) -> float | None:
        return self.shops_online / self.shops_open if self.shops_open else None

    @property
    def visits_per_inhabitant(self) -> float | None:
        if self.visits is None or not self.visits_population:
            return None
        return self.visits / self.visits_population


COMMUNE_KPI_COLUMNS = [
    "code",
    "name",
    "population",
    "population_year",
    "joined_on",
    "shops_open",
    "shops_online",
    "openings",
    "closures",
    "reopenings",
    "reopenings_after_closure",
    "net_change",
    "visits",
    "visits_per_inhabitant",
    "share_online",
]


def commune_kpis(
    session: Session, as_of: dt.date, commune: str | None = None, among: Sequence[str] | None = None
) -> pd.DataFrame:
    """Return one row of KPIs per network commune (or just `commune`) as of `as_of`; with `among`,
    the network's rows of those communes alone (none for a commune not in the network then).

    Columns: COMMUNE_KPI_COLUMNS; `visits` is the last complete month's, NaN when unknown.
    """
    if commune:
        communes = network_communes(session, among=[commune])  # a member on any day
    else:
        communes = network_communes(session, as_of, among)
    table = communes[["code", "name", "population", "population_year", "joined_on"]].set_index("code")

    names = ["shops_open", "shops_online", "openings", "closures", "reopenings", "reopenings_after_closure"]
    window = one_year_before(as_of)
    scopes = [commune] if commune or among is None else list(table.index)
    if scopes:
        parts = [
            figures.totals(session, as_of, code, ["commune_code"], window_from=window) for code in scopes
        ]
        table = table.join(pd.concat(parts, ignore_index=True).set_index("commune_code")[names])
    else:
        table = table.assign(**dict.fromkeys(names, 0))

    month = last_complete_month(as_of)
    visits_of = [MonthlyVisits.commune_code.in_(list(table.index))] if commune or among is not None else []
    visits = session.execute(
        select(MonthlyVisits.commune_code, MonthlyVisits.visits).where(
            MonthlyVisits.month == month, *visits_of
        )
    ).all()
    table = table.join(pd.DataFrame(visits, columns=["code", "visits"]).set_index("code"))

    table[names] = table[names].fillna(0).astype(int)
    table["visits"] = table["visits"].astype("float64")  # NaN where unknown, whatever the rows
    table["net_change"] = net_change(table["openings"], table["reopenings_after_closure"], table["closures"])
    table["visits_per_inhabitant"] = table["visits"] / table["population"].where(table["population"] > 0)
    table["share_online"] = (table["shops_online"] / table["shops_open"]).where(table["shops_open"] > 0)
    return table.reset_index()[COMMUNE_KPI_COLUMNS]


def with_rows_of(
    table: pd.DataFrame, fresh: pd.DataFrame, changed: Sequence[str], order: Sequence[str]
) -> pd.DataFrame:
    """Return the network's commune_kpis `table` with the rows of the `changed` communes replaced by
    `fresh` (commune_kpis of them, `among`: a commune that left the network has none), in the
    order of the codes `order` (the network's communes by name, as commune_kpis lists them)."""
    kept = table[~table["code"].isin(list(changed))]
    rows = pd.concat([kept, fresh], ignore_index=True) if len(fresh) else kept
    position = pd.Series(range(len(order)), index=list(order))
    rows = rows.iloc[position.reindex(rows["code"]).to_numpy().argsort(kind="stable")]
    return rows.reset_index(drop=True)[COMMUNE_KPI_COLUMNS]


def overview(session: Session, as_of: dt.date, commune: str | None = None) -> Overview:
    """Return the overview KPIs of the network (or of `commune`) as of `as_of`."""
    return summarise_kpis(commune_kpis(session, as_of, commune), as_of)


def summarise_kpis(table: pd.DataFrame, as_of: dt.date) -> Overview:
    """Return the overview KPIs that a commune_kpis table adds up to."""
    # Visits count only with the inhabitants they are divided by.
    with_visits = table[table["visits"].notna() & (table["population"] > 0)]
    return Overview(
        as_of=as_of,
        communes=len(table),
        population=int(table["population"].fillna(0).sum()),
        shops_open=int(table["shops_open"].sum()),
        shops_online=int(table["shops_online"].sum()),
        openings=int(table["openings"].sum()),
        closures=int(table["closures"].sum()),
        reopenings=int(table["reopenings"].sum()),
        reopenings_after_closure=int(table["reopenings_after_closure"].sum()),
        visits_month=last_complete_month(as_of),
        visits=int(with_visits["visits"].sum()) if len(with_visits) else None,
        visits_population=int(with_visits["population"].fillna(0).sum()),
    )


def open_shops_by_category(session: Session, as_of: dt.date, commune: str | None = None) -> pd.DataFrame:
    """Return the number of open shops per category, most first. Columns: category, shops_open."""
    table = figures.totals(session, as_of, commune, ["category"], window_from=None)
    table = table[table["shops_open"] > 0][["category", "shops_open"]]
    return table.sort_values(["shops_open", "category"], ascending=[False, True]).reset_index(drop=True)
