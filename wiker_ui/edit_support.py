"""What the coordinators' pages share: choosing what to edit, reading the forms, the conflict
dialogue, and the history with undo.

Reads here are not cached: a form must start from what the store holds now. Every write goes
through `writes.write` (one service call, one write transaction).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy.orm import Session

from wiker_data import services
from wiker_data.accounts import SignedIn
from wiker_data.escaping import escape_markdown
from wiker_data.queries import editing, history
from wiker_ui import layout, loaders, writes

BASE_KEY = "edit_base_versions"
EDIT_COMMUNE_KEY = "edit_commune"  # the page's choice of commune (its widget)
KEPT_COMMUNE_KEY = "edit_commune_keep"  # the page's choice, kept across pages (a widget's state is not)


def text(value: Any) -> str:
    """Return a form field's text; a float to seven decimals at most (a centimetre of a position),
    without the noise of its binary form (-2.0745999999999998)."""
    if isinstance(value, float):
        return f"{value:.7f}".rstrip("0").rstrip(".")
    return "" if value is None else str(value)


def number_or_none(raw: str) -> float | str | None:
    """Return a typed number, None when blank, or the text itself (the service then says what is wrong)."""
    raw = raw.strip().replace(",", ".")
    if not raw:
        return None
    try:
        return float(raw)
    except ValueError:
        return raw


def _chosen() -> None:
    """Keep the commune chosen on the page, and make it the sidebar's too unless the sidebar shows
    the whole network (a view the coordinator chose, which an edit does not change)."""
    st.session_state[KEPT_COMMUNE_KEY] = st.session_state[EDIT_COMMUNE_KEY]
    if st.session_state.get(layout.COMMUNE_KEY):
        st.session_state[layout.COMMUNE_KEY] = st.session_state[EDIT_COMMUNE_KEY]


def _member_names(ctx) -> dict[str, str]:
    communes, _, _ = loaders.store_facts(ctx.url)
    return dict(zip(communes["code"], communes["name"], strict=True))


def _editable(signed_in: SignedIn, names: dict[str, str]) -> list[str]:
    """Return the network communes the signed-in person may edit."""
    return list(names) if signed_in.is_admin else [c for c in signed_in.communes if c in names]


def choose_commune(ctx, signed_in: SignedIn) -> str:
    """Draw the choice of the commune to edit, among those the signed-in person may edit.

    It is the sidebar's commune when the sidebar names one of them, so that a page never edits
    another commune than the one the sidebar shows; otherwise (the whole network, or a commune the
    person may not edit) it is the page's last choice, from one coordinator page to the next.
    """
    names = _member_names(ctx)
    codes = _editable(signed_in, names)
    if not codes:
        st.warning(ctx.t("edit.no_commune"))
        st.stop()
    choice = ctx.commune if ctx.commune in codes else st.session_state.get(KEPT_COMMUNE_KEY)
    choice = choice if choice in codes else codes[0]
    st.session_state[EDIT_COMMUNE_KEY] = st.session_state[KEPT_COMMUNE_KEY] = choice
    return st.selectbox(
        ctx.t("edit.commune"), codes, format_func=names.get, key=EDIT_COMMUNE_KEY, on_change=_chosen
    )


def open_on_commune(ctx, signed_in: SignedIn, commune: str | None) -> None:
    """Make `commune` the one the coordinator pages open on (a link to one of its shops): the
    sidebar's too when the sidebar names another commune (the page reruns to show it). A commune
    the person may not edit changes nothing: the page stays on the sidebar's."""
    if commune not in _editable(signed_in, _member_names(ctx)):
        return
    st.session_state[KEPT_COMMUNE_KEY] = commune
    if ctx.commune and ctx.commune != commune:
        st.session_state[layout.COMMUNE_KEY] = commune
        st.rerun()


def editable_shops(url: str, commune: str, as_of) -> pd.DataFrame:
    with Session(loaders.engine(url)) as session:
        return editing.editable_shops(session, commune, as_of)


def shop_commune(url: str, shop_id: int) -> str | None:
    """Return the commune of the shop `shop_id` (None when there is no such shop)."""
    with Session(loaders.engine(url)) as session:
        return editing.shop_commune(session, shop_id)


def shop_form(url: str, shop_id: int) -> dict[str, Any]:
    with Session(loaders.engine(url)) as session:
        form = editing.shop_form(session, shop_id)
    if form is None:
        st.stop()
    return form


def commune_form_and_visits(url: str, code: str) -> tuple[dict[str, Any] | None, pd.DataFrame]:
    """Return what the commune form starts from and its monthly visits, read in one session."""
    with Session(loaders.engine(url)) as session:
        return editing.commune_form(session, code), editing.commune_visits(session, code)


def shop_history(url: str, shop_id: int, lang: str) -> pd.DataFrame:
    """Return a shop's history in words (queries.history.history_table)."""
    with Session(loaders.engine(url)) as session:
        return history.history_table(session, services.history(session, "shop", shop_id), lang)


def commune_history(url: str, code: str, lang: str) -> pd.DataFrame:
    """Return the latest changes of a commune and everything in it, in words."""
    with Session(loaders.engine(url)) as session:
        return history.history_table(session, services.commune_history(session, code), lang)


def base_version(key: object, form: dict[str, Any], field: str = "version") -> Any:
    """Return the version the user started editing from (kept until a save succeeds)."""
    bases = st.session_state.setdefault(BASE_KEY, {})
    return bases.setdefault(key, form[field])


def forget_base(key: object) -> None:
    st.session_state.setdefault(BASE_KEY, {}).pop(key, None)


def save_shop(ctx, signed_in: SignedIn, shop_id: int, base: int, submitted: dict[str, Any]) -> None:
    """Save the changed fields of a shop from the version the user started from."""
    if not submitted:
        st.info(ctx.t("edit.nothing_changed"))
        return
    try:
        outcome = writes.write(ctx, services.update_shop, signed_in, shop_id, base, submitted)
    except services.Conflict:
        st.session_state[writes.CONFLICT_KEY].update(shop_id=shop_id, pending=submitted)
        return
    if outcome.ok:
        forget_base(shop_id)
        st.session_state.pop(writes.CONFLICT_KEY, None)
        writes.flash(ctx.t("edit.saved"))
        st.rerun()


def show_conflict(ctx, signed_in: SignedIn, shop_id: int) -> None:
    """When someone else saved the shop in between: show what changed, offer to reapply or drop."""
    conflict = st.session_state.get(writes.CONFLICT_KEY)
    if not conflict or conflict.get("shop_id") != shop_id:
        return
    current, pending = conflict["current"], conflict["pending"]
    st.warning(ctx.t("edit.conflict"), icon=":material/sync_problem:")
    st.table(
        pd.DataFrame(
            [
                {
                    ctx.t("edit.field"): history.field_label(field, ctx.lang),
                    ctx.t("edit.their_value"): text(current.get(field)),
                    ctx.t("edit.your_value"): text(pending.get(field, "")),
                }
                for field in dict.fromkeys([*conflict["changed"], *pending])
            ]
        )
    )
    left, right = st.columns(2)
    if left.button(ctx.t("edit.reapply"), type="primary", key="reapply"):
        st.session_state.pop(writes.CONFLICT_KEY, None)
        forget_base(shop_id)
        try:
            outcome = writes.write(ctx, services.update_shop, signed_in, shop_id, current["version"], pending)
        except services.Conflict:
            st.session_state[writes.CONFLICT_KEY].update(shop_id=shop_id, pending=pending)
            return
        if outcome.ok:
            writes.flash(ctx.t("edit.saved"))
            st.rerun()
    if right.button(ctx.t("edit.drop"), key="drop"):
        st.session_state.pop(writes.CONFLICT_KEY, None)
        forget_base(shop_id)
        st.rerun()


def field_names(ctx, fields: list[str]) -> str:
    """Return the names of fields in the reader's language, as a list in a sentence."""
    return ", ".join(history.field_label(field, ctx.lang) for field in fields)


def history_with_undo(ctx, signed_in: SignedIn, table: pd.DataFrame) -> None:
    """Show an audit history, newest first, each change in words, with the undo of one of them."""
    if table.empty:
        st.caption(ctx.t("edit.no_history"))
        return
    columns = {
        "when": ctx.t("edit.when"),
        "who": ctx.t("edit.who"),
        "source": ctx.t("edit.source"),
        "change": ctx.t("edit.changes"),
        "undone": ctx.t("edit.undone"),
    }
    shown = table.assign(undone=table["undone"].map({True: "✓", False: ""}))
    st.dataframe(shown[list(columns)].rename(columns=columns), hide_index=True)
    undoable = table[~table["undone"] & (table["action"] != "undo")]
    if undoable.empty:
        return
    changes = dict(zip(undoable["id"], undoable["change"], strict=True))
    labels = {
        row.id: ctx.t("edit.undo_label", change=row.change, when=row.when, who=row.who)
        for row in undoable.itertuples()
    }
    newest = int(undoable["id"].iloc[0])
    if st.session_state.get("undo_newest") != newest:  # a change since: offer to undo it first
        st.session_state["undo_newest"] = newest
        st.session_state["undo_entry"] = newest  # set, not dropped: the browser would send its old choice
    layout.relabel("undo_entry")
    entry = st.selectbox(ctx.t("edit.undo_which"), list(labels), format_func=labels.get, key="undo_entry")
    # a button's label and a message are Markdown: the sentence holds shop names, hours, ...
    if st.button(ctx.t("edit.undo_button", change=escape_markdown(_shortened(changes[entry]))), key="undo"):
        try:
            outcome = writes.write(ctx, services.undo, signed_in, entry)
        except services.Conflict as conflict:
            st.session_state.pop(writes.CONFLICT_KEY, None)
            st.error(ctx.t("edit.undo_conflict", fields=field_names(ctx, conflict.changed_fields)))
            return
        if outcome.ok:
            writes.flash(ctx.t("edit.undone_done", change=escape_markdown(changes[entry])))
            st.rerun()


def _shortened(change: str, limit: int = 80) -> str:
    """Return a change's sentence short enough for a button."""
    return change if len(change) <= limit else change[: limit - 1] + "…"
