"""Tables shown under charts and maps: query results turned into the columns
a reader expects, in the chosen language."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from pandas.io.formats.style import Styler

from wiker_data.escaping import safe_url
from wiker_data.i18n import category_label, t
from wiker_data.models import TRADE_MODES
from wiker_data.opening_hours_text import describe
from wiker_data.phones import national_phone
from wiker_data.queries.presence import ITEMS
from wiker_data.queries.vitality import ClosureWarning

EDIT_SHOP_LINK = "/edit_shop?shop={}"  # the shop's form, pages/6_edit_shop.py (sign in there)
CHOSEN_ROW_STYLE = "background-color: #CCE3F2; font-weight: bold"  # the chosen commune's row
WARNINGS_IN_FULL = 5  # closure warnings shown as sentences; more (1,290 at national size) as a table


def highlight_rows(shown: pd.DataFrame, chosen: pd.Series) -> Styler:
    """Return `shown` styled with the rows where `chosen` (a boolean series on the same index) holds
    highlighted, as the tables of communes show the chosen commune."""

    def style(row: pd.Series) -> list[str]:
        return [CHOSEN_ROW_STYLE if chosen.loc[row.name] else ""] * len(row)

    return shown.style.apply(style, axis=1)


def warnings_table(warnings: list[ClosureWarning], lang: str) -> pd.DataFrame:
    """Return the flagged communes as a table in `lang`, the most closures first (then by name):
    commune, closures of the last 6 months, openings of the same months, closures of the 6 before."""
    rows = sorted(warnings, key=lambda warning: (-warning.closures, warning.name, warning.code))
    return pd.DataFrame(
        {
            t("col.commune", lang): [warning.name for warning in rows],
            t("warning.col_closures", lang): [warning.closures for warning in rows],
            t("warning.col_openings", lang): [warning.openings for warning in rows],
            t("warning.col_previous", lang): [warning.previous_closures for warning in rows],
        }
    )


def shop_table(
    shops: pd.DataFrame, lang: str, commune_names: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """Return the shops of a shops_for_map frame as a readable table.

    Columns: name, (commune, the name of each shop's commune, with `commune_names`: code -> name),
    category, status, address, phone, website, online_shop_url, trade_modes, opening_hours (in words).
    Text stays text (the table widget does not interpret HTML); links are kept only for http(s) URLs.
    Missing values are empty strings, so the table shows blanks rather than "None".
    """
    # Each shop's trade modes as a bit mask, then each distinct mask spelt out once.
    offered = shops[list(TRADE_MODES)].fillna(False).astype(bool).astype(int)
    masks = sum(offered[mode] * (1 << bit) for bit, mode in enumerate(TRADE_MODES))
    labels = {
        mask: ", ".join(t(f"mode.{mode}", lang) for bit, mode in enumerate(TRADE_MODES) if mask >> bit & 1)
        for mask in masks.unique()
    }
    table = pd.DataFrame(
        {
            "name": shops["name"],
            "category": shops["category"].map(lambda key: category_label(key, lang)),
            "status": shops["status"].map(lambda status: t(f"status.{status}", lang)),
            "address": shops["address"],
            "phone": shops["phone"],
            "website": shops["website"].map(safe_url),  # safe_url memoises its checks
            "online_shop_url": shops["online_shop_url"].map(safe_url),
            "trade_modes": masks.map(labels),
            "opening_hours": shops["opening_hours"].map(
                lambda hours: describe(hours, lang) if isinstance(hours, str) and hours.strip() else ""
            ),
        },
        index=shops.index,
    )
    if commune_names is not None:
        table.insert(1, "commune", shops["commune_code"].map(commune_names))
    return table.astype(object).fillna("")


def readable_calls(calls: pd.DataFrame, names: dict[str, str], lang: str) -> pd.DataFrame:
    """Return a presence.call_list as the page shows it: with the commune's name, the category's
    label, the phone as dialled in France, how it is reached and its group in words, what is missing
    in words, and the link to the shop's form (`edit`)."""
    from wiker_data.charts.presence import item_labels  # plotly: only for the page that draws charts

    labels = item_labels(lang)
    return calls.assign(
        commune=calls["commune_code"].map(names),
        category=[category_label(c, lang) for c in calls["category"]],
        phone=[national_phone(phone) for phone in calls["phone"]],
        reach=[t(f"presence.reach_{reach}", lang) for reach in calls["reach"]],
        group=[t(f"presence.group_{group}", lang) for group in calls["group"]],
        missing=[", ".join(labels[ITEMS.index(item)] for item in items) for items in calls["missing"]],
        edit=[EDIT_SHOP_LINK.format(shop) for shop in calls["id"]],
    )
