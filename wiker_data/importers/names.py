"""Comparing shop names: the same shop is often written differently by two sources
("BOULANGERIE LE FOURNIL SARL", "Le Fournil")."""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

MATCH_RATIO = 0.8  # difflib ratio from which two names are taken as the same

# Left out when comparing names; words that say the trade are kept, or "Boulangerie de la Gare"
# would match "Pharmacie de la Gare" next door.
_FILLER_WORDS = {"l", "le", "la", "les", "d", "de", "du", "des", "et", "a", "au", "aux", "chez"}
_FILLER_WORDS |= {"sarl", "sas", "sasu", "eurl", "sa", "snc"}


def name_words(name: str) -> list[str]:
    """Return the words of a name without case, accents, punctuation or filler words ("de la", "SARL")."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()
    words = re.findall(r"[^\W_]+", plain)
    return [word for word in words if word not in _FILLER_WORDS] or words


def similar_names(first: str, second: str) -> bool:
    """Return whether two names likely name the same shop: one's words all in the other's, or
    their words alike at a difflib ratio of MATCH_RATIO or more."""
    words_a, words_b = name_words(first), name_words(second)
    if not words_a or not words_b:
        return False
    if set(words_a) <= set(words_b) or set(words_b) <= set(words_a):
        return True
    return SequenceMatcher(None, " ".join(words_a), " ".join(words_b)).ratio() >= MATCH_RATIO


def likeness(first: str, second: str) -> float:
    """Return how alike two shop names are, from 0 to 1 (case, accents and filler words aside)."""
    return SequenceMatcher(None, " ".join(name_words(first)), " ".join(name_words(second))).ratio()
