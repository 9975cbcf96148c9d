"""Tables shown under charts and maps: query results turned into the columns
a reader expects, in the chosen language."""

from __future__ import annotations

import pandas as pd

from wiker_data.escaping import safe_url
from wiker_data.i18n import category_label, t
from wiker_data.models import TRADE_MODES


def shop_table(shops: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return the shops of a shops_for_map frame as a readable table.

    Columns: name, category, status, address, phone, website, online_shop_url, trade_modes, opening_hours.
    Text stays text (the table widget does not interpret HTML); links are kept only for http(s) URLs.
    Missing values are empty strings, so the table shows blanks rather than "None".
    """
    modes = shops[list(TRADE_MODES)]
    table = pd.DataFrame(
        {
            "name": shops["name"],
            "category": [category_label(c, lang) for c in shops["category"]],
            "status": [t(f"status.{s}", lang) for s in shops["status"]],
            "address": shops["address"],
            "phone": shops["phone"],
            "website": [safe_url(u) for u in shops["website"]],
            "online_shop_url": [safe_url(u) for u in shops["online_shop_url"]],
            "trade_modes": [
                ", ".join(t(f"mode.{m}", lang) for m in TRADE_MODES if row[m])
                for row in modes.to_dict("records")
            ],
            "opening_hours": shops["opening_hours"],
        }
    )
    return table.fillna("")
