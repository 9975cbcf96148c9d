"""The controlled list of shop categories, each with its NAF rév. 2 codes and
OpenStreetMap tags, grouped into a few families that the map colours apart.

Their names, in each language, are in the catalogue `wiker_data.i18n.categories`
(keys `category.<key>` and `family.<key>`): ask `i18n.category_label` / `family_label`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Family:
    key: str
    colour: str  # Okabe-Ito palette: distinguishable with the common colour-vision deficiencies


@dataclass(frozen=True)
class Category:
    key: str
    family: str
    naf: tuple[str, ...]
    osm: tuple[str, ...]  # "key=value" tags
    essential: bool = False  # allowed to trade during the 2020-2021 lockdowns


FAMILIES: tuple[Family, ...] = (
    Family("food", "#E69F00"),
    Family("eat_drink", "#D55E00"),
    Family("fashion", "#CC79A7"),
    Family("care", "#56B4E9"),
    Family("health", "#009E73"),
    Family("culture", "#0072B2"),
    Family("home", "#F0E442"),
    Family("services", "#000000"),
)

CATEGORIES: tuple[Category, ...] = (
    Category(
        "bakery",
        "food",
        ("10.71C", "10.71D", "47.24Z"),
        ("shop=bakery", "shop=pastry", "shop=confectionery"),
        True,
    ),
    Category("butcher", "food", ("47.22Z", "10.13B"), ("shop=butcher",), True),
    Category("fishmonger", "food", ("47.23Z",), ("shop=seafood",), True),
    Category("greengrocer", "food", ("47.21Z",), ("shop=greengrocer",), True),
    Category("drinks", "food", ("47.25Z",), ("shop=wine", "shop=alcohol", "shop=beverages"), True),
    Category("grocery", "food", ("47.11B",), ("shop=deli", "shop=general", "shop=grocery"), True),
    Category("convenience", "food", ("47.11C",), ("shop=convenience",), True),
    Category("supermarket", "food", ("47.11D", "47.11F"), ("shop=supermarket",), True),  # and hypermarkets
    Category("tobacco", "food", ("47.26Z",), ("shop=tobacco",), True),
    Category("restaurant", "eat_drink", ("56.10A",), ("amenity=restaurant",)),
    Category("fast_food", "eat_drink", ("56.10C",), ("amenity=fast_food",)),
    Category("cafe_bar", "eat_drink", ("56.30Z",), ("amenity=cafe", "amenity=bar", "amenity=pub")),
    Category("clothing", "fashion", ("47.71Z",), ("shop=clothes", "shop=boutique")),
    Category("shoes", "fashion", ("47.72A",), ("shop=shoes",)),
    Category("leather", "fashion", ("47.72B",), ("shop=bag", "shop=leather")),
    Category("jeweller", "fashion", ("47.77Z", "95.25Z"), ("shop=jewelry", "shop=watches")),
    Category("hairdresser", "care", ("96.02A",), ("shop=hairdresser",)),
    Category("beauty", "care", ("96.02B",), ("shop=beauty",)),
    Category("perfumery", "care", ("47.75Z",), ("shop=perfumery", "shop=cosmetics", "shop=chemist")),
    Category("pharmacy", "health", ("47.73Z",), ("amenity=pharmacy",), True),
    Category("optician", "health", ("47.78A",), ("shop=optician",), True),
    Category("bookshop", "culture", ("47.61Z",), ("shop=books",)),
    Category("newsagent", "culture", ("47.62Z",), ("shop=newsagent", "shop=stationery"), True),
    Category("toys", "culture", ("47.65Z",), ("shop=toys", "shop=games")),
    Category("sports", "culture", ("47.64Z",), ("shop=sports", "shop=outdoor", "shop=bicycle")),
    Category("florist", "home", ("47.76Z",), ("shop=florist", "shop=garden_centre")),
    Category(
        "hardware", "home", ("47.52A", "47.52B"), ("shop=hardware", "shop=doityourself", "shop=paint"), True
    ),
    Category("homeware", "home", ("47.59B",), ("shop=houseware", "shop=interior_decoration", "shop=gift")),
    Category("second_hand", "home", ("47.79Z",), ("shop=second_hand", "shop=antiques", "shop=charity")),
    Category("cobbler", "services", ("95.23Z",), ("craft=shoemaker", "shop=shoe_repair")),
    Category("dry_cleaning", "services", ("96.01B",), ("shop=dry_cleaning", "shop=laundry")),
)

BY_KEY: dict[str, Category] = {c.key: c for c in CATEGORIES}
FAMILY_BY_KEY: dict[str, Family] = {f.key: f for f in FAMILIES}

_BY_OSM = {tag: c for c in CATEGORIES for tag in c.osm}


def category_for_osm_tags(tags: dict[str, str]) -> Category | None:
    """Return the category of an OpenStreetMap object from its shop/amenity/craft tags."""
    for key in ("shop", "amenity", "craft"):
        value = tags.get(key)
        if value and (found := _BY_OSM.get(f"{key}={value}")):
            return found
    return None


UNKNOWN_COLOUR = "#999999"


def colour_of(category_key: str) -> str:
    """Return the map colour of a category (the colour of its family; grey when the key is unknown)."""
    category = BY_KEY.get(category_key)
    return FAMILY_BY_KEY[category.family].colour if category else UNKNOWN_COLOUR
