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
}
