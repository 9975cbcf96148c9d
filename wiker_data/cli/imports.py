"""`python -m wiker_data import …`: open-data files into the store, previewed, in one transaction."""

from __future__ import annotations

import argparse

from sqlalchemy.orm import Session

from wiker_data.cli.base import CliError, Command, add_group, existing_store


def _run_import(args: argparse.Namespace, plan_file, source: str) -> int:
    """Print what importing would change (plan_file(session)), then write it through the service
    layer in one transaction, for the actor "import `source`", unless --dry-run; a file that cannot
    be imported is an error, nothing written."""
    from wiker_data.importers import ImportFailed
    from wiker_data.services import ServiceError, write_transaction
    from wiker_data.services.imports import apply_plan

    engine = existing_store()
    try:
        with Session(engine) if args.dry_run else write_transaction(engine) as session:
            plan = plan_file(session)
            print("\n".join(plan.preview()))
            if args.dry_run:
                print("dry run: nothing written")
                return 0
            summary = apply_plan(session, plan, _import_actor(source))
    except (ImportFailed, ServiceError) as failed:  # e.g. Busy: another import holds the store
        raise CliError(str(failed)) from None
    print(summary.describe())
    return 0


def _departement(args: argparse.Namespace) -> str | None:
    """Return the --departement given, as a real département code; CliError saying what is accepted."""
    from wiker_data.departements import departement_code

    if args.departement is None:
        return None
    try:
        return departement_code(args.departement)
    except ValueError as error:
        raise CliError(f"--departement {error}") from None


DEPARTEMENT_HELP = (
    "keep the communes of this département: 01 to 95, 2A, 2B, 971 to 976 (a single digit is padded: 4 is 04)"
)


def cmd_import_population(args: argparse.Namespace) -> int:
    from wiker_data.importers.population import plan_population_import

    departement = _departement(args)
    return _run_import(
        args,
        lambda session: plan_population_import(
            session,
            args.file,
            args.year,
            args.add_communes,
            communes=args.commune,
            departement=departement,
        ),
        "population",
    )


def _add_import_population_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="INSEE's donnees_communes.csv or an older layout")
    parser.add_argument("--year", type=int, metavar="YYYY", help="reference year, where the file gives none")
    parser.add_argument(
        "--add-communes", action="store_true", help="also create the communes missing from the store"
    )
    scope = parser.add_mutually_exclusive_group()
    scope.add_argument(
        "--commune", metavar="CODE", action="append", help="keep this commune (repeatable); default: all"
    )
    scope.add_argument("--departement", metavar="DD", help=DEPARTEMENT_HELP)
    parser.add_argument("--dry-run", action="store_true", help="show what would change, write nothing")


def cmd_import_visits(args: argparse.Namespace) -> int:
    from wiker_data.importers.visits import plan_visits_import

    return _run_import(args, lambda session: plan_visits_import(session, args.file, args.commune), "visits")


def _add_import_visits_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file",
        metavar="FILE",
        help="a Matomo 'Visits overview' export (CSV or TSV), or a commune,month,visits CSV",
    )
    parser.add_argument("--commune", metavar="CODE", help="the INSEE code of the commune of a Matomo export")
    parser.add_argument("--dry-run", action="store_true", help="show what would change, write nothing")


def _import_actor(source: str):
    from wiker_data.importers import ImportActor

    return ImportActor(f"import {source}")


def cmd_import_sirene(args: argparse.Namespace) -> int:
    from wiker_data.importers.sirene import plan_sirene_import

    departement = _departement(args)
    return _run_import(
        args, lambda session: plan_sirene_import(session, args.file, args.commune, departement), "sirene"
    )


def _add_import_sirene_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", metavar="FILE", help="StockEtablissement_utf8.zip or .csv, or a geo_siret_DD.csv.gz file"
    )
    scope = parser.add_mutually_exclusive_group()
    scope.add_argument(
        "--commune",
        metavar="CODE",
        action="append",
        help="keep this commune (repeatable); default: the store's",
    )
    scope.add_argument("--departement", metavar="DD", help=DEPARTEMENT_HELP)
    parser.add_argument("--dry-run", action="store_true", help="show what would change, write nothing")


def cmd_import_sirene_history(args: argparse.Namespace) -> int:
    from wiker_data.importers.sirene_history import plan_sirene_history_import

    return _run_import(args, lambda session: plan_sirene_history_import(session, args.file), "sirene-history")


def _add_import_sirene_history_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="StockEtablissementHistorique_utf8.zip or .csv")
    parser.add_argument("--dry-run", action="store_true", help="show what would change, write nothing")


def cmd_import_osm(args: argparse.Namespace) -> int:
    from wiker_data.importers import ImportFailed
    from wiker_data.importers.osm import OSM_ATTRIBUTION, plan_osm_import
    from wiker_data.importers.overpass import fetch_overpass

    path = args.file or f"osm-{args.commune}.json"
    if args.fetch and args.commune is None:
        raise CliError("--fetch asks the Overpass API for one commune: give it with --commune")
    if args.fetch:
        try:
            fetch_overpass(args.commune, path)
        except ImportFailed as failed:
            raise CliError(str(failed)) from None
        print(f"fetched from the Overpass API into {path}")
    elif args.file is None:
        raise CliError("give the FILE to import, or --fetch to ask the Overpass API")
    print(f"data {OSM_ATTRIBUTION}")
    return _run_import(args, lambda session: plan_osm_import(session, path, args.commune), "osm")


def _add_import_osm_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file",
        metavar="FILE",
        nargs="?",
        help="Overpass API JSON (out center) or GeoJSON of the commune's shops, or of several communes'",
    )
    parser.add_argument(
        "--commune",
        metavar="CODE",
        help="the INSEE code of the file's commune (elements whose address names another are left out); "
        "default: each element's commune, named by its address or the nearest member within 15 km",
    )
    parser.add_argument(
        "--fetch", action="store_true", help="first ask the Overpass API (online), saving its answer in FILE"
    )
    parser.add_argument("--dry-run", action="store_true", help="show what would change, write nothing")


# The sources of `import`, by name.
IMPORT_COMMANDS: dict[str, Command] = {
    "population": Command(
        "INSEE municipal populations",
        "Import INSEE's municipal populations (donnees_communes.csv, or the two older layouts): each "
        "commune of the store gets its figure for the year; --add-communes also creates the missing ones; "
        "--commune or --departement keeps only those communes. "
        "Shows the new, updated, unchanged and rejected rows, and those outside the communes kept, then "
        "writes them in one transaction unless "
        "--dry-run is given.",
        cmd_import_population,
        _add_import_population_arguments,
    ),
    "visits": Command(
        "monthly visits (Matomo export or CSV)",
        "Import monthly visits: a Matomo 'Visits overview' export over several periods (CSV or TSV, "
        "UTF-16 or UTF-8; raw, English or French column names) for the commune given with --commune, "
        "its days summed into months; or a CSV with the columns commune, month, visits and optionally "
        "unique_visitors. Shows the new, updated, unchanged and rejected months, then writes them in one "
        "transaction unless --dry-run is given; each change is audited with the source 'matomo' or "
        "'visits-csv'.",
        cmd_import_visits,
        _add_import_visits_arguments,
    ),
    "sirene": Command(
        "SIRENE establishments (INSEE)",
        "Import the shops of INSEE's SIRENE register (StockEtablissement, plain or zipped, or the geocoded "
        "geo_siret_DD file): establishments whose NAF rév. 2 code is a shop category, in the communes given "
        "(by default those of the store); opening and closure dates become status events. Updates by SIRET: "
        "a re-import never duplicates, and never overwrites a field a person edited in the app.",
        cmd_import_sirene,
        _add_import_sirene_arguments,
    ),
    "sirene-history": Command(
        "SIRENE history of establishments (INSEE)",
        "Import the closures and reopenings of StockEtablissementHistorique for the shops already in the "
        "store (matched by SIRET).",
        cmd_import_sirene_history,
        _add_import_sirene_history_arguments,
    ),
    "osm": Command(
        "OpenStreetMap shops",
        "Import the shops of one commune (--commune) or of several from OpenStreetMap: an Overpass API JSON "
        "(nodes, and ways or relations with their centre) or a GeoJSON file, or, with --fetch, the "
        "Overpass API's answer for the commune. Without --commune each element goes to the commune of "
        "the store its addr:city (or contact:city) names, else the nearest member commune within 15 km; "
        "others are rejected. Updates by OpenStreetMap id; a shop already in the store (the SIRET of "
        "ref:FR:SIRET, else same commune, similar name, within 50 m) is linked rather than duplicated. "
        "Data © OpenStreetMap contributors, ODbL.",
        cmd_import_osm,
        _add_import_osm_arguments,
    ),
}


def add_import_arguments(parser: argparse.ArgumentParser) -> None:
    add_group(parser, IMPORT_COMMANDS, dest="source", metavar="source")
