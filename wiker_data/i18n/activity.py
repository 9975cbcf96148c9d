"""Texts of the openings and closures page, with the vacancy bands and the density areas
(also used by the council report)."""

MESSAGES: dict[str, dict[str, str]] = {
    "activity.title": {"fr": "Ouvertures et fermetures", "en": "Openings and closures"},
    "activity.from": {"fr": "Depuis le", "en": "From"},
    "activity.until": {
        "fr": "**Jusqu'au {date}** (la date d'observation, dans la barre latérale)",
        "en": "**Until {date}** (the as-of date, in the sidebar)",
    },
    "activity.frequency": {"fr": "Par", "en": "By"},
    "activity.frequency_month": {"fr": "mois", "en": "month"},
    "activity.frequency_quarter": {"fr": "trimestre", "en": "quarter"},
    "activity.frequency_year": {"fr": "année", "en": "year"},
    "activity.period": {"fr": "Période", "en": "Period"},
    "activity.openings": {"fr": "Ouvertures", "en": "Openings"},
    "activity.closures": {"fr": "Fermetures définitives", "en": "Permanent closures"},
    "activity.reopenings": {"fr": "Réouvertures", "en": "Reopenings"},
    "activity.reopenings_after_closure": {
        "fr": "Réouvertures après fermeture définitive",
        "en": "Reopenings after a permanent closure",
    },
    "activity.temporary_closures": {"fr": "Fermetures temporaires", "en": "Temporary closures"},
    "activity.net_change": {"fr": "Solde net", "en": "Net change"},
    "activity.end_of": {"fr": "fin {period}", "en": "end of {period}"},
    "activity.net_change_help": {
        "fr": "Ouvertures + réouvertures après fermeture définitive − fermetures définitives. Les "
        "commerces recensés par un import sans date d'ouverture n'y comptent pas.",
        "en": "Openings + reopenings after a permanent closure − permanent closures. Shops recorded by an "
        "import without an opening date do not count in it.",
    },
    "activity.temporary_help": {
        "fr": "Comptées à part : un commerce fermé temporairement (confinement, travaux) n'est ni ouvert ni "
        "fermé définitivement.",
        "en": "Counted apart: a temporarily closed shop (lockdown, works) is neither open nor closed "
        "for good.",
    },
    "activity.events_title": {
        "fr": "Ouvertures et fermetures par période",
        "en": "Openings and closures by period",
    },
    "activity.events_axis": {"fr": "Événements", "en": "Events"},
    "activity.lockdown": {"fr": "Confinements", "en": "Lockdowns"},
    "activity.lockdown_note": {
        "fr": "En gris : les confinements qui ont fermé les commerces non essentiels (17 mars – 11 mai 2020, "
        "30 octobre – 28 novembre 2020, 3 avril – 19 mai 2021).",
        "en": "Shaded: the lockdowns that closed non-essential shops (17 March – 11 May 2020, "
        "30 October – 28 November 2020, 3 April – 19 May 2021).",
    },
    "activity.recorded": {
        "fr": "Commerces recensés sans date d'ouverture",
        "en": "Shops recorded without an opening date",
    },
    "activity.recorded_one": {
        "fr": "{count} commerce recensé",
        "en": "{count} shop recorded",
    },
    "activity.recorded_many": {
        "fr": "{count} commerces recensés",
        "en": "{count} shops recorded",
    },
    "activity.recorded_note": {
        "fr": "◆ Commerces entrés dans l'annuaire ouverts, sans date d'ouverture connue (par un "
        "import, ou saisis ainsi) : {count} sur la période. Ils comptent parmi les commerces "
        "ouverts, jamais parmi les ouvertures ni dans le solde.",
        "en": "◆ Shops that entered the directory open without a known opening date (by an import, "
        "or entered so): {count} over the period. They count among the open shops, never among "
        "the openings nor in the net change.",
    },
    "activity.open_title": {
        "fr": "Commerces ouverts en fin de période",
        "en": "Shops open at the end of each period",
    },
    "activity.shops_open": {"fr": "Ouverts", "en": "Open"},
    "activity.temporarily_closed": {"fr": "Fermés temporairement", "en": "Temporarily closed"},
    "activity.download": {"fr": "Télécharger les chiffres (CSV)", "en": "Download the figures (CSV)"},
    "activity.vitality_title": {"fr": "Vacance et densité commerciales", "en": "Vacancy and shop density"},
    "activity.vacancy": {"fr": "Taux de vacance commerciale", "en": "Commercial vacancy rate"},
    "activity.vacancy_help": {
        "fr": "Locaux vacants ÷ locaux commerciaux : {units} locaux, {open} commerces ouverts.",
        "en": "Vacant units ÷ shop units: {units} units, {open} open shops.",
    },
    "activity.vacancy_unknown": {
        "fr": "Le nombre de locaux commerciaux du centre n'est pas renseigné pour cette commune.",
        "en": "The number of shop units in the centre is not known for this commune.",
    },
    "activity.vacancy_network": {
        "fr": "Choisissez une commune : la vacance se mesure commune par commune (voir la comparaison).",
        "en": "Choose a commune: vacancy is measured commune by commune (see the comparison).",
    },
    "activity.band_is": {"fr": "Niveau Procos : **{band}**", "en": "Procos band: **{band}**"},
    "band.low": {"fr": "faible (< 5 %)", "en": "low (< 5%)"},
    "band.moderate": {"fr": "modéré (5 – 7,5 %)", "en": "moderate (5–7.5%)"},
    "band.high": {"fr": "élevé (7,5 – 10 %)", "en": "high (7.5–10%)"},
    "band.decline": {"fr": "déclin (> 10 %)", "en": "decline (> 10%)"},
    "activity.bands_legend": {
        "fr": "Seuils Procos : < 5 % faible, 5 – 7,5 % modéré, 7,5 – 10 % élevé, > 10 % déclin "
        "(alerte vers 7,5 %).",
        "en": "Procos bands: < 5% low, 5–7.5% moderate, 7.5–10% high, > 10% decline (alert around 7.5%).",
    },
    "activity.source": {"fr": "Source : {source}.", "en": "Source: {source}."},
    "source.vacancy": {
        "fr": "Procos (seuils de gravité) ; Codata : 11,6 % de vacance commerciale nationale fin 2025 "
        "(agglomérations de plus de 20 000 habitants)",
        "en": "Procos (severity bands); Codata: 11.6% national vacancy at end 2025 "
        "(agglomerations over 20,000)",
    },
    "activity.density": {"fr": "Commerces pour 1 000 habitants", "en": "Shops per 1,000 inhabitants"},
    "density.urban": {"fr": "urbain", "en": "urban"},
    "density.rural_town": {"fr": "bourg rural", "en": "rural market town"},
    "density.rural_dispersed": {"fr": "rural dispersé", "en": "dispersed rural"},
    "activity.density_reference": {
        "fr": "Références Insee : {references}",
        "en": "Insee references: {references}",
    },
    "activity.density_note": {
        "fr": "Les références comptent tous les commerces de la commune, pas seulement ceux du centre.",
        "en": "The references count every shop in the commune, not only those of the centre.",
    },
    "activity.modes_title": {
        "fr": "Part des commerces ouverts qui vendent à distance",
        "en": "Share of open shops that sell remotely",
    },
    "activity.modes_note": {
        "fr": "Les modes de vente sont ceux déclarés aujourd'hui : la courbe montre leur part parmi les "
        "commerces ouverts à chaque date, pas l'historique de leur adoption.",
        "en": "Trade modes are those recorded today: the curve shows their share among the shops open at "
        "each date, not the history of their adoption.",
    },
    "activity.categories_title": {"fr": "Par catégorie sur la période", "en": "By category over the period"},
    "activity.no_events": {"fr": "Aucun événement sur la période.", "en": "No event in the period."},
}
