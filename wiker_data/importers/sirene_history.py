"""INSEE's `StockEtablissementHistorique`: the full open/close history of the shops already in
the store, reopenings included.

The file has one row per period of an establishment. A period whose
`changementEtatAdministratifEtablissement` is `true` starts with a change of state: `F` closes
the shop on its `dateDebut`, `A` reopens it. The opening itself comes from the stock file's
creation date, so this file adds closures and reopenings only. Establishments that are not in
the store are skipped; the periods of those that are can come in any order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

from wiker_data.importers import ImportFailed, Reason, RejectedRow
from wiker_data.importers.files import csv_records
from wiker_data.importers.histories import Event
from wiker_data.importers.shops import Incoming, ShopPlan, ShopPlanner

SOURCE = "sirene-history"
REQUIRED = (
    "siret",
    "dateDebut",
    "etatAdministratifEtablissement",
    "changementEtatAdministratifEtablissement",
)
_KIND = {"F": "closed", "A": "reopened"}
OTHER_PERIOD = "another period of an establishment counted on its first row"


def plan_sirene_history_import(
    session: Session,
    path: str | Path,
    progress: Callable[[float], None] | None = None,
    today: dt.date | None = None,
) -> ShopPlan:
    """Return the closures and reopenings the history file at `path` adds to the store's shops."""
    plan = ShopPlan(str(path), SOURCE, "siret")
    planner = ShopPlanner(session, plan, today)
    changes: dict[str, list[tuple[dt.date, int, Event]]] = {}  # SIRET: (date, row, event)
    first_row: dict[str, int] = {}
    kind = Reason("word.sirene_history_file")
    with csv_records(path, REQUIRED, kind, progress) as (columns, records):
        i_siret, i_start = columns["siret"], columns["dateDebut"]
        i_state = columns["etatAdministratifEtablissement"]
        i_changed = columns["changementEtatAdministratifEtablissement"]
        for number, fields in records:
            plan.rows += 1
            siret = fields[i_siret].strip()
            if siret not in planner.by_key:
                plan.skip("establishment not in the store")
                continue
            changed = fields[i_changed].strip().lower() == "true"
            state, start = fields[i_state].strip(), fields[i_start].strip()
            if changed and state not in _KIND:
                plan.rejected.append(
                    RejectedRow(number, Reason("reason.state_not_a_or_f", state=repr(state)))
                )
                continue
            try:
                on = dt.date.fromisoformat(start) if changed else None
            except ValueError:
                plan.rejected.append(
                    RejectedRow(number, Reason("reason.not_a_date", column="dateDebut", text=repr(start)))
                )
                continue
            # Each row counts once: the establishment's first row is the shop's, the others named.
            if siret in first_row:
                plan.skip(OTHER_PERIOD)
            first_row.setdefault(siret, number)
            if on is not None:
                changes.setdefault(siret, []).append((on, number, (_KIND[state], on)))
    if plan.rows == 0:
        raise ImportFailed(path, Reason("problem.no_rows"))
    for siret, row in first_row.items():
        shop = planner.by_key[siret]
        events = [event for _, _, event in sorted(changes.get(siret, []))]
        planner.add(Incoming(row, shop.commune_code, siret, {}, events))
    planner.finish()
    return plan
