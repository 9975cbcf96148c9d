"""What the command-line modules share: the error they report, the command record, the store checks."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from wiker_data import settings
from wiker_data.db import make_engine, schema_version


class CliError(Exception):
    """A failure to report as one `error:` line."""


def missing_store_file(url: str) -> Path | None:
    """Return the path of a SQLite store file that does not exist, else None."""
    parsed = make_url(url)
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    path = Path(database.removeprefix("file:").split("?")[0])
    return None if path.exists() else path


def existing_store() -> Engine:
    """Return an engine on the configured store; raise CliError when it is missing or not migrated."""
    url = settings.database_url()
    if path := missing_store_file(url):
        raise CliError(f"no store at {path}: create it with `python -m wiker_data init`")
    engine = make_engine(url)
    current, head = schema_version(engine)
    if current != head:
        raise CliError("the store is not migrated to the latest schema: run `python -m wiker_data init`")
    return engine


def iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


@dataclass(frozen=True)
class Command:
    help: str
    description: str
    run: Callable[[argparse.Namespace], int]
    add_arguments: Callable[[argparse.ArgumentParser], None] = lambda parser: None


def shown_url(url: str) -> str:
    """Return the URL with its password, if any, masked."""
    return make_url(url).render_as_string(hide_password=True)


def add_group(parser: argparse.ArgumentParser, commands: dict[str, Command], dest: str, metavar: str) -> None:
    """Give `parser` one sub-command per entry of `commands` (a group such as `user add`, `export shops`).

    The chosen entry's function is stored as `args.run_in_group`; `run_group` calls it.
    """
    choices = parser.add_subparsers(dest=dest, metavar=metavar, required=True)
    for name, command in commands.items():
        subparser = choices.add_parser(name, help=command.help, description=command.description)
        command.add_arguments(subparser)
        subparser.set_defaults(run_in_group=command.run)


def run_group(args: argparse.Namespace) -> int:
    """Run the sub-command of a group that the command line chose (see add_group)."""
    return args.run_in_group(args)
