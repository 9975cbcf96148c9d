import datetime as dt
import io
import json
import os
import subprocess
import sys

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.builders import add_commune
from wiker_data import accounts, settings
from wiker_data.accounts import (
    DEMO_COORDINATOR,
    AccountError,
    AccountView,
    LockedOut,
    SignedIn,
    SignInFailed,
    list_accounts,
    verify_password,
)
from wiker_data.cli.main import main
from wiker_data.cli.users import ACTOR, USER_COMMANDS
from wiker_data.demo.generator import StoreNotEmpty, load_demo
from wiker_data.models import Account, AccountCommune, AuditEntry, Shop, SignInAttempt
from wiker_data.services import ValidationError, perform, undo, write_transaction
from wiker_data.services.accounts import create_account, disable_account, set_password, sign_in
from wiker_data.services.errors import PermissionDenied, can_edit, require_edit

T = dt.datetime(2026, 11, 26, 9, 0, 0)  # naive UTC, as the store keeps times
SECOND, MINUTE = dt.timedelta(seconds=1), dt.timedelta(minutes=1)
PASSWORD = "correct horse battery"
DEMO_TODAY = dt.date(2026, 11, 26)


@pytest.fixture(autouse=True)
def quick_hashes(monkeypatch):
    """Hash with argon2id at its cheapest parameters: the same code paths, a fraction of the time."""
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    accounts.demo_password_hash.cache_clear()
    accounts._decoy_hash.cache_clear()
    yield
    accounts.demo_password_hash.cache_clear()  # other modules get hashes of the real parameters
    accounts._decoy_hash.cache_clear()


@pytest.fixture
def communes(engine):
    """Return the engine of a store with three communes: Donges, Trignac and Saint-Nazaire."""
    with Session(engine) as session:
        add_commune(session, "44052", "Donges")
        add_commune(session, "44210", "Trignac")
        add_commune(session, "44184", "Saint-Nazaire")
        session.commit()
    return engine


@pytest.fixture
def session(communes):
    """Return a session on a store with the three communes and two accounts: the coordinator bob
    (Donges and Trignac) and the admin ada, both with PASSWORD."""
    with write_transaction(communes) as session:
        create_account(session, ACTOR, "bob", PASSWORD, "coordinator", ["44210", "44052"])
        create_account(session, ACTOR, "ada", PASSWORD, "admin")
    with Session(communes) as session:
        yield session


def attempts(session: Session, name: str) -> list[bool]:
    return list(
        session.scalars(
            select(SignInAttempt.succeeded).where(SignInAttempt.name == name).order_by(SignInAttempt.id)
        )
    )


def fail(session: Session, name: str, at: dt.datetime, times: int = 1, step=10 * SECOND) -> None:
    for n in range(times):
        with pytest.raises(SignInFailed):
            sign_in(session, name, "wrong password", now=at + n * step)


# Signing in


def test_right_password_signs_in_with_the_accounts_communes(session):
    signed_in = sign_in(session, "bob", PASSWORD, now=T)
    assert signed_in == SignedIn(
        account_id=signed_in.account_id,
        name="bob",
        role="coordinator",
        communes=("44052", "44210"),
        demo_only=False,
    )
    assert attempts(session, "bob") == [True]


def test_signed_in_is_plain_frozen_values(session):
    signed_in = sign_in(session, "bob", PASSWORD, now=T)
    with pytest.raises(AttributeError):
        signed_in.role = "admin"
    assert isinstance(signed_in.account_id, int)


@pytest.mark.parametrize(
    "name, password",
    [("bob", "wrong password"), ("nobody", PASSWORD), ("bob", ""), ("Bob", PASSWORD)],
    ids=["wrong password", "unknown name", "empty password", "name in another case"],
)
def test_refusals_share_one_message_that_tells_nothing(session, name, password):
    with pytest.raises(SignInFailed) as refused:
        sign_in(session, name, password, now=T)
    assert str(refused.value) == "wrong name or password"
    assert attempts(session, name) == [False]


def test_disabled_account_is_refused_with_the_same_message(session):
    perform(session.get_bind(), disable_account, ACTOR, "bob")
    session.commit()
    with pytest.raises(SignInFailed, match=r"^wrong name or password$"):
        sign_in(session, "bob", PASSWORD, now=T)


def test_five_failures_lock_the_name_even_for_the_right_password(session):
    fail(session, "bob", T, times=5)  # the 5th at T + 40 s
    fifth = T + 40 * SECOND
    with pytest.raises(LockedOut) as locked:
        sign_in(session, "bob", PASSWORD, now=fifth + MINUTE)
    assert locked.value.until == fifth + 5 * MINUTE
    with pytest.raises(LockedOut):
        sign_in(session, "bob", PASSWORD, now=fifth + 5 * MINUTE - SECOND)
    assert sign_in(session, "bob", PASSWORD, now=fifth + 5 * MINUTE + SECOND).name == "bob"
    assert attempts(session, "bob") == [False] * 7 + [True]


def test_attempts_refused_during_a_lock_out_do_not_extend_it(session):
    fail(session, "bob", T, times=5, step=SECOND)
    for seconds in range(10, 300, 10):  # someone keeps trying
        with pytest.raises(LockedOut):
            sign_in(session, "bob", "wrong password", now=T + seconds * SECOND)
    assert sign_in(session, "bob", PASSWORD, now=T + 4 * SECOND + 5 * MINUTE).name == "bob"


def test_four_failures_do_not_lock(session):
    fail(session, "bob", T, times=4)
    assert sign_in(session, "bob", PASSWORD, now=T + MINUTE).name == "bob"


def test_a_success_resets_the_failure_count(session):
    fail(session, "bob", T, times=4)
    sign_in(session, "bob", PASSWORD, now=T + MINUTE)
    fail(session, "bob", T + 2 * MINUTE, times=4)
    assert sign_in(session, "bob", PASSWORD, now=T + 3 * MINUTE).name == "bob"


def test_failures_older_than_five_minutes_do_not_count(session):
    fail(session, "bob", T, times=4, step=SECOND)  # T .. T + 3 s
    fail(session, "bob", T + 3 * SECOND + 5 * MINUTE + SECOND)  # the first four are out of the window
    assert sign_in(session, "bob", PASSWORD, now=T + 6 * MINUTE).name == "bob"


def test_after_a_lock_out_five_new_failures_lock_again(session):
    fail(session, "bob", T, times=5, step=SECOND)
    fail(session, "bob", T + 6 * MINUTE, times=5, step=SECOND)
    with pytest.raises(LockedOut):
        sign_in(session, "bob", PASSWORD, now=T + 7 * MINUTE)


def test_unknown_names_are_locked_out_too(session):
    fail(session, "ghost", T, times=5)
    with pytest.raises(LockedOut):
        sign_in(session, "ghost", "anything at all", now=T + MINUTE)


def test_a_lock_out_holds_for_its_name_only(session):
    fail(session, "bob", T, times=5)
    assert sign_in(session, "ada", PASSWORD, now=T + MINUTE).name == "ada"


def test_a_refused_attempt_is_kept_when_the_caller_rolls_back(communes):
    with Session(communes) as session:
        perform(session.get_bind(), create_account, ACTOR, "bob", PASSWORD, "coordinator", ["44052"])
        session.commit()
    with Session(communes) as session, pytest.raises(SignInFailed), session.begin():
        sign_in(session, "bob", "wrong password", now=T)
    with Session(communes) as session:
        assert attempts(session, "bob") == [False]


def test_a_hash_with_weaker_parameters_is_upgraded_at_sign_in(session, monkeypatch):
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher())  # the parameters were raised since
    sign_in(session, "bob", PASSWORD, now=T)
    stored = session.scalar(select(Account.password_hash).where(Account.name == "bob"))
    assert stored.startswith("$argon2id$")
    assert not PasswordHasher().check_needs_rehash(stored)
    assert sign_in(session, "bob", PASSWORD, now=T + SECOND).name == "bob"


def test_refresh_forgets_a_disabled_account(session):
    signed_in = sign_in(session, "bob", PASSWORD, now=T)
    assert accounts.refresh(session, signed_in) == signed_in
    perform(session.get_bind(), disable_account, ACTOR, "bob")
    session.commit()
    assert accounts.refresh(session, signed_in) is None


# Rights


def test_coordinator_edits_its_communes_and_no_other(session):
    bob = sign_in(session, "bob", PASSWORD, now=T)
    assert can_edit(bob, "44052") and can_edit(bob, "44210")
    assert not can_edit(bob, "44184")
    require_edit(bob, "44052")
    with pytest.raises(PermissionDenied, match="bob may not edit the commune 44184") as denied:
        require_edit(bob, "44184")
    assert (denied.value.account_name, denied.value.commune_code) == ("bob", "44184")
    assert not can_edit(bob, None)  # data of no commune: admins only


def test_admin_edits_every_commune(session):
    ada = sign_in(session, "ada", PASSWORD, now=T)
    assert ada.communes == ()
    for code in ("44052", "44210", "44184", "99999", None):
        assert can_edit(ada, code)
        require_edit(ada, code)


def test_nobody_signed_in_edits_nothing():
    assert not can_edit(None, "44052")
    with pytest.raises(PermissionDenied, match="sign in to edit the commune 44052"):
        require_edit(None, "44052")


# Managing accounts


@pytest.mark.parametrize(
    "name, password, role, codes, field",
    [
        ("jo", PASSWORD, "admin", (), "name"),
        ("x" * 61, PASSWORD, "admin", (), "name"),
        ("jo hn", PASSWORD, "admin", (), "name"),
        ("<script>", PASSWORD, "admin", (), "name"),
        ("élodie", PASSWORD, "admin", (), "name"),
        ("BOB", PASSWORD, "admin", (), "name"),  # bob exists: names differ by more than their case
        ("carol", PASSWORD, "mayor", (), "role"),
        ("carol", PASSWORD, "coordinator", (), "communes"),
        ("carol", PASSWORD, "coordinator", ("44052", "99999"), "communes"),
        ("carol", PASSWORD, "admin", ("44052",), "communes"),
        ("carol", "123456789", "admin", (), "password"),
        ("carol", "x" * 1001, "admin", (), "password"),
    ],
    ids=[
        "name too short",
        "name too long",
        "space in name",
        "markup in name",
        "accent in name",
        "duplicate name",
        "unknown role",
        "coordinator without commune",
        "unknown commune",
        "admin with communes",
        "password too short",
        "password too long",
    ],
)
def test_a_refused_account_names_its_field_and_adds_nothing(session, name, password, role, codes, field):
    with pytest.raises(AccountError) as refused:
        perform(session.get_bind(), create_account, ACTOR, name, password, role, codes)
    assert refused.value.field == field
    assert str(refused.value).startswith(f"{field}: ")
    session.rollback()
    assert session.scalar(select(func.count()).select_from(Account)) == 2


def test_unknown_commune_error_names_the_code(session):
    with pytest.raises(AccountError, match="99999"):
        perform(
            session.get_bind(), create_account, ACTOR, "carol", PASSWORD, "coordinator", ["44052", "99999"]
        )


def test_name_of_60_allowed_characters_is_accepted(session):
    name = "a.b-c_" + "9" * 54
    assert perform(session.get_bind(), create_account, ACTOR, name, PASSWORD, "admin").name == name


def test_the_stored_hash_is_argon2id_salted_and_never_the_password(session):
    hashes = list(session.scalars(select(Account.password_hash).order_by(Account.name)))
    assert all(h.startswith("$argon2id$") for h in hashes)
    assert PASSWORD not in "".join(hashes)
    assert hashes[0] != hashes[1]  # same password, different salts
    assert verify_password(hashes[0], PASSWORD)


@pytest.mark.parametrize("stored", ["", "plain text", "$argon2id$v=19$broken"])
def test_an_unreadable_hash_verifies_nothing(stored):
    assert verify_password(stored, PASSWORD) is False


def test_set_password_replaces_the_old_one(session):
    perform(session.get_bind(), set_password, ACTOR, "bob", "a brand new password")
    session.commit()
    with pytest.raises(SignInFailed):
        sign_in(session, "bob", PASSWORD, now=T)
    assert sign_in(session, "bob", "a brand new password", now=T + SECOND).name == "bob"


@pytest.mark.parametrize(
    "change",
    [
        lambda s: perform(s.get_bind(), set_password, ACTOR, "nobody", PASSWORD),
        lambda s: perform(s.get_bind(), disable_account, ACTOR, "nobody"),
    ],
)
def test_changing_an_unknown_account_names_it(session, change):
    with pytest.raises(AccountError, match="no account named 'nobody'"):
        change(session)


def test_list_accounts_by_name_without_hashes(session):
    perform(session.get_bind(), disable_account, ACTOR, "bob")
    assert list_accounts(session) == [
        AccountView(name="ada", role="admin", communes=(), active=True, demo_only=False),
        AccountView(
            name="bob", role="coordinator", communes=("44052", "44210"), active=False, demo_only=False
        ),
    ]


# Command line


def run_module(url: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "wiker_data", *args],
        cwd=settings.PROJECT_ROOT,
        env=dict(os.environ, WIKER_DATABASE_URL=url),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def with_stdin(monkeypatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))


def test_user_add_reads_the_password_from_stdin_and_user_list_shows_it(communes, db_url):
    added = run_module(
        db_url, "user", "add", "bob", "--role", "coordinator", "--commune", "44052", "--commune", "44210",
        "--password-stdin", stdin=f"{PASSWORD}\nignored second line\n",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert added.stdout == "added the coordinator account bob\n"
    listed = run_module(db_url, "user", "list")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines() == [
        "name  role         communes     active  demo",
        "bob   coordinator  44052 44210  yes     no",
    ]
    with Session(communes) as session:
        assert sign_in(session, "bob", PASSWORD, now=T).communes == ("44052", "44210")


def test_user_add_unknown_commune_is_one_error_line(communes, db_url):
    done = run_module(
        db_url, "user", "add", "bob", "--role", "coordinator", "--commune", "99999", "--password-stdin",
        stdin=PASSWORD,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr == "error: communes: no commune with the INSEE code 99999 in the store\n"
    with Session(communes) as session:
        assert session.scalar(select(func.count()).select_from(Account)) == 0


def test_user_disable_then_sign_in_fails(session, capsys):
    assert main(["user", "disable", "bob"]) == 0
    assert "disabled the account bob" in capsys.readouterr().out
    session.expire_all()
    with pytest.raises(SignInFailed):
        sign_in(session, "bob", PASSWORD, now=T)
    assert main(["user", "list"]) == 0
    assert capsys.readouterr().out.splitlines()[2].split() == [
        "bob",
        "coordinator",
        "44052",
        "44210",
        "no",
        "no",
    ]


def test_user_passwd_changes_the_password(session, monkeypatch):
    with_stdin(monkeypatch, "another password\n")
    assert main(["user", "passwd", "bob", "--password-stdin"]) == 0
    with pytest.raises(SignInFailed):
        sign_in(session, "bob", PASSWORD, now=T)
    assert sign_in(session, "bob", "another password", now=T + SECOND).name == "bob"


def test_user_add_asks_the_password_twice(communes, monkeypatch):
    answers = iter([PASSWORD, PASSWORD])
    monkeypatch.setattr(sys, "stdin", type("Terminal", (io.StringIO,), {"isatty": lambda self: True})())
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    assert main(["user", "add", "ada", "--role", "admin"]) == 0
    with Session(communes) as session:
        assert sign_in(session, "ada", PASSWORD, now=T).role == "admin"


@pytest.mark.parametrize(
    "answers, message",
    [((PASSWORD, "something else"), "the two passwords differ"), (("short",), "password: at least 10")],
)
def test_user_add_refuses_a_password_typed_badly(communes, monkeypatch, capsys, answers, message):
    typed = iter(answers)
    monkeypatch.setattr(sys, "stdin", type("Terminal", (io.StringIO,), {"isatty": lambda self: True})())
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(typed))
    assert main(["user", "add", "ada", "--role", "admin"]) == 1
    assert capsys.readouterr().err.startswith(f"error: {message}")
    with Session(communes) as session:
        assert session.scalar(select(func.count()).select_from(Account)) == 0


@pytest.mark.parametrize(
    "argv, stdin, message",
    [
        (["user", "add", "carol", "--role", "admin"], "", "error: no terminal to ask the password on"),
        (
            ["user", "add", "carol", "--role", "admin", "--password-stdin"],
            "",
            "error: no password on the first",
        ),
        (["user", "add", "bob", "--role", "admin", "--password-stdin"], PASSWORD, "error: name: an account"),
        (["user", "add", "carol", "--role", "mayor"], "", "error: argument --role: invalid choice"),
        (["user", "passwd", "nobody", "--password-stdin"], PASSWORD, "error: name: no account named"),
        (["user", "disable", "nobody"], "", "error: name: no account named 'nobody'"),
        (["user"], "", "error: the following arguments are required: action"),
    ],
)
def test_user_errors_are_one_line_and_status_1(session, monkeypatch, capsys, argv, stdin, message):
    with_stdin(monkeypatch, stdin)
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith(message)
    assert len(err.splitlines()) == 1


def test_account_commands_are_audited_without_the_password_or_its_hash(communes, monkeypatch):
    with_stdin(monkeypatch, f"{PASSWORD}\n")
    argv = ["user", "add", "carol", "--role", "coordinator", "--commune", "44210", "--commune", "44052"]
    assert main([*argv, "--password-stdin"]) == 0
    with_stdin(monkeypatch, "another password\n")
    assert main(["user", "passwd", "carol", "--password-stdin"]) == 0
    assert main(["user", "disable", "carol"]) == 0
    carol = {"name": "carol", "role": "coordinator", "communes": ["44052", "44210"], "active": True}
    with Session(communes) as session:
        entries = list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))
        stored_hash, carol_id = session.execute(
            select(Account.password_hash, Account.id).where(Account.name == "carol")
        ).one()
    assert [(e.action, e.before, e.after) for e in entries] == [
        ("create", None, carol),
        ("passwd", carol, {**carol, "password": "changed"}),
        ("disable", carol, {**carol, "active": False}),
    ]
    for entry in entries:
        # By the account's id: a name may have 60 characters, an audit entry's id at most 40.
        assert (entry.entity, entry.entity_id, entry.commune_code) == ("account", str(carol_id), None)
        assert (entry.actor, entry.account_id, entry.source) == ("cli", None, "cli")
        written = json.dumps([entry.before, entry.after])
        assert stored_hash not in written and "$argon2" not in written
        assert PASSWORD not in written and "another password" not in written


def test_undo_refuses_an_account_change(session):
    perform(session.get_bind(), disable_account, ACTOR, "bob")
    entry_id = session.scalar(select(AuditEntry.id).where(AuditEntry.action == "disable"))
    with pytest.raises(ValidationError) as refused:
        perform(session.get_bind(), undo, ACTOR, entry_id)
    assert refused.value.errors == {"entry": "undo.unsupported"}
    session.commit()
    assert [view.active for view in list_accounts(session)] == [True, False]  # ada, bob: still disabled
    assert (
        session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "undo")) == 0
    )


def test_user_commands_need_an_existing_store(tmp_path, monkeypatch, capsys):
    missing = tmp_path / "nowhere" / "store.db"
    monkeypatch.setenv("WIKER_DATABASE_URL", f"sqlite:///{missing}")
    assert main(["user", "list"]) == 1
    assert capsys.readouterr().err.startswith("error: no store at")
    assert not missing.parent.exists()


@pytest.mark.parametrize("action", sorted(USER_COMMANDS))
def test_every_user_action_has_help(action, capsys):
    assert main(["user", action, "--help"]) == 0
    assert capsys.readouterr().out.startswith(f"usage: python -m wiker_data user {action}")
    assert len(USER_COMMANDS[action].description) > len(USER_COMMANDS[action].help)


# The demo coordinator


def test_demo_store_has_the_demo_coordinator_with_the_published_password(engine):
    load_demo(engine, seed=3, today=DEMO_TODAY)
    with Session(engine) as session:
        demo = sign_in(session, DEMO_COORDINATOR.name, "wiker-demo-2026", now=T)
        assert list_accounts(session) == [
            AccountView(
                name="demo", role="coordinator", communes=("44052", "44210"), active=True, demo_only=True
            )
        ]
    assert demo.demo_only
    assert can_edit(demo, "44052")
    assert not can_edit(demo, "44184")
    with pytest.raises(PermissionDenied, match="44184"):
        require_edit(demo, "44184")


def test_demo_force_twice_replaces_accounts_attempts_and_audit_log(engine, capsys):
    assert main(["demo", "--seed", "3"]) == 0
    assert "demo coordinator: demo" in capsys.readouterr().out
    with Session(engine) as session:
        demo = sign_in(session, "demo", DEMO_COORDINATOR.password, now=T)
        with pytest.raises(SignInFailed):
            sign_in(session, "demo", "wrong password", now=T + SECOND)
        shop = session.scalar(select(Shop).where(Shop.commune_code == "44052").limit(1))
        change = dict(account_id=demo.account_id, actor="demo", entity="shop", entity_id=str(shop.id))
        first = AuditEntry(
            action="update", commune_code="44052", before={"name": "a"}, after={"name": "b"}, **change
        )
        session.add(first)
        session.flush()
        session.add(AuditEntry(action="undo", undoes_id=first.id, **change))
        session.commit()
    for _ in range(2):
        assert main(["demo", "--seed", "3", "--force"]) == 0
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == 0
        assert session.scalar(select(func.count()).select_from(SignInAttempt)) == 0
        assert session.scalar(select(func.count()).select_from(AccountCommune)) == 2
        assert [view.name for view in list_accounts(session)] == ["demo"]
        assert sign_in(session, "demo", DEMO_COORDINATOR.password, now=T).communes == ("44052", "44210")


def test_demo_force_refuses_a_store_with_real_accounts(engine):
    load_demo(engine, seed=3, today=DEMO_TODAY)
    with Session(engine) as session:
        perform(session.get_bind(), create_account, ACTOR, "carol", PASSWORD, "coordinator", ["44184"])
        session.commit()
        shops = session.scalar(select(func.count()).select_from(Shop))
    with pytest.raises(StoreNotEmpty, match="the store has real accounts: carol"):
        load_demo(engine, seed=4, today=DEMO_TODAY, force=True)
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(Shop)) == shops
        assert [view.name for view in list_accounts(session)] == ["carol", "demo"]


def test_seeding_an_empty_store_keeps_an_admin_added_before(engine):
    with Session(engine) as session:
        perform(session.get_bind(), create_account, ACTOR, "ada", PASSWORD, "admin")
        session.commit()
    assert main(["init", "--seed-demo"]) == 0
    with Session(engine) as session:
        assert [view.name for view in list_accounts(session)] == ["ada", "demo"]
        assert sign_in(session, "ada", PASSWORD, now=T).is_admin


def test_seeding_refuses_a_real_account_that_holds_the_demo_name(engine):
    with Session(engine) as session:
        perform(session.get_bind(), create_account, ACTOR, "demo", PASSWORD, "admin")
        session.commit()
    with pytest.raises(StoreNotEmpty, match="a real account named 'demo'"):
        load_demo(engine, seed=3, today=DEMO_TODAY)
    with Session(engine) as session:
        assert list_accounts(session) == [
            AccountView(name="demo", role="admin", communes=(), active=True, demo_only=False)
        ]
        assert session.scalar(select(func.count()).select_from(Shop)) == 0


def test_seeding_an_empty_store_keeps_the_audit_of_its_accounts(engine):
    with Session(engine) as session:
        perform(session.get_bind(), create_account, ACTOR, "ada", PASSWORD, "admin")
    assert main(["init", "--seed-demo"]) == 0
    with Session(engine) as session:
        entries = session.execute(
            select(AuditEntry.action, AuditEntry.after["name"].as_string()).where(
                AuditEntry.entity == "account"
            )
        ).all()
    assert [tuple(entry) for entry in entries] == [("create", "ada")]


# Parallel guesses: the attempt counts before the password is checked


RACERS = 40


def race_wrong_guesses(engines, monkeypatch) -> tuple[int, list[BaseException]]:
    """Run RACERS wrong sign-ins for bob at once, each on its own session of one of `engines`;
    return how many times a password was verified and what each attempt raised."""
    import threading

    checks, lock = [0], threading.Lock()
    real = accounts.verify_password

    def counted(password_hash, password):
        with lock:
            checks[0] += 1
        return real(password_hash, password)

    monkeypatch.setattr(accounts, "verify_password", counted)
    start, errors = threading.Barrier(RACERS), []

    def guess(n: int) -> None:
        with Session(engines[n % len(engines)]) as own:
            start.wait()
            try:
                sign_in(own, "bob", "wrong password", now=T)
            except BaseException as error:
                errors.append(error)

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return checks[0], errors


def test_parallel_wrong_guesses_get_five_password_checks_at_most(session, communes, monkeypatch):
    checks, errors = race_wrong_guesses([communes], monkeypatch)
    assert len(errors) == RACERS and all(isinstance(e, (SignInFailed, LockedOut)) for e in errors)
    assert checks <= accounts.LOCK_AFTER
    assert attempts(session, "bob") == [False] * RACERS


def test_two_app_instances_share_the_five_guesses(session, communes, db_url, monkeypatch):
    from wiker_data.db import make_engine

    other = make_engine(db_url)
    try:
        checks, errors = race_wrong_guesses([communes, other], monkeypatch)
    finally:
        other.dispose()
    assert len(errors) == RACERS and all(isinstance(e, (SignInFailed, LockedOut)) for e in errors)
    assert checks <= accounts.LOCK_AFTER
