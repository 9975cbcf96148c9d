import pandas as pd

from wiker_ui.tables import shop_table


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
    row = shop_table(shops_frame(status="open"), "en").iloc[0]
    assert (row["category"], row["status"]) == ("Café and bar", "Open")
    assert row["trade_modes"] == "In store, Delivery, Online shop"
