"""The one translation layer: every string the app shows is looked up here.

French is the default language, English the other. Each message holds both
translations side by side so that a missing one is easy to see (and a test
checks that none is missing). Numbers, percentages and dates are formatted
with Babel for the chosen language.
"""

from __future__ import annotations

import datetime as dt

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from wiker_data.categories import BY_KEY, FAMILY_BY_KEY

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"
LOCALES = {"fr": "fr_FR", "en": "en_GB"}

MESSAGES: dict[str, dict[str, str]] = {
    # app and sidebar
    "app.title": {"fr": "Wiker — vitalité des centres-villes", "en": "Wiker — town-centre vitality"},
    "app.demo_banner": {
        "fr": "Données de démonstration : les communes sont réelles, les commerces, leurs historiques "
        "et les visites sont générés.",
        "en": "Demo data: the communes are real; the shops, their histories and the visits are generated.",
    },
    "sidebar.language": {"fr": "Langue", "en": "Language"},
    "sidebar.commune": {"fr": "Commune", "en": "Commune"},
    "sidebar.whole_network": {"fr": "Tout le réseau", "en": "Whole network"},
    "sidebar.data_as_of": {"fr": "Dernières données : {date}", "en": "Latest data: {date}"},
    "sidebar.past_data": {
        "fr": "La date choisie dépasse les dernières données du stockage ({date}).",
        "en": "The chosen date is past the store's latest data ({date}).",
    },
    "sidebar.as_of": {"fr": "Date d'observation", "en": "As of"},
    "sidebar.as_of_help": {
        "fr": "Les chiffres de toutes les pages sont calculés à cette date (aujourd'hui par défaut).",
        "en": "Every page computes its figures as of this date (today by default).",
    },
    "nav.overview": {"fr": "Vue d'ensemble", "en": "Overview"},
    "nav.map": {"fr": "Carte des commerces", "en": "Shop map"},
    "language.fr": {"fr": "Français", "en": "Français"},
    "language.en": {"fr": "English", "en": "English"},
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
        "ouvertures + réouvertures après fermeture définitive − fermetures définitives. Présent en ligne = "
        "site web, boutique en ligne ou catalogue Wiker.",
        "en": "A shop is open on a date when its latest event by then is an opening or a reopening (a "
        "temporary closure counts as neither open nor closed). Net change = openings + reopenings after a "
        "permanent closure − permanent closures. Online = a website, an online shop or a Wiker catalogue.",
    },
    "overview.no_shops": {"fr": "Aucun commerce enregistré.", "en": "No shop recorded."},
    # table columns
    "col.commune": {"fr": "Commune", "en": "Commune"},
    "col.code": {"fr": "Code INSEE", "en": "INSEE code"},
    "col.population": {"fr": "Population", "en": "Population"},
    "col.joined_on": {"fr": "Membre depuis", "en": "Member since"},
    "col.shops_open": {"fr": "Commerces ouverts", "en": "Shops open"},
    "col.openings": {"fr": "Ouvertures", "en": "Openings"},
    "col.closures": {"fr": "Fermetures", "en": "Closures"},
    "col.net_change": {"fr": "Solde", "en": "Net change"},
    "col.visits": {"fr": "Visites", "en": "Visits"},
    "col.share_online": {"fr": "En ligne", "en": "Online"},
    "col.name": {"fr": "Nom", "en": "Name"},
    "col.category": {"fr": "Catégorie", "en": "Category"},
    "col.address": {"fr": "Adresse", "en": "Address"},
    "col.phone": {"fr": "Téléphone", "en": "Phone"},
    "col.website": {"fr": "Site web", "en": "Website"},
    "col.online_shop": {"fr": "Boutique en ligne", "en": "Online shop"},
    "col.trade_modes": {"fr": "Modes de vente", "en": "Trade modes"},
    "col.opening_hours": {"fr": "Horaires", "en": "Opening hours"},
    "col.status": {"fr": "État", "en": "Status"},
    "col.count": {"fr": "Nombre", "en": "Count"},
    # statuses and trade modes
    "status.open": {"fr": "Ouvert", "en": "Open"},
    "status.temporarily_closed": {"fr": "Fermé temporairement", "en": "Temporarily closed"},
    "status.closed": {"fr": "Fermé", "en": "Closed"},
    "status.not_open_yet": {"fr": "Pas encore ouvert", "en": "Not open yet"},
    "mode.in_store": {"fr": "En magasin", "en": "In store"},
    "mode.click_collect": {"fr": "Click & collect", "en": "Click & collect"},
    "mode.delivery": {"fr": "Livraison", "en": "Delivery"},
    "mode.appointment": {"fr": "Sur rendez-vous", "en": "By appointment"},
    "mode.online_shop": {"fr": "Boutique en ligne", "en": "Online shop"},
    # map page
    "map.title": {"fr": "Carte des commerces", "en": "Shop map"},
    "map.filters": {"fr": "Filtres", "en": "Filters"},
    "map.filter_category": {"fr": "Catégories", "en": "Categories"},
    "map.filter_category_all": {"fr": "Toutes les catégories", "en": "All categories"},
    "map.filter_mode": {"fr": "Modes de vente", "en": "Trade modes"},
    "map.filter_mode_any": {"fr": "Tous les modes", "en": "Any trade mode"},
    "map.filter_online": {"fr": "Présence en ligne", "en": "Online presence"},
    "map.online_any": {"fr": "Tous", "en": "All"},
    "map.online_yes": {"fr": "Présents en ligne", "en": "Online"},
    "map.online_no": {"fr": "Absents en ligne", "en": "Not online"},
    "map.search": {"fr": "Rechercher un nom", "en": "Search a name"},
    "map.show_closed": {"fr": "Afficher les commerces fermés", "en": "Show closed shops"},
    "map.count": {"fr": "{count} commerces affichés", "en": "{count} shops shown"},
    "map.none": {"fr": "Aucun commerce ne correspond aux filtres.", "en": "No shop matches the filters."},
    "map.legend": {"fr": "Légende", "en": "Legend"},
    "map.legend_closed": {"fr": "Fermé (contour gris)", "en": "Closed (grey outline)"},
    "map.attribution": {
        "fr": "Fond de carte © contributeurs OpenStreetMap",
        "en": "Base map © OpenStreetMap contributors",
    },
    "map.popup_website": {"fr": "Site web", "en": "Website"},
    "map.popup_online_shop": {"fr": "Boutique en ligne", "en": "Online shop"},
    "map.popup_hours": {"fr": "Horaires", "en": "Opening hours"},
    "map.popup_modes": {"fr": "Modes de vente", "en": "Trade modes"},
    "map.popup_phone": {"fr": "Tél.", "en": "Phone"},
    "map.table": {"fr": "Liste des commerces affichés", "en": "Shops shown"},
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
    # online-presence audit
    "nav.presence": {"fr": "Présence en ligne", "en": "Online presence"},
    "presence.title": {"fr": "Présence en ligne des commerces", "en": "Shops' online presence"},
    "presence.no_shops": {"fr": "Aucun commerce ouvert à cette date.", "en": "No shop open on this date."},
    "presence.open_shops": {"fr": "Commerces ouverts", "en": "Open shops"},
    "presence.average_score": {"fr": "Score moyen", "en": "Average score"},
    "presence.score": {"fr": "Score", "en": "Score"},
    "presence.score_help": {
        "fr": "Un point par élément de la liste : site web, boutique en ligne, catalogue, réseau social, "
        "téléphone, e-mail, horaires, vente à distance (click & collect ou livraison).",
        "en": "One point per checklist item: website, online shop, catalogue, social network, phone, "
        "e-mail, opening hours, remote selling (click & collect or delivery).",
    },
    "presence.to_call": {"fr": "Commerces à appeler", "en": "Shops to call"},
    "presence.shares_title": {
        "fr": "Part des commerces ouverts qui ont chaque élément",
        "en": "Share of open shops with each item",
    },
    "presence.by_category": {"fr": "Par catégorie", "en": "By category"},
    "presence.by_commune": {"fr": "Par commune", "en": "By commune"},
    "presence.call_list": {"fr": "Liste d'appels", "en": "Call list"},
    "presence.call_list_help": {
        "fr": "Les commerces ouverts sans site, boutique en ligne ni catalogue Wiker, les moins complets "
        "d'abord.",
        "en": "Open shops with no website, online shop or Wiker catalogue, the least complete first.",
    },
    "presence.edit": {"fr": "Fiche", "en": "Form"},
    "presence.edit_link": {"fr": "Modifier", "en": "Edit"},
    "presence.missing": {"fr": "Ce qui manque", "en": "Missing"},
    "presence.download": {"fr": "Télécharger la liste d'appels (CSV)", "en": "Download the call list (CSV)"},
    "presence.item_website": {"fr": "Site web", "en": "Website"},
    "presence.item_online_shop": {"fr": "Boutique en ligne", "en": "Online shop"},
    "presence.item_catalogue": {"fr": "Catalogue", "en": "Catalogue"},
    "presence.item_social": {"fr": "Réseau social", "en": "Social network"},
    "presence.item_phone": {"fr": "Téléphone", "en": "Phone"},
    "presence.item_email": {"fr": "E-mail", "en": "E-mail"},
    "presence.item_opening_hours": {"fr": "Horaires", "en": "Opening hours"},
    "presence.item_remote_trade": {"fr": "Vente à distance", "en": "Remote selling"},
    # sign-in
    "auth.title": {"fr": "Connexion des coordinateurs", "en": "Coordinators' sign-in"},
    "auth.name": {"fr": "Identifiant", "en": "User name"},
    "auth.password": {"fr": "Mot de passe", "en": "Password"},
    "auth.submit": {"fr": "Se connecter", "en": "Sign in"},
    "auth.failed": {"fr": "Identifiant ou mot de passe incorrect.", "en": "Wrong user name or password."},
    "auth.locked": {
        "fr": "Trop d'essais manqués pour cet identifiant : réessayez après {time} ({date}).",
        "en": "Too many failed attempts for this name: try again after {time} ({date}).",
    },
    "auth.needed": {
        "fr": "Cette page modifie les données : connectez-vous avec un compte de coordinateur.",
        "en": "This page changes the data: sign in with a coordinator's account.",
    },
    "auth.signed_in_as": {"fr": "Connecté : {name} ({role})", "en": "Signed in: {name} ({role})"},
    "auth.demo_account": {
        "fr": "Compte de démonstration : son mot de passe est public.",
        "en": "Demo account: its password is public.",
    },
    "auth.sign_out": {"fr": "Se déconnecter", "en": "Sign out"},
    "auth.role_admin": {"fr": "administrateur", "en": "administrator"},
    "auth.role_coordinator": {"fr": "coordinateur", "en": "coordinator"},
    # coordinators' editing
    "nav.edit_shop": {"fr": "Modifier un commerce", "en": "Edit a shop"},
    "nav.edit_commune": {"fr": "Modifier une commune", "en": "Edit a commune"},
    "edit.title": {"fr": "Modifier un commerce", "en": "Edit a shop"},
    "edit.commune": {"fr": "Commune", "en": "Commune"},
    "edit.no_commune": {
        "fr": "Votre compte ne donne accès à aucune commune du réseau.",
        "en": "Your account gives access to no commune of the network.",
    },
    "edit.shop": {"fr": "Commerce", "en": "Shop"},
    "edit.new_shop": {"fr": "➕ Nouveau commerce", "en": "➕ New shop"},
    "edit.archived": {"fr": "archivé", "en": "archived"},
    "edit.is_archived": {
        "fr": "Ce commerce est archivé : il n'apparaît plus sur la carte ni dans les chiffres.",
        "en": "This shop is archived: it no longer shows on the map nor in the figures.",
    },
    "edit.details": {"fr": "Fiche", "en": "Details"},
    "edit.email": {"fr": "E-mail", "en": "E-mail"},
    "edit.social_links": {"fr": "Réseaux sociaux", "en": "Social links"},
    "edit.one_per_line": {
        "fr": "Une adresse par ligne (https://…).",
        "en": "One address a line (https://…).",
    },
    "edit.osm_id": {"fr": "Identifiant OpenStreetMap", "en": "OpenStreetMap id"},
    "edit.opened_on": {"fr": "Ouvert le", "en": "Opened on"},
    "edit.create": {"fr": "Créer le commerce", "en": "Create the shop"},
    "edit.created": {"fr": "« {name} » est créé.", "en": "“{name}” is created."},
    "edit.save": {"fr": "Enregistrer", "en": "Save"},
    "edit.saved": {"fr": "Modifications enregistrées.", "en": "Changes saved."},
    "edit.nothing_changed": {"fr": "Rien n'a changé.", "en": "Nothing changed."},
    "edit.invalid": {
        "fr": "Rien n'a été enregistré : corrigez ces champs.",
        "en": "Nothing was saved: correct these fields.",
    },
    "edit.denied": {
        "fr": "Votre compte ne peut pas modifier la commune {commune}.",
        "en": "Your account may not edit the commune {commune}.",
    },
    "edit.not_found": {"fr": "Cet enregistrement n'existe plus.", "en": "This record no longer exists."},
    "edit.conflict": {
        "fr": "Quelqu'un a enregistré ce commerce pendant que vous le modifiiez : rien n'a été écrasé. "
        "Voici ce qui a changé ; vous pouvez réappliquer vos modifications ou les abandonner.",
        "en": "Someone saved this shop while you were editing it: nothing was overwritten. Here is "
        "what changed; you may reapply your changes or drop them.",
    },
    "edit.field": {"fr": "Champ", "en": "Field"},
    "edit.their_value": {"fr": "Valeur enregistrée entre-temps", "en": "Value saved meanwhile"},
    "edit.your_value": {"fr": "Votre valeur", "en": "Your value"},
    "edit.reapply": {"fr": "Réappliquer mes modifications", "en": "Reapply my changes"},
    "edit.drop": {"fr": "Abandonner mes modifications", "en": "Drop my changes"},
    "edit.status": {"fr": "État", "en": "Status"},
    "edit.no_events": {"fr": "Aucun événement.", "en": "No event."},
    "edit.event_kind": {"fr": "Événement", "en": "Event"},
    "edit.event_date": {"fr": "Date", "en": "Date"},
    "edit.record_status": {"fr": "Enregistrer l'événement", "en": "Record the event"},
    "edit.status_saved": {"fr": "{kind} le {date} : enregistré.", "en": "{kind} on {date}: recorded."},
    "event.opened": {"fr": "ouverture", "en": "opened"},
    "event.closed": {"fr": "fermeture définitive", "en": "closed for good"},
    "event.reopened": {"fr": "réouverture", "en": "reopened"},
    "event.temporarily_closed": {"fr": "fermeture temporaire", "en": "temporarily closed"},
    "edit.catalogue": {"fr": "Catalogue", "en": "Catalogue"},
    "edit.item": {"fr": "Article", "en": "Item"},
    "edit.price": {"fr": "Prix (€)", "en": "Price (€)"},
    "edit.description": {"fr": "Description", "en": "Description"},
    "edit.add_item": {"fr": "Ajouter l'article", "en": "Add the item"},
    "edit.item_added": {"fr": "« {name} » ajouté au catalogue.", "en": "“{name}” added to the catalogue."},
    "edit.remove_item": {"fr": "Retirer", "en": "Remove"},
    "edit.item_removed": {
        "fr": "« {name} » retiré du catalogue.",
        "en": "“{name}” removed from the catalogue.",
    },
    "edit.archive_title": {"fr": "Archiver", "en": "Archive"},
    "edit.archive_help": {
        "fr": "Un commerce archivé disparaît de la carte et des chiffres, mais rien n'est effacé : il peut "
        "être restauré, et son historique reste.",
        "en": "An archived shop leaves the map and the figures, but nothing is deleted: it can be restored, "
        "and its history stays.",
    },
    "edit.archive": {"fr": "Archiver ce commerce", "en": "Archive this shop"},
    "edit.archived_done": {"fr": "Commerce archivé.", "en": "Shop archived."},
    "edit.restore": {"fr": "Restaurer ce commerce", "en": "Restore this shop"},
    "edit.restored": {"fr": "Commerce restauré.", "en": "Shop restored."},
    "edit.history": {"fr": "Historique des modifications", "en": "History of changes"},
    "edit.no_history": {"fr": "Aucune modification enregistrée.", "en": "No change recorded."},
    "edit.when": {"fr": "Quand (UTC)", "en": "When (UTC)"},
    "edit.who": {"fr": "Qui", "en": "Who"},
    "edit.what": {"fr": "Quoi", "en": "What"},
    "edit.record": {"fr": "Enregistrement", "en": "Record"},
    "edit.changes": {"fr": "Avant → après", "en": "Before → after"},
    "edit.undone": {"fr": "Annulé", "en": "Undone"},
    "edit.undo_which": {"fr": "Modification à annuler", "en": "Change to undo"},
    "edit.undo": {"fr": "Annuler", "en": "Undo"},
    "edit.undone_done": {"fr": "Modification n°{entry} annulée.", "en": "Change #{entry} undone."},
    "edit.undo_conflict": {
        "fr": "Impossible d'annuler : ces champs ont été modifiés depuis ({fields}).",
        "en": "Cannot undo: these fields were changed since ({fields}).",
    },
    "audit.create": {"fr": "création", "en": "created"},
    "audit.update": {"fr": "modification", "en": "changed"},
    "audit.delete": {"fr": "suppression", "en": "deleted"},
    "audit.status": {"fr": "événement", "en": "status event"},
    "audit.archive": {"fr": "archivage", "en": "archived"},
    "audit.restore": {"fr": "restauration", "en": "restored"},
    "audit.undo": {"fr": "annulation", "en": "undo"},
    # commune editing
    "commune_edit.title": {"fr": "Modifier une commune", "en": "Edit a commune"},
    "commune_edit.facts": {"fr": "Chiffres de la commune", "en": "The commune's figures"},
    "commune_edit.population_year": {"fr": "Année de référence", "en": "Reference year"},
    "commune_edit.shop_units": {
        "fr": "Locaux commerciaux du centre",
        "en": "Shop units in the centre",
    },
    "commune_edit.conflict": {
        "fr": "Quelqu'un a modifié cette commune entre-temps ({fields}) : rien n'a été écrasé. "
        "Le formulaire montre maintenant leurs valeurs ; refaites vos modifications.",
        "en": "Someone changed this commune meanwhile ({fields}): nothing was overwritten. The form "
        "now shows their values; make your changes again.",
    },
    "commune_edit.visits": {"fr": "Visites mensuelles", "en": "Monthly visits"},
    "commune_edit.visits_help": {
        "fr": "Corrigez une valeur ou ajoutez une ligne par mois, puis enregistrez : tout est enregistré "
        "ensemble, ou rien si une ligne est invalide.",
        "en": "Correct a value or add a row a month, then save: everything is saved together, or nothing "
        "when a row is invalid.",
    },
    "commune_edit.month": {"fr": "Mois", "en": "Month"},
    "commune_edit.unique_visitors": {"fr": "Visiteurs uniques", "en": "Unique visitors"},
    "commune_edit.save_visits": {"fr": "Enregistrer les visites", "en": "Save the visits"},
    "commune_edit.visits_saved": {
        "fr": "Visites enregistrées : {created} mois ajoutés, {updated} corrigés, {unchanged} inchangés.",
        "en": "Visits saved: {created} months added, {updated} corrected, {unchanged} unchanged.",
    },
    # errors
    "error.store": {
        "fr": "Le stockage des données est inaccessible : {error}",
        "en": "The data store cannot be opened: {error}",
    },
}


def normalise_language(lang: str | None) -> str:
    """Return a supported language code, French when `lang` is unknown."""
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, lang: str, **values: object) -> str:
    """Return the message `key` in `lang`, with `{placeholders}` filled from `values`."""
    text = MESSAGES[key][normalise_language(lang)]
    return text.format(**values) if values else text


def category_label(key: str, lang: str) -> str:
    """Return the translated name of a shop category (the key itself when it is not in the list)."""
    category = BY_KEY.get(key)
    return category.label(normalise_language(lang)) if category else str(key)


def family_label(key: str, lang: str) -> str:
    """Return the translated name of a category family."""
    family = FAMILY_BY_KEY[key]
    return family.label_fr if normalise_language(lang) == "fr" else family.label_en


def _locale(lang: str) -> str:
    return LOCALES[normalise_language(lang)]


def _missing(value: object) -> bool:
    return value is None or value != value  # NaN is the one value not equal to itself


def fmt_int(value: float | None, lang: str) -> str:
    """Return a whole number with the language's grouping (8 219 in French, 8,219 in English)."""
    if _missing(value):
        return "—"
    return format_decimal(round(value), format="#,##0", locale=_locale(lang))


def fmt_signed(value: int | None, lang: str) -> str:
    """Return a whole number with an explicit sign (+3, −2, 0)."""
    if _missing(value):
        return "—"
    text = fmt_int(abs(value), lang)
    return f"+{text}" if value > 0 else (f"−{text}" if value < 0 else text)


def fmt_decimal(value: float | None, lang: str, digits: int = 2) -> str:
    """Return a decimal number with the language's separators (0,85 in French)."""
    if _missing(value):
        return "—"
    pattern = "#,##0." + "0" * digits if digits else "#,##0"
    return format_decimal(value, format=pattern, locale=_locale(lang))


def fmt_percent(value: float | None, lang: str, digits: int = 0) -> str:
    """Return a share (0.345) as a percentage (35 % in French, 35% in English)."""
    if _missing(value):
        return "—"
    pattern = Locale.parse(_locale(lang)).percent_formats[None].pattern  # "#,##0 %" in French
    if digits:
        pattern = pattern.replace("#,##0", "#,##0." + "0" * digits)
    return format_percent(value, format=pattern, locale=_locale(lang))


def fmt_date(value: dt.date, lang: str) -> str:
    """Return a date in the language's long form (26 novembre 2026, 26 November 2026)."""
    return format_date(value, format="long", locale=_locale(lang))


def fmt_month(value: dt.date, lang: str) -> str:
    """Return a month and year (octobre 2026, October 2026)."""
    return format_date(value, format="LLLL y", locale=_locale(lang))
