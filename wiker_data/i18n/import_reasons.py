"""The importers' reasons and file problems (`importers.Reason`), French and English.

`problem.*`: why a file cannot be imported (after its name: "data.csv: is empty"); `reason.*`: why a
row is rejected; `note.*`: what was changed or left out of a row that is kept; `word.*`: the
words these put together. The English is what the commands print.
"""

MESSAGES: dict[str, dict[str, str]] = {
    # what reading any file can meet
    "problem.empty": {"fr": "est vide", "en": "is empty"},
    "problem.no_rows": {"fr": "a un en-tête mais aucune ligne", "en": "has a header but no rows"},
    "problem.unreadable": {"fr": "ne peut pas être lu ({error})", "en": "cannot be read ({error})"},
    "problem.lacks_column": {
        "fr": "il manque la colonne {columns} : est-ce bien {kind} ?",
        "en": "lacks the column(s) {columns}: is it {kind}?",
    },
    "problem.lacks_columns": {
        "fr": "il manque les colonnes {columns} : est-ce bien {kind} ?",
        "en": "lacks the column(s) {columns}: is it {kind}?",
    },
    "problem.line_too_long": {
        "fr": "la ligne {line} dépasse 1 Mio : le fichier est abîmé ou n'est pas un CSV",
        "en": "line {line} is longer than 1 MiB: the file is damaged or not a CSV file",
    },
    "problem.row_too_long": {
        "fr": "la ligne {row} ou une suivante dépasse {mib} Mio : le fichier est abîmé",
        "en": "row {row} or a later one is longer than {mib} MiB: the file is damaged",
    },
    "problem.zip_damaged": {
        "fr": "n'est pas une archive zip complète (tronquée ou abîmée)",
        "en": "is not a complete zip archive (truncated or damaged)",
    },
    "problem.zip_without_csv": {
        "fr": "est une archive zip sans fichier .csv",
        "en": "is a zip archive without a .csv file",
    },
    "problem.not_decoded_near": {
        "fr": "ne peut pas être décodé en {encoding} vers la ligne {row} : {error}",
        "en": "cannot be decoded as {encoding} near row {row}: {error}",
    },
    "problem.not_decoded": {
        "fr": "ne peut pas être décodé en {encoding} : {error}",
        "en": "cannot be decoded as {encoding}: {error}",
    },
    "problem.not_utf8_after": {
        "fr": "ne peut pas être décodé en UTF-8 après la ligne {row}",
        "en": "cannot be decoded as UTF-8 after row {row}",
    },
    "problem.not_csv_near": {
        "fr": "n'est pas un fichier CSV lisible vers la ligne {row} : {error}",
        "en": "is not a readable CSV file near row {row}: {error}",
    },
    "problem.not_csv_after": {
        "fr": "n'est pas un fichier CSV lisible après la ligne {row} : {error}",
        "en": "is not a readable CSV file after row {row}: {error}",
    },
    "problem.not_csv": {
        "fr": "n'est pas un fichier CSV lisible : {error}",
        "en": "is not a readable CSV file: {error}",
    },
    "problem.ends_early": {
        "fr": "s'arrête avant la fin, vers la ligne {row} : le fichier est tronqué",
        "en": "ends early, near row {row}: the file is truncated",
    },
    "problem.damaged_near": {
        "fr": "est abîmé vers la ligne {row} : {error}",
        "en": "is damaged near row {row}: {error}",
    },
    "problem.row_width": {
        "fr": "la ligne {row} a {fields} champs, l'en-tête {width} : le fichier est tronqué ou abîmé",
        "en": "row {row} has {fields} fields, the header {width}: the file is truncated or damaged",
    },
    "problem.unknown_format": {
        "fr": "{problem} (lu en {encoding}, séparateurs essayés : {separators} ; première ligne : {line})",
        "en": "{problem} (read as {encoding}, separators tried: {separators}; first line: {line})",
    },
    "word.with_bom": {"fr": "{encoding} avec son BOM", "en": "{encoding} with its BOM"},
    "word.separators": {"fr": "{others}, {tab}", "en": "{others}, {tab}"},
    "word.tab": {"fr": "tabulation", "en": "tab"},
}
MESSAGES |= {
    # JSON and OpenStreetMap files
    "problem.json_too_large": {
        "fr": "dépasse {mib} Mio de JSON : découpez-le",
        "en": "is larger than {mib} MiB of JSON: split it",
    },
    "problem.json_not_utf8": {
        "fr": "n'est pas du texte UTF-8 (octet {byte} : {error})",
        "en": "is not UTF-8 text (byte {byte}: {error})",
    },
    "problem.json_invalid": {
        "fr": "n'est pas du JSON valide (ligne {line}, colonne {column} : {error}) : est-il tronqué ?",
        "en": "is not valid JSON (line {line}, column {column}: {error}): is it truncated?",
    },
    "problem.json_too_deep": {
        "fr": "est un JSON trop imbriqué (plus d'environ 1 000 niveaux) : ce n'est pas un fichier de lieux",
        "en": "is JSON nested too deeply (over about 1,000 levels): not a file of places",
    },
    "problem.overpass_incomplete": {
        "fr": "est incomplet, l'API Overpass a signalé : {failure}",
        "en": "is incomplete, the Overpass API reported: {failure}",
    },
    "problem.not_osm": {
        "fr": "ne contient ni `elements` (JSON de l'API Overpass) ni `features` (GeoJSON)",
        "en": "holds neither `elements` (Overpass API JSON) nor `features` (GeoJSON)",
    },
    "problem.osm_commune_not_in_store": {
        "fr": "est pour la commune {commune}, qui n'est pas dans la base : ajoutez d'abord la commune",
        "en": "is for commune {commune}, which is not in the store: add the commune first",
    },
    "reason.no_osm_id": {
        "fr": "pas d'identifiant OpenStreetMap (node/…, way/… ou relation/…)",
        "en": "no OpenStreetMap id (node/…, way/… or relation/…)",
    },
    "reason.osm_no_position": {
        "fr": "{osm_id} n'a pas de position (les ways et relations demandent `out center`)",
        "en": "{osm_id} has no position (ways and relations need `out center`)",
    },
    "reason.osm_no_name": {
        "fr": "{osm_id} n'a ni nom ni marque",
        "en": "{osm_id} has neither name nor brand",
    },
    "reason.osm_no_commune": {
        "fr": "{osm_id} : aucune commune de la base nommée par addr:postcode/addr:city et aucun centre de "
        "commune membre à moins de {km} km",
        "en": "{osm_id}: no commune of the store named by addr:postcode/addr:city and no member commune "
        "centre within {km} km",
    },
    "note.siret_left_out": {
        "fr": "{osm_id} {tag} {siret} écarté : {why}",
        "en": "{osm_id} {tag} {siret} left out: {why}",
    },
    "word.siret_given_by_row": {"fr": "déjà donné par la ligne {row}", "en": "already given by row {row}"},
    "word.siret_of_another_shop": {
        "fr": "le SIRET d'un autre commerce de la base",
        "en": "the SIRET of another shop of the store",
    },
    "word.shop_has_siret": {"fr": "le commerce a le SIRET {siret}", "en": "the shop has SIRET {siret}"},
    "word.siret_luhn": {
        "fr": "ce n'est pas un SIRET valide (clé de Luhn)",
        "en": "not a valid SIRET (Luhn check)",
    },
    "note.survey_not_a_date": {
        "fr": "{tag} {text} n'est pas une date (AAAA-MM-JJ) : écarté",
        "en": "{tag} {text} is not a date (YYYY-MM-DD): left out",
    },
    "note.survey_in_future": {
        "fr": "{tag} {date} est dans le futur : écarté",
        "en": "{tag} {date} is in the future: left out",
    },
    "note.opening_not_a_date": {
        "fr": "{tag} {text} n'est pas une date (AAAA-MM-JJ, AAAA-MM ou AAAA) : pas de date d'ouverture",
        "en": "{tag} {text} is not a date (YYYY-MM-DD, YYYY-MM or YYYY): no opening date",
    },
    "note.opening_in_future": {
        "fr": "{tag} {date} est dans le futur : pas de date d'ouverture",
        "en": "{tag} {date} is in the future: no opening date",
    },
    "note.opening_no_day": {
        "fr": "{tag} {text} ne donne pas le jour : ouverture comptée le {date}, son premier jour",
        "en": "{tag} {text} gives no day: taken as opened on {date}, its first day",
    },
    "note.value_left_out": {"fr": "{field} {value} écarté : {why}", "en": "{field} {value} left out: {why}"},
    "note.control_characters": {
        "fr": "{field} : {count} caractère(s) de contrôle retiré(s)",
        "en": "{field}: {count} control character(s) removed",
    },
}
MESSAGES |= {
    # rows of any file
    "reason.already_on_row": {
        "fr": "{what} est déjà à la ligne {row}",
        "en": "{what} is already on row {row}",
    },
    "reason.width": {
        "fr": "a {fields} champs, l'en-tête en a {width}",
        "en": "has {fields} fields, the header has {width}",
    },
    "reason.fields": {"fr": "{fields}", "en": "{fields}"},
    "reason.not_a_date": {
        "fr": "{column} {text} n'est pas une date (AAAA-MM-JJ)",
        "en": "{column} {text} is not a date (YYYY-MM-DD)",
    },
    "reason.not_a_commune_code": {
        "fr": "{column} {text} n'est pas un code commune Insee",
        "en": "{column} {text} is not an INSEE commune code",
    },
    "reason.commune_not_in_store": {
        "fr": "la commune {commune} n'est pas dans la base",
        "en": "the commune {commune} is not in the store",
    },
    "problem.commune_not_in_store": {
        "fr": "la commune {commune} n'est pas dans la base",
        "en": "the commune {commune} is not in the store",
    },
    "problem.not_a_commune_code": {
        "fr": "--commune {text} n'est pas un code commune Insee",
        "en": "--commune {text} is not an INSEE commune code",
    },
    "problem.option": {"fr": "{option} {error}", "en": "{option} {error}"},
    # shops (SIRENE, OpenStreetMap)
    "reason.history_impossible": {
        "fr": "l'historique de statuts {events} est impossible",
        "en": "status history {events} is not possible",
    },
    "reason.status_in_future": {
        "fr": "une date de statut est dans le futur",
        "en": "a status date is in the future",
    },
    "note.position_left_out": {"fr": "position écartée ({why})", "en": "position left out ({why})"},
    "note.surveyed_after_closure": {
        "fr": "vu ouvert le {surveyed}, après sa fermeture le {closed} : un relevé n'est pas le jour de sa "
        "réouverture, son statut reste donc tel quel (saisissez la réouverture dans l'application si "
        "elle a bien eu lieu)",
        "en": "surveyed open on {surveyed}, after its closure on {closed}: a survey is not the day it "
        "reopened, so its status is left as it is (record the reopening in the app if it did reopen)",
    },
    "note.history_kept": {
        "fr": "historique de statuts laissé tel quel : celui du fichier ({events}) ne s'accorde pas avec "
        "celui de la base ({history})",
        "en": "status history left as it is: the file's {events} does not fit {history}",
    },
    "reason.siret_not_14_digits": {
        "fr": "le siret {siret} n'a pas 14 chiffres",
        "en": "siret {siret} is not 14 digits",
    },
    "reason.state_not_active_or_closed": {
        "fr": "etatAdministratifEtablissement {state} n'est ni A (actif) ni F (fermé)",
        "en": "etatAdministratifEtablissement {state} is neither A (active) nor F (closed)",
    },
    "reason.state_not_a_or_f": {
        "fr": "etatAdministratifEtablissement {state} n'est ni A ni F",
        "en": "etatAdministratifEtablissement {state} is neither A nor F",
    },
    "reason.closed_without_date": {
        "fr": "fermé (F) sans date de fermeture (dateDebut)",
        "en": "closed (F) without a closure date (dateDebut)",
    },
    "reason.closed_before_opened": {
        "fr": "fermé le {closed} (dateDebut), avant son ouverture le {opened}",
        "en": "closed on {closed} (dateDebut), before it opened on {opened}",
    },
    "note.recorded_from_period": {
        "fr": "date de création inconnue : compté ouvert depuis dateDebut, le début de sa période actuelle",
        "en": "creation date unknown: recorded open from dateDebut, the start of its current period",
    },
    "note.recorded_from_processing": {
        "fr": "date de création inconnue : compté ouvert depuis dateDernierTraitementEtablissement",
        "en": "creation date unknown: recorded open from dateDernierTraitementEtablissement",
    },
    "note.recorded_from_today": {
        "fr": "date de création inconnue : compté ouvert depuis aujourd'hui",
        "en": "creation date unknown: recorded open from today",
    },
    "note.named_after_category": {
        "fr": "ni enseigne ni nom d'usage dans SIRENE : nommé d'après sa catégorie et son SIRET",
        "en": "no enseigne nor usual name in SIRENE: named after its category and SIRET",
    },
    "word.sirene_file": {
        "fr": "un fichier StockEtablissement de SIRENE",
        "en": "a SIRENE StockEtablissement file",
    },
    "word.sirene_history_file": {
        "fr": "un fichier StockEtablissementHistorique de SIRENE",
        "en": "a SIRENE StockEtablissementHistorique file",
    },
}
MESSAGES |= {
    # populations (INSEE)
    "problem.population_header": {
        "fr": "en-tête inconnu : colonnes attendues COM, Commune, PMUN (donnees_communes.csv), ou CODDEP, "
        "CODCOM, COM, PMUN, ou Code département, Code commune, Nom de la commune, Population municipale",
        "en": "unknown header: expected the columns COM, Commune, PMUN (donnees_communes.csv), or CODDEP, "
        "CODCOM, COM, PMUN, or Code département, Code commune, Nom de la commune, Population municipale",
    },
    "problem.last_row_cut": {
        "fr": "la ligne {row} finit sans saut de ligne après {fields} des {width} champs de l'en-tête, dans "
        "{column} ({text}), avant {missing} : le fichier est tronqué",
        "en": "row {row} ends without a line break after {fields} of the header's {width} fields, in "
        "{column} ({text}), before {missing}: the file is truncated",
    },
    "problem.last_row_total": {
        "fr": "la ligne {row} finit sans saut de ligne et son {total} {text} n'est pas {population} + "
        "{apart} ({sum}) : le fichier est tronqué",
        "en": "row {row} ends without a line break and its {total} {text} is not {population} + {apart} "
        "({sum}): the file is truncated",
    },
    "problem.unclosed_quote": {
        "fr": "la ligne {row} ouvre dans {column} des guillemets jamais fermés : le fichier est tronqué ou "
        "abîmé",
        "en": "row {row} opens a quote in {column} that is never closed: the file is truncated or damaged",
    },
    "problem.year_range": {
        "fr": "l'année {year} n'est pas entre {first} et {last}",
        "en": "the year {year} is not between {first} and {last}",
    },
    "problem.layout_without_year": {
        "fr": "la présentation {layout} ne donne pas l'année : indiquez-la (--year AAAA)",
        "en": "the {layout} layout gives no year: give it with --year YYYY",
    },
    "problem.utf16_cut": {
        "fr": "la ligne {row} s'arrête au milieu d'un caractère UTF-16 : le fichier est tronqué",
        "en": "row {row} ends in the middle of a UTF-16 character: the file is truncated",
    },
    "reason.not_a_commune_code_pair": {
        "fr": "{departement} + {commune} n'est pas un code commune Insee",
        "en": "{departement} + {commune} is not an INSEE commune code",
    },
    "reason.empty": {"fr": "{column} est vide", "en": "{column} is empty"},
    "reason.too_long": {
        "fr": "{column} {text} dépasse {limit} caractères",
        "en": "{column} {text} is longer than {limit} characters",
    },
    "reason.not_whole": {
        "fr": "{column} {text} n'est pas un nombre entier",
        "en": "{column} {text} is not a whole number",
    },
    "reason.more_than": {"fr": "{column} {text} dépasse {max}", "en": "{column} {text} is more than {max}"},
    "reason.not_a_year": {"fr": "{column} {text} n'est pas une année", "en": "{column} {text} is not a year"},
    "reason.no_year": {"fr": "pas d'année : indiquez l'année", "en": "no year: give --year"},
    "reason.not_a_position": {
        "fr": "la position {latitude}, {longitude} n'est pas une latitude et une longitude",
        "en": "position {latitude}, {longitude} is not a latitude and longitude",
    },
}
MESSAGES |= {
    # visits (Matomo, CSV of several communes)
    "problem.no_date_column": {
        "fr": "n'a pas de colonne de date : exportez les visites sur plusieurs périodes (par exemple les 12 "
        "derniers mois)",
        "en": "has no date column: export the visits over several periods (e.g. the last 12 months)",
    },
    "problem.no_visits_column": {
        "fr": "n'a pas de colonne de visites : attendu nb_visits, Visits ou Visites (Matomo), ou visits",
        "en": "has no visits column: expected nb_visits, Visits or Visites (Matomo), or visits",
    },
    "problem.visits_header": {
        "fr": "en-tête inconnu : attendu un export Matomo aux colonnes date et nb_visits (ou Date et Visits, "
        "ou Date et Visites), ou les colonnes commune, month, visits et, si besoin, unique_visitors",
        "en": "unknown header: expected a Matomo export with the columns date and nb_visits (or Date and "
        "Visits, or Date and Visites), or the columns commune, month, visits and optionally unique_visitors",
    },
    "problem.looks_truncated": {
        "fr": "semble tronqué : sa dernière ligne, {row}, a {fields} des {width} champs",
        "en": "looks truncated: its last row {row} has {fields} of {width} fields",
    },
    "problem.communes_in_file": {
        "fr": "le fichier nomme ses communes dans sa colonne commune : ne choisissez pas de commune",
        "en": "the file names its communes in its commune column: leave out --commune",
    },
    "problem.matomo_needs_commune": {
        "fr": "un export Matomo est celui d'une commune : choisissez-la",
        "en": "a Matomo export is for one commune: give --commune CODE",
    },
    "reason.not_a_period": {
        "fr": "{column} {text} n'est ni un jour ni un mois (AAAA-MM-JJ ou AAAA-MM)",
        "en": "{column} {text} is not a day or a month (YYYY-MM-DD or YYYY-MM)",
    },
    "reason.period_in_future": {
        "fr": "{column} {text} est dans un mois après le mois en cours",
        "en": "{column} {text} is in a month after today's",
    },
    "reason.not_a_count": {
        "fr": "{column} {text} n'est pas un nombre entier de 0 à {max}",
        "en": "{column} {text} is not a whole number from 0 to {max}",
    },
    "reason.unique_above_visits": {
        "fr": "{unique} visiteurs uniques, c'est plus que les {visits} visites",
        "en": "{unique} unique visitors are more than the {visits} visits",
    },
    "reason.month_above_max": {
        "fr": "{month} dépasse au total {max} visites",
        "en": "{month} adds up to more than {max} visits",
    },
    "reason.stored_unique_above": {
        "fr": "unique_visitors est vide et les {unique} visiteurs uniques enregistrés dépassent les {visits} "
        "visites",
        "en": "unique_visitors is empty and the stored {unique} unique visitors are more than the {visits} "
        "visits",
    },
    "word.commune_month": {"fr": "{commune} {month}", "en": "{commune} {month}"},
}
MESSAGES["note.partial_month"] = {
    "fr": "{commune} {month} : {days} jours sur {of}, mois laissé de côté",
    "en": "{commune} {month}: {days} / {of} days",
}
