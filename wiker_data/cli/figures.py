"""`python -m wiker_data rebuild-figures [--commune CODE]`: the kept monthly figures counted again
from the raw events (models.MonthlyFigures; the write transaction keeps them otherwise)."""

from __future__ import annotations

import argparse
import time

from wiker_data import db
from wiker_data.cli.base import CliError, Command, existing_store
from wiker_data.models import Commune


def add_rebuild_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--commune", metavar="CODE", help="only this commune (its INSEE code)")


def cmd_rebuild_figures(args: argparse.Namespace) -> int:
    from wiker_data.services import figures, write_transaction

    started = time.perf_counter()
    with write_transaction(existing_store()) as session:  # under the write lock: no save runs meanwhile
        if args.commune and session.get(Commune, args.commune) is None:
            raise CliError(f"no commune with INSEE code {args.commune} in the store")
        rows = figures.rebuild(session.connection(), args.commune)
        db.renew_generation(session.connection())  # no app serves figures it cached before
        db.refresh_statistics(session.connection())
    scope = f"commune {args.commune}" if args.commune else "every commune"
    print(
        f"rebuilt the monthly figures of {scope} from the status events: {rows:,} rows in "
        f"{time.perf_counter() - started:.1f} s"
    )
    return 0


REBUILD_FIGURES = Command(
    "count the kept monthly figures again from the status events",
    "Replace the monthly figures kept ahead of time (of every commune, or of --commune CODE) with those "
    "counted from the status events, in one transaction under the store's write lock. Every change keeps "
    "them already; this is for a store written to outside the app, and is what the migration that "
    "created them ran once.",
    cmd_rebuild_figures,
    add_rebuild_arguments,
)
