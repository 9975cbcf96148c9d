"""The shop directory exports, checked against the hand-worked fixture store (tests/fixture_store.py).

As of 2024-12-31 the network is Donges and Trignac; their shops that are not archived are Donges's
9 (`archived` left out) and Trignac's 2, so 11; Montoir has not joined. The `formulas` fixture adds
two Donges shops whose names a spreadsheet would run, one of them without a position: 13 in all.
The small frames of the file-format tests are written out here and their files worked out by hand.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from sqlalchemy.orm import Session

from tests.builders import add_shop
from tests.fixture_store import AS_OF
from wiker_data import settings
from wiker_data.exports import (
    EXPORT_COLUMNS,
    UnknownCommune,
    encode,
    shops_export,
    to_csv_bytes,
    to_geojson,
    to_xlsx_bytes,
)
from wiker_data.i18n import fmt_short_date, t
from wiker_data.queries.shops import MapFilter, filter_shops, shops_for_map

NETWORK_SHOPS = 11
LON, LAT = -2.0745, 47.3188  # every fixture shop's position (tests/builders.py)


@pytest.fixture
def formulas(store):
    """Return a session on the fixture store with two shops named like formulas."""
    with Session(store) as session:
        add_shop(
            session,
            name="=cmd()",
            events=(("2020-01-01", "opened"),),
            siret="01234567800011",
            osm_id="node/42",
            delivery=True,
        )
        add_shop(session, name="@SUM(A1)", events=(("2020-01-01", "opened"),), latitude=None, longitude=None)
        session.commit()
    with Session(store) as session:
        yield session


def by_name(frame):
    return frame.set_index("name")


def test_network_export_leaves_out_archived_shops_and_non_members(session):
    frame = shops_export(session, AS_OF)
    assert list(frame.columns) == EXPORT_COLUMNS
    assert len(frame) == NETWORK_SHOPS
    assert "archived" not in set(frame["name"])
    assert "outside" not in set(frame["name"])


def test_export_gives_each_shop_its_status_as_of_the_date(session):
    status = by_name(shops_export(session, AS_OF))["status"]
    assert status["closed_last_day"] == "closed"
    assert status["temporary"] == "temporarily_closed"
    assert status["future"] == "not_open_yet"
    assert status["reopened"] == "open"
    assert status["long_closed"] == "closed"
    assert (status == "open").sum() == 7  # Donges's 6 open shops and Trignac's new_online


def test_export_of_one_commune(session):
    frame = shops_export(session, AS_OF, "44210")
    assert sorted(frame["name"]) == ["long_closed", "new_online"]
    assert set(frame["commune_name"]) == {"Trignac"}
    row = by_name(frame).loc["new_online"]
    assert bool(row["delivery"]) and bool(row["online"]) and bool(row["in_store"])
    assert row["online_shop_url"] == "https://boutique.example.fr"


def test_unknown_commune_is_refused(session):
    with pytest.raises(UnknownCommune, match="99999"):
        shops_export(session, AS_OF, "99999")


def test_export_carries_siret_and_osm_id(formulas):
    row = by_name(shops_export(formulas, AS_OF)).loc["=cmd()"]
    assert row["siret"] == "01234567800011"
    assert row["osm_id"] == "node/42"
    assert row["commune_name"] == "Donges"


def test_takeaway_and_status_since_come_last_so_the_earlier_columns_keep_their_places(formulas):
    add_shop(formulas, name="Pizza Bella", category="fast_food", takeaway=True)
    frame = by_name(shops_export(formulas, AS_OF))
    assert list(frame.columns[-4:]) == ["siret", "osm_id", "takeaway", "status_since"]
    takeaway = frame["takeaway"].astype(bool)
    assert (takeaway["Pizza Bella"], takeaway["=cmd()"]) == (True, False)


def test_export_gives_each_shop_the_date_of_its_status(session):
    since = by_name(shops_export(session, AS_OF))["status_since"]
    assert since["always_open"] == dt.date(2010, 1, 1)
    assert since["closed_last_day"] == dt.date(2024, 12, 31)
    assert since["reopened"] == dt.date(2024, 9, 1)
    assert since["temporary"] == dt.date(2024, 11, 1)
    assert since["future"] is None  # opens 2025-01-15, after the date


def test_every_directory_column_has_a_header_in_each_language():
    for lang in ("fr", "en"):
        headers = [t(f"export.{column}", lang) for column in EXPORT_COLUMNS]
        assert len(set(headers)) == len(headers), lang


def test_csv_has_a_row_per_shop_and_neutralised_formulas(formulas):
    text = encode(shops_export(formulas, AS_OF), "csv", lang="en").decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == NETWORK_SHOPS + 2
    names = {row["Name"] for row in rows}
    assert {"'=cmd()", "'@SUM(A1)"} <= names
    assert "=cmd()" not in names
    assert next(row for row in rows if row["Name"] == "'=cmd()")["SIRET"] == "01234567800011"


def test_french_csv_of_the_directory_is_separated_by_semicolons_with_french_values(formulas):
    text = encode(shops_export(formulas, AS_OF), "csv", lang="fr").decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert list(rows[0])[:5] == ["Identifiant", "Code INSEE", "Commune", "Nom", "Catégorie"]
    cmd = next(row for row in rows if row["Nom"] == "'=cmd()")
    assert (cmd["Catégorie"], cmd["État"], cmd["Livraison"], cmd["Click & collect"]) == (
        "Boulangerie-pâtisserie",  # add_shop's default category, bakery
        "Ouvert",
        "oui",
        "non",
    )
    assert (cmd["Latitude"], cmd["Longitude"]) == ("47,3188", "-2,0745")
    assert cmd["État depuis le"] == "01/01/2020"
    assert cmd["Téléphone"] == ""  # none given


def test_xlsx_reads_back_with_numbers_as_numbers_and_neutralised_text(formulas):
    frame = shops_export(formulas, AS_OF)
    sheet = load_workbook(io.BytesIO(encode(frame, "xlsx", lang="fr"))).active
    rows = list(sheet.iter_rows())
    headers = [t(f"export.{column}", "fr") for column in EXPORT_COLUMNS]
    assert [cell.value for cell in rows[0]] == headers
    assert headers[:4] == ["Identifiant", "Code INSEE", "Commune", "Nom"]
    assert len(rows) == 1 + NETWORK_SHOPS + 2
    column = {name: index for index, name in enumerate(EXPORT_COLUMNS)}
    cmd = next(row for row in rows if row[column["name"]].value == "'=cmd()")
    assert cmd[column["name"]].data_type == "s"
    assert cmd[column["latitude"]].value == LAT
    assert cmd[column["longitude"]].value == LON
    assert cmd[column["latitude"]].data_type == "n"
    assert isinstance(cmd[column["id"]].value, int)
    assert cmd[column["delivery"]].value == "oui"
    assert cmd[column["click_collect"]].value == "non"
    assert cmd[column["siret"]].value == "01234567800011"  # text: the leading zero stays
    assert cmd[column["status"]].value == "Ouvert"
    assert cmd[column["category"]].value == "Boulangerie-pâtisserie"
    assert cmd[column["status_since"]].value == dt.datetime(2020, 1, 1)
    assert cmd[column["status_since"]].number_format == "dd/mm/yyyy"
    at_sum = next(row for row in rows if row[column["name"]].value == "'@SUM(A1)")
    assert at_sum[column["latitude"]].value is None
    assert not any(cell.data_type == "f" for row in rows for cell in row)
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:X{1 + NETWORK_SHOPS + 2}"  # 24 columns: A to X


def test_xlsx_drops_control_characters():
    frame = pd.DataFrame({"name": ["Bar\x01 du port", "-1"], "count": [2, -1]})
    sheet = load_workbook(io.BytesIO(to_xlsx_bytes(frame, lang="en"))).active
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        ["name", "count"],
        ["Bar du port", 2],
        ["'-1", -1],
    ]


def test_geojson_points_are_lon_lat_and_shops_without_position_are_left_out(formulas):
    collection = to_geojson(shops_export(formulas, AS_OF))
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert len(features) == NETWORK_SHOPS + 1  # @SUM(A1) has no position
    cmd = next(f for f in features if f["properties"]["name"] == "=cmd()")
    assert cmd["type"] == "Feature"
    assert cmd["geometry"] == {"type": "Point", "coordinates": [LON, LAT]}
    assert cmd["properties"]["siret"] == "01234567800011"
    assert cmd["properties"]["delivery"] is True
    assert (cmd["properties"]["category"], cmd["properties"]["status"]) == ("bakery", "open")
    assert cmd["properties"]["status_since"] == "2020-01-01"
    assert "latitude" not in cmd["properties"]
    assert all(f["properties"]["name"] != "@SUM(A1)" for f in features)
    assert json.loads(json.dumps(collection)) == collection


def run_export(url: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "wiker_data", "export", "shops", "--as-of", AS_OF.isoformat(), *args],
        cwd=settings.PROJECT_ROOT,
        env=dict(os.environ, WIKER_DATABASE_URL=url),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cli_writes_each_format(formulas, db_url, tmp_path):
    for fmt in ("csv", "xlsx", "geojson"):
        out = tmp_path / f"shops.{fmt}"
        done = run_export(db_url, "--format", fmt, "--out", str(out))
        assert done.returncode == 0, done.stderr
        assert f"wrote {NETWORK_SHOPS + 2} shops" in done.stdout
    csv_text = (tmp_path / "shops.csv").read_text("utf-8-sig")  # French unless --lang says otherwise
    csv_rows = list(csv.DictReader(io.StringIO(csv_text), delimiter=";"))
    assert len(csv_rows) == NETWORK_SHOPS + 2
    assert "Nom" in csv_rows[0]
    assert load_workbook(tmp_path / "shops.xlsx").active.max_row == 1 + NETWORK_SHOPS + 2
    geojson = json.loads((tmp_path / "shops.geojson").read_text("utf-8"))
    assert len(geojson["features"]) == NETWORK_SHOPS + 1


def test_cli_writes_english_with_lang_en(store, db_url, tmp_path):
    out = tmp_path / "shops.csv"
    done = run_export(db_url, "--format", "csv", "--commune", "44210", "--lang", "en", "--out", str(out))
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
    assert sorted((row["Name"], row["Status"]) for row in rows) == [
        ("long_closed", "Closed"),
        ("new_online", "Open"),
    ]


def test_cli_exports_one_commune(store, db_url, tmp_path):
    out = tmp_path / "trignac.geojson"
    done = run_export(db_url, "--format", "geojson", "--commune", "44210", "--out", str(out))
    assert done.returncode == 0, done.stderr
    names = sorted(f["properties"]["name"] for f in json.loads(out.read_text("utf-8"))["features"])
    assert names == ["long_closed", "new_online"]


def test_cli_unknown_commune_is_one_error_line(store, db_url, tmp_path):
    out = tmp_path / "none.csv"
    done = run_export(db_url, "--format", "csv", "--commune", "99999", "--out", str(out))
    assert done.returncode == 1
    assert done.stderr.startswith("error: ")
    assert "99999" in done.stderr
    assert len(done.stderr.splitlines()) == 1
    assert not out.exists()


@pytest.mark.parametrize(
    "chosen",
    [MapFilter(), MapFilter(show_closed=True), MapFilter(trade_modes=("delivery",), online=True)],
    ids=["default", "show_closed", "delivery_online"],
)
def test_map_filters_pick_the_same_shops_in_the_export_as_on_the_map(session, chosen):
    shown = filter_shops(shops_for_map(session, AS_OF), chosen)
    exported = filter_shops(shops_export(session, AS_OF), chosen)
    assert sorted(exported["id"]) == sorted(shown["id"])


def test_csv_has_a_bom_translated_headers_and_accents():
    frame = pd.DataFrame({"name": ["Paimbœuf"], "visits": [1200], "ignored": [1]})
    data = to_csv_bytes(frame, {"name": "Commune", "visits": "Visites"}, lang="fr")
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines() == ["Commune;Visites", "Paimbœuf;1200"]
    english = to_csv_bytes(frame, {"name": "Commune", "visits": "Visits"}, lang="en")
    assert english.startswith(b"\xef\xbb\xbf")
    assert english.decode("utf-8-sig").splitlines() == ["Commune,Visits", "Paimbœuf,1200"]


def test_formula_like_text_is_neutralised_but_numbers_are_not():
    frame = pd.DataFrame({"name": ["=cmd()", "+33 2 40", "@SUM(A1)", "-x", "Café"], "net": [-3, 0, 2, 1, 5]})
    back = pd.read_csv(io.BytesIO(to_csv_bytes(frame, lang="en")), encoding="utf-8-sig")
    assert list(back["name"]) == ["'=cmd()", "'+33 2 40", "'@SUM(A1)", "'-x", "Café"]
    assert list(back["net"]) == [-3, 0, 2, 1, 5]


# Two shops as a page's frame holds them, in the directory's column names: the French and English
# files below are written out by hand from it.
TWO_SHOPS = pd.DataFrame(
    {
        "name": ["Mode & Co", "=1+1"],
        "category": ["clothing", "bakery"],
        "status": ["closed", "open"],
        "delivery": [True, False],
        "latitude": [47.3188, None],
        "phone": ["+33 2 40 01 59 18", None],
        "status_since": [dt.date(2026, 10, 15), None],
    }
)


def test_french_csv_uses_semicolons_decimal_commas_and_french_words():
    data = encode(TWO_SHOPS, "csv", lang="fr")
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").split("\r\n") == [
        "Nom;Catégorie;État;Livraison;Latitude;Téléphone;État depuis le",
        "Mode & Co;Vêtements;Fermé;oui;47,3188;02 40 01 59 18;15/10/2026",
        "'=1+1;Boulangerie-pâtisserie;Ouvert;non;;;",
        "",
    ]


# The headers of TWO_SHOPS's columns in a French file (CSV and Excel alike).
FRENCH_HEADERS = ["Nom", "Catégorie", "État", "Livraison", "Latitude", "Téléphone", "État depuis le"]


def test_french_csv_reads_back_as_written():
    back = pd.read_csv(
        io.BytesIO(encode(TWO_SHOPS, "csv", lang="fr")),
        sep=";",
        decimal=",",
        encoding="utf-8-sig",
        dtype={"Téléphone": str},
    )
    assert list(back.columns) == FRENCH_HEADERS
    assert list(back["Nom"]) == ["Mode & Co", "'=1+1"]
    assert list(back["Catégorie"]) == ["Vêtements", "Boulangerie-pâtisserie"]
    assert list(back["Livraison"]) == ["oui", "non"]
    assert back["Latitude"].iloc[0] == 47.3188  # a number, read with the decimal comma
    assert pd.isna(back["Latitude"].iloc[1])
    assert back["Téléphone"].iloc[0] == "02 40 01 59 18"  # national: no apostrophe needed
    assert pd.isna(back["Téléphone"].iloc[1])
    assert back["État depuis le"].iloc[0] == "15/10/2026"


def test_english_csv_uses_commas_and_english_words():
    assert encode(TWO_SHOPS, "csv", lang="en").decode("utf-8-sig").split("\r\n") == [
        "Name,Category,Status,Delivery,Latitude,Phone,Status since",
        "Mode & Co,Clothing,Closed,yes,47.3188,02 40 01 59 18,15/10/2026",
        "'=1+1,Bakery,Open,no,,,",
        "",
    ]


def test_a_foreign_phone_keeps_its_plus_and_is_neutralised():
    frame = pd.DataFrame({"phone": ["+44 20 7946 0958", "not a number"]})
    assert to_csv_bytes(frame, lang="fr").decode("utf-8-sig").split("\r\n") == [
        "phone",
        "'+44 20 7946 0958",
        "not a number",
        "",
    ]


def test_page_figures_write_short_dates_whole_numbers_and_decimal_commas():
    # Donges's November 2024 in the fixture store: 5,000 visits for 8,000 inhabitants, 0.625 each.
    frame = pd.DataFrame(
        {"month": [dt.date(2024, 11, 1)], "visits": [5000.0], "per_inhabitant": [0.625], "unknown": [None]}
    )
    columns = {"month": "Mois", "visits": "Visites", "per_inhabitant": "Par habitant", "unknown": "Autre"}
    assert to_csv_bytes(frame, columns, lang="fr").decode("utf-8-sig").split("\r\n") == [
        "Mois;Visites;Par habitant;Autre",
        "01/11/2024;5000;0,625;",
        "",
    ]


def test_short_dates_are_day_month_year():
    assert fmt_short_date(dt.date(2026, 12, 3), "fr") == "03/12/2026"
    assert fmt_short_date(dt.date(2026, 12, 3), "en") == "03/12/2026"


def test_xlsx_has_typed_cells_a_frozen_filtered_header_and_wide_enough_columns():
    sheet = load_workbook(io.BytesIO(encode(TWO_SHOPS, "xlsx", lang="fr"))).active
    assert sheet.title == "Commerces"
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:G3"
    rows = [[cell for cell in row] for row in sheet.iter_rows()]
    assert [cell.value for cell in rows[0]] == FRENCH_HEADERS
    assert [cell.value for cell in rows[1]] == [
        "Mode & Co",
        "Vêtements",
        "Fermé",
        "oui",
        47.3188,
        "02 40 01 59 18",
        dt.datetime(2026, 10, 15),
    ]
    assert [cell.value for cell in rows[2]] == [
        "'=1+1",
        "Boulangerie-pâtisserie",
        "Ouvert",
        "non",
        None,
        None,
        None,
    ]
    assert all(cell.font.b for cell in rows[0])  # a bold header
    assert rows[1][4].data_type == "n"
    assert rows[1][6].is_date and rows[1][6].number_format == "dd/mm/yyyy"
    # each column shows its longest text: "Boulangerie-pâtisserie" is 22 characters
    assert sheet.column_dimensions["B"].width >= len("Boulangerie-pâtisserie")
    assert sheet.column_dimensions["G"].width >= len("État depuis le")


def test_english_xlsx_has_english_headers_and_words():
    sheet = load_workbook(io.BytesIO(encode(TWO_SHOPS, "xlsx", lang="en"))).active
    assert sheet.title == "Shops"
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][:4] == ["Name", "Category", "Status", "Delivery"]
    assert rows[1][:4] == ["Mode & Co", "Clothing", "Closed", "yes"]
    assert sheet.cell(2, 7).is_date and sheet.cell(2, 7).number_format == "dd/mm/yyyy"  # en_GB: 15/10/2026


def test_geojson_keeps_the_internal_codes_in_any_language():
    frame = TWO_SHOPS.assign(longitude=[-2.0745, None])
    (feature,) = json.loads(encode(frame, "geojson", lang="fr"))["features"]  # the second has no position
    assert feature["properties"] == {
        "name": "Mode & Co",
        "category": "clothing",
        "status": "closed",
        "delivery": True,
        "phone": "+33 2 40 01 59 18",
        "status_since": "2026-10-15",
    }


@hypothesis_settings(max_examples=200, deadline=None)
@given(
    st.lists(st.one_of(st.floats(allow_nan=False, allow_infinity=False), st.none()), min_size=1, max_size=6)
)
def test_french_numbers_read_back_as_the_same_numbers(values):
    frame = pd.DataFrame({"x": pd.Series(values, dtype="float64")})
    back = pd.read_csv(
        io.BytesIO(to_csv_bytes(frame, lang="fr")),
        sep=";",
        decimal=",",
        encoding="utf-8-sig",
    )
    for given_value, read in zip(values, back["x"], strict=True):
        assert pd.isna(read) if given_value is None else read == given_value, (given_value, read)
