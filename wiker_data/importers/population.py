"""INSEE municipal populations: plan the import of a population file.

`plan_population_import` tells what a file (`donnees_communes.csv` or one of its two older layouts,
read by `population_layouts`) would change in the store; `services.imports.apply_population_import`
writes the figures into the communes' population history, audited with the source "insee".
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wiker_data.departements import departement_code, departement_of
from wiker_data.importers import ImportFailed, Reason, RejectedRow, Tally, csv_rows, first_lines
from wiker_data.importers.delimited import TextFormat, detect_format
from wiker_data.importers.population_layouts import PopulationRow, RowReader, find_layout
from wiker_data.models import Commune, CommunePopulation
from wiker_data.services.validation import YEARS

SOURCE = "insee"  # the audit source of the changes this importer makes
NOT_IN_STORE = "not in the store"  # the rows of communes the store lacks, without add_communes


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
    outside: int = 0  # rows of communes other than those chosen (communes, departement)
    writes: list[PopulationRow] = field(default_factory=list, repr=False)  # updated and new, in file order
    revision: int | None = None  # the store's revision when planned (registry.plan_file); Apply checks it

    def counts(self) -> dict[str, int]:
        """Return the number of new, updated, unchanged, rejected and skipped rows."""
        return {
            "new": len(self.new),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "rejected": len(self.rejected),
            "skipped": len(self.skipped),
        }

    def tally(self) -> Tally:
        """Return where each row read went; the parts add up to `rows`."""
        counts = self.counts()
        skipped = () if self.add_communes else ((NOT_IN_STORE, counts["skipped"]),)
        return Tally(
            self.rows,
            *(counts[name] for name in ("new", "updated", "unchanged", "rejected")),
            outside=self.outside,
            skipped=skipped,
        )

    def preview(self, rejected_shown: int = 10) -> list[str]:
        """Return the lines that tell what the import would do, with the first rejected rows."""
        lines = [
            f"{self.path}: {self.layout} layout, {self.encoding}, {self.rows} rows",
            self.tally().describe(),
        ]
        rejected = [f"  {row}" for row in self.rejected]
        return lines + first_lines(rejected, rejected_shown, "rejected rows")


@dataclass(frozen=True)
class StoredPopulation:
    """What the store holds of one commune's population: its own figure and year, and its history."""

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


def stored_populations(session: Session) -> dict[str, StoredPopulation]:
    """Return what the store holds of each commune's population, by commune code."""
    stored = {
        code: StoredPopulation(population, year, {})
        for code, population, year in session.execute(
            select(Commune.code, Commune.population, Commune.population_year)
        )
    }
    for code, year, population in session.execute(
        select(CommunePopulation.commune_code, CommunePopulation.year, CommunePopulation.population)
    ):
        stored[code].history[year] = population
    return stored


def population_changes(stored: StoredPopulation, year: int, population: int) -> dict[str, Any]:
    """Return what a figure of `year` changes: "history" (the year's figure in the commune's
    population history), and the commune's own "population" and "population_year" when `year`
    is the latest known."""
    changes: dict[str, Any] = {}
    if stored.figure(year) != population:
        changes["history"] = population
    latest = stored.latest_year()
    if latest is None or year >= latest:
        if stored.population != population:
            changes["population"] = population
        if stored.population_year != year:
            changes["population_year"] = year
    return changes


def _in_scope(
    path: str | Path, communes: Iterable[str] | None, departement: str | None
) -> Callable[[str], bool] | None:
    """Return the test of a commune code for the communes chosen (None: every commune)."""
    if communes:
        wanted = {code.strip().upper() for code in communes}
        return lambda code: code in wanted
    if departement:
        try:
            chosen = departement_code(departement)
        except ValueError as error:
            raise ImportFailed(
                path, Reason("problem.option", option="--departement", error=str(error))
            ) from None
        return lambda code: departement_of(code) == chosen
    return None


def _unclosed_quote(path: str | Path, text_format: TextFormat, header: list[str]) -> str:
    """Return the sentence for a file that ends in a quoted field: its row and column."""
    number, fields = 0, []
    rows = csv_rows(path, text_format.codec, text_format.delimiter)
    for number, fields, _ in rows:  # noqa: B007 - the last record is the one the file ends in
        pass
    column = header[min(len(fields), len(header)) - 1].strip() if fields else "?"
    return Reason("problem.unclosed_quote", row=number, column=column)


def plan_population_import(
    session: Session,
    path: str | Path,
    year: int | None = None,
    add_communes: bool = False,
    progress: Callable[[float], None] | None = None,
    communes: Iterable[str] | None = None,
    departement: str | None = None,
) -> ImportPlan:
    """Return what importing the population file at `path` would change in the store; writes nothing.

    `year` is the reference year where the file gives none. Communes missing from the store are
    `new` with `add_communes`, else `skipped`. With `communes` or a `departement`, the rows of
    other communes are counted `outside` and left. Raises ImportFailed for an empty file, an
    unknown header, a missing year, a bad `departement`, or a file whose last row is cut short
    (truncated: nothing is imported). `progress` is called now and then with the fraction read.
    """
    if year is not None and not YEARS[0] <= year <= YEARS[1]:
        raise ImportFailed(path, Reason("problem.year_range", year=year, first=YEARS[0], last=YEARS[1]))
    in_scope = _in_scope(path, communes, departement)
    text_format, header, (layout, columns) = detect_format(path, lambda header: find_layout(path, header))
    reader = RowReader(layout, columns, header, year)
    if year is None and reader.year_column is None:
        raise ImportFailed(path, Reason("problem.layout_without_year", layout=layout.name))
    plan = ImportPlan(str(path), layout.name, text_format.encoding, add_communes)
    stored = stored_populations(session)
    seen: dict[tuple[str, int], int] = {}
    rows = csv_rows(path, text_format.codec, text_format.delimiter, strict=True)
    number, last = 0, (1, header)  # the last row that is not blank
    try:
        for number, fields, read in rows:
            if number == 1 or not any(cell.strip() for cell in fields):
                continue  # the header was read by detect_format, blank lines before it included
            if fields == header and plan.rows == 0:
                continue
            last = number, fields
            plan.rows += 1
            if progress is not None and plan.rows % 1000 == 0:
                progress(read)
            _plan_fields(plan, reader, stored, seen, in_scope, number, fields)
    except UnicodeDecodeError as error:
        problem = Reason(
            "problem.not_decoded_near", encoding=text_format.encoding, row=number + 1, error=error.reason
        )
        if error.reason == "truncated data":  # an odd number of bytes: UTF-16 cut short
            problem = Reason("problem.utf16_cut", row=number + 1)
        raise ImportFailed(path, problem) from None
    except csv.Error as error:
        if "unexpected end of data" in str(error):
            raise ImportFailed(path, _unclosed_quote(path, text_format, header)) from None
        raise ImportFailed(path, Reason("problem.not_csv_near", row=number + 1, error=str(error))) from None
    finally:
        rows.close()
    if plan.rows == 0:
        raise ImportFailed(path, Reason("problem.no_rows"))
    if not text_format.ends_with_newline(path) and (problem := reader.truncation(*last)):
        raise ImportFailed(path, problem)
    if progress is not None:
        progress(1.0)
    return plan


def _plan_fields(
    plan: ImportPlan,
    reader: RowReader,
    stored: dict[str, StoredPopulation],
    seen: dict[tuple[str, int], int],
    in_scope: Callable[[str], bool] | None,
    number: int,
    fields: list[str],
) -> None:
    if in_scope is not None and (code := reader.code(fields)) is not None and not in_scope(code):
        plan.outside += 1  # whatever else the row holds: it is not for the communes chosen
        return
    row = reader.read(number, fields)
    if isinstance(row, str):
        plan.rejected.append(RejectedRow(number, row))
        return
    if (key := (row.code, row.year)) in seen:
        plan.rejected.append(
            RejectedRow(number, Reason("reason.already_on_row", what=f"{row.code} {row.year}", row=seen[key]))
        )
        return
    seen[key] = number
    _plan_row(plan, stored.get(row.code), row)


def _plan_row(plan: ImportPlan, stored: StoredPopulation | None, row: PopulationRow) -> None:
    if stored is None:
        (plan.new if plan.add_communes else plan.skipped).append(row)
        if plan.add_communes:
            plan.writes.append(row)
        return
    change = PopulationChange(row.row, row.code, row.name, row.year, stored.figure(row.year), row.population)
    if population_changes(stored, row.year, row.population):
        plan.updated.append(change)
        plan.writes.append(row)
    else:
        plan.unchanged.append(change)
