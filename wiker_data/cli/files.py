"""`export`, `backup` and `restore`: the store's data out to files, and back."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from sqlalchemy.orm import Session

from wiker_data import backup, exports, i18n, settings
from wiker_data.cli.base import Command, add_group, existing_store, iso_date, run_group, shown_url


def cmd_export_shops(args: argparse.Namespace) -> int:
    engine = existing_store()
    as_of = args.as_of or dt.date.today()
    with Session(engine) as session:
        frame = exports.shops_export(session, as_of, args.commune)
    Path(args.out).write_bytes(exports.encode(frame, args.format, lang=args.lang))
    scope = f"commune {args.commune}" if args.commune else "the network"
    print(f"wrote {len(frame)} shops of {scope} as of {as_of.isoformat()} to {args.out}")
    return 0


def _add_export_shops_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format", required=True, choices=tuple(exports.FORMATS), help="file format of the export"
    )
    parser.add_argument(
        "--commune", metavar="CODE", help="INSEE code of one commune (default: every network commune)"
    )
    parser.add_argument(
        "--as-of",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="the shops' status as of this date (default today)",
    )
    parser.add_argument(
        "--lang",
        choices=i18n.LANGUAGES,
        default=i18n.DEFAULT_LANGUAGE,
        help="language of the CSV and Excel headers and values, and the CSV's separator "
        f"(default {i18n.DEFAULT_LANGUAGE}); GeoJSON keeps the internal codes",
    )
    parser.add_argument("--out", required=True, metavar="FILE", help="write the export to FILE")


# What `export` writes, by name.
EXPORT_COMMANDS: dict[str, Command] = {
    "shops": Command(
        "the shop directory (CSV, Excel or GeoJSON)",
        "Export the shops of the network, or of one commune, archived ones left out: status as of the "
        "date, trade modes, contacts, SIRET and OpenStreetMap id. CSV and Excel cells that a spreadsheet "
        "would run as a formula are neutralised; GeoJSON leaves out the shops without a position.",
        cmd_export_shops,
        _add_export_shops_arguments,
    ),
}


def add_export_arguments(parser: argparse.ArgumentParser) -> None:
    add_group(parser, EXPORT_COMMANDS, dest="kind", metavar="what")


def cmd_export(args: argparse.Namespace) -> int:
    return run_group(args)


def cmd_backup(args: argparse.Namespace) -> int:
    target = backup.backup(settings.database_url(), Path(args.file), force=args.force)
    print(f"wrote a backup of the store to {target}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    revision = backup.restore(Path(args.file), settings.database_url(), force=args.force)
    print(f"restored {args.file} into the store: {shown_url(settings.database_url())}")
    print(f"schema revision: {revision}")
    return 0


def add_backup_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the backup file to write")
    parser.add_argument("--force", action="store_true", help="replace an existing regular file at FILE")


def add_restore_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="a backup file written by `backup`")
    parser.add_argument(
        "--force", action="store_true", help="replace a store that already holds communes, shops or accounts"
    )
