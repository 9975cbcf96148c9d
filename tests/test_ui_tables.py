import pandas as pd

from wiker_ui.tables import highlight_rows, readable_calls, shop_table


def shops_frame(**overrides) -> pd.DataFrame:
    row = dict(
        name="Café de la Mairie",
        category="cafe_bar",
        status="temporarily_closed",
        address="1 place de la Mairie",
        phone=None,
        website="javascript:alert(1)",
        online_shop_url="https://boutique.example.fr/",
        opening_hours=None,
        in_store=True,
        click_collect=False,
        delivery=True,
        appointment=False,
        online_shop=True,
        takeaway=False,
    )
    row.update(overrides)
    return pd.DataFrame([row], index=[7])


def test_shop_table_translates_and_drops_unsafe_links():
    table = shop_table(shops_frame(), "fr")
    row = table.iloc[0]
    assert row["category"] == "Café-bar"
    assert row["status"] == "Fermé temporairement"
    assert row["website"] == ""  # javascript: is never a link
    assert row["online_shop_url"] == "https://boutique.example.fr/"
    assert row["trade_modes"] == "En magasin, Livraison, Boutique en ligne"
    assert row["phone"] == "" and row["opening_hours"] == ""


def test_shop_table_in_english():
    row = shop_table(shops_frame(status="open", takeaway=True), "en").iloc[0]
    assert (row["category"], row["status"]) == ("Café and bar", "Open")
    assert row["trade_modes"] == "In store, Delivery, Online shop, Takeaway"


def test_highlight_rows_marks_only_the_chosen_rows():
    shown = pd.DataFrame({"Commune": ["Donges", "Trignac"], "Rang": [1, 2]}, index=[4, 9])
    styled = highlight_rows(shown, pd.Series([False, True], index=[4, 9]))
    cells = styled._compute().ctx  # (row position, column position) -> [(property, value)]
    chosen = [("background-color", "#CCE3F2"), ("font-weight", "bold")]
    assert [cells.get((1, column)) for column in (0, 1)] == [chosen, chosen]
    assert all(not cells.get((0, column)) for column in (0, 1))


def test_readable_calls_name_the_commune_and_what_is_missing_and_link_the_shop_form():
    calls = pd.DataFrame(
        [
            {
                "id": 12,
                "commune_code": "44052",
                "name": "Fournil",
                "category": "bakery",
                "phone": None,
                "score": 6,
                "missing": ["social", "phone"],
                "reach": "email",
                "group": "no_site_no_social",
            }
        ]
    )
    row = readable_calls(calls, {"44052": "Donges"}, "en").iloc[0]
    assert (row["commune"], row["category"], row["missing"]) == ("Donges", "Bakery", "Social network, Phone")
    assert (row["phone"], row["reach"], row["group"]) == ("", "E-mail only", "No website nor social network")
    assert row["edit"] == "/edit_shop?shop=12"  # pages/6_edit_shop.py, its ?shop= parameter
    assert readable_calls(calls, {}, "fr").iloc[0]["missing"] == "Réseau social, Téléphone"


def test_shop_table_names_the_commune_when_given_and_writes_hours_in_words():
    shops = shops_frame(commune_code="44210", opening_hours="Mo-Sa 07:00-19:30")
    table = shop_table(shops, "fr", {"44052": "Donges", "44210": "Trignac"})
    assert list(table.columns[:3]) == ["name", "commune", "category"]
    assert (table.iloc[0]["commune"], table.iloc[0]["opening_hours"]) == ("Trignac", "lun.–sam. 07:00–19:30")
    assert "commune" not in shop_table(shops, "fr").columns
