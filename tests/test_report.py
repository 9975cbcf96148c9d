"""The council report against the hand-worked fixture store (tests/fixture_store.py).

Donges year by year (shops open at each year's end, archived shop left out):
  2015  lockdown opens                                     -> 6 open (always_open, closed_last_day,
        reopened, temporary, lockdown, catalogue_only)
  2016-2022  no event                                      -> 6
  2023  day_before opens on 31 December                    -> 7
  2024  first_day opens; reopened closes (March) and reopens (September); lockdown temporarily
        closes (February) and reopens (March); temporary temporarily closes (November);
        closed_last_day closes on 31 December              -> 6
        openings 1, closures 2, reopenings 2, temporary closures 2; visits 5,000 + 6,000 = 11,000
"""

import datetime as dt
import io
import json
import os
import re
import subprocess
import sys

import pytest
from pypdf import PdfReader
from sqlalchemy import update
from sqlalchemy.orm import Session

from tests import fixture_store
from tests.builders import add_commune, add_shop, add_visits
from wiker_data import settings
from wiker_data.cli.main import main
from wiker_data.demo.generator import load_demo
from wiker_data.i18n import t
from wiker_data.models import Commune, Shop
from wiker_data.queries.activity import activity
from wiker_data.queries.overview import overview
from wiker_data.report.figures import ReportError, build_report
from wiker_data.report.pdf import report_pdf

AS_OF = fixture_store.AS_OF  # 2024-12-31


def pdf_text(content: bytes) -> tuple[int, str]:
    """Return the number of pages of a PDF and the text of its first page."""
    reader = PdfReader(io.BytesIO(content))
    return len(reader.pages), reader.pages[0].extract_text()


def test_donges_report_field_by_field(session):
    report = build_report(session, "44052", AS_OF)
    assert report["commune"] == {
        "code": "44052",
        "name": "Donges",
        "population": 8000,
        "population_year": 2023,
    }
    assert report["as_of"] == "2024-12-31"
    assert report["last_month"] == "2024-12"
    assert report["demo_data"] is False
    assert report["shops_open"] == 6
    assert report["shops_online"] == 2  # always_open (website), catalogue_only
    assert report["openings_last_12_months"] == 1  # first_day, on the window's first day
    assert report["closures_last_12_months"] == 2  # reopened in March, closed_last_day on the last day
    assert report["reopenings_last_12_months"] == 2  # reopened (after its closure), lockdown
    assert report["reopenings_after_closure_last_12_months"] == 1
    assert report["temporary_closures_last_12_months"] == 2  # lockdown, temporary
    assert report["net_change_last_12_months"] == 0  # 1 + 1 - 2
    assert report["visits_last_month"] == 6000
    assert report["visits_per_inhabitant_last_month"] == pytest.approx(0.75)  # 6,000 / 8,000
    assert report["share_online"] == pytest.approx(2 / 6)
    assert report["shop_units"] is None
    assert report["vacancy_rate"] is None
    assert report["vacancy_band"] is None
    assert report["shops_per_1000_inhabitants"] == pytest.approx(0.75)  # 6 * 1,000 / 8,000
    assert report["warning"] is None  # 1 closure in the last 6 months, 1 in the 6 before: not more


def test_report_is_plain_json(session):
    report = build_report(session, "44052", AS_OF)
    assert json.loads(json.dumps(report)) == report  # no date, numpy number or NaN left


def test_yearly_covers_ten_calendar_years(session):
    yearly = build_report(session, "44052", AS_OF)["yearly"]
    assert [row["year"] for row in yearly] == list(range(2015, 2025))
    by_year = {row["year"]: row for row in yearly}
    assert {
        k: by_year[2024][k] for k in ("openings", "closures", "reopenings", "shops_open_at_year_end")
    } == {
        "openings": 1,
        "closures": 2,
        "reopenings": 2,
        "shops_open_at_year_end": 6,
    }
    assert by_year[2024]["visits"] == 11000
    assert by_year[2024]["temporary_closures"] == 2
    assert by_year[2024]["net_change"] == 0
    assert by_year[2023] == {
        "year": 2023,
        "openings": 1,  # day_before
        "closures": 0,
        "reopenings": 0,
        "temporary_closures": 0,
        "net_change": 1,
        "shops_open_at_year_end": 7,
        "recorded": 0,  # the fixture's shops all have their opening
        "visits": None,  # no visits row in 2023
    }
    assert (by_year[2015]["openings"], by_year[2015]["shops_open_at_year_end"]) == (1, 6)
    for year in range(2016, 2023):
        assert (by_year[year]["openings"], by_year[year]["closures"], by_year[year]["reopenings"]) == (
            0,
            0,
            0,
        )
        assert by_year[year]["shops_open_at_year_end"] == 6
        assert by_year[year]["visits"] is None


def test_monthly_visits_cover_the_last_24_months(session):
    months = build_report(session, "44052", AS_OF)["monthly_visits"]
    assert [m["month"] for m in months][:2] == ["2023-01", "2023-02"]
    assert months[-1] == {"month": "2024-12", "visits": 6000}
    assert months[-2] == {"month": "2024-11", "visits": 5000}
    assert len(months) == 24
    assert all(m["visits"] is None for m in months[:-2])


def test_as_of_mid_year_changes_the_figures(session):
    report = build_report(session, "44052", dt.date(2024, 6, 30))
    assert report["as_of"] == "2024-06-30"
    assert report["last_month"] == "2024-06"
    # open: always_open, first_day, day_before, closed_last_day, temporary, lockdown, catalogue_only
    assert report["shops_open"] == 7
    assert report["openings_last_12_months"] == 2  # day_before (2023-12-31), first_day
    assert report["closures_last_12_months"] == 1  # reopened, in March
    assert report["reopenings_last_12_months"] == 1  # lockdown, after a temporary closure
    assert report["temporary_closures_last_12_months"] == 1  # lockdown, in February
    assert report["net_change_last_12_months"] == 1  # 2 + 0 - 1
    assert report["visits_last_month"] is None  # no figure for June 2024
    assert report["visits_per_inhabitant_last_month"] is None
    assert [row["year"] for row in report["yearly"]] == list(range(2015, 2025))
    this_year = report["yearly"][-1]
    assert (this_year["openings"], this_year["closures"], this_year["shops_open_at_year_end"]) == (1, 1, 7)
    assert this_year["visits"] is None  # November and December are after the last month


def test_as_of_next_january_counts_the_future_opening(session):
    report = build_report(session, "44052", dt.date(2025, 1, 15))
    assert report["shops_open"] == 7  # future opened on the day
    assert report["openings_last_12_months"] == 1  # future; first_day (2024-01-01) is out of the window
    assert report["closures_last_12_months"] == 2
    assert report["last_month"] == "2024-12"
    assert report["visits_last_month"] == 6000
    assert [row["year"] for row in report["yearly"]] == list(range(2016, 2026))
    assert report["yearly"][-1] == {
        "year": 2025,
        "openings": 1,
        "closures": 0,
        "reopenings": 0,
        "temporary_closures": 0,
        "net_change": 1,
        "shops_open_at_year_end": 7,  # at the as-of date
        "recorded": 0,
        "visits": None,
    }


def test_known_shop_units_give_the_vacancy_rate_and_band(session):
    session.execute(update(Commune).where(Commune.code == "44052").values(shop_units=8))
    session.commit()
    report = build_report(session, "44052", AS_OF)
    assert report["shop_units"] == 8
    assert report["vacancy_rate"] == pytest.approx(0.25)  # (8 - 6) / 8
    assert report["vacancy_band"] == "decline"


def test_commune_without_visits_last_month_has_none(session):
    report = build_report(session, "44210", AS_OF)  # Trignac: November only
    assert (report["shops_open"], report["openings_last_12_months"], report["net_change_last_12_months"]) == (
        1,
        1,
        1,
    )
    assert report["visits_last_month"] is None
    assert report["visits_per_inhabitant_last_month"] is None
    assert report["share_online"] == pytest.approx(1.0)
    assert report["yearly"][-1]["visits"] == 1000
    assert report["yearly"][-2]["closures"] == 1  # long_closed, 2023


def test_closures_outpacing_openings_raise_the_warning(session):
    add_shop(session, name="closed_in_october", events=(("2010-01-01", "opened"), ("2024-10-01", "closed")))
    session.commit()
    # last 6 months: closed_last_day and closed_in_october; no opening; the 6 months before: reopened
    assert build_report(session, "44052", AS_OF)["warning"] == {
        "closures": 2,
        "openings": 0,
        "previous_closures": 1,
    }


def test_demo_shops_make_it_demo_data(session):
    session.execute(update(Shop).where(Shop.name == "always_open").values(source="demo"))
    session.commit()
    assert build_report(session, "44052", AS_OF)["demo_data"] is True


def test_reference_figures_come_with_their_sources(session):
    reference = build_report(session, "44052", AS_OF)["reference"]
    assert [band["band"] for band in reference["vacancy_bands"]] == ["low", "moderate", "high", "decline"]
    assert [band["upper"] for band in reference["vacancy_bands"]] == [0.05, 0.075, 0.10, None]
    # the source is a message, read in the report's language (the French PDF was reading English)
    assert t(reference["vacancy_source"], "fr").startswith("Procos (seuils de gravité) ; Codata : 11,6 %")
    assert t(reference["vacancy_source"], "en").startswith("Procos (severity bands); Codata: 11.6%")
    assert [(d["area"], d["shops_per_1000"]) for d in reference["densities"]] == [
        ("urban", 4.7),
        ("rural_town", 3.8),
        ("rural_dispersed", 1.8),
    ]
    assert "Insee" in reference["density_source"]
    assert reference["lockdowns"][0] == {"start": "2020-03-17", "end": "2020-05-11"}


def test_unknown_commune_is_a_report_error(session):
    with pytest.raises(ReportError, match=r"^no commune with INSEE code 99999 in the store$"):
        build_report(session, "99999", AS_OF)


def test_commune_outside_the_network_has_no_report(session):
    with pytest.raises(ReportError, match=r"Montoir-de-Bretagne \(44103\) has not joined the Wiker network"):
        build_report(session, "44103", AS_OF)


def test_report_agrees_with_the_pages_on_the_demo_store(engine):
    load_demo(engine, seed=7)
    as_of = dt.date(2024, 9, 15)
    with Session(engine) as session:
        report = build_report(session, "44052", as_of)
        kpis = overview(session, as_of, "44052")
        series = activity(session, dt.date(2015, 1, 1), as_of, "year", "44052")
    assert report["demo_data"] is True
    assert report["shops_open"] == kpis.shops_open
    assert report["openings_last_12_months"] == kpis.openings
    assert report["closures_last_12_months"] == kpis.closures
    assert report["net_change_last_12_months"] == kpis.net_change
    assert report["visits_last_month"] == kpis.visits
    assert report["share_online"] == pytest.approx(kpis.share_online)
    assert [row["openings"] for row in report["yearly"]] == series["openings"].tolist()
    assert [row["shops_open_at_year_end"] for row in report["yearly"]] == series["shops_open"].tolist()


# The PDF


@pytest.mark.parametrize(("lang", "label"), [("fr", "Commerces ouverts"), ("en", "Shops open")])
def test_pdf_is_one_page_with_the_name_and_the_open_shops(session, lang, label):
    pages, text = pdf_text(report_pdf(build_report(session, "44052", AS_OF), lang))
    assert pages == 1
    assert "Donges (44052)" in text
    assert re.search(rf"{label}\s+6\s", text)


def test_pdf_numbers_follow_the_language(session):
    session.execute(update(Commune).where(Commune.code == "44052").values(shop_units=8))
    session.commit()
    report = build_report(session, "44052", AS_OF)
    french = re.sub(r"[\u202f\xa0]", " ", pdf_text(report_pdf(report, "fr"))[1])  # Babel's no-break spaces
    _, english = pdf_text(report_pdf(report, "en"))
    assert "6 000" in french and "0,75" in french and "25,0 %" in french
    assert "6,000" in english and "0.75" in english and "25.0%" in english
    assert "déclin" in french and "decline" in english


def test_pdf_says_when_the_data_is_demo_data(session):
    report = build_report(session, "44052", AS_OF)
    _, text = pdf_text(report_pdf({**report, "demo_data": True}, "en"))
    assert "Demo data" in text
    _, text = pdf_text(report_pdf(report, "en"))
    assert "Demo data" not in text


def test_pdf_of_a_name_with_oe_and_markup_characters_renders(session):
    name = "Paimbœuf & <Saint-Brevin> l'Œuvre"
    add_commune(session, "44116", name, population=3500, joined_on=dt.date(2021, 1, 1))
    add_shop(session, commune="44116", events=(("2024-02-01", "opened"), ("2024-04-01", "closed")))
    for day in ("2024-10-01", "2024-11-01"):  # 2 closures in the last 6 months, 1 in the 6 before
        add_shop(session, commune="44116", events=(("2010-01-01", "opened"), (day, "closed")))
    add_shop(session, commune="44116", events=(("2010-01-01", "opened"),))
    add_visits(session, "44116", "2024-12-01", 1234)
    session.commit()
    report = build_report(session, "44116", AS_OF)
    assert report["warning"] is not None  # the warning line is drawn too
    pages, text = pdf_text(report_pdf(report, "fr"))
    assert pages == 1
    assert f"{name} (44116)" in text


def test_pdf_of_a_very_long_name_stays_on_one_page(session):
    long_name = "Donges-sur-Loire " * 7  # 119 characters: the column holds 120
    session.execute(update(Commune).where(Commune.code == "44052").values(name=long_name))
    session.commit()
    report = build_report(session, "44052", dt.date(2025, 1, 15))
    pages, _ = pdf_text(report_pdf({**report, "demo_data": True}, "en"))
    assert pages == 1


# The command line


def run_module(url: str, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, WIKER_DATABASE_URL=url)
    return subprocess.run(
        [sys.executable, "-m", "wiker_data", *args],
        cwd=settings.PROJECT_ROOT,
        env=env,
        capture_output=True,
        timeout=120,
    )


def test_cli_writes_the_json_to_standard_output(session, db_url):
    add_commune(session, "44129", "Pontchâteau", population=10000, joined_on=dt.date(2022, 1, 1))
    session.commit()
    done = run_module(db_url, "report", "--commune", "44052", "--as-of", "2024-12-31")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.decode("utf-8"))
    assert report["commune"]["name"] == "Donges"
    assert (report["shops_open"], report["net_change_last_12_months"], report["visits_last_month"]) == (
        6,
        0,
        6000,
    )
    assert report["yearly"][-1]["visits"] == 11000

    accented = run_module(db_url, "report", "--commune", "44129", "--as-of", "2024-12-31")
    assert "Pontchâteau" in accented.stdout.decode("utf-8")  # UTF-8, not \u escapes


def test_cli_as_of_changes_the_json(session, db_url, capsys):
    assert main(["report", "--commune", "44052", "--as-of", "2024-06-30"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["as_of"], report["shops_open"], report["openings_last_12_months"]) == ("2024-06-30", 7, 2)


def test_cli_writes_a_pdf_file(session, db_url, tmp_path, capsys):
    out = tmp_path / "donges.pdf"
    argv = ["report", "--commune", "44052", "--format", "pdf", "--out", str(out), "--as-of", "2024-12-31"]
    assert main([*argv, "--lang", "en"]) == 0
    assert str(out) in capsys.readouterr().out
    pages, text = pdf_text(out.read_bytes())
    assert pages == 1
    assert "Donges" in text and "Shops open" in text


def test_cli_writes_json_to_a_file(session, db_url, tmp_path):
    out = tmp_path / "donges.json"
    assert main(["report", "--commune", "44052", "--as-of", "2024-12-31", "--out", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["shops_open"] == 6


def test_cli_refuses_a_pdf_on_a_terminal(session, db_url, capsys, monkeypatch):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["report", "--commune", "44052", "--format", "pdf"]) == 1
    assert capsys.readouterr().err.startswith("error: a PDF goes to a file")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--commune", "99999"], "error: no commune with INSEE code 99999 in the store"),
        (["--commune", "44103"], "error: Montoir-de-Bretagne (44103) has not joined the Wiker network"),
        (["--commune", "44052", "--as-of", "2024-13-01"], "error: argument --as-of: not a date"),
        (["--commune", "44052", "--format", "docx"], "error: argument --format: invalid choice"),
        (["--as-of", "2024-12-31"], "error: the following arguments are required: --commune"),
    ],
    ids=["unknown commune", "outside the network", "bad date", "bad format", "no commune"],
)
def test_cli_errors_are_one_line_and_status_1(session, db_url, capsys, argv, message):
    assert main(["report", *argv]) == 1
    err = capsys.readouterr().err
    assert err.startswith(message)
    assert len(err.splitlines()) == 1


def test_cli_on_a_missing_store_fails_without_creating_it(tmp_path, monkeypatch, capsys):
    missing = tmp_path / "nowhere" / "store.db"
    monkeypatch.setenv("WIKER_DATABASE_URL", f"sqlite:///{missing}")
    assert main(["report", "--commune", "44052"]) == 1
    assert capsys.readouterr().err.startswith("error: no store at")
    assert not missing.parent.exists()


# Dates the data cannot answer. The fixture's latest date is 2025-01-15: the "future" shop opens then
# (its visits end with December 2024, i.e. 2024-12-31).


@pytest.mark.parametrize(
    ("today", "as_of", "refused"),
    [
        (dt.date(2025, 3, 1), dt.date(2025, 3, 1), False),  # today, though the data ends on 2025-01-15
        (dt.date(2025, 3, 1), dt.date(2025, 3, 2), True),  # after today and after the data
        (dt.date(2024, 12, 20), dt.date(2025, 1, 15), False),  # after today, on the data's latest date
        (dt.date(2024, 12, 20), dt.date(2025, 1, 16), True),
    ],
)
def test_a_date_after_today_and_after_the_data_is_refused(session, today, as_of, refused):
    if refused:
        with pytest.raises(ReportError, match=r"the data's latest date is 2025-01-15"):
            build_report(session, "44052", as_of, today=today)
    else:
        assert build_report(session, "44052", as_of, today=today)["as_of"] == as_of.isoformat()


def test_cli_refuses_a_date_the_data_cannot_answer(session, db_url):
    done = run_module(db_url, "report", "--commune", "44052", "--as-of", "2030-01-01")
    today = dt.date.today().isoformat()  # the subprocess's today, as the command computes it
    assert done.returncode == 1
    assert done.stdout == b""
    assert done.stderr.decode("utf-8").splitlines() == [
        f"error: no figures as of 2030-01-01: the data's latest date is 2025-01-15 and today is {today}; "
        f"choose a date on or before {today}"
    ]


def test_a_commune_that_left_has_a_report_only_for_the_dates_before(session):
    session.get(Commune, "44052").left_on = dt.date(2024, 12, 1)
    session.commit()
    assert (
        build_report(session, "44052", dt.date(2024, 11, 30))["shops_open"] == 7
    )  # 7 at 2023's end, + first_day, − temporary (closed in November)
    with pytest.raises(ReportError, match=r"^Donges \(44052\) left the Wiker network on 2024-12-01"):
        build_report(session, "44052", dt.date(2024, 12, 1))
