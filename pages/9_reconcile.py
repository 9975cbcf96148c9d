"""Reconcile a commune's directory with SIRENE (signed-in coordinators, for their communes): the
proposals to link shops to their SIRET, mark them closed, or add establishments, best first, a
page at a time; the ones ticked applied together."""

import streamlit as st

from wiker_data.i18n import fmt_int
from wiker_data.importers import ImportFailed
from wiker_data.importers.reconcile import ACTIONS, proposals_page, proposals_table
from wiker_data.importers.registry import SOURCES, ImportOptions
from wiker_data.services.reconcile import apply_reconciliation
from wiker_ui import auth, edit_support, uploads, writes
from wiker_ui.layout import demo_notice, relabel, setup_page

ctx = setup_page("nav.reconcile")
st.title(ctx.t("reconcile.title"))
demo_notice(ctx)
signed_in = auth.require_sign_in(ctx.url, ctx.lang)
writes.show_flash()
st.caption(ctx.t("reconcile.intro"))
commune = edit_support.choose_commune(ctx, signed_in)
upload = uploads.file_input(ctx, "reconcile_file")
if upload is None:
    st.stop()
plan = uploads.planned(ctx, SOURCES["sirene"], upload, ImportOptions(commune))
found = uploads.reconciliation(ctx, plan, commune)

st.subheader(ctx.t("reconcile.proposals"))
if found.proposals.empty:
    st.caption(ctx.t("reconcile.no_proposal"))
else:
    st.caption(ctx.t("reconcile.proposals_help"))
    search, show, number = st.columns([3, 2, 1], vertical_alignment="bottom")
    text = search.text_input(ctx.t("reconcile.filter"), key="reconcile_filter")
    shown_labels = {
        None: ctx.t("reconcile.show_all"),
        "link": ctx.t("reconcile.show_link"),
        "close": ctx.t("reconcile.show_close"),
        "add": ctx.t("reconcile.show_add"),
    }
    relabel("reconcile_action")
    action = show.selectbox(
        ctx.t("reconcile.show"), [None, *ACTIONS], format_func=shown_labels.get, key="reconcile_action"
    )
    page = number.number_input(ctx.t("reconcile.page"), min_value=1, step=1, key="reconcile_page")
    shown = proposals_page(found.proposals, text, action, int(page))
    st.caption(
        ctx.t(
            "reconcile.page_of",
            page=fmt_int(shown.page, ctx.lang),
            pages=fmt_int(shown.pages, ctx.lang),
            total=fmt_int(shown.total, ctx.lang),
        )
    )
    labels = {
        "action": ctx.t("reconcile.action"),
        "shop_name": ctx.t("reconcile.shop"),
        "shop_siret": ctx.t("reconcile.shop_siret"),
        "name": ctx.t("reconcile.sirene_name"),
        "siret": ctx.t("reconcile.siret"),
        "address": ctx.t("col.address"),
        "why": ctx.t("reconcile.why"),
    }
    table = proposals_table(shown.rows, ctx.lang)
    # The editor's key follows the proposals shown: a tick never moves to another proposal.
    key = f"reconcile_proposals_{shown.signature}"
    ticked = uploads.ticked_rows(ctx, table, key, labels, ctx.t("reconcile.apply"))
    if ticked is not None:
        outcome = None
        with uploads.on_disk(upload) as path:  # the file is read again inside the write transaction
            try:
                keys = list(ticked["key"])
                outcome = writes.write(ctx, apply_reconciliation, signed_in, path, commune, keys)
            except ImportFailed as failed:
                st.error(uploads.failure(ctx, failed, path, upload.name))
        if outcome is not None and outcome.ok:
            uploads.forget_plans()
            summary = outcome.value
            writes.flash(
                ctx.t(
                    "reconcile.applied",
                    linked=fmt_int(summary.linked, ctx.lang),
                    closed=fmt_int(summary.closed, ctx.lang),
                    created=fmt_int(summary.created, ctx.lang),
                )
            )
            st.rerun()

if closed := found.left_out.get("closed"):
    st.caption(ctx.t("reconcile.left_out_closed", count=fmt_int(closed, ctx.lang)))
if shops := found.left_out.get("shops"):
    st.caption(ctx.t("reconcile.left_out_shops", count=fmt_int(shops, ctx.lang)))
