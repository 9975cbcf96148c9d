"""Texts of the comparison page."""

MESSAGES: dict[str, dict[str, str]] = {
    "comparison.title": {"fr": "Comparaison des communes", "en": "Commune comparison"},
    "comparison.chosen": {
        "fr": "**{name}** est surlignée ; ✓ marque les communes de taille comparable (population comprise "
        "entre la moitié et le double de la sienne).",
        "en": "**{name}** is highlighted; ✓ marks the communes of similar size (between half and twice its "
        "population).",
    },
    "comparison.choose": {
        "fr": "Choisissez une commune dans la barre latérale pour la surligner et repérer les communes "
        "de taille comparable.",
        "en": "Choose a commune in the sidebar to highlight it and mark the communes of similar size.",
    },
    "comparison.density": {"fr": "Commerces / 1 000 hab.", "en": "Shops / 1,000 inh."},
    "comparison.net_change": {"fr": "Solde 12 mois", "en": "Net change 12 months"},
    "comparison.vacancy": {"fr": "Vacance", "en": "Vacancy"},
    "comparison.visits_per_inhabitant": {"fr": "Visites / habitant", "en": "Visits / inhabitant"},
    "comparison.similar": {"fr": "Taille comparable", "en": "Similar size"},
    "comparison.notes": {
        "fr": "Cliquez sur un en-tête pour trier. Visites par habitant : mois de {month}. Vacance : "
        "seulement où le nombre de locaux commerciaux est connu.",
        "en": "Click a header to sort. Visits per inhabitant: month of {month}. Vacancy: only where the "
        "number of shop units is known.",
    },
}
