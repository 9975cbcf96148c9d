"""The figures kept ahead of time (models.MonthlyFigures), and the raw events they are kept from.

A figure at a date D combines the kept rows of the months before D's month with the raw events
of D's month up to D: a few events, where counting from the raw events alone reads every event
of every shop in scope. Counts over a window (the overview's last twelve months) take the kept
rows of the months wholly inside it and the raw events of the two months it cuts. The counts are
those of wiker_data.queries.events; `raw_figures` is the one query that computes them from the
raw events, for the kept rows (services.figures) and for the months a date cuts.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import Boolean, Date, Select, case, func, or_, select, type_coerce
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.functions import FunctionElement

from wiker_data.models import OPEN_KINDS, Commune, CommuneTotals, EventKind, MonthlyFigures, Shop, StatusEvent
from wiker_data.periods import add_months, month_start
from wiker_data.queries.events import EVENT_COUNTS, event_counts
from wiker_data.queries.scope import frame_of, is_online, live_shops, member_codes

MOVES = ["open_move", "temporary_move"]
COUNTS = [*EVENT_COUNTS, *MOVES]
KINDS = ["category", "click_collect", "delivery", "online_shop", "online"]  # the kind of a shop
KEYS = ["commune_code", "month", *KINDS]  # models.MonthlyFigures's primary key
TOTALS = ["shops_open", "shops_online", "temporarily_closed", *EVENT_COUNTS]


class first_of_month(FunctionElement):
    """The first day of the month of a date column, in SQL."""

    type = Date()
    inherit_cache = True


@compiles(first_of_month, "sqlite")
def _first_of_month_sqlite(element, compiler, **kw):
    return f"date({compiler.process(element.clauses, **kw)}, 'start of month')"


@compiles(first_of_month, "postgresql")
def _first_of_month_postgresql(element, compiler, **kw):
    return f"CAST(date_trunc('month', {compiler.process(element.clauses, **kw)}) AS DATE)"


def shop_kind() -> dict:
    """Return the columns of a shop's kind, as models.MonthlyFigures keeps them: name → expression."""
    online_shop = or_(Shop.online_shop.is_(True), func.coalesce(Shop.online_shop_url, "") != "")
    return {
        "commune_code": Shop.commune_code,
        "category": Shop.category,
        "click_collect": Shop.click_collect,
        "delivery": Shop.delivery,
        "online_shop": type_coerce(online_shop, Boolean),
        "online": type_coerce(is_online(), Boolean),
    }


def raw_figures(*where, keys: list[str], since: dt.date | None = None, end: dt.date | None = None) -> Select:
    """Return the query of COUNTS per value of `keys` (among KEYS) counted from the raw status
    events dated from `since` up to `end` (either open) of the shops meeting `where`, archived
    shops left out. Each event's previous one (for reopenings after closure and the moves) is
    looked for among all the shop's earlier events, those before `since` too."""
    previous = func.lag(StatusEvent.kind).over(
        partition_by=StatusEvent.shop_id, order_by=(StatusEvent.event_date, StatusEvent.id)
    )
    dated = [StatusEvent.event_date <= end] if end else []
    events = (
        select(
            StatusEvent.kind,
            StatusEvent.event_date,
            previous.label("previous_kind"),
            *(column.label(name) for name, column in shop_kind().items()),
        )
        .join(Shop, Shop.id == StatusEvent.shop_id)
        .where(Shop.archived_at.is_(None), *where, *dated)
        .subquery()
    )
    kind, before = events.c.kind, events.c.previous_kind

    def move(states):
        return func.sum(case((kind.in_(states), 1), else_=0) - case((before.in_(states), 1), else_=0))

    columns = {name: events.c[name] for name in [*KINDS, "commune_code"]}
    columns["month"] = first_of_month(events.c.event_date)
    grouped = [columns[name].label(name) for name in keys]
    query = select(
        *grouped,
        *event_counts(events),
        move(OPEN_KINDS).label("open_move"),
        move([EventKind.TEMPORARILY_CLOSED.value]).label("temporary_move"),
    ).group_by(*(columns[name] for name in keys))
    return query.where(events.c.event_date >= since) if since else query


def running_totals(*where) -> Select:
    """Return the query of models.CommuneTotals's rows from the kept monthly rows meeting `where`:
    per commune and month, the sums of the moves and counts of every month up to it."""
    kept = MonthlyFigures
    online_move = case((kept.online.is_(True), kept.open_move), else_=0)
    months = (
        select(
            kept.commune_code,
            kept.month,
            func.sum(kept.open_move).label("shops_open"),
            func.sum(online_move).label("shops_online"),
            func.sum(kept.temporary_move).label("temporarily_closed"),
            *(func.sum(getattr(kept, name)).label(name) for name in EVENT_COUNTS),
        )
        .where(*where)
        .group_by(kept.commune_code, kept.month)
        .subquery()
    )
    return select(
        months.c.commune_code,
        months.c.month,
        *(
            func.sum(months.c[name])
            .over(partition_by=months.c.commune_code, order_by=months.c.month)
            .label(name)
            for name in TOTALS
        ),
    )


def _totals_before(month: dt.date, commune: str | None, as_of: dt.date) -> Select:
    """The running totals of each commune in scope on `as_of` at the end of the month before `month`:
    its latest models.CommuneTotals row before `month` (two index seeks a commune)."""
    latest, inner = CommuneTotals, aliased(CommuneTotals)
    last_month = (
        select(func.max(inner.month))
        .where(inner.commune_code == Commune.code, inner.month < month)
        .correlate(Commune)
        .scalar_subquery()
    )
    in_scope = Commune.code == commune if commune else Commune.code.in_(member_codes(as_of))
    return (
        select(latest.commune_code, *(getattr(latest, name) for name in TOTALS))
        .join(Commune, (Commune.code == latest.commune_code) & (latest.month == last_month))
        .where(in_scope)
    )


def _kept_totals(
    session: Session, as_of: dt.date, commune: str | None, by_commune: bool, first_full: dt.date | None
) -> pd.DataFrame:
    """TOTALS of the months wholly before `as_of`'s (the counts from `first_full` on), per commune or
    added up, read from the running totals: those before `as_of`'s month less, for the counts, those
    before `first_full`."""
    this_month = month_start(as_of)
    table = frame_of(session, _totals_before(this_month, commune, as_of)).set_index("commune_code")
    if first_full is not None:
        start = frame_of(session, _totals_before(first_full, commune, as_of)).set_index("commune_code")
        table[EVENT_COUNTS] = table[EVENT_COUNTS].sub(start[EVENT_COUNTS], fill_value=0)
    table = table.astype(int)
    if by_commune:
        return table.reset_index()
    return pd.DataFrame([table[TOTALS].sum().astype(int)])


def _frame(session: Session, query: Select, keys: list[str]) -> pd.DataFrame:
    frame = frame_of(session, query)
    if frame.empty:
        frame = pd.DataFrame(columns=[*keys, *COUNTS])
    frame[COUNTS] = frame[COUNTS].fillna(0).astype(int)
    return frame


def _kept_scope(commune: str | None, as_of: dt.date) -> list:
    if commune:
        return [MonthlyFigures.commune_code == commune]
    return [MonthlyFigures.commune_code.in_(member_codes(as_of))]


def _raw_cut(commune: str | None, as_of: dt.date, first: dt.date, last: dt.date, keys: list[str]) -> Select:
    """The raw figures of the events dated from `first` to `last` (a month that `as_of` cuts) of the
    shops in scope on `as_of`: only the shops with an event in those days are read."""
    dated = (StatusEvent.event_date >= first) & (StatusEvent.event_date <= last)
    touched = select(StatusEvent.shop_id).where(dated)
    return raw_figures(
        *live_shops(commune, as_of), StatusEvent.shop_id.in_(touched), keys=keys, since=first, end=last
    )


def monthly(session: Session, end: dt.date, commune: str | None = None, keys: list[str] = ()) -> pd.DataFrame:
    """Return COUNTS per calendar month (and value of `keys`, among KINDS and commune_code) of every
    event up to `end` of the shops in scope on `end` (a commune, or the network's members then):
    the kept rows of the months before `end`'s, that month's raw events up to `end`.

    Columns: month, *keys, COUNTS.
    """
    keys = ["month", *keys]
    this_month = month_start(end)
    kept = [getattr(MonthlyFigures, name) for name in keys]
    query = (
        select(*kept, *(func.sum(getattr(MonthlyFigures, name)).label(name) for name in COUNTS))
        .where(MonthlyFigures.month < this_month, *_kept_scope(commune, end))
        .group_by(*kept)
    )
    earlier = _frame(session, query, keys)
    current = _frame(session, _raw_cut(commune, end, this_month, end, keys), keys)
    frames = [frame for frame in (earlier, current) if not frame.empty]
    if not frames:
        return pd.DataFrame(columns=[*keys, *COUNTS]).astype(dict.fromkeys(COUNTS, int))
    return pd.concat(frames, ignore_index=True).sort_values(keys, kind="stable").reset_index(drop=True)


def _kept_by_kind(as_of: dt.date, commune: str | None, keys: list[str], first_full: dt.date | None) -> Select:
    """The query of TOTALS per value of `keys` (among KINDS) from the kept monthly rows of the months
    wholly before `as_of`'s (the counts from `first_full` on)."""

    def counted(name):
        value = getattr(MonthlyFigures, name)
        if first_full is None:
            return func.sum(value)
        return func.sum(case((MonthlyFigures.month >= first_full, value), else_=0))

    kept = [getattr(MonthlyFigures, name) for name in keys]
    online_move = case((MonthlyFigures.online.is_(True), MonthlyFigures.open_move), else_=0)
    return (
        select(
            *kept,
            func.sum(MonthlyFigures.open_move).label("shops_open"),
            func.sum(online_move).label("shops_online"),
            func.sum(MonthlyFigures.temporary_move).label("temporarily_closed"),
            *(counted(name).label(name) for name in EVENT_COUNTS),
        )
        .where(MonthlyFigures.month < month_start(as_of), *_kept_scope(commune, as_of))
        .group_by(*kept)
    )


def totals(
    session: Session, as_of: dt.date, commune: str | None, keys: list[str], window_from: dt.date | None
) -> pd.DataFrame:
    """Return per value of `keys` (among KINDS and commune_code) in scope on `as_of`: the shops open,
    open online and temporarily closed on `as_of`, and EVENT_COUNTS of the events dated after
    `window_from` (every event without it) up to `as_of`.

    Columns: *keys, TOTALS. Kept rows for the months wholly before `as_of`'s (and, for the counts,
    after `window_from`'s), raw events for the days of the months the window cuts. Per commune or
    in all (`keys` commune_code or none), the running totals stand for the kept rows.
    """
    this_month = month_start(as_of)
    if window_from is not None and window_from >= this_month - dt.timedelta(days=1):
        raise ValueError("a window starts before the month of its end")
    first_full = None if window_from is None else month_start(window_from + dt.timedelta(days=1))
    if first_full is not None and first_full <= window_from:
        first_full = add_months(first_full, 1)

    if set(keys) <= {"commune_code"}:
        parts = [_kept_totals(session, as_of, commune, bool(keys), first_full)]
    else:
        parts = [frame_of(session, _kept_by_kind(as_of, commune, keys, first_full))]

    raw_keys = list(dict.fromkeys([*keys, "online"]))
    current = _frame(session, _raw_cut(commune, as_of, this_month, as_of, raw_keys), raw_keys)
    parts.append(
        current.assign(
            shops_open=current["open_move"],
            shops_online=current["open_move"].where(current["online"].astype(bool), 0),
            temporarily_closed=current["temporary_move"],
        )
    )
    if first_full is not None and window_from + dt.timedelta(days=1) < first_full:
        first, last = window_from + dt.timedelta(days=1), first_full - dt.timedelta(days=1)
        start = _frame(session, _raw_cut(commune, as_of, first, last, keys), keys)
        parts.append(start[[*keys, *EVENT_COUNTS]])
    parts = [part[[*keys, *(c for c in TOTALS if c in part)]] for part in parts if not part.empty]
    if not parts:
        return pd.DataFrame(columns=[*keys, *TOTALS]).astype(dict.fromkeys(TOTALS, int))
    table = pd.concat(parts, ignore_index=True)
    table[TOTALS] = table[TOTALS].fillna(0).astype(int)
    if not keys:
        return pd.DataFrame([table[TOTALS].sum().astype(int)]).reset_index(drop=True)
    return table.groupby(keys, as_index=False)[TOTALS].sum()
