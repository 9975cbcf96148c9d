"""Files a user downloads: the numbers behind the charts and tables as CSV."""

from __future__ import annotations

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: object) -> object:
    """Return text that a spreadsheet would run as a formula with a leading apostrophe; other values as is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_csv_bytes(frame: pd.DataFrame, columns: dict[str, str] | None = None) -> bytes:
    """Return `frame` as UTF-8 CSV with a byte-order mark (so Excel reads accents right).

    `columns` renames and orders the columns (e.g. translated headers). Text cells that a
    spreadsheet would take for a formula are neutralised; numbers are left alone.
    """
    if columns:
        frame = frame[list(columns)].rename(columns=columns)
    text_columns = frame.select_dtypes(include=["object", "string"]).columns
    frame = frame.assign(**{c: frame[c].map(neutralise_formula) for c in text_columns})
    return frame.to_csv(index=False).encode("utf-8-sig")
