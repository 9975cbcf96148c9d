"""Formula injection through line breaks (issue 12, item 1): every CSV the project writes goes
through exports.to_csv_bytes, which must keep a field holding CR or LF in one cell, and neutralise a
formula start at the start of a field and after any line break inside it, with either language's
separator (`,` in English, `;` in French)."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from tests.builders import add_shop
from wiker_data.exports import encode, shops_export, to_csv_bytes

HOSTILE = 'Bar du Port\r=HYPERLINK("http://evil.example","clic")'  # an OSM tag anyone can edit
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_rows(text: str, separator: str = ",") -> list[list[str]]:
    """Split CSV text as Excel and LibreOffice do: a quote opens a field only at its start, two
    quotes inside a quoted field are one, and CR, LF or CR LF outside quotes ends the row."""
    rows: list[list[str]] = []
    row: list[str] = []
    cell: list[str] = []
    quoted = started = False
    at = 0
    while at < len(text):
        char = text[at]
        if quoted:
            if char == '"' and text[at + 1 : at + 2] == '"':
                cell.append('"')
                at += 1
            elif char == '"':
                quoted = False
            else:
                cell.append(char)
        elif char == '"' and not started:
            quoted = started = True
        elif char == separator:
            row.append("".join(cell))
            cell, started = [], False
        elif char in "\r\n":
            if char == "\r" and text[at + 1 : at + 2] == "\n":
                at += 1
            row.append("".join(cell))
            rows.append(row)
            row, cell, started = [], [], False
        else:
            cell.append(char)
            started = True
        at += 1
    if cell or row:
        row.append("".join(cell))
        rows.append(row)
    return rows


def assert_no_formula(rows: list[list[str]]) -> None:
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), (cell, row)
            for line in cell.replace("\r\n", "\n").replace("\r", "\n").split("\n")[1:]:
                assert not line.startswith(FORMULA_STARTS), (cell, row)


def test_a_carriage_return_stays_inside_its_quoted_cell_and_the_formula_after_it_is_neutralised():
    frame = pd.DataFrame({"name": [HOSTILE, "Tabac"], "shops": [-1, 2]})
    text = to_csv_bytes(frame, lang="en").decode("utf-8-sig")
    rows = spreadsheet_rows(text)
    assert rows == [
        ["name", "shops"],
        ['Bar du Port\r\'=HYPERLINK("http://evil.example","clic")', "-1"],
        ["Tabac", "2"],
    ]
    assert list(csv.reader(io.StringIO(text, newline=""))) == rows  # Python's reader agrees
    assert_no_formula([[rows[1][0]]])  # the text; the number -1 stays a number


def test_the_shops_export_keeps_a_hostile_name_in_one_row(store):
    with Session(store) as session:
        add_shop(session, name=HOSTILE, opening_hours="Mo-Sa 08:00-19:00\n+33 2 40 00 00 00")
        session.commit()
        frame = shops_export(session, pd.Timestamp("2026-12-01").date())
    rows = spreadsheet_rows(encode(frame, "csv", lang="fr").decode("utf-8-sig"), ";")
    assert len(rows) == 1 + len(frame)
    name = rows[0].index("Nom")
    hostile = next(row for row in rows if row[name].startswith("Bar du Port"))
    assert hostile[name] == "Bar du Port\r'" + HOSTILE.split("\r")[1]
    assert hostile[rows[0].index("Horaires")] == "Mo-Sa 08:00-19:00\n'+33 2 40 00 00 00"


def test_a_french_csv_quotes_a_field_holding_a_semicolon_and_keeps_the_hostile_text_in_one_cell():
    frame = pd.DataFrame({"name": [HOSTILE, "Tabac; presse"], "shops": [-1, 2]})
    text = to_csv_bytes(frame, lang="fr").decode("utf-8-sig")
    assert text.split("\r\n")[2] == '"Tabac; presse";2'
    assert spreadsheet_rows(text, ";") == [
        ["name", "shops"],
        ['Bar du Port\r\'=HYPERLINK("http://evil.example","clic")', "-1"],
        ["Tabac; presse", "2"],
    ]


texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30)
tricky = st.text(alphabet="=+-@\t\r\n\";, ab'", max_size=12)


@pytest.mark.parametrize(("lang", "separator"), [("en", ","), ("fr", ";")])
@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.one_of(texts, tricky), st.one_of(texts, tricky)), min_size=1, max_size=5))
def test_every_string_round_trips_and_never_starts_a_formula(lang, separator, cells):
    frame = pd.DataFrame(cells, columns=["a", "b"])
    text = to_csv_bytes(frame, lang=lang).decode("utf-8-sig")
    rows = spreadsheet_rows(text, separator)
    assert len(rows) == 1 + len(cells)  # no row split inside a field
    assert all(len(row) == 2 for row in rows)
    assert list(csv.reader(io.StringIO(text, newline=""), delimiter=separator)) == rows
    assert_no_formula(rows[1:])
    for (a, b), row in zip(cells, rows[1:], strict=True):  # only apostrophes were added
        for given_text, written in ((a, row[0]), (b, row[1])):
            assert written.replace("'", "") == given_text.replace("'", "")
