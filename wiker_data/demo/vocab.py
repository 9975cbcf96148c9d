"""Words the demo generator builds its shops from: French shop names per
category, town-centre streets, opening hours in OpenStreetMap syntax, catalogue
items, and a shop's row made of them (contacts, trade modes, position near the
town centre). Plain data plus a few helpers that take the caller's random
generator, so that the output depends on the seed only."""

from __future__ import annotations

import math
import random
import re
import unicodedata
from decimal import Decimal

from wiker_data.categories import BY_KEY, CATEGORIES

# Per category: the words a name starts with, and names that stand alone.
NAME_PARTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "bakery": (("Boulangerie", "Boulangerie-Pâtisserie", "Fournil"),
               ("Le Fournil", "La Mie Dorée", "Au Pain d'Antan", "La Huche à Pain", "Aux Délices du Bourg")),
    "butcher": (("Boucherie", "Boucherie-Charcuterie"), ("Au Bon Bœuf", "La Ferme du Brivet")),
    "fishmonger": (("Poissonnerie", "Marée"), ("La Marée de l'Estuaire", "Le Chalut")),
    "greengrocer": (("Primeur", "Fruits et Légumes"), ("Au Panier Frais", "Le Jardin du Marché")),
    "drinks": (("Cave", "Cave à vins"), ("Le Cellier", "Au Tire-Bouchon", "La Cave du Muscadet")),
    "grocery": (("Épicerie", "Épicerie fine"), ("L'Épicerie du Bourg", "Le Comptoir Breton", "Vrac & Co")),
    "convenience": (("Proxi", "Vival", "Supérette"), ("Le Petit Marché", "Coccinelle Express")),
    "tobacco": (("Tabac", "Tabac-Presse", "Bar-Tabac"), ("Le Balto", "Le Brivet")),
    "restaurant": (("Restaurant", "Crêperie", "Brasserie", "Auberge"),
                   ("La Table de l'Estuaire", "Le Bistrot du Port", "L'Escale", "Le Petit Marin")),
    "fast_food": (("Pizzeria", "Kebab", "Burger"), ("Pizza Bella", "Le Snack", "O'Tacos du Centre")),
    "cafe_bar": (("Café", "Bar", "Le Bar"), ("Le Central", "L'Estaminet", "Le Penn Ar Bed", "Le Sporting")),
    "clothing": (("Boutique", "Mode", "Prêt-à-porter"), ("Les Petites Mains", "Dressing", "Atelier Marin")),
    "shoes": (("Chaussures", "Chausseur"), ("Pas à Pas", "Le Soulier")),
    "leather": (("Maroquinerie",), ("Le Sac à Main", "Cuir & Cie")),
    "jeweller": (("Bijouterie", "Horlogerie-Bijouterie"), ("L'Écrin", "Or et Perles")),
    "hairdresser": (("Coiffure", "Salon", "Studio Coiffure"),
                    ("Hair du Temps", "Tif'Tendance", "Diminu'tif", "L'Atelier de Coiffure")),
    "beauty": (("Institut", "Beauté", "Esthétique"), ("Bulle de Beauté", "L'Instant Zen")),
    "perfumery": (("Parfumerie",), ("Les Senteurs", "L'Essentiel Beauté")),
    "pharmacy": (("Pharmacie",), ()),
    "optician": (("Optique", "Opticien"), ("Vue d'Ici", "Les Lunettes du Port")),
    "bookshop": (("Librairie",), ("L'Encre Marine", "Le Marque-Page", "Page 44")),
    "newsagent": (("Maison de la Presse", "Presse-Papeterie"), ("Le Kiosque",)),
    "toys": (("Jouets",), ("La Boîte à Jeux", "Le Coffre à Jouets")),
    "sports": (("Sports", "Cycles"), ("Le Vélo Vert", "Glisse Océan")),
    "florist": (("Fleurs", "Fleuriste"), ("L'Atelier Floral", "Au Jardin d'Éden", "Le Bouquet")),
    "hardware": (("Quincaillerie", "Droguerie"), ("Bricomarché du Centre", "La Clé de 12")),
    "homeware": (("Déco", "Maison"), ("L'Art de la Table", "Comptoir de Famille", "Côté Maison")),
    "second_hand": (("Dépôt-vente", "Brocante"), ("La Caverne", "Seconde Main", "Le Grenier")),
    "cobbler": (("Cordonnerie",), ("Au Petit Cordonnier", "Talon Minute")),
    "dry_cleaning": (("Pressing", "Laverie"), ("Pressing du Centre", "Net'Express")),
    "supermarket": (("Supermarché",), ("Carrefour Market", "Super U", "Intermarché")),
}  # fmt: skip
assert set(NAME_PARTS) == {c.key for c in CATEGORIES}, "every category needs name parts"

SURNAMES = (
    "Martin", "Bernard", "Le Goff", "Guérin", "Hervé", "Le Roux", "Morvan", "Thébaud", "Leclerc",
    "Durand", "Pichon", "Cadoret", "Bouvier", "Rialland", "Mahé", "Lebreton", "Gautier", "Perraud",
    "Chauvin", "Tessier", "Joubert", "Halgand", "Olivier", "Rousseau", "Le Gall", "Bretéché",
)  # fmt: skip
FIRST_NAMES = (
    "Marine", "Élodie", "Sophie", "Julie", "Camille", "Nathalie", "Laëtitia", "Aurélie", "Manon",
    "Lucie", "Sandrine", "Nicolas", "Julien", "Yann", "Gwen", "Anaïs", "Maëlle", "Pauline",
)  # fmt: skip
PLACES = (
    "du Centre", "de la Mairie", "de l'Église", "du Marché", "de la Gare", "des Halles", "du Port",
    "de la Place", "du Bourg", "de l'Estuaire", "des Marais", "de la Poste",
)  # fmt: skip
FIRST_NAME_FAMILIES = {"care", "fashion"}
SOURCE = "demo"  # the source of every generated row
ONLINE_SHOP_FAMILIES = {"food", "fashion", "culture", "home"}
MAIL_PROVIDERS = ("orange.fr", "gmail.com", "wanadoo.fr", "laposte.net", "free.fr")
SCATTER_METRES, MAX_DISTANCE_METRES = 250.0, 600.0  # shops around the town centre

STREETS = (
    "rue de la Mairie", "place de l'Église", "rue Jean Jaurès", "rue du Général de Gaulle",
    "avenue de la République", "rue Nationale", "Grande Rue", "rue du Port", "rue de la Gare",
    "place du Marché", "rue Aristide Briand", "rue Victor Hugo", "rue de la Paix", "rue Pasteur",
    "rue Georges Clemenceau", "place de la Mairie", "rue des Halles", "rue de Nantes", "rue du Calvaire",
    "rue Maréchal Foch", "quai de la Loire", "rue de l'Océan", "rue Saint-Martin", "rue du Stade",
    "place Aristide Briand", "rue de Verdun", "rue Gambetta", "rue Anatole France",
)  # fmt: skip

# Opening hours by category, in OpenStreetMap's opening_hours syntax.
_SHOP_HOURS = (
    "Tu-Sa 09:00-12:30,14:30-19:00",
    "Mo-Sa 09:30-19:00",
    "Tu-Fr 09:30-12:30,14:00-19:00; Sa 09:30-18:00",
)
OPENING_HOURS: dict[str, tuple[str, ...]] = {
    "bakery": ("Tu-Sa 07:00-13:00,15:00-19:30; Su 07:00-12:30", "We-Mo 06:45-13:30,15:30-19:30"),
    "butcher": ("Tu-Sa 08:00-12:30,15:00-19:00; Su 08:30-12:30",),
    "fishmonger": ("Tu-Sa 08:00-12:30; Fr 15:30-19:00",),
    "convenience": ("Mo-Sa 08:30-20:00; Su 09:00-13:00",),
    "tobacco": ("Mo-Sa 07:00-19:30; Su 08:00-12:30",),
    "newsagent": ("Mo-Sa 07:00-19:30; Su 08:00-12:30",),
    "restaurant": ("Tu-Sa 12:00-14:00,19:00-22:00", "Mo-Fr 12:00-14:00; Fr-Sa 19:00-22:30"),
    "fast_food": ("Mo-Su 11:30-14:00,18:30-22:30", "Tu-Su 18:00-22:30"),
    "cafe_bar": ("Mo-Sa 07:30-20:00; Su 08:30-13:00", "Tu-Su 10:00-01:00"),
    "hairdresser": ("Tu-Fr 09:00-19:00; Sa 08:30-17:00", "Tu-Sa 09:00-12:00,14:00-18:30"),
    "beauty": ("Tu-Fr 09:30-19:00; Sa 09:00-16:00",),
    "pharmacy": ("Mo-Fr 09:00-12:30,14:00-19:30; Sa 09:00-12:30", "Mo-Sa 08:45-19:30"),
}

# Catalogue items by family: (name, lowest price, highest price, description).
CATALOGUE: dict[str, tuple[tuple[str, float, float, str], ...]] = {
    "food": (("Pain de campagne", 2.2, 4.5, "Au levain, cuit sur place."),
             ("Galette des rois", 12, 28, "Frangipane maison, 6 parts."),
             ("Panier de saison", 15, 30, "Produits de producteurs locaux."),
             ("Muscadet sur lie", 7.5, 14, "Domaine de la région nantaise."),
             ("Caramel au beurre salé", 4.9, 8.5, "Pot de 220 g."),
             ("Colis du terroir", 25, 60, "Assortiment à offrir.")),
    "eat_drink": (("Menu du jour", 12.5, 18, "Entrée, plat, dessert."),
                  ("Galette complète", 8.5, 11, "Jambon, œuf, fromage."),
                  ("Bon cadeau", 20, 80, "Valable un an.")),
    "fashion": (("Marinière", 35, 79, "Coton, fabriquée en France."),
                ("Ciré jaune", 69, 129, "Imperméable, toutes tailles."),
                ("Sac cabas", 25, 90, "Toile et cuir."),
                ("Montre", 59, 249, "Bracelet acier."),
                ("Bon cadeau", 20, 100, "Valable un an.")),
    "care": (("Coffret soin visage", 29, 65, "Produits naturels."),
             ("Carte cadeau", 20, 80, "Valable un an."),
             ("Eau de toilette", 25, 95, "50 ml.")),
    "health": (("Lunettes de soleil", 39, 189, "Verres polarisés."),
               ("Coffret solaire", 15, 35, "Protection SPF 50.")),
    "culture": (("Roman du moment", 8, 24, "Le choix du libraire."),
                ("Jeu de société", 15, 45, "Pour toute la famille."),
                ("Carnet de notes", 4.5, 15, "Papier recyclé."),
                ("Révision vélo", 35, 79, "Réglages et graissage.")),
    "home": (("Bouquet de saison", 18, 45, "Fleurs de producteurs locaux."),
             ("Plante verte", 12, 49, "En pot, avec conseils d'entretien."),
             ("Bol en grès", 9, 24, "Fait main."),
             ("Lampe vintage", 25, 120, "Pièce unique.")),
    "services": (("Ressemelage", 18, 45, "Cuir ou gomme."),
                 ("Double de clé", 4, 12, "Fait en quelques minutes."),
                 ("Nettoyage costume", 12, 22, "Rendu sous 48 h.")),
}  # fmt: skip


def slug(text: str) -> str:
    """Return `text` in lower case ASCII, words joined by hyphens ("Café de l'Église": "cafe-de-l-eglise")."""
    ascii_text = unicodedata.normalize("NFKD", text.replace("œ", "oe")).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def shop_name(rng: random.Random, category: str) -> str:
    """Return a plausible French name for a shop of `category`."""
    prefixes, standalone = NAME_PARTS[category]
    if standalone and rng.random() < 0.3:
        return rng.choice(standalone)
    roll = rng.random()
    if BY_KEY[category].family in FIRST_NAME_FAMILIES and roll < 0.45:
        tail = rng.choice(FIRST_NAMES)
    elif roll < 0.7:
        tail = rng.choice(SURNAMES)
    else:
        tail = rng.choice(PLACES)
    return f"{rng.choice(prefixes)} {tail}"


def opening_hours(rng: random.Random, category: str) -> str:
    """Return opening hours in OpenStreetMap syntax for a shop of `category`."""
    return rng.choice(OPENING_HOURS.get(category, _SHOP_HOURS))


def phone(rng: random.Random) -> str:
    """Return a Loire-Atlantique landline number, "+33 2 40 xx xx xx"."""
    return "+33 2 40 " + " ".join(f"{rng.randrange(100):02d}" for _ in range(3))


def catalogue_items(rng: random.Random, category: str) -> list[tuple[str, Decimal, str]]:
    """Return 1 to 6 (name, price, description) catalogue items for a shop of `category`."""
    choices = CATALOGUE[BY_KEY[category].family]
    picked = rng.sample(choices, min(len(choices), rng.randint(1, 6)))
    return [(name, Decimal(f"{rng.uniform(low, high):.2f}"), text) for name, low, high, text in picked]


def scatter(rng: random.Random, latitude: float, longitude: float) -> tuple[float, float]:
    """Return a position drawn around (latitude, longitude), at most MAX_DISTANCE_METRES away."""
    north, east = rng.gauss(0, SCATTER_METRES), rng.gauss(0, SCATTER_METRES)
    distance = math.hypot(north, east)
    if distance > MAX_DISTANCE_METRES:
        shrink = MAX_DISTANCE_METRES / distance * rng.uniform(0.6, 1.0)
        north, east = north * shrink, east * shrink
    metres_per_degree = 111_320.0
    return (
        round(latitude + north / metres_per_degree, 6),
        round(longitude + east / (metres_per_degree * math.cos(math.radians(latitude))), 6),
    )


def shop_row(
    rng: random.Random, shop_id: int, category: str, commune: dict, name: str, streets: list
) -> dict:
    """Return a shop's row: contacts, trade modes and position drawn for its category."""
    family = BY_KEY[category].family
    key, place = slug(name), slug(commune["name"])
    online_shop = (
        family in ONLINE_SHOP_FAMILIES or category in ("perfumery", "optician")
    ) and rng.random() < 0.16
    if online_shop:
        website_share = 0.85
    elif category in ("clothing", "shoes", "leather"):
        website_share = 0.2  # one in five in clothing (national figure)
    else:
        website_share = 0.45 if family == "eat_drink" else 0.3
    website = f"https://www.{key}-{place}.fr" if rng.random() < website_share else None
    if rng.random() < 0.4:
        email = f"contact@{key}-{place}.fr" if website else f"{key}.{place}@{rng.choice(MAIL_PROVIDERS)}"
    else:
        email = None
    social = []
    if rng.random() < 0.45:
        social.append(f"https://www.facebook.com/{key.replace('-', '')}.{place.replace('-', '')}")
        if rng.random() < 0.5:
            social.append(f"https://www.instagram.com/{key.replace('-', '_')}")
    appointment_share = {"hairdresser": 0.85, "beauty": 0.85, "optician": 0.3}.get(category, 0.02)
    click_collect_share = {"eat_drink": 0.15, "care": 0.05}.get(family, 0.25)
    delivery_share = {"restaurant": 0.35, "fast_food": 0.55}.get(category, 0.05)
    latitude, longitude = scatter(rng, float(commune["latitude"]), float(commune["longitude"]))
    street = rng.choice(streets)
    return dict(
        id=shop_id,
        commune_code=commune["insee_code"],
        name=name,
        category=category,
        address=f"{rng.randint(1, 12 if street.startswith('place') else 64)} {street}",
        latitude=latitude,
        longitude=longitude,
        phone=phone(rng) if rng.random() < 0.8 else None,
        email=email,
        website=website,
        online_shop_url=f"https://boutique-{key}-{place}.fr" if online_shop and rng.random() < 0.9 else None,
        social_links=social,
        opening_hours=opening_hours(rng, category) if rng.random() < 0.85 else None,
        in_store=not (online_shop and rng.random() < 0.15),
        click_collect=rng.random() < click_collect_share,
        delivery=rng.random() < delivery_share,
        appointment=rng.random() < appointment_share,
        online_shop=online_shop,
        siret=None,
        osm_id=None,
        source=SOURCE,
        archived_at=None,
        version=1,
    )
