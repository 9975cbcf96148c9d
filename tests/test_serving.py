"""How the app is served: only on this machine unless the user names an address (issue 12, item 11)."""

import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _make_run(*args: str) -> str:
    """Return the commands `make run` would run (make -n: nothing is run)."""
    if shutil.which("make") is None:
        pytest.fail("make is needed: the README's Quick start is `make run`")
    done = subprocess.run(
        ["make", "-n", "run", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return next(line for line in done.stdout.splitlines() if "streamlit run" in line)


def test_make_run_listens_on_this_machine_only_by_default():
    assert "--server.address 127.0.0.1" in _make_run()


def test_make_run_listens_where_the_user_says():
    assert "--server.address 0.0.0.0" in _make_run("ADDRESS=0.0.0.0")
    assert "--server.port 8600" in _make_run("PORT=8600")


def test_a_bare_streamlit_run_listens_on_this_machine_only():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["address"] == "127.0.0.1"
