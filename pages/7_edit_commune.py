"""Edit a commune (signed-in coordinators, for their communes): population and its
year, shop units, date joined, town-centre position, monthly visits; history with undo."""

import datetime as dt

import pandas as pd
import streamlit as st

from wiker_data import services
from wiker_data.i18n import conventions, plural
from wiker_data.queries import editing
from wiker_ui import auth, edit_support, writes
from wiker_ui.layout import demo_notice, setup_page

ctx = setup_page("nav.edit_commune")
lang = ctx.lang
st.title(ctx.t("commune_edit.title"))
demo_notice(ctx)
signed_in = auth.require_sign_in(ctx.url, lang)
writes.show_flash()
code = edit_support.choose_commune(ctx, signed_in)
form, visits = edit_support.commune_form_and_visits(ctx.url, code)
base = edit_support.base_version(("commune", code), form, field="updated_at")

st.subheader(ctx.t("commune_edit.facts"))
with st.form(f"commune_{code}"):
    left, right = st.columns(2)
    population = left.text_input(ctx.t("col.population"), edit_support.text(form.get("population")))
    year = right.text_input(
        ctx.t("commune_edit.population_year"), edit_support.text(form.get("population_year"))
    )
    units = left.text_input(ctx.t("commune_edit.shop_units"), edit_support.text(form.get("shop_units")))
    joined = right.date_input(
        ctx.t("col.joined_on"),
        value=dt.date.fromisoformat(form["joined_on"]) if form.get("joined_on") else None,
        max_value=dt.date.today(),
        format=conventions(ctx.lang).date_input_format,
    )
    latitude = left.text_input("Latitude", edit_support.text(form.get("latitude")))
    longitude = right.text_input("Longitude", edit_support.text(form.get("longitude")))
    save = st.form_submit_button(ctx.t("edit.save"), type="primary")
if save:
    submitted = {
        "population": edit_support.number_or_none(population),
        "population_year": edit_support.number_or_none(year),
        "shop_units": edit_support.number_or_none(units),
        "joined_on": joined.isoformat() if joined else None,
        "latitude": edit_support.number_or_none(latitude),
        "longitude": edit_support.number_or_none(longitude),
    }
    changed = editing.changes(form, submitted)
    if not changed:
        st.info(ctx.t("edit.nothing_changed"))
    else:
        try:
            outcome = writes.write(
                ctx, services.update_commune, signed_in, code, dt.datetime.fromisoformat(base), changed
            )
        except services.Conflict as conflict:
            st.session_state.pop(writes.CONFLICT_KEY, None)
            edit_support.forget_base(("commune", code))
            st.warning(
                ctx.t("commune_edit.conflict", fields=edit_support.field_names(ctx, conflict.changed_fields))
            )
        else:
            if outcome.ok:
                edit_support.forget_base(("commune", code))
                writes.flash(ctx.t("edit.saved"))
                st.rerun()

st.subheader(ctx.t("commune_edit.visits"))
st.caption(ctx.t("commune_edit.visits_help"))
edited = st.data_editor(
    visits,
    placeholder="—",
    num_rows="dynamic",
    hide_index=True,
    column_config={
        "month": st.column_config.DateColumn(
            ctx.t("commune_edit.month"), format=conventions(ctx.lang).month_column_format, required=True
        ),
        "visits": st.column_config.NumberColumn(ctx.t("col.visits"), min_value=0, step=1, required=True),
        "unique_visitors": st.column_config.NumberColumn(
            ctx.t("commune_edit.unique_visitors"), min_value=0, step=1
        ),
    },
    key=f"visits_{code}",
)
if st.button(ctx.t("commune_edit.save_visits"), key="save_visits"):
    rows = [
        {"month": row["month"], "visits": row["visits"], "unique_visitors": row["unique_visitors"]}
        for row in edited.to_dict("records")
        if not pd.isna(row["month"])
    ]
    outcome = writes.write(ctx, services.save_visits, signed_in, code, rows)
    if outcome.ok:
        saved = outcome.value
        writes.flash(
            ctx.t(
                "commune_edit.visits_saved",
                created=plural("commune_edit.months_added", saved.created, lang),
                updated=plural("commune_edit.months_corrected", saved.updated, lang),
                unchanged=plural("commune_edit.months_unchanged", saved.unchanged, lang),
            )
        )
        st.rerun()

st.subheader(ctx.t("edit.history"))
edit_support.history_with_undo(ctx, signed_in, edit_support.commune_history(ctx.url, code, lang))
