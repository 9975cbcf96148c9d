"""Every page read as a French user reads it: no English word, no raw None, nan or True, no ISO
date in what the page shows; and the English pages show no French word. A coordinator is signed in,
so that the edit, import and reconciliation pages show their forms and histories too."""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages_helpers import PAGES, shop_id, signed_in

pytestmark = pytest.mark.usefixtures("fresh_caches")

# Common English words with no French homograph (a French page has no business showing them).
ENGLISH = {
    "the", "and", "of", "with", "without", "from", "shop", "shops", "visits", "visit", "open",
    "closed", "opening", "closing", "file", "files", "row", "rows", "column", "lacks", "upload",
    "month", "months", "year", "years", "per", "inhabitants", "yes", "unknown", "network",
    "since", "until", "change", "changes", "history", "undo", "sign", "save", "delete", "total",
}  # fmt: skip
# Common French words that an English page must not show.
FRENCH = {
    "les", "des", "une", "est", "pour", "avec", "sans", "commerces", "commerce", "ouvert", "ouverts",
    "fermé", "fermés", "visites", "mois", "année", "depuis", "réseau", "fichier", "ligne", "oui",
    "inconnu", "enregistrer", "annuler", "historique",
}  # fmt: skip
RAW = re.compile(r"\b(None|nan|NaN|NaT|True|False|null)\b")
ISO_DATE = re.compile(r"(?<![\w/?=&-])\d{4}-\d{2}(?:-\d{2})?(?![\w-])")
URL = re.compile(r"\S*(?:https?://|/edit_shop\?)\S*|\S+\.(?:csv|gz|zip|json|xlsx)\b")  # links, file names


def shown_texts(at: AppTest) -> list[str]:
    """Return what the page shows as text: headings, paragraphs, alerts, metrics, widget labels and
    options, expanders, the tables' headers and text cells."""
    texts: list[str] = []
    for kind in (
        "title",
        "header",
        "subheader",
        "markdown",
        "caption",
        "info",
        "warning",
        "error",
        "success",
    ):
        texts += [element.value for element in getattr(at, kind)]
    texts += [f"{metric.label} {metric.value}" for metric in at.metric]
    for kind in ("button", "checkbox", "toggle", "text_input", "number_input", "date_input", "text_area"):
        texts += [element.label for element in getattr(at, kind)]
    for kind in ("selectbox", "radio", "multiselect"):
        for element in getattr(at, kind):
            texts += [element.label, *map(str, element.options)]
    texts += [expander.label for expander in at.expander]
    for table in at.dataframe:
        frame = table.value
        config = json.loads(table.proto.columns or "{}")  # column_config: a header's label, if any
        labels = {name: column.get("label") for name, column in config.items()}
        texts += [labels.get(str(column)) or str(column) for column in frame.columns]
        texts.append(f"placeholder {table.proto.placeholder or 'None'}")  # a missing cell's text
        for column in frame.columns:
            if frame[column].dtype == object:
                texts += [str(value) for value in frame[column] if isinstance(value, str | bool)]
    return texts


def problems(texts: list[str], foreign: set[str], names: frozenset[str] = frozenset()) -> list[str]:
    """Return what is wrong in `texts`: a `foreign` word, an internal code (snake_case, except the
    shop `names` of the fixture, which are written so), a raw value, an ISO date."""
    found = []
    for text in texts:
        text = URL.sub(" ", text)
        tokens = set(re.findall(r"[^\W\d]+(?:'[^\W\d_]+)?", text))
        codes = {token for token in tokens if "_" in token.strip("_") and token not in names}
        words = {word.lower() for word in tokens if "_" not in word}
        if words & foreign:
            found.append(f"{sorted(words & foreign)} in {text!r}")
        if codes:
            found.append(f"code {sorted(codes)} in {text!r}")
        if RAW.search(text):
            found.append(f"raw value in {text!r}")
        if ISO_DATE.search(text):
            found.append(f"ISO date in {text!r}")
    return found


def shop_names(engine) -> frozenset[str]:
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from wiker_data.models import Shop

    with Session(engine) as session:
        return frozenset(session.scalars(select(Shop.name)))


def every_page(lang: str):
    """Yield each page (the overview first) as a signed-in coordinator sees it for Donges in `lang`."""
    at = signed_in()
    at.radio(key="_lang").set_value(lang).run()
    at.selectbox(key="_commune").set_value("44052").run()
    for page in ["dashboard.py", *PAGES]:
        at.switch_page(page).run()
        if page == "pages/6_edit_shop.py":  # a shop with a history: its form, events and history
            at.selectbox(key="edit_shop_id").set_value(shop_id(at_engine(), "reopened")).run()
        assert not at.exception, page
        yield page, at


_ENGINE = {}


def at_engine():
    return _ENGINE["engine"]


@pytest.mark.parametrize(("lang", "foreign"), [("fr", ENGLISH), ("en", FRENCH)])
def test_every_page_reads_in_one_language(coordinator, lang, foreign):
    _ENGINE["engine"] = coordinator
    names = shop_names(coordinator)
    found = [
        f"{page}: {problem}"
        for page, at in every_page(lang)
        for problem in problems(shown_texts(at), foreign, names)
    ]
    assert found == [], "\n".join(found)


def test_the_checks_catch_what_they_look_for():
    assert problems(["Visites du mois de 2026-11"], ENGLISH) == ["ISO date in 'Visites du mois de 2026-11'"]
    assert problems(["Vacance : None"], ENGLISH) == ["raw value in 'Vacance : None'"]
    assert problems(["Source: Procos bands"], ENGLISH) == []  # no listed word
    assert problems(["1 shops shown"], ENGLISH) == ["['shops'] in '1 shops shown'"]
    assert problems(["Fiche : /edit_shop?shop=12 le 01/06/2025"], ENGLISH) == []
    assert problems(["État : temporarily_closed"], ENGLISH) == [
        "code ['temporarily_closed'] in 'État : temporarily_closed'"
    ]
    assert problems(["always_open"], ENGLISH, frozenset({"always_open"})) == []
    assert problems(["Ouvert le 31 décembre 2024"], FRENCH) == ["['ouvert'] in 'Ouvert le 31 décembre 2024'"]
