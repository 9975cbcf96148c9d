"""Phone numbers as a French reader dials them: "02 40 01 59 18" for a French number, the
international form "+44 20 7946 0958" for any other."""

from __future__ import annotations

import phonenumbers

FRANCE = 33


def national_phone(value: str | None) -> str:
    """Return the number in the French national format, "" when blank (None, NaN, spaces), the input
    unchanged when unreadable."""
    if value is None or value != value or not str(value).strip():  # NaN: a missing cell of a frame
        return ""
    text = str(value)
    try:
        number = phonenumbers.parse(text, "FR")
    except phonenumbers.NumberParseException:
        return text
    if not phonenumbers.is_valid_number(number):
        return text
    if number.country_code == FRANCE:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
