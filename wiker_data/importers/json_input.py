"""Reading a JSON file someone gave: within a size, a depth and numbers a file of places can hold.

Python's json module reads any size, recurses once per nesting level (a file of a million "[" ends
in RecursionError), turns `NaN` and `Infinity` into floats and a 400-digit number into an int that
no float can hold. Here a file over MAX_JSON_BYTES or nested too deep is refused as a whole, with a
message naming the limit, and a number no coordinate can be (NaN, infinite, a huge integer) reads
as missing, so that the row it is on is the one refused or noted, not the file."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from wiker_data.importers import ImportFailed, Reason

MAX_JSON_BYTES = 64 * 1024 * 1024  # read whole: about 8 bytes of memory for each byte of JSON
_MAX_INTEGER_DIGITS = 20  # OpenStreetMap ids have 11 digits; nothing in a file of places has more


def _float(text: str) -> float | None:
    value = float(text)
    return value if math.isfinite(value) else None


def _int(text: str) -> int | None:
    return int(text) if len(text.lstrip("-")) <= _MAX_INTEGER_DIGITS else None


def read_json(path: str | Path) -> Any:
    """Return the parsed JSON of the file at `path` (UTF-8, with or without a byte-order mark).

    Raises ImportFailed, naming the file and the problem, for a file that cannot be read, is over
    MAX_JSON_BYTES, is not UTF-8, is empty, is not JSON or is nested too deep.
    """
    try:
        with open(path, "rb") as file:
            raw = file.read(MAX_JSON_BYTES + 1)
    except OSError as error:
        raise ImportFailed(path, Reason("problem.unreadable", error=error.strerror or str(error))) from None
    if len(raw) > MAX_JSON_BYTES:
        raise ImportFailed(path, Reason("problem.json_too_large", mib=MAX_JSON_BYTES // (1024 * 1024)))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFailed(
            path, Reason("problem.json_not_utf8", byte=error.start, error=error.reason)
        ) from None
    del raw
    if not text.strip():
        raise ImportFailed(path, Reason("problem.empty"))
    try:
        return json.loads(text, parse_float=_float, parse_int=_int, parse_constant=lambda _: None)
    except json.JSONDecodeError as error:
        raise ImportFailed(
            path, Reason("problem.json_invalid", line=error.lineno, column=error.colno, error=error.msg)
        ) from None
    except RecursionError:
        raise ImportFailed(path, Reason("problem.json_too_deep")) from None
