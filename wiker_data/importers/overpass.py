"""The Overpass API: the query of a commune's shops, fetching its answer, and telling an answer
that did not finish (a query that timed out or ran out of memory still returns JSON)."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from wiker_data import settings
from wiker_data.categories import CATEGORIES
from wiker_data.importers import ImportFailed

_INSEE_CODE = re.compile(r"\d[0-9AB]\d{3}")


def overpass_failure(data: dict[str, Any]) -> str | None:
    """Return the error the Overpass API reported in `remark` (the result is then incomplete), else None."""
    remark = data.get("remark")
    return remark if isinstance(remark, str) and "error" in remark.lower() else None


def overpass_query(commune_code: str, timeout: int = 90) -> str:
    """Return the Overpass QL query of the directory's shops (and disused ones) in one commune."""
    tags = [tag.split("=") for category in CATEGORIES for tag in category.osm]
    amenity, craft = (
        "|".join(sorted({value for k, value in tags if k == key})) for key in ("amenity", "craft")
    )
    return (
        f"[out:json][timeout:{timeout}];\n"
        f'area["ref:INSEE"="{commune_code}"]["boundary"="administrative"]["admin_level"="8"]->.c;\n'
        f'( nwr["shop"](area.c);\n'
        f'  nwr["disused:shop"](area.c);\n'
        f'  nwr["amenity"~"^({amenity})$"](area.c);\n'
        f'  nwr["disused:amenity"~"^({amenity})$"](area.c);\n'
        f'  nwr["craft"~"^({craft})$"](area.c); );\n'
        "out center;\n"
    )


def fetch_overpass(
    commune_code: str, dest_path: str | Path, url: str | None = None, timeout: int = 90
) -> Path:
    """Return the path of the Overpass API's answer for the commune, written to `dest_path`.

    `url` defaults to the WIKER_OVERPASS_URL setting. Raises ImportFailed, writing nothing, when
    the API cannot be reached, answers an HTTP error,
    something other than JSON, or an unfinished query; or when the file cannot be written.
    """
    url = url or settings.OVERPASS_URL.value()
    code = commune_code.strip().upper()
    if not _INSEE_CODE.fullmatch(code):
        raise ImportFailed(dest_path, f"{commune_code!r} is not an INSEE commune code")
    hint = f"download the file elsewhere and import it with `import osm FILE --commune {code}`"
    body = urllib.parse.urlencode({"data": overpass_query(code, timeout)}).encode()
    request = urllib.request.Request(
        url, data=body, headers={"User-Agent": "wiker-data (shop directory import)"}
    )
    try:
        # A little longer than the query's own timeout, so that the API's answer arrives first.
        with urllib.request.urlopen(request, timeout=timeout + 15) as response:
            answer = response.read()
    except urllib.error.HTTPError as error:
        raise ImportFailed(
            dest_path, f"the Overpass API at {url} answered HTTP {error.code} {error.reason} — {hint}"
        ) from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", None) or error
        raise ImportFailed(dest_path, f"cannot reach the Overpass API at {url}: {reason} — {hint}") from None
    try:
        data = json.loads(answer.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ImportFailed(dest_path, f"the Overpass API at {url} did not answer JSON — {hint}") from None
    if not isinstance(data, dict) or not isinstance(data.get("elements"), list):
        raise ImportFailed(dest_path, f"the Overpass API at {url} answered without `elements` — {hint}")
    if failure := overpass_failure(data):
        raise ImportFailed(dest_path, f"the Overpass API did not finish the query: {failure} — {hint}")
    try:
        Path(dest_path).write_bytes(answer)
    except OSError as error:
        raise ImportFailed(dest_path, f"cannot be written ({error.strerror or error})") from None
    return Path(dest_path)
