"""What the import and reconciliation pages share: keeping an upload on disk, planning it with a
progress bar (kept for the session, so that reruns do not read the file again), applying it
through the service layer in one write transaction, reconciling a plan with the directory, and
showing a plan's preview."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy.orm import Session

from wiker_data.i18n import category_label, fmt_date, fmt_int, needs_english_caption, t
from wiker_data.importers import ImportFailed, Tally
from wiker_data.importers.population import NOT_IN_STORE
from wiker_data.importers.reconcile import Reconciliation, reconcile
from wiker_data.importers.registry import ImportOptions, ImportSource, counts, preview_tables
from wiker_data.importers.shops import ShopPlan
from wiker_data.importers.sirene_history import OTHER_PERIOD
from wiker_data.importers.visits import INCOMPLETE_MONTH
from wiker_data.queries.scope import store_revision
from wiker_data.services import imports
from wiker_ui import loaders, writes

_DIRECTORY_KEY = "import_directory"
_PLANS_KEY = "import_plans"


def saved_upload(upload) -> Path:
    """Return the path of a copy of the uploaded file on disk (the importers stream from files)."""
    directory = st.session_state.get(_DIRECTORY_KEY)
    if directory is None or not Path(directory).is_dir():
        directory = st.session_state[_DIRECTORY_KEY] = tempfile.mkdtemp(prefix="wiker-upload-")
    path = Path(directory) / f"{upload.file_id}{Path(upload.name).suffix}"
    if not path.exists():
        path.write_bytes(upload.getbuffer())
    return path


def _progress(ctx, key: str):
    bar = st.progress(0.0, text=ctx.t(key))
    return bar, lambda fraction: bar.progress(min(max(fraction, 0.0), 1.0), text=ctx.t(key))


def planned(ctx, source: ImportSource, path: Path, options: ImportOptions, upload_name: str) -> Any:
    """Return the plan of the file (read once per file, source and commune), or stop with the problem."""
    plans = st.session_state.setdefault(_PLANS_KEY, {})
    with Session(loaders.engine(ctx.url)) as session:
        key = (source.key, str(path), options, store_revision(session))  # a plan of the store as it is
    if key not in plans:
        plans.clear()
        bar, progress = _progress(ctx, "import.reading")
        try:
            with Session(loaders.engine(ctx.url)) as session:
                plans[key] = source.plan(session, path, options, progress)
        except ImportFailed as failed:
            st.error(ctx.t("import.failed", problem=failed.problem.replace(str(path), upload_name)))
            st.stop()
        finally:
            bar.empty()
    return plans[key]


def forget_plans() -> None:
    st.session_state.pop(_PLANS_KEY, None)


def apply(ctx, signed_in, source: ImportSource, path: Path, options: ImportOptions) -> Any:
    """Return the summary of the import, planned again and applied in one write transaction; None
    when it was refused (the reason is shown)."""
    bar, progress = _progress(ctx, "import.writing")
    try:
        # What the store holds now, not at preview: the service plans the file again.
        outcome = writes.write(
            ctx, imports.import_file, signed_in, source.key, path, options, progress=progress
        )
    except ImportFailed as failed:
        st.error(ctx.t("import.failed", problem=failed.problem))
        return None
    finally:
        bar.empty()
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
    "before": "import.col_before",
    "after": "import.col_after",
    "name": "col.name",
    "category": "col.category",
    "address": "col.address",
}


# The reasons importers skip rows for, as the page names them; any other is shown as written.
_SKIPPED = {
    NOT_IN_STORE: "import.skipped_not_in_store",
    "commune not in the store": "import.skipped_not_in_store",
    INCOMPLETE_MONTH: "import.skipped_incomplete_month",
    "not a shop of the directory (NAF rév. 2)": "import.skipped_not_a_shop",
    "establishment not in the store": "import.skipped_establishment_not_in_store",
    OTHER_PERIOD: "import.skipped_other_period",
    "no shop, amenity or craft tag of the directory": "import.skipped_no_category",
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


def show_preview(ctx, plan: Any) -> dict[str, int]:
    """Draw the counts and tables of a plan, and where every row went; return its counts."""
    numbers = counts(plan)
    st.subheader(ctx.t("import.preview"))
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
        if "events" in shown:
            shown["events"] = shown["events"].map(
                lambda events: ", ".join(
                    f"{ctx.t(f'event.{kind}')} {fmt_date(on, ctx.lang)}" for kind, on in events
                )
            )
        labels = {
            column: ctx.t(_COLUMN_LABELS[column]) for column in shown.columns if column in _COLUMN_LABELS
        }
        with st.expander(
            f"{ctx.t(f'import.table_{name}')} ({fmt_int(len(shown), ctx.lang)})", expanded=name != "notes"
        ):
            st.dataframe(shown.rename(columns=labels), hide_index=True, width="stretch")
    if needs_english_caption(ctx.lang) and any(
        not table.empty for name, table in tables.items() if name in ("rejected", "notes")
    ):
        st.caption(ctx.t("import.details_in_english"))
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
