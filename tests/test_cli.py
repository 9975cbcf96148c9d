import datetime as dt
import os
import re
import sqlite3
import subprocess
import sys

import pytest
from sqlalchemy import Date, bindparam, func, select, text

from wiker_data import settings
from wiker_data.cli.main import COMMANDS, main, shown_url
from wiker_data.db import make_engine, schema_version
from wiker_data.models import MonthlyVisits


def sql_row(url: str, query, **params) -> tuple:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return tuple(connection.execute(text(query) if isinstance(query, str) else query, params).one())
    finally:
        engine.dispose()


def sql_count(url: str, query, **params) -> int:
    return sql_row(url, query, **params)[0]


OPEN_TODAY = text("""
    SELECT count(*) FROM shop
    WHERE archived_at IS NULL AND (
        SELECT kind FROM status_event WHERE shop_id = shop.id AND event_date <= :today
        ORDER BY event_date DESC, id DESC LIMIT 1
    ) IN ('opened', 'reopened')
""").bindparams(bindparam("today", type_=Date))


def run_module(url: str, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, WIKER_DATABASE_URL=url)
    return subprocess.run(
        [sys.executable, "-m", "wiker_data", *args],
        cwd=settings.PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_init_creates_a_migrated_store(db_url, capsys):
    assert main(["init"]) == 0
    current, head = schema_version(make_engine(db_url))
    assert current == head
    assert f"schema revision: {head}" in capsys.readouterr().out
    assert sql_count(db_url, "SELECT count(*) FROM shop") == 0


def test_init_with_seed_demo_loads_the_demo_into_an_empty_store_only(db_url):
    assert main(["init", "--seed-demo"]) == 0
    shops = sql_count(db_url, "SELECT count(*) FROM shop")
    assert shops > 1000
    assert main(["init", "--seed-demo"]) == 0
    assert sql_count(db_url, "SELECT count(*) FROM shop") == shops


def test_demo_loads_and_info_reports_the_counts(db_url, capsys):
    assert main(["demo", "--seed", "5"]) == 0
    capsys.readouterr()
    assert main(["info"]) == 0
    out = capsys.readouterr().out
    today = dt.date.today()

    def reported(label: str) -> list[int]:
        line = next(line for line in out.splitlines() if line.startswith(label))
        return [int(n) for n in re.findall(r"\b\d+\b", line.removeprefix(label).split("(")[0])]

    assert reported("communes:") == [22]
    assert sql_count(db_url, "SELECT count(*) FROM commune") == 22
    line = next(line for line in out.splitlines() if line.startswith("shops:"))
    assert re.fullmatch(r"shops: (\d+) open today \(\S+\) / (\d+) in all", line).groups() == (
        str(sql_count(db_url, OPEN_TODAY, today=today)),
        str(sql_count(db_url, "SELECT count(*) FROM shop")),
    )
    assert reported("status events:") == [sql_count(db_url, "SELECT count(*) FROM status_event")]
    assert reported("catalogue items:") == [sql_count(db_url, "SELECT count(*) FROM catalogue_item")]
    visits_line = next(line for line in out.splitlines() if line.startswith("monthly visits:"))
    rows, latest = sql_row(db_url, select(func.count(), func.max(MonthlyVisits.month)))
    assert visits_line == f"monthly visits: {rows} rows, latest month {latest.isoformat()[:7]}"
    assert f"store: {db_url}" in out


def test_demo_force_replaces_the_data(db_url):
    assert main(["demo", "--seed", "5"]) == 0
    shops = sql_count(db_url, "SELECT count(*) FROM shop")
    assert main(["demo", "--seed", "5", "--force"]) == 0
    assert sql_count(db_url, "SELECT count(*) FROM shop") == shops


def test_demo_twice_without_force_fails_with_one_error_line(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    first = run_module(url, "demo")
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("loaded the demo data: 22 communes")
    shops = sql_count(url, "SELECT count(*) FROM shop")

    second = run_module(url, "demo")
    assert second.returncode == 1
    assert second.stderr.startswith("error:")
    assert len(second.stderr.splitlines()) == 1
    assert sql_count(url, "SELECT count(*) FROM shop") == shops


def test_info_on_a_missing_file_fails_without_creating_it(tmp_path, monkeypatch, capsys):
    missing = tmp_path / "nowhere" / "store.db"
    monkeypatch.setenv("WIKER_DATABASE_URL", f"sqlite:///{missing}")
    assert main(["info"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: no store at")
    assert len(err.splitlines()) == 1
    assert not missing.parent.exists()


def test_info_on_a_store_not_migrated_fails(tmp_path, monkeypatch, capsys):
    path = tmp_path / "empty.db"
    sqlite3.connect(path).close()
    monkeypatch.setenv("WIKER_DATABASE_URL", f"sqlite:///{path}")
    assert main(["info"]) == 1
    assert "not migrated" in capsys.readouterr().err
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone() == (
            0,
        )


@pytest.mark.parametrize("argv", [["--help"]] + [[name, "--help"] for name in sorted(COMMANDS)])
def test_help_exits_0(argv, capsys):
    assert main(argv) == 0
    assert capsys.readouterr().out.startswith("usage: python -m wiker_data")


def test_help_lists_the_settings_but_the_commands_help_does_not(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "settings (environment variables):" in out
    assert "WIKER_DEMO_SEED  (default 2015)" in out
    assert "WIKER_OVERPASS_URL  (default https://overpass-api.de/api/interpreter)" in out
    assert "Seed of the demo data generator: the same seed and date give the same store." in out
    assert "  WIKER_DATABASE_URL  (default sqlite:///" in out
    assert main(["report", "--help"]) == 0
    assert "settings (environment variables)" not in capsys.readouterr().out


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_a_help_line_and_a_description(name):
    assert COMMANDS[name].help
    assert len(COMMANDS[name].description) > len(COMMANDS[name].help)


@pytest.mark.parametrize(
    "argv", [[], ["unknown"], ["demo", "--seed", "many"], ["info", "--verbose"]], ids=lambda a: " ".join(a)
)
def test_usage_errors_are_one_error_line_and_status_1(argv, db_url, capsys):
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ")
    assert len(err.splitlines()) == 1


def test_an_unusable_database_url_is_one_error_line(monkeypatch, capsys):
    monkeypatch.setenv("WIKER_DATABASE_URL", "not a url")
    assert main(["init"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ")
    assert len(err.splitlines()) == 1


def test_shown_url_hides_the_password():
    assert shown_url("postgresql+psycopg://wiker:s3cret@db.example/wiker") == (
        "postgresql+psycopg://wiker:***@db.example/wiker"
    )
    assert shown_url("sqlite:////srv/wiker.db") == "sqlite:////srv/wiker.db"
