"""The controlled list of shop categories, each with its NAF rév. 2 codes and
OpenStreetMap tags, grouped into a few families that the map colours apart."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Family:
    key: str
    label_fr: str
    label_en: str
    colour: str  # Okabe-Ito palette: distinguishable with the common colour-vision deficiencies


@dataclass(frozen=True)
class Category:
    key: str
    label_fr: str
    label_en: str
    family: str
    naf: tuple[str, ...]
    osm: tuple[str, ...]  # "key=value" tags
    essential: bool = False  # allowed to trade during the 2020-2021 lockdowns

    def label(self, lang: str) -> str:
        return self.label_fr if lang == "fr" else self.label_en


FAMILIES: tuple[Family, ...] = (
    Family("food", "Alimentation", "Food", "#E69F00"),
    Family("eat_drink", "Cafés et restaurants", "Cafés and restaurants", "#D55E00"),
    Family("fashion", "Mode et accessoires", "Fashion and accessories", "#CC79A7"),
    Family("care", "Beauté et soins", "Beauty and care", "#56B4E9"),
    Family("health", "Santé", "Health", "#009E73"),
    Family("culture", "Culture et loisirs", "Culture and leisure", "#0072B2"),
    Family("home", "Maison et bricolage", "Home and DIY", "#F0E442"),
    Family("services", "Services et réparation", "Services and repair", "#000000"),
)

CATEGORIES: tuple[Category, ...] = (
    Category(
        "bakery",
        "Boulangerie-pâtisserie",
        "Bakery",
        "food",
        ("10.71C", "10.71D", "47.24Z"),
        ("shop=bakery", "shop=pastry", "shop=confectionery"),
        True,
    ),
    Category(
        "butcher", "Boucherie-charcuterie", "Butcher", "food", ("47.22Z", "10.13B"), ("shop=butcher",), True
    ),
    Category("fishmonger", "Poissonnerie", "Fishmonger", "food", ("47.23Z",), ("shop=seafood",), True),
    Category("greengrocer", "Primeur", "Greengrocer", "food", ("47.21Z",), ("shop=greengrocer",), True),
    Category(
        "drinks",
        "Cave",
        "Wine and drinks",
        "food",
        ("47.25Z",),
        ("shop=wine", "shop=alcohol", "shop=beverages"),
        True,
    ),
    Category(
        "grocery",
        "Épicerie",
        "Grocery",
        "food",
        ("47.11B",),
        ("shop=deli", "shop=general", "shop=grocery"),
        True,
    ),
    Category(
        "convenience",
        "Supérette",
        "Convenience store",
        "food",
        ("47.11C",),
        ("shop=convenience", "shop=supermarket"),
        True,
    ),
    Category("tobacco", "Tabac", "Tobacconist", "food", ("47.26Z",), ("shop=tobacco",), True),
    Category("restaurant", "Restaurant", "Restaurant", "eat_drink", ("56.10A",), ("amenity=restaurant",)),
    Category(
        "fast_food", "Restauration rapide", "Fast food", "eat_drink", ("56.10C",), ("amenity=fast_food",)
    ),
    Category(
        "cafe_bar",
        "Café-bar",
        "Café and bar",
        "eat_drink",
        ("56.30Z",),
        ("amenity=cafe", "amenity=bar", "amenity=pub"),
    ),
    Category("clothing", "Vêtements", "Clothing", "fashion", ("47.71Z",), ("shop=clothes", "shop=boutique")),
    Category("shoes", "Chaussures", "Shoes", "fashion", ("47.72A",), ("shop=shoes",)),
    Category(
        "leather", "Maroquinerie", "Leather goods", "fashion", ("47.72B",), ("shop=bag", "shop=leather")
    ),
    Category(
        "jeweller",
        "Bijouterie-horlogerie",
        "Jeweller",
        "fashion",
        ("47.77Z", "95.25Z"),
        ("shop=jewelry", "shop=watches"),
    ),
    Category("hairdresser", "Coiffeur", "Hairdresser", "care", ("96.02A",), ("shop=hairdresser",)),
    Category("beauty", "Institut de beauté", "Beauty salon", "care", ("96.02B",), ("shop=beauty",)),
    Category(
        "perfumery",
        "Parfumerie",
        "Perfume and cosmetics",
        "care",
        ("47.75Z",),
        ("shop=perfumery", "shop=cosmetics", "shop=chemist"),
    ),
    Category("pharmacy", "Pharmacie", "Pharmacy", "health", ("47.73Z",), ("amenity=pharmacy",), True),
    Category("optician", "Opticien", "Optician", "health", ("47.78A",), ("shop=optician",), True),
    Category("bookshop", "Librairie", "Bookshop", "culture", ("47.61Z",), ("shop=books",)),
    Category(
        "newsagent",
        "Presse-papeterie",
        "Newsagent and stationery",
        "culture",
        ("47.62Z",),
        ("shop=newsagent", "shop=stationery"),
        True,
    ),
    Category("toys", "Jeux et jouets", "Toys and games", "culture", ("47.65Z",), ("shop=toys", "shop=games")),
    Category(
        "sports",
        "Articles de sport",
        "Sports goods",
        "culture",
        ("47.64Z",),
        ("shop=sports", "shop=outdoor", "shop=bicycle"),
    ),
    Category("florist", "Fleuriste", "Florist", "home", ("47.76Z",), ("shop=florist", "shop=garden_centre")),
    Category(
        "hardware",
        "Quincaillerie",
        "Hardware",
        "home",
        ("47.52A", "47.52B"),
        ("shop=hardware", "shop=doityourself", "shop=paint"),
        True,
    ),
    Category(
        "homeware",
        "Équipement de la maison",
        "Household goods",
        "home",
        ("47.59B",),
        ("shop=houseware", "shop=interior_decoration", "shop=gift"),
    ),
    Category(
        "second_hand",
        "Dépôt-vente, brocante",
        "Second-hand goods",
        "home",
        ("47.79Z",),
        ("shop=second_hand", "shop=antiques", "shop=charity"),
    ),
    Category(
        "cobbler", "Cordonnerie", "Cobbler", "services", ("95.23Z",), ("craft=shoemaker", "shop=shoe_repair")
    ),
    Category(
        "dry_cleaning",
        "Pressing",
        "Dry cleaning",
        "services",
        ("96.01B",),
        ("shop=dry_cleaning", "shop=laundry"),
    ),
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
