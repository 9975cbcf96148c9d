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


def test_counts_and_shares_of_each_item(session):
    by_category = presence.counts(session, AS_OF, "44052", "category").set_index("category")
    # bakery: always_open, catalogue_only, first_day, day_before; lockdown and reopened elsewhere
    assert by_category.loc["bakery", "shops"] == 4
    assert by_category.loc["bakery", ["website", "catalogue", "score", "online", "to_call"]].tolist() == [
        *(1, 1, 2, 2, 2)
    ]
    total = presence.total(by_category)
    assert total["shops"] == 6 and total["to_call"] == 4
    assert total[["website", "catalogue", "remote_trade", "phone_listed", "social"]].tolist() == [
        1,
        1,
        1,
        0,
        0,
    ]
    overall = presence.shares(total.to_frame().T).iloc[0]
    assert overall["website"] == pytest.approx(1 / 6)
    assert overall["score"] == pytest.approx(3 / 6)  # the mean score
    assert overall["online"] == pytest.approx(2 / 6)
    assert presence.shares(by_category).loc["bakery", "website"] == pytest.approx(1 / 4)


def test_the_network_counts_per_commune_add_up_to_each_communes_own(session):
    network = presence.counts(session, AS_OF, None, "commune_code").set_index("commune_code")
    for code in network.index:
        own = presence.total(presence.counts(session, AS_OF, code, "category"))
        assert network.loc[code, list(presence.COUNT_COLUMNS)].tolist() == own.tolist()
    assert network.loc["44052", "shops"] == 6


def test_no_open_shop_counts_nothing(session):
    import datetime as dt

    counts = presence.counts(session, dt.date(1900, 1, 1), "44052", "category")
    assert counts.empty and presence.total(counts)["shops"] == 0


def test_call_list_puts_the_most_incomplete_first(session):
    calls = presence.call_list(session, AS_OF, "44052")
    assert list(calls["name"]) == ["day_before", "first_day", "reopened", "lockdown"]
    assert calls.iloc[-1]["missing"] == [item for item in presence.ITEMS if item != "remote_trade"]


def test_the_call_list_comes_a_page_at_a_time(session):
    assert list(presence.call_list(session, AS_OF, "44052", limit=2)["name"]) == ["day_before", "first_day"]
    second = presence.call_list(session, AS_OF, "44052", limit=2, offset=2)
    assert list(second["name"]) == ["reopened", "lockdown"]
    assert presence.call_list(session, AS_OF, "44052", limit=2, offset=4).empty


def test_hostile_text_is_kept_as_text(session):
    from tests.builders import add_shop

    add_shop(session, name="=cmd()", phone="+33 2 40 00 00 00", events=(("2020-01-01", "opened"),))
    session.commit()
    calls = presence.call_list(session, AS_OF, "44052")
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
    calls = presence.call_list(session, AS_OF, "44052")
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
