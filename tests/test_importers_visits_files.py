"""Visits files as Matomo and spreadsheets write them, byte by byte: Matomo's TSV export "for
Excel" (UTF-16LE with its BOM, tabs, LF, no line break after the last row, as Matomo's renderer
writes it), its CSV (UTF-8, commas), a plain CSV saved by a French Excel (`;`, CRLF,
Windows-1252), and a file that cannot be read.

The store: Donges 44052 and Trignac 44210, no visits. Today is 20 June 2024.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session

from tests.builders import add_commune
from wiker_data.importers import ImportFailed
from wiker_data.importers.visits import Figures, plan_visits_import

TODAY = dt.date(2024, 6, 20)
APRIL, MAY, JUNE = dt.date(2024, 4, 1), dt.date(2024, 5, 1), dt.date(2024, 6, 1)

# Matomo's French web-interface headers for "Visites - Vue d'ensemble" over several months.
FRENCH_ROWS = [
    [
        "Date",
        "Visites",
        "Visiteurs uniques",
        "Actions",
        "Taux de rebond",
        "Durée moy. des visites (en secondes)",
    ],
    ["2024-04", "1000", "700", "3100", "45%", "120"],
    ["2024-05", "1234", "810", "3502", "41%", "118"],
]
EXPECTED = [
    ("44052", APRIL, None, Figures(1000, 700)),
    ("44052", MAY, None, Figures(1234, 810)),
]


@pytest.fixture
def world(engine):
    with Session(engine) as session:
        add_commune(session, "44052", "Donges")
        add_commune(session, "44210", "Trignac")
        session.commit()
    return engine


def write(tmp_path, data: bytes, name: str):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def plan(engine, path, commune=None):
    with Session(engine) as session:
        return plan_visits_import(session, path, commune, today=TODAY)


def changes(result) -> list[tuple]:
    return [(c.commune, c.month, c.before, c.after) for c in result.new]


def test_matomo_tsv_in_utf16_imports_like_its_csv(world, tmp_path):
    tsv = b"\xff\xfe" + "\n".join("\t".join(row) for row in FRENCH_ROWS).encode("utf-16-le")
    csv = "\n".join(",".join(row) for row in FRENCH_ROWS).encode("utf-8")
    from_tsv = plan(world, write(tmp_path, tsv, "export.tsv"), "44052")
    from_csv = plan(world, write(tmp_path, csv, "export.csv"), "44052")
    assert (from_tsv.layout, from_tsv.encoding, from_tsv.rows) == ("Matomo French", "utf-16", 2)
    assert (from_csv.layout, from_csv.encoding, from_csv.rows) == ("Matomo French", "utf-8", 2)
    assert changes(from_tsv) == changes(from_csv) == EXPECTED


def test_matomo_tsv_with_raw_names_and_a_big_endian_bom(world, tmp_path):
    text = "date\tnb_uniq_visitors\tnb_visits\n2024-04-01\t700\t1000\n2024-05-01\t810\t1234"
    result = plan(world, write(tmp_path, b"\xfe\xff" + text.encode("utf-16-be"), "export.tsv"), "44052")
    assert (result.layout, result.encoding) == ("Matomo raw names", "utf-16")
    assert changes(result) == EXPECTED


def test_a_plain_csv_saved_by_a_french_excel_imports(world, tmp_path):
    # Excel's "CSV (séparateur : point-virgule)": `;`, CRLF, Windows-1252; a commune column
    # with a name beside the code (ignored).
    data = (
        "commune;nom;month;visits;unique_visitors\r\n"
        "44052;Donges;2024-04;1000;700\r\n"
        "44210;Trignac;2024-05;2500;1800\r\n"
    ).encode("cp1252")
    result = plan(world, write(tmp_path, data, "visites.csv"))
    assert (result.layout, result.rows) == ("visits CSV", 2)
    assert changes(result) == [
        ("44052", APRIL, None, Figures(1000, 700)),
        ("44210", MAY, None, Figures(2500, 1800)),
    ]


def test_a_visits_file_that_cannot_be_read_shows_its_first_line_decoded(world, tmp_path):
    data = b"\xff\xfe" + "Jour\tVisites\n2024-05-01\t1234".encode("utf-16-le")
    with pytest.raises(ImportFailed) as failed:
        plan(world, write(tmp_path, data, "export.tsv"), "44052")
    problem = failed.value.problem
    assert problem.startswith("has no date column: export the visits over several periods")
    assert problem.endswith(
        "(read as UTF-16LE with its BOM, separators tried: ';', ',', tab; first line: \"Jour\\tVisites\")"
    )
