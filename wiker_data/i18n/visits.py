"""Texts of the visits page."""

MESSAGES: dict[str, dict[str, str]] = {
    "visits.title": {"fr": "Visites sur Wiker", "en": "Visits on Wiker"},
    "visits.period": {"fr": "Période", "en": "Period"},
    "visits.period_help": {
        "fr": "Mois inclus, jusqu'au dernier mois complet à la date d'observation.",
        "en": "Months included, up to the last complete month as of the chosen date.",
    },
    "visits.month": {"fr": "Mois", "en": "Month"},
    "visits.visits": {"fr": "Visites", "en": "Visits"},
    "visits.unique_visitors": {"fr": "Visiteurs uniques", "en": "Unique visitors"},
    "visits.population": {"fr": "Population (année correspondante)", "en": "Population (matching year)"},
    "visits.per_inhabitant": {"fr": "Visites par habitant", "en": "Visits per inhabitant"},
    "visits.rolling": {"fr": "Moyenne sur 12 mois glissants", "en": "12-month rolling mean"},
    "visits.monthly_title": {"fr": "Visites par mois", "en": "Visits per month"},
    "visits.per_inhabitant_title": {
        "fr": "Visites par habitant et par mois",
        "en": "Visits per inhabitant per month",
    },
    "visits.per_inhabitant_note": {
        "fr": "Visites du mois ÷ population municipale de l'année correspondante (le dernier recensement "
        "publié pour cette année, sinon le plus ancien). Pour le réseau : les visites des communes membres "
        "qui ont des chiffres ce mois-là ÷ leurs habitants. La moyenne glissante couvre les 12 mois qui "
        "finissent avec le mois montré.",
        "en": "The month's visits ÷ the municipal population of the matching year (the latest census figure "
        "published for that year, else the earliest). For the network: the visits of the member communes "
        "that report that month ÷ their inhabitants. The rolling mean covers the 12 months ending with the "
        "month shown.",
    },
    "visits.the_network": {"fr": "le réseau", "en": "the network"},
    "visits.no_data": {
        "fr": "Aucune visite enregistrée pour {name} sur la période choisie.",
        "en": "No visits recorded for {name} in the chosen period.",
    },
    "visits.before_after_title": {"fr": "Avant et après l'adhésion", "en": "Before and after joining"},
    "visits.joined": {
        "fr": "{name} est membre du réseau depuis le {date}.",
        "en": "{name} joined the network on {date}.",
    },
    "visits.joined_left": {
        "fr": "{name} a été membre du réseau du {joined} au {left}.",
        "en": "{name} was a member of the network from {joined} to {left}.",
    },
    "visits.not_member": {
        "fr": "{name} n'a pas de date d'adhésion au réseau.",
        "en": "{name} has no date of joining the network.",
    },
    "visits.first_12": {
        "fr": "12 premiers mois ({start} – {end})",
        "en": "First 12 months ({start} – {end})",
    },
    "visits.last_12": {
        "fr": "12 derniers mois ({start} – {end})",
        "en": "Last 12 months ({start} – {end})",
    },
    "visits.average_help": {
        "fr": "Moyenne mensuelle des visites par habitant, sur {count} mois avec des chiffres.",
        "en": "Mean monthly visits per inhabitant, over {count} months with figures.",
    },
    "visits.no_average": {"fr": "aucune donnée", "en": "no data"},
    "visits.before_after_network": {
        "fr": "Choisissez une commune dans la barre latérale pour comparer ses visites des 12 mois qui ont "
        "suivi son adhésion à celles des 12 derniers mois.",
        "en": "Choose a commune in the sidebar to compare its visits in the 12 months after it joined with "
        "the last 12 months.",
    },
    "visits.ranking_title": {
        "fr": "Classement des communes par visites par habitant",
        "en": "Communes ranked by visits per inhabitant",
    },
    "visits.rank": {"fr": "Rang", "en": "Rank"},
    "visits.months": {"fr": "Mois avec chiffres", "en": "Months with figures"},
    "visits.per_inhabitant_per_month": {
        "fr": "Visites par habitant et par mois",
        "en": "Visits per inhabitant per month",
    },
    "visits.ranking_chosen": {
        "fr": "**{name}** (surlignée) est au rang {rank} sur {count} communes.",
        "en": "**{name}** (highlighted) ranks {rank} of {count} communes.",
    },
    "visits.ranking_unranked": {
        "fr": "**{name}** n'a pas de chiffres de visites sur la période : elle n'est pas classée.",
        "en": "**{name}** has no visits figures in the period: it is not ranked.",
    },
    "visits.ranking_note": {
        "fr": "Sur {first} – {last} : moyenne, sur les mois avec des chiffres, des visites du mois ÷ "
        "population de l'année correspondante. Colonne population : celle qui correspond à {year}. "
        "Ex aequo : même rang.",
        "en": "Over {first} – {last}: mean, over the months with figures, of the month's visits ÷ the "
        "population of the matching year. Population column: the figure matching {year}. "
        "Ties share a rank.",
    },
    "visits.download": {"fr": "Télécharger les chiffres (CSV)", "en": "Download the figures (CSV)"},
}
