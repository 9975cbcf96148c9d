"""The command line, `python -m wiker_data <command>`: each command is a few
lines that open the store and call the library.

Every command honours WIKER_DATABASE_URL; on failure it prints one line
`error: <message>` to stderr and exits with status 1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from alembic.util.exc import CommandError
from sqlalchemy import Engine, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session

from wiker_data import accounts, backup, export_shops, queries, settings
from wiker_data.db import make_engine, migrate, open_store, schema_version
from wiker_data.demo import StoreNotEmpty, load_demo
from wiker_data.models import CatalogueItem, Commune, MonthlyVisits, Shop, StatusEvent
from wiker_data.report import build_report


class CliError(Exception):
    """A failure to report as one `error:` line."""


@dataclass(frozen=True)
class StoreFacts:
    """What a store holds, for `info`."""

    communes: int
    shops_open: int  # open today, archived shops left out
    shops: int
    status_events: int
    catalogue_items: int
    monthly_visits: int
    latest_month: dt.date | None


def store_facts(engine: Engine, today: dt.date) -> StoreFacts:
    """Return the row counts of a store, the network's shops open on `today` and the latest visits month."""
    with Session(engine) as session:

        def count(model) -> int:
            return session.scalar(select(func.count()).select_from(model))

        return StoreFacts(
            communes=count(Commune),
            shops_open=queries.overview(session, today).shops_open,  # the same count as the overview's
            shops=count(Shop),
            status_events=count(StatusEvent),
            catalogue_items=count(CatalogueItem),
            monthly_visits=count(MonthlyVisits),
            latest_month=session.scalar(select(func.max(MonthlyVisits.month))),
        )


def shown_url(url: str) -> str:
    """Return the URL with its password, if any, masked."""
    return make_url(url).render_as_string(hide_password=True)


def _revision_line(engine: Engine) -> str:
    current, head = schema_version(engine)
    return f"schema revision: {current or 'none'} (latest {head})"


def _missing_store_file(url: str) -> Path | None:
    """Return the path of a SQLite store file that does not exist, else None."""
    parsed = make_url(url)
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    path = Path(database.removeprefix("file:").split("?")[0])
    return None if path.exists() else path


def cmd_init(args: argparse.Namespace) -> int:
    if args.seed_demo:
        engine = open_store(seed_demo=True)
    else:
        engine = make_engine()
        migrate(engine)
    print(f"store: {shown_url(settings.database_url())}")
    print(_revision_line(engine))
    if args.seed_demo:
        facts = store_facts(engine, dt.date.today())
        print(f"holds {facts.communes} communes and {facts.shops} shops")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    engine = make_engine()
    migrate(engine)
    summary = load_demo(engine, seed=args.seed, force=args.force)
    print(f"loaded the demo data: {summary.describe()}")
    print(f"demo coordinator: {accounts.DEMO_COORDINATOR.name} (demo only, its password is in the README)")
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    url = settings.database_url()
    if path := _missing_store_file(url):
        raise CliError(f"no store at {path}: create it with `python -m wiker_data init`")
    engine = make_engine(url)
    print(f"store: {shown_url(url)}")
    current, head = schema_version(engine)
    print(_revision_line(engine))
    if current != head:
        raise CliError("the store is not migrated to the latest schema: run `python -m wiker_data init`")
    today = dt.date.today()
    facts = store_facts(engine, today)
    latest = facts.latest_month.strftime("%Y-%m") if facts.latest_month else "none"
    print(f"communes: {facts.communes}")
    print(f"shops: {facts.shops_open} open today ({today.isoformat()}) / {facts.shops} in all")
    print(f"status events: {facts.status_events}")
    print(f"catalogue items: {facts.catalogue_items}")
    print(f"monthly visits: {facts.monthly_visits} rows, latest month {latest}")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    url = settings.database_url()
    if path := _missing_store_file(url):
        raise CliError(f"no store at {path}: create it with `python -m wiker_data init`")
    if args.format == "pdf" and not args.out and sys.stdout.isatty():
        raise CliError("a PDF goes to a file: give --out FILE (or redirect standard output)")
    with Session(make_engine(url)) as session:
        figures = build_report(session, args.commune, args.as_of or dt.date.today())
    if args.format == "pdf":
        from wiker_data.report_pdf import report_pdf  # reportlab and matplotlib: only when asked for

        content = report_pdf(figures, args.lang)
    else:
        content = (json.dumps(figures, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if args.out:
        Path(args.out).write_bytes(content)
        print(f"wrote the report of {figures['commune']['name']} ({args.commune}) to {args.out}")
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(content)
    return 0


def _existing_store() -> Engine:
    """Return an engine on the configured store; raise CliError when it is missing or not migrated."""
    url = settings.database_url()
    if path := _missing_store_file(url):
        raise CliError(f"no store at {path}: create it with `python -m wiker_data init`")
    engine = make_engine(url)
    current, head = schema_version(engine)
    if current != head:
        raise CliError("the store is not migrated to the latest schema: run `python -m wiker_data init`")
    return engine


def _read_password(args: argparse.Namespace) -> str:
    """Return the password: the first line of standard input with --password-stdin, else asked twice."""
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise CliError("no password on the first line of standard input")
        return password
    if not sys.stdin.isatty():
        raise CliError("no terminal to ask the password on: give it on standard input with --password-stdin")
    try:
        password = getpass.getpass("password: ")
        accounts.check_password(password)
        if getpass.getpass("password again: ") != password:
            raise CliError("the two passwords differ")
    except EOFError:
        raise CliError("no password given") from None
    return password


def cmd_user_add(args: argparse.Namespace) -> int:
    engine = _existing_store()
    with Session(engine) as session:
        accounts.check_new_account(session, args.name, args.role, args.commune)
    password = _read_password(args)
    with Session(engine) as session, session.begin():
        accounts.create_account(session, args.name, password, args.role, args.commune)
    print(f"added the {args.role} account {args.name}")
    return 0


def cmd_user_list(args: argparse.Namespace) -> int:
    with Session(_existing_store()) as session:
        views = accounts.list_accounts(session)
    if not views:
        print("no accounts: add the first admin with `python -m wiker_data user add NAME --role admin`")
        return 0
    rows = [("name", "role", "communes", "active", "demo")] + [
        (
            view.name,
            view.role,
            " ".join(view.communes) or "all",
            "yes" if view.active else "no",
            "yes" if view.demo_only else "no",
        )
        for view in views
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    return 0


def cmd_user_disable(args: argparse.Namespace) -> int:
    with Session(_existing_store()) as session, session.begin():
        accounts.disable_account(session, args.name)
    print(f"disabled the account {args.name}: it can no longer sign in")
    return 0


def cmd_user_passwd(args: argparse.Namespace) -> int:
    engine = _existing_store()
    password = _read_password(args)
    with Session(engine) as session, session.begin():
        accounts.set_password(session, args.name, password)
    print(f"changed the password of {args.name}")
    return 0


def _add_password_stdin(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input instead of asking it twice",
    )


def _add_user_add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", metavar="NAME", help="3 to 60 letters, digits, '.', '-' or '_'")
    parser.add_argument("--role", required=True, choices=accounts.ROLES, help="admin edits every commune")
    parser.add_argument(
        "--commune",
        action="append",
        default=[],
        metavar="CODE",
        help="INSEE code of a commune the coordinator edits (repeat for several; at least one)",
    )
    _add_password_stdin(parser)


def _add_user_name(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", metavar="NAME", help="the account's name")


def _add_user_passwd_arguments(parser: argparse.ArgumentParser) -> None:
    _add_user_name(parser)
    _add_password_stdin(parser)


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _add_report_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--commune", required=True, metavar="CODE", help="INSEE code of the commune (44052)")
    parser.add_argument(
        "--format",
        choices=("json", "pdf"),
        default="json",
        help="JSON figures or one-page PDF (default json)",
    )
    parser.add_argument(
        "--out",
        metavar="FILE",
        help="write to FILE instead of standard output (needed for a PDF on a terminal)",
    )
    parser.add_argument(
        "--as-of",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="compute the figures as of this date (default today)",
    )
    parser.add_argument("--lang", choices=("fr", "en"), default="fr", help="language of the PDF (default fr)")


def _add_init_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--seed-demo", action="store_true", help="also load the demo data if the store is empty"
    )


def _add_demo_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--force", action="store_true", help="replace the data the store already holds")
    parser.add_argument(
        "--seed", type=int, help=f"seed of the generator (default: {settings.DEMO_SEED.env} or 2015)"
    )


@dataclass(frozen=True)
class Command:
    help: str
    description: str
    run: Callable[[argparse.Namespace], int]
    add_arguments: Callable[[argparse.ArgumentParser], None] = lambda parser: None


# The actions of `user`, by name.
USER_COMMANDS: dict[str, Command] = {
    "add": Command(
        "add an account",
        "Add an account: an admin edits every commune, a coordinator only the communes given with "
        "--commune (at least one). The password (10 characters or more) is asked twice, or read from the "
        "first line of standard input with --password-stdin.",
        cmd_user_add,
        _add_user_add_arguments,
    ),
    "list": Command(
        "list the accounts",
        "List the accounts: name, role, the communes each edits, whether it is active and whether it is "
        "the demo store's published account.",
        cmd_user_list,
    ),
    "disable": Command(
        "disable an account",
        "Disable an account: it can no longer sign in. Its past changes stay in the audit log.",
        cmd_user_disable,
        _add_user_name,
    ),
    "passwd": Command(
        "change an account's password",
        "Change an account's password: asked twice, or read from the first line of standard input "
        "with --password-stdin.",
        cmd_user_passwd,
        _add_user_passwd_arguments,
    ),
}


def _add_user_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="action", required=True)
    for name, command in USER_COMMANDS.items():
        subparser = actions.add_parser(name, help=command.help, description=command.description)
        command.add_arguments(subparser)
        subparser.set_defaults(run_action=command.run)


def cmd_user(args: argparse.Namespace) -> int:
    return args.run_action(args)


def cmd_export_shops(args: argparse.Namespace) -> int:
    engine = _existing_store()
    as_of = args.as_of or dt.date.today()
    with Session(engine) as session:
        frame = export_shops.shops_export(session, as_of, args.commune)
    Path(args.out).write_bytes(export_shops.encode(frame, args.format))
    scope = f"commune {args.commune}" if args.commune else "the network"
    print(f"wrote {len(frame)} shops of {scope} as of {as_of.isoformat()} to {args.out}")
    return 0


def _add_export_shops_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format", required=True, choices=tuple(export_shops.FORMATS), help="file format of the export"
    )
    parser.add_argument(
        "--commune", metavar="CODE", help="INSEE code of one commune (default: every network commune)"
    )
    parser.add_argument(
        "--as-of",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="the shops' status as of this date (default today)",
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


def _add_export_arguments(parser: argparse.ArgumentParser) -> None:
    kinds = parser.add_subparsers(dest="kind", metavar="what", required=True)
    for name, command in EXPORT_COMMANDS.items():
        subparser = kinds.add_parser(name, help=command.help, description=command.description)
        command.add_arguments(subparser)
        subparser.set_defaults(run_action=command.run)


def cmd_export(args: argparse.Namespace) -> int:
    return args.run_action(args)


def cmd_backup(args: argparse.Namespace) -> int:
    target = backup.backup(settings.database_url(), Path(args.file))
    print(f"wrote a backup of the store to {target}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    revision = backup.restore(Path(args.file), settings.database_url(), force=args.force)
    print(f"restored {args.file} into the store: {shown_url(settings.database_url())}")
    print(f"schema revision: {revision}")
    return 0


def _add_backup_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the backup file to write (replaced if it exists)")


def _add_restore_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="a backup file written by `backup`")
    parser.add_argument(
        "--force", action="store_true", help="replace a store that already holds communes, shops or accounts"
    )


# The subcommands, by name; import and bench will join them.
COMMANDS: dict[str, Command] = {
    "init": Command(
        "create or migrate the store",
        "Create the store, or upgrade it to the latest schema without losing a row, "
        "and print its schema revision.",
        cmd_init,
        _add_init_arguments,
    ),
    "demo": Command(
        "load the demo data",
        "Migrate the store, then load the demo data (the 22 real communes around Donges with generated "
        "shops, status histories and visits) into it; it must be empty unless --force is given.",
        cmd_demo,
        _add_demo_arguments,
    ),
    "info": Command(
        "show what the store holds",
        "Show the store's URL (password hidden), its schema revision and what it holds. "
        "Creates nothing: a missing or unmigrated store is an error.",
        cmd_info,
    ),
    "report": Command(
        "the council report of a commune (JSON or PDF)",
        "Compute a network commune's council report as of a date: its KPIs, ten years of openings, "
        "closures and visits, its vacancy and density against the reference figures. JSON (UTF-8) goes to "
        "standard output unless --out is given; a one-page A4 PDF needs --out, or standard output "
        "redirected. A commune outside the network has no report.",
        cmd_report,
        _add_report_arguments,
    ),
    "user": Command(
        "manage the accounts that may edit",
        "Manage the accounts of the people who edit the data: add, list, disable, passwd. "
        "The store must exist (`init`); the first account is an admin.",
        cmd_user,
        _add_user_arguments,
    ),
    "export": Command(
        "export the store's data to files",
        "Export the store's data to a file: `export shops` writes the shop directory as CSV, Excel or "
        "GeoJSON. The store must exist (`init`).",
        cmd_export,
        _add_export_arguments,
    ),
    "backup": Command(
        "copy the store to a backup file",
        "Write a consistent copy of the whole SQLite store to FILE with SQLite's online backup API: only "
        "committed changes are copied, and the app may keep running meanwhile. The file is a store on its "
        "own, restorable on another machine with `restore`.",
        cmd_backup,
        _add_backup_arguments,
    ),
    "restore": Command(
        "replace the store with a backup file",
        "Check that FILE is a sound backup of a Wiker store, copy it into the store named by "
        f"{settings.DATABASE_URL.env} (created if missing), then upgrade it to the latest schema. A store "
        "that already holds data is replaced only with --force.",
        cmd_restore,
        _add_restore_arguments,
    ),
}


def cmd_import_population(args: argparse.Namespace) -> int:
    from wiker_data.importers import ImportFailed
    from wiker_data.importers.population import apply_population_import, plan_population_import
    from wiker_data.services import write_transaction

    engine = _existing_store()
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


def _add_import_arguments(parser: argparse.ArgumentParser) -> None:
    sources = parser.add_subparsers(dest="source", metavar="source", required=True)
    for name, command in IMPORT_COMMANDS.items():
        subparser = sources.add_parser(name, help=command.help, description=command.description)
        command.add_arguments(subparser)
        subparser.set_defaults(run_source=command.run)


COMMANDS["import"] = Command(
    "import open-data files",
    "Import an open-data file into the store, after showing what would change: population. "
    "The file is imported in one transaction; every change is audited with the source 'import'.",
    lambda args: args.run_source(args),
    _add_import_arguments,
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
        raise CliError(message)


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of `python -m wiker_data`, one subparser per command."""
    parser = _Parser(
        prog="python -m wiker_data",
        description="Manage the store of the Wiker town-centre vitality dashboard. "
        f"The store is {settings.DATABASE_URL.env} (default {settings.DATABASE_URL.default}).",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="command", required=True)
    for name, command in COMMANDS.items():
        subparser = subparsers.add_parser(name, help=command.help, description=command.description)
        command.add_arguments(subparser)
        subparser.set_defaults(run=command.run)
    return parser


def _one_line(error: Exception) -> str:
    if isinstance(error, DBAPIError) and error.orig is not None:
        error = error.orig
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    try:
        args = build_parser().parse_args(argv)
        return args.run(args)
    except SystemExit as done:  # --help
        return done.code if isinstance(done.code, int) else 0
    except (
        CliError,
        backup.BackupError,
        StoreNotEmpty,
        SQLAlchemyError,
        CommandError,
        OSError,
        ImportError,
        ValueError,
    ) as error:
        print(f"error: {_one_line(error)}", file=sys.stderr)
        return 1
