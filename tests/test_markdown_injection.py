"""Markdown injection (issue 12, item 7): a commune or shop name given as Markdown is shown as
written on every page, never as an image or a link (it would load an outside image on every page
of that commune)."""

from __future__ import annotations

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session

from tests.pages_helpers import PAGES, app
from wiker_data.models import Commune, Shop

pytestmark = pytest.mark.usefixtures("fresh_caches")

EVIL_COMMUNE = "![x](https://evil.example/t.png)"
EVIL_SHOP = "**Gras** [lien](https://evil.example/s)"
MARKDOWN_KINDS = (
    *("markdown", "title", "header", "subheader", "caption"),
    *("info", "warning", "error", "success"),
)
LABELLED_KINDS = (
    "metric",
    "button",
    "selectbox",
    "radio",
    "checkbox",
    "text_input",
    "number_input",
    "date_input",
    "multiselect",
    "toggle",
    "expander",
    "tab",
)


def markdown_texts(at) -> list[str]:
    """Return every text of the page that Streamlit renders as Markdown: the bodies of the
    Markdown and alert elements, and the labels of the metrics, widgets, expanders and tabs."""
    texts = [element.value for kind in MARKDOWN_KINDS for element in at.get(kind)]
    texts += [element.label for kind in LABELLED_KINDS for element in at.get(kind) if element.label]
    return [str(text) for text in texts]


@pytest.fixture
def evil_store(store):
    with Session(store) as session:
        session.execute(update(Commune).where(Commune.code == "44052").values(name=EVIL_COMMUNE))
        session.execute(update(Shop).where(Shop.commune_code == "44052").values(name=EVIL_SHOP))
        session.commit()
    return store


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_names_given_as_markdown_are_shown_as_written_on_every_page(evil_store, lang):
    at = app()
    at.radio(key="_lang").set_value(lang).run()
    at.selectbox(key="_commune").set_value("44052").run()
    for page in ["dashboard.py", *PAGES]:
        at.switch_page(page).run()
        assert not at.exception, page
        texts = markdown_texts(at)
        shown = [text for text in texts if "](https://evil.example" in text or "![x](" in text]
        assert shown == [], page
    at.switch_page("pages/2_visits.py").run()
    assert any(r"\!\[x\]\(https\:" in text for text in markdown_texts(at))  # the name, escaped


def test_a_catalogue_item_named_as_markdown_stays_text_in_the_flash_and_the_undo(coordinator):
    from tests.pages_helpers import click, shop_id, signed_in

    at = signed_in()
    at.selectbox(key="edit_shop_id").set_value(shop_id(coordinator, "always_open")).run()
    next(t for t in at.text_input if t.label == "Article").set_value(EVIL_SHOP)
    click(at, "Ajouter l'article")
    undo = next(b.label for b in at.button if b.key == "undo")
    assert undo.startswith("Annuler : Article ajouté au catalogue ") and r"\*\*Gras\*\*" in undo
    assert [s.value for s in at.success] == [
        r"« \*\*Gras\*\* \[lien\]\(https\://evil\.example/s\) » ajouté au catalogue."
    ]
    click(at, undo)
    assert [text for text in markdown_texts(at) if "](https://evil.example" in text] == []
