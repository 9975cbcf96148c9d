"""INSEE's SIRENE register of establishments: the `StockEtablissement` file into the directory.

Accepted as published: the national CSV (UTF-8, comma-separated), plain or zipped, and the
per-département geocoded file of geo-sirene (gzipped or not, with `longitude`/`latitude`).
Columns are read by name, never by position. The file is streamed: only the establishments
kept are held in memory, whatever the file's size.

An establishment is kept when its commune is in scope (the communes given, a département, or
by default the communes of the store) and its NAF rév. 2 code maps onto a category; codes of
older nomenclatures (`NAFRev1`, ...) do not. `[ND]` (not published) counts as missing. For
each one kept:

- name: `enseigne1Etablissement`, else `denominationUsuelleEtablissement`, else the other
  enseignes; with none, the category and the SIRET stand in (for a new shop only);
- address from the street fields, position from the geocoded columns or else from the
  Lambert-93 coordinates (EPSG:2154, converted with pyproj);
- `dateCreationEtablissement` is the opening. Unknown (empty, or the placeholders `1900-01-01`
  and `0001-01-01`), an active establishment is *recorded* open, never opened: from `dateDebut`,
  the start of its current period (active throughout), else from
  `dateDernierTraitementEtablissement`, the day INSEE last processed it active, else today;
- state `F` closes it on `dateDebut`; state `A` reopens on `dateDebut` a shop the store has closed.

Re-importing the same or a newer file updates the shops by SIRET and never duplicates them.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from sqlalchemy.orm import Session

from wiker_data.categories import CATEGORIES, Category
from wiker_data.departements import departement_code
from wiker_data.i18n import REGISTER_LANGUAGE, category_label
from wiker_data.importers import ImportFailed, Reason, RejectedRow
from wiker_data.importers.arrow_csv import arrow_batches
from wiker_data.importers.shops import Incoming, ShopPlan, ShopPlanner
from wiker_data.importers.sirene_layout import READ_COLUMNS, REPETITIONS, STREET_TYPES

SOURCE = "sirene"
REQUIRED = (
    "siret",
    "codeCommuneEtablissement",
    "activitePrincipaleEtablissement",
    "etatAdministratifEtablissement",
    "dateCreationEtablissement",
    "dateDebut",
)
NOT_PUBLISHED = "[ND]"
UNKNOWN_DATES = ("1900-01-01", "0001-01-01")  # placeholders for a date INSEE does not know
CLOSED_UNDATED = "closed (F) with an unknown creation date: nothing to add to the directory"
_REV2_VALUES = pa.array(["NAFRev2", ""], pa.string())
# NAF codes with and without their dot, to the category.
_NAF = {variant: c for c in CATEGORIES for code in c.naf for variant in (code, code.replace(".", ""))}
_NAF_CODES = pa.array(sorted(_NAF), pa.string())
_SMALL_WORDS = {"de", "du", "des", "la", "le", "les", "et", "en", "au", "aux", "sur", "sous"}


@functools.cache
def _lambert_to_wgs84():
    from pyproj import Transformer  # loaded on the first position to convert: it takes a moment

    return Transformer.from_crs("EPSG:2154", "EPSG:4326", always_xy=True)


def lambert93_to_wgs84(x: float, y: float) -> tuple[float, float]:
    """Return (latitude, longitude) in WGS84 of a Lambert-93 position (metres)."""
    longitude, latitude = _lambert_to_wgs84().transform(x, y)
    return latitude, longitude


def display_case(text: str, capital_first: bool = True) -> str:
    """Return a name or street written in capitals (as SIRENE writes them) in ordinary case."""
    if not text or text != text.upper():
        return text
    shown = []
    for index, word in enumerate(text.lower().split()):
        if word in _SMALL_WORDS and (index or not capital_first):
            shown.append(word)
        elif word[:2] in ("d'", "l'"):  # d'Armor, l'Eglise
            shown.append(word[:2] + word[2:].capitalize())
        else:
            shown.append(word.capitalize())
    return " ".join(shown)


class _Row:
    """The fields of one row, by column name, `[ND]` and blanks as None."""

    __slots__ = ("columns", "fields")

    def __init__(self, columns: dict[str, int], fields: list[str]):
        self.columns, self.fields = columns, fields

    def get(self, name: str) -> str | None:
        index = self.columns.get(name)
        if index is None:
            return None
        value = self.fields[index].strip()
        return None if not value or value == NOT_PUBLISHED else value


def _date(row: _Row, name: str) -> dt.date | None:
    """Return the date in column `name`, None when missing or unknown; ValueError names the problem."""
    text = row.get(name)
    if text is None or text[:10] in UNKNOWN_DATES:
        return None
    try:
        return dt.date.fromisoformat(text[:10] if name == "dateDernierTraitementEtablissement" else text)
    except ValueError:
        raise ValueError(Reason("reason.not_a_date", column=name, text=repr(text))) from None


def _name(row: _Row) -> str | None:
    for column in (
        "enseigne1Etablissement",
        "denominationUsuelleEtablissement",
        "enseigne2Etablissement",
        "enseigne3Etablissement",
    ):
        if name := row.get(column):
            return display_case(name)
    return None


def _address(row: _Row) -> str | None:
    street = row.get("libelleVoieEtablissement")
    if street is None:
        return None
    kind = row.get("typeVoieEtablissement")
    repetition = row.get("indiceRepetitionEtablissement")
    number = row.get("numeroVoieEtablissement")
    if number and repetition:
        number = f"{number} {REPETITIONS.get(repetition.upper(), repetition.lower())}"
    kind = STREET_TYPES.get(kind.upper(), kind.lower()) if kind else None
    return " ".join(part for part in (number, kind, display_case(street, capital_first=False)) if part)


def _number(text: str | None) -> float | None:
    try:
        number = float(text.replace(",", ".")) if text else None
    except ValueError:
        return None
    return number if number is None or math.isfinite(number) else None  # "1e400", "nan": unknown


def _position(row: _Row) -> tuple[float | None, float | None]:
    latitude, longitude = _number(row.get("latitude")), _number(row.get("longitude"))
    if latitude is not None and longitude is not None:
        return latitude, longitude
    x = _number(row.get("coordonneeLambertAbscisseEtablissement"))
    y = _number(row.get("coordonneeLambertOrdonneeEtablissement"))
    if x is None or y is None:
        return None, None
    return lambert93_to_wgs84(x, y)


def _recorded_on(row: _Row, period_start: dt.date | None, today: dt.date, notes: list[str]) -> dt.date:
    """Return the date an active establishment of unknown creation date is known open from (noted)."""
    if period_start is not None:
        notes.append(Reason("note.recorded_from_period"))
        return period_start
    processed = _date(row, "dateDernierTraitementEtablissement")
    if processed is not None and processed <= today:
        notes.append(Reason("note.recorded_from_processing"))
        return processed
    notes.append(Reason("note.recorded_from_today"))
    return today


def read_establishment(
    number: int, row: _Row, category: Category, known: bool, today: dt.date
) -> Incoming | str:
    """Return the shop a kept row gives, or the reason it is rejected; `known`: its SIRET is in the store."""
    siret = row.get("siret") or ""
    if not (siret.isdigit() and len(siret) == 14):
        return Reason("reason.siret_not_14_digits", siret=repr(siret))
    state = row.get("etatAdministratifEtablissement")
    if state not in ("A", "F"):
        return Reason("reason.state_not_active_or_closed", state=repr(state))
    try:
        opened = _date(row, "dateCreationEtablissement")
        period_start = _date(row, "dateDebut")
        if opened is None and state == "A":
            notes: list[str] = []
            events = [("recorded", _recorded_on(row, period_start, today, notes))]
        else:
            notes, events = [], [("opened", opened)] if opened else []
    except ValueError as error:
        return error.args[0]
    if state == "F":
        if period_start is None:
            return Reason("reason.closed_without_date")
        if opened and period_start < opened:
            return Reason("reason.closed_before_opened", closed=period_start, opened=opened)
        events.append(("closed", period_start))
        if opened is None and not known:
            return CLOSED_UNDATED
    name = _name(row)
    if name is None and not known:
        name = f"{category_label(category.key, REGISTER_LANGUAGE)} {siret}"
        notes.append(Reason("note.named_after_category"))
    latitude, longitude = _position(row)
    values = {
        "name": name,
        "category": category.key,
        "address": _address(row),
        "latitude": latitude,
        "longitude": longitude,
        "siret": siret,
    }
    return Incoming(
        number,
        row.get("codeCommuneEtablissement") or "",
        siret,
        values,
        events,
        open_since=period_start if state == "A" else None,
        notes=notes,
    )


def _scope(
    planner: ShopPlanner, communes: Iterable[str] | None, departement: str | None
) -> tuple[Callable[[pa.Array], pa.Array], str]:
    """Return the test of a batch's commune codes (a boolean array), and how the scope is described."""
    if communes:
        wanted = pa.array(sorted({code.strip().upper() for code in communes}), pa.string())
        return (lambda codes: pc.is_in(codes, value_set=wanted)), "communes " + ", ".join(wanted.to_pylist())
    if departement:
        # A real département code (departement_code): no code is the start of another one's.
        prefix = departement_code(departement)
        return (lambda codes: pc.starts_with(codes, prefix)), f"département {prefix}"
    store = pa.array(sorted(planner.communes()), pa.string())
    return (lambda codes: pc.is_in(codes, value_set=store)), "the communes of the store"


def _count(mask: pa.Array) -> int:
    return pc.sum(mask).as_py() or 0


def plan_sirene_import(
    session: Session,
    path: str | Path,
    communes: Iterable[str] | None = None,
    departement: str | None = None,
    progress: Callable[[float], None] | None = None,
    today: dt.date | None = None,
) -> ShopPlan:
    """Return what importing the SIRENE stock file at `path` would change; writes nothing.

    Raises ImportFailed (nothing is written) for a file that is empty, lacks a column, has a
    row of the wrong width (a truncated or damaged file) or cannot be decoded. `progress` gets
    the fraction of the file read, now and then.
    """
    plan = ShopPlan(str(path), SOURCE, "siret")
    planner = ShopPlanner(session, plan, today)
    try:
        in_scope, plan.scope = _scope(planner, communes, departement)
    except ValueError as error:  # not a département code
        raise ImportFailed(path, Reason("problem.option", option="--departement", error=str(error))) from None
    store = pa.array(sorted(planner.communes()), pa.string())
    kind = Reason("word.sirene_file")
    for first, batch in arrow_batches(path, READ_COLUMNS, REQUIRED, kind, progress):
        plan.rows += batch.num_rows
        # Most rows leave here, tested a whole batch at a time.
        codes = batch.column("codeCommuneEtablissement")
        scoped = in_scope(codes)
        plan.outside += batch.num_rows - _count(scoped)
        shop = pc.is_in(batch.column("activitePrincipaleEtablissement"), value_set=_NAF_CODES)
        if "nomenclatureActivitePrincipaleEtablissement" in batch.schema.names:
            rev2 = pc.is_in(
                batch.column("nomenclatureActivitePrincipaleEtablissement"), value_set=_REV2_VALUES
            )
            shop = pc.and_(shop, rev2)
        known = pc.is_in(codes, value_set=store)
        if not_shops := _count(pc.and_(scoped, pc.invert(shop))):
            plan.skip("not a shop of the directory (NAF rév. 2)", not_shops)
        if elsewhere := _count(pc.and_(pc.and_(scoped, shop), pc.invert(known))):
            plan.skip("commune not in the store", elsewhere)
        keep = pc.and_(pc.and_(scoped, shop), known)
        if not _count(keep):
            continue
        numbers = (np.flatnonzero(keep.to_numpy(zero_copy_only=False)) + first).tolist()
        kept = batch.filter(keep)
        columns = {name: index for index, name in enumerate(kept.schema.names)}
        for number, fields in zip(
            numbers, zip(*(column.to_pylist() for column in kept.columns), strict=True), strict=True
        ):
            row = _Row(columns, list(fields))
            category = _NAF[row.fields[columns["activitePrincipaleEtablissement"]]]
            stored = row.get("siret") in planner.by_key
            incoming = read_establishment(number, row, category, stored, planner.today)
            if isinstance(incoming, Incoming):
                planner.add(incoming)
            elif incoming == CLOSED_UNDATED:
                plan.skip("closed, creation date unknown")
            else:
                plan.rejected.append(RejectedRow(number, incoming))
    if plan.rows == 0:
        raise ImportFailed(path, Reason("problem.no_rows"))
    planner.finish()
    return plan
