"""Reconcile a commune's directory with SIRENE (signed-in coordinators, for their communes):
establishments to add, shops to mark closed, shops to link to their SIRET."""

import streamlit as st

from wiker_data import services
from wiker_data.i18n import category_label, fmt_date
from wiker_data.importers.registry import SOURCES, ImportOptions
from wiker_data.services import imports
from wiker_ui import auth, edit_support, uploads, writes
from wiker_ui.layout import demo_notice, setup_page

ctx = setup_page("nav.reconcile")
st.title(ctx.t("reconcile.title"))
demo_notice(ctx)
signed_in = auth.require_sign_in(ctx.url, ctx.lang)
writes.show_flash()
st.caption(ctx.t("reconcile.intro"))
commune = edit_support.choose_commune(ctx, signed_in)
upload = st.file_uploader(ctx.t("import.file"), key="reconcile_file")
if upload is None:
    st.stop()
source = SOURCES["sirene"]
path = uploads.saved_upload(upload)
options = ImportOptions(commune)
plan = uploads.planned(ctx, source, path, options, upload.name)
found = uploads.reconciliation(ctx, plan, commune)


def done(count: int) -> None:
    uploads.forget_plans()
    writes.flash(ctx.t("reconcile.done", count=count))
    st.rerun()


st.subheader(ctx.t("reconcile.missing"))
if found.missing.empty:
    st.caption(ctx.t("reconcile.none"))
else:
    st.caption(ctx.t("reconcile.missing_help"))
    missing = found.missing.assign(
        category=found.missing["category"].map(lambda key: category_label(key, ctx.lang))
    )
    labels = {
        "name": ctx.t("col.name"),
        "category": ctx.t("col.category"),
        "address": ctx.t("col.address"),
        "siret": ctx.t("reconcile.siret"),
    }
    ticked = uploads.ticked_rows(ctx, missing, "reconcile_missing", labels, ctx.t("reconcile.add"))
    if ticked is not None:
        # The file planned again against the store as it is, and only the rows ticked applied.
        rows = {int(row) for row in ticked["row"]}
        outcome = writes.write(ctx, imports.import_file, signed_in, source.key, path, options, rows=rows)
        if outcome.ok:
            done(outcome.value.created)

st.subheader(ctx.t("reconcile.closed"))
if found.closed.empty:
    st.caption(ctx.t("reconcile.none"))
else:
    closed = found.closed.assign(closed_on=found.closed["closed_on"].map(lambda day: fmt_date(day, ctx.lang)))
    labels = {
        "name": ctx.t("col.name"),
        "siret": ctx.t("reconcile.siret"),
        "closed_on": ctx.t("reconcile.closed_on"),
    }
    ticked = uploads.ticked_rows(ctx, closed, "reconcile_closed", labels, ctx.t("reconcile.close"))
    if ticked is not None:
        chosen = found.closed[found.closed["shop_id"].isin(ticked["shop_id"])]  # the dates, not their text
        closures = list(zip(chosen["shop_id"], chosen["closed_on"], strict=True))
        outcome = writes.write(ctx, services.close_shops, signed_in, closures)
        if outcome.ok:
            done(outcome.value)

st.subheader(ctx.t("reconcile.unmatched"))
if found.unmatched.empty:
    st.caption(ctx.t("reconcile.none"))
else:
    st.caption(ctx.t("reconcile.unmatched_help"))
    names = dict(zip(found.missing["siret"], found.missing["name"], strict=True))
    for shop in found.unmatched.itertuples():
        left, middle, right = st.columns([3, 4, 1], vertical_alignment="bottom")
        left.text(
            f"{shop.name}\n{category_label(shop.category, ctx.lang)}"
        )  # plain text: names are user-entered
        siret = middle.selectbox(
            ctx.t("reconcile.siret"),
            [None, *shop.candidates],
            format_func=lambda key: ctx.t("reconcile.no_link") if key is None else f"{names[key]} · {key}",
            key=f"reconcile_link_{shop.shop_id}",
        )
        if right.button(
            ctx.t("reconcile.link"), key=f"reconcile_link_button_{shop.shop_id}", disabled=siret is None
        ):
            outcome = writes.write(
                ctx, services.link_siret, signed_in, int(shop.shop_id), int(shop.version), siret
            )
            if outcome.ok:
                done(1)
