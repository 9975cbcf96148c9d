"""The audit log put into words: each entry as a sentence in the reader's language (« Fermeture
définitive le 15/10/2026 », « Téléphone : — → 02 40 01 59 18 »), who made it, its source and its
time on the readers' clock (Europe/Paris). Read-only.

An entry keeps JSON values (services.audit): dates as ISO text, prices as text, the changed fields
of an update beside a little context (`version`, `updated_at`, `shop_id`, `month`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from wiker_data.i18n import (
    category_label,
    conventions,
    fmt_datetime,
    fmt_decimal,
    fmt_int,
    fmt_month,
    fmt_short_date,
    sentence_case,
    t,
)
from wiker_data.i18n import (
    field_label as _field_name,
)
from wiker_data.models import AuditEntry
from wiker_data.phones import national_phone
from wiker_data.queries.snapshots import YEAR_KEY

# What an entry keeps beside the fields it changed: never part of the sentence.
_CONTEXT = frozenset({"id", "version", "updated_at", "shop_id", "month", "commune_code", "source", "note"})
# The message of each field's label (`history.field_<name>` unless shared with a page's column).
_DATES = frozenset({"joined_on", "left_on", "event_date"})
_WHOLE_NUMBERS = frozenset({"population", "shop_units", "visits", "unique_visitors"})
_SOURCES = ("app", "cli", "sirene", "sirene-history", "osm", "insee", "matomo", "visits-csv", "demo")
_SOURCES += ("migration",)
LONGEST_VALUE = 60  # characters of a value shown in a sentence (opening hours, a description)

COLUMNS = ["id", "at", "when", "who", "source", "change", "undone", "undoes", "action"]


def field_label(field: str, lang: str) -> str:
    """Return the name of a field in the reader's language (« Horaires », « Population 2023 »)."""
    if field.startswith(YEAR_KEY):
        return t("history.field_population_in", lang, year=field.removeprefix(YEAR_KEY))
    return _field_name(field, lang)


def field_value(field: str, value: Any, lang: str) -> str:
    """Return a field's JSON value as the reader reads it: `—` when unknown, oui/non, dates and
    numbers in the language's form, the category's name, the phone as dialled in France."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return t("history.yes" if value else "history.no", lang)
    if field in _DATES or field == "archived_at":
        try:
            moment = dt.datetime.fromisoformat(str(value))
        except ValueError:  # not a date after all: shown as kept
            return str(value)
        return fmt_datetime(moment, lang) if field == "archived_at" else fmt_short_date(moment.date(), lang)
    if field == "category":
        return category_label(str(value), lang)
    if field == "phone":
        return national_phone(str(value))
    if field == "price":
        return t("history.price", lang, amount=fmt_decimal(float(value), lang))
    if field in _WHOLE_NUMBERS or field.startswith(YEAR_KEY):
        return fmt_int(value, lang) if isinstance(value, int | float) else str(value)
    if field in ("latitude", "longitude") and isinstance(value, int | float):
        return fmt_decimal(value, lang, digits=7).rstrip("0").rstrip(",.")
    text = ", ".join(str(item) for item in value) if isinstance(value, list) else str(value)
    return text if len(text) <= LONGEST_VALUE else text[: LONGEST_VALUE - 1] + "…"


def _changes(before: Mapping[str, Any], after: Mapping[str, Any], lang: str) -> str:
    """Return « Label : a → b » for every field an update changed, in the order it keeps them."""
    colon = conventions(lang).colon
    fields = [
        field
        for field in dict.fromkeys([*before, *after])
        if field not in _CONTEXT and before.get(field) != after.get(field)
    ]
    shown = [
        (field, field_value(field, before.get(field), lang), field_value(field, after.get(field), lang))
        for field in fields
    ]
    return t("history.separator", lang).join(
        f"{field_label(field, lang)}{colon}{old} → {new}"
        for field, old, new in shown
        if old != new  # a position that moved by less than its seven decimals shows no change
    )


def _event(values: Mapping[str, Any], lang: str) -> str:
    kind = values.get("kind")
    label = sentence_case(t(f"event.{kind}", lang)) if f"{kind}" in _EVENT_KINDS else str(kind)
    return t(
        "history.event", lang, kind=label, date=field_value("event_date", values.get("event_date"), lang)
    )


_EVENT_KINDS = ("opened", "closed", "reopened", "temporarily_closed", "recorded")


def _shop(entry: AuditEntry, before: Mapping, after: Mapping, lang: str) -> str:
    if entry.action == "archive":
        return t("history.shop_archived", lang)
    if entry.action == "restore":
        return t("history.shop_restored", lang)
    if not before:
        return t("history.shop_created", lang)
    if "archived_at" in after and set(after) - _CONTEXT == {"archived_at"}:  # an undone archive
        return t("history.shop_archived" if after["archived_at"] else "history.shop_restored", lang)
    return _changes(before, after, lang)


def _status_event(entry: AuditEntry, before: Mapping, after: Mapping, lang: str) -> str:
    if not before:
        return _event(after, lang)
    if not after:
        return t("history.event_removed", lang, event=_event(before, lang))
    return f"{_event(before, lang)} → {_event({**before, **after}, lang)}"


def _item_name(values: Mapping) -> str:
    return str(values.get("name") or "—")


def _catalogue_item(entry: AuditEntry, before: Mapping, after: Mapping, lang: str) -> str:
    if not before:
        added = t("history.item_added", lang, name=_item_name(after))
        if after.get("price") not in (None, ""):
            added += f" ({field_value('price', after['price'], lang)})"
        return added
    if not after:
        return t("history.item_removed", lang, name=_item_name(before))
    return t("history.item_changed", lang, changes=_changes(before, after, lang))


def _commune(entry: AuditEntry, before: Mapping, after: Mapping, lang: str) -> str:
    if not before:
        return t("history.commune_created", lang)
    sentences = []
    if after.get("joined_on") and before.get("joined_on") != after["joined_on"]:
        sentences.append(t("history.joined", lang, date=field_value("joined_on", after["joined_on"], lang)))
    if after.get("left_on") and before.get("left_on") != after["left_on"]:
        sentences.append(t("history.left", lang, date=field_value("left_on", after["left_on"], lang)))
    membership = {"joined_on", "left_on"} if sentences else set()
    rest = _changes(
        {k: v for k, v in before.items() if k not in membership},
        {k: v for k, v in after.items() if k not in membership},
        lang,
    )
    return t("history.separator", lang).join([*sentences, *([rest] if rest else [])])


def _visits(entry: AuditEntry, before: Mapping, after: Mapping, lang: str) -> str:
    month_text = (after or before).get("month")
    month = fmt_month(dt.date.fromisoformat(str(month_text)[:10]), lang) if month_text else "—"
    if not before or not after:
        values = after or before
        figures = field_value("visits", values.get("visits"), lang)
        if values.get("unique_visitors") is not None:
            unique = field_value("unique_visitors", values["unique_visitors"], lang)
            figures = t("history.visits_and_unique", lang, visits=figures, unique=unique)
        key = "history.visits_added" if not before else "history.visits_removed"
        return t(key, lang, month=month, figures=figures)
    return t("history.visits_changed", lang, month=month, changes=_changes(before, after, lang))


_DESCRIBERS = {
    "shop": _shop,
    "status_event": _status_event,
    "catalogue_item": _catalogue_item,
    "commune": _commune,
    "monthly_visits": _visits,
}


def describe(entry: AuditEntry, lang: str, undone: AuditEntry | None = None) -> str:
    """Return what an audit entry changed as one sentence; an undo names the entry it undid
    (`undone`), « Annulation de : … »."""
    if entry.action == "undo" and undone is not None:
        return t("history.undo_of", lang, change=describe(undone, lang))
    before, after = entry.before or {}, entry.after or {}
    describer = _DESCRIBERS.get(entry.entity)
    if describer is None:  # an account, or a record the pages do not edit
        what = t(f"audit.entity_{entry.entity}", lang) if entry.entity in _ENTITIES else entry.entity
        sentence = f"{sentence_case(what)}{conventions(lang).colon}{_changes(before, after, lang) or '—'}"
    else:
        sentence = describer(entry, before, after, lang) or "—"
    if entry.action == "undo":  # the entry it undid is not known: say what the undo did
        return t("history.undo_did", lang, change=sentence)
    return sentence


_ENTITIES = ("shop", "status_event", "catalogue_item", "commune", "monthly_visits", "commune_population")


def source_label(entry: AuditEntry, lang: str) -> str:
    """Return where a change came from: « saisie », « annulation », « import SIRENE », ..."""
    if entry.action == "undo":
        return t("history.source_undo", lang)
    if entry.source in _SOURCES:
        return t(f"history.source_{entry.source.replace('-', '_')}", lang)
    return entry.source


def who(entry: AuditEntry, lang: str) -> str:
    """Return who made a change: the account's name, else the command line (a command, an import)."""
    if entry.account_id is not None:
        return entry.actor
    return t("history.who_migration" if entry.source == "migration" else "history.who_command", lang)


def history_table(session: Session, entries: list[AuditEntry], lang: str) -> pd.DataFrame:
    """Return audit entries, as given (newest first), as the history shows them.

    Columns: id, at (UTC, as stored), when (on the readers' clock, in the language's form), who,
    source, change (the sentence), undone (a later entry undid it), undoes (the entry it undid),
    action.
    """
    known = {entry.id: entry for entry in entries}
    wanted = {entry.undoes_id for entry in entries if entry.undoes_id and entry.undoes_id not in known}
    if wanted:
        known |= {e.id: e for e in session.scalars(select(AuditEntry).where(AuditEntry.id.in_(wanted)))}
    undone = {entry.undoes_id for entry in entries if entry.undoes_id}
    rows = [
        {
            "id": entry.id,
            "at": entry.at,
            "when": fmt_datetime(entry.at, lang),
            "who": who(entry, lang),
            "source": source_label(entry, lang),
            "change": describe(entry, lang, known.get(entry.undoes_id) if entry.undoes_id else None),
            "undone": entry.id in undone,
            "undoes": entry.undoes_id,
            "action": entry.action,
        }
        for entry in entries
    ]
    return pd.DataFrame(rows, columns=COLUMNS)
