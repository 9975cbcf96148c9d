"""How the status events a source implies merge with a shop's own history."""

from __future__ import annotations

import datetime as dt

import pytest

from wiker_data.importers.histories import events_to_add, is_legal


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


OPENED = ("opened", d("2010-01-01"))
CLOSED = ("closed", d("2020-03-17"))
REOPENED = ("reopened", d("2020-06-02"))
CLOSED_AGAIN = ("closed", d("2024-05-31"))
RECORDED = ("recorded", d("2015-06-01"))


@pytest.mark.parametrize(
    ("existing", "wanted", "added"),
    [
        ([], [OPENED, CLOSED], [OPENED, CLOSED]),  # a new shop takes the whole history
        ([OPENED], [OPENED], []),  # already there: nothing twice
        ([OPENED, CLOSED_AGAIN], [CLOSED, REOPENED], [CLOSED, REOPENED]),  # slotted in before the latest
        ([("opened", d("2010-03-01"))], [OPENED, CLOSED], [CLOSED]),  # the shop's own opening stands
        ([OPENED, CLOSED], [CLOSED_AGAIN], None),  # closed twice in a row: cannot merge
        ([], [CLOSED], None),  # a history must start with an opening
        ([], [RECORDED, CLOSED], [RECORDED, CLOSED]),  # ... or a recording
        ([RECORDED], [CLOSED, REOPENED], [CLOSED, REOPENED]),  # a recorded shop closes and reopens
        ([OPENED], [RECORDED], []),  # a shop with a history is not recorded again
        ([RECORDED], [("recorded", d("2024-11-30"))], []),  # the first recording stands
    ],
)
def test_events_merge_only_into_a_legal_history(existing, wanted, added):
    assert events_to_add(existing, wanted) == added


def test_a_history_is_legal_when_it_follows_the_status_rules():
    assert is_legal([OPENED, CLOSED, REOPENED, CLOSED_AGAIN])
    assert not is_legal([OPENED, REOPENED])  # reopened without being closed
    assert not is_legal([OPENED, ("closed", d("2009-12-31"))])  # back in time
