"""Texts shared by every page: the sidebar, the overview, the map, tables and errors."""

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
        "fr": "Fond de carte et une partie des commerces : © les contributeurs d'OpenStreetMap (ODbL)",
        "en": "Base map and part of the shop data: © OpenStreetMap contributors (ODbL)",
    },
    "map.popup_website": {"fr": "Site web", "en": "Website"},
    "commune_map.legend": {"fr": "Commerces sur 12 mois", "en": "Shops over 12 months"},
    "commune_map.net_change": {"fr": "Solde sur 12 mois", "en": "Net change over 12 months"},
    "commune_map.growth": {"fr": "Plus de commerces", "en": "More shops"},
    "commune_map.decline": {"fr": "Moins de commerces", "en": "Fewer shops"},
    "commune_map.stable": {"fr": "Autant de commerces", "en": "As many shops"},
    "commune_map.intro": {
        "fr": "Le réseau compte {count} commerces ouverts : la carte montre les communes (la surface d'un "
        "cercle suit le nombre de commerces ouverts, sa couleur le solde sur 12 mois). Choisissez une "
        "commune dans le menu pour voir et filtrer ses commerces.",
        "en": "The network has {count} open shops: the map shows the communes (a circle's area follows "
        "the number of open shops, its colour the net change over 12 months). Choose a commune in the "
        "menu to see and filter its shops.",
    },
    "commune_map.table": {"fr": "Communes du réseau", "en": "Communes of the network"},
    "map.popup_online_shop": {"fr": "Boutique en ligne", "en": "Online shop"},
    "map.popup_hours": {"fr": "Horaires", "en": "Opening hours"},
    "map.popup_modes": {"fr": "Modes de vente", "en": "Trade modes"},
    "map.popup_phone": {"fr": "Tél.", "en": "Phone"},
    "map.table": {"fr": "Liste des commerces affichés", "en": "Shops shown"},
    # errors
    "error.store": {
        "fr": "Le stockage des données est inaccessible : {error}",
        "en": "The data store cannot be opened: {error}",
    },
}
