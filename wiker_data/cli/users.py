"""`python -m wiker_data user …`: the accounts of the people who may edit."""

from __future__ import annotations

import argparse
import getpass
import sys

from sqlalchemy.orm import Session

from wiker_data import accounts
from wiker_data.cli.base import CliError, Command, add_group, existing_store, run_group
from wiker_data.importers import ImportActor
from wiker_data.services import ServiceError, perform
from wiker_data.services import accounts as account_changes

# Who the account commands act for in the audit log: an admin without an account, as for imports.
ACTOR = ImportActor("cli")


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


def _change(engine, change, *args: object) -> None:
    """Run one account change in a write transaction of its own, audited as made from the command line."""
    try:
        perform(engine, change, ACTOR, *args, source="cli")
    except ServiceError as refused:  # e.g. Busy: an import holds the store
        raise CliError(str(refused)) from None


def cmd_user_add(args: argparse.Namespace) -> int:
    engine = existing_store()
    with Session(engine) as session:
        accounts.check_new_account(session, args.name, args.role, args.commune)
    password = _read_password(args)
    _change(engine, account_changes.create_account, args.name, password, args.role, args.commune)
    print(f"added the {args.role} account {args.name}")
    return 0


def cmd_user_list(args: argparse.Namespace) -> int:
    with Session(existing_store()) as session:
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
    _change(existing_store(), account_changes.disable_account, args.name)
    print(f"disabled the account {args.name}: it can no longer sign in")
    return 0


def cmd_user_passwd(args: argparse.Namespace) -> int:
    engine = existing_store()
    password = _read_password(args)
    _change(engine, account_changes.set_password, args.name, password)
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


def add_user_arguments(parser: argparse.ArgumentParser) -> None:
    add_group(parser, USER_COMMANDS, dest="action", metavar="action")


def cmd_user(args: argparse.Namespace) -> int:
    return run_group(args)
