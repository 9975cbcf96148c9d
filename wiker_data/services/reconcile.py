"""Applying the proposals of a SIRENE reconciliation that a coordinator ticked, in one transaction.

The file is planned again and the commune reconciled again against the store as it is, inside the
write transaction; the proposals ticked (by their keys) are then applied: links through
`link_siret`, closures through `record_status`, additions through `apply_shop_plan` (only rows
the file still adds). Each checks the actor's rights and audits. A ticked proposal that the store
no longer gives (someone changed it since) refuses the whole choice: nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from wiker_data.importers.reconcile import reconcile
from wiker_data.importers.registry import SOURCES, ImportOptions
from wiker_data.services.errors import Actor, ValidationError, require_edit
from wiker_data.services.imports import apply_shop_plan
from wiker_data.services.shops import link_siret, record_status
from wiker_data.services.transaction import service_call

SOURCE = "sirene"


@dataclass(frozen=True)
class ReconcileSummary:
    """How many shops were linked to a SIRET, marked closed, and added."""

    linked: int
    closed: int
    created: int


@service_call
def apply_reconciliation(
    session: Session,
    actor: Actor,
    path: str | Path,
    commune: str,
    keys: Iterable[str],
    today: dt.date | None = None,
) -> ReconcileSummary:
    """Return what was written after applying the proposals `keys` (the `key` column of
    `importers.reconcile`) of the reconciliation of `commune` with the SIRENE file at `path`.

    Raises ValidationError ("proposals") when a key is no longer proposed, two links give one
    shop two SIRETs or one SIRET to two shops, or a shop is both linked to an open establishment
    and closed; PermissionDenied when the actor may not edit the
    commune. Nothing is written then.
    """
    require_edit(actor, commune)
    today = today or dt.date.today()
    plan = SOURCES[SOURCE].plan(session, Path(path), ImportOptions(commune), None)
    proposals = reconcile(session, plan, commune, today).proposals.set_index("key", drop=False)
    wanted = list(dict.fromkeys(keys))
    if missing := [key for key in wanted if key not in proposals.index]:
        raise ValidationError.one("proposals", "reconcile.stale", count=len(missing))
    chosen = proposals.loc[wanted]
    links = chosen[chosen["action"] == "link"]
    twice = Counter(links["shop_id"]) + Counter(links["siret"])
    if any(count > 1 for count in twice.values()):
        raise ValidationError.one("proposals", "reconcile.two_links")
    closures = chosen[chosen["action"] == "close"]
    opening = links.loc[links["closed_on"].isna(), "shop_id"]  # linked to an open establishment
    if set(opening) & set(closures["shop_id"]):
        raise ValidationError.one("proposals", "reconcile.link_and_close")
    for link in links.itertuples():
        link_siret(session, actor, int(link.shop_id), int(link.version), link.siret)
    for closure in closures.itertuples():
        record_status(session, actor, int(closure.shop_id), "closed", closure.closed_on, today=today)
    rows = {int(row) for row in chosen.loc[chosen["action"] == "add", "row"]}
    created = apply_shop_plan(session, plan, actor, rows=rows).created if rows else 0
    return ReconcileSummary(len(links), len(closures), created)
