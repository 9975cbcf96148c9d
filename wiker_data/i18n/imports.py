"""Texts of the import page."""

MESSAGES: dict[str, dict[str, str]] = {
    "osm.credit": {
        "fr": "Données de commerces en partie issues d'OpenStreetMap : © les contributeurs d'OpenStreetMap, "
        "licence ODbL.",
        "en": "Shop data partly from OpenStreetMap: © OpenStreetMap contributors, ODbL licence.",
    },
    "import.title": {"fr": "Importer des données ouvertes", "en": "Import open data"},
    "import.intro": {
        "fr": "Chargez un fichier : l'aperçu dit ce qui changera (nouveau, modifié, inchangé, rejeté) avant "
        "que rien ne soit écrit. L'import se fait en une seule transaction et chaque changement est "
        "journalisé (annulable depuis l'historique).",
        "en": "Upload a file: the preview says what will change (new, updated, unchanged, rejected) before "
        "anything is written. The import runs in one transaction and every change is logged (and can be "
        "undone from the history).",
    },
    "import.source": {"fr": "Type de fichier", "en": "Kind of file"},
    "import.source_sirene": {
        "fr": "Établissements SIRENE (Insee)",
        "en": "SIRENE establishments (INSEE)",
    },
    "import.source_osm": {"fr": "Commerces OpenStreetMap", "en": "OpenStreetMap shops"},
    "import.source_matomo": {"fr": "Visites : export Matomo", "en": "Visits: Matomo export"},
    "import.source_visits_csv": {
        "fr": "Visites : CSV de plusieurs communes",
        "en": "Visits: CSV for several communes",
    },
    "import.source_population": {"fr": "Populations légales (Insee)", "en": "Legal populations (INSEE)"},
    "import.source_sirene_history": {
        "fr": "Historique SIRENE des établissements",
        "en": "SIRENE history of establishments",
    },
    "import.help_sirene": {
        "fr": "Le fichier StockEtablissement de l'Insee (CSV ou zip), ou le fichier géocodé "
        "geo_siret_DD.csv.gz. Seuls les commerces de la commune choisie sont repris ; une "
        "réimportation met à jour par SIRET sans créer de doublon ni écraser vos corrections.",
        "en": "INSEE's StockEtablissement file (CSV or zip), or the geocoded geo_siret_DD.csv.gz file. "
        "Only the shops of the chosen commune are kept; a re-import updates by SIRET, never duplicates, "
        "and never overwrites your corrections.",
    },
    "import.help_osm": {
        "fr": "Un export de l'API Overpass (JSON, avec « out center ») ou un GeoJSON des commerces de la "
        "commune. Les commerces déjà présents (même SIRET, ou à moins de 50 m avec un nom proche) sont "
        "reliés, pas dupliqués.",
        "en": 'An Overpass API export (JSON, with "out center") or a GeoJSON of the commune\'s shops. Shops '
        "already in the directory (same SIRET, or within 50 m with a similar name) are linked, not "
        "duplicated.",
    },
    "import.osm_several": {
        "fr": "Le fichier couvre plusieurs communes (chaque commerce va à la commune de son adresse, "
        "sinon au centre de commune membre le plus proche, à 15 km au plus)",
        "en": "The file covers several communes (each shop goes to the commune of its address, else to "
        "the nearest member commune's centre, within 15 km)",
    },
    "import.help_matomo": {
        "fr": "L'export « Visites - Vue d'ensemble » de Matomo, en CSV ou en TSV (pour Excel), UTF-16 ou "
        "UTF-8, par jour ou par mois : les jours sont additionnés en mois.",
        "en": 'Matomo\'s "Visits overview" export, CSV or TSV (for Excel), UTF-16 or UTF-8, by day or by '
        "month: days are summed into months.",
    },
    "import.help_visits_csv": {
        "fr": "Un CSV aux colonnes commune, month, visits et, si vous l'avez, unique_visitors.",
        "en": "A CSV with the columns commune, month, visits and, if you have it, unique_visitors.",
    },
    "import.help_population": {
        "fr": "Le fichier donnees_communes.csv de l'Insee, ou l'une de ses deux anciennes présentations, "
        "séparées par des points-virgules, des virgules ou des tabulations. Réservé aux administrateurs.",
        "en": "INSEE's donnees_communes.csv, or one of its two older layouts, separated by semicolons, "
        "commas or tabs. Admins only.",
    },
    "import.help_sirene_history": {
        "fr": "Le fichier StockEtablissementHistorique : fermetures et réouvertures des commerces déjà "
        "présents (par SIRET). Réservé aux administrateurs.",
        "en": "The StockEtablissementHistorique file: closures and reopenings of the shops already in the "
        "directory (by SIRET). Admins only.",
    },
    "import.file": {"fr": "Fichier", "en": "File"},
    "import.drop_zone": {
        "fr": "Déposez le fichier dans la zone ci-dessous ou cliquez sur « Browse files » (« Parcourir ») "
        "— taille maximale {size} Mo.",
        "en": 'Drop the file in the area below or click "Browse files" — {size} MB at most.',
    },
    "import.year": {
        "fr": "Année de référence (si le fichier ne la donne pas)",
        "en": "Reference year (where the file gives none)",
    },
    "import.reading": {"fr": "Lecture du fichier…", "en": "Reading the file…"},
    "import.writing": {"fr": "Écriture…", "en": "Writing…"},
    "import.failed": {
        "fr": "Ce fichier ne peut pas être importé ; rien n'a été écrit. {file} : {problem}",
        "en": "This file cannot be imported; nothing was written. {file}: {problem}",
    },
    "import.preview": {"fr": "Aperçu", "en": "Preview"},
    "import.count_new": {"fr": "Nouveaux", "en": "New"},
    "import.count_updated": {"fr": "Modifiés", "en": "Updated"},
    "import.count_unchanged": {"fr": "Inchangés", "en": "Unchanged"},
    "import.count_rejected": {"fr": "Rejetés", "en": "Rejected"},
    "import.table_new": {"fr": "Nouveaux", "en": "New"},
    "import.table_updated": {"fr": "Modifiés", "en": "Updated"},
    "import.table_rejected": {"fr": "Lignes rejetées", "en": "Rejected rows"},
    "import.table_notes": {"fr": "Remarques", "en": "Notes"},
    "import.col_row": {"fr": "Ligne", "en": "Row"},
    "import.col_reason": {"fr": "Raison", "en": "Reason"},
    "import.col_events": {"fr": "Événements", "en": "Events"},
    "import.col_changes": {"fr": "Changements", "en": "Changes"},
    "import.col_kept": {"fr": "Corrections gardées", "en": "Corrections kept"},
    "import.col_before": {"fr": "Avant", "en": "Before"},
    "import.col_after": {"fr": "Après", "en": "After"},
    "import.col_month": {"fr": "Mois", "en": "Month"},
    "import.change": {"fr": "{field} : {before} → {after}", "en": "{field}: {before} → {after}"},
    "import.change_separator": {"fr": " ; ", "en": "; "},
    "import.value_yes": {"fr": "oui", "en": "yes"},
    "import.value_no": {"fr": "non", "en": "no"},
    "import.col_year": {"fr": "Année", "en": "Year"},
    "import.figures": {"fr": "{visits} visites", "en": "{visits} visits"},
    "import.figures_unique": {
        "fr": "{visits} visites, {unique} visiteurs uniques",
        "en": "{visits} visits, {unique} unique visitors",
    },
    "import.nothing_to_apply": {
        "fr": "Rien à écrire : le répertoire contient déjà ce que dit ce fichier.",
        "en": "Nothing to write: the directory already holds what this file says.",
    },
    "import.apply": {"fr": "Appliquer l'import", "en": "Apply the import"},
    "import.done": {
        "fr": "Import terminé : {new} nouveaux, {updated} modifiés.",
        "en": "Import done: {new} new, {updated} updated.",
    },
    "import.see_map": {"fr": "Voir la carte des commerces", "en": "See the shop map"},
    "import.admins_only": {
        "fr": "Ce type de fichier touche toutes les communes : réservé aux administrateurs.",
        "en": "This kind of file touches every commune: admins only.",
    },
    "import.outside_rights": {
        "fr": "commune {commune} : hors de vos communes",
        "en": "commune {commune}: not one of your communes",
    },
    "import.store_changed": {
        "fr": "Les données ont changé depuis l'aperçu : rien n'a été écrit. Voici l'aperçu refait ; "
        "vérifiez-le puis appliquez à nouveau.",
        "en": "The data changed since the preview: nothing was written. Here is the preview made again; "
        "check it, then apply again.",
    },
    "import.col_kept_empty": {"fr": "Cellules vides", "en": "Empty cells"},
    "import.kept_unique_visitors": {"fr": "visiteurs uniques conservés", "en": "unique visitors kept"},
    # what an empty cell keeps (the store's value), by field
    "import.kept_field": {"fr": "{field} conservé", "en": "{field} kept"},
    "import.kept_name": {"fr": "nom conservé", "en": "name kept"},
    "import.kept_address": {"fr": "adresse conservée", "en": "address kept"},
    "import.kept_latitude": {"fr": "latitude conservée", "en": "latitude kept"},
    "import.kept_longitude": {"fr": "longitude conservée", "en": "longitude kept"},
    "import.kept_phone": {"fr": "téléphone conservé", "en": "phone kept"},
    "import.kept_email": {"fr": "courriel conservé", "en": "e-mail kept"},
    "import.kept_website": {"fr": "site web conservé", "en": "website kept"},
    "import.kept_social_links": {"fr": "réseaux sociaux conservés", "en": "social links kept"},
    "import.kept_opening_hours": {"fr": "horaires conservés", "en": "opening hours kept"},
    "import.kept_delivery": {"fr": "livraison conservée", "en": "delivery kept"},
    "import.kept_click_collect": {"fr": "click & collect conservé", "en": "click & collect kept"},
    "import.kept_takeaway": {"fr": "vente à emporter conservée", "en": "takeaway kept"},
    "import.kept_in_store": {"fr": "vente en magasin conservée", "en": "in-store selling kept"},
    "import.kept_online_shop": {"fr": "boutique en ligne conservée", "en": "online shop kept"},
    "import.kept_appointment": {"fr": "accueil sur rendez-vous conservé", "en": "by appointment kept"},
    "import.kept_online_shop_url": {
        "fr": "adresse de la boutique en ligne conservée",
        "en": "online shop address kept",
    },
    "import.kept_category": {"fr": "catégorie conservée", "en": "category kept"},
    "import.kept_siret": {"fr": "SIRET conservé", "en": "SIRET kept"},
    "import.count_outside": {"fr": "Hors des communes choisies", "en": "Outside the chosen communes"},
    "import.tally": {
        "fr": "Lignes lues : {rows} = {parts}.",
        "en": "Rows read: {rows} = {parts}.",
    },
    "import.skipped_not_in_store": {
        "fr": "Communes absentes de la base",
        "en": "Communes not in the store",
    },
    "import.skipped_incomplete_month": {
        "fr": "Mois incomplets, laissés de côté",
        "en": "Months with days missing, left out",
    },
    "import.skipped_not_a_shop": {
        "fr": "Pas un commerce de l'annuaire (NAF rév. 2)",
        "en": "Not a shop of the directory (NAF rev. 2)",
    },
    "import.skipped_establishment_not_in_store": {
        "fr": "Établissements absents de l'annuaire",
        "en": "Establishments not in the directory",
    },
    "import.skipped_other_period": {
        "fr": "Autres périodes d'un établissement déjà compté",
        "en": "Other periods of an establishment already counted",
    },
    "import.skipped_no_category": {
        "fr": "Sans étiquette de commerce de l'annuaire",
        "en": "No shop tag of the directory",
    },
    # a shop recorded open (opening unknown) whose opening the file tells: the opening replaces it
    "import.col_replaced": {"fr": "Ouverture retrouvée", "en": "Opening found"},
    "import.replaced": {
        "fr": "recensé ouvert le {recorded} → ouverture le {opened}",
        "en": "recorded open on {recorded} → opened on {opened}",
    },
    "import.skipped_closed_undated": {
        "fr": "Fermés, date de création inconnue",
        "en": "Closed, creation date unknown",
    },
    "import.skipped_closed_unknown": {
        "fr": "Fermés pour de bon (désaffectés ou vacants), absents de la base",
        "en": "Closed for good (disused or vacant), not in the store",
    },
}
