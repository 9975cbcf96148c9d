"""The one translation layer: every string the app shows is looked up here.

French is the default language, English the other. Each message holds both
translations side by side so that a missing one is easy to see (and a test
checks that none is missing). The messages live in one catalogue module per page
or concern (`CATALOGUES`), assembled into `MESSAGES`; a key defined twice is
refused. The names of the shop categories and families are in `categories`
(`category.<key>`, `family.<key>`). The services' field messages (`validation`)
use the same form, apart in `FIELD_MESSAGES`, and are formatted by
`field_message`. The importers' reasons and file problems (`import_reasons`) are formatted
by `reason_message`. What a language writes without a message (locale, separators,
date format, colon) is in `conventions`. Numbers, percentages and dates are
formatted with Babel for the chosen language. The fields of a shop or commune are
named by `field_label`, the one map of field to message.

Which date form where:
- `fmt_date`, the long form (« 1er décembre 2026 »): a date in a sentence or a caption;
- `fmt_short_date`, the short numeric form (01/12/2026): a date in a table's cell;
- `fmt_input_date`, the date inputs' form (01/12/2026; 2026-12-01 in English): a date a
  reader will type back (an import's reasons, which the English commands print too);
- `fmt_month` for a month, `fmt_datetime` for a time (on the Paris clock).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal, format_percent

from wiker_data.categories import BY_KEY
from wiker_data.i18n import (
    activity,
    auth,
    categories,
    common,
    comparison,
    editing,
    exports,
    history,
    import_reasons,
    imports,
    overview,
    presence,
    reconcile,
    report,
    validation,
    visits,
)
from wiker_data.i18n import map as shop_map
from wiker_data.i18n.conventions import (
    CONVENTIONS,
    DEFAULT_LANGUAGE,
    LANGUAGES,
    LOCALES,
    REGISTER_LANGUAGE,
    SERVICES_LANGUAGE,
    Conventions,
)
from wiker_data.models import TRADE_MODES

__all__ = [
    "CATALOGUES",
    "CONVENTIONS",
    "DEFAULT_LANGUAGE",
    "FIELD_MESSAGES",
    "LANGUAGES",
    "LOCALES",
    "MESSAGES",
    "REGISTER_LANGUAGE",
    "SERVICES_LANGUAGE",
    "Conventions",
    "category_label",
    "conventions",
    "family_label",
    "field_line",
    "field_message",
    "fmt_date",
    "fmt_datetime",
    "fmt_decimal",
    "fmt_input_date",
    "fmt_int",
    "fmt_month",
    "fmt_percent",
    "fmt_short_date",
    "fmt_signed",
    "is_default_language",
    "normalise_language",
    "plural",
    "reason_message",
    "sentence_case",
    "t",
]

# every catalogue module, each a MESSAGES dict {key: {language: text}}
CATALOGUES = (
    common,
    overview,
    shop_map,
    visits,
    activity,
    comparison,
    presence,
    auth,
    editing,
    history,
    imports,
    import_reasons,
    reconcile,
    report,
    exports,
    categories,
    validation,
)


def _assemble(modules) -> dict[str, dict[str, str]]:
    assembled: dict[str, dict[str, str]] = {}
    for module in modules:
        twice = assembled.keys() & module.MESSAGES.keys()
        assert not twice, f"messages defined twice: {sorted(twice)}"
        assembled.update(module.MESSAGES)
    return assembled


_assemble(CATALOGUES)  # no key in two catalogues, the field messages' included
MESSAGES: dict[str, dict[str, str]] = _assemble(module for module in CATALOGUES if module is not validation)
FIELD_MESSAGES: dict[str, dict[str, str]] = validation.MESSAGES


def normalise_language(lang: str | None) -> str:
    """Return a supported language code, French when `lang` is unknown."""
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def is_default_language(lang: str | None) -> bool:
    """Whether `lang` is the language a first visit gets (French), which a URL need not name."""
    return normalise_language(lang) == DEFAULT_LANGUAGE


def t(key: str, lang: str, **values: object) -> str:
    """Return the message `key` in `lang`, with `{placeholders}` filled from `values`."""
    text = MESSAGES[key][normalise_language(lang)]
    return text.format(**values) if values else text


def plural(key: str, count: int, lang: str, **values: object) -> str:
    """Return the message `key.one` or `key.other` that the language's plural rule (Babel's) takes for
    `count`, with `{count}` filled in with the language's grouping (« 1 commerce », « 0 commerce »,
    « 3 082 commerces »; "1 shop", "0 shops")."""
    form = _plural_forms(_locale(lang))(abs(count))
    chosen = f"{key}.{form}" if f"{key}.{form}" in MESSAGES else f"{key}.other"
    return t(chosen, lang, count=fmt_int(count, lang), **values)


@functools.cache
def _plural_forms(locale: str):
    """Return the language's plural rule (parsing a Babel locale each time cost 14 µs a call)."""
    return Locale.parse(locale).plural_form


def conventions(lang: str) -> Conventions:
    """Return how `lang` writes numbers, dates and labels (French's when `lang` is unknown)."""
    return CONVENTIONS[normalise_language(lang)]


def category_label(key: str, lang: str) -> str:
    """Return the translated name of a shop category (the key itself when it is not in the list)."""
    return t(f"category.{key}", lang) if key in BY_KEY else str(key)


def family_label(key: str, lang: str) -> str:
    """Return the translated name of a category family."""
    return t(f"family.{key}", lang)


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _field_number(value: Any, lang: str) -> Any:
    """Return large whole numbers with thousands separators (10,000,000 or 10 000 000); years stay 2024."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10_000:
        return fmt_int(value, lang)
    return value


def field_message(key: str, lang: str, params: Mapping[str, Any]) -> str:
    """Return the services' message `key` (a `ValidationError` key) in `lang`, formatted with `params`
    and prefixed with the row number when they have one; the key itself when it has no message.

    An unknown `lang` gives the services' own language (English), as str() of the error does."""
    texts = FIELD_MESSAGES.get(key)
    if texts is None:
        return key
    lang = lang if lang in LANGUAGES else SERVICES_LANGUAGE
    shown = {name: _field_number(value, lang) for name, value in params.items()}
    text = texts[lang].format_map(_Blank(shown))
    if "row" in params:
        text = FIELD_MESSAGES["row.prefix"][lang].format(row=params["row"]) + text
    return text


# The message naming each field of a shop, a commune, its visits and its history: one map for the
# edit pages' history, the importers' reasons and the refused fields of a form.
FIELD_LABELS = {
    "name": "col.name",
    "category": "col.category",
    "address": "col.address",
    "phone": "col.phone",
    "email": "edit.email",
    "website": "col.website",
    "online_shop_url": "col.online_shop",  # as the edit page's field is labelled
    "opening_hours": "col.opening_hours",
    "social_links": "edit.social_links",
    "osm_id": "edit.osm_id",
    "population": "col.population",
    "population_year": "commune_edit.population_year",
    "shop_units": "commune_edit.shop_units",
    "joined_on": "col.joined_on",
    "visits": "col.visits",
    "unique_visitors": "commune_edit.unique_visitors",
    "description": "edit.description",
    **{mode: f"mode.{mode}" for mode in TRADE_MODES},
    **{
        field: f"history.field_{field}"
        for field in (
            "commune_code",
            "latitude",
            "longitude",
            "siret",
            "left_on",
            "price",
            "event_date",
            "kind",
            "archived_at",
        )
    },
}


def field_label(field: str, lang: str) -> str:
    """Return the name of a field in the reader's language (« Téléphone », "Phone"); an unknown
    field as it is."""
    return t(FIELD_LABELS[field], lang) if field in FIELD_LABELS else field


def field_line(field: str, message: str, lang: str) -> str:
    """Return one line of the list of refused fields ("- **phone** : ..." in French)."""
    return f"- **{field}**{conventions(lang).colon}{message}"


def _reason_value(name: str, value: Any, lang: str) -> Any:
    if hasattr(value, "said"):  # a reason within a reason (importers.Reason)
        return value.said(lang)
    if isinstance(value, dt.date):
        return fmt_month(value, lang) if name.endswith("month") else fmt_input_date(value, lang)
    return _field_number(value, lang)


def reason_message(key: str, lang: str, params: Mapping[str, Any]) -> str:
    """Return an importer's reason or file problem `key` in `lang`, formatted with `params` (dates
    short, months in words, large numbers grouped); an unknown `lang` gives English, the commands'
    language."""
    lang = lang if lang in LANGUAGES else SERVICES_LANGUAGE
    return MESSAGES[key][lang].format_map({name: _reason_value(name, v, lang) for name, v in params.items()})


def _locale(lang: str) -> str:
    return conventions(lang).locale


def _missing(value: object) -> bool:
    return value is None or value != value  # NaN is the one value not equal to itself


def fmt_int(value: float | None, lang: str) -> str:
    """Return a whole number with the language's grouping (8 219 in French, 8,219 in English)."""
    if _missing(value):
        return "—"
    return format_decimal(round(value), format="#,##0", locale=_locale(lang))


def fmt_signed(value: int | None, lang: str) -> str:
    """Return a whole number with an explicit sign (+3, −2, 0)."""
    if _missing(value):
        return "—"
    text = fmt_int(abs(value), lang)
    return f"+{text}" if value > 0 else (f"−{text}" if value < 0 else text)


def fmt_decimal(value: float | None, lang: str, digits: int = 2) -> str:
    """Return a decimal number with the language's separators (0,85 in French)."""
    if _missing(value):
        return "—"
    pattern = "#,##0." + "0" * digits if digits else "#,##0"
    return format_decimal(value, format=pattern, locale=_locale(lang))


def fmt_percent(value: float | None, lang: str, digits: int = 0) -> str:
    """Return a share (0.345) as a percentage (35 % in French, 35% in English)."""
    if _missing(value):
        return "—"
    pattern = Locale.parse(_locale(lang)).percent_formats[None].pattern  # "#,##0 %" in French
    if digits:
        pattern = pattern.replace("#,##0", "#,##0." + "0" * digits)
    return format_percent(value, format=pattern, locale=_locale(lang))


def fmt_date(value: dt.date, lang: str) -> str:
    """Return a date in the language's long form (26 novembre 2026, 1er décembre 2026, 26 November 2026)."""
    if value.day == 1 and normalise_language(lang) == "fr":  # French writes the first of a month 1er
        return "1er " + format_date(value, format="MMMM y", locale=_locale(lang))
    return format_date(value, format="long", locale=_locale(lang))


def fmt_short_date(value: dt.date | None, lang: str) -> str:
    """Return a date in the language's short numeric form (01/06/2025 in French), `—` when unknown."""
    if _missing(value):
        return "—"
    return format_date(value, format="short", locale=_locale(lang))


def fmt_input_date(value: dt.date | None, lang: str) -> str:
    """Return a date as the date inputs write it (02/12/2026 in French, 2026-12-02 in English): the
    dates of an import's reasons, which the English commands print too."""
    if _missing(value):
        return "—"
    pattern = conventions(lang).date_input_format.replace("DD", "dd").replace("YYYY", "y")
    return format_date(value, format=pattern, locale=_locale(lang))


def fmt_month(value: dt.date, lang: str) -> str:
    """Return a month and year (octobre 2026, October 2026)."""
    return format_date(value, format="LLLL y", locale=_locale(lang))


# The clock the app's readers live by: the network's communes are in metropolitan France. The store
# keeps times in UTC.
READERS_TIMEZONE = ZoneInfo("Europe/Paris")


def fmt_datetime(value: dt.datetime | None, lang: str) -> str:
    """Return a time the store keeps in UTC (naive) as the readers' clock shows it, Europe/Paris, in
    the language's short form (02/12/2026 14:05; 02/12/2026, 14:05); `—` when unknown."""
    if _missing(value):
        return "—"
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return format_datetime(value, format="short", tzinfo=READERS_TIMEZONE, locale=_locale(lang))


def sentence_case(text: str) -> str:
    """Return `text` with its first letter a capital, the rest as written (« Fermeture définitive »)."""
    return text[:1].upper() + text[1:]
