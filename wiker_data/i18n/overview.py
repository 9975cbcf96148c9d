"""Texts of the overview page (the dashboard's front page) and its closure warning."""

MESSAGES: dict[str, dict[str, str]] = {
    # overview
    "overview.title": {"fr": "Vue d'ensemble", "en": "Overview"},
    "overview.subtitle_network": {
        "fr": "Le réseau Wiker : {count} communes",
        "en": "The Wiker network: {count} communes",
    },
    "overview.subtitle_commune": {
        "fr": "{name} ({code}) — {population} habitants ({year})",
        "en": "{name} ({code}) — population {population} ({year})",
    },
    "overview.communes": {"fr": "Communes", "en": "Communes"},
    "overview.shops_open": {"fr": "Commerces ouverts", "en": "Shops open"},
    "overview.openings_12m": {"fr": "Ouvertures (12 mois)", "en": "Openings (12 months)"},
    "overview.closures_12m": {"fr": "Fermetures (12 mois)", "en": "Closures (12 months)"},
    "overview.net_change_12m": {"fr": "Solde net (12 mois)", "en": "Net change (12 months)"},
    "overview.visits_last_month": {"fr": "Visites en {month}", "en": "Visits in {month}"},
    "overview.visits_per_inhabitant": {"fr": "Visites par habitant", "en": "Visits per inhabitant"},
    "overview.share_online": {"fr": "Commerces présents en ligne", "en": "Shops online"},
    "overview.reopenings_help": {
        "fr": "Dont {count} réouvertures après fermeture définitive comptées dans le solde.",
        "en": "Including {count} reopenings after a permanent closure counted in the net change.",
    },
    "overview.no_visits": {
        "fr": "Aucun chiffre de visites pour ce mois.",
        "en": "No visits figure for this month.",
    },
    "overview.by_commune": {"fr": "Par commune", "en": "By commune"},
    "overview.by_category": {"fr": "Commerces ouverts par catégorie", "en": "Open shops by category"},
    "overview.definitions_title": {
        "fr": "Comment ces chiffres sont calculés",
        "en": "How these figures are computed",
    },
    "overview.definitions": {
        "fr": "Un commerce est ouvert à une date quand son dernier événement à cette date est une ouverture "
        "ou une réouverture (une fermeture temporaire ne compte ni comme ouvert ni comme fermé). Solde net = "
        "ouvertures + réouvertures après fermeture définitive − fermetures définitives. Un commerce recensé "
        "par un import sans date d'ouverture compte comme ouvert, jamais comme une ouverture ni dans le "
        "solde. Présent en ligne = site web, boutique en ligne ou catalogue Wiker.",
        "en": "A shop is open on a date when its latest event by then is an opening or a reopening (a "
        "temporary closure counts as neither open nor closed). Net change = openings + reopenings after a "
        "permanent closure − permanent closures. A shop recorded by an import without an opening date "
        "counts as open, never as an opening nor in the net change. Online = a website, an online shop or "
        "a Wiker catalogue.",
    },
    "overview.no_shops": {"fr": "Aucun commerce enregistré.", "en": "No shop recorded."},
    # early warning
    "warning.title": {"fr": "Alerte fermetures", "en": "Closure warning"},
    "warning.sentence": {
        "fr": "{name} — ces 6 derniers mois : {closures} pour {openings} ; "
        "les 6 mois précédents : {previous}.",
        "en": "{name} — last 6 months: {closures} against {openings}; the 6 months before: {previous}.",
    },
    "warning.closures.one": {"fr": "{count} fermeture définitive", "en": "{count} permanent closure"},
    "warning.closures.other": {"fr": "{count} fermetures définitives", "en": "{count} permanent closures"},
    "warning.openings.one": {"fr": "{count} ouverture", "en": "{count} opening"},
    "warning.openings.other": {"fr": "{count} ouvertures", "en": "{count} openings"},
    "warning.previous.one": {"fr": "{count} fermeture", "en": "{count} closure"},
    "warning.previous.other": {"fr": "{count} fermetures", "en": "{count} closures"},
    "warning.many.one": {
        "fr": "{count} commune en alerte : ses fermetures définitives des 6 derniers mois dépassent à la "
        "fois ses ouvertures et ses fermetures des 6 mois précédents.",
        "en": "{count} commune flagged: its permanent closures of the last 6 months exceed both its openings "
        "and its closures of the 6 months before.",
    },
    "warning.many.other": {
        "fr": "{count} communes en alerte : leurs fermetures définitives des 6 derniers mois dépassent à la "
        "fois leurs ouvertures et leurs fermetures des 6 mois précédents.",
        "en": "{count} communes flagged: their permanent closures of the last 6 months exceed both their "
        "openings and their closures of the 6 months before.",
    },
    "warning.col_closures": {
        "fr": "Fermetures définitives (6 derniers mois)",
        "en": "Permanent closures (last 6 months)",
    },
    "warning.col_openings": {"fr": "Ouvertures (6 derniers mois)", "en": "Openings (last 6 months)"},
    "warning.col_previous": {"fr": "Fermetures (6 mois précédents)", "en": "Closures (the 6 months before)"},
    "warning.none": {
        "fr": "Aucune commune en alerte : nulle part les fermetures des 6 derniers mois ne dépassent "
        "à la fois les ouvertures et les fermetures des 6 mois précédents.",
        "en": "No commune flagged: nowhere do the closures of the last 6 months exceed both the openings and "
        "the closures of the 6 months before.",
    },
}
