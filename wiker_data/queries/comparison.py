"""The commune comparison: one row of KPIs per network commune, with the
communes of a size similar to the chosen one marked."""

from __future__ import annotations

import pandas as pd

from wiker_data.queries.vitality import vitality_columns

COMPARISON_COLUMNS = [
    "code",
    "name",
    "population",
    "shops_open",
    "shops_per_1000",
    "net_change",
    "vacancy_rate",
    "share_online",
    "visits_per_inhabitant",
    "similar_size",
    "chosen",
]
SIMILAR_FACTOR = 2.0


def similar_size(population: float | None, reference: float | None) -> bool:
    """Return True when `population` is within a factor of two of `reference` (either way)."""
    if not population or not reference:
        return False
    return reference / SIMILAR_FACTOR <= population <= reference * SIMILAR_FACTOR


def comparison_table(kpis: pd.DataFrame, communes: pd.DataFrame, chosen: str | None) -> pd.DataFrame:
    """Return one row per commune: its KPIs, whether it is the chosen one and whether its size is similar.

    `kpis` is a queries.overview.commune_kpis table, `communes` a queries.scope.network_communes
    table (for the shop units). Columns: COMPARISON_COLUMNS, by population, largest first.
    Without a chosen commune no row is similar.
    """
    table = vitality_columns(kpis, communes.set_index("code")["shop_units"])
    reference = None
    if chosen and (chosen_rows := table[table["code"] == chosen]).shape[0]:
        reference = chosen_rows["population"].iloc[0]
    table = table.assign(
        chosen=table["code"] == chosen,
        similar_size=[
            similar_size(p, reference) and c != chosen
            for p, c in zip(table["population"], table["code"], strict=True)
        ],
    )
    return table.sort_values("population", ascending=False)[COMPARISON_COLUMNS].reset_index(drop=True)
