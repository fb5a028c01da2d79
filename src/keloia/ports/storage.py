"""Repositories and the unit of work. Every repository call that reads or changes a
tenant's records takes the tenant id and touches nothing else; the only cross-tenant
lookups are the ones identity needs (a phone number, an invite code)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from types import TracebackType
from typing import Protocol, Self

from keloia.domain.model.activity import ActivityEntry
from keloia.domain.model.alerts import Alert
from keloia.domain.model.bookings import Booking
from keloia.domain.model.common import DateRange
from keloia.domain.model.fleet import (
    Bus,
    Document,
    MaintenanceLog,
    MaintenanceType,
    OdometerReading,
    ServiceInterval,
)
from keloia.domain.model.payments import Payment
from keloia.domain.model.tenants import Invite, Tenant, User


class TenantRepository(Protocol):
    def add(self, tenant: Tenant) -> None: ...
    def get(self, tenant_id: str) -> Tenant | None: ...
    def update(self, tenant: Tenant) -> None: ...


class UserRepository(Protocol):
    def add(self, user: User) -> None: ...
    def get(self, tenant_id: str, user_id: str) -> User | None: ...
    def update(self, user: User) -> None: ...
    def all(self, tenant_id: str) -> list[User]: ...
    def by_phone(self, phone: str) -> User | None:
        """Identity lookup: which tenant and user a WhatsApp number belongs to."""
        ...


class InviteRepository(Protocol):
    def add(self, invite: Invite) -> None: ...
    def by_code(self, code: str) -> Invite | None:
        """Identity lookup: the code itself says which tenant it joins."""
        ...

    def update(self, invite: Invite) -> None: ...


class BusRepository(Protocol):
    def add(self, bus: Bus) -> None: ...
    def get(self, tenant_id: str, bus_id: str) -> Bus | None: ...
    def update(self, bus: Bus) -> None: ...
    def all(self, tenant_id: str) -> list[Bus]: ...


class BookingRepository(Protocol):
    def add(self, booking: Booking) -> None: ...
    def get(self, tenant_id: str, booking_id: str) -> Booking | None: ...
    def update(self, booking: Booking) -> None: ...

    def overlapping(self, tenant_id: str, days: DateRange) -> list[Booking]:
        """Every booking (any status) with at least one day inside `days`, by departure."""
        ...

    def holding(
        self, tenant_id: str, days: DateRange, bus_ids: Sequence[str], crew_ids: Sequence[str]
    ) -> list[Booking]:
        """Live bookings overlapping `days` that hold one of these buses or crew members."""
        ...

    def with_balance(self, tenant_id: str) -> list[Booking]:
        """Live bookings whose agreed price is not yet covered by net payments."""
        ...

    def by_client(self, tenant_id: str, client_name: str) -> list[Booking]:
        """Bookings whose client name matches, case-insensitively (newest first)."""
        ...


class PaymentRepository(Protocol):
    def add(self, payment: Payment) -> None: ...
    def for_booking(self, tenant_id: str, booking_id: str) -> list[Payment]: ...
    def between(self, tenant_id: str, start: date, end: date) -> list[Payment]:
        """Payments whose paid_date falls in [start, end]."""
        ...


class MaintenanceRepository(Protocol):
    def add(self, log: MaintenanceLog) -> None: ...
    def for_bus(self, tenant_id: str, bus_id: str) -> list[MaintenanceLog]:
        """Newest first."""
        ...

    def latest(self, tenant_id: str) -> dict[tuple[str, MaintenanceType], MaintenanceLog]:
        """The newest log per (bus, type) of the tenant."""
        ...

    def set_interval(self, interval: ServiceInterval) -> None: ...
    def intervals(self, tenant_id: str) -> list[ServiceInterval]: ...
    def add_reading(self, reading: OdometerReading) -> None: ...


class DocumentRepository(Protocol):
    def add(self, document: Document) -> None: ...
    def get(self, tenant_id: str, document_id: str) -> Document | None: ...
    def update(self, document: Document) -> None: ...
    def all(self, tenant_id: str) -> list[Document]: ...
    def expiring(self, tenant_id: str, before: date) -> list[Document]:
        """Documents that expire before `before` (already expired ones included)."""
        ...


class ActivityRepository(Protocol):
    def add(self, entry: ActivityEntry) -> None: ...
    def all(self, tenant_id: str, entity_id: str | None = None) -> list[ActivityEntry]: ...


class AlertRepository(Protocol):
    def add(self, alert: Alert) -> None: ...
    def for_user(self, tenant_id: str, user_id: str, unread_only: bool = True) -> list[Alert]: ...


class UnitOfWork(Protocol):
    """One transaction. `with uow:` opens it; `commit()` makes it durable; leaving the
    block without commit rolls back. When the database itself refuses a write that raced
    with another (two bookings of one bus at once), commit raises StorageConflict."""

    tenants: TenantRepository
    users: UserRepository
    invites: InviteRepository
    buses: BusRepository
    bookings: BookingRepository
    payments: PaymentRepository
    maintenance: MaintenanceRepository
    documents: DocumentRepository
    activity: ActivityRepository
    alerts: AlertRepository

    def __enter__(self) -> Self: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...


class UnitOfWorkFactory(Protocol):
    def __call__(self) -> UnitOfWork:
        """A fresh unit of work; each request, job or message takes its own."""
        ...
