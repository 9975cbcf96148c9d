"""Uploaded files on disk (issue 12, item 10): a copy lives only while the importer reads it, and
the folders that processes no longer running left behind are removed at start-up."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.pages_helpers import signed_in, upload
from tests.test_importers_sirene import ROWS, stock_text
from wiker_ui import upload_files


@pytest.fixture
def temp_dir(tmp_path, monkeypatch) -> Path:
    """A temporary folder of its own for the test (tempfile.gettempdir() answers it)."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def kept_files(temp_dir: Path) -> list[Path]:
    return sorted(p for p in temp_dir.glob("wiker-upload-*/**/*") if p.is_file())


def test_the_copy_exists_while_it_is_read_and_never_after(temp_dir):
    with upload_files.kept_while_read(b"a,b\n1,2\n", "export.csv") as path:
        assert path.read_bytes() == b"a,b\n1,2\n"
        assert path.suffix == ".csv"
    assert not path.exists()
    with pytest.raises(ValueError), upload_files.kept_while_read(b"x", "f.zip") as failing:
        raise ValueError("the importer failed")
    assert not failing.exists()
    assert kept_files(temp_dir) == []


def test_start_up_removes_the_folders_of_processes_that_ended_and_keeps_live_ones(temp_dir):
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True)
    dead_pid = int(ended.stdout)
    dead = temp_dir / f"wiker-upload-{dead_pid}-abc"
    old_layout = temp_dir / "wiker-upload-k2j3h4"  # the folders of earlier versions: no process id
    live = temp_dir / f"wiker-upload-{upload_files.os.getpid()}-def"
    other = temp_dir / "someone-else"
    for folder in (dead, old_layout, live, other):
        folder.mkdir()
        (folder / "f.csv").write_bytes(b"x")
    upload_files.remove_stale_folders()
    assert sorted(p.name for p in temp_dir.iterdir()) == sorted([live.name, other.name])


def test_the_import_page_keeps_no_copy_of_a_previewed_or_applied_file(coordinator, temp_dir):
    at = signed_in("pages/8_import.py")
    upload(at, "import_file_sirene", "StockEtablissement_utf8.csv", stock_text(ROWS).encode())
    assert [m.value for m in at.metric][:1] == ["4"]  # previewed: 4 new shops
    assert kept_files(temp_dir) == []
    next(b for b in at.button if b.label == "Appliquer l'import").click().run()
    assert at.success
    assert kept_files(temp_dir) == []


def test_the_import_page_keeps_no_copy_of_a_file_it_refuses(coordinator, temp_dir):
    at = signed_in("pages/8_import.py")
    upload(at, "import_file_sirene", "extrait.csv", stock_text(ROWS)[:-40].encode())
    assert at.error
    assert kept_files(temp_dir) == []


def test_the_reconciliation_keeps_no_copy_of_a_previewed_file(coordinator, temp_dir):
    at = signed_in("pages/9_reconcile.py")
    upload(at, "reconcile_file", "StockEtablissement_utf8.csv", stock_text(ROWS).encode())
    assert kept_files(temp_dir) == []
