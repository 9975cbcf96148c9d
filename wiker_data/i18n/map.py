"""Texts of the map page: the shop map and the commune map."""

MESSAGES: dict[str, dict[str, str]] = {
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
    # map.count* through i18n.plural: the caption under the filters, and how it counts
    "map.count.one": {"fr": "{count} commerce affiché", "en": "{count} shop shown"},
    "map.count.other": {"fr": "{count} commerces affichés", "en": "{count} shops shown"},
    "map.count_temporarily.one": {
        "fr": ", dont {count} fermé temporairement",
        "en": ", including {count} temporarily closed",
    },
    "map.count_temporarily.other": {
        "fr": ", dont {count} fermés temporairement",
        "en": ", including {count} temporarily closed",
    },
    "map.count_other.one": {
        "fr": " et {count} fermé ou pas encore ouvert",
        "en": " and {count} closed or not open yet",
    },
    "map.count_other.other": {
        "fr": " et {count} fermés ou pas encore ouverts",
        "en": " and {count} closed or not open yet",
    },
    "map.count_overview": {
        "fr": " (l'accueil ne compte que les commerces ouverts : {count} ici)",
        "en": " (the overview counts open shops only: {count} here)",
    },
    "map.open_now": {"fr": "Ouvert maintenant", "en": "Open now"},
    "map.open_now_help": {
        "fr": "Garde les commerces ouverts (pas même fermés temporairement) que leurs horaires disent "
        "ouverts à la date choisie dans le menu, à l'heure qu'il est à Paris. Ceux dont les horaires "
        "manquent ou ne se lisent pas restent affichés.",
        "en": "Keeps the open shops (not even temporarily closed) whose opening hours say open on the "
        "date chosen in the menu, at the current time in Paris. Those whose hours are missing or cannot "
        "be read stay on the map.",
    },
    "map.open_now_at": {
        "fr": "Ouverts le {date} à {time} (heure de Paris : la date du menu, à l'heure actuelle)",
        "en": "Open on {date} at {time} (Paris time: the menu's date, at the current time)",
    },
    "map.hours_unknown.one": {
        "fr": "{count} commerce aux horaires inconnus, non filtré",
        "en": "{count} shop with unknown opening hours, not filtered",
    },
    "map.hours_unknown.other": {
        "fr": "{count} commerces aux horaires inconnus, non filtrés",
        "en": "{count} shops with unknown opening hours, not filtered",
    },
    # opening hours in words (wiker_data.opening_hours_text)
    "hours.always": {"fr": "24 h/24, 7 j/7", "en": "24/7"},
    "hours.closed": {"fr": "fermé", "en": "closed"},
    "hours.separator": {"fr": " ; ", "en": "; "},
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
}
