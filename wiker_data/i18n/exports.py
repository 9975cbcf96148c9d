"""Texts of the downloaded files: the shop directory's column headers, its sheet's name, and how a
yes or a no is written in a cell."""

MESSAGES: dict[str, dict[str, str]] = {
    "export.yes": {"fr": "oui", "en": "yes"},
    "export.no": {"fr": "non", "en": "no"},
    "export.sheet": {"fr": "Commerces", "en": "Shops"},
    # the shop directory's columns (exports.EXPORT_COLUMNS), in their order
    "export.id": {"fr": "Identifiant", "en": "Id"},
    "export.commune_code": {"fr": "Code INSEE", "en": "INSEE code"},
    "export.commune_name": {"fr": "Commune", "en": "Commune"},
    "export.name": {"fr": "Nom", "en": "Name"},
    "export.category": {"fr": "Catégorie", "en": "Category"},
    "export.address": {"fr": "Adresse", "en": "Address"},
    "export.latitude": {"fr": "Latitude", "en": "Latitude"},
    "export.longitude": {"fr": "Longitude", "en": "Longitude"},
    "export.status": {"fr": "État", "en": "Status"},
    "export.in_store": {"fr": "En magasin", "en": "In store"},
    "export.click_collect": {"fr": "Click & collect", "en": "Click & collect"},
    "export.delivery": {"fr": "Livraison", "en": "Delivery"},
    "export.appointment": {"fr": "Sur rendez-vous", "en": "By appointment"},
    "export.online_shop": {"fr": "Boutique en ligne", "en": "Online shop"},
    "export.online": {"fr": "Présent en ligne", "en": "Online"},
    "export.phone": {"fr": "Téléphone", "en": "Phone"},
    "export.email": {"fr": "E-mail", "en": "E-mail"},
    "export.website": {"fr": "Site web", "en": "Website"},
    "export.online_shop_url": {"fr": "Adresse de la boutique en ligne", "en": "Online shop address"},
    "export.opening_hours": {"fr": "Horaires", "en": "Opening hours"},
    "export.siret": {"fr": "SIRET", "en": "SIRET"},
    "export.osm_id": {"fr": "Identifiant OpenStreetMap", "en": "OpenStreetMap id"},
    "export.takeaway": {"fr": "À emporter", "en": "Takeaway"},
    "export.status_since": {"fr": "État depuis le", "en": "Status since"},
}
