"""The history of changes in words (wiker_data/queries/history.py): each kind of audit entry as a
sentence in French and in English, who made it, its source, its time on the Paris clock. The
entries are written as the services write them (JSON values: ISO dates, prices as text)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session

from tests.builders import add_commune, add_shop
from wiker_data.accounts import SignedIn
from wiker_data.models import Account, AccountCommune, AuditEntry
from wiker_data.queries.history import describe, history_table, source_label, who
from wiker_data.services import (
    add_catalogue_item,
    archive_shop,
    history,
    record_status,
    undo,
    update_shop,
    write_transaction,
)


def entry(entity, action="update", before=None, after=None, **fields) -> AuditEntry:
    values = dict(id=1, account_id=2, actor="marie", entity_id="7", source="app", undoes_id=None)
    values.update(fields)
    return AuditEntry(entity=entity, action=action, before=before, after=after, **values)


SHOP_EDIT = entry(
    "shop",
    before={"opening_hours": "Mo-Sa 08:00-19:00", "phone": None, "delivery": False, "version": 3},
    after={
        "opening_hours": "Mo-Fr 09:00-18:00",
        "phone": "+33 2 40 01 59 18",
        "delivery": True,
        "version": 4,
    },
)


def event(kind: str, on: str = "2026-10-15") -> AuditEntry:
    snapshot = {"id": 15672, "shop_id": 67, "event_date": on, "kind": kind, "source": "manual", "note": None}
    return entry("status_event", "create", after=snapshot, entity_id="15672")


CASES = [
    (
        SHOP_EDIT,
        "Horaires : Mo-Sa 08:00-19:00 → Mo-Fr 09:00-18:00 ; Téléphone : — → 02 40 01 59 18 ; "
        "Livraison : non → oui",
        "Opening hours: Mo-Sa 08:00-19:00 → Mo-Fr 09:00-18:00; Phone: — → 02 40 01 59 18; Delivery: no → yes",
    ),
    (
        entry(
            "shop", before={"category": "bakery", "version": 1}, after={"category": "florist", "version": 2}
        ),
        "Catégorie : Boulangerie-pâtisserie → Fleuriste",
        "Category: Bakery → Florist",
    ),
    (event("closed"), "Fermeture définitive le 15/10/2026", "Closed for good on 15/10/2026"),
    (event("opened", "2020-03-02"), "Ouverture le 02/03/2020", "Opened on 02/03/2020"),
    (event("reopened"), "Réouverture le 15/10/2026", "Reopened on 15/10/2026"),
    (
        event("temporarily_closed"),
        "Fermeture temporaire le 15/10/2026",
        "Temporarily closed on 15/10/2026",
    ),
    (
        entry("shop", "archive", {"archived_at": None}, {"archived_at": "2026-12-02T13:05:00"}),
        "Fiche archivée",
        "Shop archived",
    ),
    (
        entry("shop", "restore", {"archived_at": "2026-12-02T13:05:00"}, {"archived_at": None}),
        "Fiche restaurée",
        "Shop restored",
    ),
    (entry("shop", "create", after={"id": 7, "name": "Bar du Port"}), "Création de la fiche", "Shop created"),
    (
        entry("catalogue_item", "create", after={"id": 3, "shop_id": 7, "name": "Pain", "price": "1.20"}),
        "Article ajouté au catalogue : « Pain » (1,20 €)",
        "Catalogue item added: “Pain” (€1.20)",
    ),
    (
        entry(
            "catalogue_item", before={"price": "1.20", "shop_id": 7}, after={"price": "1.35", "shop_id": 7}
        ),
        "Article du catalogue — Prix : 1,20 € → 1,35 €",
        "Catalogue item — Price: €1.20 → €1.35",
    ),
    (
        entry("catalogue_item", "delete", before={"id": 3, "shop_id": 7, "name": "Pain", "price": None}),
        "Article retiré du catalogue : « Pain »",
        "Catalogue item removed: “Pain”",
    ),
    (
        entry(
            "commune",
            before={"population": 7990, "population_in_2023": None, "updated_at": "2026-01-01T00:00:00"},
            after={"population": 8012, "population_in_2023": 8012, "updated_at": "2026-12-02T13:05:00"},
        ),
        "Population : 7\u202f990 → 8\u202f012 ; Population 2023 : — → 8\u202f012",
        "Population: 7,990 → 8,012; Population 2023: — → 8,012",
    ),
    (
        entry(
            "commune",
            before={"joined_on": "2019-01-01", "left_on": "2025-06-30", "updated_at": "x"},
            after={"joined_on": "2026-11-02", "left_on": None, "updated_at": "y"},
        ),
        "Adhésion au réseau le 02/11/2026",
        "Joined the network on 02/11/2026",
    ),
    (
        entry(
            "commune",
            before={"left_on": None, "updated_at": "x"},
            after={"left_on": "2026-12-01", "updated_at": "y"},
        ),
        "Sortie du réseau le 01/12/2026",
        "Left the network on 01/12/2026",
    ),
    (
        entry(
            "monthly_visits",
            "create",
            after={
                "id": 9,
                "commune_code": "44052",
                "month": "2026-10-01",
                "visits": 8321,
                "unique_visitors": 5295,
            },
        ),
        "Visites en octobre 2026 : 8\u202f321 (5\u202f295 visiteurs uniques)",
        "Visits in October 2026: 8,321 (5,295 unique visitors)",
    ),
    (
        entry(
            "monthly_visits",
            before={"visits": 8000, "month": "2026-10-01"},
            after={"visits": 8321, "month": "2026-10-01"},
        ),
        "Visites en octobre 2026 — Visites : 8\u202f000 → 8\u202f321",
        "Visits in October 2026 — Visits: 8,000 → 8,321",
    ),
]


@pytest.mark.parametrize(("audited", "fr", "en"), CASES, ids=lambda value: getattr(value, "entity", None))
def test_each_kind_of_change_reads_as_a_sentence(audited, fr, en):
    assert describe(audited, "fr") == fr
    assert describe(audited, "en") == en


def test_an_undo_names_the_change_it_undid():
    closure = event("closed")
    undone = entry("status_event", "undo", before=closure.after, after=None, id=2, undoes_id=1)
    assert describe(undone, "fr", closure) == "Annulation de : Fermeture définitive le 15/10/2026"
    assert describe(undone, "en", closure) == "Undo of: Closed for good on 15/10/2026"
    # without the entry it undid (older than the history shown), what the undo itself did
    assert describe(undone, "fr") == "Annulation : Événement retiré : Fermeture définitive le 15/10/2026"


def test_an_unknown_value_is_a_dash_and_a_long_one_is_cut():
    long_hours = "Mo-Fr " + "08:00-12:00,14:00-19:00; " * 4
    changed = entry("shop", before={"opening_hours": long_hours}, after={"opening_hours": ""})
    sentence = describe(changed, "fr")
    assert sentence.startswith("Horaires : Mo-Fr 08:00-12:00") and sentence.endswith("… → —")
    assert len(sentence.split(" → ")[0]) == len("Horaires : ") + 60


@pytest.mark.parametrize(
    ("source", "action", "fr", "en"),
    [
        ("app", "update", "saisie", "entered"),
        ("app", "undo", "annulation", "undo"),
        ("sirene", "create", "import SIRENE", "SIRENE import"),
        ("osm", "update", "import OpenStreetMap", "OpenStreetMap import"),
        ("matomo", "create", "import Matomo", "Matomo import"),
        ("insee", "update", "import Insee (population)", "Insee import (population)"),
        ("cli", "update", "ligne de commande", "command line"),
        ("somewhere", "update", "somewhere", "somewhere"),
    ],
)
def test_the_source_of_a_change_in_words(source, action, fr, en):
    audited = entry("shop", action, source=source)
    assert (source_label(audited, "fr"), source_label(audited, "en")) == (fr, en)


def test_who_is_the_account_or_the_command_line():
    assert who(entry("shop"), "fr") == "marie"
    assert (
        who(entry("shop", account_id=None, actor="import sirene", source="sirene"), "fr")
        == "ligne de commande"
    )
    assert (
        who(entry("shop", account_id=None, actor="migration 0006", source="migration"), "en")
        == "store upgrade"
    )


MARIE = SignedIn(1, "marie", "coordinator", ("44052",), False)


@pytest.fixture
def bar(engine):
    """Donges with the Bar du Port (id returned), and the coordinator marie."""
    with Session(engine) as session:
        add_commune(session, "44052", "Donges")
        session.add_all(
            [
                Account(id=1, name="marie", role="coordinator", password_hash="-"),
                AccountCommune(account_id=1, commune_code="44052"),
            ]
        )
        shop = add_shop(session, name="Bar du Port", events=(("2010-01-01", "opened"),))
        session.commit()
        return shop.id


def test_a_shops_history_through_the_services_with_paris_times(engine, bar):
    def call(function, *args):
        with write_transaction(engine) as session:
            return function(session, *args)

    call(update_shop, MARIE, bar, 1, {"phone": "02 40 01 59 18"})
    call(record_status, MARIE, bar, "closed", dt.date(2026, 10, 15))
    call(add_catalogue_item, MARIE, bar, {"name": "Café", "price": 1.5})
    call(archive_shop, MARIE, bar)
    call(undo, MARIE, 2)  # the closure
    with write_transaction(engine) as session:  # the times, set by hand: UTC as the store keeps them
        entries = history(session, "shop", bar)
        for audited, at in zip(reversed(entries), [(12, 2), (12, 2), (7, 2), (7, 2), (7, 3)], strict=True):
            audited.at = dt.datetime(2026, at[0], at[1], 13, 5)
    with Session(engine) as session:
        table = history_table(session, history(session, "shop", bar), "fr")
    assert list(table["change"]) == [
        "Annulation de : Fermeture définitive le 15/10/2026",
        "Fiche archivée",
        "Article ajouté au catalogue : « Café » (1,50 €)",
        "Fermeture définitive le 15/10/2026",
        "Téléphone : — → 02 40 01 59 18",
    ]
    # 13:05 UTC is 14:05 in Paris in December (UTC+1), 15:05 in July (UTC+2)
    assert list(table["when"]) == [
        "03/07/2026 15:05",
        "02/07/2026 15:05",
        "02/07/2026 15:05",
        "02/12/2026 14:05",
        "02/12/2026 14:05",
    ]
    assert list(table["who"]) == ["marie"] * 5
    assert list(table["source"]) == ["annulation", "saisie", "saisie", "saisie", "saisie"]
    assert list(table["undone"]) == [False, False, False, True, False]
    with Session(engine) as session:
        english = history_table(session, history(session, "shop", bar), "en")
    assert english["change"].iloc[0] == "Undo of: Closed for good on 15/10/2026"
    assert english["when"].iloc[-1] == "02/12/2026, 14:05"


def test_an_undo_whose_entry_is_not_in_the_list_is_still_named(engine, bar):
    with write_transaction(engine) as session:
        record_status(session, MARIE, bar, "temporarily_closed", dt.date(2026, 10, 15))
    with write_transaction(engine) as session:
        undo(session, MARIE, 1)
    with Session(engine) as session:
        latest = history(session, "shop", bar)[:1]  # the undo alone, as a commune's latest changes may be
        table = history_table(session, latest, "fr")
    assert table["change"].iloc[0] == "Annulation de : Fermeture temporaire le 15/10/2026"


def test_a_change_below_what_is_shown_is_left_out():
    # an import's position differs in the float's noise only: written the same, it is no change
    moved = entry(
        "shop",
        before={"name": "Bar", "longitude": -2.0745707, "version": 1},
        after={"name": "Bar du Port", "longitude": -2.07457069999999, "version": 2},
    )
    assert describe(moved, "fr") == "Nom : Bar → Bar du Port"
