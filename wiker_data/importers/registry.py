"""The importers as the app offers them: one entry per kind of file, and the preview tables of a plan.

Each source says whether its file is for one commune (chosen by the person importing), for
several (each must be one the person may edit: the service checks), or for the whole store
(admins only), and how to plan it; `services.imports` applies the plan. An OpenStreetMap file
may also be of several communes (no commune chosen: each element's address or position says).
Preview tables have stable column keys, which the page translates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import singledispatch
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy.orm import Session

from wiker_data.importers import population, shops, sirene, sirene_history, visits

Progress = Callable[[float], None] | None


@dataclass(frozen=True)
class ImportOptions:
    """What the person importing chose beside the file."""

    commune: str | None = None  # for a file of one commune (OpenStreetMap: None for one of several)
    year: int | None = None  # the reference year of a population file that gives none


@dataclass(frozen=True)
class ImportSource:
    key: str
    scope: str  # "commune": a file for the commune chosen; "communes": checked per commune; "store": admins
    plan: Callable[[Session, Path, ImportOptions, Progress], Any]

    @property
    def admins_only(self) -> bool:
        return self.scope == "store"


def _plan_osm(session: Session, path: Path, options: ImportOptions, progress: Progress):
    from wiker_data.importers.osm import plan_osm_import

    return plan_osm_import(session, path, options.commune, progress=progress)


SOURCES: dict[str, ImportSource] = {
    source.key: source
    for source in (
        ImportSource(
            "sirene",
            "commune",
            lambda session, path, options, progress: sirene.plan_sirene_import(
                session, path, [options.commune], progress=progress
            ),
        ),
        ImportSource("osm", "commune", _plan_osm),
        ImportSource(
            "matomo",
            "commune",
            lambda session, path, options, progress: visits.plan_visits_import(
                session, path, options.commune, progress
            ),
        ),
        ImportSource(
            "visits_csv",
            "communes",
            lambda session, path, options, progress: visits.plan_visits_import(session, path, None, progress),
        ),
        ImportSource(
            "population",
            "store",
            lambda session, path, options, progress: population.plan_population_import(
                session, path, options.year, progress=progress
            ),
        ),
        ImportSource(
            "sirene_history",
            "store",
            lambda session, path, options, progress: sirene_history.plan_sirene_history_import(
                session, path, progress=progress
            ),
        ),
    )
}


def counts(plan: Any) -> dict[str, int]:
    """Return a plan's numbers of new, updated, unchanged and rejected rows."""
    numbers = plan.counts()
    return {key: numbers.get(key, 0) for key in ("new", "updated", "unchanged", "rejected")}


@singledispatch
def preview_tables(plan: Any) -> dict[str, pd.DataFrame]:
    """Return the tables that show what a plan would change, by kind (new, updated, rejected, notes).

    An `events` column holds (kind, date) pairs, for the page to put into words.
    """
    raise TypeError(f"no preview for {type(plan).__name__}")


def _rejected(rows: list) -> pd.DataFrame:
    return pd.DataFrame([{"row": row.row, "reason": row.reason} for row in rows], columns=["row", "reason"])


@preview_tables.register
def _(plan: shops.ShopPlan) -> dict[str, pd.DataFrame]:
    new = pd.DataFrame(
        [
            {
                "row": item.row,
                "name": item.values["name"],
                "category": item.values["category"],
                "address": item.values.get("address"),
                "events": item.events,
            }
            for item in plan.new
        ],
        columns=["row", "name", "category", "address", "events"],
    )
    updated = pd.DataFrame(
        [
            {
                "row": change.row,
                "name": change.name,
                "changes": "; ".join(
                    f"{name}: {before} → {after}" for name, (before, after) in change.fields.items()
                ),
                "events": change.events,
                "kept": ", ".join(change.kept),
            }
            for change in plan.updated
        ],
        columns=["row", "name", "changes", "events", "kept"],
    )
    return {
        "new": new,
        "updated": updated,
        "rejected": _rejected(plan.rejected),
        "notes": _rejected(plan.notes),
    }


@preview_tables.register
def _(plan: population.ImportPlan) -> dict[str, pd.DataFrame]:
    columns = ["row", "code", "name", "year", "before", "after"]
    new = pd.DataFrame(
        [
            {
                "row": r.row,
                "code": r.code,
                "name": r.name,
                "year": r.year,
                "before": None,
                "after": r.population,
            }
            for r in plan.new
        ],
        columns=columns,
    )
    updated = pd.DataFrame(
        [
            {
                "row": c.row,
                "code": c.code,
                "name": c.name,
                "year": c.year,
                "before": c.before,
                "after": c.after,
            }
            for c in plan.updated
        ],
        columns=columns,
    )
    return {"new": new, "updated": updated, "rejected": _rejected(plan.rejected)}


@preview_tables.register
def _(plan: visits.VisitsPlan) -> dict[str, pd.DataFrame]:
    def table(changes: list) -> pd.DataFrame:
        return pd.DataFrame(
            [
                {
                    "row": change.row,
                    "commune": change.commune,
                    "month": change.month.strftime("%Y-%m"),
                    "before": str(change.before) if change.before else None,
                    "after": str(change.after),
                }
                for change in changes
            ],
            columns=["row", "commune", "month", "before", "after"],
        )

    partial = [
        {"row": None, "reason": f"{item.commune} {item.month:%Y-%m}: {item.days} / {item.days_in_month} days"}
        for item in plan.partial
    ]
    notes = pd.DataFrame(partial, columns=["row", "reason"])
    return {
        "new": table(plan.new),
        "updated": table(plan.updated),
        "rejected": _rejected(plan.rejected),
        "notes": notes,
    }
