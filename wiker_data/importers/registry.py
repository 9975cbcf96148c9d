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

from wiker_data.importers import Reason, RejectedRow, population, shops, sirene, sirene_history, visits
from wiker_data.queries.scope import store_revision
from wiker_data.services.errors import Actor, can_edit

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


def plan_file(
    session: Session,
    source: str,
    path: str | Path,
    options: ImportOptions,
    actor: Actor | None = None,
    progress: Progress = None,
) -> Any:
    """Return the plan of the file at `path` by the importer `source` (a key of SOURCES), as the
    preview shows it and Apply writes it: the rows `actor` may not write rejected with the reason
    (`actor` None: no one's rights applied), and the store's revision when planning began, which
    `services.imports.apply_plan` compares with the store's inside its write transaction."""
    revision = store_revision(session)  # before reading: a change made while planning is caught too
    plan = SOURCES[source].plan(session, Path(path), options, progress)
    if actor is not None:
        reject_outside_rights(plan, actor)
    plan.revision = revision
    return plan


def _outside(actor: Actor, row: int, commune: str) -> RejectedRow:
    return RejectedRow(row, Reason("import.outside_rights", commune=commune))


def _keep_allowed(actor: Actor, items: list, commune_of: Callable[[Any], str], rejected: list) -> list:
    """Return the items of communes `actor` may write; the others' rows are added to `rejected`."""
    kept = []
    for item in items:
        if can_edit(actor, commune_of(item)):
            kept.append(item)
        else:
            rejected.append(_outside(actor, item.row, commune_of(item)))
    return kept


@singledispatch
def reject_outside_rights(plan: Any, actor: Actor) -> None:
    """Move the rows of `plan` that `actor` may not write (communes not theirs) to its rejected rows."""
    raise TypeError(f"no rights check for {type(plan).__name__}")


@reject_outside_rights.register
def _(plan: visits.VisitsPlan, actor: Actor) -> None:
    rejected: list[RejectedRow] = []
    for name in ("new", "updated", "unchanged"):
        setattr(plan, name, _keep_allowed(actor, getattr(plan, name), lambda c: c.commune, rejected))
    plan.rejected = sorted([*plan.rejected, *rejected], key=lambda row: row.row)


@reject_outside_rights.register
def _(plan: shops.ShopPlan, actor: Actor) -> None:
    rejected: list[RejectedRow] = []
    plan.new = _keep_allowed(actor, plan.new, lambda item: item.values["commune_code"], rejected)
    plan.updated = _keep_allowed(actor, plan.updated, lambda change: change.commune_code, rejected)
    plan.rejected = sorted([*plan.rejected, *rejected], key=lambda row: row.row)


@reject_outside_rights.register
def _(plan: population.ImportPlan, actor: Actor) -> None:
    rejected: list[RejectedRow] = []
    plan.new = _keep_allowed(actor, plan.new, lambda row: row.code, rejected)
    plan.updated = _keep_allowed(actor, plan.updated, lambda change: change.code, rejected)
    plan.unchanged = _keep_allowed(actor, plan.unchanged, lambda change: change.code, rejected)
    plan.writes = [row for row in plan.writes if can_edit(actor, row.code)]
    plan.rejected = sorted([*plan.rejected, *rejected], key=lambda row: row.row)


def counts(plan: Any) -> dict[str, int]:
    """Return a plan's numbers of new, updated, unchanged and rejected rows."""
    numbers = plan.counts()
    return {key: numbers.get(key, 0) for key in ("new", "updated", "unchanged", "rejected")}


@singledispatch
def preview_tables(plan: Any) -> dict[str, pd.DataFrame]:
    """Return the tables that show what a plan would change, by kind (new, updated, rejected, notes).

    An `events` column holds (kind, date) pairs, a `changes` column {field: (before, after)}, a
    `kept_empty` column the fields the file left empty whose stored values are kept, a `replaced`
    column (recording, opening) when an opening replaces the shop's first recording (else None),
    and a `reason` column a row's reason (an `importers.Reason`, which the page says in its language).
    """
    raise TypeError(f"no preview for {type(plan).__name__}")


def _rejected(rows: list) -> pd.DataFrame:
    """The rows and their reasons (the Reasons themselves, not their English text)."""
    return pd.DataFrame(
        {
            "row": pd.Series([row.row for row in rows], dtype="Int64"),
            "reason": pd.Series([row.reason for row in rows], dtype=object),
        }
    )


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
                "changes": change.fields,  # {field: (before, after)}: the page puts it into words
                "events": change.events,
                "kept": change.kept,  # the fields whose corrections are kept: the page names them
                "kept_empty": change.kept_empty,
                "replaced": change.replaced,
            }
            for change in plan.updated
        ],
        columns=["row", "name", "changes", "events", "kept", "kept_empty", "replaced"],
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
                    "month": change.month,  # a date, and Figures below: the page puts them into words
                    "before": change.before,
                    "after": change.after,
                    "kept_empty": change.kept,
                }
                for change in changes
            ],
            columns=["row", "commune", "month", "before", "after", "kept_empty"],
        )

    partial = [
        Reason(
            "note.partial_month",
            commune=item.commune,
            month=item.month,
            days=item.days,
            of=item.days_in_month,
        )
        for item in plan.partial
    ]
    notes = pd.DataFrame(
        {"row": pd.Series([None] * len(partial), dtype=object), "reason": pd.Series(partial, dtype=object)}
    )
    return {
        "new": table(plan.new),
        "updated": table(plan.updated),
        "rejected": _rejected(plan.rejected),
        "notes": notes,
    }
