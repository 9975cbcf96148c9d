"""Reading a Matomo "Visits overview" export or a plain visits CSV: its encoding, layout and rows.

The layout is recognised from the header (accents, case and spaces aside):

- Matomo's export of `VisitsSummary.get` over several periods: `date` (`Date` from the web interface)
  and the visits, `nb_visits` (raw names), `Visits` (English) or `Visites` (French); the unique
  visitors, if any, from `nb_uniq_visitors`, `Unique visitors` or `Visiteurs uniques`; other columns
  ignored. A Matomo site is one commune's, given with `--commune`.
- the plain CSV `commune,month,visits[,unique_visitors]`: a 5-character INSEE code and a month
  `YYYY-MM` (or a date `YYYY-MM-DD`, taken as its month).

Encoding and separator are told from the file (`delimited`): Matomo's CSV (commas) and TSV "for
Excel" (tabs), in UTF-16 with its BOM (Matomo's default) or UTF-8; a plain CSV also with `;` and in
Windows-1252, as a French Excel saves it. Numbers may group their thousands with spaces or commas
("1 234", "1,234").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from wiker_data.importers import ImportFailed, Reason, column_key, shown
from wiker_data.periods import add_months, month_start
from wiker_data.services.validation import MAX_VISITS

MATOMO = "matomo"
VISITS_CSV = "visits-csv"
PLAIN_COLUMNS = ("commune", "month", "visits")
VISITS_COLUMNS = {"nb_visits": "Matomo raw names", "visits": "Matomo English", "visites": "Matomo French"}
UNIQUE_COLUMNS = ("nb_uniq_visitors", "unique visitors", "visiteurs uniques")
_CODE = re.compile(r"^(?:\d{5}|2[AB]\d{3})$")
_PERIOD = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")
_NUMBER = re.compile(r"\d+|\d{1,3}([ ,\u00a0\u2009\u202f])\d{3}(?:\1\d{3})*")


@dataclass(frozen=True)
class Figures:
    """A month's visits and unique visitors (None: not known)."""

    visits: int
    unique_visitors: int | None

    def __str__(self) -> str:
        unique = "" if self.unique_visitors is None else f", {self.unique_visitors} unique"
        return f"{self.visits} visits{unique}"


@dataclass(frozen=True)
class Layout:
    """Where one file keeps its columns (indexes); `commune` is None in a Matomo export."""

    name: str
    source: str
    period: int
    visits: int
    unique: int | None
    commune: int | None


@dataclass(frozen=True)
class Row:
    """One accepted data row: its commune, its day or month, its figures."""

    row: int
    commune: str
    date: dt.date
    figures: Figures


def find_layout(path: str | Path, header: list[str]) -> Layout:
    """Return the layout `header` is in; ImportFailed, telling what is missing, if none."""
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        columns.setdefault(column_key(name), index)
    if all(name in columns for name in PLAIN_COLUMNS):
        commune, period, visits = (columns[name] for name in PLAIN_COLUMNS)
        return Layout("visits CSV", VISITS_CSV, period, visits, columns.get("unique_visitors"), commune)
    visits_key = next((key for key in VISITS_COLUMNS if key in columns), None)
    unique = next((columns[key] for key in UNIQUE_COLUMNS if key in columns), None)
    if "date" in columns and visits_key:
        return Layout(VISITS_COLUMNS[visits_key], MATOMO, columns["date"], columns[visits_key], unique, None)
    if visits_key and "commune" not in columns and "month" not in columns:
        raise ImportFailed(path, Reason("problem.no_date_column"))
    if "date" in columns or {"commune", "month"} <= columns.keys():
        raise ImportFailed(path, Reason("problem.no_visits_column"))
    raise ImportFailed(path, Reason("problem.visits_header"))


def _count(text: str) -> int | None:
    """Return the whole number of "1234", "1 234" or "1,234" if not above MAX_VISITS, else None."""
    if len(text) > 20:  # no count of visits is that long (and Python reads 4,300 digits at most)
        return None
    number = int(re.sub(r"\D", "", text)) if _NUMBER.fullmatch(text) else None
    return number if number is not None and number <= MAX_VISITS else None


def commune_code(text: str) -> str | None:
    """Return the 5-character INSEE code in `text` (a lost leading zero put back), or None."""
    code = text.strip().upper()
    code = code.zfill(5) if code.isdigit() and len(code) == 4 else code  # a lost leading zero
    return code if _CODE.match(code) else None


class RowReader:
    """Turns the fields of one data row into a Row, or the reason it is rejected."""

    def __init__(
        self, layout: Layout, header: list[str], commune: str | None, communes: set[str], today: dt.date
    ):
        self.layout = layout
        self.header = header
        self.commune = commune
        self.communes = communes  # the store's, for the plain CSV's commune column
        self.month_after_today = add_months(today, 1)

    def _label(self, index: int) -> str:
        return self.header[index].replace("\ufeff", "").strip()

    def read(self, number: int, fields: list[str]) -> Row | str:
        layout = self.layout
        if len(fields) != len(self.header):
            return Reason("reason.width", fields=len(fields), width=len(self.header))
        commune = self.commune
        if layout.commune is not None:
            text = fields[layout.commune].strip()
            commune = commune_code(text)
            if commune is None:
                return Reason(
                    "reason.not_a_commune_code", column=self._label(layout.commune), text=repr(text)
                )
            if commune not in self.communes:
                return Reason("reason.commune_not_in_store", commune=commune)
        text = fields[layout.period].strip()
        date = _period(text, monthly=layout.commune is not None)
        if date is None:
            return Reason("reason.not_a_period", column=self._label(layout.period), text=repr(text))
        if date >= self.month_after_today:
            return Reason("reason.period_in_future", column=self._label(layout.period), text=repr(text))
        text = fields[layout.visits].strip()
        visits = _count(text)
        if visits is None:
            return Reason(
                "reason.not_a_count", column=self._label(layout.visits), text=shown(text), max=MAX_VISITS
            )
        unique = None
        if layout.unique is not None and (text := fields[layout.unique].strip()):
            unique = _count(text)
            if unique is None:
                return Reason(
                    "reason.not_a_count", column=self._label(layout.unique), text=shown(text), max=MAX_VISITS
                )
            if unique > visits:
                return Reason("reason.unique_above_visits", unique=unique, visits=visits)
        return Row(number, commune or "", date, Figures(visits, unique))


def _period(text: str, monthly: bool) -> dt.date | None:
    """Return the day of "YYYY-MM-DD" (its month's 1st when `monthly`), the 1st of "YYYY-MM", or None."""
    match = _PERIOD.fullmatch(text)
    if match is None:
        return None
    year, month, day = match.groups()
    try:
        date = dt.date(int(year), int(month), int(day or 1))
    except ValueError:
        return None
    return month_start(date) if monthly else date
