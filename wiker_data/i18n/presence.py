"""Texts of the online-presence audit page."""

MESSAGES: dict[str, dict[str, str]] = {
    "presence.title": {"fr": "Présence en ligne des commerces", "en": "Shops' online presence"},
    "presence.no_shops": {"fr": "Aucun commerce ouvert à cette date.", "en": "No shop open on this date."},
    "presence.open_shops": {"fr": "Commerces ouverts", "en": "Open shops"},
    "presence.average_score": {"fr": "Score moyen", "en": "Average score"},
    "presence.score": {"fr": "Score", "en": "Score"},
    "presence.score_help": {
        "fr": "Un point par élément de la liste : site web, boutique en ligne, catalogue, réseau social, "
        "téléphone, e-mail, horaires, vente à distance (click & collect ou livraison).",
        "en": "One point per checklist item: website, online shop, catalogue, social network, phone, "
        "e-mail, opening hours, remote selling (click & collect or delivery).",
    },
    "presence.to_call": {"fr": "Commerces à appeler", "en": "Shops to call"},
    "presence.shares_title": {
        "fr": "Part des commerces ouverts qui ont chaque élément",
        "en": "Share of open shops with each item",
    },
    "presence.by_category": {"fr": "Par catégorie", "en": "By category"},
    "presence.by_commune": {"fr": "Par commune", "en": "By commune"},
    "presence.call_list": {"fr": "Liste d'appels", "en": "Call list"},
    "presence.largest_groups": {
        "fr": "Seules les communes qui ont le plus de commerces ouverts sont montrées : {shown} sur {count}.",
        "en": "Only the communes with the most open shops are shown: {shown} of {count}.",
    },
    "presence.page": {"fr": "Page (sur {pages})", "en": "Page (of {pages})"},
    "presence.call_list_help": {
        "fr": "Les commerces ouverts sans site, boutique en ligne ni catalogue Wiker : ceux qui ont un "
        "téléphone d'abord, puis ceux qui n'ont qu'un e-mail, puis les autres ; dans chaque cas, ceux "
        "qui ne sont pas non plus sur un réseau social d'abord, puis les moins complets.",
        "en": "Open shops with no website, online shop or Wiker catalogue: those with a phone first, then "
        "those with an e-mail only, then the others; in each, those on no social network either first, "
        "then the least complete.",
    },
    "presence.reach": {"fr": "Joignable par", "en": "Reached by"},
    "presence.reach_phone": {"fr": "Téléphone", "en": "Phone"},
    "presence.reach_email": {"fr": "E-mail seulement", "en": "E-mail only"},
    "presence.reach_none": {"fr": "Ni téléphone ni e-mail", "en": "Neither phone nor e-mail"},
    "presence.group": {"fr": "Groupe", "en": "Group"},
    "presence.group_no_site_no_social": {
        "fr": "Sans site ni réseau social",
        "en": "No website nor social network",
    },
    "presence.group_no_site": {
        "fr": "Sans site web (présent sur un réseau social)",
        "en": "No website (on a social network)",
    },
    "presence.edit": {"fr": "Fiche", "en": "Form"},
    "presence.edit_link": {"fr": "Modifier", "en": "Edit"},
    "presence.missing": {"fr": "Ce qui manque", "en": "Missing"},
    "presence.download": {"fr": "Télécharger la liste d'appels (CSV)", "en": "Download the call list (CSV)"},
    "presence.item_website": {"fr": "Site web", "en": "Website"},
    "presence.item_online_shop": {"fr": "Boutique en ligne", "en": "Online shop"},
    "presence.item_catalogue": {"fr": "Catalogue", "en": "Catalogue"},
    "presence.item_social": {"fr": "Réseau social", "en": "Social network"},
    "presence.item_phone": {"fr": "Téléphone", "en": "Phone"},
    "presence.item_email": {"fr": "E-mail", "en": "E-mail"},
    "presence.item_opening_hours": {"fr": "Horaires", "en": "Opening hours"},
    "presence.item_remote_trade": {"fr": "Vente à distance", "en": "Remote selling"},
}
