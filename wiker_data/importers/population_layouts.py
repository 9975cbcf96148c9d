"""Reading INSEE population files: their three layouts, and each data row as a PopulationRow.

The layout is recognised from the header's column names (accents, case and spaces aside):

- `donnees_communes.csv`: `REG;Région;DEP;CODARR;CODCAN;CODCOM;COM;Commune;PMUN;PCAP;PTOT`, where
  `COM` is the 5-character code and `Commune` the name;
- older: `CODREG;REG;CODDEP;CODARR;CODCAN;CODCOM;COM;PMUN;PCAP;PTOT`, where `COM` is the name and
  the code is `CODDEP` + `CODCOM`;
- French headers: `Code département;Code commune;Nom de la commune;Population municipale;...`.

`PMUN` (the municipal population) is the figure kept. None of these layouts gives the reference
year: it comes from `--year`, or from an optional `ANNEE`/`Année`/`year` column. A name a re-saved
copy encoded twice in UTF-8 (« AmbÃ©rieu-en-Bugey ») is read as written (`delimited.repaired`). Optional
`latitude`/`longitude` columns give the position of the communes created with `add_communes`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from wiker_data.escaping import strip_control_characters
from wiker_data.importers import ImportFailed, Reason, column_key, shown
from wiker_data.importers.delimited import repaired
from wiker_data.services.validation import MAX_POPULATION, TEXT_LIMITS, YEARS


@dataclass(frozen=True)
class Layout:
    """Where one layout keeps the code, the name and the municipal population (column keys)."""

    name: str
    code: str | None  # the 5-character code, or None when made of `departement` + `commune`
    departement: str | None
    commune: str | None
    commune_name: str
    population: str
    counted_apart: str  # PCAP and PTOT, optional: PMUN + PCAP = PTOT tells a row cut short
    total: str

    def required(self) -> tuple[str, ...]:
        codes = (self.code,) if self.code else (self.departement, self.commune)
        return (*codes, self.commune_name, self.population)


# Tried in order: the current layout first, as its COM is the older layout's name column.
LAYOUTS = (
    Layout("donnees_communes", "com", None, None, "commune", "pmun", "pcap", "ptot"),
    Layout("older INSEE", None, "coddep", "codcom", "com", "pmun", "pcap", "ptot"),
    Layout(
        "French headers",
        None,
        "code departement",
        "code commune",
        "nom de la commune",
        "population municipale",
        "population comptee a part",
        "population totale",
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


def find_layout(path: str | Path, header: list[str]) -> tuple[Layout, dict[str, int]]:
    """Return the layout `header` is in, with the index of each column key; ImportFailed if none."""
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        columns.setdefault(column_key(name), index)
    for layout in LAYOUTS:
        if all(name in columns for name in layout.required()):
            return layout, columns
    raise ImportFailed(path, Reason("problem.population_header"))


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
    # Python refuses to read an integer of over 4,300 digits; no count of people has 16.
    return int(digits) if digits.isdigit() and len(digits) <= 15 else None


def _decimal(text: str) -> float | None:
    try:
        return float(_SPACES.sub("", text).replace(",", "."))
    except ValueError:
        return None


class RowReader:
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

    def truncation(self, number: int, fields: list[str]) -> str | None:
        """Return why the file's last row, which no line break ends, looks cut short (None: whole).

        Fields missing, or PTOT (the last column of each layout) that is not PMUN + PCAP.
        """
        width = len(self.header)
        if len(fields) < width:
            cut = self.header[len(fields) - 1].replace("\ufeff", "").strip()
            missing = ", ".join(name.strip() for name in self.header[len(fields) :])
            return Reason(
                "problem.last_row_cut",
                row=number,
                fields=len(fields),
                width=width,
                column=cut,
                text=repr(fields[-1].strip()),
                missing=missing,
            )
        layout = self.layout
        if layout.counted_apart not in self.columns or layout.total not in self.columns:
            return None
        texts = [self._cell(fields, key) for key in (layout.population, layout.counted_apart, layout.total)]
        population, counted_apart, total = (_whole_number(text) for text in texts)
        if population is None or counted_apart is None or total == population + counted_apart:
            return None
        names = [self._label(key) for key in (layout.total, layout.population, layout.counted_apart)]
        return Reason(
            "problem.last_row_total",
            row=number,
            total=names[0],
            text=repr(texts[2]),
            population=names[1],
            apart=names[2],
            sum=f"{texts[0]} + {texts[1]}",
        )

    def _cell(self, fields: list[str], key: str) -> str:
        return fields[self.columns[key]].strip()

    def code(self, fields: list[str]) -> str | None:
        """Return the row's INSEE commune code, None when it has none (or not all its fields)."""
        if len(fields) != len(self.header):
            return None
        layout = self.layout
        if layout.code:
            text = self._cell(fields, layout.code).upper()
            code = text.zfill(5) if text.isdigit() and len(text) == 4 else text  # a lost leading zero
            return code if _CODE.match(code) else None
        return normalise_code(self._cell(fields, layout.departement), self._cell(fields, layout.commune))

    def read(self, number: int, fields: list[str]) -> PopulationRow | str:
        if len(fields) != len(self.header):
            return Reason("reason.width", fields=len(fields), width=len(self.header))
        layout = self.layout
        code = self.code(fields)
        if code is None and layout.code:
            text = self._cell(fields, layout.code).upper()
            return Reason("reason.not_a_commune_code", column=self._label(layout.code), text=repr(text))
        if code is None:
            departement, commune = self._cell(fields, layout.departement), self._cell(fields, layout.commune)
            return Reason(
                "reason.not_a_commune_code_pair", departement=repr(departement), commune=repr(commune)
            )
        # A name keeps no control character (a NUL, a bare CR: never in a real name) and has a length.
        name = strip_control_characters(repaired(self._cell(fields, layout.commune_name))).strip()
        if not name:
            return Reason("reason.empty", column=self._label(layout.commune_name))
        if len(name) > TEXT_LIMITS["commune_name"]:
            limit = TEXT_LIMITS["commune_name"]
            return Reason(
                "reason.too_long", column=self._label(layout.commune_name), text=shown(name), limit=limit
            )
        text = self._cell(fields, layout.population)
        population = _whole_number(text)
        if population is None:
            return Reason("reason.not_whole", column=self._label(layout.population), text=shown(text))
        if population > MAX_POPULATION:
            return Reason(
                "reason.more_than", column=self._label(layout.population), text=repr(text), max=MAX_POPULATION
            )
        year = self.year
        if self.year_column is not None and (text := fields[self.year_column].strip()):
            year = _whole_number(text)
            if year is None or not YEARS[0] <= year <= YEARS[1]:
                return Reason(
                    "reason.not_a_year", column=self.header[self.year_column].strip(), text=repr(text)
                )
        if year is None:
            return Reason("reason.no_year")
        latitude = longitude = None
        if self.latitude_column is not None and self.longitude_column is not None:
            texts = fields[self.latitude_column].strip(), fields[self.longitude_column].strip()
            if any(texts):
                latitude, longitude = _decimal(texts[0]), _decimal(texts[1])
                if latitude is None or longitude is None or abs(latitude) > 90 or abs(longitude) > 180:
                    return Reason("reason.not_a_position", latitude=repr(texts[0]), longitude=repr(texts[1]))
        return PopulationRow(number, code, name, year, population, latitude, longitude)
