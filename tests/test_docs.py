"""The README keeps up with the code: its layout table names every package, module and page as
they are on disk, its code blocks show every command of `python -m wiker_data`, and its settings
table every environment variable of wiker_data.settings. Everything is read at test time, so a
module, a command or a setting added without its line in the README fails here, by name."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from wiker_data import settings
from wiker_data.cli.main import build_parser

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
PACKAGES_ROOTS = ("wiker_data", "wiker_ui")
NOT_DOCUMENTED = {"__init__.py", "__main__.py"}
SKIPPED_DIRS = {Path("wiker_data/migrations/versions")}  # one file per schema change, never listed
BACKTICKED = re.compile(r"`([^`]+)`")


def section(title: str) -> str:
    """Return the README's text under `## title`, up to the next second-level heading."""
    match = re.search(rf"^## {re.escape(title)}[^\n]*\n(.*?)(?=^## |\Z)", README, re.M | re.S)
    assert match, f"README.md has no '## {title}' section"
    return match.group(1)


def table_rows(text: str) -> dict[str, str]:
    """Return the rows of the tables in `text`: the first cell's backticked names -> the whole row."""
    rows = {}
    for line in text.splitlines():
        if not line.startswith("|") or set(line) <= set("|- "):
            continue
        first, _, rest = line.strip("|").partition("|")
        for name in BACKTICKED.findall(first):
            rows[name] = rest
    return rows


def packages() -> list[Path]:
    """Return every folder of the two packages that holds Python modules, relative to the root."""
    found = set()
    for root in PACKAGES_ROOTS:
        for path in (ROOT / root).rglob("*.py"):
            folder = path.parent.relative_to(ROOT)
            if "__pycache__" not in folder.parts and not any(
                folder == skipped or skipped in folder.parents for skipped in SKIPPED_DIRS
            ):
                found.add(folder)
    return sorted(found)


def named(row: str) -> set[str]:
    """Return what a row names in backticks, with and without a `.py` ending."""
    names = set(BACKTICKED.findall(row))
    return names | {name.removesuffix(".py") for name in names}


def commands(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Return every command and subcommand of the parser, as the words that call it."""
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, subparser in action.choices.items():
                found.append((*prefix, name))
                found.extend(commands(subparser, (*prefix, name)))
    return found


def code_blocks() -> str:
    return "\n".join(re.findall(r"^```[a-z]*\n(.*?)^```", README, re.M | re.S))


LAYOUT = table_rows(section("Layout"))


@pytest.mark.parametrize("package", packages(), ids=lambda path: f"{path}/")
def test_the_layout_table_names_every_module_of_each_package(package):
    key = f"{package.as_posix()}/"
    assert key in LAYOUT, f"README.md's Layout table has no row for `{key}`"
    modules = sorted(path.stem for path in (ROOT / package).glob("*.py") if path.name not in NOT_DOCUMENTED)
    missing = [module for module in modules if module not in named(LAYOUT[key])]
    assert not missing, f"README.md's Layout row of `{key}` does not name: {', '.join(missing)}"


def test_the_layout_table_names_every_page():
    assert "dashboard.py" in LAYOUT, "README.md's Layout table has no row for `dashboard.py`"
    assert "pages/" in LAYOUT, "README.md's Layout table has no row for `pages/`"
    pages = sorted(path.name for path in (ROOT / "pages").glob("*.py"))
    missing = [page for page in pages if page not in named(LAYOUT["pages/"])]
    assert not missing, f"README.md's Layout row of `pages/` does not name: {', '.join(missing)}"


def test_every_row_of_the_layout_table_is_on_disk():
    gone = [path for path in LAYOUT if not (ROOT / path).exists()]
    assert not gone, f"README.md's Layout table has rows for what no longer exists: {', '.join(gone)}"


def test_the_files_of_where_to_add_exist():
    where = section("Where to add")
    paths = [name for name in BACKTICKED.findall(where) if "/" in name or name.endswith(".py")]
    assert paths, "README.md's 'Where to add' section names no file"
    gone = [path for path in paths if "<" not in path and not (ROOT / path).exists()]
    assert not gone, f"README.md's 'Where to add' section names files that do not exist: {', '.join(gone)}"


def test_the_readme_shows_every_command():
    found = commands(build_parser())
    assert ("user", "add") in found and ("import", "osm") in found  # the walk reaches the subcommands
    shown = code_blocks()
    missing = [
        f"`python -m wiker_data {' '.join(words)}`"
        for words in found
        if not re.search(rf"python -m wiker_data {re.escape(' '.join(words))}(?=\s|$)", shown, re.M)
    ]
    assert not missing, f"README.md's code blocks never show: {', '.join(missing)}"


def test_the_settings_table_names_every_setting():
    documented = table_rows(section("Settings"))
    missing = [setting.env for setting in settings.SETTINGS if setting.env not in documented]
    assert not missing, f"README.md's Settings table does not name: {', '.join(missing)}"
