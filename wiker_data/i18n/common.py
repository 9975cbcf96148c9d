"""Texts every page shares: the app, the sidebar and navigation, languages, table columns,
statuses, trade modes, event kinds and errors."""

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
    # The choice of commune names its postal and INSEE codes: typing either finds it.
    "sidebar.commune_option": {
        "fr": "{name} ({postal_code} · Insee {code})",
        "en": "{name} ({postal_code} · INSEE {code})",
    },
    "sidebar.commune_option_no_postal_code": {"fr": "{name} (Insee {code})", "en": "{name} (INSEE {code})"},
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
    # navigation
    "nav.overview": {"fr": "Vue d'ensemble", "en": "Overview"},
    "nav.map": {"fr": "Carte des commerces", "en": "Shop map"},
    "nav.activity": {"fr": "Ouvertures et fermetures", "en": "Openings and closures"},
    "nav.comparison": {"fr": "Comparaison des communes", "en": "Commune comparison"},
    "nav.visits": {"fr": "Visites et habitants", "en": "Visits and population"},
    "nav.presence": {"fr": "Présence en ligne", "en": "Online presence"},
    "nav.edit_shop": {"fr": "Modifier un commerce", "en": "Edit a shop"},
    "nav.edit_commune": {"fr": "Modifier une commune", "en": "Edit a commune"},
    "nav.import": {"fr": "Importer des données", "en": "Import data"},
    "nav.reconcile": {"fr": "Rapprochement SIRENE", "en": "SIRENE reconciliation"},
    "nav.sign_in": {"fr": "Connexion coordinateur", "en": "Coordinator sign-in"},
    "language.fr": {"fr": "Français", "en": "Français"},
    "language.en": {"fr": "English", "en": "English"},
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
    # statuses, trade modes and event kinds
    "status.open": {"fr": "Ouvert", "en": "Open"},
    "status.temporarily_closed": {"fr": "Fermé temporairement", "en": "Temporarily closed"},
    "status.closed": {"fr": "Fermé", "en": "Closed"},
    "status.not_open_yet": {"fr": "Pas encore ouvert", "en": "Not open yet"},
    "mode.in_store": {"fr": "En magasin", "en": "In store"},
    "mode.click_collect": {"fr": "Click & collect", "en": "Click & collect"},
    "mode.delivery": {"fr": "Livraison", "en": "Delivery"},
    "mode.appointment": {"fr": "Sur rendez-vous", "en": "By appointment"},
    "mode.online_shop": {"fr": "Boutique en ligne", "en": "Online shop"},
    "mode.takeaway": {"fr": "À emporter", "en": "Takeaway"},
    "event.opened": {"fr": "ouverture", "en": "opened"},
    "event.closed": {"fr": "fermeture définitive", "en": "closed for good"},
    "event.reopened": {"fr": "réouverture", "en": "reopened"},
    "event.temporarily_closed": {"fr": "fermeture temporaire", "en": "temporarily closed"},
    "event.recorded": {
        "fr": "recensé ouvert (date d'ouverture inconnue)",
        "en": "recorded open (opening date unknown)",
    },
    # errors
    "error.store": {
        "fr": "Le stockage des données est inaccessible : {error}",
        "en": "The data store cannot be opened: {error}",
    },
    "listing.search": {"fr": "Chercher une commune", "en": "Find a commune"},
    "listing.search_hint": {
        "fr": "Nom ou code INSEE, ex. Donges ou 44052",
        "en": "Name or INSEE code, e.g. Donges or 44052",
    },
    "listing.every": {"fr": "Toutes, page par page", "en": "All, page by page"},
    "listing.page": {"fr": "Page (sur {pages})", "en": "Page (of {pages})"},
    "listing.short": {
        "fr": "Les {ends} premières et les {ends} dernières des {count} communes "
        "(colonne « {column} »){around}. Cherchez-en une ou affichez-les toutes, page par page ; "
        "le fichier CSV les contient toutes.",
        "en": "The first {ends} and the last {ends} of the {count} communes (column “{column}”){around}. "
        "Find one or show them all, page by page; the CSV file holds them all.",
    },
    "listing.around": {
        "fr": ", et les {neighbours} qui entourent {name} de chaque côté",
        "en": ", and the {neighbours} on each side of {name}",
    },
    "listing.found": {
        "fr": "Communes trouvées : {matching} sur {count}.",
        "en": "Communes found: {matching} of {count}.",
    },
    "listing.none": {
        "fr": "Aucune commune ne correspond à « {search} ».",
        "en": "No commune matches “{search}”.",
    },
    "listing.paged": {
        "fr": "Communes {first} à {last} sur {count}.",
        "en": "Communes {first} to {last} of {count}.",
    },
    "listing.position": {"fr": "N°", "en": "No."},
}
