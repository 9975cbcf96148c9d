"""Sign-in on the Streamlit side: the form, who is signed in, sign-out.

Who is signed in lives in the browser session's state (lost on reload, as the
notes say: users sign in again per browser session). Rights are re-read from
the store on every run, so a disabled account stops writing at once.
"""

from __future__ import annotations

import streamlit as st
from sqlalchemy.orm import Session

from wiker_data import accounts
from wiker_data.escaping import escape_markdown
from wiker_data.i18n import fmt_date, t
from wiker_data.services import accounts as account_changes
from wiker_ui import loaders

ACCOUNT_KEY = "signed_in"


def current(url: str) -> accounts.SignedIn | None:
    """Return who is signed in, with their rights as the store has them now (None when signed out)."""
    signed_in = st.session_state.get(ACCOUNT_KEY)
    if signed_in is None:
        return None
    with Session(loaders.engine(url)) as session:
        fresh = accounts.refresh(session, signed_in)
    if fresh is None:
        st.session_state.pop(ACCOUNT_KEY, None)
    else:
        st.session_state[ACCOUNT_KEY] = fresh
    return fresh


def sign_out() -> None:
    st.session_state.pop(ACCOUNT_KEY, None)


def sign_in_form(url: str, lang: str) -> accounts.SignedIn | None:
    """Draw the sign-in form; return who signed in when the form succeeds."""
    with st.form("sign_in", border=True):
        st.markdown(f"**{t('auth.title', lang)}**")
        name = st.text_input(t("auth.name", lang), max_chars=60, key="sign_in_name")
        password = st.text_input(
            t("auth.password", lang), type="password", max_chars=200, key="sign_in_password"
        )
        submitted = st.form_submit_button(t("auth.submit", lang), type="primary")
    if not submitted:
        return None
    try:
        with Session(loaders.engine(url)) as session:
            signed_in = account_changes.sign_in(session, name.strip(), password)
    except accounts.LockedOut as locked:
        st.error(
            t("auth.locked", lang, time=f"{locked.until:%H:%M} UTC", date=fmt_date(locked.until.date(), lang))
        )
        return None
    except accounts.SignInFailed:
        st.error(t("auth.failed", lang))
        return None
    st.session_state[ACCOUNT_KEY] = signed_in
    return signed_in


def require_sign_in(url: str, lang: str) -> accounts.SignedIn:
    """Return who is signed in; otherwise show the sign-in form and stop the page."""
    signed_in = current(url)
    if signed_in is None:
        st.info(t("auth.needed", lang))
        if sign_in_form(url, lang) is not None:
            st.rerun()
        st.stop()
    return signed_in


def sidebar_status(url: str, lang: str) -> None:
    """Show in the sidebar who is signed in, with a sign-out button."""
    signed_in = current(url)
    if signed_in is None:
        return
    role = t(f"auth.role_{signed_in.role}", lang)
    st.sidebar.caption(t("auth.signed_in_as", lang, name=escape_markdown(signed_in.name), role=role))
    if signed_in.demo_only:
        st.sidebar.caption(t("auth.demo_account", lang))
    st.sidebar.button(t("auth.sign_out", lang), on_click=sign_out, key="sign_out")
