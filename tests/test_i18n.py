import datetime as dt
import re
import string
from pathlib import Path

import pytest

from wiker_data import i18n
from wiker_data.categories import CATEGORIES, FAMILIES
from wiker_data.models import TRADE_MODES, EventKind
from wiker_data.queries import presence

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [
    ROOT / "dashboard.py",
    *ROOT.glob("pages/*.py"),
    *ROOT.glob("wiker_ui/*.py"),
    *ROOT.glob("wiker_data/**/*.py"),
]
I18N_DIR = ROOT / "wiker_data" / "i18n"
CATALOGUES = {module.__name__.rsplit(".", 1)[-1]: module for module in i18n.CATALOGUES}
CATALOGUE_ENTRIES = [(name, key) for name, module in CATALOGUES.items() for key in module.MESSAGES]
LITERAL_KEY = re.compile(r"""\bt\(\s*["']([a-z_]+\.[a-z_0-9]+)["']""")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize(("catalogue", "key"), CATALOGUE_ENTRIES)
def test_every_message_has_both_languages_with_the_same_placeholders(catalogue, key):
    message = CATALOGUES[catalogue].MESSAGES[key]
    assert set(message) == set(i18n.LANGUAGES)
    assert all(text.strip() for text in message.values())
    assert placeholders(message["fr"]) == placeholders(message["en"])


def test_every_key_the_code_asks_for_exists():
    used = {key for path in SOURCES for key in LITERAL_KEY.findall(path.read_text(encoding="utf-8"))}
    assert used, "the scan found no key: the pattern is broken"
    assert sorted(used - set(i18n.MESSAGES)) == []


def test_keys_built_at_run_time_exist():
    built = [f"mode.{m}" for m in TRADE_MODES]
    built += [f"status.{s}" for s in ("open", "temporarily_closed", "closed", "not_open_yet")]
    built += [f"language.{code}" for code in i18n.LANGUAGES]
    built += [f"map.online_{choice}" for choice in ("any", "yes", "no")]
    built += [f"event.{kind}" for kind in EventKind]
    built += [f"activity.recorded_{number}" for number in ("one", "many")]
    built += [f"presence.reach_{reach}" for reach in presence.REACH]
    built += [f"presence.group_{group}" for group in presence.GROUPS]
    assert [key for key in built if key not in i18n.MESSAGES] == []


def test_every_category_and_family_has_both_names():
    for category in CATEGORIES:
        assert i18n.category_label(category.key, "fr") and i18n.category_label(category.key, "en")
    for family in FAMILIES:
        assert i18n.family_label(family.key, "fr") and i18n.family_label(family.key, "en")


def test_every_category_and_family_key_has_a_catalogue_entry_in_every_language():
    wanted = {f"category.{c.key}" for c in CATEGORIES} | {f"family.{f.key}" for f in FAMILIES}
    assert set(i18n.categories.MESSAGES) == wanted
    for key in sorted(wanted):
        assert set(i18n.MESSAGES[key]) == set(i18n.LANGUAGES), key
        assert all(text.strip() for text in i18n.MESSAGES[key].values()), key
    assert i18n.category_label("bakery", "fr") == "Boulangerie-pâtisserie"
    assert i18n.category_label("bakery", "en") == "Bakery"
    assert i18n.family_label("eat_drink", "fr") == "Cafés et restaurants"
    assert i18n.family_label("eat_drink", "en") == "Cafés and restaurants"
    assert i18n.category_label("not_a_category", "en") == "not_a_category"


def test_every_catalogue_module_is_assembled():
    modules = {path.stem for path in I18N_DIR.glob("*.py")} - {"__init__", "conventions"}
    assert set(CATALOGUES) == modules


def test_every_language_has_its_conventions():
    assert set(i18n.CONVENTIONS) == set(i18n.LANGUAGES)
    assert set(i18n.LOCALES) == set(i18n.LANGUAGES)
    assert i18n.DEFAULT_LANGUAGE in i18n.LANGUAGES
    assert i18n.conventions("fr").date_input_format == "DD/MM/YYYY"
    assert i18n.conventions("en").date_input_format == "YYYY-MM-DD"
    separators = (i18n.conventions("fr").plotly_separators, i18n.conventions("en").plotly_separators)
    assert separators == (", ", ".,")
    assert (i18n.conventions("fr").colon, i18n.conventions("en").colon) == (" : ", ": ")
    assert (i18n.conventions("fr").locale, i18n.conventions("en").locale) == ("fr_FR", "en_GB")
    assert i18n.field_line("phone", "Numéro invalide.", "fr") == "- **phone** : Numéro invalide."
    assert i18n.field_line("phone", "Not valid.", "en") == "- **phone**: Not valid."


# A language code compared, used as a dict key, a default or an argument, or a label per language.
LANGUAGE_CODE = r"""["'](?:fr|en)["']"""
LANGUAGE_PATTERNS = [
    re.compile(pattern)
    for pattern in (
        rf"[=!]=\s*{LANGUAGE_CODE}",
        rf"{LANGUAGE_CODE}\s*[=!]=",
        rf"{LANGUAGE_CODE}\s+if\b",
        rf"{LANGUAGE_CODE}\s*:",
        r"\blang\w*\s*(?:==|!=|\bin\b|\bnot in\b|\bis\b)",
        r"(?:==|!=)\s*\w*\.?lang\b",
        rf"\blang\w*\s*(?::\s*\w+\s*)?=\s*{LANGUAGE_CODE}",
        rf"[(,]\s*{LANGUAGE_CODE}\s*\)",
        rf"\(\s*{LANGUAGE_CODE}\s*,",
        rf"{LANGUAGE_CODE}\s*,\s*{LANGUAGE_CODE}",
        r"\blabel_(?:fr|en)\b",
    )
]


def language_code_uses(text: str) -> list[tuple[int, str]]:
    return [
        (number, line.strip())
        for number, line in enumerate(text.splitlines(), start=1)
        if any(pattern.search(line) for pattern in LANGUAGE_PATTERNS)
    ]


def test_the_language_scan_finds_what_it_looks_for():
    caught = [
        'if lang == "fr":',
        "x = 'T' if lang == 'fr' else 'Q'",
        'separators=", " if ctx.lang != "en" else ".,"',
        'SEPARATORS = {"fr": ", ", "en": ".,"}',
        'def report_pdf(report, lang: str = "fr"):',
        'parser.add_argument("--lang", choices=("fr", "en"), default="fr")',
        'error.messages("en")',
        'build_shop_map(shops, "fr")',
        "name = category.label_fr",
        'caption = "fr" if reader else "en"',
    ]
    assert [line for line in caught if not language_code_uses(line)] == []
    assert language_code_uses('_SMALL_WORDS = {"de", "du", "et", "en", "au"}') == []
    assert language_code_uses('t("sidebar.language", lang)') == []


def test_no_language_code_is_compared_or_written_outside_i18n():
    sources = [
        ROOT / "dashboard.py",
        *ROOT.glob("pages/**/*.py"),
        *ROOT.glob("wiker_ui/**/*.py"),
        *ROOT.glob("wiker_data/**/*.py"),
        *ROOT.glob("bench/**/*.py"),
    ]
    assert len(sources) > 20, "the scan found too few files: the globs are broken"
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line}"
        for path in sources
        if I18N_DIR not in path.parents
        for number, line in language_code_uses(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_unknown_language_falls_back_to_french():
    assert i18n.t("nav.map", "de") == "Carte des commerces"


@pytest.mark.parametrize(
    ("function", "value", "fr", "en"),
    [
        (i18n.fmt_int, 8219, "8\u202f219", "8,219"),
        (i18n.fmt_int, None, "—", "—"),
        (i18n.fmt_signed, -3, "−3", "−3"),
        (i18n.fmt_signed, 12, "+12", "+12"),
        (i18n.fmt_decimal, 0.75, "0,75", "0.75"),
        (i18n.fmt_percent, 0.25, "25\u00a0%", "25%"),
        (i18n.fmt_month, dt.date(2024, 12, 1), "décembre 2024", "December 2024"),
        (i18n.fmt_short_date, dt.date(2026, 10, 15), "15/10/2026", "15/10/2026"),
        (i18n.fmt_short_date, None, "—", "—"),
        # the store's UTC: 13:05 in December is 14:05 in Paris (UTC+1), in July 15:05 (UTC+2)
        (i18n.fmt_datetime, dt.datetime(2026, 12, 2, 13, 5), "02/12/2026 14:05", "02/12/2026, 14:05"),
        (i18n.fmt_datetime, dt.datetime(2026, 7, 2, 13, 5), "02/07/2026 15:05", "02/07/2026, 15:05"),
        (i18n.fmt_datetime, None, "—", "—"),
    ],
)
def test_numbers_and_dates_follow_the_language(function, value, fr, en):
    assert function(value, "fr") == fr
    assert function(value, "en") == en


@pytest.mark.parametrize(
    ("day", "lang", "expected"),
    [
        (dt.date(2026, 11, 1), "fr", "1er novembre 2026"),  # as a French town hall writes it
        (dt.date(2026, 11, 2), "fr", "2 novembre 2026"),
        (dt.date(2026, 11, 1), "en", "1 November 2026"),
    ],
)
def test_the_first_of_a_month_is_1er_in_french(day, lang, expected):
    from wiker_data.i18n import fmt_date

    assert fmt_date(day, lang) == expected


def test_sentence_case_capitalises_the_first_letter_only():
    assert i18n.sentence_case("fermeture définitive") == "Fermeture définitive"
    assert i18n.sentence_case("") == ""
