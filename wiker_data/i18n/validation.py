"""The texts of the service layer's messages, in French and English, keyed like
`ValidationError.errors` ("phone.invalid"), with {placeholders} filled from its params.

`i18n.field_message` formats them (with the row prefix `row.prefix` when the params have a row).
"""

MESSAGES: dict[str, dict[str, str]] = {
    "required": {"fr": "Ce champ est obligatoire.", "en": "This field is required."},
    "field.unknown": {"fr": "Champ inconnu.", "en": "Unknown field."},
    "text.invalid": {"fr": "Texte attendu.", "en": "Expected text."},
    "text.too_long": {
        "fr": "Trop long : {length} caractères pour {max} au plus.",
        "en": "Too long: {length} characters, at most {max}.",
    },
    "category.unknown": {
        "fr": "Choisissez une catégorie de la liste.",
        "en": "Choose a category from the list.",
    },
    "commune.unknown": {"fr": "Commune inconnue.", "en": "Unknown commune."},
    "phone.invalid": {
        "fr": "Numéro de téléphone invalide (ex. 02 40 45 12 34).",
        "en": "Not a valid phone number (e.g. 02 40 45 12 34).",
    },
    "email.invalid": {
        "fr": "Adresse e-mail invalide (ex. contact@boutique.fr).",
        "en": "Not a valid e-mail address (e.g. contact@shop.fr).",
    },
    "url.invalid": {
        "fr": "Lien invalide : seules les adresses http:// ou https:// sont acceptées.",
        "en": "Not a valid link: only http:// or https:// addresses are accepted.",
    },
    "text.control_characters": {
        "fr": "Ce texte contient un caractère de contrôle (retour chariot seul, NUL, échappement…) : "
        "retirez-le.",
        "en": "This text holds a control character (a bare carriage return, NUL, escape...): remove it.",
    },
    "url.user_part": {
        "fr": "Lien refusé : un nom suivi de « @ » avant le site cache le vrai site "
        "(https://mairie.fr@autre.example mène à autre.example).",
        "en": 'Link refused: a name followed by "@" before the site hides the real site '
        "(https://town.fr@other.example leads to other.example).",
    },
    "social_links.invalid": {
        "fr": "Le lien n° {position} est invalide : seules les adresses http:// ou https:// "
        "de {max} caractères au plus sont acceptées.",
        "en": "Link {position} is not valid: only http:// or https:// addresses of at most {max} "
        "characters are accepted.",
    },
    "social_links.too_many": {"fr": "{max} liens au plus.", "en": "At most {max} links."},
    "number.invalid": {"fr": "Nombre attendu.", "en": "Expected a number."},
    "latitude.range": {
        "fr": "La latitude doit être comprise entre -90 et 90.",
        "en": "The latitude must be between -90 and 90.",
    },
    "longitude.range": {
        "fr": "La longitude doit être comprise entre -180 et 180.",
        "en": "The longitude must be between -180 and 180.",
    },
    "position.both_or_neither": {
        "fr": "Indiquez la latitude et la longitude, ou aucune des deux.",
        "en": "Give both the latitude and the longitude, or neither.",
    },
    "position.too_far": {
        "fr": "Cette position est à {distance_km} km du centre de la commune ({max_km} km au plus).",
        "en": "This position is {distance_km} km from the commune's centre (at most {max_km} km).",
    },
    "bool.invalid": {"fr": "Oui ou non attendu.", "en": "Expected yes or no."},
    "siret.invalid": {"fr": "Un numéro SIRET compte 14 chiffres.", "en": "A SIRET number has 14 digits."},
    "siret.taken": {
        "fr": "Un autre commerce a déjà ce numéro SIRET.",
        "en": "Another shop already has this SIRET number.",
    },
    "osm_id.invalid": {
        "fr": "Identifiant OpenStreetMap attendu sous la forme node/123, way/123 ou relation/123.",
        "en": "Expected an OpenStreetMap id such as node/123, way/123 or relation/123.",
    },
    "osm_id.taken": {
        "fr": "Un autre commerce a déjà cet identifiant OpenStreetMap.",
        "en": "Another shop already has this OpenStreetMap id.",
    },
    "date.invalid": {"fr": "Date attendue (AAAA-MM-JJ).", "en": "Expected a date (YYYY-MM-DD)."},
    "date.future": {
        "fr": "La date ne peut pas être dans le futur (aujourd'hui : {today}).",
        "en": "The date cannot be in the future (today: {today}).",
    },
    "status.kind_unknown": {"fr": "Type d'événement inconnu.", "en": "Unknown kind of event."},
    "status.first_must_be_opened": {
        "fr": "Le premier événement d'un commerce est son ouverture, ou son recensement s'il était "
        "déjà ouvert.",
        "en": "A shop's first event must be its opening, or its recording when it was already open.",
    },
    "status.recorded_not_first": {
        "fr": "Ce commerce a déjà un historique : seul un commerce sans événement peut être recensé ouvert.",
        "en": "This shop already has a history: only a shop without events can be recorded open.",
    },
    "status.opened_not_first": {
        "fr": "Ce commerce a déjà ouvert : enregistrez plutôt une réouverture.",
        "en": "This shop has already opened: record a reopening instead.",
    },
    "status.closed_not_open": {
        "fr": "Seul un commerce ouvert ou fermé temporairement peut fermer.",
        "en": "Only an open or temporarily closed shop can close.",
    },
    "status.reopened_not_closed": {
        "fr": "Seul un commerce fermé ou fermé temporairement peut rouvrir.",
        "en": "Only a closed or temporarily closed shop can reopen.",
    },
    "status.temporarily_closed_not_open": {
        "fr": "Seul un commerce ouvert peut fermer temporairement.",
        "en": "Only an open shop can close temporarily.",
    },
    "status.before_latest": {
        "fr": "La date ne peut pas précéder le dernier événement du commerce ({latest}).",
        "en": "The date cannot be before the shop's latest event ({latest}).",
    },
    "integer.invalid": {"fr": "Nombre entier attendu.", "en": "Expected a whole number."},
    "integer.range": {
        "fr": "Nombre entier de {min} à {max} attendu.",
        "en": "Expected a whole number from {min} to {max}.",
    },
    "unique_visitors.more_than_visits": {
        "fr": "Plus de visiteurs uniques ({unique}) que de visites ({visits}).",
        "en": "More unique visitors ({unique}) than visits ({visits}).",
    },
    "month.invalid": {"fr": "Mois attendu (AAAA-MM).", "en": "Expected a month (YYYY-MM)."},
    "month.future": {"fr": "Ce mois n'a pas encore commencé.", "en": "This month has not started yet."},
    "month.duplicate": {
        "fr": "Ce mois figure déjà à la ligne {first_row}.",
        "en": "This month is already on row {first_row}.",
    },
    "price.invalid": {
        "fr": "Prix attendu en euros, avec deux décimales au plus.",
        "en": "Expected a price in euros, with at most two decimals.",
    },
    "price.range": {"fr": "Le prix doit aller de 0 à {max} €.", "en": "The price must be from 0 to {max} €."},
    "population_year.required": {
        "fr": "Indiquez l'année de cette population.",
        "en": "Give the year of this population figure.",
    },
    "undo.unsupported": {
        "fr": "Ce changement ne peut pas être annulé ici.",
        "en": "This change cannot be undone here.",
    },
    "shop.already_archived": {"fr": "Ce commerce est déjà archivé.", "en": "This shop is already archived."},
    "shop.not_archived": {"fr": "Ce commerce n'est pas archivé.", "en": "This shop is not archived."},
    "membership.already_member": {
        "fr": "Cette commune est déjà membre du réseau depuis le {since}.",
        "en": "This commune has been a member of the network since {since}.",
    },
    "membership.not_member": {
        "fr": "Cette commune n'est pas membre du réseau.",
        "en": "This commune is not a member of the network.",
    },
    "membership.leave_before_join": {
        "fr": "Une commune quitte le réseau après l'avoir rejoint (le {joined}).",
        "en": "A commune leaves the network after joining it (on {joined}).",
    },
    "membership.join_before_leave": {
        "fr": "Une commune rejoint le réseau à nouveau le jour où elle l'a quitté (le {left}) ou après.",
        "en": "A commune joins the network again on or after the day it left (on {left}).",
    },
    "membership.joined_after_leaving": {
        "fr": "Cette commune a quitté le réseau le {left} : elle l'avait rejoint avant.",
        "en": "This commune left the network on {left}: it joined before that day.",
    },
    "row.prefix": {"fr": "Ligne {row} : ", "en": "Row {row}: "},
    "reconcile.stale": {
        "fr": "Le répertoire a changé depuis l'affichage de {count} proposition(s) cochée(s) : "
        "rien n'a été enregistré, vérifiez les propositions à nouveau.",
        "en": "The directory changed since {count} ticked proposal(s) were shown: nothing was saved, "
        "check the proposals again.",
    },
    "reconcile.two_links": {
        "fr": "Deux propositions cochées relient le même commerce ou le même SIRET : n'en cochez qu'une.",
        "en": "Two ticked proposals link the same shop or the same SIRET: tick only one.",
    },
    "reconcile.link_and_close": {
        "fr": "Un commerce relié à un établissement ouvert selon SIRENE ne peut pas être marqué fermé "
        "en même temps : cochez l'un ou l'autre.",
        "en": "A shop linked to an establishment SIRENE says is open cannot be marked closed at the "
        "same time: tick one or the other.",
    },
}
