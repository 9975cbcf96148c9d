"""`python -m wiker_data commune …`: a commune joining and leaving the Wiker network, and the
members that `info` lists."""

from __future__ import annotations

import argparse

from sqlalchemy import select
from sqlalchemy.orm import Session

from wiker_data.cli.base import CliError, Command, add_group, existing_store, iso_date
from wiker_data.models import Commune

# Who the commune commands act for in the audit log: an admin without an account, as for imports.
_ACTOR_NAME = "cli"


def _change(change, args: argparse.Namespace):
    """Run the membership change for args.code on args.on in one write transaction, audited with the
    source "cli"; a refusal is one error line and nothing is written."""
    from wiker_data.importers import ImportActor
    from wiker_data.services import NotFound, ServiceError, perform

    try:
        return perform(existing_store(), change, ImportActor(_ACTOR_NAME), args.code, args.on, source="cli")
    except NotFound:
        raise CliError(f"no commune with INSEE code {args.code} in the store") from None
    except ServiceError as refused:  # a date the rules refuse, or Busy: an import holds the store
        raise CliError(str(refused)) from None


def cmd_commune_join(args: argparse.Namespace) -> int:
    from wiker_data.services.membership import join_network

    commune = _change(join_network, args)
    print(f"{commune.name} ({commune.code}) joined the Wiker network on {commune.joined_on.isoformat()}")
    return 0


def cmd_commune_leave(args: argparse.Namespace) -> int:
    from wiker_data.services.membership import leave_network

    commune = _change(leave_network, args)
    print(f"{commune.name} ({commune.code}) left the Wiker network on {commune.left_on.isoformat()}")
    return 0


def membership_lines(session: Session) -> list[str]:
    """Return `info`'s lines on the network: each member with the date it joined, then each former
    member with the dates it joined and left, by name."""
    rows = session.execute(
        select(Commune.code, Commune.name, Commune.joined_on, Commune.left_on)
        .where(Commune.joined_on.is_not(None))
        .order_by(Commune.name, Commune.code)
    ).all()
    members = [row for row in rows if row.left_on is None]
    former = [row for row in rows if row.left_on is not None]
    lines = [f"network members: {len(members)}"]
    lines += [f"  {row.code} {row.name}, joined {row.joined_on.isoformat()}" for row in members]
    lines.append(f"former members: {len(former)}")
    lines += [
        f"  {row.code} {row.name}, joined {row.joined_on.isoformat()}, left {row.left_on.isoformat()}"
        for row in former
    ]
    return lines


def _add_membership_arguments(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("code", metavar="CODE", help="INSEE code of the commune (44052)")
    parser.add_argument("--on", required=True, type=iso_date, metavar="YYYY-MM-DD", help=what)


COMMUNE_COMMANDS: dict[str, Command] = {
    "join": Command(
        "a commune joins the Wiker network",
        "Record that the commune (already in the store, e.g. from `import population --add-communes`) "
        "joined the network on the date given, today or earlier: from that day its shops count in the "
        "network's figures and it has a council report. A commune that left may join again, on or after "
        "the day it left (its joining date becomes the new one). Audited; undoable from the app.",
        cmd_commune_join,
        lambda parser: _add_membership_arguments(parser, "the day it joined (today or earlier)"),
    ),
    "leave": Command(
        "a member commune leaves the Wiker network",
        "Record that a member commune left the network on the date given, after the day it joined and "
        "today or earlier: from that day its shops are outside the network's figures (those of earlier "
        "dates still count them) and it has no report as of that day or later. Audited; undoable from the "
        "app.",
        cmd_commune_leave,
        lambda parser: _add_membership_arguments(parser, "the day it left (today or earlier)"),
    ),
}


def add_commune_arguments(parser: argparse.ArgumentParser) -> None:
    add_group(parser, COMMUNE_COMMANDS, dest="action", metavar="action")
