"""Layouts met in real published files that the other tests' hand-made files did not cover, each
written as found (a few rows, the header exactly as published).

The older INSEE layout re-saved with commas, as a public repository holds it
(marlierecharlie/brief_12_ma_base_de_donnees_immobiliere, donnees_communes.csv): its UTF-8 was
read as Windows-1252 and written out again as UTF-8, so « Rhône » is stored as « RhÃ´ne ». The
figures are INSEE's (PMUN of the 2019 millésime): L'Abergement-Clémenciat 779, Bourg-en-Bresse
41111, Échallon 748.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from wiker_data.importers.population import plan_population_import

OLDER_COMMAS_TWICE_ENCODED = (
    "CODREG,REG,CODDEP,CODARR,CODCAN,CODCOM,COM,PMUN,PCAP,PTOT\n"
    "84,Auvergne-RhÃ´ne-Alpes,01,02,08,001,L'Abergement-ClÃ©menciat,779,19,798\n"
    "84,Auvergne-RhÃ´ne-Alpes,01,02,99,053,Bourg-en-Bresse,41111,1742,42853\n"
    "84,Auvergne-RhÃ´ne-Alpes,01,04,14,152,Ã‰challon,748,20,768\n"
)


def test_names_encoded_twice_in_utf8_are_read_as_written(engine, tmp_path):
    path = tmp_path / "donnees_communes.csv"
    path.write_bytes(OLDER_COMMAS_TWICE_ENCODED.encode("utf-8"))
    with Session(engine) as session:
        result = plan_population_import(session, path, year=2019, add_communes=True)
    assert [(row.code, row.name, row.population) for row in result.new] == [
        ("01001", "L'Abergement-Clémenciat", 779),
        ("01053", "Bourg-en-Bresse", 41111),
        ("01152", "Échallon", 748),
    ]


def test_a_name_with_a_capital_a_circumflex_of_its_own_is_kept(engine, tmp_path):
    # « Â » followed by a letter is French, not a trace of UTF-8 read as Windows-1252.
    path = tmp_path / "donnees_communes.csv"
    path.write_bytes(
        "REG;Région;DEP;CODARR;CODCAN;CODCOM;COM;Commune;PMUN;PCAP;PTOT\r\n"
        "52;Pays de la Loire;44;3;27;052;44052;Âge-sur-Loire;8219;79;8298\r\n".encode()
    )
    with Session(engine) as session:
        result = plan_population_import(session, path, year=2023, add_communes=True)
    assert [row.name for row in result.new] == ["Âge-sur-Loire"]
