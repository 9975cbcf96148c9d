"""Texts of the council report."""

MESSAGES: dict[str, dict[str, str]] = {
    # council report
    "report.download_pdf": {"fr": "Rapport pour le conseil municipal (PDF)", "en": "Council report (PDF)"},
    "report.download_json": {"fr": "Chiffres du rapport (JSON)", "en": "Report figures (JSON)"},
    "report.left_network": {
        "fr": "{name} a quitté le réseau Wiker le {date} : "
        "son rapport au conseil porte sur une date antérieure.",
        "en": "{name} left the Wiker network on {date}: its council report is for an earlier date.",
    },
    "report.kicker": {"fr": "Wiker · Rapport au conseil municipal", "en": "Wiker · Council report"},
    "report.subtitle": {
        "fr": "Chiffres au {date} · {population} habitants ({year})",
        "en": "Figures as of {date} · population {population} ({year})",
    },
    "report.shops_open_note": {"fr": "au {date}", "en": "on {date}"},
    "report.reopenings_note": {
        "fr": "Réouvertures : {reopenings}, dont {after_closure} après fermeture définitive (comptées "
        "dans le solde)",
        "en": "Reopenings: {reopenings}, of which {after_closure} after a permanent closure (counted in the "
        "net change)",
    },
    "report.temporary_note": {
        "fr": "Fermetures temporaires : {count} (hors solde)",
        "en": "Temporary closures: {count} (not in the net change)",
    },
    "report.per_inhabitant_note": {
        "fr": "Visites en {month} ÷ {population} habitants",
        "en": "Visits in {month} ÷ population {population}",
    },
    "report.online_note": {
        "fr": "{online} commerces ouverts sur {open} : site, boutique en ligne ou catalogue",
        "en": "{online} of {open} open shops: website, online shop or catalogue",
    },
    "report.band": {"fr": "Niveau Procos : {band}", "en": "Procos band: {band}"},
    "report.warning": {
        "fr": "Alerte — fermetures définitives sur les 6 derniers mois : {closures}, plus que les ouvertures "
        "({openings}) et que les 6 mois précédents ({previous}).",
        "en": "Warning — permanent closures over the last 6 months: {closures}, more than the openings "
        "({openings}) and than the 6 months before ({previous}).",
    },
    "report.events_title": {
        "fr": "Ouvertures et fermetures par année, commerces ouverts en fin d'année",
        "en": "Openings and closures per year, shops open at the end of each year",
    },
    "report.shops_open_year_end": {"fr": "Commerces ouverts en fin d'année", "en": "Shops open at year end"},
    "report.shops_open_axis": {"fr": "Commerces ouverts", "en": "Shops open"},
    "report.visits_title": {
        "fr": "Visites mensuelles sur Wiker, de {first} à {last}",
        "en": "Monthly visits on Wiker, {first} to {last}",
    },
    "report.window": {
        "fr": "12 mois : du {start} au {end}.",
        "en": "12 months: {start} to {end}.",
    },
    "report.partial_year": {
        "fr": "* {year} : jusqu'au {date}.",
        "en": "* {year}: up to {date}.",
    },
}
