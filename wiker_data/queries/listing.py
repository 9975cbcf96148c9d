"""Long lists of communes cut to what a reader reads: the comparison and the visits ranking list
every member commune, 10,000 of them at national size. Up to SHOW_ALL rows they are shown whole;
beyond, the first and last ENDS rows and the NEIGHBOURS rows on each side of the chosen commune
(its peers in the list's order), or the rows a search matches, or every row a page at a time.
The download keeps every row: only what is drawn is cut."""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd

SHOW_ALL = 60  # a list of up to this many rows is shown whole
ENDS = 10  # rows kept at the top and at the bottom of a long list
NEIGHBOURS = 5  # rows kept above and below the chosen commune
PER_PAGE = 50  # rows a page, searching or paging through a long list


@dataclass(frozen=True)
class Listing:
    rows: pd.DataFrame  # the rows to draw, in the list's order, with `position` (1 = first)
    matching: int  # the rows the search matches (every row without a search)
    page: int  # the page shown, from 1 (1 when not paged)
    pages: int  # the pages of the matching rows (1 when not paged)
    cut: bool  # whether rows of the whole list are left out (a short list, a search or a page)
    search: str = ""  # what was searched, stripped ("" for none)


def folded(text: str) -> str:
    """Return `text` without accents nor case, its dashes and apostrophes as spaces: how a search
    compares names ("saint etienne" finds Saint-Étienne, "l'ile" finds L'Île-d'Yeu)."""
    letters = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(letters.casefold().replace("-", " ").replace("'", " ").split())


def matching(table: pd.DataFrame, search: str) -> pd.Series:
    """Return which rows of `table` (columns code, name) a search matches: an INSEE code that starts
    with it (2A004 as well as 2a004), or a name that holds each of its words."""
    words = folded(search).split()
    if not words:
        return pd.Series(True, index=table.index)
    names = table["name"].fillna("").map(folded)
    found = pd.Series(True, index=table.index)
    for word in words:
        found &= names.str.contains(word, regex=False)
    code = search.strip().upper()
    return found | table["code"].str.upper().str.startswith(code)


def short_list(length: int, chosen_at: int | None) -> np.ndarray:
    """Return the positions (from 0) a long list of `length` rows keeps: the first and last ENDS
    and, with a chosen row at `chosen_at`, the NEIGHBOURS on each side of it."""
    keep = np.zeros(length, dtype=bool)
    keep[:ENDS] = True
    keep[max(length - ENDS, 0) :] = True
    if chosen_at is not None:
        keep[max(chosen_at - NEIGHBOURS, 0) : chosen_at + NEIGHBOURS + 1] = True
    return np.flatnonzero(keep)


def listing(table: pd.DataFrame, chosen: str | None, search: str = "", page: int | None = None) -> Listing:
    """Return what to draw of `table` (in its order, columns code and name): the whole table when
    short; else the rows `search` matches, or page `page` (from 1, clamped) of the whole table,
    both PER_PAGE rows a page; else the short list around `chosen`."""
    numbered = table.assign(position=np.arange(1, len(table) + 1))
    if search.strip():
        found = numbered[matching(numbered, search).to_numpy()]
        return _page_of(found, page or 1, cut=True, search=search.strip())
    if page is not None:
        return _page_of(numbered, page, cut=len(numbered) > PER_PAGE)
    if len(numbered) <= SHOW_ALL:
        return Listing(numbered, len(numbered), 1, 1, cut=False)
    at = np.flatnonzero(numbered["code"].to_numpy() == chosen) if chosen else []
    kept = short_list(len(numbered), int(at[0]) if len(at) else None)
    return Listing(numbered.iloc[kept], len(numbered), 1, 1, cut=True)


def _page_of(rows: pd.DataFrame, page: int, cut: bool, search: str = "") -> Listing:
    pages = max(math.ceil(len(rows) / PER_PAGE), 1)
    page = min(max(page, 1), pages)
    shown = rows.iloc[(page - 1) * PER_PAGE : page * PER_PAGE]
    return Listing(shown, len(rows), page, pages, cut=cut or pages > 1, search=search)
