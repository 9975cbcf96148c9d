"""What every page shares: page setup, the sidebar (language, commune, links
to the pages) and the demo-data notice.

The language and the commune are kept in plain session-state keys, copied to
and from their widgets, so that the choice follows the user across pages
(widget state alone is dropped when the user leaves a page). The commune, the
observation date and the language are also in the URL
(`/activity?commune=44052&date=2024-12-31`), so that a view can be bookmarked
and sent: a link opened shows its view, and a change in the sidebar rewrites
the URL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from wiker_data import i18n, settings
from wiker_data.escaping import escape_markdown
from wiker_data.i18n import t
from wiker_ui import auth, loaders, upload_files

LANG_KEY = "lang"
COMMUNE_KEY = "commune"
AS_OF_KEY = "as_of"
MIN_DATE = dt.date(1990, 1, 1)  # the earliest observation date offered
NETWORK = ""  # the commune choice meaning "the whole network"

PAGES = (
    ("dashboard.py", "nav.overview", ":material/dashboard:"),
    ("pages/1_map.py", "nav.map", ":material/map:"),
    ("pages/2_visits.py", "nav.visits", ":material/monitoring:"),
    ("pages/3_activity.py", "nav.activity", ":material/storefront:"),
    ("pages/4_comparison.py", "nav.comparison", ":material/compare_arrows:"),
    ("pages/5_presence.py", "nav.presence", ":material/travel_explore:"),
    # the coordinators' pages, linked once signed in (COORDINATOR_PAGES)
    ("pages/6_edit_shop.py", "nav.edit_shop", ":material/edit:"),
    ("pages/7_edit_commune.py", "nav.edit_commune", ":material/location_city:"),
    ("pages/8_import.py", "nav.import", ":material/upload_file:"),
    ("pages/9_reconcile.py", "nav.reconcile", ":material/fact_check:"),
)
COORDINATOR_PAGES = frozenset(path for path, _, _ in PAGES[6:])
SIGN_IN_PAGE = "pages/6_edit_shop.py"  # a coordinator page: it shows the sign-in form
# The URL's keys, and what the app last wrote there: a URL holding anything else is a link opened.
URL_COMMUNE, URL_DATE, URL_LANG = "commune", "date", "lang"
URL_WRITTEN_KEY = "_url_written"


@dataclass(frozen=True)
class PageContext:
    """The choices every page works from."""

    url: str
    lang: str
    commune: str | None  # None: the whole network
    commune_name: str | None
    as_of: dt.date
    left_on: dt.date | None = None  # the day the chosen commune left the network, if it did

    def t(self, key: str, **values: object) -> str:
        return t(key, self.lang, **values)

    @property
    def name_md(self) -> str | None:
        """The chosen commune's name for a title, caption or message: escaped for Markdown, so that
        a name written as Markdown (an image, a link) shows as written."""
        return None if self.commune_name is None else escape_markdown(self.commune_name)


def _keep(key: str) -> None:
    st.session_state[key] = st.session_state[f"_{key}"]


def _shared_widget_value(key: str, default: str, allowed: list[str]) -> None:
    """Seed the widget of a shared choice from its lasting key, falling back to `default`."""
    value = st.session_state.get(key, default)
    if value not in allowed:
        value = default
    st.session_state[key] = value
    st.session_state[f"_{key}"] = value


def _from_url(communes: list[str], today: dt.date) -> None:
    """Take the commune, date and language of a link opened (or of the URL the user changed); the
    keys it does not hold keep the current choice (a link to a shop's form keeps the commune)."""
    params = {key: st.query_params.get(key) for key in (URL_COMMUNE, URL_DATE, URL_LANG)}
    if params == st.session_state.get(URL_WRITTEN_KEY):
        return  # the URL the app wrote itself: the sidebar's choices stand
    if params[URL_COMMUNE] in communes:
        st.session_state[COMMUNE_KEY] = params[URL_COMMUNE]
    if params[URL_LANG] in i18n.LANGUAGES:
        st.session_state[LANG_KEY] = params[URL_LANG]
    try:
        day = dt.date.fromisoformat(params[URL_DATE] or "")
    except ValueError:
        day = None  # a date the link spells wrong is left out, as an unknown commune is
    if day is not None and MIN_DATE <= day <= today:
        st.session_state[AS_OF_KEY] = day


def _url_params(lang: str, commune: str | None, as_of: dt.date, today: dt.date) -> dict[str, str]:
    """Return what the URL says of the choices: only what differs from a first visit."""
    params = {}
    if commune:
        params[URL_COMMUNE] = commune
    if as_of != today:
        params[URL_DATE] = as_of.isoformat()
    if not i18n.is_default_language(lang):
        params[URL_LANG] = lang
    return params


def _to_url(params: dict[str, str]) -> None:
    """Write the choices into the URL, keeping its other keys (a shop's id)."""
    for key in (URL_COMMUNE, URL_DATE, URL_LANG):
        if key in params:
            if st.query_params.get(key) != params[key]:
                st.query_params[key] = params[key]
        elif key in st.query_params:
            del st.query_params[key]
    st.session_state[URL_WRITTEN_KEY] = {key: params.get(key) for key in (URL_COMMUNE, URL_DATE, URL_LANG)}


@st.cache_resource(show_spinner=False)
def _start_up() -> bool:
    """Once per server process: remove the upload copies that ended processes left behind."""
    upload_files.remove_stale_folders()
    return True


def _commune_option(code: str, names: dict, postal_codes: dict, lang: str) -> str:
    """The sidebar's label of a commune: its name, postal code and INSEE code, so that typing any of
    them in the choice finds it among thousands; the whole network's when `code` is empty."""
    if not code:
        return t("sidebar.whole_network", lang)
    postal_code = postal_codes.get(code)
    if not isinstance(postal_code, str) or not postal_code:
        return t("sidebar.commune_option_no_postal_code", lang, name=names[code], code=code)
    return t("sidebar.commune_option", lang, name=names[code], postal_code=postal_code, code=code)


def setup_page(title_key: str) -> PageContext:
    """Configure the page, draw the sidebar and return the user's choices."""
    _start_up()
    lang = i18n.normalise_language(st.session_state.get(LANG_KEY))
    st.set_page_config(page_title=f"{t(title_key, lang)} · Wiker", page_icon="🏪", layout="wide")
    url = settings.database_url()
    try:
        communes, _, latest = loaders.store_facts(url)
    except Exception as error:  # the store cannot be opened: say so, in one line
        st.error(t("error.store", lang, error=str(error).splitlines()[0]))
        st.stop()

    names = dict(zip(communes["code"], communes["name"], strict=True))
    postal_codes = dict(zip(communes["code"], communes["postal_code"], strict=True))
    today = dt.date.today()
    _from_url(list(names), today)
    lang = i18n.normalise_language(st.session_state.get(LANG_KEY))  # a link's language, from its first run
    sidebar = st.sidebar
    _shared_widget_value(LANG_KEY, i18n.DEFAULT_LANGUAGE, list(i18n.LANGUAGES))
    sidebar.radio(
        t("sidebar.language", lang),
        horizontal=True,
        options=list(i18n.LANGUAGES),
        format_func=lambda code: t(f"language.{code}", lang),
        key=f"_{LANG_KEY}",
        on_change=_keep,
        args=(LANG_KEY,),
    )
    lang = st.session_state[LANG_KEY] or i18n.DEFAULT_LANGUAGE

    options = [NETWORK, *names]
    _shared_widget_value(COMMUNE_KEY, NETWORK, options)
    if not isinstance(st.session_state.get(AS_OF_KEY), dt.date):
        st.session_state[AS_OF_KEY] = today
    params = _url_params(lang, st.session_state[COMMUNE_KEY] or None, st.session_state[AS_OF_KEY], today)
    coordinator = auth.current(url) is not None
    for path, label_key, icon in PAGES:
        if coordinator or path not in COORDINATOR_PAGES:
            sidebar.page_link(path, label=t(label_key, lang), icon=icon, query_params=params)
    if not coordinator:
        sidebar.page_link(
            SIGN_IN_PAGE, label=t("nav.sign_in", lang), icon=":material/login:", query_params=params
        )
    sidebar.selectbox(
        t("sidebar.commune", lang),
        options=options,
        format_func=lambda code: _commune_option(code, names, postal_codes, lang),
        key=f"_{COMMUNE_KEY}",
        on_change=_keep,
        args=(COMMUNE_KEY,),
    )
    commune = st.session_state[COMMUNE_KEY] or None

    st.session_state[f"_{AS_OF_KEY}"] = st.session_state[AS_OF_KEY]
    sidebar.date_input(
        t("sidebar.as_of", lang),
        key=f"_{AS_OF_KEY}",
        max_value=today,
        min_value=MIN_DATE,
        format=i18n.conventions(lang).date_input_format,
        help=t("sidebar.as_of_help", lang),
        on_change=_keep,
        args=(AS_OF_KEY,),
    )
    as_of = st.session_state[AS_OF_KEY]
    if latest:
        sidebar.caption(t("sidebar.data_as_of", lang, date=i18n.fmt_date(latest, lang)))
        if as_of > latest + dt.timedelta(days=31):
            sidebar.warning(t("sidebar.past_data", lang, date=i18n.fmt_date(latest, lang)))
    auth.sidebar_status(url, lang)
    _to_url(_url_params(lang, commune, as_of, today))
    left = communes.set_index("code")["left_on"].get(commune) if commune else None
    return PageContext(
        url=url,
        lang=lang,
        commune=commune,
        commune_name=names.get(commune),
        as_of=as_of,
        left_on=left if isinstance(left, dt.date) else None,
    )


def relabel(*keys: str) -> None:
    """Have these choice widgets show their choice in the page's language.

    A selectbox, multiselect, radio or select slider holds its choice as the label the browser was
    given: after a switch to English it shows the French one (a radio shows no choice at all) unless
    the server sends the value again (streamlit/streamlit#13788); writing the kept value back
    before the widget is drawn sends it. Not for widgets in a form (a choice not yet submitted
    would be undone) nor for those given a default value (seed their key instead).
    """
    for key in keys:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def demo_notice(ctx: PageContext) -> None:
    """Show, above a page's content, that the figures are demo data when they are."""
    _, is_demo, _ = loaders.store_facts(ctx.url)
    if is_demo:
        st.info(ctx.t("app.demo_banner"), icon=":material/science:")
