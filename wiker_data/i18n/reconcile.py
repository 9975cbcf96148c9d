"""Texts of the SIRENE reconciliation page."""

MESSAGES: dict[str, dict[str, str]] = {
    # reconciliation
    "reconcile.title": {"fr": "Rapprochement avec SIRENE", "en": "Reconciliation with SIRENE"},
    "reconcile.intro": {
        "fr": "Comparez le répertoire de la commune au registre SIRENE de l'Insee : chargez le fichier "
        "StockEtablissement (ou l'extrait de votre commune). Rien n'est écrit sans votre action.",
        "en": "Compare the commune's directory with INSEE's SIRENE register: upload the StockEtablissement "
        "file (or your commune's extract). Nothing is written without your action.",
    },
    "reconcile.tick": {"fr": "Choisir", "en": "Choose"},
    "reconcile.siret": {"fr": "SIRET", "en": "SIRET"},
    "reconcile.choose_first": {"fr": "Cochez au moins une ligne.", "en": "Tick at least one row."},
    # the proposals, best first
    "reconcile.proposals": {"fr": "Propositions", "en": "Proposals"},
    "reconcile.proposals_help": {
        "fr": "Les meilleures correspondances d'abord. Cochez les propositions à accepter sur cette page, "
        "puis appliquez-les avant d'en changer : tout est enregistré ensemble, ou rien.",
        "en": "Best matches first. Tick the proposals to accept on this page, then apply them before "
        "moving to another page: all are saved together, or none.",
    },
    "reconcile.filter": {"fr": "Rechercher (nom, adresse, SIRET)", "en": "Search (name, address, SIRET)"},
    "reconcile.show": {"fr": "Afficher", "en": "Show"},
    "reconcile.show_all": {"fr": "Toutes les propositions", "en": "All proposals"},
    "reconcile.show_link": {"fr": "À relier à leur SIRET", "en": "To link to their SIRET"},
    "reconcile.show_close": {"fr": "À marquer fermés", "en": "To mark closed"},
    "reconcile.show_add": {"fr": "À ajouter au répertoire", "en": "To add to the directory"},
    "reconcile.page": {"fr": "Page", "en": "Page"},
    "reconcile.page_of": {
        "fr": "Page {page} sur {pages} · {total} proposition(s)",
        "en": "Page {page} of {pages} · {total} proposal(s)",
    },
    "reconcile.action": {"fr": "Proposition", "en": "Proposal"},
    "reconcile.action_link": {"fr": "Relier", "en": "Link"},
    "reconcile.action_close": {"fr": "Marquer fermé", "en": "Mark closed"},
    "reconcile.action_add": {"fr": "Ajouter", "en": "Add"},
    "reconcile.shop": {"fr": "Commerce du répertoire", "en": "Directory shop"},
    "reconcile.shop_siret": {"fr": "Son SIRET actuel", "en": "Its SIRET now"},
    "reconcile.sirene_name": {"fr": "Établissement SIRENE", "en": "SIRENE establishment"},
    "reconcile.why": {"fr": "Pourquoi", "en": "Why"},
    "reconcile.apply": {"fr": "Appliquer les propositions cochées", "en": "Apply the ticked proposals"},
    "reconcile.applied": {
        "fr": "{linked} commerce(s) relié(s), {closed} marqué(s) fermé(s), {created} ajouté(s).",
        "en": "{linked} shop(s) linked, {closed} marked closed, {created} added.",
    },
    "reconcile.no_proposal": {"fr": "Aucune proposition.", "en": "No proposal."},
    "reconcile.left_out_closed": {
        "fr": "{count} établissement(s) fermé(s) selon SIRENE et sans commerce correspondant : "
        "ni ajoutés ni proposés.",
        "en": "{count} establishment(s) closed according to SIRENE, with no matching shop: "
        "neither added nor proposed.",
    },
    "reconcile.left_out_shops": {
        "fr": "{count} commerce(s) du répertoire sans SIRET du fichier n'ont aucune correspondance proche "
        "(nom semblable à moins de 50 m ou à la même adresse) : leur SIRET se saisit dans leur fiche.",
        "en": "{count} directory shop(s) without a SIRET of the file have no close match (a similar name "
        "within 50 m or at the same address): their SIRET is entered on their page.",
    },
    # why a proposal was made
    "reconcile.reason_siret": {"fr": "même SIRET", "en": "same SIRET"},
    "reconcile.reason_name": {"fr": "nom semblable à {share}", "en": "name {share} alike"},
    "reconcile.reason_distance": {"fr": "à {metres} m", "en": "{metres} m away"},
    "reconcile.reason_address": {"fr": "même adresse", "en": "same address"},
    "reconcile.reason_absent": {
        "fr": "ouvert selon SIRENE, aucun commerce de l'annuaire ne lui ressemble",
        "en": "open in SIRENE, no shop of the directory is like it",
    },
    "reconcile.reason_closed": {
        "fr": "SIRENE : fermé depuis le {date}",
        "en": "SIRENE: closed since {date}",
    },
}
