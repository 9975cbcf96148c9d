"""Texts of the coordinators' editing pages: shops, communes and the history of changes."""

MESSAGES: dict[str, dict[str, str]] = {
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
    "edit.opening_unknown": {
        "fr": "Date d'ouverture inconnue : recensé ouvert à cette date, sans compter une ouverture",
        "en": "Opening date unknown: recorded open on this date, not counted as an opening",
    },
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
    "edit.account_changed": {
        "fr": "Votre compte a été désactivé ou modifié depuis votre connexion : rien n'a été "
        "enregistré. Reconnectez-vous.",
        "en": "Your account was disabled or changed since you signed in: nothing was saved. Sign in again.",
    },
    "edit.not_found": {"fr": "Cet enregistrement n'existe plus.", "en": "This record no longer exists."},
    "edit.busy": {
        "fr": "Une autre modification (un import ?) occupe la base : rien n'a été enregistré, "
        "réessayez dans un moment.",
        "en": "Another change (an import?) is keeping the store busy: nothing was saved, try again "
        "in a moment.",
    },
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
    "edit.event_kind_choose": {"fr": "Choisissez l'événement", "en": "Choose the event"},
    "edit.event_kind_required": {
        "fr": "Rien n'a été enregistré : choisissez d'abord l'événement.",
        "en": "Nothing was recorded: choose the event first.",
    },
    "edit.record_status": {"fr": "Enregistrer l'événement", "en": "Record the event"},
    "edit.confirm_status": {
        "fr": "Confirmer : {kind} de « {name} » le {date} ?",
        "en": "Confirm: {kind}, “{name}”, on {date}?",
    },
    "edit.confirm": {"fr": "Confirmer", "en": "Confirm"},
    "edit.cancel_status": {"fr": "Ne pas enregistrer", "en": "Do not record"},
    "edit.status_saved": {"fr": "{kind} le {date} : enregistré.", "en": "{kind} on {date}: recorded."},
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
    "edit.when": {"fr": "Quand (heure de Paris)", "en": "When (Paris time)"},
    "edit.source": {"fr": "Origine", "en": "Source"},
    "edit.who": {"fr": "Qui", "en": "Who"},
    "edit.changes": {"fr": "Modification", "en": "Change"},
    "edit.undone": {"fr": "Annulée", "en": "Undone"},
    "edit.undo_which": {"fr": "Modification à annuler", "en": "Change to undo"},
    "edit.undo_label": {"fr": "{change} · {when} · {who}", "en": "{change} · {when} · {who}"},
    "edit.undo_button": {"fr": "Annuler : {change}", "en": "Undo: {change}"},
    "edit.undone_done": {"fr": "Annulé : {change}", "en": "Undone: {change}"},
    "edit.undo_conflict": {
        "fr": "Impossible d'annuler : ces champs ont été modifiés depuis ({fields}).",
        "en": "Cannot undo: these fields were changed since ({fields}).",
    },
    # what an audit entry changed (the store's table), for the records the history has no sentence for
    "audit.entity_shop": {"fr": "commerce", "en": "shop"},
    "audit.entity_status_event": {"fr": "événement d'état", "en": "status event"},
    "audit.entity_catalogue_item": {"fr": "article du catalogue", "en": "catalogue item"},
    "audit.entity_commune": {"fr": "commune", "en": "commune"},
    "audit.entity_monthly_visits": {"fr": "visites du mois", "en": "monthly visits"},
    "audit.entity_commune_population": {"fr": "population", "en": "population"},
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
        "fr": "Visites enregistrées : {created}, {updated}, {unchanged}.",
        "en": "Visits saved: {created}, {updated}, {unchanged}.",
    },
    "commune_edit.months_added.one": {"fr": "{count} mois ajouté", "en": "{count} month added"},
    "commune_edit.months_added.other": {"fr": "{count} mois ajoutés", "en": "{count} months added"},
    "commune_edit.months_corrected.one": {"fr": "{count} corrigé", "en": "{count} corrected"},
    "commune_edit.months_corrected.other": {"fr": "{count} corrigés", "en": "{count} corrected"},
    "commune_edit.months_unchanged.one": {"fr": "{count} inchangé", "en": "{count} unchanged"},
    "commune_edit.months_unchanged.other": {"fr": "{count} inchangés", "en": "{count} unchanged"},
}
