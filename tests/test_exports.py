import io

import pandas as pd

from wiker_data.exports import to_csv_bytes


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
