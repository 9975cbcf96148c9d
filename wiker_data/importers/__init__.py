"""Importers of open-data files, one module per source: `population` (INSEE), `sirene` and
`sirene_history` (INSEE's register of establishments), `osm` (OpenStreetMap), `visits` (Matomo).

Importers read and plan, and never write: `plan_*_import` reads the file and says what would change
(new, updated, unchanged, rejected rows). The service layer applies a plan (`services.imports`) in
the caller's `services.write_transaction`, auditing every change with the importer's source ("insee",
"sirene", "sirene-history", "osm", "matomo", "visits-csv"). A fatal
problem with the file (unknown header, wrong encoding, empty file) raises ImportFailed and
changes nothing; a bad row is rejected with its row number (the header is row 1).

Every reason and file problem is a `Reason`: the English text (what str() and the commands
show) that also carries its i18n key and values (`i18n.import_reasons`), so that the app says it
in the reader's language.
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wiker_data.escaping import control_characters, strip_control_characters
from wiker_data.i18n import SERVICES_LANGUAGE, conventions, field_label, fmt_input_date, reason_message, t


class Reason(str):
    """An importer's reason or file problem: its English text, with the i18n key and values that say
    it in any language (`said`). A value may itself be a Reason, said in the same language."""

    key: str
    params: tuple[tuple[str, Any], ...]

    def __new__(cls, key: str, **params: Any) -> Reason:
        reason = super().__new__(cls, reason_message(key, SERVICES_LANGUAGE, params))
        reason.key = key
        reason.params = tuple(params.items())
        return reason

    def said(self, lang: str) -> str:
        """Return the reason in `lang`."""
        return reason_message(self.key, lang, dict(self.params))


# The label of each field of a shop, as the edit page names it.
@dataclass(frozen=True)
class ErrorWords:
    """The messages of a services ValidationError (of its `field` alone, if given), said in the
    reader's language when a Reason holds them."""

    error: Any
    field: str | None = None

    def said(self, lang: str) -> str:
        if self.field is not None:
            return self.error.message(self.field, lang)
        colon = conventions(lang).colon
        return "; ".join(
            f"{field_label(name, lang)}{colon}{text}" for name, text in self.error.messages(lang).items()
        )

    def __str__(self) -> str:
        return self.said(SERVICES_LANGUAGE)


@dataclass(frozen=True)
class EventWords:
    """Status events (kind, date) said in the reader's language: "opened 2020-03-01, closed ..."."""

    events: tuple[tuple[str, Any], ...]

    def said(self, lang: str) -> str:
        return ", ".join(f"{t(f'event.{kind}', lang)} {fmt_input_date(on, lang)}" for kind, on in self.events)

    def __str__(self) -> str:
        return self.said(SERVICES_LANGUAGE)


def said(text: str, lang: str) -> str:
    """Return `text` in `lang` when it is a Reason, else as it is."""
    return text.said(lang) if isinstance(text, Reason) else text


class ImportFailed(Exception):
    """The file cannot be imported at all; the message names the file and the problem. Nothing was written."""

    def __init__(self, path: str | Path, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")

    def said(self, lang: str) -> str:
        """Return the problem in `lang` (English when it has no translation)."""
        return said(self.problem, lang)


@dataclass(frozen=True)
class ImportActor:
    """Who an import acts for when no one is signed in (a command): an admin without an account."""

    name: str
    account_id: int | None = None
    role: str = "admin"
    communes: tuple[str, ...] = ()


def shown(text: str, limit: int = 40) -> str:
    """Return `text` quoted for a message, cut after `limit` characters (a 5,000-digit cell is not
    worth repeating)."""
    return repr(text) if len(text) <= limit else repr(text[:limit]) + f"... ({len(text):,} characters)"


def stripped(field: str, value: str, notes: list[str]) -> str:
    """Return the text without its control characters (a NUL, a bare CR, ...), with a note when it had any."""
    if found := control_characters(value):
        notes.append(Reason("note.control_characters", field=field, count=len(found)))
        return strip_control_characters(value)
    return value


def first_lines(lines: list[str], shown: int, what: str) -> list[str]:
    """Return the first `shown` preview lines, then one saying how many more `what` there are."""
    more = [f"  ... and {len(lines) - shown} more {what}"] if len(lines) > shown else []
    return lines[:shown] + more


@dataclass(frozen=True)
class Tally:
    """Where every data row of a file went: `new`, `updated`, `unchanged`, `rejected`, `outside`
    the communes chosen (--commune, --departement, a commune's own file), and `skipped` for a
    named reason (e.g. "commune not in the store"). The parts add up to `rows`."""

    rows: int
    new: int
    updated: int
    unchanged: int
    rejected: int
    outside: int = 0
    skipped: tuple[tuple[str, int], ...] = ()  # (reason, rows), in the order shown

    PARTS = ("new", "updated", "unchanged", "rejected", "outside")

    def parts(self) -> dict[str, int]:
        """Return the rows of each part, the named skipped reasons after the five fixed ones."""
        return {name: getattr(self, name) for name in self.PARTS} | dict(self.skipped)

    def adds_up(self) -> bool:
        return sum(self.parts().values()) == self.rows

    def describe(self) -> str:
        """Return the tally in one line: "new: 1, updated: 2, ..., = 10 rows read"."""
        labels = {"outside": "outside the chosen communes"}
        shown = ", ".join(f"{labels.get(name, name)}: {count}" for name, count in self.parts().items())
        return f"{shown} (= {self.rows} rows read)"


@dataclass(frozen=True)
class RejectedRow:
    """A row left out of an import: its number (the header is row 1) and why (a Reason, which
    `said` gives in the reader's language; equal to its English text)."""

    row: int
    reason: str

    def said(self, lang: str) -> str:
        """Return the reason in `lang`."""
        return said(self.reason, lang)

    def __str__(self) -> str:
        return f"row {self.row}: {self.reason}"


def csv_rows(
    path: str | Path, encoding: str, delimiter: str = ";", strict: bool = False
) -> Iterator[tuple[int, list[str], float]]:
    """Yield (row number, fields, fraction of the file read) for each record, the header being row 1.

    `strict`: csv.Error for bad quoting, and for a quoted field the file ends in before it is closed.
    """
    size = Path(path).stat().st_size or 1
    with open(path, encoding=encoding, newline="") as text:
        raw = text.buffer.raw  # type: ignore[attr-defined] - its position is how far the file was read
        reader = csv.reader(text, delimiter=delimiter, strict=strict)
        for number, fields in enumerate(reader, start=1):
            yield number, fields, min(raw.tell() / size, 1.0)


def column_key(name: str) -> str:
    """Return a column name without accents, case or extra spaces, for matching headers."""
    decomposed = unicodedata.normalize("NFKD", name.replace("\ufeff", ""))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.casefold().split())
