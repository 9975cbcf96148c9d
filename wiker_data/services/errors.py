"""What the service layer raises, who it acts for, and its one permission check.

`require_edit` is the single place that decides who may edit a commune (an admin edits every
commune, a coordinator only theirs) and raises PermissionDenied, the one class of that refusal.
It imports nothing from `wiker_data.accounts`, so that the accounts can import these errors.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Protocol

from wiker_data.i18n import SERVICES_LANGUAGE, field_message


class ServiceError(Exception):
    """Base of every error the service layer raises on purpose; nothing was written."""


class ValidationError(ServiceError):
    """Invalid input: one message key per field, with the parameters its message needs.

    `errors` maps a field ("phone", "position", "row 3.visits") to a key of
    `i18n.FIELD_MESSAGES` ("phone.invalid"); `params` maps the same field to the values
    the message is formatted with (e.g. {"max": 200, "length": 10000}).
    """

    def __init__(self, errors: Mapping[str, str], params: Mapping[str, Mapping[str, Any]] | None = None):
        self.errors: dict[str, str] = dict(errors)
        self.params: dict[str, dict[str, Any]] = {field: dict(p) for field, p in (params or {}).items()}
        super().__init__("; ".join(f"{field}: {self.message(field)}" for field in self.errors))

    @classmethod
    def one(cls, field: str, key: str, **params: Any) -> ValidationError:
        """Return the error of a single field."""
        return cls({field: key}, {field: params} if params else None)

    def message(self, field: str, lang: str = SERVICES_LANGUAGE) -> str:
        """Return the message of `field` in `lang` (one of i18n.LANGUAGES; English by default)."""
        return field_message(self.errors[field], lang, self.params.get(field, {}))

    def messages(self, lang: str = SERVICES_LANGUAGE) -> dict[str, str]:
        """Return {field: message in `lang`}."""
        return {field: self.message(field, lang) for field in self.errors}


class ErrorCollector:
    """Gathers the first error of each field over several checks, then raises them together."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}
        self.params: dict[str, dict[str, Any]] = {}

    def add(self, field: str, key: str, **params: Any) -> None:
        if field not in self.errors:
            self.errors[field] = key
            if params:
                self.params[field] = params

    @contextmanager
    def catch(self) -> Iterator[None]:
        try:
            yield
        except ValidationError as exc:
            for field, key in exc.errors.items():
                self.add(field, key, **exc.params.get(field, {}))

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors, self.params)


class Conflict(ServiceError):
    """Someone else changed the record since the user read it, or an undo no longer applies.

    `current` holds the record's values now (empty when it is gone) and `changed_fields`
    the fields changed since the version the user started from.
    """

    def __init__(self, current: Mapping[str, Any], changed_fields: list[str], reason: str = "changed"):
        self.current = dict(current)
        self.changed_fields = list(changed_fields)
        self.reason = reason
        super().__init__(f"{reason}: {', '.join(self.changed_fields) or 'record'}")


class Busy(ServiceError):
    """Another write (a long import) held the store past db.WRITE_WAIT_SECONDS; try again later."""

    def __init__(self) -> None:
        super().__init__("the store is busy with another change: nothing was written, try again")


class StoreChanged(ServiceError):
    """The store changed between the preview of an import and its Apply: nothing was written; the
    file must be planned again (and the new preview shown)."""

    def __init__(self, planned: int, current: int) -> None:
        self.planned = planned
        self.current = current
        super().__init__(
            f"the store changed since the preview (revision {planned}, now {current}): nothing was written"
        )


class NotFound(ServiceError):
    """No such record."""

    def __init__(self, entity: str, entity_id: object):
        self.entity = entity
        self.entity_id = entity_id
        super().__init__(f"no {entity} {entity_id}")


class PermissionDenied(ServiceError):
    """A change the actor may not make: `account_name` (None: nobody signed in) may not edit the
    commune `commune_code`."""

    def __init__(self, message: str, account_name: str | None, commune_code: str | None) -> None:
        super().__init__(message)
        self.account_name = account_name
        self.commune_code = commune_code


class AccountChanged(PermissionDenied):
    """The signed-in account was disabled, removed or renamed since the sign-in: sign in again."""

    def __init__(self, account_name: str) -> None:
        message = f"the account {account_name} was disabled or changed: sign in again"
        super().__init__(message, account_name, None)


class Actor(Protocol):
    """Who a change is made for: an `accounts.SignedIn`, or any object with these (a command's actor)."""

    @property
    def account_id(self) -> int | None: ...  # None: a command or an import

    @property
    def name(self) -> str: ...

    @property
    def role(self) -> str: ...  # "admin" or "coordinator"

    @property
    def communes(self) -> tuple[str, ...]: ...  # the communes a coordinator edits


def can_edit(actor: Actor | None, commune_code: str | None) -> bool:
    """Return True when `actor` (an `accounts.SignedIn`, a command's actor) may change the data of the
    commune `commune_code`; a commune code of None, data of no commune, is for admins only."""
    if actor is None:
        return False
    return actor.role == "admin" or commune_code in actor.communes


def require_edit(actor: Actor | None, commune_code: str | None) -> None:
    """Raise PermissionDenied, naming the commune, unless `actor` may change its data."""
    if can_edit(actor, commune_code):
        return
    if actor is None:
        raise PermissionDenied(f"sign in to edit the commune {commune_code}", None, commune_code)
    raise PermissionDenied(
        f"{actor.name} may not edit the commune {commune_code}: "
        f"a coordinator edits only their communes ({', '.join(actor.communes)})",
        actor.name,
        commune_code,
    )


# The name the service and importer modules call the check by: the same function.
