"""The one way to change the store: validate, write and audit in one transaction.

Transactions: the caller opens a session with `write_transaction(engine)` and passes it to
the service functions; the block commits when it ends and rolls back when an exception
leaves it. It first takes the store's write lock (BEGIN IMMEDIATE on SQLite, an advisory
lock on PostgreSQL), so that what a service reads cannot change before it writes; a block
that cannot get it within db.WRITE_WAIT_SECONDS raises Busy. A service function refuses any
other session, and runs in a savepoint of its own: when it raises, nothing it did is kept,
even if the caller catches the error and goes on. One user action, one block:

    with write_transaction(engine) as session:
        shop = update_shop(session, signed_in, shop_id, 3, {"phone": "02 40 45 12 34"})

Every function first checks that the actor may edit the commune concerned
(PermissionDenied), then validates (ValidationError, one message key per field; texts in
`wiker_data/i18n/validation.py`), then writes and records an audit entry. Concurrent edits are caught
on the version the user started from (a shop's `version`, a commune's `updated_at`):
Conflict carries the current values and the fields changed since.

Nothing here imports streamlit; pages key their caches on each commune's revision, which every
write transaction sets. Importing this package also keeps the monthly figures
(models.MonthlyFigures) in step with every session's changes from then on (services.figures).

The account changes and signing in are in `wiker_data.services.accounts`, imported from there:
not re-exported here, because `wiker_data.accounts` imports this package's errors.
"""

from wiker_data.services import figures
from wiker_data.services.audit import commune_history, history, record
from wiker_data.services.communes import update_commune
from wiker_data.services.errors import (
    AccountChanged,
    Actor,
    Busy,
    Conflict,
    NotFound,
    PermissionDenied,
    ServiceError,
    StoreChanged,
    ValidationError,
)
from wiker_data.services.shops import (
    add_catalogue_item,
    archive_shop,
    close_shops,
    create_shop,
    link_siret,
    record_status,
    remove_catalogue_item,
    restore_shop,
    update_catalogue_item,
    update_shop,
)
from wiker_data.services.transaction import perform, write_transaction
from wiker_data.services.undo import undo
from wiker_data.services.visits import VisitsSaved, save_visits

__all__ = [
    "AccountChanged",
    "Actor",
    "Busy",
    "Conflict",
    "NotFound",
    "PermissionDenied",
    "ServiceError",
    "StoreChanged",
    "ValidationError",
    "VisitsSaved",
    "add_catalogue_item",
    "archive_shop",
    "close_shops",
    "commune_history",
    "create_shop",
    "history",
    "link_siret",
    "perform",
    "record",
    "record_status",
    "remove_catalogue_item",
    "restore_shop",
    "save_visits",
    "undo",
    "update_catalogue_item",
    "update_commune",
    "update_shop",
    "write_transaction",
]

figures.register()
