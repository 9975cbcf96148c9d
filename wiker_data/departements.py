"""The codes of France's départements, and the département of an INSEE commune code.

Metropolitan départements are 01 to 95, Corsica being 2A and 2B (20 no longer exists); overseas
ones have three digits, 971 to 976. A single digit is padded: 4 means 04. Nothing else is a
département: "4" never stands for "every code that starts with 4".
"""

from __future__ import annotations

DEPARTEMENTS: tuple[str, ...] = (
    *(f"{number:02d}" for number in range(1, 20)),
    "2A",
    "2B",
    *(f"{number:02d}" for number in range(21, 96)),
    *(str(number) for number in range(971, 977)),
)
ACCEPTED = "01 to 95 (Corsica: 2A, 2B; not 20), 971 to 976; a single digit is padded (4 means 04)"
_KNOWN = frozenset(DEPARTEMENTS)


def departement_code(text: str) -> str:
    """Return the département code `text` names ("4" gives "04", "2a" "2A"); ValueError otherwise."""
    code = text.strip().upper()
    if len(code) == 1 and code.isdigit():
        code = code.zfill(2)
    if code not in _KNOWN:
        raise ValueError(f"{text.strip()!r} is not a département code: give {ACCEPTED}")
    return code


def departement_of(commune: str) -> str:
    """Return the département of a 5-character INSEE commune code (44052: 44, 97101: 971)."""
    return commune[:3] if commune.startswith("97") else commune[:2]
