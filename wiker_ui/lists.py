"""Long lists of communes on a page (the comparison, the visits ranking): the search and the choice
of every row page by page above the table, and the caption below it that says which rows it shows
(wiker_data.queries.listing decides them)."""

from __future__ import annotations

import math

import streamlit as st

from wiker_data.escaping import escape_markdown
from wiker_data.i18n import fmt_int, t
from wiker_data.queries import listing as lists

SEARCH_CHARS = 80  # longer than any commune's name (45 characters) with its code


def choose(table, chosen: str | None, key: str, lang: str) -> lists.Listing:
    """Draw the search (and, for a list too long to show whole, the switch to every row page by
    page, and the page number) keyed by `key`; return what to draw of `table`."""
    long = len(table) > lists.SHOW_ALL
    left, right = st.columns([3, 2], vertical_alignment="bottom")
    search = left.text_input(
        t("listing.search", lang),
        key=f"{key}_search",
        placeholder=t("listing.search_hint", lang),
        max_chars=SEARCH_CHARS,
    )
    every = right.toggle(t("listing.every", lang), key=f"{key}_every") if long else False
    searching = bool(search.strip())
    if not (searching or every):
        return lists.listing(table, chosen)
    count = int(lists.matching(table, search).sum()) if searching else len(table)
    pages = max(math.ceil(count / lists.PER_PAGE), 1)
    page = 1
    if pages > 1:
        page_key = f"{key}_page"
        if st.session_state.get(page_key, 1) > pages:  # the search shortened the list
            st.session_state[page_key] = pages
        page = st.number_input(
            t("listing.page", lang, pages=fmt_int(pages, lang)),
            min_value=1,
            max_value=pages,
            step=1,
            key=page_key,
        )
    return lists.listing(table, chosen, search, int(page))


def caption(shown: lists.Listing, total: int, column: str, chosen_name: str | None, lang: str) -> None:
    """Say under the table which of its `total` rows it shows, when it leaves some out: those a
    search found, a page of them, or the short list (numbered in `column`, around `chosen_name`)."""
    if not shown.cut:
        return
    search = shown.search
    if search and not shown.matching:
        st.caption(t("listing.none", lang, search=escape_markdown(search)))
        return
    first = (shown.page - 1) * lists.PER_PAGE + 1
    paged = t(
        "listing.paged",
        lang,
        first=fmt_int(first, lang),
        last=fmt_int(first + len(shown.rows) - 1, lang),
        count=fmt_int(shown.matching, lang),
    )
    if search:
        found = t("listing.found", lang, matching=fmt_int(shown.matching, lang), count=fmt_int(total, lang))
        st.caption(f"{found} {paged}" if shown.pages > 1 else found)
    elif shown.pages > 1:
        st.caption(paged)
    else:
        around = ""
        if chosen_name:
            neighbours = fmt_int(lists.NEIGHBOURS, lang)
            around = t("listing.around", lang, neighbours=neighbours, name=escape_markdown(chosen_name))
        ends = fmt_int(lists.ENDS, lang)
        st.caption(
            t(
                "listing.short",
                lang,
                ends=ends,
                count=fmt_int(total, lang),
                column=escape_markdown(column),
                around=around,
            )
        )
