"""Reconciling a commune's directory with the SIRENE register, from a SIRENE import plan: the
proposals a coordinator ticks on the reconciliation page, best first, each with its reasons.

- link: a shop of the directory is the same place as an establishment of the file that is not in
  the directory (`matching.match`: a similar name within 50 m or at the same address); the shop
  takes its SIRET. An establishment SIRENE says is closed is proposed only to a shop without a
  SIRET of the file;
- close: a shop the directory shows open that SIRENE says is closed, whether it has the
  establishment's SIRET or matches it by name and place (then only when no open establishment
  of the file matches it too: a change of owner keeps the shop open under a new SIRET);
- add: an open establishment that matches no shop of the directory.

An establishment SIRENE says is closed is never proposed for adding. `left_out` counts what no
proposal covers. `proposals_page` filters and pages the proposals; `reasons_text` says why one
was made, in the reader's language.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from wiker_data.i18n import category_label, fmt_date, fmt_int, fmt_percent, t
from wiker_data.importers.matching import Match, Place, Reason, address_key, match
from wiker_data.importers.names import name_words
from wiker_data.importers.shops import NewShop, ShopPlan
from wiker_data.models import OPEN_KINDS, Commune, Shop
from wiker_data.queries.scope import latest_kind

ACTIONS = ("link", "close", "add")
PER_PAGE = 20
COLUMNS = [
    "key",  # the proposal's id: "link:<shop id>:<siret>", "close:<shop id>", "add:<file row>"
    "action",  # one of ACTIONS
    "score",  # 1 for the same SIRET, else the names' likeness; 0 for an establishment to add
    "reasons",  # tuple of matching.Reason
    "shop_id",  # the directory's shop (None for an add)
    "shop_name",
    "shop_siret",  # the SIRET the shop has now, if any
    "version",  # the shop's version the proposal was made from
    "row",  # the establishment's row in the file
    "siret",
    "name",  # the establishment's name in SIRENE
    "category",
    "address",
    "closed_on",  # the date SIRENE says the establishment closed, if it did
]
_CELL = 0.001  # degrees: a cell is 111 m high and, in France, 70 to 80 m wide, over MATCH_DISTANCE_M


@dataclass(frozen=True)
class Reconciliation:
    """The proposals (a DataFrame of COLUMNS, best first) and the counts of what none covers:
    `closed` establishments left out (no open shop without SIRET matches them), `shops` of the
    directory without a SIRET of the file and without a proposal."""

    proposals: pd.DataFrame
    left_out: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ProposalsPage:
    """One page of proposals: its rows, its number (from 1), the number of pages, the proposals shown."""

    rows: pd.DataFrame
    page: int
    pages: int
    total: int

    @property
    def signature(self) -> str:
        """Return a short digest of the proposals shown: it changes when they do (a widget key)."""
        return hashlib.sha1("|".join(self.rows["key"]).encode()).hexdigest()[:12]


@dataclass(frozen=True)
class _Establishment:
    row: int
    siret: str
    values: dict
    closed_on: dt.date | None
    place: Place


def _closed_on(events: Iterable[tuple[str, dt.date]]) -> dt.date | None:
    events = list(events)
    return events[-1][1] if events and events[-1][0] == "closed" else None


def _establishment(item: NewShop, postcode: str | None) -> _Establishment:
    values = item.values
    place = Place(
        values["name"],
        item.key,
        values.get("address"),
        postcode,
        values.get("latitude"),
        values.get("longitude"),
    )
    return _Establishment(item.row, item.key, values, _closed_on(item.events), place)


def _cells(place: Place) -> list[tuple[int, int]]:
    if place.latitude is None or place.longitude is None:
        return []
    row, column = math.floor(place.latitude / _CELL), math.floor(place.longitude / _CELL)
    return [(row + dr, column + dc) for dr in (-1, 0, 1) for dc in (-1, 0, 1)]


class _Index:
    """The establishments by map cell and by address, so that a shop is compared with its neighbours only."""

    def __init__(self, establishments: list[_Establishment]):
        self.by_cell: dict[tuple[int, int], list[_Establishment]] = defaultdict(list)
        self.by_address: dict[tuple[str, str], list[_Establishment]] = defaultdict(list)
        for establishment in establishments:
            place = establishment.place
            if place.latitude is not None and place.longitude is not None:
                cell = (math.floor(place.latitude / _CELL), math.floor(place.longitude / _CELL))
                self.by_cell[cell].append(establishment)
            if (key := address_key(place.address, place.postcode)) is not None:
                self.by_address[key[1:]].append(establishment)

    def near(self, place: Place) -> list[_Establishment]:
        found = {id(e): e for cell in _cells(place) for e in self.by_cell.get(cell, [])}
        if (key := address_key(place.address, place.postcode)) is not None:
            found.update((id(e), e) for e in self.by_address.get(key[1:], []))
        return list(found.values())


def _proposal(action: str, found: Match | None, shop, establishment=None, **values) -> dict:
    """Return one proposal, a dict of COLUMNS (and its "_rank"), from a shop and/or an establishment."""
    if action == "add":
        key = f"add:{establishment.row}"
    elif action == "link":
        key = f"link:{shop.id}:{establishment.siret}"
    else:
        key = f"close:{shop.id}"
    proposal = dict.fromkeys(COLUMNS) | {"key": key, "action": action, "score": 0.0, "reasons": ()}
    proposal["_rank"] = found.rank() if found else (True, 0.0, True, math.inf)
    if found is not None:
        proposal |= {"score": found.score, "reasons": found.reasons}
    if shop is not None:
        proposal |= {
            "shop_id": shop.id,
            "shop_name": shop.name,
            "shop_siret": shop.siret,
            "version": shop.version,
        }
    if establishment is not None:
        proposal |= {
            "row": establishment.row,
            "siret": establishment.siret,
            "name": establishment.values["name"],
            "category": establishment.values["category"],
            "address": establishment.values.get("address"),
            "closed_on": establishment.closed_on,
        }
    return proposal | values


def _closures_by_siret(plan: ShopPlan, shops: dict[int, Row]) -> list[dict]:
    """Return the closures of the open shops whose own SIRET the file says closed."""
    proposals = []
    for change in plan.updated:
        shop = shops.get(change.shop_id)
        if shop is None or shop.kind not in OPEN_KINDS or (closed_on := _closed_on(change.events)) is None:
            continue
        sirene = {name: after for name, (_, after) in change.fields.items()}  # what SIRENE says otherwise
        proposal = _proposal(
            "close",
            Match(1.0, (Reason("siret"),)),
            shop,
            row=change.row,
            siret=change.key,
            name=sirene.get("name", shop.name),
            address=sirene.get("address", shop.address),
            closed_on=closed_on,
        )
        proposals.append(proposal)
    return proposals


def _proposals_by_place(shop: Row, linked: bool, pairs: list[tuple[Match, _Establishment]]) -> list[dict]:
    """Return the links (and the closure) a shop's matches, best first, give."""
    proposals = []
    for found, establishment in pairs:
        if establishment.closed_on is None or not linked:  # a closed one never replaces a live SIRET
            proposals.append(_proposal("link", found, shop, establishment))
    closed = [(found, e) for found, e in pairs if e.closed_on is not None]
    if closed and len(closed) == len(pairs) and not linked and shop.kind in OPEN_KINDS:
        proposals.append(_proposal("close", closed[0][0], shop, closed[0][1]))
    return proposals


def reconcile(session: Session, plan: ShopPlan, commune: str, today: dt.date | None = None) -> Reconciliation:
    """Return the reconciliation of `commune`'s directory with a SIRENE plan of that commune."""
    today = today or dt.date.today()
    postcode = session.scalar(select(Commune.postal_code).where(Commune.code == commune))
    establishments = [
        _establishment(item, postcode) for item in plan.new if item.values["commune_code"] == commune
    ]
    query = select(
        Shop.id,
        Shop.name,
        Shop.siret,
        Shop.version,
        Shop.address,
        Shop.latitude,
        Shop.longitude,
        latest_kind(today).label("kind"),
    ).where(Shop.commune_code == commune, Shop.archived_at.is_(None))
    shops = session.execute(query.order_by(Shop.id)).all()
    proposals = _closures_by_siret(plan, {shop.id: shop for shop in shops})
    index = _Index(establishments)
    matched: set[str] = set()  # the establishments that match a shop of the directory
    unproposed = 0  # shops without a SIRET of the file, and without a proposal
    for shop in shops:
        place = Place(shop.name, shop.siret, shop.address, postcode, shop.latitude, shop.longitude)
        pairs = [(found, e) for e in index.near(place) if (found := match(place, e.place)) is not None]
        pairs.sort(key=lambda pair: (*pair[0].rank(), pair[1].row))
        matched.update(e.siret for _, e in pairs)
        linked = shop.siret is not None and shop.siret in plan.keys
        found_here = _proposals_by_place(shop, linked, pairs)
        proposals += found_here
        unproposed += not linked and not found_here
    to_add = [e for e in establishments if e.closed_on is None and e.siret not in matched]
    proposals += [_proposal("add", None, None, establishment) for establishment in to_add]
    order = {action: index for index, action in enumerate(ACTIONS)}
    proposals.sort(key=lambda p: (p["_rank"], order[p["action"]], p["name"] or "", p["key"]))
    table = pd.DataFrame([{column: p[column] for column in COLUMNS} for p in proposals], columns=COLUMNS)
    closed_alone = sum(1 for e in establishments if e.closed_on is not None and e.siret not in matched)
    return Reconciliation(table, {"closed": closed_alone, "shops": unproposed})


def _plain(text: object) -> str:
    return " ".join(name_words(text)) if isinstance(text, str) else ""


def proposals_page(
    proposals: pd.DataFrame,
    text: str = "",
    action: str | None = None,
    page: int = 1,
    per_page: int = PER_PAGE,
) -> ProposalsPage:
    """Return the page `page` (clamped to the pages there are) of the proposals of `action` (all when
    None) in which every word of `text` begins a word of the shop's name, the SIRENE name, the
    address or the SIRET (case, accents and punctuation aside)."""
    shown = proposals if action is None else proposals[proposals["action"] == action]
    if words := _plain(text).split():
        columns = ("shop_name", "name", "address", "siret")
        searched = [
            " ".join(_plain(value) for value in values).split()
            for values in zip(*(shown[c] for c in columns), strict=True)
        ]
        kept = [
            all(any(have.startswith(word) for have in haystack) for word in words) for haystack in searched
        ]
        shown = shown[pd.Series(kept, index=shown.index, dtype=bool)]
    total = len(shown)
    pages = max(1, math.ceil(total / per_page))
    page = min(max(page, 1), pages)
    rows = shown.iloc[(page - 1) * per_page : page * per_page].reset_index(drop=True)
    return ProposalsPage(rows, page, pages, total)


def reasons_text(reasons: Iterable[Reason], closed_on: dt.date | None, lang: str) -> str:
    """Return why a proposal was made, e.g. "nom semblable à 92 %, à 18 m, même adresse"."""
    parts = []
    for reason in reasons:
        if reason.kind == "siret":
            parts.append(t("reconcile.reason_siret", lang))
        elif reason.kind == "name":
            parts.append(t("reconcile.reason_name", lang, share=fmt_percent(reason.value, lang)))
        elif reason.kind == "distance":
            parts.append(t("reconcile.reason_distance", lang, metres=fmt_int(reason.value, lang)))
        elif reason.kind == "address":
            parts.append(t("reconcile.reason_address", lang))
    if closed_on is not None:
        parts.append(t("reconcile.reason_closed", lang, date=fmt_date(closed_on, lang)))
    return ", ".join(parts)


_ACTION_LABELS = {
    "link": "reconcile.action_link",
    "close": "reconcile.action_close",
    "add": "reconcile.action_add",
}


def proposals_table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return the proposals as a reader sees them: key, action, shop_name, shop_siret, name, siret,
    category, address and why, in `lang` (names and addresses as plain text, never markup)."""
    return pd.DataFrame(
        {
            "key": rows["key"],
            "action": rows["action"].map(lambda action: t(_ACTION_LABELS[action], lang)),
            "shop_name": rows["shop_name"].fillna(""),
            "shop_siret": rows["shop_siret"].fillna(""),
            "name": rows["name"].fillna(""),
            "siret": rows["siret"].fillna(""),
            "category": rows["category"].map(
                lambda key: category_label(key, lang) if isinstance(key, str) else ""
            ),
            "address": rows["address"].fillna(""),
            "why": [
                reasons_text(reasons, None if pd.isna(closed_on) else closed_on, lang)
                if action != "add"
                else t("reconcile.reason_absent", lang)
                for action, reasons, closed_on in zip(
                    rows["action"], rows["reasons"], rows["closed_on"], strict=True
                )
            ],
        },
        columns=["key", "action", "shop_name", "shop_siret", "name", "siret", "category", "address", "why"],
    )
