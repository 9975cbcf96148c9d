"""Uploaded files on disk. The importers stream from a file, so an upload is copied to disk while it
is read, and removed as soon as the reading ends, whether it succeeded or failed: the plan it gives
is kept in memory, and Streamlit keeps the upload's bytes while its widget holds it. A session
therefore keeps at most one copy on disk, during one reading (at most the upload limit).

Each process writes into a folder of its own, named after its process id; at start-up, the folders
of processes that no longer run (killed during a reading) are removed. No Streamlit here."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

PREFIX = "wiker-upload-"


def _folder() -> Path:
    """Return this process's folder of uploads (created when missing)."""
    folder = Path(tempfile.gettempdir()) / f"{PREFIX}{os.getpid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


@contextlib.contextmanager
def kept_while_read(content: bytes | memoryview, name: str) -> Iterator[Path]:
    """Yield the path of a copy of `content` (with the suffix of the file's `name`, which tells the
    importers a .zip or .gz); the copy is removed when the block ends, however it ends."""
    descriptor, raw_path = tempfile.mkstemp(suffix=Path(name).suffix, dir=_folder())
    path = Path(raw_path)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(content)
        yield path
    finally:
        path.unlink(missing_ok=True)


def _is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: it runs
        return True
    return True


def remove_stale_folders() -> None:
    """Remove the upload folders left by processes that no longer run (and those of older versions,
    named without a process id)."""
    for folder in Path(tempfile.gettempdir()).glob(f"{PREFIX}*"):
        owner = folder.name.removeprefix(PREFIX).split("-")[0]
        if folder.is_dir() and not folder.is_symlink() and not (owner.isdigit() and _is_running(int(owner))):
            shutil.rmtree(folder, ignore_errors=True)
