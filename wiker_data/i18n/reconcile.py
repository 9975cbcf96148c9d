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
    "reconcile.missing": {
        "fr": "Dans SIRENE, absents du répertoire",
        "en": "In SIRENE, not in the directory",
    },
    "reconcile.missing_help": {
        "fr": "Cochez ceux à ajouter au répertoire.",
        "en": "Tick those to add to the directory.",
    },
    "reconcile.add": {"fr": "Ajouter les commerces cochés", "en": "Add the ticked shops"},
    "reconcile.closed": {
        "fr": "Ouverts dans le répertoire, fermés selon SIRENE",
        "en": "Open in the directory, closed according to SIRENE",
    },
    "reconcile.close": {"fr": "Marquer fermés les commerces cochés", "en": "Mark the ticked shops closed"},
    "reconcile.unmatched": {
        "fr": "Commerces du répertoire sans SIRET reconnu",
        "en": "Directory shops without a known SIRET",
    },
    "reconcile.unmatched_help": {
        "fr": "Choisissez l'établissement SIRENE qui correspond, puis reliez : le commerce prend son SIRET.",
        "en": "Choose the matching SIRENE establishment, then link: the shop takes its SIRET.",
    },
    "reconcile.link": {"fr": "Relier", "en": "Link"},
    "reconcile.no_link": {"fr": "— aucun —", "en": "— none —"},
    "reconcile.none": {"fr": "Rien à signaler.", "en": "Nothing to report."},
    "reconcile.tick": {"fr": "Choisir", "en": "Choose"},
    "reconcile.siret": {"fr": "SIRET", "en": "SIRET"},
    "reconcile.closed_on": {"fr": "Fermé le", "en": "Closed on"},
    "reconcile.done": {"fr": "{count} changement(s) enregistré(s).", "en": "{count} change(s) saved."},
    "reconcile.choose_first": {"fr": "Cochez au moins une ligne.", "en": "Tick at least one row."},
}
