"""Edit a shop (signed-in coordinators, for their communes): every field, its status
events, its catalogue, archive and restore, and its history with undo."""

import datetime as dt

import streamlit as st

from wiker_data import services
from wiker_data.categories import CATEGORIES
from wiker_data.escaping import escape_markdown
from wiker_data.i18n import category_label, conventions, fmt_date, fmt_short_date, sentence_case
from wiker_data.models import TRADE_MODES
from wiker_data.queries.editing import changes
from wiker_ui import auth, edit_support, writes
from wiker_ui.layout import demo_notice, relabel, setup_page

PENDING_STATUS = "edit_pending_status"  # a status event submitted, waiting for its confirmation
ctx = setup_page("nav.edit_shop")
lang = ctx.lang
st.title(ctx.t("edit.title"))
demo_notice(ctx)
signed_in = auth.require_sign_in(ctx.url, lang)
writes.show_flash()

requested = st.query_params.get("shop")  # from the presence audit's call list
if requested and requested.isdigit() and st.session_state.get("edit_request") != requested:
    st.session_state["edit_request"] = requested  # follow the link once, then let the user choose
    st.session_state.pop("edit_shop_id", None)
    st.session_state["edit_shop_keep"] = int(requested)
    edit_support.open_on_commune(ctx, signed_in, edit_support.shop_commune(ctx.url, int(requested)))
commune = edit_support.choose_commune(ctx, signed_in)
shops = edit_support.editable_shops(ctx.url, commune, ctx.as_of)
NEW = 0
options = [NEW, *shops["id"].tolist()]
labels = {
    row.id: row.name + (f" ({ctx.t('edit.archived')})" if row.archived else "") for row in shops.itertuples()
}
if "edit_shop_id_next" in st.session_state:  # a shop just created: open it
    st.session_state["edit_shop_id"] = st.session_state.pop("edit_shop_id_next")
if "edit_shop_id" not in st.session_state and st.session_state.get("edit_shop_keep") in options:
    st.session_state["edit_shop_id"] = st.session_state["edit_shop_keep"]  # back from another page
relabel("edit_shop_id")
shop_id = st.selectbox(
    ctx.t("edit.shop"),
    options=options,
    format_func=lambda i: ctx.t("edit.new_shop") if i == NEW else labels[i],
    key="edit_shop_id",
)
st.session_state["edit_shop_keep"] = shop_id


def shop_fields(start: dict) -> dict | None:
    """Draw the shop's fields inside the current form; return what was submitted, or None."""
    keys = [c.key for c in CATEGORIES]
    left, right = st.columns(2)
    values = {
        "name": left.text_input(ctx.t("col.name"), start.get("name") or "", max_chars=200),
        "category": right.selectbox(
            ctx.t("col.category"),
            keys,
            index=keys.index(start["category"]) if start.get("category") in keys else 0,
            format_func=lambda key: category_label(key, lang),
        ),
        "address": st.text_input(ctx.t("col.address"), start.get("address") or "", max_chars=300),
    }
    left, right = st.columns(2)
    values["latitude"] = edit_support.number_or_none(
        left.text_input("Latitude", edit_support.text(start.get("latitude")))
    )
    values["longitude"] = edit_support.number_or_none(
        right.text_input("Longitude", edit_support.text(start.get("longitude")))
    )
    left, right = st.columns(2)
    values["phone"] = left.text_input(ctx.t("col.phone"), start.get("phone") or "", max_chars=40)
    values["email"] = right.text_input(ctx.t("edit.email"), start.get("email") or "", max_chars=254)
    values["website"] = left.text_input(ctx.t("col.website"), start.get("website") or "", max_chars=500)
    values["online_shop_url"] = right.text_input(
        ctx.t("col.online_shop"), start.get("online_shop_url") or "", max_chars=500
    )
    values["social_links"] = [
        line.strip()
        for line in st.text_area(
            ctx.t("edit.social_links"),
            "\n".join(start.get("social_links") or []),
            help=ctx.t("edit.one_per_line"),
        ).splitlines()
        if line.strip()
    ]
    values["opening_hours"] = st.text_area(
        ctx.t("col.opening_hours"), start.get("opening_hours") or "", max_chars=500
    )
    st.markdown(f"**{ctx.t('col.trade_modes')}**")
    columns = st.columns(len(TRADE_MODES))
    for column, mode in zip(columns, TRADE_MODES, strict=True):
        values[mode] = column.checkbox(ctx.t(f"mode.{mode}"), bool(start.get(mode, mode == "in_store")))
    left, right = st.columns(2)
    values["siret"] = left.text_input("SIRET", start.get("siret") or "", max_chars=14)
    values["osm_id"] = right.text_input(ctx.t("edit.osm_id"), start.get("osm_id") or "", max_chars=30)
    return values


if shop_id == NEW:
    with st.form("new_shop"):
        submitted = shop_fields({"commune_code": commune})
        opened_on = st.date_input(
            ctx.t("edit.opened_on"),
            value=ctx.as_of,
            max_value=dt.date.today(),
            format=conventions(lang).date_input_format,
        )
        unknown = st.checkbox(ctx.t("edit.opening_unknown"), key="opening_unknown")
        create = st.form_submit_button(ctx.t("edit.create"), type="primary")
    if create:
        created = writes.write(
            ctx,
            services.create_shop,
            signed_in,
            {**submitted, "commune_code": commune},
            opened_on,
            first_kind="recorded" if unknown else "opened",
        )
        if created.ok:
            writes.flash(ctx.t("edit.created", name=escape_markdown(submitted["name"])))
            st.session_state["edit_shop_id_next"] = created.value.id
            st.rerun()
    st.stop()

form = edit_support.shop_form(ctx.url, shop_id)
base = edit_support.base_version(shop_id, form)
if form["archived_at"]:
    st.warning(ctx.t("edit.is_archived"))

st.subheader(ctx.t("edit.details"))
with st.form(f"shop_{shop_id}"):
    submitted = shop_fields(form)
    save = st.form_submit_button(ctx.t("edit.save"), type="primary")
if save:
    edit_support.save_shop(ctx, signed_in, shop_id, base, changes(form, submitted))
edit_support.show_conflict(ctx, signed_in, shop_id)

st.subheader(ctx.t("edit.status"))
events = form["events"]
st.caption(
    " · ".join(
        f"{fmt_date(day, lang)}{conventions(lang).colon}{ctx.t('event.' + kind)}" for day, kind in events
    )
    or ctx.t("edit.no_events")
)
KINDS = ["closed", "reopened", "temporarily_closed", "opened", "recorded"]
with st.form(f"status_{shop_id}"):
    left, right = st.columns(2)
    kind = left.selectbox(
        ctx.t("edit.event_kind"),
        KINDS,
        index=None,  # no default: closing a shop is a choice, never one click
        placeholder=ctx.t("edit.event_kind_choose"),
        format_func=lambda k: sentence_case(ctx.t(f"event.{k}")),
        key=f"status_kind_{shop_id}",
    )
    day = right.date_input(
        ctx.t("edit.event_date"),
        value=min(ctx.as_of, dt.date.today()),
        max_value=dt.date.today(),
        format=conventions(lang).date_input_format,
    )
    record = st.form_submit_button(ctx.t("edit.record_status"))
if record:
    st.session_state.pop(PENDING_STATUS, None)
    if kind is None:
        st.error(ctx.t("edit.event_kind_required"))
    else:  # asked again below, with the shop, the event and the date named
        st.session_state[PENDING_STATUS] = {"shop_id": shop_id, "kind": kind, "day": day}
pending = st.session_state.get(PENDING_STATUS)
if pending and pending["shop_id"] == shop_id:
    named = {
        "kind": sentence_case(ctx.t(f"event.{pending['kind']}")),
        "date": fmt_short_date(pending["day"], lang),
    }
    st.warning(ctx.t("edit.confirm_status", name=escape_markdown(form["name"]), **named))
    left, right = st.columns(2)
    if left.button(ctx.t("edit.confirm"), type="primary", key="confirm_status"):
        st.session_state.pop(PENDING_STATUS, None)
        args = (signed_in, shop_id, pending["kind"], pending["day"])
        if writes.write(ctx, services.record_status, *args).ok:
            writes.flash(ctx.t("edit.status_saved", **named))
            st.rerun()
    if right.button(ctx.t("edit.cancel_status"), key="cancel_status"):
        st.session_state.pop(PENDING_STATUS, None)
        st.rerun()

st.subheader(ctx.t("edit.catalogue"))
if form["catalogue"]:
    st.dataframe(
        [
            {
                ctx.t("col.name"): i["name"],
                ctx.t("edit.price"): i["price"],
                ctx.t("edit.description"): i["description"],
            }
            for i in form["catalogue"]
        ],
        hide_index=True,
    )
    items = {i["id"]: i["name"] for i in form["catalogue"]}
    left, right = st.columns([3, 1])
    item = left.selectbox(
        ctx.t("edit.item"), list(items), format_func=items.get, key=f"remove_item_{shop_id}"
    )
    if (
        right.button(ctx.t("edit.remove_item"), key=f"remove_{shop_id}")
        and writes.write(ctx, services.remove_catalogue_item, signed_in, item).ok
    ):
        writes.flash(ctx.t("edit.item_removed", name=escape_markdown(items[item])))
        st.rerun()
with st.form(f"catalogue_{shop_id}", clear_on_submit=True):
    left, mid = st.columns([3, 1])
    item_name = left.text_input(ctx.t("edit.item"), max_chars=200)
    price = edit_support.number_or_none(mid.text_input(ctx.t("edit.price")))
    description = st.text_area(ctx.t("edit.description"), max_chars=2000)
    add = st.form_submit_button(ctx.t("edit.add_item"))
if add:
    values = {"name": item_name, "price": price, "description": description}
    if writes.write(ctx, services.add_catalogue_item, signed_in, shop_id, values).ok:
        writes.flash(ctx.t("edit.item_added", name=escape_markdown(item_name)))
        st.rerun()

st.subheader(ctx.t("edit.archive_title"))
if form["archived_at"]:
    if (
        st.button(ctx.t("edit.restore"), key="restore")
        and writes.write(ctx, services.restore_shop, signed_in, shop_id).ok
    ):
        writes.flash(ctx.t("edit.restored"))
        st.rerun()
else:
    st.caption(ctx.t("edit.archive_help"))
    if (
        st.button(ctx.t("edit.archive"), key="archive")
        and writes.write(ctx, services.archive_shop, signed_in, shop_id).ok
    ):
        writes.flash(ctx.t("edit.archived_done"))
        st.rerun()

st.subheader(ctx.t("edit.history"))
edit_support.history_with_undo(ctx, signed_in, edit_support.shop_history(ctx.url, shop_id, lang))
