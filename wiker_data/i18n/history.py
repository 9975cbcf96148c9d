"""Texts of the history of changes: each audit entry as a sentence (queries.history), its source and
who made it."""

MESSAGES: dict[str, dict[str, str]] = {
    # field names no page column gives
    "history.field_commune_code": {"fr": "Commune", "en": "Commune"},
    "history.field_latitude": {"fr": "Latitude", "en": "Latitude"},
    "history.field_longitude": {"fr": "Longitude", "en": "Longitude"},
    "history.field_siret": {"fr": "SIRET", "en": "SIRET"},
    "history.field_left_on": {"fr": "Sortie du réseau", "en": "Left the network"},
    "history.field_price": {"fr": "Prix", "en": "Price"},
    "history.field_event_date": {"fr": "Date", "en": "Date"},
    "history.field_kind": {"fr": "Événement", "en": "Event"},
    "history.field_archived_at": {"fr": "Archivée le", "en": "Archived on"},
    "history.field_population_in": {"fr": "Population {year}", "en": "Population {year}"},
    # values
    "history.yes": {"fr": "oui", "en": "yes"},
    "history.no": {"fr": "non", "en": "no"},
    "history.price": {"fr": "{amount} €", "en": "€{amount}"},
    "history.separator": {"fr": " ; ", "en": "; "},
    # the sentences
    "history.event": {"fr": "{kind} le {date}", "en": "{kind} on {date}"},
    "history.event_removed": {"fr": "Événement retiré : {event}", "en": "Event removed: {event}"},
    "history.shop_created": {"fr": "Création de la fiche", "en": "Shop created"},
    "history.shop_archived": {"fr": "Fiche archivée", "en": "Shop archived"},
    "history.shop_restored": {"fr": "Fiche restaurée", "en": "Shop restored"},
    "history.item_added": {
        "fr": "Article ajouté au catalogue : « {name} »",
        "en": "Catalogue item added: “{name}”",
    },
    "history.item_removed": {
        "fr": "Article retiré du catalogue : « {name} »",
        "en": "Catalogue item removed: “{name}”",
    },
    "history.item_changed": {"fr": "Article du catalogue — {changes}", "en": "Catalogue item — {changes}"},
    "history.commune_created": {"fr": "Création de la commune", "en": "Commune created"},
    "history.joined": {"fr": "Adhésion au réseau le {date}", "en": "Joined the network on {date}"},
    "history.left": {"fr": "Sortie du réseau le {date}", "en": "Left the network on {date}"},
    "history.visits_and_unique": {
        "fr": "{visits} ({unique} visiteurs uniques)",
        "en": "{visits} ({unique} unique visitors)",
    },
    "history.visits_added": {"fr": "Visites en {month} : {figures}", "en": "Visits in {month}: {figures}"},
    "history.visits_removed": {
        "fr": "Visites en {month} retirées : {figures}",
        "en": "Visits in {month} removed: {figures}",
    },
    "history.visits_changed": {"fr": "Visites en {month} — {changes}", "en": "Visits in {month} — {changes}"},
    "history.undo_of": {"fr": "Annulation de : {change}", "en": "Undo of: {change}"},
    "history.undo_did": {"fr": "Annulation : {change}", "en": "Undo: {change}"},
    # where a change came from
    "history.source_app": {"fr": "saisie", "en": "entered"},
    "history.source_undo": {"fr": "annulation", "en": "undo"},
    "history.source_cli": {"fr": "ligne de commande", "en": "command line"},
    "history.source_sirene": {"fr": "import SIRENE", "en": "SIRENE import"},
    "history.source_sirene_history": {"fr": "import de l'historique SIRENE", "en": "SIRENE history import"},
    "history.source_osm": {"fr": "import OpenStreetMap", "en": "OpenStreetMap import"},
    "history.source_insee": {"fr": "import Insee (population)", "en": "Insee import (population)"},
    "history.source_matomo": {"fr": "import Matomo", "en": "Matomo import"},
    "history.source_visits_csv": {"fr": "import de visites (CSV)", "en": "visits import (CSV)"},
    "history.source_demo": {"fr": "données de démonstration", "en": "demo data"},
    "history.source_migration": {"fr": "mise à jour de la base", "en": "store upgrade"},
    # who, when no account made it
    "history.who_command": {"fr": "ligne de commande", "en": "command line"},
    "history.who_migration": {"fr": "mise à jour de la base", "en": "store upgrade"},
}
