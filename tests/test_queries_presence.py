"""The online-presence audit on the hand-worked fixture store, as of 2024-12-31.

Donges' open shops and what they tick (the builder leaves phone, e-mail, hours and social empty):
  always_open     website                         score 1, online
  catalogue_only  catalogue                       score 1, online
  lockdown        click & collect (remote trade)  score 1, not online
  first_day, day_before, reopened                 score 0, not online
"""

import pytest

from tests.fixture_store import AS_OF
from wiker_data.queries import presence


@pytest.fixture
def table(session):
    return presence.checklist(session, AS_OF, "44052").set_index("name")


def test_checklist_of_each_open_shop(table):
    assert sorted(table.index) == [
        "always_open",
        "catalogue_only",
        "day_before",
        "first_day",
        "lockdown",
        "reopened",
    ]
    assert table.loc["always_open", "website"] and table.loc["always_open", "score"] == 1
    assert table.loc["catalogue_only", "catalogue"] and table.loc["catalogue_only", "online"]
    assert table.loc["lockdown", "remote_trade"] and not table.loc["lockdown", "online"]
    assert table["score"].to_dict() == {
        "always_open": 1,
        "catalogue_only": 1,
        "lockdown": 1,
        "first_day": 0,
        "day_before": 0,
        "reopened": 0,
    }


def test_shares_of_each_item(table):
    overall = presence.shares(table.reset_index()).iloc[0]
    assert overall["shops"] == 6
    assert overall["website"] == pytest.approx(1 / 6)
    assert overall["catalogue"] == pytest.approx(1 / 6)
    assert overall["remote_trade"] == pytest.approx(1 / 6)
    assert overall["phone_listed"] == 0 and overall["social"] == 0
    by_category = presence.shares(table.reset_index(), by="category").set_index("category")
    assert by_category.loc["bakery", "shops"] == 4  # always_open, catalogue_only, first_day, day_before
    assert by_category.loc["bakery", "website"] == pytest.approx(1 / 4)


def test_call_list_puts_the_most_incomplete_first(table):
    calls = presence.call_list(table.reset_index())
    assert list(calls["name"]) == ["day_before", "first_day", "reopened", "lockdown"]
    assert calls.iloc[-1]["missing"] == [item for item in presence.ITEMS if item != "remote_trade"]


def test_hostile_text_is_kept_as_text(session):
    from tests.builders import add_shop

    add_shop(session, name="=cmd()", phone="+33 2 40 00 00 00", events=(("2020-01-01", "opened"),))
    session.commit()
    calls = presence.call_list(presence.checklist(session, AS_OF, "44052"))
    assert "=cmd()" in set(calls["name"])


def add_reachable_shops(session):
    """Four more open shops in Donges, none online: by phone, by phone and on a social network, by
    e-mail only, and unreachable."""
    from tests.builders import add_shop

    opened = (("2020-01-01", "opened"),)
    add_shop(session, name="phone_only", phone="+33 2 40 01 59 18", events=opened)
    add_shop(
        session,
        name="phone_social",
        phone="+33240450000",
        social_links=["https://x.example/a"],
        events=opened,
    )
    add_shop(session, name="email_only", email="a@example.org", events=opened)
    add_shop(session, name="zz_nothing", events=opened)
    session.commit()


def test_call_list_puts_the_phones_first_then_the_emails_then_the_others(session):
    add_reachable_shops(session)
    calls = presence.call_list(presence.checklist(session, AS_OF, "44052"))
    # phone: phone_only (no social, score 1) before phone_social (on a social network, score 2);
    # e-mail only; then neither, score 0 by name, then lockdown (score 1)
    assert list(calls["name"]) == [
        "phone_only",
        "phone_social",
        "email_only",
        "day_before",
        "first_day",
        "reopened",
        "zz_nothing",
        "lockdown",
    ]
    assert list(calls["reach"]) == ["phone", "phone", "email", *["none"] * 5]
    assert list(calls["group"]) == ["no_site_no_social", "no_site", *["no_site_no_social"] * 6]
