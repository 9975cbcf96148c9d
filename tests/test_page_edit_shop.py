"""AppTest of the shop editing page (pages/6_edit_shop.py): sign-in, editing a shop and seeing it on
the map in the same session, validation, a save kept waiting, a status event and its undo, the call
list's links."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.pages_helpers import PASSWORD, app, click, counts, map_script, metrics, shop_id, signed_in
from wiker_data import db
from wiker_data.escaping import escape_markdown
from wiker_data.i18n import t
from wiker_data.models import AuditEntry, Shop
from wiker_data.services import write_transaction

pytestmark = pytest.mark.usefixtures("fresh_caches")


def test_visitors_are_asked_to_sign_in(coordinator):
    at = app()
    at.switch_page("pages/6_edit_shop.py").run()
    assert not at.exception
    assert [b.label for b in at.button] == ["Se connecter"]
    assert "edit_shop_id" not in [s.key for s in at.selectbox]


def test_wrong_password_is_refused_with_one_message(coordinator):
    at = signed_in(password="not the password")
    assert [e.value for e in at.error] == ["Identifiant ou mot de passe incorrect."]
    assert [b.label for b in at.button] == ["Se connecter"]


def test_coordinator_edits_a_shop_and_sees_it_on_the_map(coordinator):
    at = signed_in()
    assert at.selectbox(key="edit_commune").options == ["Donges"]  # only their commune
    at.selectbox(key="edit_shop_id").set_value(shop_id(coordinator, "always_open")).run()
    next(t for t in at.text_input if t.label == "Nom").set_value("Boulangerie <Renommée>")
    click(at, "Enregistrer")
    assert [s.value for s in at.success] == ["Modifications enregistrées."]
    with Session(coordinator) as session:
        shop = session.get(Shop, shop_id(coordinator, "Boulangerie <Renommée>"))
        assert shop.version == 2
    at.switch_page("pages/1_map.py").run()
    assert "Boulangerie &lt;Renommée&gt;" in map_script(at)
    assert "Boulangerie <Renommée>" in set(at.dataframe[0].value["Nom"])


def test_takeaway_is_a_trade_mode_of_the_form_beside_click_and_collect(coordinator):
    at = signed_in()
    at.selectbox(key="edit_shop_id").set_value(shop_id(coordinator, "always_open")).run()
    modes = [box.label for box in at.checkbox]
    assert modes[-2:] == ["Boutique en ligne", "À emporter"] and "Click & collect" in modes
    next(box for box in at.checkbox if box.label == "À emporter").check()
    click(at, "Enregistrer")
    with Session(coordinator) as session:
        shop = session.get(Shop, shop_id(coordinator, "always_open"))
        assert (shop.takeaway, shop.click_collect) == (True, False)


def test_invalid_phone_is_refused_and_nothing_changes(coordinator):
    at = signed_in()
    at.selectbox(key="edit_shop_id").set_value(shop_id(coordinator, "first_day")).run()
    next(t for t in at.text_input if t.label == "Téléphone").set_value("not a phone")
    click(at, "Enregistrer")
    assert [e.value for e in at.error] == ["Rien n'a été enregistré : corrigez ces champs."]
    assert any("phone" in m.value for m in at.markdown)
    with Session(coordinator) as session:
        shop = session.get(Shop, shop_id(coordinator, "first_day"))
        assert (shop.phone, shop.version) == (None, 1)


def test_a_save_kept_waiting_by_another_write_says_so_and_changes_nothing(coordinator, monkeypatch):
    monkeypatch.setattr(db, "WRITE_WAIT_SECONDS", 0.3)  # before the app makes its engine
    at = signed_in()
    at.selectbox(key="edit_shop_id").set_value(shop_id(coordinator, "first_day")).run()
    next(t for t in at.text_input if t.label == "Nom").set_value("Renamed")
    with write_transaction(coordinator):  # e.g. a long import holds the store
        click(at, "Enregistrer")
    assert [e.value for e in at.error] == [t("edit.busy", "fr")]
    with Session(coordinator) as session:
        assert session.get(Shop, shop_id(coordinator, "first_day")).version == 1


def choose_event(at, kind: str):
    """Choose the status event `kind` and submit the form: the page then asks for a confirmation."""
    shop = at.selectbox(key="edit_shop_id").value
    at.selectbox(key=f"status_kind_{shop}").set_value(kind)  # a form's value is sent by its submit
    return click(at, "Enregistrer l'événement")


def test_closing_a_shop_counts_on_the_overview_and_undo_brings_it_back(coordinator):
    at = signed_in()
    at.selectbox(key="edit_commune").set_value("44052").run()
    at.selectbox(key="edit_shop_id").set_value(shop_id(coordinator, "always_open")).run()
    choose_event(at, "closed")  # on the date shown: 2024-12-31
    click(at, "Confirmer")
    assert len(at.success) == 1
    at.switch_page("dashboard.py").run()
    at.selectbox(key="_commune").set_value("44052").run()
    assert metrics(at)["Commerces ouverts"] == "5"  # 6 open in the fixture, one closed now
    at.switch_page("pages/6_edit_shop.py").run()
    click(at, "Annuler : Fermeture définitive le 31/12/2024")  # the latest change: the closure
    assert [m.value for m in at.success] == ["Annulé : Fermeture définitive le 31/12/2024"]
    at.switch_page("dashboard.py").run()
    assert metrics(at)["Commerces ouverts"] == "6"


def test_the_event_has_no_default_and_is_refused_without_a_choice(coordinator):
    at = signed_in()
    at.selectbox(key="edit_shop_id").set_value(shop_id(coordinator, "always_open")).run()
    kind = at.selectbox(key=f"status_kind_{shop_id(coordinator, 'always_open')}")
    assert kind.value is None and kind.placeholder == "Choisissez l'événement"
    assert "Fermeture définitive" in kind.options  # sentence case, not « Fermeture Définitive »
    before = counts(coordinator)
    click(at, "Enregistrer l'événement")
    assert [e.value for e in at.error] == ["Rien n'a été enregistré : choisissez d'abord l'événement."]
    assert counts(coordinator) == before
    assert not [b for b in at.button if b.label == "Confirmer"]


def test_an_event_is_written_only_once_confirmed(coordinator):
    at = signed_in()
    at.selectbox(key="edit_shop_id").set_value(shop_id(coordinator, "always_open")).run()
    shops, events, entries = counts(coordinator)
    choose_event(at, "closed")
    assert [w.value for w in at.warning] == [
        "Confirmer : Fermeture définitive de « always\\_open » le 31/12/2024 ?"  # the name as Markdown text
    ]
    assert counts(coordinator) == (shops, events, entries)  # nothing written yet
    click(at, "Ne pas enregistrer")
    assert counts(coordinator) == (shops, events, entries)
    assert not at.warning
    choose_event(at, "closed")
    click(at, "Confirmer")
    assert counts(coordinator) == (shops, events + 1, entries + 1)  # exactly one event, audited
    assert [s.value for s in at.success] == ["Fermeture définitive le 31/12/2024 : enregistré."]
    assert not [b for b in at.button if b.label == "Confirmer"]


def test_the_confirmation_in_english(coordinator):
    at = signed_in()
    at.radio(key="_lang").set_value("en").run()
    at.selectbox(key="edit_shop_id").set_value(shop_id(coordinator, "always_open")).run()
    at.selectbox(key=f"status_kind_{shop_id(coordinator, 'always_open')}").set_value("temporarily_closed")
    click(at, "Record the event")
    assert [w.value for w in at.warning] == ["Confirm: Temporarily closed, “always\\_open”, on 31/12/2024?"]
    click(at, "Confirm")
    assert [s.value for s in at.success] == ["Temporarily closed on 31/12/2024: recorded."]


def test_a_call_list_link_opens_the_shop_form(coordinator):
    wanted = shop_id(coordinator, "reopened")
    at = app()
    at.switch_page("pages/6_edit_shop.py")
    at.query_params["shop"] = str(wanted)
    at.run()
    at.text_input(key="sign_in_name").set_value("marie")
    at.text_input(key="sign_in_password").set_value(PASSWORD)
    click(at, "Se connecter")
    assert at.selectbox(key="edit_shop_id").value == wanted
    assert next(t for t in at.text_input if t.label == "Nom").value == "reopened"


def test_a_shop_whose_opening_date_is_unknown_is_recorded_open_not_opened(coordinator):
    at = signed_in()
    at.selectbox(key="edit_commune").set_value("44052").run()
    at.selectbox(key="edit_shop_id").set_value(0).run()  # « Nouveau commerce »
    next(t for t in at.text_input if t.label == "Nom").set_value("Vieille quincaillerie")
    at.checkbox(key="opening_unknown").check()
    click(at, "Créer le commerce")
    with Session(coordinator) as session:
        shop = session.get(Shop, shop_id(coordinator, "Vieille quincaillerie"))
        assert [(e.kind, e.event_date.isoformat()) for e in shop.events] == [("recorded", "2024-12-31")]
    # the history shows it with its label
    assert any("recensé ouvert" in c.value for c in at.caption)
    at.switch_page("dashboard.py").run()
    at.selectbox(key="_commune").set_value("44052").run()
    # Donges in the fixture: 6 open, 1 opening; the recorded shop is open but no opening
    assert metrics(at)["Commerces ouverts"] == "7"
    assert metrics(at)["Ouvertures (12 mois)"] == "1"


def paris_time(engine) -> str:
    """Return the time of the latest audit entry on the Paris clock, computed here from its UTC."""
    from zoneinfo import ZoneInfo

    with Session(engine) as session:
        at = session.scalars(select(AuditEntry.at).order_by(AuditEntry.id.desc())).first()
    return at.replace(tzinfo=dt.UTC).astimezone(ZoneInfo("Europe/Paris")).strftime("%d/%m/%Y %H:%M")


def test_the_undo_choice_names_the_change_in_the_readers_language(coordinator):
    at = signed_in()
    at.selectbox(key="edit_shop_id").set_value(shop_id(coordinator, "always_open")).run()
    choose_event(at, "closed")  # a status event: the audit entry of its creation
    click(at, "Confirmer")
    latest = at.selectbox(key="undo_entry")
    # was "#12 · 2026-12-03 09:05 · marie · création" (UTC, and a closure called a creation)
    assert latest.options[0] == f"Fermeture définitive le 31/12/2024 · {paris_time(coordinator)} · marie"
    assert [b.label for b in at.button if b.key == "undo"] == ["Annuler : Fermeture définitive le 31/12/2024"]
    at.radio(key="_lang").set_value("en").run()
    when = paris_time(coordinator).replace(" ", ", ")  # English writes 03/12/2026, 10:05
    assert at.selectbox(key="undo_entry").options[0] == f"Closed for good on 31/12/2024 · {when} · marie"
    click(at, "Undo: Closed for good on 31/12/2024")
    assert [m.value for m in at.success] == ["Undone: Closed for good on 31/12/2024"]


def test_a_position_is_shown_without_the_floats_noise(coordinator):
    # -2.074 - 0.0006 is stored as -2.0745999999999998, as an import computing it would store it;
    # the form showed those 17 digits. Seven decimals are a centimetre, OpenStreetMap's precision.
    with Session(coordinator) as session:
        session.get(Shop, shop_id(coordinator, "always_open")).longitude = -2.074 - 0.0006
        session.commit()
    at = signed_in()
    at.selectbox(key="edit_shop_id").set_value(shop_id(coordinator, "always_open")).run()
    assert next(box.value for box in at.text_input if box.label == "Longitude") == "-2.0746"


def test_the_history_names_what_was_changed_in_the_readers_language(coordinator):
    at = signed_in()
    at.selectbox(key="edit_shop_id").set_value(shop_id(coordinator, "always_open")).run()
    next(t for t in at.text_input if t.label == "Téléphone").set_value("0240015918")
    click(at, "Enregistrer")
    choose_event(at, "closed")  # a status event of the shop, in its history
    click(at, "Confirmer")
    [history] = [frame.value for frame in at.dataframe if "Modification" in frame.value.columns]
    assert list(history.columns) == ["Quand (heure de Paris)", "Qui", "Origine", "Modification", "Annulée"]
    # was "status_event" and "id: — → 15672; shop_id: — → 67; kind: — → closed"
    assert history.iloc[0].to_dict() == {
        "Quand (heure de Paris)": paris_time(coordinator),
        "Qui": "marie",
        "Origine": "saisie",
        "Modification": "Fermeture définitive le 31/12/2024",
        "Annulée": "",
    }
    assert history["Modification"].iloc[1] == "Téléphone : — → 02 40 01 59 18"


def entry_ids(engine) -> list[int]:
    with Session(engine) as session:
        return list(session.scalars(select(AuditEntry.id).order_by(AuditEntry.id)))


def test_an_undo_refused_names_the_fields_in_the_readers_language(coordinator):
    at = signed_in()
    at.selectbox(key="edit_shop_id").set_value(shop_id(coordinator, "always_open")).run()
    phone = next(t for t in at.text_input if t.label == "Téléphone")
    phone.set_value("0240015918")
    click(at, "Enregistrer")
    next(t for t in at.text_input if t.label == "Téléphone").set_value("0240450000")
    click(at, "Enregistrer")
    first, _ = entry_ids(coordinator)
    at.selectbox(key="undo_entry").set_value(first).run()
    # the button's label is Markdown: the sentence's colon is escaped (escaping.escape_markdown)
    click(at, "Annuler : " + escape_markdown("Téléphone : — → 02 40 01 59 18"))
    assert [e.value for e in at.error] == [
        "Impossible d'annuler : ces champs ont été modifiés depuis (Téléphone)."
    ]


def test_archive_restore_and_catalogue_read_as_sentences_in_english(coordinator):
    at = signed_in()
    at.radio(key="_lang").set_value("en").run()
    at.selectbox(key="edit_shop_id").set_value(shop_id(coordinator, "always_open")).run()
    next(t for t in at.text_input if t.label == "Item").set_value("Baguette")
    next(t for t in at.text_input if t.label == "Price (€)").set_value("1,10")
    click(at, "Add the item")
    click(at, "Archive this shop")
    click(at, "Restore this shop")
    [history] = [frame.value for frame in at.dataframe if "Change" in frame.value.columns]
    assert list(history["Change"]) == [
        "Shop restored",
        "Shop archived",
        "Catalogue item added: “Baguette” (€1.10)",
    ]
    assert list(history["Source"]) == ["entered"] * 3
    assert list(history["Who"]) == ["marie"] * 3
