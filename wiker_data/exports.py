"""Files a user downloads: the numbers behind the charts and tables as CSV, and the shop
directory as CSV, Excel (.xlsx) and GeoJSON."""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import re

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from wiker_data.models import Commune, Shop
from wiker_data.queries import shops as shop_queries

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A formula start just after a line break inside a field: a tool that splits rows at every line
# break (or a spreadsheet reading an unquoted field) would start a cell there.
_FORMULA_AFTER_BREAK = re.compile(r"([\r\n])(?=[=+\-@\t\r])")


def neutralise_formula(value: object) -> object:
    """Return text with an apostrophe before each formula start (= + - @ tab CR) that begins it or
    follows a line break inside it, so that no spreadsheet runs it; other values as they are."""
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_STARTS):
        value = "'" + value
    return _FORMULA_AFTER_BREAK.sub(r"\1'", value) if ("\r" in value or "\n" in value) else value


def to_csv_bytes(frame: pd.DataFrame, columns: dict[str, str] | None = None) -> bytes:
    """Return `frame` as UTF-8 CSV with a byte-order mark (so Excel reads accents right).

    `columns` renames and orders the columns (e.g. translated headers). Text cells that a
    spreadsheet would take for a formula are neutralised; numbers are left alone. Rows end with
    CR LF, so that a field holding a CR or a LF (or the separator, or a quote) is quoted: Excel
    and LibreOffice end a row at a bare CR outside quotes.
    """
    if columns:
        frame = frame[list(columns)].rename(columns=columns)
    text_columns = frame.select_dtypes(include=["object", "string"]).columns
    frame = frame.assign(**{c: frame[c].map(neutralise_formula) for c in text_columns})
    frame.columns = [neutralise_formula(str(column)) for column in frame.columns]
    return frame.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


# id, commune_code, commune_name, name, category, address, latitude, longitude, status (open,
# temporarily_closed, closed or not_open_yet as of the date), five trade modes and `online`
# (booleans), phone, email, website, online_shop_url, opening_hours, siret, osm_id ("node/123"), and
# the sixth trade mode, takeaway, added last so that the columns before it keep their places.
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
    extra = session.execute(
        select(Shop.id, Commune.name, Shop.siret, Shop.osm_id)
        .join(Commune, Commune.code == Shop.commune_code)
        .where(Shop.id.in_(shops["id"].tolist()))
    ).all()
    extra_frame = pd.DataFrame(
        [tuple(row) for row in extra], columns=["id", "commune_name", "siret", "osm_id"]
    ).astype({"id": "int64", "commune_name": object, "siret": object, "osm_id": object})
    return shops.merge(extra_frame, on="id", how="left")[EXPORT_COLUMNS].reset_index(drop=True)


def _plain(value: object) -> object:
    """Return `value` as a plain Python value: None for missing, int/float/bool/str otherwise."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
        if isinstance(value, float) and math.isnan(value):
            return None
    return value


def to_xlsx_bytes(frame: pd.DataFrame, sheet: str = "shops") -> bytes:
    """Return `frame` as an Excel workbook of one sheet, header first.

    Text cells that a spreadsheet would take for a formula are neutralised as in the CSV;
    numbers and booleans stay numbers and booleans; missing values are empty cells.
    """
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet)
    worksheet.append([str(column) for column in frame.columns])
    for row in frame.itertuples(index=False, name=None):
        cells = []
        for value in map(_plain, row):
            if isinstance(value, str):
                # Control characters are not allowed in the XML of a workbook.
                value = neutralise_formula(ILLEGAL_CHARACTERS_RE.sub("", value))
            cells.append(value)
        worksheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def to_geojson(frame: pd.DataFrame) -> dict:
    """Return `frame` as a GeoJSON FeatureCollection of Points [longitude, latitude].

    The properties are the other columns; rows without a position are left out.
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
                "properties": {c: _plain(record[c]) for c in properties},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def encode(frame: pd.DataFrame, fmt: str) -> bytes:
    """Return `frame` as the bytes of a file in `fmt` (csv, xlsx or geojson)."""
    if fmt == "csv":
        return to_csv_bytes(frame)
    if fmt == "xlsx":
        return to_xlsx_bytes(frame)
    if fmt == "geojson":
        return json.dumps(to_geojson(frame), ensure_ascii=False).encode("utf-8")
    raise ValueError(f"unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}")
