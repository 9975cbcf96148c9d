"""Opening hours in words and open-or-not (wiker_data.opening_hours_text), on hand-written hours."""

import datetime as dt

import pytest

from wiker_data.opening_hours_text import describe, describe_lines, is_open

TUESDAY = dt.date(2026, 12, 1)
SUNDAY = dt.date(2026, 12, 6)


@pytest.mark.parametrize(
    ("hours", "fr", "en"),
    [
        ("Mo-Sa 07:00-19:30", "lun.–sam. 07:00–19:30", "Mon–Sat 07:00–19:30"),
        (
            "Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00",
            "lun.–ven. 09:00–12:00, 14:00–18:00 ; sam. 09:00–12:00",
            "Mon–Fri 09:00–12:00, 14:00–18:00; Sat 09:00–12:00",
        ),
        ("24/7", "24 h/24, 7 j/7", "24/7"),
        ("Mo-Su 00:00-24:00", "24 h/24, 7 j/7", "24/7"),
        # a day closed between open days is said; Monday, closed before the first, is not
        ("Tu-Fr 09:00-18:00; Su 09:00-12:00", "mar.–ven. 09:00–18:00 ; sam. fermé ; dim. 09:00–12:00",
         "Tue–Fri 09:00–18:00; Sat closed; Sun 09:00–12:00"),
        # a run over the weekend is one run, from its first day
        ("We-Mo 06:45-13:30,15:30-19:30", "mer.–lun. 06:45–13:30, 15:30–19:30",
         "Wed–Mon 06:45–13:30, 15:30–19:30"),
        ("Fr-Mo 10:00-18:00; We 10:00-12:00", "ven.–lun. 10:00–18:00 ; mar. fermé ; mer. 10:00–12:00",
         "Fri–Mon 10:00–18:00; Tue closed; Wed 10:00–12:00"),
        ("Fr-Sa 22:00-02:00", "ven.–sam. 22:00–02:00", "Fri–Sat 22:00–02:00"),  # past midnight
        ("Sa 00:00-24:00", "sam. 00:00–24:00", "Sat 00:00–24:00"),
        ("off", "fermé", "closed"),
    ],
)  # fmt: skip
def test_hours_in_words(hours, fr, en):
    assert (describe(hours, "fr"), describe(hours, "en")) == (fr, en)


def test_each_run_of_days_is_a_line():
    assert describe_lines("Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00", "fr") == (
        "lun.–ven. 09:00–12:00, 14:00–18:00",
        "sam. 09:00–12:00",
    )


@pytest.mark.parametrize(
    "hours",
    [
        "sur rendez-vous",  # not the OSM syntax
        "Mo-Fr 09:00-12:00; Jul-Aug Sa 10:00-12:00",  # a week that changes over the year
        'Mo-Fr 09:00-18:00 "sur rendez-vous"',  # a comment the words would lose
    ],
)
def test_hours_that_cannot_be_put_in_one_week_are_shown_as_written(hours):
    assert describe(hours, "fr") == hours
    assert describe(f"  {hours} ", "en") == hours


@pytest.mark.parametrize("hours", [None, "", "   "])
def test_missing_hours_are_a_dash(hours):
    assert describe(hours, "fr") == "—"


@pytest.mark.parametrize(
    ("hours", "at", "expected"),
    [
        ("Mo-Sa 07:00-19:30", dt.datetime.combine(TUESDAY, dt.time(8, 0)), True),
        ("Mo-Sa 07:00-19:30", dt.datetime.combine(SUNDAY, dt.time(10, 0)), False),
        ("Mo-Sa 07:00-19:30", dt.datetime.combine(TUESDAY, dt.time(6, 59)), False),
        ("Mo-Sa 07:00-19:30", dt.datetime.combine(TUESDAY, dt.time(19, 30)), False),  # the end is excluded
        ("Mo-Fr 09:00-12:00,14:00-18:00", dt.datetime.combine(TUESDAY, dt.time(13, 0)), False),  # lunch
        ("Mo-Fr 09:00-12:00,14:00-18:00", dt.datetime.combine(TUESDAY, dt.time(14, 0)), True),
        ("Mo 22:00-02:00", dt.datetime.combine(TUESDAY, dt.time(1, 30)), True),  # Monday night
        ("24/7", dt.datetime.combine(SUNDAY, dt.time(3, 0)), True),
        ("sur rendez-vous", dt.datetime.combine(TUESDAY, dt.time(8, 0)), None),
        ("Mo-Sa unknown", dt.datetime.combine(TUESDAY, dt.time(8, 0)), None),
        (None, dt.datetime.combine(TUESDAY, dt.time(8, 0)), None),
        ("", dt.datetime.combine(TUESDAY, dt.time(8, 0)), None),
    ],
)
def test_is_open(hours, at, expected):
    assert is_open(hours, at) is expected
