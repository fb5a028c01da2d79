"""Repositories and the unit of work. Every repository call that reads or changes a
tenant's records takes the tenant id and touches nothing else; the only cross-tenant
lookups are the ones identity needs (a phone number, an invite code)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Protocol, Self

from keloia.domain.model import fleet
from keloia.domain.model.activity import ActivityEntry, ActivityQuery
from keloia.domain.model.alerts import Alert
from keloia.domain.model.bookings import Booking
from keloia.domain.model.channel import InboxItem, OutboxItem
from keloia.domain.model.common import DateRange
from keloia.domain.model.conversation import Conversation
from keloia.domain.model.media import MediaFile
from keloia.domain.model.messages import InboundMessage, StatusUpdate
from keloia.domain.model.money import TripCost
from keloia.domain.model.papers import PaperKind, PaperRecord, Receipt
from keloia.domain.model.payments import Payment
from keloia.domain.model.tenants import Invite, Tenant, User


class TenantRepository(Protocol):
    def add(self, tenant: Tenant) -> None: ...
    def get(self, tenant_id: str) -> Tenant | None: ...
    def update(self, tenant: Tenant) -> None: ...
    def all(self) -> list[Tenant]:
        """Every tenant: what the scheduled jobs go through."""
        ...


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
    def for_tenant(self, tenant_id: str) -> list[Invite]:
        """The tenant's invites, newest first."""
        ...


class BusRepository(Protocol):
    def add(self, bus: fleet.Bus) -> None: ...
    def get(self, tenant_id: str, bus_id: str) -> fleet.Bus | None: ...
    def update(self, bus: fleet.Bus) -> None: ...
    def all(self, tenant_id: str) -> list[fleet.Bus]: ...


class BookingRepository(Protocol):
    def add(self, booking: Booking) -> None: ...
    def get(self, tenant_id: str, booking_id: str) -> Booking | None: ...
    def update(self, booking: Booking) -> None: ...

    def get_many(self, tenant_id: str, booking_ids: Sequence[str]) -> list[Booking]:
        """The tenant's bookings of these ids, read together to be shown (not locked for a
        change, as `get` is), in the order of the ids; an unknown id is left out."""
        ...

    def overlapping(self, tenant_id: str, days: DateRange) -> list[Booking]:
        """Every booking (any status) with at least one day inside `days`, by departure."""
        ...

    def client_names(self, tenant_id: str, days: DateRange) -> tuple[str, ...]:
        """The client names of `overlapping(tenant_id, days)`, read without the bookings: in
        the order the bookings were made (created_at, then depart_date, then id), each
        spelling only at its first and at its last booking. Enough to know each client's
        first booking and latest spelling, in one row or two per name."""
        ...

    def holding(
        self, tenant_id: str, days: DateRange, bus_ids: Sequence[str], crew_ids: Sequence[str]
    ) -> list[Booking]:
        """Live bookings overlapping `days` that hold one of these buses or crew members."""
        ...

    def with_balance(self, tenant_id: str) -> list[Booking]:
        """Bookings the client still owes money on (`Booking.owed`): live ones whose
        agreed price is not yet covered by net payments, cancelled ones whose fee is not."""
        ...


class PaymentRepository(Protocol):
    """`for_booking` and `between` list the standing payments: a reversal and the payment
    it reverses are left out of both (`get` and `reversal_of` still find them)."""

    def add(self, payment: Payment) -> None: ...
    def get(self, tenant_id: str, payment_id: str) -> Payment | None: ...
    def reversal_of(self, tenant_id: str, payment_id: str) -> Payment | None: ...
    def for_booking(self, tenant_id: str, booking_id: str) -> list[Payment]: ...
    def between(self, tenant_id: str, start: date, end: date) -> list[Payment]:
        """Payments whose paid_date falls in [start, end]."""
        ...


class TripCostRepository(Protocol):
    def add(self, cost: TripCost) -> None: ...
    def for_booking(self, tenant_id: str, booking_id: str) -> list[TripCost]: ...
    def get(self, tenant_id: str, cost_id: str) -> TripCost | None: ...
    def update(self, cost: TripCost) -> None: ...
    def remove(self, tenant_id: str, cost_id: str) -> None: ...
    def for_trips_between(self, tenant_id: str, start: date, end: date) -> list[TripCost]:
        """Costs of the trips departing from `start` to `end` (both included)."""
        ...


class MaintenanceRepository(Protocol):
    def add(self, log: fleet.MaintenanceLog) -> None: ...
    def get(self, tenant_id: str, log_id: str) -> fleet.MaintenanceLog | None: ...
    def update(self, log: fleet.MaintenanceLog) -> None: ...
    def remove(self, tenant_id: str, log_id: str) -> None: ...
    def for_bus(self, tenant_id: str, bus_id: str) -> list[fleet.MaintenanceLog]:
        """Newest first."""
        ...

    def between(self, tenant_id: str, start: date, end: date) -> list[fleet.MaintenanceLog]:
        """The tenant's logs of work done from `start` to `end` (both included), every bus,
        oldest first."""
        ...

    def latest(
        self, tenant_id: str
    ) -> dict[tuple[str, fleet.MaintenanceType], fleet.MaintenanceLog]:
        """The newest log per (bus, type) of the tenant."""
        ...

    def set_interval(self, interval: fleet.ServiceInterval) -> None: ...
    def intervals(self, tenant_id: str) -> list[fleet.ServiceInterval]: ...
    def add_reading(self, reading: fleet.OdometerReading) -> None: ...
    def get_reading(self, tenant_id: str, reading_id: str) -> fleet.OdometerReading | None: ...
    def update_reading(self, reading: fleet.OdometerReading) -> None: ...
    def remove_reading(self, tenant_id: str, reading_id: str) -> None:
        """A reading taken back the day it was made (typed by mistake)."""
        ...

    def last_readings(self, tenant_id: str) -> dict[str, date]:
        """The date of each bus's newest odometer reading (buses never read are absent)."""
        ...


class DocumentRepository(Protocol):
    def add(self, document: fleet.Document) -> None: ...
    def get(self, tenant_id: str, document_id: str) -> fleet.Document | None: ...
    def update(self, document: fleet.Document) -> None: ...
    def remove(self, tenant_id: str, document_id: str) -> None: ...
    def all(self, tenant_id: str) -> list[fleet.Document]: ...
    def expiring(self, tenant_id: str, before: date) -> list[fleet.Document]:
        """Documents that expire before `before` (already expired ones included)."""
        ...


class ActivityRepository(Protocol):
    def add(self, entry: ActivityEntry) -> None: ...
    def all(self, tenant_id: str, entity_id: str | None = None) -> list[ActivityEntry]: ...
    def since(self, tenant_id: str, start: datetime) -> list[ActivityEntry]:
        """Entries at or after `start`, oldest first."""
        ...

    def between(self, tenant_id: str, query: ActivityQuery, limit: int) -> list[ActivityEntry]:
        """The newest `limit` entries `query` finds, newest first (what the PO's activity
        page shows)."""
        ...

    def count(self, tenant_id: str, query: ActivityQuery) -> int:
        """How many entries `between` would give with no limit."""
        ...


class AlertRepository(Protocol):
    def add(self, alert: Alert) -> None: ...
    def unread(self, tenant_id: str, user_id: str) -> list[Alert]:
        """The user's alerts not read yet."""
        ...

    def for_user(self, tenant_id: str, user_id: str, since: datetime | None = None) -> list[Alert]:
        """All the user's alerts, read or not (created after `since`, when given)."""
        ...

    def mark_read(self, tenant_id: str, user_id: str, alert_id: str | None = None) -> int:
        """Mark one of the user's alerts read (or all of them when `alert_id` is None).
        Returns how many changed."""
        ...

    def remove(self, tenant_id: str, key: str) -> None:
        """An alert settled (what it asked for is done): gone from the person's list."""
        ...


class ConversationRepository(Protocol):
    def get(self, tenant_id: str, user_id: str) -> Conversation:
        """The person's conversation; a new, empty one when there is none yet."""
        ...

    def save(self, conversation: Conversation) -> None: ...


class InboxRepository(Protocol):
    def add(self, message: InboundMessage, received_at: datetime) -> bool:
        """Store a message unless its WhatsApp id is already there (Meta's retries, two
        copies at once): a database uniqueness rule, not a check-then-insert. True when new."""
        ...

    def add_many(self, messages: Sequence[InboundMessage], received_at: datetime) -> set[str]:
        """`add` for several messages at once (one statement where the database allows);
        returns the WhatsApp ids that were new. An id twice in `messages` is stored once."""
        ...

    def get(self, wa_message_id: str) -> InboxItem | None: ...

    def pending(self, limit: int) -> list[InboxItem]:
        """Messages received but not yet processed, oldest first."""
        ...

    def pending_from(self, phone: str, limit: int) -> list[InboxItem]:
        """One sender's unprocessed messages, in the order they were sent."""
        ...

    def mark_processed(self, wa_message_id: str) -> bool:
        """Received -> processed. False when it already was (another worker won): the
        database, not the caller's earlier read, decides, so a message is applied once."""
        ...

    def record_failure(self, wa_message_id: str) -> int:
        """Count a failed attempt at handling the message; returns the attempts so far."""
        ...

    def last_seen(self, phones: Sequence[str]) -> dict[str, datetime]:
        """When each of these numbers last wrote to us (WhatsApp's 24-hour window); numbers
        that never wrote are absent. One query however many numbers."""
        ...


class OutboxRepository(Protocol):
    def add(self, item: OutboxItem) -> None: ...
    def add_many(self, items: Sequence[OutboxItem]) -> None:
        """Many items in one statement (a morning's briefings for a whole team)."""
        ...

    def get(self, item_id: str) -> OutboxItem | None: ...
    def update(self, item: OutboxItem) -> None: ...

    def by_provider_id(self, provider_message_id: str) -> OutboxItem | None: ...

    def claim(
        self, now: datetime, limit: int, holder: str | None, until: datetime
    ) -> list[OutboxItem]:
        """Up to `limit` queued items whose next attempt is due, oldest first, leased to
        `holder` until `until` (their next attempt moved there, so no one else takes
        them meanwhile) in one statement; returned as they are now. Rows another
        transaction is claiming are skipped."""
        ...

    def renew_claims(self, holder: str, until: datetime) -> int:
        """The queued items `holder` is sending leased to `until`; returns how many."""
        ...

    def release_claims(self, role_prefix: str, keep: str, now: datetime) -> int:
        """Items held by a holder whose id starts with `role_prefix` (other than `keep`),
        known dead, due again at `now`; returns how many."""
        ...

    def apply_status(self, update: StatusUpdate) -> bool:
        """Move the item with this provider id forward (never back). True when it moved."""
        ...

    def recent(self, phone: str | None, limit: int) -> list[OutboxItem]:
        """The newest items, to one phone or to anyone (the simulator's view)."""
        ...


class JobRepository(Protocol):
    def claim(self, job: str, key: str, day: date) -> bool:
        """Mark `job` done for `key` (a tenant) on `day`, unless it already is: a database
        uniqueness rule, so two schedulers never both run it. True when this call claimed it."""
        ...

    def claim_many(self, job: str, keys: Sequence[tuple[str, date]]) -> set[tuple[str, date]]:
        """claim() for many (key, day) pairs in one statement; returns the ones this call
        claimed (the others were done before)."""
        ...

    def claimed(self, job: str, keys: Sequence[tuple[str, date]]) -> set[tuple[str, date]]:
        """Which of these (key, day) pairs are done already. Reads only."""
        ...


class ReceiptRepository(Protocol):
    def next_number(self, tenant_id: str, year: int) -> int:
        """Take the PO's next kwitansi number for `year`. The counter is held by this
        transaction until it ends: a concurrent caller waits and gets the following
        number, and a rollback gives the number back, so there is never a gap or a twin."""
        ...

    def add(self, receipt: Receipt) -> None: ...
    def for_payment(self, tenant_id: str, payment_id: str) -> Receipt | None: ...
    def for_payments(self, tenant_id: str, payment_ids: Sequence[str]) -> list[Receipt]: ...


class PaperRepository(Protocol):
    def get(
        self, tenant_id: str, kind: PaperKind, subject_id: str, version: str
    ) -> PaperRecord | None: ...

    def add(self, record: PaperRecord) -> None:
        """Keep a drawn paper; the same version twice (two requests at once) is a no-op."""
        ...


class MediaRepository(Protocol):
    def add(self, media: MediaFile) -> None: ...
    def get(self, tenant_id: str, media_id: str) -> MediaFile | None: ...
    def for_message(self, tenant_id: str, wa_message_id: str) -> MediaFile | None: ...
    def attach(self, tenant_id: str, media_id: str, entity: str, entity_id: str) -> None: ...


class Repositories(Protocol):
    """The roster: every repository a unit of work carries. Adapters' units of work and
    the core's Transaction subclass it and build theirs from REPOSITORIES."""

    tenants: TenantRepository
    users: UserRepository
    invites: InviteRepository
    buses: BusRepository
    bookings: BookingRepository
    payments: PaymentRepository
    trip_costs: TripCostRepository
    maintenance: MaintenanceRepository
    documents: DocumentRepository
    activity: ActivityRepository
    alerts: AlertRepository
    conversations: ConversationRepository
    inbox: InboxRepository
    outbox: OutboxRepository
    jobs: JobRepository
    receipts: ReceiptRepository
    papers: PaperRepository
    media: MediaRepository


REPOSITORIES: tuple[str, ...] = tuple(Repositories.__annotations__)


class UnitOfWork(Repositories, Protocol):
    """One transaction. `with uow:` opens it; `commit()` makes it durable; leaving the
    block without commit rolls back. When the database itself refuses a write that raced
    with another (two bookings of one bus at once), commit raises StorageConflict."""

    def __enter__(self) -> Self: ...
    def __exit__(self, *exc_info: object) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...


class UnitOfWorkFactory(Protocol):
    def __call__(self, *, read_only: bool = False) -> UnitOfWork:
        """A fresh unit of work; each request, job or message takes its own. A read-only
        one reads a consistent snapshot and writes nothing (it is never committed), so it
        need not wait for, nor hold up, the writers (SQLite's one write lock)."""
        ...
