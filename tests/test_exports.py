"""The shop directory exports, checked against the hand-worked fixture store (tests/fixture_store.py).

As of 2024-12-31 the network is Donges and Trignac; their shops that are not archived are Donges's
9 (`archived` left out) and Trignac's 2, so 11; Montoir has not joined. The `formulas` fixture adds
two Donges shops whose names a spreadsheet would run, one of them without a position: 13 in all.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pandas as pd
import pytest
from openpyxl import load_workbook
from sqlalchemy.orm import Session

from tests.builders import add_shop
from tests.fixture_store import AS_OF
from wiker_data import settings
from wiker_data.exports import (
    EXPORT_COLUMNS,
    UnknownCommune,
    shops_export,
    to_csv_bytes,
    to_geojson,
    to_xlsx_bytes,
)
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


def test_takeaway_is_exported_last_so_the_earlier_columns_keep_their_places(formulas):
    add_shop(formulas, name="Pizza Bella", category="fast_food", takeaway=True)
    frame = by_name(shops_export(formulas, AS_OF))
    assert list(frame.columns[-3:]) == ["siret", "osm_id", "takeaway"]
    takeaway = frame["takeaway"].astype(bool)
    assert (takeaway["Pizza Bella"], takeaway["=cmd()"]) == (True, False)


def test_csv_has_a_row_per_shop_and_neutralised_formulas(formulas):
    text = to_csv_bytes(shops_export(formulas, AS_OF)).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == NETWORK_SHOPS + 2
    names = {row["name"] for row in rows}
    assert {"'=cmd()", "'@SUM(A1)"} <= names
    assert "=cmd()" not in names
    assert next(row for row in rows if row["name"] == "'=cmd()")["siret"] == "01234567800011"


def test_xlsx_reads_back_with_numbers_as_numbers_and_neutralised_text(formulas):
    frame = shops_export(formulas, AS_OF)
    sheet = load_workbook(io.BytesIO(to_xlsx_bytes(frame))).active
    rows = list(sheet.iter_rows())
    assert [cell.value for cell in rows[0]] == EXPORT_COLUMNS
    assert len(rows) == 1 + NETWORK_SHOPS + 2
    column = {name: index for index, name in enumerate(EXPORT_COLUMNS)}
    cmd = next(row for row in rows if row[column["name"]].value == "'=cmd()")
    assert cmd[column["name"]].data_type == "s"
    assert cmd[column["latitude"]].value == LAT
    assert cmd[column["longitude"]].value == LON
    assert isinstance(cmd[column["id"]].value, int)
    assert cmd[column["delivery"]].value is True
    assert cmd[column["siret"]].value == "01234567800011"  # text: the leading zero stays
    assert cmd[column["status"]].value == "open"
    at_sum = next(row for row in rows if row[column["name"]].value == "'@SUM(A1)")
    assert at_sum[column["latitude"]].value is None
    assert not any(cell.data_type == "f" for row in rows for cell in row)


def test_xlsx_drops_control_characters():
    import pandas as pd

    frame = pd.DataFrame({"name": ["Bar\x01 du port", "-1"], "count": [2, -1]})
    sheet = load_workbook(io.BytesIO(to_xlsx_bytes(frame))).active
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
    csv_rows = list(csv.DictReader(io.StringIO((tmp_path / "shops.csv").read_text("utf-8-sig"))))
    assert len(csv_rows) == NETWORK_SHOPS + 2
    assert load_workbook(tmp_path / "shops.xlsx").active.max_row == 1 + NETWORK_SHOPS + 2
    geojson = json.loads((tmp_path / "shops.geojson").read_text("utf-8"))
    assert len(geojson["features"]) == NETWORK_SHOPS + 1


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
    data = to_csv_bytes(frame, {"name": "Commune", "visits": "Visites"})
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines() == ["Commune,Visites", "Paimbœuf,1200"]


def test_formula_like_text_is_neutralised_but_numbers_are_not():
    frame = pd.DataFrame({"name": ["=cmd()", "+33 2 40", "@SUM(A1)", "-x", "Café"], "net": [-3, 0, 2, 1, 5]})
    back = pd.read_csv(io.BytesIO(to_csv_bytes(frame)), encoding="utf-8-sig")
    assert list(back["name"]) == ["'=cmd()", "'+33 2 40", "'@SUM(A1)", "'-x", "Café"]
    assert list(back["net"]) == [-3, 0, 2, 1, 5]
