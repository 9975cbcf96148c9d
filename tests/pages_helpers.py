"""What the AppTest page tests (tests/test_page_*.py, tests/test_pages.py) share: the app run on the
fixture store's date, its metrics, the map's script, a coordinator signing in, uploads and tick boxes.
Their fixtures, `fresh_caches` and `coordinator`, are in tests/conftest.py."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest

from tests.fixture_store import AS_OF
from wiker_data.models import AuditEntry, Shop, StatusEvent
from wiker_ui.layout import PAGES as LINKED_PAGES

ROOT = Path(__file__).resolve().parent.parent
PAGES = [path for path, _, _ in LINKED_PAGES if path != "dashboard.py"]
NNBSP = "\u202f"  # French thousands separator
PASSWORD = "correct horse battery"  # the password of the `coordinator` fixture's account


def app(as_of=AS_OF) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    at.session_state["as_of"] = as_of
    return at.run()


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def map_script(at: AppTest) -> str:
    """Return the JavaScript that streamlit-folium runs in its iframe: the shops' data is in it."""
    component = at.get("component_instance")[0]
    return json.loads(component.proto.json_args)["script"]


def shop_id(engine, name: str) -> int:
    with Session(engine) as session:
        return session.scalar(select(Shop.id).where(Shop.name == name))


def signed_in(page: str = "pages/6_edit_shop.py", password: str = PASSWORD):
    at = app()
    at.switch_page(page).run()
    at.text_input(key="sign_in_name").set_value("marie")
    at.text_input(key="sign_in_password").set_value(password)
    next(b for b in at.button if b.label == "Se connecter").click().run()
    return at


def click(at, label: str):
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception
    return at


def counts(engine) -> tuple[int, int, int]:
    with Session(engine) as session:
        return tuple(
            session.scalar(select(func.count()).select_from(model))
            for model in (Shop, StatusEvent, AuditEntry)
        )


def upload(at, key: str, name: str, content: bytes):
    at.file_uploader(key=key).upload(name, content).run()
    assert not at.exception
    return at


def tick(at, key: str, rows: list[int]) -> None:
    """Tick rows of a table with a tick box per row (AppTest sets a data editor through its state)."""
    edits = {row: {"_tick": True} for row in rows}
    at.session_state[key] = {"edited_rows": edits, "added_rows": [], "deleted_rows": []}
    at.run()
