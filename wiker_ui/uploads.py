"""What the import and reconciliation pages share: planning an upload (on disk only while it is
read) with a progress bar (kept for the session, so that reruns do not read the file again), applying it
through the service layer in one write transaction, reconciling a plan with the directory, and
showing a plan's preview."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy.orm import Session

from wiker_data.escaping import escape_markdown
from wiker_data.i18n import (
    MESSAGES,
    category_label,
    field_label,
    fmt_decimal,
    fmt_input_date,
    fmt_int,
    fmt_month,
    t,
)
from wiker_data.importers import ImportFailed, Tally, said
from wiker_data.importers.population import NOT_IN_STORE
from wiker_data.importers.reconcile import Reconciliation, reconcile
from wiker_data.importers.registry import ImportOptions, ImportSource, counts, plan_file, preview_tables
from wiker_data.importers.shops import ShopPlan
from wiker_data.importers.sirene_history import OTHER_PERIOD
from wiker_data.importers.visits import INCOMPLETE_MONTH
from wiker_data.importers.visits_layouts import Figures
from wiker_data.queries.scope import store_revision
from wiker_data.services import StoreChanged, imports
from wiker_ui import loaders, upload_files, writes

_PLANS_KEY = "import_plans"
_CHANGED_KEY = "import_store_changed"
_CHOSEN_KEY = "import_chosen_plan"


def _progress(ctx, key: str):
    bar = st.progress(0.0, text=ctx.t(key))
    return bar, lambda fraction: bar.progress(min(max(fraction, 0.0), 1.0), text=ctx.t(key))


def failure(ctx, failed: ImportFailed, path: Path, upload_name: str) -> str:
    """Return the one line saying why an uploaded file cannot be imported, in the reader's language:
    the name the person gave it instead of the temporary path, and the file's own text (its first
    line) shown as written."""
    problem = failed.said(ctx.lang).replace(str(path), upload_name)
    return ctx.t("import.failed", file=escape_markdown(upload_name), problem=escape_markdown(problem))


def file_input(ctx, key: str):
    """Return the file the person uploads (None until then). Streamlit's drop zone speaks English
    only ("Drag and drop file here", "Browse files"): a caption above it says the same in the
    reader's language, with the size limit."""
    st.caption(ctx.t("import.drop_zone", size=fmt_int(st.get_option("server.maxUploadSize"), ctx.lang)))
    return st.file_uploader(ctx.t("import.file"), key=key)


def on_disk(upload):
    """Return a context manager giving the path of a copy of `upload` on disk, removed when it ends."""
    return upload_files.kept_while_read(upload.getbuffer(), upload.name)


def planned(ctx, source: ImportSource, upload, options: ImportOptions, signed_in=None) -> Any:
    """Return the plan of the uploaded file (read once per file, source, commune, person and store
    revision), with the rows `signed_in` may not write rejected; or stop with the problem. The file is
    on disk only while it is read (wiker_ui.upload_files)."""
    plans = st.session_state.setdefault(_PLANS_KEY, {})
    with Session(loaders.engine(ctx.url)) as session:
        key = (source.key, upload.file_id, options, signed_in, store_revision(session))  # the store as it is
    if key not in plans:
        plans.clear()
        bar, progress = _progress(ctx, "import.reading")
        with on_disk(upload) as path:
            try:
                with Session(loaders.engine(ctx.url)) as session:
                    plans[key] = plan_file(session, source.key, path, options, signed_in, progress)
            except ImportFailed as failed:
                st.error(failure(ctx, failed, path, upload.name))
                st.stop()
            finally:
                bar.empty()
    return plans[key]


def forget_plans() -> None:
    st.session_state.pop(_PLANS_KEY, None)


def apply_button(ctx, plan: Any) -> None:
    """Draw the Apply button of the plan shown. Its click keeps that very plan (a callback runs
    before the rerun, which may plan the file again against a store changed meanwhile)."""
    st.button(
        ctx.t("import.apply"),
        type="primary",
        key="import_apply",
        on_click=lambda: st.session_state.__setitem__(_CHOSEN_KEY, plan),
    )


def chosen_plan() -> Any:
    """Return the plan whose Apply was clicked (once), or None."""
    return st.session_state.pop(_CHOSEN_KEY, None)


def apply(ctx, signed_in, plan: Any) -> Any:
    """Return the summary of the import of exactly the plan previewed, in one write transaction;
    None when it was refused (the reason is shown). If the store changed since the preview, nothing
    is written and the page reruns: the preview is made again and shown with a notice."""
    try:
        with st.spinner(ctx.t("import.writing")):
            outcome = writes.write(ctx, imports.apply_plan, plan, signed_in)
    except StoreChanged:
        forget_plans()
        st.session_state[_CHANGED_KEY] = True
        st.rerun()
    forget_plans()
    return outcome.value if outcome.ok else None


def reconciliation(ctx, plan: ShopPlan, commune: str) -> Reconciliation:
    """Return the reconciliation of the commune's directory with a SIRENE plan of it."""
    with Session(loaders.engine(ctx.url)) as session:
        return reconcile(session, plan, commune)


_COLUMN_LABELS = {
    "row": "import.col_row",
    "reason": "import.col_reason",
    "events": "import.col_events",
    "changes": "import.col_changes",
    "kept": "import.col_kept",
    "kept_empty": "import.col_kept_empty",
    "replaced": "import.col_replaced",
    "before": "import.col_before",
    "after": "import.col_after",
    "name": "col.name",
    "category": "col.category",
    "address": "col.address",
    "commune": "col.commune",
    "code": "col.code",
    "month": "import.col_month",
    "year": "import.col_year",
}


def _value(field: str, value: Any, lang: str) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return t("import.value_yes" if value else "import.value_no", lang)
    if field == "category":
        return category_label(value, lang)
    if isinstance(value, float):
        return fmt_decimal(value, lang, digits=5)  # a position to the metre
    return ", ".join(value) if isinstance(value, list) else str(value)


def change_words(fields: dict[str, tuple[Any, Any]], lang: str) -> str:
    """Return a shop's changes in words: "Téléphone : — → 02 40 …" for each changed field."""
    return t("import.change_separator", lang).join(
        t(
            "import.change",
            lang,
            field=field_label(name, lang),
            before=_value(name, before, lang),
            after=_value(name, after, lang),
        )
        for name, (before, after) in fields.items()
    )


def _cell(value: Any, lang: str) -> str:
    """Return a before/after cell in words: a month's visits, a population, or — when there is none."""
    if isinstance(value, Figures):
        if value.unique_visitors is None:
            return t("import.figures", lang, visits=fmt_int(value.visits, lang))
        return t(
            "import.figures_unique",
            lang,
            visits=fmt_int(value.visits, lang),
            unique=fmt_int(value.unique_visitors, lang),
        )
    if value is None or pd.isna(value):
        return "—"
    return fmt_int(value, lang) if isinstance(value, int | float) else str(value)


def _kept(ctx, field: str) -> str:
    key = f"import.kept_{field}"
    return ctx.t(key) if key in MESSAGES else ctx.t("import.kept_field", field=field)


def _replaced(ctx, pair) -> str:
    if not pair:
        return ""
    (_, recorded), (_, opened) = pair
    recorded, opened = fmt_input_date(recorded, ctx.lang), fmt_input_date(opened, ctx.lang)
    return ctx.t("import.replaced", recorded=recorded, opened=opened)


# The reasons importers skip rows for, as the page names them; any other is shown as written.
_SKIPPED = {
    NOT_IN_STORE: "import.skipped_not_in_store",
    "commune not in the store": "import.skipped_not_in_store",
    INCOMPLETE_MONTH: "import.skipped_incomplete_month",
    "not a shop of the directory (NAF rév. 2)": "import.skipped_not_a_shop",
    "establishment not in the store": "import.skipped_establishment_not_in_store",
    OTHER_PERIOD: "import.skipped_other_period",
    "no shop, amenity or craft tag of the directory": "import.skipped_no_category",
    "closed, creation date unknown": "import.skipped_closed_undated",
    "closed for good (disused or vacant), not in the store": "import.skipped_closed_unknown",
}
_PARTS = {
    "new": "import.count_new",
    "updated": "import.count_updated",
    "unchanged": "import.count_unchanged",
    "rejected": "import.count_rejected",
    "outside": "import.count_outside",
}


def _part_label(name: str, lang: str) -> str:
    key = _PARTS.get(name) or _SKIPPED.get(name)
    return t(key, lang) if key else name


def tally_words(tally: Tally, lang: str) -> str:
    """Return where every row of a file went, in words: "Lignes lues : 6 = Nouveaux 1 + ... ."."""
    parts = " + ".join(
        f"{_part_label(name, lang)} {fmt_int(count, lang)}" for name, count in tally.parts().items()
    )
    return t("import.tally", lang, rows=fmt_int(tally.rows, lang), parts=parts)


def done_words(summary: Any, lang: str) -> str:
    """Return what an applied import wrote and, when the whole file was applied, where every row went."""
    done = t("import.done", lang, new=fmt_int(summary.created, lang), updated=fmt_int(summary.updated, lang))
    return done if summary.tally is None else f"{done} {tally_words(summary.tally, lang)}"


def show_preview(ctx, plan: Any) -> dict[str, int]:
    """Draw the counts and tables of a plan, and where every row went; return its counts."""
    numbers = counts(plan)
    st.subheader(ctx.t("import.preview"))
    if st.session_state.pop(_CHANGED_KEY, False):
        st.warning(ctx.t("import.store_changed"), icon=":material/sync_problem:")
    for column, (key, value) in zip(st.columns(4), numbers.items(), strict=True):
        column.metric(ctx.t(f"import.count_{key}"), fmt_int(value, ctx.lang))
    st.caption(tally_words(plan.tally(), ctx.lang))
    tables = preview_tables(plan)
    for name, table in tables.items():
        if table.empty:
            continue
        shown = table.copy()
        if "category" in shown:
            shown["category"] = shown["category"].map(lambda key: category_label(key, ctx.lang))
        if "reason" in shown:
            shown["reason"] = shown["reason"].map(lambda reason: said(reason, ctx.lang))
        if "row" in shown and shown["row"].isna().all():  # notes of no row (a month left out)
            shown = shown.drop(columns="row")
        if "kept" in shown:
            shown["kept"] = shown["kept"].map(
                lambda names: ", ".join(field_label(name, ctx.lang) for name in names)
            )
        if "kept_empty" in shown:
            if shown["kept_empty"].map(len).any():
                shown["kept_empty"] = shown["kept_empty"].map(
                    lambda names: ", ".join(_kept(ctx, name) for name in names)
                )
            else:
                shown = shown.drop(columns="kept_empty")
        if "replaced" in shown:
            if shown["replaced"].notna().any():
                shown["replaced"] = shown["replaced"].map(lambda pair: _replaced(ctx, pair))
            else:
                shown = shown.drop(columns="replaced")
        for column in ("before", "after"):
            if column in shown:
                shown[column] = shown[column].map(lambda value: _cell(value, ctx.lang))
        if "changes" in shown:
            shown["changes"] = shown["changes"].map(lambda fields: change_words(fields, ctx.lang))
        if "month" in shown:
            shown["month"] = shown["month"].map(lambda month: fmt_month(month, ctx.lang))
        if "events" in shown:
            shown["events"] = shown["events"].map(
                lambda events: ", ".join(
                    f"{ctx.t(f'event.{kind}')} {fmt_input_date(on, ctx.lang)}" for kind, on in events
                )
            )
        shown = shown.astype(object).where(shown.notna(), "—")  # an address SIRENE does not give
        labels = {
            column: ctx.t(_COLUMN_LABELS[column]) for column in shown.columns if column in _COLUMN_LABELS
        }
        with st.expander(
            f"{ctx.t(f'import.table_{name}')} ({fmt_int(len(shown), ctx.lang)})", expanded=name != "notes"
        ):
            st.dataframe(shown.rename(columns=labels), hide_index=True, width="stretch")
    return numbers


def ticked_rows(
    ctx, table: pd.DataFrame, key: str, labels: dict[str, str], action: str
) -> pd.DataFrame | None:
    """Draw a table (the `labels` columns, as text) with a tick box per row and a button `action`;
    return the rows ticked when the button is pressed (None otherwise, or when none is ticked)."""
    edited = st.data_editor(
        table.assign(_tick=False),
        hide_index=True,
        key=key,
        column_config={
            "_tick": st.column_config.CheckboxColumn(ctx.t("reconcile.tick")),
            **{column: st.column_config.TextColumn(label) for column, label in labels.items()},
        },
        disabled=list(table.columns),
        column_order=["_tick", *labels],
        width="stretch",
    )
    if not st.button(action, key=f"{key}_button"):
        return None
    ticked = table[edited["_tick"].to_numpy()]
    if ticked.empty:
        st.warning(ctx.t("reconcile.choose_first"))
        return None
    return ticked
