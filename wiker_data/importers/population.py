"""INSEE municipal populations: `donnees_communes.csv` and its two older layouts.

The layout is recognised from the header's column names (accents, case and spaces aside):

- `donnees_communes.csv`: `REG;Région;DEP;CODARR;CODCAN;CODCOM;COM;Commune;PMUN;PCAP;PTOT`, where
  `COM` is the 5-character code and `Commune` the name;
- older: `CODREG;REG;CODDEP;CODARR;CODCAN;CODCOM;COM;PMUN;PCAP;PTOT`, where `COM` is the name and
  the code is `CODDEP` + `CODCOM`;
- French headers: `Code département;Code commune;Nom de la commune;Population municipale;...`.

`PMUN` (the municipal population) is the figure kept. None of these layouts gives the reference
year: it comes from `--year`, or from an optional `ANNEE`/`Année`/`year` column. Optional
`latitude`/`longitude` columns give the position of the communes created with `add_communes`.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wiker_data.importers import (
    ImportActor,
    ImportFailed,
    RejectedRow,
    column_key,
    csv_rows,
    file_encoding,
)
from wiker_data.models import Commune, CommunePopulation
from wiker_data.services.audit import record, service_call, to_json
from wiker_data.services.communes import _YEAR_KEY, _assign, _touch, commune_snapshot
from wiker_data.services.errors import Actor, _require_edit
from wiker_data.services.validation import MAX_POPULATION, YEARS

SOURCE = "insee"  # the audit source of the changes this importer makes


@dataclass(frozen=True)
class Layout:
    """Where one layout keeps the code, the name and the municipal population (column keys)."""

    name: str
    code: str | None  # the 5-character code, or None when made of `departement` + `commune`
    departement: str | None
    commune: str | None
    commune_name: str
    population: str

    def required(self) -> tuple[str, ...]:
        codes = (self.code,) if self.code else (self.departement, self.commune)
        return (*codes, self.commune_name, self.population)


# Tried in order: the current layout first, as its COM is the older layout's name column.
LAYOUTS = (
    Layout("donnees_communes", "com", None, None, "commune", "pmun"),
    Layout("older INSEE", None, "coddep", "codcom", "com", "pmun"),
    Layout(
        "French headers",
        None,
        "code departement",
        "code commune",
        "nom de la commune",
        "population municipale",
    ),
)
YEAR_COLUMNS = ("annee", "year", "millesime")
LATITUDE_COLUMNS = ("latitude", "lat")
LONGITUDE_COLUMNS = ("longitude", "lon", "lng")
_CODE = re.compile(r"^(?:\d{5}|2[AB]\d{3})$")
_SPACES = re.compile(r"[\s\u00a0\u2009\u202f]+")


@dataclass(frozen=True)
class PopulationRow:
    """One commune's municipal population for one year, as the file gives it."""

    row: int
    code: str
    name: str
    year: int
    population: int
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class PopulationChange:
    """A commune of the store and its figure for the year: `before` (None: none yet) and `after`."""

    row: int
    code: str
    name: str
    year: int
    before: int | None
    after: int


@dataclass
class ImportPlan:
    """What importing a population file would change; nothing is written until it is applied."""

    path: str
    layout: str
    encoding: str
    add_communes: bool
    rows: int = 0  # data rows read, the header left out
    updated: list[PopulationChange] = field(default_factory=list)
    unchanged: list[PopulationChange] = field(default_factory=list)
    new: list[PopulationRow] = field(default_factory=list)  # only with add_communes
    rejected: list[RejectedRow] = field(default_factory=list)
    skipped: list[PopulationRow] = field(default_factory=list)  # not in the store, add_communes off
    _writes: list[PopulationRow] = field(default_factory=list, repr=False)  # updated and new, in file order

    def counts(self) -> dict[str, int]:
        """Return the number of new, updated, unchanged, rejected and skipped rows."""
        return {
            "new": len(self.new),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "rejected": len(self.rejected),
            "skipped": len(self.skipped),
        }

    def preview(self, rejected_shown: int = 10) -> list[str]:
        """Return the lines that tell what the import would do, with the first rejected rows."""
        counts = self.counts()
        lines = [
            f"{self.path}: {self.layout} layout, {self.encoding}, {self.rows} rows",
            f"new: {counts['new']}, updated: {counts['updated']}, unchanged: {counts['unchanged']}, "
            f"rejected: {counts['rejected']}, not in the store: {counts['skipped']}",
        ]
        lines += [f"  {rejected}" for rejected in self.rejected[:rejected_shown]]
        if len(self.rejected) > rejected_shown:
            lines.append(f"  ... and {len(self.rejected) - rejected_shown} more rejected rows")
        return lines


@dataclass(frozen=True)
class ImportSummary:
    """What applying a plan wrote: communes created and updated, audit entries recorded."""

    created: int
    updated: int
    audit_entries: int

    def describe(self) -> str:
        return f"imported: {self.created} communes created, {self.updated} updated"


def _find_layout(path: str | Path, header: list[str]) -> tuple[Layout, dict[str, int]]:
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        columns.setdefault(column_key(name), index)
    for layout in LAYOUTS:
        if all(name in columns for name in layout.required()):
            return layout, columns
    shown = ";".join(header)[:200]
    raise ImportFailed(
        path,
        f"unknown header {shown!r}: expected the columns COM, Commune, PMUN (donnees_communes.csv), "
        "or CODDEP, CODCOM, COM, PMUN, or Code département, Code commune, Nom de la commune, "
        "Population municipale, separated by ';'",
    )


def _first(columns: Mapping[str, int], names: tuple[str, ...]) -> int | None:
    return next((columns[name] for name in names if name in columns), None)


def normalise_code(departement: str, commune: str) -> str | None:
    """Return the 5-character INSEE code of a département code and a commune number, or None.

    "44" + "52" gives 44052, "2a" + "004" 2A004; overseas, "971" + "101" or "971" + "01" give 97101.
    """
    departement, commune = departement.strip().upper(), commune.strip()
    if not commune.isdigit() or not 1 <= len(departement) <= 3:
        return None
    if departement.isdigit() and len(departement) == 1:
        departement = departement.zfill(2)
    if len(departement) == 3:
        if len(commune) == 3 and commune[0] == departement[2]:
            code = departement[:2] + commune
        elif len(commune) <= 2:
            code = departement + commune.zfill(2)
        else:
            return None
    elif len(commune) <= 3:
        code = departement + commune.zfill(3)
    else:
        return None
    return code if _CODE.match(code) else None


def _whole_number(text: str) -> int | None:
    digits = _SPACES.sub("", text)
    return int(digits) if digits.isdigit() else None


def _decimal(text: str) -> float | None:
    try:
        return float(_SPACES.sub("", text).replace(",", "."))
    except ValueError:
        return None


class _RowReader:
    """Turns the fields of one data row into a PopulationRow, or the reason it is rejected."""

    def __init__(self, layout: Layout, columns: Mapping[str, int], header: list[str], year: int | None):
        self.layout = layout
        self.columns = columns
        self.header = header
        self.year = year
        self.year_column = _first(columns, YEAR_COLUMNS)
        self.latitude_column = _first(columns, LATITUDE_COLUMNS)
        self.longitude_column = _first(columns, LONGITUDE_COLUMNS)

    def _label(self, key: str) -> str:
        return self.header[self.columns[key]].replace("\ufeff", "").strip()

    def _cell(self, fields: list[str], key: str) -> str:
        return fields[self.columns[key]].strip()

    def read(self, number: int, fields: list[str]) -> PopulationRow | str:
        if len(fields) != len(self.header):
            return f"has {len(fields)} fields, the header has {len(self.header)}"
        layout = self.layout
        if layout.code:
            text = self._cell(fields, layout.code).upper()
            code = text.zfill(5) if text.isdigit() and len(text) == 4 else text  # a lost leading zero
            if not _CODE.match(code):
                return f"{self._label(layout.code)} {text!r} is not an INSEE commune code"
        else:
            departement, commune = self._cell(fields, layout.departement), self._cell(fields, layout.commune)
            code = normalise_code(departement, commune)
            if code is None:
                return f"{departement!r} + {commune!r} is not an INSEE commune code"
        name = self._cell(fields, layout.commune_name)
        if not name:
            return f"{self._label(layout.commune_name)} is empty"
        text = self._cell(fields, layout.population)
        population = _whole_number(text)
        if population is None:
            return f"{self._label(layout.population)} {text!r} is not a whole number"
        if population > MAX_POPULATION:
            return f"{self._label(layout.population)} {text!r} is more than {MAX_POPULATION}"
        year = self.year
        if self.year_column is not None and (text := fields[self.year_column].strip()):
            year = _whole_number(text)
            if year is None or not YEARS[0] <= year <= YEARS[1]:
                return f"{self.header[self.year_column].strip()} {text!r} is not a year"
        if year is None:
            return "no year: give --year"
        latitude = longitude = None
        if self.latitude_column is not None and self.longitude_column is not None:
            texts = fields[self.latitude_column].strip(), fields[self.longitude_column].strip()
            if any(texts):
                latitude, longitude = _decimal(texts[0]), _decimal(texts[1])
                if latitude is None or longitude is None or abs(latitude) > 90 or abs(longitude) > 180:
                    return f"position {texts[0]!r}, {texts[1]!r} is not a latitude and longitude"
        return PopulationRow(number, code, name, year, population, latitude, longitude)


@dataclass(frozen=True)
class _Stored:
    """What the store holds of one commune's population."""

    population: int | None
    population_year: int | None
    history: dict[int, int]

    def latest_year(self) -> int | None:
        years = [*self.history, *([self.population_year] if self.population_year is not None else [])]
        return max(years, default=None)

    def figure(self, year: int) -> int | None:
        if year in self.history:
            return self.history[year]
        return self.population if self.population_year == year else None


def _stored(session: Session) -> dict[str, _Stored]:
    stored = {
        code: _Stored(population, year, {})
        for code, population, year in session.execute(
            select(Commune.code, Commune.population, Commune.population_year)
        )
    }
    for code, year, population in session.execute(
        select(CommunePopulation.commune_code, CommunePopulation.year, CommunePopulation.population)
    ):
        stored[code].history[year] = population
    return stored


def _changes(stored: _Stored, year: int, population: int) -> dict[str, Any]:
    """Return the commune fields to change for a figure of `year` ("population_in_YEAR" for its history)."""
    changes: dict[str, Any] = {}
    if stored.figure(year) != population:
        changes[f"{_YEAR_KEY}{year}"] = population
    latest = stored.latest_year()
    if latest is None or year >= latest:
        if stored.population != population:
            changes["population"] = population
        if stored.population_year != year:
            changes["population_year"] = year
    return changes


def plan_population_import(
    session: Session,
    path: str | Path,
    year: int | None = None,
    add_communes: bool = False,
    progress: Callable[[float], None] | None = None,
) -> ImportPlan:
    """Return what importing the population file at `path` would change in the store; writes nothing.

    `year` is the reference year where the file gives none. Communes missing from the store are
    `new` with `add_communes`, else `skipped`. Raises ImportFailed for an empty file, an unknown
    header or a missing year. `progress` is called now and then with the fraction of the file read.
    """
    if year is not None and not YEARS[0] <= year <= YEARS[1]:
        raise ImportFailed(path, f"the year {year} is not between {YEARS[0]} and {YEARS[1]}")
    encoding = file_encoding(path)
    rows = csv_rows(path, encoding)
    try:
        first = next(rows, None)
        while first is not None and not any(cell.strip() for cell in first[1]):
            first = next(rows, None)
        if first is None:
            raise ImportFailed(path, "is empty")
        header = first[1]
        layout, columns = _find_layout(path, header)
        reader = _RowReader(layout, columns, header, year)
        if year is None and reader.year_column is None:
            raise ImportFailed(path, f"the {layout.name} layout gives no year: give it with --year YYYY")
        plan = ImportPlan(str(path), layout.name, encoding.removesuffix("-sig"), add_communes)
        stored = _stored(session)
        seen: dict[tuple[str, int], int] = {}
        for number, fields, read in rows:
            if not any(cell.strip() for cell in fields):
                continue
            plan.rows += 1
            if progress is not None and plan.rows % 1000 == 0:
                progress(read)
            row = reader.read(number, fields)
            if isinstance(row, str):
                plan.rejected.append(RejectedRow(number, row))
                continue
            if (key := (row.code, row.year)) in seen:
                plan.rejected.append(
                    RejectedRow(number, f"{row.code} {row.year} is already on row {seen[key]}")
                )
                continue
            seen[key] = number
            _plan_row(plan, stored.get(row.code), row)
    except UnicodeDecodeError as error:
        raise ImportFailed(path, f"cannot be decoded as {encoding}: {error.reason}") from None
    except csv.Error as error:
        raise ImportFailed(path, f"is not a readable CSV file: {error}") from None
    finally:
        rows.close()
    if plan.rows == 0:
        raise ImportFailed(path, "has a header but no rows")
    if progress is not None:
        progress(1.0)
    return plan


def _plan_row(plan: ImportPlan, stored: _Stored | None, row: PopulationRow) -> None:
    if stored is None:
        (plan.new if plan.add_communes else plan.skipped).append(row)
        if plan.add_communes:
            plan._writes.append(row)
        return
    change = PopulationChange(row.row, row.code, row.name, row.year, stored.figure(row.year), row.population)
    if _changes(stored, row.year, row.population):
        plan.updated.append(change)
        plan._writes.append(row)
    else:
        plan.unchanged.append(change)


@service_call
def apply_population_import(
    session: Session, plan: ImportPlan, actor_name: str = "import population", actor: Actor | None = None
) -> ImportSummary:
    """Return what was written after applying `plan` in the caller's write transaction.

    Each figure is kept in the commune's population history; the commune's own population and
    year take it when its year is the latest known. New communes get the file's name, the
    département of their code, the file's position if any, and no joined_on (not network
    members). Every changed commune gets an audit entry with the source "insee". `actor`, if
    given, must be allowed to edit every commune concerned (else PermissionDenied, nothing written).
    """
    actor = actor or ImportActor(actor_name)
    stored = _stored(session)
    communes = {commune.code: commune for commune in session.scalars(select(Commune))}
    list(session.scalars(select(CommunePopulation)))  # in the identity map for _assign's lookups
    created = updated = entries = 0
    for row in plan._writes:
        _require_edit(actor, row.code)
        commune = communes.get(row.code)
        if commune is None:
            commune = _create_commune(session, row)
            communes[row.code] = commune
            after = commune_snapshot(session, commune)
            record(session, actor, "create", "commune", row.code, row.code, None, after, source=SOURCE)
            stored[row.code] = _Stored(row.population, row.year, {row.year: row.population})
            created += 1
            entries += 1
            continue
        changes = _changes(stored[row.code], row.year, row.population)
        if not changes:
            continue
        history = stored[row.code].history
        old = {
            "population": commune.population,
            "population_year": commune.population_year,
            "updated_at": commune.updated_at,
        }
        before = {key: old.get(key, history.get(row.year)) for key in changes}
        for key, value in changes.items():
            _assign(session, commune, key, value)
        _touch(commune)
        session.flush()
        before = to_json(before | {"updated_at": old["updated_at"]})
        after = changes | {"updated_at": commune.updated_at}
        record(session, actor, "update", "commune", row.code, row.code, before, after, source=SOURCE)
        stored[row.code] = _Stored(
            commune.population, commune.population_year, history | {row.year: row.population}
        )
        updated += 1
        entries += 1
    return ImportSummary(created, updated, entries)


def _departement(code: str) -> str:
    return code[:3] if code.startswith("97") else code[:2]


def _create_commune(session: Session, row: PopulationRow) -> Commune:
    commune = Commune(
        code=row.code,
        name=row.name,
        departement=_departement(row.code),
        population=row.population,
        population_year=row.year,
        latitude=row.latitude,
        longitude=row.longitude,
    )
    session.add(commune)
    session.add(CommunePopulation(commune_code=row.code, year=row.year, population=row.population))
    session.flush()
    return commune
