"""OpenStreetMap's dates of a shop's first status event: only `start_date` (else `opening_date`)
is an opening; any other shop is *recorded* (open, never counted as an opening) on the file's
date, else today. Surveys (`check_date`, `survey:date`) never make an opening (`osm._dates`)."""

from __future__ import annotations

import datetime as dt
import re

from wiker_data.importers import Reason

_OPENING_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _opening(tags: dict[str, str], today: dt.date, notes: list[str]) -> dt.date | None:
    """Return the date `start_date` (else `opening_date`) gives, None when neither is a usable date.

    OSM publishes YYYY-MM-DD, YYYY-MM or YYYY: a month or a year stands for its first day (noted).
    Approximations ("~1990", "before 2000", "1990s") and dates after today are left out, noted.
    """
    for key in ("start_date", "opening_date"):
        text = tags.get(key)
        if not text:
            continue
        found = _OPENING_DATE.fullmatch(text)
        try:
            day = dt.date(int(found[1]), int(found[2] or 1), int(found[3] or 1)) if found else None
        except ValueError:
            day = None
        if day is None:
            notes.append(Reason("note.opening_not_a_date", tag=key, text=repr(text)))
        elif day > today:
            notes.append(Reason("note.opening_in_future", tag=key, date=day))
        else:
            if not found[3]:
                notes.append(Reason("note.opening_no_day", tag=key, text=repr(text), date=day))
            return day
    return None


def first_event(tags: dict[str, str], file_date: dt.date | None, today: dt.date, notes: list[str]):
    """Return a new shop's first status event: opened on its `start_date`/`opening_date`, else
    *recorded* (open, not an opening) on the file's date, else today; never on a survey's date."""
    opened = _opening(tags, today, notes)
    return (
        ("opened", opened)
        if opened
        else ("recorded", file_date if file_date and file_date <= today else today)
    )
