"""Texts of the mayors' pages: visits, openings and closures, comparison, warning, council report."""

MESSAGES: dict[str, dict[str, str]] = {
    # openings and closures page
    "nav.activity": {"fr": "Ouvertures et fermetures", "en": "Openings and closures"},
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
    "activity.net_change_help": {
        "fr": "Ouvertures + réouvertures après fermeture définitive − fermetures définitives.",
        "en": "Openings + reopenings after a permanent closure − permanent closures.",
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
    # comparison page
    "nav.comparison": {"fr": "Comparaison des communes", "en": "Commune comparison"},
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
    # early warning
    "warning.title": {"fr": "Alerte fermetures", "en": "Closure warning"},
    "warning.sentence": {
        "fr": "{name} — ces 6 derniers mois : {closures} fermeture(s) définitive(s) pour {openings} "
        "ouverture(s) ; les 6 mois précédents : {previous} fermeture(s).",
        "en": "{name} — last 6 months: {closures} permanent closure(s) against {openings} opening(s); "
        "the 6 months before: {previous} closure(s).",
    },
    "warning.none": {
        "fr": "Aucune commune en alerte : nulle part les fermetures des 6 derniers mois ne dépassent "
        "à la fois les ouvertures et les fermetures des 6 mois précédents.",
        "en": "No commune flagged: nowhere do the closures of the last 6 months exceed both the openings and "
        "the closures of the 6 months before.",
    },
    # council report
    "report.download_pdf": {"fr": "Rapport pour le conseil municipal (PDF)", "en": "Council report (PDF)"},
    "report.download_json": {"fr": "Chiffres du rapport (JSON)", "en": "Report figures (JSON)"},
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
    # visits page
    "nav.visits": {"fr": "Visites et habitants", "en": "Visits and population"},
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
