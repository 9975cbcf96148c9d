"""Running a change from a page: the one helper every write of the app goes through. It hands
the service function to the service layer, which runs it in a write transaction of its own,
and shows in the user's language what the service refused (then nothing was written); after a
successful save, the message to show once the page has rerun."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from types import SimpleNamespace
from typing import Any

import streamlit as st

from wiker_data import i18n, services
from wiker_ui import auth, loaders

FLASH_KEY = "edit_flash"
CONFLICT_KEY = "edit_conflict"


def flash(message: str) -> None:
    """Keep a success message to show after the rerun that follows a save."""
    st.session_state[FLASH_KEY] = message


def show_flash() -> None:
    if message := st.session_state.pop(FLASH_KEY, None):
        st.success(message, icon=":material/check_circle:")


@contextlib.contextmanager
def saving(ctx) -> Iterator[SimpleNamespace]:
    """Run a save; show what the service refused, in the user's language (nothing was written).

    Yields an outcome whose `ok` is True once the block ran through. A Conflict is re-raised
    after its details are kept, for the caller's dialogue.
    """
    outcome = SimpleNamespace(ok=False)
    try:
        yield outcome
        outcome.ok = True
    except services.ValidationError as error:
        st.error(ctx.t("edit.invalid"), icon=":material/error:")
        for field, message in error.messages(ctx.lang).items():
            st.markdown(i18n.field_line(field, message, ctx.lang))
    except services.AccountChanged:  # disabled or renamed since the sign-in: signed out
        auth.sign_out()
        st.error(ctx.t("edit.account_changed"))
    except services.PermissionDenied as error:
        st.error(ctx.t("edit.denied", commune=error.commune_code or "—"))
    except services.NotFound:
        st.error(ctx.t("edit.not_found"))
    except services.Busy:
        st.error(ctx.t("edit.busy"))
    except services.Conflict as error:
        st.session_state[CONFLICT_KEY] = {"current": error.current, "changed": error.changed_fields}
        raise


def write(ctx, change: Callable[..., Any], *args: Any, **kwargs: Any) -> SimpleNamespace:
    """Run the service function `change(session, *args, **kwargs)` in a write transaction of its
    own (services.perform) and show what the service refused.

    Returns an outcome: `ok` is True when the change was written, `value` holds what `change`
    returned. A Conflict is re-raised (see `saving`).
    """
    with saving(ctx) as outcome:
        outcome.value = services.perform(loaders.engine(ctx.url), change, *args, **kwargs)
    return outcome
