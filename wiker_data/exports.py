"""Files a user downloads: the numbers behind the charts and tables as CSV, and the shop
directory as CSV, Excel (.xlsx) and GeoJSON.

CSV and Excel files are for people, in the language of the page they come from: translated
headers, category names, statuses in words, yes/no, phone numbers in national format, dates in the
short form (03/12/2026); a French CSV is separated by `;` with decimal commas, as Excel and
LibreOffice in French open it. GeoJSON is for programs: its keys and values stay the internal codes
(`category` `clothing`, `status` `closed`, booleans, ISO dates), whatever the page's language.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import re

import pandas as pd
from babel import Locale
from babel.numbers import get_decimal_symbol
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from wiker_data.i18n import category_label, conventions, fmt_short_date, t
from wiker_data.models import Commune, Shop, StatusEvent
from wiker_data.phones import national_phone
from wiker_data.queries import shops as shop_queries

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A formula start just after a line break inside a field: a tool that splits rows at every line
# break (or a spreadsheet reading an unquoted field) would start a cell there.
_FORMULA_AFTER_BREAK = re.compile(r"([\r\n])(?=[=+\-@\t\r])")
STATUSES = ("open", "temporarily_closed", "closed", "not_open_yet")


def neutralise_formula(value: object) -> object:
    """Return text with an apostrophe before each formula start (= + - @ tab CR) that begins it or
    follows a line break inside it, so that no spreadsheet runs it; other values as they are."""
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_STARTS):
        value = "'" + value
    return _FORMULA_AFTER_BREAK.sub(r"\1'", value) if ("\r" in value or "\n" in value) else value


def _missing(value: object) -> bool:
    return (
        value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value))
    )


def _holds_only(series: pd.Series, kind: type | tuple[type, ...]) -> bool:
    """Whether every value of `series` that is not missing is a `kind`, and one at least is."""
    found = False
    for value in series:
        if _missing(value):
            continue
        if not isinstance(value, kind):
            return False  # most columns are told at their first value
        found = True
    return found


def _is_bool_column(series: pd.Series) -> bool:
    if pd.api.types.is_bool_dtype(series.dtype):
        return True
    return series.dtype == object and _holds_only(series, bool)


def _is_date_column(series: pd.Series) -> bool:
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        return True
    return series.dtype == object and _holds_only(series, dt.date)


def _as_date(value: object) -> dt.date | None:
    if _missing(value):
        return None
    return value.date() if isinstance(value, dt.datetime) else value


def readable(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return `frame` with its values as a reader of `lang` reads them: a `category` column's keys as
    their names, a `status` column's codes in words, a `phone` column in national format, booleans
    as yes/no, dates as dates (datetime64 too) and every missing value as None."""
    words = {True: t("export.yes", lang), False: t("export.no", lang)}
    shown = {}
    for name in frame.columns:
        column = frame[name]
        if _is_bool_column(column):
            values = [None if _missing(v) else words[bool(v)] for v in column]
        elif _is_date_column(column):
            values = [_as_date(v) for v in column]
        elif name == "category":
            values = [None if _missing(v) else category_label(v, lang) for v in column]
        elif name == "status":
            values = [
                t(f"status.{v}", lang) if v in STATUSES else (None if _missing(v) else v) for v in column
            ]
        elif name == "phone":
            values = [None if _missing(v) else national_phone(v) or None for v in column]
        elif column.dtype == object or pd.api.types.is_string_dtype(column.dtype):
            values = [None if _missing(v) else v for v in column]
        else:
            shown[name] = column
            continue
        shown[name] = pd.Series(values, index=frame.index, dtype=object)
    return pd.DataFrame(shown, index=frame.index)[list(frame.columns)]


def _whole(column: pd.Series) -> bool:
    """Whether every number of a float column is a whole one that an integer holds exactly."""
    present = column.dropna()
    return bool((present.abs() < 2**53).all()) and bool(present.apply(float.is_integer).all())


def _chosen(frame: pd.DataFrame, columns: dict[str, str] | None) -> pd.DataFrame:
    """Return `frame` with only `columns`, in their order, renamed (all of them when None)."""
    if not columns:
        return frame
    return frame[list(columns)].rename(columns=columns)


def to_csv_bytes(frame: pd.DataFrame, columns: dict[str, str] | None = None, *, lang: str) -> bytes:
    """Return `frame` as UTF-8 CSV with a byte-order mark (so Excel reads accents right), as a
    reader of `lang` opens it: the language's separator (`;` in French) and decimal mark (0,85).

    `columns` renames and orders the columns (e.g. translated headers); values are made `readable`,
    dates written in the short form (03/12/2026), whole numbers without decimals and missing values
    as empty cells. Text cells that a spreadsheet would take for a formula are neutralised; numbers
    are left alone. Rows end with CR LF, so that a field holding a CR or a LF (or the separator,
    or a quote) is quoted: Excel and LibreOffice end a row at a bare CR outside quotes.
    """
    frame = _chosen(readable(frame, lang), columns)
    cells = {}
    for position in range(len(frame.columns)):
        column = frame.iloc[:, position]
        if column.dtype == object:
            if _holds_only(column, dt.date):
                cells[position] = [None if v is None else fmt_short_date(v, lang) for v in column]
            else:
                cells[position] = column.map(neutralise_formula)
        elif pd.api.types.is_float_dtype(column.dtype) and _whole(column):
            cells[position] = column.astype("Int64")  # 1200, not 1200,0
        else:
            cells[position] = column
    written = pd.DataFrame({position: cells[position] for position in range(len(frame.columns))})
    written.columns = [neutralise_formula(str(column)) for column in frame.columns]
    locale = conventions(lang).locale
    return written.to_csv(
        index=False,
        sep=conventions(lang).csv_separator,
        decimal=get_decimal_symbol(locale),
        lineterminator="\r\n",
    ).encode("utf-8-sig")


# id, commune_code, commune_name, name, category, address, latitude, longitude, status (open,
# temporarily_closed, closed or not_open_yet as of the date), five trade modes and `online`
# (booleans), phone, email, website, online_shop_url, opening_hours, siret, osm_id ("node/123"), the
# sixth trade mode, takeaway, and status_since (the date of the status: of the latest status event
# on or before the date, None when not open yet), added last so that the columns before them keep
# their places.
# The exported files' own layout, spelt out on purpose rather than derived from models.SHOP_FIELDS:
# a reordering of those fields (without the social links) with the commune's name, the status and
# `online` put in, and people's spreadsheets rely on its column order.
EXPORT_COLUMNS = [
    "id",
    "commune_code",
    "commune_name",
    "name",
    "category",
    "address",
    "latitude",
    "longitude",
    "status",
    "in_store",
    "click_collect",
    "delivery",
    "appointment",
    "online_shop",
    "online",
    "phone",
    "email",
    "website",
    "online_shop_url",
    "opening_hours",
    "siret",
    "osm_id",
    "takeaway",
    "status_since",
]

FORMATS = {
    "csv": ("text/csv", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "geojson": ("application/geo+json", "geojson"),
}


class UnknownCommune(ValueError):
    """The commune asked for is not in the store."""


def shops_export(session: Session, as_of: dt.date, commune: str | None = None) -> pd.DataFrame:
    """Return the shops of the network (or of `commune`), archived ones left out, by name.

    Columns: EXPORT_COLUMNS; the scope and `status` are those of shop_queries.shops_for_map.
    Raises UnknownCommune when `commune` is not in the store.
    """
    if commune and session.get(Commune, commune) is None:
        raise UnknownCommune(f"no commune {commune} in the store")
    shops = shop_queries.shops_for_map(session, as_of, commune)
    since = (
        select(func.max(StatusEvent.event_date))
        .where(StatusEvent.shop_id == Shop.id, StatusEvent.event_date <= as_of)
        .correlate(Shop)
        .scalar_subquery()
    )
    extra = session.execute(
        select(Shop.id, Commune.name, Shop.siret, Shop.osm_id, since)
        .join(Commune, Commune.code == Shop.commune_code)
        .where(Shop.id.in_(shops["id"].tolist()))
    ).all()
    extra_frame = pd.DataFrame(
        [tuple(row) for row in extra], columns=["id", "commune_name", "siret", "osm_id", "status_since"]
    ).astype({"id": "int64", "commune_name": object, "siret": object, "osm_id": object})
    extra_frame["status_since"] = extra_frame["status_since"].astype(object)
    return shops.merge(extra_frame, on="id", how="left")[EXPORT_COLUMNS].reset_index(drop=True)


def shop_headers(frame: pd.DataFrame, lang: str) -> dict[str, str]:
    """Return the translated header of each of `frame`'s columns that the shop directory has."""
    return {column: t(f"export.{column}", lang) for column in frame.columns if column in EXPORT_COLUMNS}


def _plain(value: object) -> object:
    """Return `value` as a plain Python value: None for missing, int/float/bool/str otherwise."""
    if _missing(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
        if isinstance(value, float) and math.isnan(value):
            return None
    return value


def spreadsheet_date_format(lang: str) -> str:
    """Return the Excel number format of the language's short date (dd/mm/yyyy)."""
    pattern = Locale.parse(conventions(lang).locale).date_formats["short"].pattern  # Babel's dd/MM/y
    return re.sub(r"y+", "yyyy", pattern).replace("M", "m")


def _width(header: str, values: pd.Series) -> float:
    """Return a column width that shows the header and most values (the first 500 rows)."""
    longest = max([len(header), *(len(str(v)) for v in values.head(500) if v is not None)])
    return min(max(longest, 6), 50) + 2


def to_xlsx_bytes(
    frame: pd.DataFrame, columns: dict[str, str] | None = None, *, lang: str, sheet: str | None = None
) -> bytes:
    """Return `frame` as an Excel workbook of one sheet (named for `lang` unless `sheet`), header first.

    `columns` renames and orders the columns as in to_csv_bytes; values are made `readable`.
    Numbers stay numbers, dates are dates shown in the language's short form, yes and no are
    words (what the CSV writes; Excel would show real booleans as VRAI/TRUE by its own language);
    missing values are empty cells. Text cells that a spreadsheet would take for a formula are
    neutralised as in the CSV. The header row is bold, stays in view (frozen) and carries an autofilter.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    frame = _chosen(readable(frame, lang), columns)
    headers = [str(column) for column in frame.columns]
    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet or t("export.sheet", lang))
    worksheet.freeze_panes = "A2"
    last = get_column_letter(max(len(headers), 1))
    worksheet.auto_filter.ref = f"A1:{last}{len(frame) + 1}"
    for position, header in enumerate(headers):
        letter = get_column_letter(position + 1)
        worksheet.column_dimensions[letter].width = _width(header, frame.iloc[:, position])
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(worksheet, value=neutralise_formula(ILLEGAL_CHARACTERS_RE.sub("", header)))
        cell.font = bold
        header_cells.append(cell)
    worksheet.append(header_cells)
    date_format = spreadsheet_date_format(lang)
    for row in frame.itertuples(index=False, name=None):
        cells = []
        for value in map(_plain, row):
            if isinstance(value, dt.date):
                value = WriteOnlyCell(worksheet, value=value)
                value.number_format = date_format
            elif isinstance(value, str):
                # Control characters are not allowed in the XML of a workbook.
                value = neutralise_formula(ILLEGAL_CHARACTERS_RE.sub("", value))
            cells.append(value)
        worksheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _json_value(value: object) -> object:
    value = _plain(value)
    return value.isoformat() if isinstance(value, dt.date) else value


def to_geojson(frame: pd.DataFrame) -> dict:
    """Return `frame` as a GeoJSON FeatureCollection of Points [longitude, latitude].

    The properties are the other columns, machine-readable in any language: internal codes,
    booleans, ISO dates; rows without a position are left out.
    """
    properties = [c for c in frame.columns if c not in ("latitude", "longitude")]
    features = []
    for record in frame.to_dict("records"):
        latitude, longitude = _plain(record["latitude"]), _plain(record["longitude"])
        if latitude is None or longitude is None:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [float(longitude), float(latitude)]},
                "properties": {c: _json_value(record[c]) for c in properties},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def encode(frame: pd.DataFrame, fmt: str, *, lang: str) -> bytes:
    """Return a shops_export frame as the bytes of a file in `fmt` (csv, xlsx or geojson).

    CSV and Excel are written for a reader of `lang` (headers and values translated); GeoJSON keeps
    the internal codes whatever `lang`.
    """
    if fmt == "csv":
        return to_csv_bytes(frame, shop_headers(frame, lang), lang=lang)
    if fmt == "xlsx":
        return to_xlsx_bytes(frame, shop_headers(frame, lang), lang=lang)
    if fmt == "geojson":
        return json.dumps(to_geojson(frame), ensure_ascii=False).encode("utf-8")
    raise ValueError(f"unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}")
