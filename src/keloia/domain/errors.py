"""Domain errors. The apps translate them into replies (WhatsApp) or 4xx (HTTP)."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from keloia.domain.model.bookings import Clash
    from keloia.domain.model.common import DateRange

T = TypeVar("T")


class DomainError(Exception):
    """Base of every refusal the business rules make. `message` is Indonesian, user-facing."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(DomainError):
    """The record does not exist for this tenant (another tenant's record is 'not found' too)."""


class ClientNotFound(NotFound):
    """No booking of the client named: most often a name misspoken or misremembered."""


def found(record: T | None, what: str) -> T:
    """The record looked up, or NotFound saying "<what> tidak ditemukan."."""
    if record is None:
        raise NotFound(f"{what} tidak ditemukan.")
    return record


class Forbidden(DomainError):
    """The actor's role may not do this."""


class InvalidInput(DomainError):
    """A value breaks a rule (negative money, return before departure, unknown phone format)."""


class ReadingBelowLast(InvalidInput):
    """An odometer reading lower than the bus's last: most often a digit left out, put
    right by the next message ("eh salah, 151.800")."""


class AlreadyCancelled(InvalidInput):
    """A change asked of a booking that was cancelled already."""


class InvalidTransition(DomainError):
    """A booking status change the status machine does not allow."""


class ScheduleConflict(DomainError):
    """A bus or crew member is already in a live booking whose days overlap."""

    def __init__(
        self,
        message: str,
        clashes: list[Clash],
        booking_id: str | None = None,
        days: DateRange | None = None,
    ) -> None:
        super().__init__(message)
        self.clashes = clashes
        # The booking refused (a change of a saved one keeps its id) and the days it wanted.
        self.booking_id = booking_id
        self.days = days


class Overpayment(DomainError):
    """A payment beyond what is owed, not stated as an overpayment."""


class InviteInvalid(DomainError):
    """An invite code that does not exist, expired or is used up."""


class AlreadyRegistered(DomainError):
    """The phone number already belongs to a user."""


class LoginRefused(DomainError):
    """A login code or session that is wrong, expired, locked, or not for a dashboard user."""


class RateLimited(DomainError):
    """Too many attempts from one phone or one address: try again later."""


class WarningsNotAcknowledged(DomainError):
    """Allowed, but with warnings (an expiring KIR or SIM) the caller must accept first."""

    def __init__(self, message: str, warnings: list[str]) -> None:
        super().__init__(message)
        self.warnings = warnings


class PapersUnavailable(DomainError):
    """Papers (PDFs) are not wired in this deployment (no file store or renderer)."""


class StorageConflict(Exception):
    """Raised by a storage adapter when a database constraint caught a race the domain check
    could not see (two writers at once). Services retry the command once, which then fails with
    the ordinary domain error naming the clash."""


class DeliveryFailed(Exception):
    """A messenger could not deliver a message. `retryable` says whether trying again can
    help; `outside_window` that WhatsApp's 24-hour window is closed (a template is needed)."""

    def __init__(self, reason: str, *, retryable: bool, outside_window: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retryable = retryable
        self.outside_window = outside_window


class MediaUnavailable(Exception):
    """A file a person sent could not be fetched or may not be kept (too big, wrong type).
    `retryable` says whether fetching again later can help."""

    def __init__(self, reason: str, *, retryable: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retryable = retryable
