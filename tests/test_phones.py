import pytest

from wiker_data.phones import national_phone


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("+33 2 40 01 59 18", "02 40 01 59 18"),
        ("+33240015918", "02 40 01 59 18"),
        ("02.40.01.59.18", "02 40 01 59 18"),
        ("+33 6 12 34 56 78", "06 12 34 56 78"),
    ],
)
def test_a_french_number_is_shown_in_the_national_format(stored, shown):
    assert national_phone(stored) == shown


def test_a_foreign_number_stays_international():
    assert national_phone("+44 20 7946 0958") == "+44 20 7946 0958"
    assert national_phone("+4420 79460958") == "+44 20 7946 0958"


@pytest.mark.parametrize("blank", [None, "", "   ", float("nan")])
def test_a_blank_number_is_empty(blank):
    assert national_phone(blank) == ""


@pytest.mark.parametrize("unreadable", ["appeler la mairie", "12", "+33 1"])
def test_an_unreadable_number_is_returned_as_it_is(unreadable):
    assert national_phone(unreadable) == unreadable
