"""How each language writes what is not a message: its locale, its separators, its date
format, its colon. The one place, with the catalogues, that a new language touches.

`i18n` re-exports these; the rest of the code asks `i18n.conventions(lang)` (or one of
i18n's helpers) instead of comparing language codes.
"""

from __future__ import annotations

from dataclasses import dataclass

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"
# The language the services' messages are written in when no reader is known (str() of a
# ValidationError, an import's reasons) and the one they fall back to for an unknown code.
SERVICES_LANGUAGE = "en"
# The language of the French registers (SIRENE): a shop named from them is named in it.
REGISTER_LANGUAGE = "fr"


@dataclass(frozen=True)
class Conventions:
    locale: str  # Babel's locale
    plotly_separators: str  # plotly's decimal then thousands separator
    date_input_format: str  # the format of Streamlit's date_input
    colon: str  # between a label and its value
    quarter_letter: str  # the letter before a quarter's number (T1 2024, Q1 2024)
    csv_separator: str  # between a CSV's fields: the one the language's spreadsheets open by default
    month_column_format: str = "YYYY-MM"  # a month in a table's date column (11/2026 in French)


CONVENTIONS: dict[str, Conventions] = {
    "fr": Conventions(
        locale="fr_FR",
        plotly_separators=", ",
        date_input_format="DD/MM/YYYY",
        colon=" : ",
        quarter_letter="T",
        csv_separator=";",  # Excel and LibreOffice in French read "," as the decimal comma
        month_column_format="MM/YYYY",
    ),
    "en": Conventions(
        locale="en_GB",
        plotly_separators=".,",
        date_input_format="YYYY-MM-DD",
        colon=": ",
        quarter_letter="Q",
        csv_separator=",",
    ),
}
LOCALES = {lang: conventions.locale for lang, conventions in CONVENTIONS.items()}
