"""The reconciliation's proposals (wiker_data/importers/reconcile.py) and applying the ones ticked
(wiker_data/services/reconcile.py), on a geo-sirene extract of Donges written in its published
layout (the 54 stock columns, then longitude, latitude and the geocoder's columns; gzipped).

The file (rows counted from 2, the header being row 1):

  row 2  BAR DU PORT          closed (F) since 2026-10-15, 5 QUAI DE LA MARINE, at P
  row 3  TABAC DE LA GARE     active, 1 PL DE LA GARE, 500 m north of P
  row 4  BOULANGERIE MARTIN   active, 12 RUE DE LA PAIX, no position
  row 5  COIFFURE LILAS       closed since 2020-05-01, 8 RUE NATIONALE, 300 m north of P
  row 6  FLEURS DU PORT       active, SIRET of the directory's florist
  row 7  PHARMACIE DU PORT    closed since 2026-09-30, SIRET of the directory's "Pharmacie Centrale"

The directory of Donges (all open):

  Bar du Port          no SIRET, "5 quai de la Marine", 18 m north of P
  Boulangerie Martin   no SIRET, "12 rue de la Paix", no position
  Fleurs du Port       SIRET of row 6
  Pharmacie Centrale   SIRET of row 7
  Pharmacie du Port    no SIRET, 10 m north of P (a look-alike of row 7's name)
  Librairie Page       no SIRET, far from everything
"""

from __future__ import annotations

import datetime as dt
import gzip

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.builders import add_shop
from tests.test_importers_sirene import establishment, stock_text
from wiker_data.accounts import SignedIn
from wiker_data.importers import ImportActor
from wiker_data.importers.matching import Reason
from wiker_data.importers.reconcile import proposals_page, proposals_table, reasons_text, reconcile
from wiker_data.importers.sirene import plan_sirene_import
from wiker_data.importers.sirene_layout import GEO_COLUMNS, STOCK_COLUMNS
from wiker_data.models import AuditEntry, Shop, StatusEvent
from wiker_data.services import PermissionDenied, ValidationError, write_transaction
from wiker_data.services.reconcile import apply_reconciliation

TODAY = dt.date(2026, 11, 26)
ADMIN = ImportActor("test reconcile")
TRIGNAC_COORDINATOR = SignedIn(None, "cole", "coordinator", ("44210",), False)
METRES_PER_DEGREE = 111_195.08  # 6,371,008.8 m × π / 180: one degree of latitude
LAT, LON = 47.3188, -2.0746  # P, by Donges town hall
# SIRETs with a valid Luhn check digit
BAR, TABAC, BAKERY, HAIRDRESSER = "31234567800097", "31234567800105", "31234567800113", "31234567800121"
FLORIST, PHARMACY = "31234567800139", "31234567800147"


def north(metres: float) -> str:
    return f"{LAT + metres / METRES_PER_DEGREE:.7f}"


def row(siret, name, naf, state, created, since, number="", street_type="", street="", lat="", lon=""):
    return establishment(
        siret,
        dateCreationEtablissement=created,
        numeroVoieEtablissement=number,
        typeVoieEtablissement=street_type,
        libelleVoieEtablissement=street,
        codePostalEtablissement="44480",
        libelleCommuneEtablissement="DONGES",
        codeCommuneEtablissement="44052",
        dateDebut=since,
        etatAdministratifEtablissement=state,
        enseigne1Etablissement=name,
        activitePrincipaleEtablissement=naf,
        nomenclatureActivitePrincipaleEtablissement="NAFRev2",
        latitude=lat,
        longitude=lon,
    )


ROWS = [
    row(
        BAR,
        "BAR DU PORT",
        "56.30Z",
        "F",
        "2001-04-01",
        "2026-10-15",
        "5",
        "QUAI",
        "DE LA MARINE",
        north(0),
        LON,
    ),
    row(
        TABAC,
        "TABAC DE LA GARE",
        "47.26Z",
        "A",
        "2008-01-01",
        "2008-01-01",
        "1",
        "PL",
        "DE LA GARE",
        north(500),
        LON,
    ),
    row(BAKERY, "BOULANGERIE MARTIN", "10.71C", "A", "2015-03-02", "2015-03-02", "12", "RUE", "DE LA PAIX"),
    row(
        HAIRDRESSER,
        "COIFFURE LILAS",
        "96.02A",
        "F",
        "2010-09-01",
        "2020-05-01",
        "8",
        "RUE",
        "NATIONALE",
        north(300),
        LON,
    ),
    row(FLORIST, "FLEURS DU PORT", "47.76Z", "A", "2012-06-01", "2012-06-01"),
    row(PHARMACY, "PHARMACIE DU PORT", "47.73Z", "F", "1998-01-01", "2026-09-30"),
]


@pytest.fixture
def geo_file(tmp_path):
    path = tmp_path / "geo_siret_44.csv.gz"
    path.write_bytes(gzip.compress(stock_text(ROWS, STOCK_COLUMNS + GEO_COLUMNS).encode("utf-8")))
    return path


@pytest.fixture
def directory(donges_trignac):
    """Return {name: shop id} of the directory above."""
    with Session(donges_trignac) as session:
        shops = [
            add_shop(
                session,
                name="Bar du Port",
                category="cafe_bar",
                address="5 quai de la Marine",
                latitude=float(north(18)),
                longitude=LON,
                events=(("2001-04-01", "opened"),),
            ),
            add_shop(
                session, name="Boulangerie Martin", address="12 rue de la Paix", latitude=None, longitude=None
            ),
            add_shop(
                session,
                name="Fleurs du Port",
                category="florist",
                siret=FLORIST,
                address=None,
                latitude=None,
                longitude=None,
                events=(("2012-06-01", "opened"),),
            ),
            add_shop(
                session,
                name="Pharmacie Centrale",
                category="pharmacy",
                siret=PHARMACY,
                address=None,
                latitude=None,
                longitude=None,
                events=(("1998-01-01", "opened"),),
            ),
            add_shop(
                session,
                name="Pharmacie du Port",
                category="pharmacy",
                address="2 quai de la Marine",
                latitude=float(north(10)),
                longitude=LON,
            ),
            add_shop(
                session,
                name="Librairie Page",
                category="bookshop",
                address="40 route de Savenay",
                latitude=float(north(2000)),
                longitude=LON,
            ),
        ]
        ids = {shop.name: shop.id for shop in shops}
        session.commit()
    return ids


def reconciled(engine, path):
    with Session(engine) as session:
        plan = plan_sirene_import(session, path, ["44052"], today=TODAY)
        return reconcile(session, plan, "44052", TODAY)


def test_a_closed_establishment_is_never_offered_for_adding(donges_trignac, directory, geo_file):
    proposals = reconciled(donges_trignac, geo_file).proposals
    added = proposals[proposals["action"] == "add"]
    # Of the four establishments not in the directory, BAR DU PORT and COIFFURE LILAS are closed,
    # BOULANGERIE MARTIN is the directory's bakery: only the tobacconist is to add.
    assert list(added["siret"]) == [TABAC]
    assert list(added["row"]) == [3]


def test_a_closed_establishment_at_a_shops_address_is_proposed_for_linking_with_its_reasons(
    donges_trignac, directory, geo_file
):
    proposals = reconciled(donges_trignac, geo_file).proposals.set_index("key")
    link = proposals.loc[f"link:{directory['Bar du Port']}:{BAR}"]
    assert (link["shop_name"], link["siret"], link["row"]) == ("Bar du Port", BAR, 2)
    # "bar port" both (likeness 1), 18 m apart by construction, "5 quai marine" both.
    assert [reason.kind for reason in link["reasons"]] == ["name", "distance", "address"]
    assert link["reasons"][1].value == pytest.approx(18.0, abs=0.01)
    assert link["closed_on"] == dt.date(2026, 10, 15)
    assert reasons_text(link["reasons"], link["closed_on"], "fr") == (
        "nom semblable à 100\u00a0%, à 18 m, même adresse, SIRENE : fermé depuis le 15 octobre 2026"
    )
    assert reasons_text(link["reasons"], link["closed_on"], "en") == (
        "name 100% alike, 18 m away, same address, SIRENE: closed since 15 October 2026"
    )
    # The shop is open and nothing else of the file matches it: its closure is proposed too.
    close = proposals.loc[f"close:{directory['Bar du Port']}"]
    assert close["closed_on"] == dt.date(2026, 10, 15)


def test_the_proposals_come_best_first(donges_trignac, directory, geo_file):
    found = reconciled(donges_trignac, geo_file)
    assert list(found.proposals["key"]) == [
        f"close:{directory['Pharmacie Centrale']}",  # the same SIRET: certain
        f"link:{directory['Bar du Port']}:{BAR}",  # names alike at 100 %, same address, 18 m
        f"close:{directory['Bar du Port']}",  # the same match, closing after linking
        f"link:{directory['Boulangerie Martin']}:{BAKERY}",  # 100 %, same address, no distance known
        "add:3",  # the tobacconist, matching no shop
    ]
    # COIFFURE LILAS (closed, no shop 50 m around nor at its address); "Pharmacie du Port" and
    # "Librairie Page" have no proposal.
    assert found.left_out == {"closed": 1, "shops": 2}


def test_an_establishment_matched_by_siret_is_not_proposed_to_a_look_alike(
    donges_trignac, directory, geo_file
):
    proposals = reconciled(donges_trignac, geo_file).proposals
    # PHARMACIE DU PORT has the SIRET of "Pharmacie Centrale": its closure is proposed for that shop,
    # by "same SIRET", and not a link of "Pharmacie du Port", 10 m away, whose name is the same.
    pharmacy = proposals[proposals["siret"] == PHARMACY]
    assert list(zip(pharmacy["action"], pharmacy["shop_id"], strict=True)) == [
        ("close", directory["Pharmacie Centrale"])
    ]
    assert pharmacy.iloc[0]["reasons"] == (Reason("siret"),)
    assert reasons_text((Reason("siret"),), None, "fr") == "même SIRET"


def test_proposals_are_filtered_by_words_and_action_and_paged(donges_trignac, directory, geo_file):
    proposals = reconciled(donges_trignac, geo_file).proposals
    assert list(proposals_page(proposals, "port").rows["key"])[:1] == [
        f"close:{directory['Pharmacie Centrale']}"
    ]
    # "quai marine" is in the bar's address (and the directory's): its link and its closure.
    assert len(proposals_page(proposals, "QUAI de la Marine").rows) == 2
    assert list(proposals_page(proposals, "boulangère").rows["key"]) == []  # another word
    assert list(proposals_page(proposals, "Boulang").rows["siret"]) == [BAKERY]  # words begin so
    assert list(proposals_page(proposals, "angerie").rows["key"]) == []  # not in the middle of one
    assert list(proposals_page(proposals, TABAC).rows["key"]) == ["add:3"]
    assert list(proposals_page(proposals, action="add").rows["siret"]) == [TABAC]
    # 5 proposals, 2 a page: pages of 2, 2 and 1; a page past the last shows the last.
    second = proposals_page(proposals, page=2, per_page=2)
    assert (second.page, second.pages, second.total) == (2, 3, 5)
    assert list(second.rows["key"]) == list(proposals["key"])[2:4]
    assert proposals_page(proposals, page=9, per_page=2).page == 3


def events_of(engine, shop_id):
    with Session(engine) as session:
        return [
            (e.kind, e.event_date)
            for e in session.scalars(
                select(StatusEvent).where(StatusEvent.shop_id == shop_id).order_by(StatusEvent.event_date)
            )
        ]


def test_the_ticked_proposals_are_applied_together(donges_trignac, directory, geo_file):
    bar = directory["Bar du Port"]
    keys = [f"link:{bar}:{BAR}", f"close:{bar}", "add:3"]
    with write_transaction(donges_trignac) as session:
        summary = apply_reconciliation(session, ADMIN, geo_file, "44052", keys, today=TODAY)
    assert (summary.linked, summary.closed, summary.created) == (1, 1, 1)
    with Session(donges_trignac) as session:
        assert session.get(Shop, bar).siret == BAR
        assert session.scalar(select(Shop.name).where(Shop.siret == TABAC)) == "Tabac de la Gare"
    assert events_of(donges_trignac, bar) == [
        ("opened", dt.date(2001, 4, 1)),
        ("closed", dt.date(2026, 10, 15)),
    ]


def counts(engine):
    with Session(engine) as session:
        return tuple(len(session.scalars(select(model)).all()) for model in (Shop, StatusEvent, AuditEntry))


def test_a_proposal_the_store_no_longer_gives_writes_nothing(donges_trignac, directory, geo_file):
    before = counts(donges_trignac)
    with pytest.raises(ValidationError) as refused, write_transaction(donges_trignac) as session:
        apply_reconciliation(session, ADMIN, geo_file, "44052", ["add:3", "add:2"], today=TODAY)  # 2: closed
    assert refused.value.errors == {"proposals": "reconcile.stale"}
    assert counts(donges_trignac) == before


def test_two_links_of_one_siret_are_refused(donges_trignac, directory, geo_file):
    with Session(donges_trignac) as session:  # a second bar of the same name at the same address
        add_shop(
            session,
            name="Bar du Port",
            category="cafe_bar",
            address="5 quai de la Marine",
            latitude=None,
            longitude=None,
        )
        second = session.scalar(select(Shop.id).where(Shop.name == "Bar du Port", Shop.latitude.is_(None)))
        session.commit()
    before = counts(donges_trignac)
    keys = [f"link:{directory['Bar du Port']}:{BAR}", f"link:{second}:{BAR}"]
    with pytest.raises(ValidationError) as refused, write_transaction(donges_trignac) as session:
        apply_reconciliation(session, ADMIN, geo_file, "44052", keys, today=TODAY)
    assert refused.value.errors == {"proposals": "reconcile.two_links"}
    assert counts(donges_trignac) == before


def test_a_coordinator_of_another_commune_writes_nothing(donges_trignac, directory, geo_file):
    before = counts(donges_trignac)
    with pytest.raises(PermissionDenied), write_transaction(donges_trignac) as session:
        apply_reconciliation(session, TRIGNAC_COORDINATOR, geo_file, "44052", ["add:3"], today=TODAY)
    assert counts(donges_trignac) == before


def test_the_proposals_read_in_either_language(donges_trignac, directory, geo_file):
    rows = reconciled(donges_trignac, geo_file).proposals
    # the order of test_the_proposals_come_best_first
    assert list(proposals_table(rows, "en")["action"]) == [
        "Mark closed",
        "Link",
        "Mark closed",
        "Link",
        "Add",
    ]
    assert list(proposals_table(rows, "fr")["action"]) == [
        "Marquer fermé",
        "Relier",
        "Marquer fermé",
        "Relier",
        "Ajouter",
    ]
    assert proposals_table(rows, "en")["why"].iloc[0] == "same SIRET, SIRENE: closed since 30 September 2026"
    # an establishment matching no shop says so rather than leaving "why" empty
    assert (
        proposals_table(rows, "fr")["why"].iloc[-1]
        == "ouvert selon SIRENE, aucun commerce de l'annuaire ne lui ressemble"
    )
    assert (
        proposals_table(rows, "en")["why"].iloc[-1] == "open in SIRENE, no shop of the directory is like it"
    )


def test_linking_a_shop_to_an_open_establishment_and_closing_it_are_refused_together(
    donges_trignac, directory, tmp_path
):
    """A change of owner: the shop's own SIRET is closed, a new establishment of the same name
    opened at its address. Linking the shop to the new one and closing it contradict each other."""
    new_owner = "31234567800154"
    centrale = directory["Pharmacie Centrale"]
    with Session(donges_trignac) as session:
        session.get(Shop, centrale).address = "3 quai de la Marine"
        session.commit()
    rows = [
        *ROWS,
        row(
            new_owner,
            "PHARMACIE CENTRALE",
            "47.73Z",
            "A",
            "2026-10-01",
            "2026-10-01",
            "3",
            "QUAI",
            "DE LA MARINE",
        ),
    ]
    path = tmp_path / "geo_siret_44.csv.gz"
    path.write_bytes(gzip.compress(stock_text(rows, STOCK_COLUMNS + GEO_COLUMNS).encode("utf-8")))
    keys = set(reconciled(donges_trignac, path).proposals["key"])
    assert {f"close:{centrale}", f"link:{centrale}:{new_owner}"} <= keys
    before = counts(donges_trignac)
    with pytest.raises(ValidationError) as refused, write_transaction(donges_trignac) as session:
        chosen = [f"close:{centrale}", f"link:{centrale}:{new_owner}"]
        apply_reconciliation(session, ADMIN, path, "44052", chosen, today=TODAY)
    assert refused.value.errors == {"proposals": "reconcile.link_and_close"}
    assert counts(donges_trignac) == before
