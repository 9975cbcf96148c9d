"""OpenStreetMap files of Donges (44052), written by the tests as the Overpass API and
overpass-turbo give them, imported into the hand-worked fixture store (tests/fixture_store.py).

The fixture's shops all stand at 47.3188 N, 2.0745 W, the town centre, with names such as
"always_open": none is like the names below. One degree of latitude is 111.195 km, so
0.00027° north is 30 m and 0.0018° north is 200 m.
"""

from __future__ import annotations

import datetime as dt
import json
import socket
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.builders import add_shop
from wiker_data.cli.main import main
from wiker_data.importers import ImportActor, ImportFailed
from wiker_data.importers.names import similar_names
from wiker_data.importers.osm import OSM_ATTRIBUTION, plan_osm_import
from wiker_data.importers.overpass import fetch_overpass, overpass_query
from wiker_data.models import AuditEntry, Shop, StatusEvent
from wiker_data.services import update_shop, write_transaction
from wiker_data.services.imports import apply_shop_plan

TODAY = dt.date(2024, 12, 31)
FILE_DATE = dt.date(2024, 11, 30)
ADMIN = ImportActor("test")

BAKERY_TAGS = {
    "shop": "bakery",
    "name": "Boulangerie Dupont",
    "addr:housenumber": "12",
    "addr:street": "Rue de la Gare",
    "phone": "02 40 45 12 34",
    "opening_hours": "Tu-Su 07:00-13:00",
    "check_date": "2024-06-15",
}
RESTAURANT_TAGS = {
    "amenity": "restaurant",
    "name": "La Table de Donges",
    "contact:website": "https://latable-donges.fr",
    "delivery": "yes",
    "takeaway": "yes",
    "contact:facebook": "https://www.facebook.com/latabledonges",
}
BENCH_TAGS = {"amenity": "bench"}
NAMELESS_TAGS = {"shop": "florist"}
HAIRDRESSER_TAGS = {"shop": "hairdresser", "name": "Coiff'Style", "phone": "12"}

OVERPASS = {
    "version": 0.6,
    "generator": "Overpass API 0.7.62.1",
    "osm3s": {
        "timestamp_osm_base": "2024-11-30T10:15:02Z",
        "copyright": "The data included in this document is from www.openstreetmap.org. "
        "The data is made available under ODbL.",
    },
    "elements": [
        {"type": "node", "id": 101, "lat": 47.3201, "lon": -2.0712, "tags": BAKERY_TAGS},
        {
            "type": "way",
            "id": 202,
            "center": {"lat": 47.3175, "lon": -2.076},
            "nodes": [1, 2, 3, 4, 1],
            "tags": RESTAURANT_TAGS,
        },
        {"type": "node", "id": 303, "lat": 47.319, "lon": -2.073, "tags": BENCH_TAGS},
        {"type": "node", "id": 404, "lat": 47.319, "lon": -2.073, "tags": NAMELESS_TAGS},
        {"type": "node", "id": 505, "lat": 47.3195, "lon": -2.0725, "tags": HAIRDRESSER_TAGS},
    ],
}


def point(lat: float, lon: float) -> dict:
    return {"type": "Point", "coordinates": [lon, lat]}


GEOJSON = {
    "type": "FeatureCollection",
    "generator": "overpass-turbo",
    "copyright": "The data included in this document is from www.openstreetmap.org.",
    "timestamp": "2024-11-30T10:15:02Z",
    "features": [
        {
            "type": "Feature",
            "id": "node/101",
            "properties": {"@id": "node/101", **BAKERY_TAGS},
            "geometry": point(47.3201, -2.0712),
        },
        {  # the outline of the restaurant: its four corners average to 47.3175, -2.0760
            "type": "Feature",
            "properties": {"@id": "way/202", **RESTAURANT_TAGS},
            "geometry": {
                "type": "Polygon",
                "coordinates": [
                    [
                        [-2.0761, 47.3174],
                        [-2.0759, 47.3174],
                        [-2.0759, 47.3176],
                        [-2.0761, 47.3176],
                        [-2.0761, 47.3174],
                    ]
                ],
            },
        },
        {"type": "Feature", "id": "node/303", "properties": BENCH_TAGS, "geometry": point(47.319, -2.073)},
        {"type": "Feature", "id": "node/404", "properties": NAMELESS_TAGS, "geometry": point(47.319, -2.073)},
        {
            "type": "Feature",
            "id": "node/505",
            "properties": HAIRDRESSER_TAGS,
            "geometry": point(47.3195, -2.0725),
        },
    ],
}
FORMATS = {"overpass": OVERPASS, "geojson": GEOJSON}


def stored(category: str, latitude: float, longitude: float, osm_id: str, **fields) -> dict:
    """Return the fields of a shop imported from OSM: what the tags gave, the defaults otherwise."""
    defaults = dict(address=None, phone=None, website=None, social_links=[], opening_hours=None)
    defaults |= dict(in_store=True, delivery=False, click_collect=False, takeaway=False, source="osm")
    return defaults | dict(category=category, latitude=latitude, longitude=longitude, osm_id=osm_id) | fields


# By name: the fields worked out from the tags, and the date they are recorded open (no start_date).
EXPECTED = {
    "Boulangerie Dupont": (
        stored(
            "bakery",
            47.3201,
            -2.0712,
            "node/101",
            address="12 Rue de la Gare",
            phone="+33 2 40 45 12 34",
            opening_hours="Tu-Su 07:00-13:00",
        ),
        FILE_DATE,  # recorded on the file's date: its check_date is a survey, not an opening
    ),
    "La Table de Donges": (
        stored(
            "restaurant",
            47.3175,
            -2.076,
            "way/202",
            website="https://latable-donges.fr",
            social_links=["https://www.facebook.com/latabledonges"],
            delivery=True,
            takeaway=True,  # takeaway=yes: not click & collect, which no tag says
        ),
        FILE_DATE,  # recorded on the date of the file
    ),
    "Coiff'Style": (stored("hairdresser", 47.3195, -2.0725, "node/505"), FILE_DATE),  # phone "12" left out
}


def write(tmp_path, content, name: str = "donges.json"):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return path


def overpass(*elements: dict) -> dict:
    return {**OVERPASS, "elements": list(elements)}


def plan(engine, path, commune: str = "44052"):
    with Session(engine) as session:
        return plan_osm_import(session, path, commune, today=TODAY)


def apply(engine, path, commune: str = "44052"):
    with write_transaction(engine) as session:
        result = plan_osm_import(session, path, commune, today=TODAY)
        apply_shop_plan(session, result, ADMIN)
    return result


def osm_shops(engine) -> dict[str, tuple[dict, list]]:
    """Return the shops with an OpenStreetMap id, by name: their fields (as in EXPECTED) and events."""
    fields = list(stored("", 0, 0, ""))
    with Session(engine) as session:
        return {
            shop.name: (
                {field: getattr(shop, field) for field in fields},
                [(event.kind, event.event_date) for event in shop.events],
            )
            for shop in session.scalars(select(Shop).where(Shop.osm_id.is_not(None)))
        }


def counts(engine) -> tuple[int, int, int]:
    with Session(engine) as session:
        return tuple(
            session.scalar(select(func.count()).select_from(table))
            for table in (Shop, StatusEvent, AuditEntry)
        )


@pytest.mark.parametrize("layout", sorted(FORMATS))
def test_plan_has_three_new_shops_one_skipped_one_rejected_and_a_note(store, tmp_path, layout):
    result = plan(store, write(tmp_path, FORMATS[layout]))
    assert result.rows == 5
    assert result.counts() == {"new": 3, "updated": 0, "unchanged": 0, "rejected": 1, "skipped": 1}
    assert [(item.row, item.key) for item in result.new] == [(1, "node/101"), (2, "way/202"), (5, "node/505")]
    assert [str(row) for row in result.rejected] == ["row 4: node/404 has neither name nor brand"]
    assert len(result.notes) == 1 and result.notes[0].row == 5
    assert result.notes[0].reason.startswith("phone '12' left out: Not a valid phone number")
    assert result.skipped == {"no shop, amenity or craft tag of the directory": 1}


@pytest.mark.parametrize("layout", sorted(FORMATS))
def test_applying_stores_the_shops_with_their_fields_recorded_open(store, tmp_path, layout):
    apply(store, write(tmp_path, FORMATS[layout]))
    shops = osm_shops(store)
    assert sorted(shops) == sorted(EXPECTED)
    for name, (fields, recorded) in EXPECTED.items():
        position = {key: pytest.approx(fields[key], abs=1e-9) for key in ("latitude", "longitude")}
        assert shops[name][0] == fields | position  # a polygon's corners average to a float
        assert shops[name][1] == [("recorded", recorded)]


def test_every_change_is_audited_with_the_source_osm(store, tmp_path):
    shops, events, entries = counts(store)
    apply(store, write(tmp_path, OVERPASS))
    with Session(store) as session:
        new_entries = list(session.scalars(select(AuditEntry).order_by(AuditEntry.id).offset(entries)))
    # three shops and their three openings
    assert (
        sorted((e.entity, e.action, e.source, e.actor) for e in new_entries)
        == [
            ("shop", "create", "osm", "test"),
        ]
        * 3
        + [("status_event", "create", "osm", "test")] * 3
    )
    assert counts(store) == (shops + 3, events + 3, entries + 6)


def test_reimporting_the_same_file_changes_nothing(store, tmp_path):
    path = write(tmp_path, OVERPASS)
    apply(store, path)
    before = counts(store)
    again = apply(store, path)
    assert again.counts() == {"new": 0, "updated": 0, "unchanged": 3, "rejected": 1, "skipped": 1}
    assert counts(store) == before


def test_a_newer_file_updates_the_shop_by_its_osm_id(store, tmp_path):
    apply(store, write(tmp_path, OVERPASS))
    moved = {
        "type": "node",
        "id": 101,
        "lat": 47.3202,
        "lon": -2.0712,
        "tags": BAKERY_TAGS | {"delivery": "no"},
    }
    result = apply(store, write(tmp_path, overpass(moved), "newer.json"))
    assert [(c.key, c.fields) for c in result.updated] == [("node/101", {"latitude": (47.3201, 47.3202)})]
    # delivery=no says what the shop already says (False): nothing to change there
    assert osm_shops(store)["Boulangerie Dupont"][0]["latitude"] == 47.3202


@pytest.fixture
def fournil(store):
    """A bakery typed in the app without its OSM id, whose website a coordinator then corrected."""
    with Session(store) as session:
        shop = add_shop(
            session,
            name="Boulangerie Le Fournil",
            latitude=47.321,
            longitude=-2.07,
            events=(("2015-03-01", "opened"),),
        )
        session.commit()
        shop_id = shop.id
    with write_transaction(store) as session:
        update_shop(session, ImportActor("coordinator"), shop_id, 1, {"website": "https://fournil-donges.fr"})
    return shop_id


FOURNIL_NODE = {
    "type": "node",
    "id": 606,
    "lat": 47.32127,  # 30 m north of the shop in the store
    "lon": -2.07,
    "tags": {
        "shop": "bakery",
        "name": "Le Fournil",
        "website": "https://lefournil.example.fr",
        "opening_hours": "Mo-Sa 06:30-19:30",
    },
}


def test_a_shop_within_50_m_with_a_similar_name_is_linked_and_keeps_what_a_person_edited(
    store, fournil, tmp_path
):
    shops, _, _ = counts(store)
    result = apply(store, write(tmp_path, overpass(FOURNIL_NODE)))
    assert result.counts()["new"] == 0
    [change] = result.updated
    assert (change.shop_id, change.linked, change.kept) == (fournil, True, ("website",))
    with Session(store) as session:
        shop = session.get(Shop, fournil)
        assert (shop.name, shop.osm_id, shop.website, shop.opening_hours) == (
            "Le Fournil",
            "node/606",
            "https://fournil-donges.fr",
            "Mo-Sa 06:30-19:30",
        )
        assert (shop.latitude, shop.longitude, shop.source) == (47.32127, -2.07, "manual")
        assert [(e.kind, e.event_date) for e in shop.events] == [("opened", dt.date(2015, 3, 1))]
    assert counts(store)[0] == shops
    again = apply(store, write(tmp_path, overpass(FOURNIL_NODE), "again.json"))
    assert again.counts()["unchanged"] == 1


def test_a_shop_200_m_away_with_the_same_name_is_not_matched(store, tmp_path):
    with Session(store) as session:
        add_shop(session, name="Pharmacie du Port", category="pharmacy", latitude=47.315, longitude=-2.08)
        session.commit()
    node = {
        "type": "node",
        "id": 707,
        "lat": 47.3168,
        "lon": -2.08,
        "tags": {"amenity": "pharmacy", "name": "Pharmacie du Port"},
    }
    result = apply(store, write(tmp_path, overpass(node)))
    assert (result.counts()["new"], result.updated) == (1, [])
    with Session(store) as session:
        rows = session.execute(select(Shop.osm_id, Shop.latitude).where(Shop.name == "Pharmacie du Port"))
        assert {tuple(row) for row in rows} == {(None, 47.315), ("node/707", 47.3168)}


def test_a_shop_is_linked_once_when_two_elements_match_it(store, fournil, tmp_path):
    twin = FOURNIL_NODE | {"id": 607, "lat": 47.32118}  # 20 m north: nearer, but the file gives it second
    result = plan(store, write(tmp_path, overpass(FOURNIL_NODE, twin)))
    assert [(c.key, c.linked) for c in result.updated] == [("node/606", True)]
    assert [item.key for item in result.new] == ["node/607"]


@pytest.mark.parametrize(
    "closing_tags",
    [
        {"disused:shop": "bakery", "name": "Le Fournil"},
        {"shop": "vacant"},
        {"vacant": "yes", "name": "Le Fournil"},
    ],
)
def test_a_disused_element_closes_the_linked_shop_on_its_check_date(store, fournil, tmp_path, closing_tags):
    apply(store, write(tmp_path, overpass(FOURNIL_NODE)))
    closed = {
        "type": "node",
        "id": 606,
        "lat": 47.32127,
        "lon": -2.07,
        "tags": closing_tags | {"check_date": "2024-12-10"},
    }
    result = apply(store, write(tmp_path, overpass(closed), "later.json"))
    assert [(c.key, c.events) for c in result.updated] == [("node/606", (("closed", dt.date(2024, 12, 10)),))]
    with Session(store) as session:
        events = [(e.kind, e.event_date, e.source) for e in session.get(Shop, fournil).events]
    assert events == [("opened", dt.date(2015, 3, 1), "manual"), ("closed", dt.date(2024, 12, 10), "osm")]


def test_a_disused_element_without_check_date_closes_on_the_files_date(store, fournil, tmp_path):
    apply(store, write(tmp_path, overpass(FOURNIL_NODE)))
    closed = {"type": "node", "id": 606, "lat": 47.32127, "lon": -2.07, "tags": {"disused:shop": "bakery"}}
    result = plan(store, write(tmp_path, overpass(closed), "later.json"))
    assert [c.events for c in result.updated] == [(("closed", FILE_DATE),)]


def test_a_disused_element_not_in_the_store_is_skipped(store, tmp_path):
    closed = {
        "type": "node",
        "id": 808,
        "lat": 47.319,
        "lon": -2.073,
        "tags": {"disused:shop": "bakery", "name": "X"},
    }
    result = plan(store, write(tmp_path, overpass(closed)))
    assert result.counts() == {"new": 0, "updated": 0, "unchanged": 0, "rejected": 0, "skipped": 1}
    assert result.skipped == {"closed for good (disused or vacant), not in the store": 1}


def test_a_position_too_far_is_left_out_and_a_known_position_kept(store, tmp_path):
    apply(store, write(tmp_path, OVERPASS))
    far = {"type": "node", "id": 101, "lat": 47.6, "lon": -2.0712, "tags": BAKERY_TAGS}  # 31 km north
    result = plan(store, write(tmp_path, overpass(far), "far.json"))
    assert result.counts()["unchanged"] == 1
    assert [row.row for row in result.notes] == [1] and "position left out" in result.notes[0].reason


def test_a_way_without_center_is_rejected(store, tmp_path):
    way = {"type": "way", "id": 9, "nodes": [1, 2], "tags": {"shop": "books", "name": "Livres"}}
    result = plan(store, write(tmp_path, overpass(way)))
    assert [str(row) for row in result.rejected] == [
        "row 1: way/9 has no position (ways and relations need `out center`)"
    ]


def test_bad_optional_values_are_left_out_with_a_note(store, tmp_path):
    tags = {
        "shop": "books",
        "name": "Livres",
        "website": "javascript:alert(1)",
        "email": "nobody",
        "phone": "+33 2 40 45 12 34;0601",
    }
    tags |= {"contact:instagram": "@livres_donges", "check_date": "soon"}
    result = plan(
        store,
        write(tmp_path, overpass({"type": "node", "id": 9, "lat": 47.319, "lon": -2.073, "tags": tags})),
    )
    [new] = result.new
    assert (new.values["phone"], new.values.get("website"), new.values.get("email")) == (
        "+33 2 40 45 12 34",
        None,
        None,
    )
    assert new.values["social_links"] == ["https://www.instagram.com/livres_donges"]
    assert new.events == (("recorded", FILE_DATE),)
    assert [row.reason.split(" ")[0] for row in result.notes] == ["check_date", "email", "website"]
    assert (
        result.notes[1].reason
        == "email 'nobody' left out: Not a valid e-mail address (e.g. contact@shop.fr)."
    )


def test_geojson_tags_may_sit_in_properties_tags_and_lines_give_their_middle(store, tmp_path):
    feature = {
        "type": "Feature",
        "properties": {"id": "way/31", "tags": {"shop": "books", "name": "Livres"}},
        # two lines; the first one's two ends average to 47.3190, -2.0730
        "geometry": {
            "type": "MultiLineString",
            "coordinates": [[[-2.074, 47.318], [-2.072, 47.320]], [[0, 0], [1, 1]]],
        },
    }
    [new] = plan(store, write(tmp_path, {"type": "FeatureCollection", "features": [feature]})).new
    assert (new.key, new.values["category"]) == ("way/31", "bookshop")
    assert (new.values["latitude"], new.values["longitude"]) == (pytest.approx(47.319), pytest.approx(-2.073))
    assert new.events == (("recorded", TODAY),)  # no file's date: recorded today


def test_progress_ends_at_one(store, tmp_path):
    seen = []
    with Session(store) as session:
        plan_osm_import(session, write(tmp_path, OVERPASS), "44052", progress=seen.append, today=TODAY)
    assert seen == [1.0]  # five elements: no step before the end (one every 500)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('{"elements": [', "is not valid JSON (line 1, column 15: Expecting value): is it truncated?"),
        (
            '{"version": 0.6, "elements": [\n  {"type": "node",',
            "is not valid JSON (line 2, column 19: Expecting property name enclosed in double quotes)",
        ),
        (
            '{"elements": [{"tags": {"name": "Dongès"}}]}'.encode("latin-1"),
            "is not UTF-8 text (byte 37: invalid continuation byte)",
        ),
        (
            '{"version": 0.6, "osm3s": {}}',
            "holds neither `elements` (Overpass API JSON) nor `features` (GeoJSON)",
        ),
        ("[1, 2]", "holds neither `elements`"),
        ("", "is empty"),
        (b"  \n", "is empty"),
        (
            {**OVERPASS, "remark": 'runtime error: Query timed out in "query" at line 3 after 91 seconds.'},
            "is incomplete, the Overpass API reported: runtime error: Query timed out",
        ),
    ],
)
def test_a_broken_file_fails_naming_the_problem_and_changes_nothing(store, tmp_path, content, problem):
    path = write(tmp_path, content)
    before = counts(store)
    with pytest.raises(ImportFailed) as failed, write_transaction(store) as session:
        apply_shop_plan(session, plan_osm_import(session, path, "44052", today=TODAY), ADMIN)
    assert failed.value.path == str(path)
    assert problem in failed.value.problem
    assert counts(store) == before


def test_a_commune_not_in_the_store_fails(store, tmp_path):
    with pytest.raises(ImportFailed, match="commune 44184, which is not in the store"):
        plan(store, write(tmp_path, OVERPASS), "44184")


@pytest.mark.parametrize(
    ("first", "second", "similar"),
    [
        ("Boulangerie Le Fournil", "Le Fournil", True),  # one's words within the other's
        ("Café de l'Église", "CAFE DE L EGLISE", True),  # case, accents, punctuation
        ("Chez Paul", "Paul", True),  # filler words
        ("Boulangerie Dupond", "Boulangerie Dupont", True),  # a letter apart: difflib ratio 34/36
        ("Boulangerie de la Gare", "Pharmacie de la Gare", False),  # the trade words are kept
        ("Le Fournil", "La Mie Câline", False),
    ],
)
def test_similar_names(first, second, similar):
    assert similar_names(first, second) is similar


# Downloading from the Overpass API: a server on 127.0.0.1, never the internet.


class _Overpass(BaseHTTPRequestHandler):
    status = 200
    answer = json.dumps(OVERPASS).encode()
    queries: list[str] = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        self.queries.append(urllib.parse.parse_qs(body)["data"][0])
        self.send_response(self.status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(self.answer)

    def log_message(self, *args):
        pass


@pytest.fixture
def overpass_server():
    """Yield a function starting a local Overpass stand-in with the given status and answer; its URL."""
    servers = []

    def start(status: int = 200, answer: bytes | None = None) -> tuple[str, list[str]]:
        handler = type("Handler", (_Overpass,), {"status": status, "queries": []})
        if answer is not None:
            handler.answer = answer
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/api/interpreter", handler.queries

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def test_fetch_overpass_posts_the_query_and_writes_the_answer(store, tmp_path, overpass_server):
    url, queries = overpass_server()
    dest = fetch_overpass("44052", tmp_path / "donges.json", url=url, timeout=5)
    assert json.loads(dest.read_text(encoding="utf-8")) == OVERPASS
    [query] = queries
    assert query.startswith("[out:json][timeout:5];\n")
    assert 'area["ref:INSEE"="44052"]["boundary"="administrative"]["admin_level"="8"]->.c;' in query
    assert 'nwr["amenity"~"^(bar|cafe|fast_food|pharmacy|pub|restaurant)$"](area.c);' in query
    assert 'nwr["craft"~"^(shoemaker)$"](area.c);' in query
    assert query == overpass_query("44052", 5)
    assert plan(store, dest).counts()["new"] == 3


def test_fetch_overpass_offline_fails_with_the_way_out(tmp_path):
    with socket.socket() as probe:  # a port nothing listens on once closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    dest = tmp_path / "donges.json"
    with pytest.raises(ImportFailed) as failed:
        fetch_overpass("44052", dest, url=f"http://127.0.0.1:{port}/api/interpreter", timeout=5)
    assert failed.value.problem.startswith(
        f"cannot reach the Overpass API at http://127.0.0.1:{port}/api/interpreter: "
    )
    assert failed.value.problem.endswith("import it with `import osm FILE --commune 44052`")
    assert not dest.exists()


@pytest.mark.parametrize(
    ("status", "answer", "problem"),
    [
        (429, b"<html>Too Many Requests</html>", "answered HTTP 429"),
        (200, b"<html>busy</html>", "did not answer JSON"),
        (
            200,
            b'{"remark": "runtime error: out of memory", "elements": []}',
            "did not finish the query: runtime error",
        ),
    ],
)
def test_fetch_overpass_refuses_a_bad_answer_and_writes_nothing(
    tmp_path, overpass_server, status, answer, problem
):
    url, _ = overpass_server(status, answer)
    dest = tmp_path / "donges.json"
    with pytest.raises(ImportFailed, match=problem):
        fetch_overpass("44052", dest, url=url, timeout=5)
    assert not dest.exists()


def test_fetch_overpass_refuses_a_code_that_is_not_insee(tmp_path):
    with pytest.raises(ImportFailed, match="is not an INSEE commune code"):
        fetch_overpass('44052"];out;', tmp_path / "x.json", url="http://127.0.0.1:9/")


def test_the_attribution_names_openstreetmap_and_the_odbl():
    assert OSM_ATTRIBUTION == "© OpenStreetMap contributors (ODbL)"


def test_command_imports_a_file_and_fetch_fails_clearly_offline(store, tmp_path, monkeypatch, capsys):
    path = write(tmp_path, OVERPASS)
    assert main(["import", "osm", str(path), "--commune", "44052"]) == 0
    output = capsys.readouterr().out
    assert "© OpenStreetMap contributors" in output and "new: 3" in output
    with socket.socket() as probe:  # a port on 127.0.0.1 that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("WIKER_OVERPASS_URL", f"http://127.0.0.1:{port}/api/interpreter")
    before = counts(store)
    assert main(["import", "osm", str(tmp_path / "fetched.json"), "--commune", "44052", "--fetch"]) == 1
    assert "cannot reach the Overpass API at http://127.0.0.1" in capsys.readouterr().err
    assert counts(store) == before


def test_empty_tags_keep_the_stored_phone_and_address(store, fournil, tmp_path):
    # The Fournil has the builder's address and a phone typed in the app; the element's phone and
    # street are empty (as an editor may leave them): both are kept, and the change says so.
    with write_transaction(store) as session:
        update_shop(session, ImportActor("coordinator"), fournil, 2, {"phone": "02 40 45 00 00"})
    element = {**FOURNIL_NODE, "tags": {**FOURNIL_NODE["tags"], "phone": "", "addr:street": " "}}
    result = apply(store, write(tmp_path, overpass(element)))
    [change] = result.updated
    assert "phone" not in change.fields and "address" not in change.fields
    assert change.kept_empty == ("address", "phone")  # in the order of the shop's fields
    with Session(store) as session:
        shop = session.get(Shop, fournil)
        assert (shop.address, shop.phone) == ("1 rue de la Gare", "+33 2 40 45 00 00")


def test_control_characters_are_stripped_with_a_note_and_the_shop_kept(store, tmp_path):
    # OpenStreetMap tags anyone can edit: a NUL in the name, a bare CR before a formula in the hours.
    tags = BAKERY_TAGS | {"name": "Boulangerie\x00 Dupont", "opening_hours": "Tu-Su 07:00-13:00\r=1+1"}
    element = {"type": "node", "id": 101, "lat": 47.3201, "lon": -2.0712, "tags": tags}
    result = apply(store, write(tmp_path, overpass(element)))
    assert sorted(row.reason for row in result.notes) == [
        "name: 1 control character(s) removed",
        "opening_hours: 1 control character(s) removed",
    ]
    shops = osm_shops(store)
    assert "Boulangerie Dupont" in shops
    # The CR is kept as a line break: the CSV writer guards the formula after it.
    assert shops["Boulangerie Dupont"][0]["opening_hours"] == "Tu-Su 07:00-13:00\n=1+1"
