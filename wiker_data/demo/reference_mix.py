"""The demo's category mix: how many shops of each kind French towns have, from published counts.

Most figures come from INSEE's Base permanente des équipements (BPE) at 1 January 2013, France
métropolitaine, as published in shops per 10,000 inhabitants (domain B "Commerces" and, for
hairdressers, beauty salons and dry cleaners, domain A "Services aux particuliers"). Only national
densities could be found, not the tables per size of commune: the mix is that of France as a whole.

What the BPE does not count, or whose BPE figure could not be found, comes from elsewhere and says so:
pharmacies (Ordre national des pharmaciens), opticians (Bien Vu, from INSEE and France Optique
figures), tobacconists (not in the BPE: the buralistes' network), restaurants, fast food and bars
(INSEE's Ésane, enterprises rather than premises). A count is turned into a density with the
population it refers to (INSEE's estimate at 1 January, to about 0.1 million). Nine small categories
have no published figure at hand: their density is an estimate, marked as one.

Where one published figure covers two of our categories (épiceries and supérettes; librairies,
papeteries and journaux), each gets the half of it stated in `part`. Supermarkets and hypermarkets
(B101, B102) stand outside town centres: the demo's town-centre shops leave them out.

The type codes of domain A (A501 coiffure, A506 blanchisserie-teinturerie, A507 soins de beauté) are
those of the BPE nomenclature as we know it; the published pages quoted give the figures, not the codes.

Where the figures were read (December 2026):
- BPE 2013: INSEE's densities as quoted by toute-la-franchise.com, "Les commerces alimentaires en
  région", "Les commerces non alimentaires en région", "Les services à la population en région";
- pharmacies: Le Quotidien du pharmacien on the Ordre's "Démographie officinale 2023";
- opticians: bienvu.ws, "nombre moyen d'habitants par magasin : 5 120 (19,4 pour 100 000)", 2022;
- tobacconists: trafic-tabac.fr (the Confédération des buralistes), "moins de 25 000 buralistes en
  France depuis le 1er janvier 2017";
- restaurants: L'Industrie hôtelière on INSEE's "Le secteur de la restauration" (Insee Focus, 2015).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from wiker_data.categories import CATEGORIES


@dataclass(frozen=True)
class Reference:
    """A published figure for one of our categories, and where it comes from."""

    figure: float  # as published: establishments per 10,000 inhabitants, or a count when `population` is set
    code: str  # the BPE type, the NAF code of a count by activity, or "estimate"
    year: int
    source: str
    part: float = 1.0  # the share of the figure given to this category (a figure covering two of them)
    population: float | None = None  # the inhabitants a count refers to

    def per_10k(self) -> float:
        """Return the category's establishments per 10,000 inhabitants."""
        density = self.figure if self.population is None else self.figure / self.population * 10_000
        return density * self.part


BPE_2013 = "INSEE, BPE at 1 January 2013, France métropolitaine, per 10,000 inhabitants"
ESANE_2012 = "INSEE Focus on restaurants, Ésane 2012: 159,000 enterprises in France (58 % traditional"
ESANE_2012 += ", about a quarter fast food, a fifth bars)"
ESTIMATE = "estimate, no published figure found: the former demo weight scaled to BPE's bakeries"
FRANCE_2012, METRO_2017, METRO_2024 = 65.3e6, 64.9e6, 66.1e6  # inhabitants, INSEE's estimates

REFERENCES: dict[str, Reference] = {
    "bakery": Reference(7.0, "B203", 2013, BPE_2013),
    "butcher": Reference(3.4, "B204", 2013, BPE_2013),
    "fishmonger": Reference(0.4, "B206", 2013, BPE_2013),
    "grocery": Reference(4.4, "B202", 2013, BPE_2013 + " (épiceries and supérettes together)", 0.5),
    "convenience": Reference(4.4, "B201", 2013, BPE_2013 + " (épiceries and supérettes together)", 0.5),
    "florist": Reference(3.1, "B312", 2013, BPE_2013),
    "bookshop": Reference(2.6, "B301", 2013, BPE_2013 + " (librairies, papeteries, journaux)", 0.5),
    "newsagent": Reference(2.6, "B301", 2013, BPE_2013 + " (librairies, papeteries, journaux)", 0.5),
    "hardware": Reference(1.3, "B309", 2013, BPE_2013),
    "clothing": Reference(10.6, "B302", 2013, BPE_2013),
    "homeware": Reference(2.0, "B303", 2013, BPE_2013),
    "shoes": Reference(1.9, "B304", 2013, BPE_2013),
    "hairdresser": Reference(12.8, "A501", 2013, BPE_2013),
    "beauty": Reference(7.0, "A507", 2013, BPE_2013),
    "dry_cleaning": Reference(1.8, "A506", 2013, BPE_2013),
    "pharmacy": Reference(
        19_887, "D301", 2024, "Ordre national des pharmaciens: officines, France métropolitaine, 1 Jan. 2024",
        population=METRO_2024,
    ),
    "optician": Reference(1.94, "B313", 2022, "Bien Vu (INSEE, France Optique): 19.4 shops per 100,000"),
    "tobacco": Reference(
        25_000, "buralistes", 2017, "buralistes' network: fewer than 25,000 at 1 January 2017",
        population=METRO_2017,
    ),
    "restaurant": Reference(159_000, "NAF 56.10A", 2012, ESANE_2012, 0.58, FRANCE_2012),
    "fast_food": Reference(159_000, "NAF 56.10C", 2012, ESANE_2012, 0.25, FRANCE_2012),
    "cafe_bar": Reference(159_000, "NAF 56.30Z", 2012, ESANE_2012, 0.20, FRANCE_2012),
    "greengrocer": Reference(1.5, "estimate", 2026, ESTIMATE),
    "drinks": Reference(1.5, "estimate", 2026, ESTIMATE),
    "leather": Reference(0.8, "estimate", 2026, ESTIMATE),
    "jeweller": Reference(1.5, "estimate", 2026, ESTIMATE + " (BPE B311, figure not found)"),
    "perfumery": Reference(1.2, "estimate", 2026, ESTIMATE + " (BPE B310, figure not found)"),
    "toys": Reference(0.5, "estimate", 2026, ESTIMATE),
    "sports": Reference(1.2, "estimate", 2026, ESTIMATE + " (BPE B307, figure not found)"),
    "second_hand": Reference(1.5, "estimate", 2026, ESTIMATE),
    "cobbler": Reference(0.5, "estimate", 2026, ESTIMATE),
    "supermarket": Reference(0.0, "B101 B102", 2013, "left out: outside town centres"),
}  # fmt: skip
assert set(REFERENCES) == {c.key for c in CATEGORIES}, "every category needs a reference"


def category_shares() -> dict[str, float]:
    """Return each category's share of the town-centre shops (summing to 1), in CATEGORIES order."""
    densities = {c.key: REFERENCES[c.key].per_10k() for c in CATEGORIES}
    total = sum(densities.values())
    return {key: density / total for key, density in densities.items()}


SHARES = category_shares()


def draw_categories(rng: random.Random, count: int, shares: dict[str, float] = SHARES) -> list[str]:
    """Return the categories of `count` shops, in random order: each category `count` × its share
    rounded down, and the few shops left each given a different category, drawn in proportion to
    what the rounding took off; so each category gets `count` × share rounded down or up."""
    exact = [(key, count * share) for key, share in shares.items()]
    drawn = [key for key, value in exact for _ in range(math.floor(value))]
    # Weighted sampling without replacement in one pass (Efraimidis and Spirakis): the largest
    # random() ** (1 / weight) win, as if drawn one after the other in proportion to their weights.
    left = sorted(
        ((rng.random() ** (1 / (value - math.floor(value))), key) for key, value in exact if value % 1),
        reverse=True,
    )
    drawn += [key for _, key in left[: count - len(drawn)]]
    assert len(drawn) == count, f"{count} shops drawn as {len(drawn)}"
    rng.shuffle(drawn)
    return drawn
