"""Town-centre vitality against reference figures: commercial vacancy with the
Procos severity bands, shop density against Insee's reference densities, and
the early warning on closures. Figures and sources are those of
reference/DATA_FORMATS.md (section 7)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from wiker_data.models import Commune, Shop, StatusEvent
from wiker_data.periods import months_before
from wiker_data.queries.events import count_of
from wiker_data.queries.scope import live_shops


@dataclass(frozen=True)
class Band:
    key: str
    upper: float | None  # exclusive upper bound of the vacancy rate; None: no bound
    colour: str


# Procos: < 5 % low, 5-7.5 % moderate, 7.5-10 % high, > 10 % decline (alert around 7.5 %).
VACANCY_BANDS = (
    Band("low", 0.05, "#009E73"),
    Band("moderate", 0.075, "#F0E442"),
    Band("high", 0.10, "#E69F00"),
    Band("decline", None, "#D55E00"),
)
VACANCY_SOURCE = "source.vacancy"  # the message naming Procos and Codata, in the reader's language

# Insee Première n°1989 (2024): shops per 1,000 inhabitants.
REFERENCE_DENSITIES = (("urban", 4.7), ("rural_town", 3.8), ("rural_dispersed", 1.8))
DENSITY_SOURCE = "Insee Première n°1989 (2024)"


def vacancy_rate(shop_units: int | None, shops_open: int) -> float | None:
    """Return vacant units ÷ all units, or None when the number of units is unknown.

    Units not taken by an open shop are vacant; more open shops than units (a stale count of
    units) gives 0, not a negative rate.
    """
    if not shop_units:
        return None
    return max(shop_units - shops_open, 0) / shop_units


def vacancy_band(rate: float | None) -> str | None:
    """Return the Procos band of a vacancy rate (low, moderate, high, decline)."""
    if rate is None:
        return None
    return next(band.key for band in VACANCY_BANDS if band.upper is None or rate < band.upper)


def shops_per_1000(shops_open: int, population: int | None) -> float | None:
    """Return open shops per 1,000 inhabitants, or None without a population."""
    return shops_open * 1000 / population if population else None


@dataclass(frozen=True)
class ClosureWarning:
    """A commune whose closures over the last 6 months outnumber its openings and the 6 months before."""

    code: str
    name: str
    closures: int
    openings: int
    previous_closures: int


def closure_warnings(session: Session, as_of: dt.date, commune: str | None = None) -> list[ClosureWarning]:
    """Return the communes flagged as of `as_of`, by name.

    Last 6 months: events after `as_of` minus 6 months, up to `as_of`; the 6 months before: after
    `as_of` minus 12 months, up to `as_of` minus 6 months. Flagged when the closures of the last
    6 months exceed both the openings of the same months and the closures of the 6 months before.
    """
    six, twelve = months_before(as_of, 6), months_before(as_of, 12)
    recent = (StatusEvent.event_date > six) & (StatusEvent.event_date <= as_of)
    before = (StatusEvent.event_date > twelve) & (StatusEvent.event_date <= six)
    kind = StatusEvent.kind
    query = (
        select(
            Shop.commune_code,
            Commune.name,
            count_of("closures", kind, within=recent).label("closures"),
            count_of("openings", kind, within=recent).label("openings"),
            count_of("closures", kind, within=before).label("previous_closures"),
        )
        .join(Shop, Shop.id == StatusEvent.shop_id)
        .join(Commune, Commune.code == Shop.commune_code)
        .where(StatusEvent.event_date > twelve, StatusEvent.event_date <= as_of, *live_shops(commune, as_of))
        .group_by(Shop.commune_code, Commune.name)
        .order_by(Commune.name)
    )
    return [
        ClosureWarning(code, name, int(closures), int(openings), int(previous))
        for code, name, closures, openings, previous in session.execute(query).all()
        if closures > openings and closures > previous
    ]


def vitality_columns(kpis: pd.DataFrame, shop_units: pd.Series) -> pd.DataFrame:
    """Return a queries.overview.commune_kpis table with vacancy_rate, vacancy_band and shops_per_1000 added.

    `shop_units` is indexed by commune code.
    """
    units = kpis["code"].map(shop_units)
    rates = [
        vacancy_rate(None if pd.isna(u) else int(u), int(o))
        for u, o in zip(units, kpis["shops_open"], strict=True)
    ]
    return kpis.assign(
        shop_units=units,
        vacancy_rate=rates,
        vacancy_band=[vacancy_band(r) for r in rates],
        shops_per_1000=[
            shops_per_1000(int(o), None if pd.isna(p) else int(p))
            for o, p in zip(kpis["shops_open"], kpis["population"], strict=True)
        ],
    )
