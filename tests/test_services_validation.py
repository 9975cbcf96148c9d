"""The pure input checks of the service layer: each rule's cleaned value and its one message."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest

from wiker_data.i18n import field_message as message_text
from wiker_data.i18n.validation import MESSAGES
from wiker_data.services import ValidationError, records
from wiker_data.services import validation as v

TODAY = dt.date(2025, 3, 15)
DONGES = (47.318844, -2.074571)


def error_of(function, *args, **kwargs) -> tuple[dict[str, str], dict]:
    with pytest.raises(ValidationError) as raised:
        function(*args, **kwargs)
    return raised.value.errors, raised.value.params


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("02 40 45 12 34", "+33 2 40 45 12 34"),
        ("0240451234", "+33 2 40 45 12 34"),
        ("02.40.45.12.34", "+33 2 40 45 12 34"),
        ("+33 2 40 45 12 34", "+33 2 40 45 12 34"),
        ("+33 (0)2 40 45 12 34", "+33 2 40 45 12 34"),
        ("06 12 34 56 78", "+33 6 12 34 56 78"),
        ("", None),
        (None, None),
    ],
)
def test_french_phone_numbers_are_stored_in_one_format(typed, stored):
    assert v.clean_phone(typed) == stored


@pytest.mark.parametrize(
    "typed", ["12345", "02 40 45 12", "not a number", "+33 2 40 45 12 34 56 78", 240451234]
)
def test_invalid_phone_numbers_are_refused(typed):
    assert error_of(v.clean_phone, typed)[0] == {"phone": "phone.invalid"}


def test_email_is_checked_for_syntax_and_normalised_without_network():
    assert v.clean_email(" Contact@Boulangerie.FR ") == "Contact@boulangerie.fr"
    # A domain that does not exist passes: deliverability is not checked.
    assert v.clean_email("a@no-such-domain-wiker.fr") == "a@no-such-domain-wiker.fr"
    for bad in ("contact@", "contact.boulangerie.fr", "a b@c.fr", "a@b"):
        assert error_of(v.clean_email, bad)[0] == {"email": "email.invalid"}


@pytest.mark.parametrize(
    "bad",
    [
        "javascript:alert(1)",
        "ftp://files.example.fr",
        "www.example.fr",
        "https://",
        "data:text/html,<b>x</b>",
    ],
)
def test_only_http_and_https_links_are_accepted(bad):
    assert v.clean_url(" https://boulangerie.fr/ ", "website") == "https://boulangerie.fr/"
    assert error_of(v.clean_url, bad, "website")[0] == {"website": "url.invalid"}


@pytest.mark.parametrize(
    "bad",
    ["https://mairie-donges.fr@evil.example", "https://admin:secret@mairie-donges.fr/", " http://@x.fr"],
)
def test_a_link_with_a_user_part_is_refused_for_it_hides_the_real_site(bad):
    assert error_of(v.clean_url, bad, "website")[0] == {"website": "url.user_part"}
    assert v.clean_url("https://mairie-donges.fr/contact?mail=a@b.fr", "website")  # an @ after the host


def test_a_link_longer_than_500_characters_is_refused():
    link = "https://example.fr/" + "a" * 482  # 501 characters
    errors, params = error_of(v.clean_url, link, "website")
    assert errors == {"website": "text.too_long"}
    assert params == {"website": {"max": 500, "length": 501}}


def test_social_links_come_from_a_list_or_one_per_line_and_each_is_checked():
    assert v.clean_social_links("https://a.fr\nhttps://b.fr\nhttps://a.fr") == [
        "https://a.fr",
        "https://b.fr",
    ]
    errors, params = error_of(v.clean_social_links, ["https://a.fr", "javascript:x()"])
    assert errors == {"social_links": "social_links.invalid"}
    assert params["social_links"]["position"] == 2
    many = [f"https://a{i}.fr" for i in range(11)]
    assert error_of(v.clean_social_links, many)[0] == {"social_links": "social_links.too_many"}


def test_one_degree_of_latitude_is_111_km():
    # 6371.0088 km × π / 180
    assert v.haversine_km(47.0, -2.0, 48.0, -2.0) == pytest.approx(111.195, abs=0.001)


def test_position_needs_both_coordinates_within_15_km_of_the_centre():
    assert v.clean_position(None, "", DONGES) == (None, None)
    assert v.clean_position("47,3188", "-2.0745", DONGES) == (47.3188, -2.0745)
    assert error_of(v.clean_position, 47.3, None, DONGES)[0] == {"position": "position.both_or_neither"}
    assert error_of(v.clean_position, 95, -2.0, DONGES)[0] == {"latitude": "latitude.range"}
    assert error_of(v.clean_position, 47.3, "west", DONGES)[0] == {"longitude": "number.invalid"}
    # Nantes' centre, about 40 km east of Donges.
    errors, params = error_of(v.clean_position, 47.2184, -1.5536, DONGES)
    assert errors == {"position": "position.too_far"}
    assert 38 < params["position"]["distance_km"] < 42
    # 0.13° of latitude north is 14.5 km: inside; 0.14° is 15.6 km: outside.
    assert v.clean_position(DONGES[0] + 0.13, DONGES[1], DONGES)[0] == DONGES[0] + 0.13
    assert error_of(v.clean_position, DONGES[0] + 0.14, DONGES[1], DONGES)[0] == {
        "position": "position.too_far"
    }
    # Without a known centre only the ranges are checked.
    assert v.clean_position(43.3, 5.4, None) == (43.3, 5.4)


def test_name_is_required_stripped_and_bounded():
    cleaned = records.clean_shop({"commune_code": "44052", "name": "  Au Bon Pain  ", "category": "bakery"})
    assert cleaned == {"commune_code": "44052", "name": "Au Bon Pain", "category": "bakery"}
    assert error_of(records.clean_shop, {"commune_code": "44052", "name": "   ", "category": "bakery"})[
        0
    ] == {"name": "required"}
    errors = error_of(records.clean_shop, {"commune_code": "44052", "name": "x" * 201, "category": "bakery"})[
        0
    ]
    assert errors == {"name": "text.too_long"}


def test_every_bad_field_of_a_shop_gets_its_own_message():
    values = {
        "commune_code": "99999",
        "name": "",
        "category": "bakeryy",
        "phone": "123",
        "email": "x@",
        "website": "ftp://x.fr",
        "address": "a" * 301,
        "opening_hours": "h" * 501,
        "in_store": "yes",
        "siret": "123",
        "osm_id": "123",
        "colour": "red",
    }
    errors, _ = error_of(records.clean_shop, values, commune_known=False)
    assert errors == {
        "colour": "field.unknown",
        "commune_code": "commune.unknown",
        "name": "required",
        "category": "category.unknown",
        "address": "text.too_long",
        "phone": "phone.invalid",
        "email": "email.invalid",
        "website": "url.invalid",
        "opening_hours": "text.too_long",
        "in_store": "bool.invalid",
        "siret": "siret.invalid",
        "osm_id": "osm_id.invalid",
    }


def test_a_partial_shop_change_checks_only_the_fields_given():
    assert records.clean_shop({"delivery": True}, partial=True) == {"delivery": True}


@pytest.mark.parametrize(
    ("latest", "kind", "key"),
    [
        (None, "closed", "status.first_must_be_opened"),
        (None, "reopened", "status.first_must_be_opened"),
        (("opened", dt.date(2020, 1, 1)), "opened", "status.opened_not_first"),
        (("closed", dt.date(2020, 1, 1)), "closed", "status.closed_not_open"),
        (("opened", dt.date(2020, 1, 1)), "reopened", "status.reopened_not_closed"),
        (("closed", dt.date(2020, 1, 1)), "temporarily_closed", "status.temporarily_closed_not_open"),
        (
            ("temporarily_closed", dt.date(2020, 1, 1)),
            "temporarily_closed",
            "status.temporarily_closed_not_open",
        ),
        (("opened", dt.date(2020, 1, 1)), "vanished", "status.kind_unknown"),
        # a recording is a shop's first knowledge, like an opening
        (("opened", dt.date(2020, 1, 1)), "recorded", "status.recorded_not_first"),
        (("recorded", dt.date(2020, 1, 1)), "opened", "status.opened_not_first"),
        (("recorded", dt.date(2020, 1, 1)), "reopened", "status.reopened_not_closed"),
        (("closed", dt.date(2020, 1, 1)), "recorded", "status.recorded_not_first"),
    ],
)
def test_illegal_status_transitions_are_refused(latest, kind, key):
    assert error_of(records.check_status_event, kind, dt.date(2024, 1, 1), latest, TODAY)[0] == {"kind": key}


@pytest.mark.parametrize(
    ("latest", "kind"),
    [
        (None, "opened"),
        (("opened", dt.date(2020, 1, 1)), "closed"),
        (("reopened", dt.date(2020, 1, 1)), "temporarily_closed"),
        (("temporarily_closed", dt.date(2020, 1, 1)), "closed"),
        (("temporarily_closed", dt.date(2020, 1, 1)), "reopened"),
        (("closed", dt.date(2020, 1, 1)), "reopened"),
        (None, "recorded"),
        (("recorded", dt.date(2020, 1, 1)), "closed"),
        (("recorded", dt.date(2020, 1, 1)), "temporarily_closed"),
    ],
)
def test_legal_status_transitions_are_accepted(latest, kind):
    assert records.check_status_event(kind, "2024-01-01", latest, TODAY) == (kind, dt.date(2024, 1, 1))


def test_status_dates_are_not_in_the_future_nor_before_the_latest_event():
    latest = ("opened", dt.date(2024, 6, 1))
    assert records.check_status_event("closed", TODAY, latest, TODAY) == ("closed", TODAY)
    assert records.check_status_event("closed", dt.date(2024, 6, 1), latest, TODAY)[1] == dt.date(2024, 6, 1)
    errors, params = error_of(records.check_status_event, "closed", dt.date(2025, 3, 16), latest, TODAY)
    assert errors == {"event_date": "date.future"}
    assert params == {"event_date": {"today": "2025-03-15"}}
    errors, params = error_of(records.check_status_event, "closed", dt.date(2024, 5, 31), latest, TODAY)
    assert errors == {"event_date": "status.before_latest"}
    assert params == {"event_date": {"latest": "2024-06-01"}}


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("12,50", Decimal("12.50")),
        ("3 €", Decimal("3.00")),
        (0, Decimal("0.00")),
        (1_000_000, Decimal("1000000.00")),
    ],
)
def test_prices_are_euros_with_two_decimals(typed, stored):
    assert v.clean_price(typed) == stored


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("-1", "price.range"),
        ("1000000.01", "price.range"),
        ("abc", "price.invalid"),
        ("1.234", "price.invalid"),
    ],
)
def test_bad_prices_are_refused(typed, key):
    assert error_of(v.clean_price, typed)[0] == {"price": key}


def test_catalogue_item_texts_are_bounded():
    assert (
        records.clean_catalogue_item({"name": "Galette", "description": "d" * 2000})["description"]
        == "d" * 2000
    )
    errors = error_of(records.clean_catalogue_item, {"name": "n" * 201, "description": "d" * 2001})[0]
    assert errors == {"name": "text.too_long", "description": "text.too_long"}
    assert error_of(records.clean_catalogue_item, {"price": "2"})[0] == {"name": "required"}


@pytest.mark.parametrize(
    ("typed", "number"), [(5000, 5000), (5000.0, 5000), ("10 000", 10000), ("0", 0), (10_000_000, 10_000_000)]
)
def test_whole_numbers_come_from_ints_integral_floats_and_digits(typed, number):
    assert v.clean_integer(typed, "visits", 0, v.MAX_VISITS) == number


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        (-1, "integer.range"),
        (10_000_001, "integer.range"),
        (12.5, "integer.invalid"),
        ("12a", "integer.invalid"),
    ],
)
def test_bad_whole_numbers_are_refused(typed, key):
    assert error_of(v.clean_integer, typed, "visits", 0, v.MAX_VISITS)[0] == {"visits": key}


def test_months_are_normalised_to_their_first_day():
    assert v.clean_month("2024-11", "month") == dt.date(2024, 11, 1)
    assert v.clean_month(dt.date(2024, 11, 17), "month") == dt.date(2024, 11, 1)
    assert v.clean_month(dt.datetime(2024, 11, 17, 8, 30), "month") == dt.date(2024, 11, 1)
    assert error_of(v.clean_month, "November", "month")[0] == {"month": "month.invalid"}


def test_messages_exist_in_french_and_english_for_every_key_the_services_use():
    modules = [path for path in Path(v.__file__).parent.glob("*.py") if path.name != "messages.py"]
    source = "\n".join(path.read_text() for path in modules)
    used = set(re.findall(r'"([a-z_]+\.[a-z_]+)"', source)) | {"required", "siret.taken", "osm_id.taken"}
    assert used <= MESSAGES.keys()
    for key, texts in MESSAGES.items():
        assert texts.keys() == {"fr", "en"}, key


def test_a_message_is_formatted_in_the_language_asked_with_its_row():
    params = {"row": 3, "min": 0, "max": 10_000_000}
    assert (
        message_text("integer.range", "en", params) == "Row 3: Expected a whole number from 0 to 10,000,000."
    )
    assert message_text("integer.range", "fr", params) == (
        "Ligne 3 : Nombre entier de 0 à 10\u202f000\u202f000 attendu."
    )
    error = ValidationError({"name": "text.too_long"}, {"name": {"max": 200, "length": 10_000}})
    assert error.messages() == {"name": "Too long: 10,000 characters, at most 200."}
    assert error.message("name", "fr") == "Trop long : 10\u202f000 caractères pour 200 au plus."


@pytest.mark.parametrize(
    "typed",
    ["Bar\r=HYPERLINK(1)", "Bar\x00du port", "\x1b[31mBar", "Bar\x85port", "Bar\x7fport", "Bar\x0bport"],
)
def test_a_text_with_a_control_character_is_refused(typed):
    assert error_of(v.clean_text, typed, "name", 200)[0] == {"name": "text.control_characters"}


def test_tabs_and_line_breaks_stay_and_cr_lf_becomes_lf():
    typed = "Lundi\tfermé\r\nMardi 9h-19h\n"
    assert v.clean_text(typed, "opening_hours", 500) == "Lundi\tfermé\nMardi 9h-19h"
