"""The command line, `python -m wiker_data <command>`: each command is a few
lines that open the store and call the library.

Every command honours WIKER_DATABASE_URL; on failure it prints one line
`error: <message>` to stderr and exits with status 1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

from alembic.util.exc import CommandError
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session

from wiker_data import accounts, backup, i18n, settings
from wiker_data.cli.base import CliError, Command, iso_date, missing_store_file, run_group, shown_url
from wiker_data.cli.communes import add_commune_arguments, membership_lines
from wiker_data.cli.figures import REBUILD_FIGURES
from wiker_data.cli.files import (
    add_backup_arguments,
    add_export_arguments,
    add_restore_arguments,
    cmd_backup,
    cmd_export,
    cmd_restore,
)
from wiker_data.cli.imports import add_import_arguments
from wiker_data.cli.users import add_user_arguments, cmd_user
from wiker_data.db import make_engine, migrate, schema_version
from wiker_data.demo.generator import StoreNotEmpty, open_store
from wiker_data.demo.scale import SCALES, load_scaled
from wiker_data.models import CatalogueItem, Commune, MonthlyVisits, Shop, StatusEvent
from wiker_data.queries import overview as overview_queries
from wiker_data.report.figures import build_report


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
            shops_open=overview_queries.overview(session, today).shops_open,  # as the overview counts
            shops=count(Shop),
            status_events=count(StatusEvent),
            catalogue_items=count(CatalogueItem),
            monthly_visits=count(MonthlyVisits),
            latest_month=session.scalar(select(func.max(MonthlyVisits.month))),
        )


def _revision_line(engine: Engine) -> str:
    current, head = schema_version(engine)
    return f"schema revision: {current or 'none'} (latest {head})"


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
    summary = load_scaled(
        engine, args.scale, seed=args.seed, force=args.force, progress=lambda line: print(line, flush=True)
    )
    print(f"loaded the demo data: {summary.describe()}")
    print(f"demo coordinator: {accounts.DEMO_COORDINATOR.name} (demo only, its password is in the README)")
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    url = settings.database_url()
    if path := missing_store_file(url):
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
    with Session(engine) as session:
        print("\n".join(membership_lines(session)))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    url = settings.database_url()
    if path := missing_store_file(url):
        raise CliError(f"no store at {path}: create it with `python -m wiker_data init`")
    if args.format == "pdf" and not args.out and sys.stdout.isatty():
        raise CliError("a PDF goes to a file: give --out FILE (or redirect standard output)")
    with Session(make_engine(url)) as session:
        figures = build_report(session, args.commune, args.as_of or dt.date.today())
    if args.format == "pdf":
        from wiker_data.report.pdf import report_pdf  # reportlab and matplotlib: only when asked for

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
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="compute the figures as of this date (default today)",
    )
    parser.add_argument(
        "--lang",
        choices=i18n.LANGUAGES,
        default=i18n.DEFAULT_LANGUAGE,
        help=f"language of the PDF (default {i18n.DEFAULT_LANGUAGE})",
    )


def _add_init_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--seed-demo", action="store_true", help="also load the demo data if the store is empty"
    )


def _add_demo_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--force", action="store_true", help="replace the data the store already holds")
    parser.add_argument(
        "--seed", type=int, help=f"seed of the generator (default: {settings.DEMO_SEED.env} or 2015)"
    )
    parser.add_argument(
        "--scale",
        choices=SCALES,
        default="small",
        help="small: the 22 real communes around Donges (default); department: 200 communes of "
        "Loire-Atlantique, 20,000 shops; national: 35,000 communes, 1,000,000 shops (a few minutes). "
        "Generated communes are named 'Commune générée DD-NNN'",
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
        "shops, status histories and visits) into it; it must be empty unless --force is given. With "
        "--scale department or national, a generated store of that size (for the benchmark).",
        cmd_demo,
        _add_demo_arguments,
    ),
    "info": Command(
        "show what the store holds",
        "Show the store's URL (password hidden), its schema revision and what it holds, with the network's "
        "members and former members and their dates. "
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
        add_user_arguments,
    ),
    "export": Command(
        "export the store's data to files",
        "Export the store's data to a file: `export shops` writes the shop directory as CSV, Excel or "
        "GeoJSON. The store must exist (`init`).",
        cmd_export,
        add_export_arguments,
    ),
    "backup": Command(
        "copy the store to a backup file",
        "Write a consistent copy of the whole SQLite store to FILE with SQLite's online backup API: only "
        "committed changes are copied, and the app may keep running meanwhile. The file is a store on its "
        "own, restorable on another machine with `restore`. An existing file at FILE is replaced only "
        "with --force; a symbolic link, a folder or any other non-regular file there is refused.",
        cmd_backup,
        add_backup_arguments,
    ),
    "restore": Command(
        "replace the store with a backup file",
        "Check that FILE is a sound backup of a Wiker store, copy it into the store named by "
        f"{settings.DATABASE_URL.env} (created if missing), then upgrade it to the latest schema. A store "
        "that already holds data is replaced only with --force.",
        cmd_restore,
        add_restore_arguments,
    ),
}


def cmd_bench(args: argparse.Namespace) -> int:
    # The benchmark drives the pages through Streamlit's AppTest: it lives beside the app, in bench/,
    # not in this package, which never imports Streamlit.
    command = [sys.executable, "-m", "bench", "--scale", args.scale, "--runs", str(args.runs)]
    if args.out:
        command += ["--out", str(args.out)]
    if args.url:
        command += ["--url", args.url]
    return subprocess.run(command, cwd=settings.PROJECT_ROOT, check=False).returncode


def _add_bench_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scale", choices=("department", "national", "tiny"), default="department")
    parser.add_argument("--runs", type=int, default=5, help="runs of each measure (medians)")
    parser.add_argument("--out", type=Path, help="folder of results-<scale>.json (default: bench/)")
    parser.add_argument(
        "--url", help="an empty store to build and measure (a PostgreSQL database) instead of a SQLite file"
    )


COMMANDS["bench"] = Command(
    "measure the app's speed",
    "Build a generated store of the scale in a temporary folder and measure every page (cold and warm, "
    "network and one commune), the map against a naive folium baseline, the main queries against their "
    "own SQL through sqlite3, the time from a saved edit to the map showing it, and the SIRENE import; "
    "print one table and write bench/results-<scale>.json. Needs the development requirements (make bench).",
    cmd_bench,
    _add_bench_arguments,
)

COMMANDS["import"] = Command(
    "import open-data files",
    "Import an open-data file into the store, after showing what would change: SIRENE establishments "
    "and their history, OpenStreetMap shops, INSEE populations, monthly visits. The file is imported in "
    "one transaction; every change is audited with its source (sirene, osm, insee, matomo, ...).",
    run_group,
    add_import_arguments,
)


COMMANDS["commune"] = Command(
    "a commune joins or leaves the network",
    "Record that a commune of the store joins the Wiker network (`commune join CODE --on YYYY-MM-DD`) or "
    "leaves it (`commune leave CODE --on YYYY-MM-DD`), in one audited transaction. `info` lists the "
    "members and former members with their dates.",
    run_group,
    add_commune_arguments,
)

COMMANDS["rebuild-figures"] = REBUILD_FIGURES


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
        raise CliError(message)


class _KeepLinesFormatter(argparse.HelpFormatter):
    """Wrap a one-line text (the description) as usual; keep a text of several lines (the settings
    epilog) as it is written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if "\n" in text:
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


def settings_epilog() -> str:
    """Return the help's list of the settings: each one's environment variable, default and help."""
    lines = ["settings (environment variables):"]
    for setting in settings.SETTINGS:
        lines.append(f"  {setting.env}  (default {setting.default})")
        lines += textwrap.wrap(setting.help, width=88, initial_indent="      ", subsequent_indent="      ")
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of `python -m wiker_data`, one subparser per command."""
    parser = _Parser(
        prog="python -m wiker_data",
        description="Manage the store of the Wiker town-centre vitality dashboard. "
        f"The store is {settings.DATABASE_URL.env} (default {settings.DATABASE_URL.default}).",
        epilog=settings_epilog(),
        formatter_class=_KeepLinesFormatter,
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
