"""The importers' reasons and file problems (wiker_data/i18n/import_reasons.py): every one the
importers give has French and English, English is what the commands print, and values are written
the reader's way."""

from __future__ import annotations

import datetime as dt
import re
import string
from pathlib import Path

from wiker_data import i18n
from wiker_data.i18n import import_reasons
from wiker_data.importers import ErrorWords, EventWords, ImportFailed, Reason, RejectedRow
from wiker_data.services.errors import ValidationError

IMPORTERS = Path(__file__).resolve().parents[1] / "wiker_data" / "importers"
# The keys the importers name: Reason("problem.empty", ...), and keys chosen before (key = "a" if … else "b").
KEY = re.compile(r"""(?:Reason\(\s*|\bkey = |\belse )["']([a-z_]+\.[a-z_0-9]+)["']""")
# A reason or problem written as plain text, which no reader but an English one could read.
PLAIN_TEXT = re.compile(
    r"""(?:ImportFailed\([^,()]+,|RejectedRow\([^,()]+,|_reject\([^,()]+,|notes\.append\()\s*f?["']"""
)
# Fetching from the Overpass API is for the command line alone, which speaks English.
COMMAND_LINE_ONLY = {"overpass.py"}


def used_keys() -> set[str]:
    return {key for path in IMPORTERS.glob("*.py") for key in KEY.findall(path.read_text(encoding="utf-8"))}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_the_importers_use_has_french_and_english_with_the_same_values():
    used = used_keys()
    assert len(used) > 80, "the scan found too few keys: the pattern is broken"
    assert sorted(used - set(i18n.MESSAGES)) == []
    for key in used:
        texts = i18n.MESSAGES[key]
        assert texts["fr"].strip() and texts["en"].strip(), key
        assert placeholders(texts["fr"]) == placeholders(texts["en"]), key


def test_every_reason_of_the_catalogue_is_used_by_an_importer():
    assert sorted(set(import_reasons.MESSAGES) - used_keys()) == []


def test_no_importer_gives_a_reason_as_plain_english_text():
    found = [
        f"{path.name}: {match.group(0)}"
        for path in IMPORTERS.glob("*.py")
        if path.name not in COMMAND_LINE_ONLY
        for match in PLAIN_TEXT.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_plain_text_scan_finds_what_it_looks_for():
    caught = [
        'raise ImportFailed(path, f"lacks the column(s) {names}")',
        'raise ImportFailed(\n    path, "is empty"\n)',
        'plan.rejected.append(RejectedRow(number, f"{code} is already on row {row}"))',
        'self._reject(incoming, "a status date is in the future")',
        'notes.append(f"{key} is not a date")',
    ]
    assert [text for text in caught if not PLAIN_TEXT.search(text)] == []
    assert not PLAIN_TEXT.search('raise ImportFailed(path, Reason("problem.empty"))')


def test_a_reason_is_english_text_for_the_commands_and_french_for_a_french_reader():
    reason = Reason("problem.lacks_column", columns="siret", kind=Reason("word.sirene_file"))
    assert reason == "lacks the column(s) siret: is it a SIRENE StockEtablissement file?"
    assert (
        reason.said("fr")
        == "il manque la colonne siret : est-ce bien un fichier StockEtablissement de SIRENE ?"
    )
    assert reason.said("en") == reason
    assert str(ImportFailed("data/stock.csv", reason)) == f"data/stock.csv: {reason}"
    assert ImportFailed("data/stock.csv", reason).said("fr").startswith("il manque la colonne siret")


def test_a_rejected_row_says_its_reason_and_equals_its_english_text():
    row = RejectedRow(3, Reason("reason.not_a_year", column="annee", text="'20x4'"))
    assert row == RejectedRow(3, "annee '20x4' is not a year")
    assert str(row) == "row 3: annee '20x4' is not a year"
    assert row.said("fr") == "annee '20x4' n'est pas une année"
    assert RejectedRow(4, "as written").said("fr") == "as written"  # a reason without key stays as it is


def test_dates_months_and_large_numbers_are_written_the_readers_way():
    closed = Reason("reason.closed_before_opened", closed=dt.date(2020, 1, 1), opened=dt.date(2021, 3, 15))
    assert closed.said("fr") == "fermé le 01/01/2020 (dateDebut), avant son ouverture le 15/03/2021"
    assert closed == "closed on 2020-01-01 (dateDebut), before it opened on 2021-03-15"
    month = Reason("reason.month_above_max", month=dt.date(2024, 5, 1), max=10_000_000)
    assert month.said("fr") == "mai 2024 dépasse au total 10\u202f000\u202f000 visites"
    assert month == "May 2024 adds up to more than 10,000,000 visits"
    assert (
        Reason("reason.already_on_row", what="44052 2024", row=2).said("fr")
        == "44052 2024 est déjà à la ligne 2"
    )


def test_a_reason_within_a_reason_is_said_in_the_same_language():
    separators = Reason("word.separators", tab=Reason("word.tab"), others="';', ','")
    assert separators == "';', ',', tab"
    assert separators.said("fr") == "';', ',', tabulation"


def test_a_row_the_services_refuse_names_its_fields_in_the_readers_language():
    error = ValidationError.one("phone", "phone.invalid")
    reason = Reason("reason.fields", fields=ErrorWords(error))
    assert reason.said("fr") == "Téléphone : Numéro de téléphone invalide (ex. 02 40 45 12 34)."
    assert reason == "Phone: Not a valid phone number (e.g. 02 40 45 12 34)."


def test_status_events_in_a_reason_are_said_with_the_apps_words():
    events = EventWords((("opened", dt.date(2020, 3, 1)), ("closed", dt.date(2019, 5, 2))))
    reason = Reason("reason.history_impossible", events=events)
    assert (
        reason.said("fr")
        == "l'historique de statuts ouverture 01/03/2020, fermeture définitive 02/05/2019 est impossible"
    )
    assert reason == "status history opened 2020-03-01, closed for good 2019-05-02 is not possible"
