"""`python -m wiker_data import …`: open-data files into the store, previewed, in one transaction."""

from __future__ import annotations

import argparse

from sqlalchemy.orm import Session

from wiker_data.cli_base import CliError, Command, add_group, existing_store


def cmd_import_population(args: argparse.Namespace) -> int:
    from wiker_data.importers import ImportFailed
    from wiker_data.importers.population import apply_population_import, plan_population_import
    from wiker_data.services import write_transaction

    engine = existing_store()
    try:
        with Session(engine) if args.dry_run else write_transaction(engine) as session:
            plan = plan_population_import(session, args.file, args.year, args.add_communes)
            print("\n".join(plan.preview()))
            if args.dry_run:
                print("dry run: nothing written")
                return 0
            summary = apply_population_import(session, plan)
    except ImportFailed as failed:
        raise CliError(str(failed)) from None
    print(summary.describe())
    return 0


def _add_import_population_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="INSEE's donnees_communes.csv or an older layout")
    parser.add_argument("--year", type=int, metavar="YYYY", help="reference year, where the file gives none")
    parser.add_argument(
        "--add-communes", action="store_true", help="also create the communes missing from the store"
    )
    parser.add_argument("--dry-run", action="store_true", help="show what would change, write nothing")


# The sources of `import`, by name.
IMPORT_COMMANDS: dict[str, Command] = {
    "population": Command(
        "INSEE municipal populations",
        "Import INSEE's municipal populations (donnees_communes.csv, or the two older layouts): each "
        "commune of the store gets its figure for the year; --add-communes also creates the missing ones. "
        "Shows the new, updated, unchanged and rejected rows, then writes them in one transaction unless "
        "--dry-run is given.",
        cmd_import_population,
        _add_import_population_arguments,
    ),
}


def add_import_arguments(parser: argparse.ArgumentParser) -> None:
    add_group(parser, IMPORT_COMMANDS, dest="source", metavar="source")
