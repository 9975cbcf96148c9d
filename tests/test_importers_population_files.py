"""INSEE population files as they are published or re-saved, written byte by byte: the current
`donnees_communes.csv` (`;`, CRLF, UTF-8), the older layout re-saved with commas, Excel's
"Unicode text" (UTF-16LE with its BOM, tabs), older files in Windows-1252; files that cannot be
read, and files cut short by a download, which change nothing.

Figures are INSEE's 2023 municipal populations (PMUN), with PCAP the population counted apart and
PTOT = PMUN + PCAP: Donges 8219 + 79 = 8298, Trignac 8397 + 120 = 8517, Guérande 16804 + 551 =
17355, Saint-Nazaire 74568 + 1675 = 76243.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from wiker_data.cli.main import main
from wiker_data.importers import ImportFailed
from wiker_data.importers.population import plan_population_import
from wiker_data.models import Base

CURRENT_HEADER = "REG;Région;DEP;CODARR;CODCAN;CODCOM;COM;Commune;PMUN;PCAP;PTOT"
DONGES = "52;Pays de la Loire;44;3;27;052;44052;Donges;8219;79;8298"
TRIGNAC = "52;Pays de la Loire;44;3;27;210;44210;Trignac;8397;120;8517"
SAINT_NAZAIRE = "52;Pays de la Loire;44;3;24;184;44184;Saint-Nazaire;74568;1675;76243"


def crlf(*lines: str) -> str:
    return "".join(f"{line}\r\n" for line in lines)


def write(tmp_path, data: bytes, name: str = "donnees_communes.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def plan(engine, path, **options):
    with Session(engine) as session:
        return plan_population_import(session, path, **options)


def dump(engine) -> dict[str, list[tuple]]:
    """Every row of every table, sorted: equal dumps are the same store, value for value."""
    with engine.connect() as connection:
        return {
            table.name: sorted((tuple(row) for row in connection.execute(select(table))), key=repr)
            for table in Base.metadata.sorted_tables
        }


def outcome(result) -> tuple:
    return (
        [change.code for change in result.updated],
        [change.code for change in result.unchanged],
        [(row.code, row.name, row.population) for row in [*result.new, *result.skipped]],
    )


def test_donnees_communes_with_semicolons_and_crlf(populations, tmp_path):
    data = crlf(CURRENT_HEADER, DONGES, TRIGNAC, SAINT_NAZAIRE).encode("utf-8")
    result = plan(populations, write(tmp_path, data), year=2023)
    assert (result.layout, result.encoding, result.rows) == ("donnees_communes", "utf-8", 3)
    assert outcome(result) == (["44210"], ["44052"], [("44184", "Saint-Nazaire", 74568)])


def test_the_older_layout_resaved_with_commas_imports(populations, tmp_path):
    # COM is the name there, the code is CODDEP + CODCOM; PMUN is kept, as in donnees_communes.
    data = crlf(
        "CODREG,REG,CODDEP,CODARR,CODCAN,CODCOM,COM,PMUN,PCAP,PTOT",
        "52,Pays de la Loire,44,3,27,052,Donges,8219,79,8298",
        "52,Pays de la Loire,44,3,27,210,Trignac,8397,120,8517",
        "52,Pays de la Loire,44,2,11,069,Guérande,16804,551,17355",
    ).encode("cp1252")
    result = plan(populations, write(tmp_path, data), year=2023, add_communes=True)
    # Guérande's é is 0xE9, the same byte in latin-1: no byte of 0x80-0x9F, so named latin-1.
    assert (result.layout, result.encoding, result.rows) == ("older INSEE", "latin-1", 3)
    assert outcome(result) == (["44210"], ["44052"], [("44069", "Guérande", 16804)])
    assert [change.after for change in result.updated] == [8397]


def test_a_windows_1252_file_keeps_the_characters_latin_1_lacks(populations, tmp_path):
    # Œ is 0x8C in Windows-1252, a control character in latin-1 (Œuilly, 02566, Aisne; figures
    # made up for the test).
    data = crlf(
        "CODREG;REG;CODDEP;CODARR;CODCAN;CODCOM;COM;PMUN;PCAP;PTOT",
        "32;Hauts-de-France;02;2;11;566;Œuilly;95;2;97",
    ).encode("cp1252")
    assert b"\x8c" in data
    result = plan(populations, write(tmp_path, data), year=2023, add_communes=True)
    assert result.encoding == "cp1252"
    assert [(row.code, row.name, row.population) for row in result.new] == [("02566", "Œuilly", 95)]


def test_excel_unicode_text_utf16_with_tabs_imports(populations, tmp_path):
    lines = [line.replace(";", "\t") for line in (CURRENT_HEADER, DONGES, TRIGNAC)]
    data = b"\xff\xfe" + crlf(*lines).encode("utf-16-le")
    result = plan(populations, write(tmp_path, data, "donnees_communes.txt"), year=2023)
    assert (result.layout, result.encoding, result.rows) == ("donnees_communes", "utf-16", 2)
    assert outcome(result) == (["44210"], ["44052"], [])


def test_a_file_that_cannot_be_read_shows_its_first_line_decoded(populations, tmp_path, capsys):
    data = b"\xff\xfe" + "REG\tDEP\tCOM\tPTOT\r\n52\t44\t44052\t8298\r\n".encode("utf-16-le")
    path = write(tmp_path, data)
    before = dump(populations)
    with pytest.raises(ImportFailed) as failed:
        plan(populations, path, year=2023)
    problem = failed.value.problem
    assert problem.startswith("unknown header: expected the columns COM, Commune, PMUN")
    assert "(read as UTF-16LE with its BOM, separators tried: ';', ',', tab" in problem
    assert problem.endswith('first line: "REG\\tDEP\\tCOM\\tPTOT")')
    assert "ÿþ" not in problem and "\\x00" not in problem
    assert main(["import", "population", str(path), "--year", "2023"]) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"error: {path}: unknown header") and error.count("\n") == 1
    assert dump(populations) == before


def test_a_long_first_line_is_shortened(populations, tmp_path):
    header = ";".join(f"column{number}" for number in range(20))  # 20 × 8 or 9 characters
    with pytest.raises(ImportFailed) as failed:
        plan(populations, write(tmp_path, crlf(header, "1;2").encode()), year=2023)
    # The first 60 characters, then an ellipsis.
    assert f'first line: "{header[:60]}…")' in failed.value.problem


# Cut short by a download: the last line is missing its end.
TRUNCATED = {
    "fields missing": (
        crlf(CURRENT_HEADER, DONGES, TRIGNAC) + "52;Pays de la Loire;44;3;24;184;44184;Saint-Nazaire;74",
        "row 4 ends without a line break after 9 of the header's 11 fields, in PMUN ('74'), "
        "before PCAP, PTOT: the file is truncated",
    ),
    "a number cut short": (
        crlf(CURRENT_HEADER, DONGES, TRIGNAC)
        + "52;Pays de la Loire;44;3;24;184;44184;Saint-Nazaire;74568;1675;762",
        # 74568 + 1675 = 76243, not 762
        "row 4 ends without a line break and its PTOT '762' is not PMUN + PCAP (74568 + 1675): "
        "the file is truncated",
    ),
    "a quoted field never closed": (
        crlf(CURRENT_HEADER, DONGES, TRIGNAC) + '52;Pays de la Loire;44;3;24;184;44184;"Saint-Naz',
        "row 4 opens a quote in Commune that is never closed: the file is truncated or damaged",
    ),
}


@pytest.mark.parametrize("case", sorted(TRUNCATED))
def test_a_truncated_file_changes_nothing(populations, tmp_path, capsys, case):
    text, problem = TRUNCATED[case]
    path = write(tmp_path, text.encode("utf-8"))
    before = dump(populations)
    with pytest.raises(ImportFailed) as failed:
        plan(populations, path, year=2023, add_communes=True)
    assert failed.value.problem == problem
    assert main(["import", "population", str(path), "--year", "2023", "--add-communes"]) == 1
    assert capsys.readouterr().err == f"error: {path}: {problem}\n"
    assert dump(populations) == before


def test_a_complete_last_row_without_a_line_break_imports(populations, tmp_path):
    # 8397 + 120 = 8517: the row is whole, only the final line break is missing.
    result = plan(populations, write(tmp_path, (crlf(CURRENT_HEADER, DONGES) + TRIGNAC).encode()), year=2023)
    assert outcome(result) == (["44210"], ["44052"], [])


def test_a_short_row_that_ends_with_its_line_break_is_only_rejected(populations, tmp_path):
    data = crlf(CURRENT_HEADER, DONGES, "52;Pays de la Loire;44;3;27;210;44210;Trignac;8397").encode()
    result = plan(populations, write(tmp_path, data), year=2023)
    assert [str(row) for row in result.rejected] == ["row 3: has 9 fields, the header has 11"]


def test_a_utf16_file_cut_inside_a_character_changes_nothing(populations, tmp_path):
    # Two bytes a character: a file of an odd length ends in the middle of one.
    text = crlf(CURRENT_HEADER, DONGES) + TRIGNAC
    path = write(tmp_path, (b"\xff\xfe" + text.encode("utf-16-le"))[:-1])
    before = dump(populations)
    with pytest.raises(ImportFailed) as failed:
        plan(populations, path, year=2023)
    assert failed.value.problem == "row 3 ends in the middle of a UTF-16 character: the file is truncated"
    assert dump(populations) == before
