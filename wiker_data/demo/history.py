"""Status histories and monthly visits of the demo data.

A shop's history is drawn in two steps: first its permanent timeline (opened,
closed for good, maybe reopened by a new owner), then the 2020-2021 lockdowns
merged in through a small state machine, so that every history is coherent.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Sequence

from wiker_data.categories import BY_KEY
from wiker_data.models import EventKind
from wiker_data.periods import last_complete_month, month_end, month_range

OPENED, CLOSED = EventKind.OPENED.value, EventKind.CLOSED.value
REOPENED, TEMPORARILY_CLOSED = EventKind.REOPENED.value, EventKind.TEMPORARILY_CLOSED.value

HISTORY_START = dt.date(2015, 1, 1)  # shops opened before this date are the starting stock
OLDEST_OPENING = dt.date(1975, 1, 1)
OPENING_RATE = 0.065  # new shops a year, as a share of the stock
CLOSURE_RATE = 0.05  # permanent closures a year, as a share of the open shops
COVID_YEARS = (dt.date(2020, 1, 1), dt.date(2022, 1, 1))
COVID_CLOSURE_FACTOR = 1.3  # in 2020 and 2021
MEMBER_CLOSURE_FACTOR = 0.8  # after the commune joined the network
REOPENING_SHARE = 0.10  # closed shops taken over by a new owner
CURRENT_WORKS_SHARE = 0.015  # open shops temporarily closed today (works, holidays)

Window = tuple[dt.date, dt.date]  # (temporarily closed on, reopened on)
LOCKDOWNS: tuple[Window, ...] = (
    (dt.date(2020, 3, 17), dt.date(2020, 5, 11)),
    (dt.date(2020, 10, 30), dt.date(2020, 11, 28)),
    (dt.date(2021, 4, 3), dt.date(2021, 5, 19)),
)
EAT_DRINK_LOCKDOWNS: tuple[Window, ...] = (
    (dt.date(2020, 3, 17), dt.date(2020, 6, 2)),
    (dt.date(2020, 10, 30), dt.date(2021, 5, 19)),
)


def lockdowns_of(category: str) -> tuple[Window, ...]:
    """Return the lockdown windows a shop of `category` had to close for (none for essential shops)."""
    found = BY_KEY[category]
    if found.essential:
        return ()
    return EAT_DRINK_LOCKDOWNS if found.family == "eat_drink" else LOCKDOWNS


def _random_day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


def _closure_rate(day: dt.date, joined_on: dt.date | None) -> float:
    rate = CLOSURE_RATE
    if COVID_YEARS[0] <= day < COVID_YEARS[1]:
        rate *= COVID_CLOSURE_FACTOR
    if joined_on and day >= joined_on:
        rate *= MEMBER_CLOSURE_FACTOR
    return rate


def _next_closure(rng: random.Random, start: dt.date, today: dt.date, joined_on: dt.date | None):
    """Return the day an open shop closes for good from `start` on, or None if it is still open today.

    The closure rate is constant between the cut dates, so the waiting time is drawn once and
    spent segment by segment."""
    cuts = [*sorted({d for d in (*COVID_YEARS, joined_on) if d and start < d < today}), today]
    budget, day = rng.expovariate(1.0), start
    for cut in cuts:
        rate = _closure_rate(day, joined_on) / 365.25  # a day
        if budget < rate * (cut - day).days:
            return day + dt.timedelta(days=int(budget / rate))
        budget -= rate * (cut - day).days
        day = cut
    return None


def _out_of_lockdown(day: dt.date, windows: Sequence[Window]) -> dt.date:
    """Return `day`, or the end of the lockdown it falls in: a shop that must stay shut opens then."""
    for start, end in windows:
        if start <= day < end:
            return end
    return day


def _off_lockdown_edges(day: dt.date, windows: Sequence[Window]) -> dt.date:
    """Return `day`, or the day before when a lockdown starts or ends that day (those days carry
    their own events): the shop closes for good just before the lockdown, or during it."""
    if any(day in window for window in windows):
        return day - dt.timedelta(days=1)
    return day


def permanent_timeline(
    rng: random.Random, opened_on: dt.date, today: dt.date, joined_on: dt.date | None, windows
) -> list[tuple[dt.date, str]]:
    """Return a shop's opened/closed/reopened events from its opening day to `today`."""
    opened_on = _out_of_lockdown(opened_on, windows)
    if opened_on > today:
        return []
    timeline = [(opened_on, OPENED)]
    open_since = max(opened_on + dt.timedelta(days=180), HISTORY_START)
    while open_since <= today and (closed_on := _next_closure(rng, open_since, today, joined_on)):
        timeline.append((_off_lockdown_edges(closed_on, windows), CLOSED))
        if rng.random() >= REOPENING_SHARE:
            break
        reopened_on = _out_of_lockdown(closed_on + dt.timedelta(days=rng.randint(60, 540)), windows)
        if reopened_on > today:
            break
        timeline.append((reopened_on, REOPENED))
        open_since = reopened_on + dt.timedelta(days=180)
    return timeline


def merge_lockdowns(
    timeline: list[tuple[dt.date, str]], windows, today: dt.date
) -> list[tuple[dt.date, str]]:
    """Return the timeline with a temporary closure for every lockdown the shop was open at."""
    marks = [(start, 0, TEMPORARILY_CLOSED) for start, _ in windows if start <= today]
    marks += [(end, 0, REOPENED) for _, end in windows if end <= today]
    state, events = None, []
    for day, is_timeline, kind in sorted(marks + [(d, 1, k) for d, k in timeline]):
        if not is_timeline:  # a lockdown starts or ends: only shops trading at the time are concerned
            if (state, kind) in (("open", TEMPORARILY_CLOSED), ("lockdown", REOPENED)):
                events.append((day, kind))
                state = "open" if kind == REOPENED else "lockdown"
            continue
        expected = {OPENED: (None,), CLOSED: ("open", "lockdown"), REOPENED: ("closed",)}[kind]
        assert state in expected, f"{kind} on {day} after state {state}"
        events.append((day, kind))
        state = "closed" if kind == CLOSED else "open"
    return events


def shop_history(
    rng: random.Random, category: str, opened_on: dt.date, today: dt.date, joined_on: dt.date | None
) -> list[tuple[dt.date, str]]:
    """Return a shop's coherent status events, in date order, none after `today`."""
    windows = lockdowns_of(category)
    events = merge_lockdowns(permanent_timeline(rng, opened_on, today, joined_on, windows), windows, today)
    if events and events[-1][1] in (OPENED, REOPENED) and rng.random() < CURRENT_WORKS_SHARE:
        works_on = today - dt.timedelta(days=rng.randint(3, 90))
        if works_on > events[-1][0]:
            events.append((works_on, TEMPORARILY_CLOSED))
    return events


def opening_day(
    rng: random.Random, existing_before_2015: bool, today: dt.date, months: list, weights: list
) -> dt.date:
    """Return an opening day: 1975-2014 (more recent more likely) for the starting stock, else
    a day of one of `months` drawn with cumulative `weights`."""
    if existing_before_2015:
        year = max(OLDEST_OPENING.year, HISTORY_START.year - 1 - int(rng.expovariate(1 / 10)))
        return _random_day(rng, dt.date(year, 1, 1), min(dt.date(year, 12, 31), today))
    month = rng.choices(months, cum_weights=weights)[0]
    return _random_day(rng, month, min(month_end(month), today))


def opening_months(today: dt.date, joined_on: dt.date | None) -> tuple[list[dt.date], list[float]]:
    """Return the months new shops may open in (2015 to today's) and their cumulative weights:
    fewer openings in 2020-2021, a few more once the commune joined the network."""
    months = month_range(HISTORY_START, today - dt.timedelta(days=1))
    cumulative, total = [], 0.0
    for month in months:
        weight = 0.7 if month.year == 2020 else 0.9 if month.year == 2021 else 1.0
        if joined_on and month >= joined_on:
            weight *= 1.15
        if month.year == today.year and month.month == today.month:
            weight *= (today.day - 1) / 30
        total += weight
        cumulative.append(total)
    return months, cumulative


SEASONS = (0.92, 0.9, 0.97, 1.0, 1.02, 1.05, 1.16, 1.14, 0.98, 0.97, 1.02, 1.24)  # January .. December
LOCKDOWN_SPIKES = {(2020, 3): 1.5, (2020, 4): 1.9, (2020, 5): 1.45, (2020, 11): 1.5, (2021, 4): 1.25}


def visits_per_inhabitant(rng: random.Random, population: int, showcase: bool) -> float:
    """Return the monthly visits per inhabitant a commune's site reaches once established."""
    if showcase:  # Donges, the pilot: about as many visits as inhabitants, more in summer and December
        return 1.0
    rate = 0.9 - 0.35 * math.log10(max(population, 2500) / 2500) + rng.uniform(-0.08, 0.08)
    return min(0.9, max(0.2, rate))


def monthly_visits(
    rng: random.Random, code: str, population: int, joined_on: dt.date, today: dt.date, showcase: bool
) -> list[dict]:
    """Return one visits row a month from the joining month to the last complete month as of `today`."""
    target = population * visits_per_inhabitant(rng, population, showcase)
    months_to_establish = 20 if showcase else rng.uniform(14, 30)
    rows = []
    for age, month in enumerate(month_range(joined_on, last_complete_month(today))):
        growth = 0.04 + 0.96 * (1 - math.exp(-age / months_to_establish))
        factor = SEASONS[month.month - 1] * LOCKDOWN_SPIKES.get((month.year, month.month), 1.0)
        visits = max(0, round(target * growth * factor * rng.gauss(1, 0.04)))
        unique = round(visits * rng.uniform(0.6, 0.75))
        rows.append(
            dict(commune_code=code, month=month, visits=visits, unique_visitors=unique, source="demo")
        )
    return rows
