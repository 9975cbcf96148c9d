"""Import open data (signed-in coordinators for their communes, admins for all): SIRENE,
OpenStreetMap, Matomo visits, INSEE populations; a preview of what will change, then one
audited transaction."""

import streamlit as st

from wiker_data.importers.registry import SOURCES, ImportOptions
from wiker_ui import auth, edit_support, uploads, writes
from wiker_ui.layout import demo_notice, relabel, setup_page

ctx = setup_page("nav.import")
st.title(ctx.t("import.title"))
demo_notice(ctx)
signed_in = auth.require_sign_in(ctx.url, ctx.lang)
writes.show_flash()
st.caption(ctx.t("import.intro"))

relabel("import_source")
key = st.selectbox(
    ctx.t("import.source"),
    list(SOURCES),
    format_func=lambda key: ctx.t(f"import.source_{key}"),
    key="import_source",
)
source = SOURCES[key]
st.caption(ctx.t(f"import.help_{key}"))
if key == "osm":
    st.caption(ctx.t("osm.credit"))
if source.admins_only and not signed_in.is_admin:
    st.warning(ctx.t("import.admins_only"))
    st.stop()
several = key == "osm" and st.checkbox(ctx.t("import.osm_several"), key="import_osm_several")
commune = edit_support.choose_commune(ctx, signed_in) if source.scope == "commune" and not several else None
year = None
if key == "population":
    year = st.number_input(ctx.t("import.year"), 1990, 2100, value=None, step=1, key="import_year")
options = ImportOptions(commune, int(year) if year else None)

upload = uploads.file_input(ctx, f"import_file_{key}")
if upload is None:
    st.stop()
plan = uploads.planned(ctx, source, upload, options, signed_in)
numbers = uploads.show_preview(ctx, plan)

if numbers["new"] + numbers["updated"] == 0:
    st.info(ctx.t("import.nothing_to_apply"))
else:
    uploads.apply_button(ctx, plan)
if (chosen := uploads.chosen_plan()) is not None:  # the plan shown when Apply was clicked
    summary = uploads.apply(ctx, signed_in, chosen)
    if summary is not None:
        writes.flash(uploads.done_words(summary, ctx.lang))
        st.rerun()

if key in ("sirene", "osm"):
    st.page_link("pages/1_map.py", label=ctx.t("import.see_map"), icon=":material/map:")
