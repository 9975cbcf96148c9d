"""AppTest of every page's CSV downloads against the hand-worked fixture store (tests/fixture_store.py,
as of 2024-12-31): each file is written for the page's language, `;` and decimal commas in French,
`,` in English, and holds no internal code nor raw value (True, nan, an ISO date)."""

from __future__ import annotations

import re

import pytest

from tests.pages_helpers import app

pytestmark = pytest.mark.usefixtures("fresh_caches")

CSV_PAGES = [
    "pages/1_map.py",
    "pages/2_visits.py",
    "pages/3_activity.py",
    "pages/4_comparison.py",
    "pages/5_presence.py",
]
RAW = re.compile(r"^(True|False|nan|None|NaT|\d{4}-\d{2}-\d{2}.*)$")


@pytest.fixture
def downloads(monkeypatch) -> dict[str, bytes]:
    """Return the files the pages' download buttons would give, by file name (deferred ones built)."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    files: dict[str, object] = {}
    add, add_deferred = MediaFileManager.add, MediaFileManager.add_deferred

    def record(self, data, mimetype, coordinates, file_name=None, **kwargs):
        files[file_name] = data
        return add(self, data, mimetype, coordinates, file_name, **kwargs)

    def record_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        files[file_name] = data_callable
        return add_deferred(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add", record)
    monkeypatch.setattr(MediaFileManager, "add_deferred", record_deferred)
    return files


def csv_files(files: dict[str, object]) -> dict[str, str]:
    built = {
        name: data() if callable(data) else data for name, data in files.items() if name.endswith(".csv")
    }
    return {name: data.decode("utf-8-sig") for name, data in built.items()}


def page(path: str, lang: str, commune: str | None = "44052"):
    at = app()
    at.radio(key="_lang").set_value(lang).run()
    if commune:
        at.selectbox(key="_commune").set_value(commune).run()
    at.switch_page(path).run()
    assert not at.exception
    return at


@pytest.mark.parametrize(("lang", "separator"), [("fr", ";"), ("en", ",")])
@pytest.mark.parametrize("path", CSV_PAGES)
def test_every_csv_download_is_written_for_the_page_language(store, downloads, path, lang, separator):
    page(path, lang)
    files = csv_files(downloads)
    assert files, path
    for name, text in files.items():
        assert name.isascii(), name
        assert text.endswith("\r\n"), name
        header, *rows = text.split("\r\n")[:-1]
        assert len(header.split(separator)) >= 2, (name, header)
        for row in rows:
            cells = row.split(separator)
            assert not [cell for cell in cells if RAW.match(cell)], (name, row)
            if lang == "fr":
                assert not [cell for cell in cells if re.fullmatch(r"-?\d+\.\d+", cell)], (name, row)


def test_french_visits_per_inhabitant_file_of_donges(store, downloads):
    # Donges: 5,000 visits in November 2024 and 6,000 in December for 8,000 inhabitants; fewer than
    # 12 months of figures, so no rolling mean.
    page("pages/2_visits.py", "fr")
    text = next(text for name, text in csv_files(downloads).items() if "per-inhabitant" in name)
    assert text.split("\r\n") == [
        "Mois;Visites;Population (année correspondante);Visites par habitant;Moyenne sur 12 mois glissants",
        "01/11/2024;5000;8000;0,625;",
        "01/12/2024;6000;8000;0,75;",
        "",
    ]
