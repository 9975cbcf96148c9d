"""Opening hours in OpenStreetMap's `opening_hours` syntax, read with the `opening_hours` library
(opening-hours-py): in words for a reader (« lun.–sam. 07:00–19:30 ») and open or not at a time.

The library parses the expression and computes its intervals over a reference week; only the
wording is ours. Hours that the library cannot parse, or whose week changes over the year
(seasons, dates), or that say "unknown" or carry a comment, are shown as written.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import opening_hours
from babel.dates import get_day_names

from wiker_data.i18n import conventions, t

MISSING = "—"
# Mondays of weeks spread over a year: the week in words stands for all of them or for none.
_REFERENCE_MONDAYS = tuple(dt.date(2026, 1, 5) + dt.timedelta(weeks=4 * i) for i in range(13))
_DAY = dt.timedelta(days=1)

Ranges = tuple[tuple[dt.time, dt.time, bool], ...]  # (start, end, ends on the next day) of a day


@lru_cache(maxsize=4096)
def _parsed(hours: str) -> opening_hours.OpeningHours | None:
    try:
        return opening_hours.OpeningHours(hours)
    except Exception:  # the library raises its ParserError, and SyntaxError on some inputs
        return None


def _week(parsed: opening_hours.OpeningHours, monday: dt.date) -> tuple[Ranges, ...] | None:
    """Return the open ranges of each day of the week from `monday`, None if any is unknown or commented."""
    start = dt.datetime.combine(monday, dt.time())
    days: list[list[tuple[dt.time, dt.time, bool]]] = [[] for _ in range(7)]
    # From the Sunday before, so that a night opening past midnight is seen whole, once.
    for begin, end, state, comment in parsed.intervals(start - _DAY, start + 8 * _DAY):
        if comment or state == opening_hours.State.UNKNOWN:
            return None
        if state != opening_hours.State.OPEN:
            continue
        if end - begin < _DAY:
            pieces = [(begin, end)]  # a range of one day, maybe ending after midnight (22:00–02:00)
        else:  # a range of whole days (24/7, Mo-Fr 00:00-24:00): cut at each midnight
            pieces, cursor = [], begin
            while cursor < end:
                midnight = dt.datetime.combine(cursor.date() + _DAY, dt.time())
                pieces.append((cursor, min(end, midnight)))
                cursor = midnight
        for piece_start, piece_end in pieces:
            index = (piece_start.date() - monday).days
            if 0 <= index < 7:
                days[index].append(
                    (piece_start.time(), piece_end.time(), piece_end.date() > piece_start.date())
                )
    return tuple(tuple(day) for day in days)


def _clock(value: dt.time, next_day: bool) -> str:
    return "24:00" if next_day and value == dt.time() else value.strftime("%H:%M")


def _ranges_text(ranges: Ranges) -> str:
    return ", ".join(f"{_clock(start, False)}–{_clock(end, next_day)}" for start, end, next_day in ranges)


@lru_cache(maxsize=4096)
def describe_lines(hours: str | None, lang: str) -> tuple[str, ...]:
    """Return the hours in words, one line per run of days (plain text: escape it for HTML).

    "Mo-Sa 07:00-19:30" gives ("lun.–sam. 07:00–19:30",) in French; "24/7" gives ("24 h/24, 7 j/7",);
    days closed between open days are named closed; missing hours give ("—",); hours the library
    cannot parse, or that it cannot put in one week, are returned as written.
    """
    text = (hours or "").strip()
    if not text:
        return (MISSING,)
    parsed = _parsed(text)
    if parsed is None:
        return (text,)
    weeks = {_week(parsed, monday) for monday in _REFERENCE_MONDAYS}
    if len(weeks) != 1 or None in weeks:
        return (text,)
    (week,) = weeks
    whole_day = ((dt.time(), dt.time(), True),)
    if all(day == whole_day for day in week):
        return (t("hours.always", lang),)
    if not any(week):
        return (t("hours.closed", lang),)
    names = get_day_names("abbreviated", locale=conventions(lang).locale)
    runs: list[tuple[int, int, Ranges]] = []  # (first day, last day, ranges)
    for index, day in enumerate(week):
        if runs and runs[-1][2] == day:
            runs[-1] = (runs[-1][0], index, day)
        else:
            runs.append((index, index, day))
    if len(runs) > 2 and runs[0][2] and runs[-1][2] == runs[0][2]:  # one run over the weekend: sam.–lun.
        first, _, ranges = runs.pop()
        runs[0] = (first, runs[0][1], ranges)
    while not runs[0][2]:  # closed days before the first open day and after the last go unsaid
        runs.pop(0)
    while not runs[-1][2]:
        runs.pop()
    lines = []
    for first, last, ranges in runs:
        days = names[first] if first == last else f"{names[first]}–{names[last]}"
        lines.append(f"{days} {_ranges_text(ranges) if ranges else t('hours.closed', lang)}")
    return tuple(lines)


def describe(hours: str | None, lang: str) -> str:
    """Return the hours in words on one line (« lun.–ven. 09:00–12:00, 14:00–18:00 ; sam. 09:00–12:00 »)."""
    return t("hours.separator", lang).join(describe_lines(hours, lang))


def is_open(hours: str | None, at: dt.datetime) -> bool | None:
    """Return whether the hours say open at `at` (local time), None when unknown (missing, unparseable)."""
    text = (hours or "").strip()
    parsed = _parsed(text) if text else None
    if parsed is None:
        return None
    state = parsed.state(at.replace(tzinfo=None))[0]
    if state == opening_hours.State.UNKNOWN:
        return None
    return state == opening_hours.State.OPEN
