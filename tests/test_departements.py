"""Département codes: the real ones only, never a prefix of commune codes."""

from __future__ import annotations

import pytest

from wiker_data.departements import DEPARTEMENTS, departement_code, departement_of


def test_there_are_102_departements():
    # By hand: 01 to 95 is 95 numbers, 94 without 20, 96 with 2A and 2B; 971 to 976 adds 6: 102.
    assert len(DEPARTEMENTS) == 102
    assert {"01", "2A", "2B", "95", "971", "976"} <= set(DEPARTEMENTS)
    assert not {"20", "00", "96", "970", "977"} & set(DEPARTEMENTS)


@pytest.mark.parametrize(
    ("text", "code"),
    [("44", "44"), (" 44 ", "44"), ("4", "04"), ("04", "04"), ("2a", "2A"), ("2B", "2B"), ("974", "974")],
)
def test_a_real_code_is_accepted(text, code):
    assert departement_code(text) == code


@pytest.mark.parametrize("text", ["", "0", "20", "96", "044", "4x", "2C", "977", "44052", "Loire-Atlantique"])
def test_anything_else_is_refused_with_what_is_accepted(text):
    with pytest.raises(ValueError) as refused:
        departement_code(text)
    accepted = "give 01 to 95 (Corsica: 2A, 2B; not 20), 971 to 976"
    assert f"is not a département code: {accepted}" in str(refused.value)


@pytest.mark.parametrize(
    ("commune", "departement"), [("44052", "44"), ("04070", "04"), ("2A004", "2A"), ("97101", "971")]
)
def test_the_departement_of_a_commune(commune, departement):
    assert departement_of(commune) == departement
