"""Repositories over dictionaries. A unit of work stages a copy of the state and swaps it in
on commit, under one lock: the same all-or-nothing, one-writer-at-a-time behaviour the SQL
adapter gives on SQLite. Records go in and out as copies, so changing a returned object
does nothing until `update()`, as with a database."""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, ClassVar, Generic, Self, TypeVar

from pydantic import BaseModel

from keloia.adapters.roster import RosterMember
from keloia.domain.model.activity import ActivityEntry, ActivityQuery
from keloia.domain.model.alerts import Alert
from keloia.domain.model.bookings import Booking, search_window
from keloia.domain.model.channel import InboxItem, InboxState, OutboxItem
from keloia.domain.model.common import DateRange
from keloia.domain.model.conversation import Conversation
from keloia.domain.model.fleet import (
    Bus,
    Document,
    MaintenanceLog,
    MaintenanceType,
    OdometerReading,
    ServiceInterval,
)
from keloia.domain.model.media import MediaFile
from keloia.domain.model.messages import (
    DeliveryState,
    InboundMessage,
    StatusUpdate,
    moves_forward,
)
from keloia.domain.model.money import TripCost
from keloia.domain.model.papers import PaperKind, PaperRecord, Receipt
from keloia.domain.model.payments import Payment
from keloia.domain.model.tenants import Invite, Tenant, User
from keloia.ports.storage import REPOSITORIES, Repositories

from .papers import MemoryMedia, MemoryPapers, MemoryReceipts

M = TypeVar("M", bound=BaseModel)


def _copy(record: M) -> M:
    return record.model_copy(deep=True)


@dataclass
class MemoryState:
    tenants: dict[str, Tenant] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    invites: dict[str, Invite] = field(default_factory=dict)
    buses: dict[str, Bus] = field(default_factory=dict)
    bookings: dict[str, Booking] = field(default_factory=dict)
    payments: dict[str, Payment] = field(default_factory=dict)
    trip_costs: dict[str, TripCost] = field(default_factory=dict)
    maintenance: dict[str, MaintenanceLog] = field(default_factory=dict)
    intervals: dict[tuple[str, str, MaintenanceType], ServiceInterval] = field(default_factory=dict)
    readings: dict[str, OdometerReading] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)
    activity: list[ActivityEntry] = field(default_factory=list)
    alerts: dict[str, Alert] = field(default_factory=dict)
    conversations: dict[tuple[str, str], Conversation] = field(default_factory=dict)
    inbox: dict[str, InboxItem] = field(default_factory=dict)
    outbox: dict[str, OutboxItem] = field(default_factory=dict)
    jobs: set[tuple[str, str, date]] = field(default_factory=set)
    receipt_counters: dict[tuple[str, int], int] = field(default_factory=dict)
    receipts: dict[tuple[str, str], Receipt] = field(default_factory=dict)
    papers: dict[tuple[str, PaperKind, str, str], PaperRecord] = field(default_factory=dict)
    media: dict[str, MediaFile] = field(default_factory=dict)

    def copy(self) -> MemoryState:
        """A copy of each container, sharing the records: what a unit of work stages. A
        record in the state is never changed in place (the repositories store and hand out
        copies, and replace a record to change it), so copying the containers isolates a
        transaction as a deep copy would, without copying every record of the PO each time."""
        return MemoryState(
            **{name: copy.copy(getattr(self, name)) for name in MemoryState.__dataclass_fields__}
        )


class _Repo(RosterMember):
    """A repository over the staged state."""

    def __init__(self, state: MemoryState) -> None:
        self.state = state


class _Records(_Repo, Generic[M]):
    """add / get / update / all of one tenant's records, kept by key, as copies."""

    records: ClassVar[str]  # the MemoryState field
    key: ClassVar[str] = "id"

    def _all(self) -> dict[str, M]:
        found: dict[str, M] = getattr(self.state, self.records)
        return found

    def add(self, record: M) -> None:
        self._all()[getattr(record, self.key)] = _copy(record)

    def get(self, tenant_id: str, key: str) -> M | None:
        return _scoped(self._all(), tenant_id, key)

    def update(self, record: M) -> None:
        _replace(self._all(), getattr(record, self.key), record)

    def remove(self, tenant_id: str, key: str) -> None:
        if _scoped(self._all(), tenant_id, key) is None:
            raise KeyError(f"no such record to remove: {key}")
        del self._all()[key]

    def _select(
        self,
        tenant_id: str,
        keep: Callable[[M], bool],
        order: Callable[[M], Any],
        reverse: bool = False,
    ) -> list[M]:
        found = [r for r in self._all().values() if self._owned(r, tenant_id) and keep(r)]
        return [_copy(r) for r in sorted(found, key=order, reverse=reverse)]

    @staticmethod
    def _owned(record: M, tenant_id: str) -> bool:
        return getattr(record, "tenant_id", None) == tenant_id

    def all(self, tenant_id: str) -> list[M]:
        return [
            _copy(r) for r in self._all().values() if getattr(r, "tenant_id", None) == tenant_id
        ]


def _scoped(records: dict[str, M], tenant_id: str, key: str) -> M | None:
    record = records.get(key)
    if record is None or getattr(record, "tenant_id", None) != tenant_id:
        return None
    return _copy(record)


def _replace(records: dict[str, M], key: str, record: M) -> None:
    if key not in records or getattr(records[key], "tenant_id", None) != getattr(
        record, "tenant_id", None
    ):
        raise KeyError(f"no such record to update: {key}")
    records[key] = _copy(record)


class MemoryTenants(_Repo, roster="tenants"):
    def add(self, tenant: Tenant) -> None:
        self.state.tenants[tenant.id] = _copy(tenant)

    def get(self, tenant_id: str) -> Tenant | None:
        found = self.state.tenants.get(tenant_id)
        return _copy(found) if found else None

    def update(self, tenant: Tenant) -> None:
        _replace(self.state.tenants, tenant.id, tenant)

    def all(self) -> list[Tenant]:
        return [_copy(t) for t in sorted(self.state.tenants.values(), key=lambda t: t.id)]


class MemoryUsers(_Records[User], roster="users"):
    records = "users"

    def add(self, user: User) -> None:
        if any(u.phone == user.phone for u in self.state.users.values()):
            raise ValueError("phone already registered")
        super().add(user)

    def by_phone(self, phone: str) -> User | None:
        found = next((u for u in self.state.users.values() if u.phone == phone), None)
        return _copy(found) if found else None


class MemoryInvites(_Records[Invite], roster="invites"):
    records = "invites"
    key = "code"

    def by_code(self, code: str) -> Invite | None:
        found = self.state.invites.get(code)
        return _copy(found) if found else None

    def for_tenant(self, tenant_id: str) -> list[Invite]:
        found = [_copy(i) for i in self.state.invites.values() if i.tenant_id == tenant_id]
        return sorted(found, key=lambda i: (i.created_at, i.code), reverse=True)


class MemoryBuses(_Records[Bus], roster="buses"):
    records = "buses"


def _by_departure(booking: Booking) -> tuple[date, str]:
    return booking.depart_date, booking.id


class MemoryBookings(_Records[Booking], roster="bookings"):
    records = "bookings"

    def get_many(self, tenant_id: str, booking_ids: Sequence[str]) -> list[Booking]:
        found = (_scoped(self._all(), tenant_id, i) for i in dict.fromkeys(booking_ids))
        return [b for b in found if b is not None]

    def overlapping(self, tenant_id: str, days: DateRange) -> list[Booking]:
        window = search_window(days)
        return self._select(
            tenant_id,
            lambda b: window.start <= b.depart_date <= window.end and b.return_date >= days.start,
            _by_departure,
        )

    def client_names(self, tenant_id: str, days: DateRange) -> tuple[str, ...]:
        made = sorted(
            self.overlapping(tenant_id, days), key=lambda b: (b.created_at, b.depart_date, b.id)
        )
        first: dict[str, int] = {}
        last: dict[str, int] = {}
        for n, booking in enumerate(made):
            first.setdefault(booking.client_name, n)
            last[booking.client_name] = n
        kept = sorted({*first.values(), *last.values()})
        return tuple(made[n].client_name for n in kept)

    def holding(
        self, tenant_id: str, days: DateRange, bus_ids: Sequence[str], crew_ids: Sequence[str]
    ) -> list[Booking]:
        wanted = set(bus_ids) | set(crew_ids)
        return [
            b
            for b in self.overlapping(tenant_id, days)
            if b.is_live and wanted & (set(b.bus_ids()) | set(b.crew_ids()))
        ]

    def with_balance(self, tenant_id: str) -> list[Booking]:
        return self._select(tenant_id, lambda b: b.owed > 0, _by_departure)


def _by_paid_date(payment: Payment) -> tuple[date, str]:
    return payment.paid_date, payment.id


class MemoryPayments(_Records[Payment], roster="payments"):
    records = "payments"

    def for_booking(self, tenant_id: str, booking_id: str) -> list[Payment]:
        return self._standing(tenant_id, lambda p: p.booking_id == booking_id)

    def between(self, tenant_id: str, start: date, end: date) -> list[Payment]:
        return self._standing(tenant_id, lambda p: start <= p.paid_date <= end)

    def reversal_of(self, tenant_id: str, payment_id: str) -> Payment | None:
        found = self._select(tenant_id, lambda p: p.reverses == payment_id, _by_paid_date)
        return found[0] if found else None

    def _standing(self, tenant_id: str, keep: Callable[[Payment], bool]) -> list[Payment]:
        reversed_ids = {p.reverses for p in self._all().values() if p.reverses}
        return self._select(
            tenant_id,
            lambda p: keep(p) and not p.reverses and p.id not in reversed_ids,
            _by_paid_date,
        )


def _by_trip_date(cost: TripCost) -> tuple[date, str]:
    return cost.trip_date, cost.id


class MemoryTripCosts(_Records[TripCost], roster="trip_costs"):
    records = "trip_costs"

    def for_booking(self, tenant_id: str, booking_id: str) -> list[TripCost]:
        return self._select(tenant_id, lambda c: c.booking_id == booking_id, _by_trip_date)

    def for_trips_between(self, tenant_id: str, start: date, end: date) -> list[TripCost]:
        return self._select(tenant_id, lambda c: start <= c.trip_date <= end, _by_trip_date)


class MemoryMaintenance(_Records[MaintenanceLog], roster="maintenance"):
    records = "maintenance"

    def for_bus(self, tenant_id: str, bus_id: str) -> list[MaintenanceLog]:
        def newest_first(log: MaintenanceLog) -> tuple[date, str]:
            return log.performed_date, log.id

        return self._select(tenant_id, lambda m: m.bus_id == bus_id, newest_first, reverse=True)

    def between(self, tenant_id: str, start: date, end: date) -> list[MaintenanceLog]:
        def oldest_first(log: MaintenanceLog) -> tuple[date, str]:
            return log.performed_date, log.id

        return self._select(tenant_id, lambda m: start <= m.performed_date <= end, oldest_first)

    def latest(self, tenant_id: str) -> dict[tuple[str, MaintenanceType], MaintenanceLog]:
        newest: dict[tuple[str, MaintenanceType], MaintenanceLog] = {}
        for log in sorted(self.state.maintenance.values(), key=lambda m: (m.performed_date, m.id)):
            if log.tenant_id == tenant_id:
                newest[(log.bus_id, log.type)] = _copy(log)
        return newest

    def set_interval(self, interval: ServiceInterval) -> None:
        key = (interval.tenant_id, interval.bus_id, interval.type)
        self.state.intervals[key] = _copy(interval)

    def intervals(self, tenant_id: str) -> list[ServiceInterval]:
        return [_copy(i) for i in self.state.intervals.values() if i.tenant_id == tenant_id]

    def add_reading(self, reading: OdometerReading) -> None:
        self.state.readings[reading.id] = _copy(reading)

    def get_reading(self, tenant_id: str, reading_id: str) -> OdometerReading | None:
        found = self.state.readings.get(reading_id)
        return _copy(found) if found is not None and found.tenant_id == tenant_id else None

    def update_reading(self, reading: OdometerReading) -> None:
        if self.get_reading(reading.tenant_id, reading.id) is not None:
            self.state.readings[reading.id] = _copy(reading)

    def remove_reading(self, tenant_id: str, reading_id: str) -> None:
        if self.get_reading(tenant_id, reading_id) is not None:
            del self.state.readings[reading_id]

    def last_readings(self, tenant_id: str) -> dict[str, date]:
        newest: dict[str, date] = {}
        for r in self.state.readings.values():
            if r.tenant_id == tenant_id and r.reading_date > newest.get(r.bus_id, date.min):
                newest[r.bus_id] = r.reading_date
        return newest


class MemoryDocuments(_Records[Document], roster="documents"):
    records = "documents"

    def expiring(self, tenant_id: str, before: date) -> list[Document]:
        return [d for d in self.all(tenant_id) if d.expires_on < before]


class MemoryActivity(_Repo, roster="activity"):
    def add(self, entry: ActivityEntry) -> None:
        self.state.activity.append(_copy(entry))

    def all(self, tenant_id: str, entity_id: str | None = None) -> list[ActivityEntry]:
        return [
            _copy(e)
            for e in self.state.activity
            if e.tenant_id == tenant_id and (entity_id is None or e.entity_id == entity_id)
        ]

    def since(self, tenant_id: str, start: datetime) -> list[ActivityEntry]:
        found = [e for e in self.state.activity if e.tenant_id == tenant_id and e.at >= start]
        return [_copy(e) for e in sorted(found, key=lambda e: (e.at, e.id))]

    def between(self, tenant_id: str, query: ActivityQuery, limit: int) -> list[ActivityEntry]:
        newest = sorted(self._kept(tenant_id, query), key=lambda e: (e.at, e.id))[::-1]
        return [_copy(e) for e in newest[: max(limit, 0)]]

    def count(self, tenant_id: str, query: ActivityQuery) -> int:
        return len(self._kept(tenant_id, query))

    def _kept(self, tenant_id: str, query: ActivityQuery) -> list[ActivityEntry]:
        return [e for e in self.state.activity if e.tenant_id == tenant_id and query.keeps(e)]


class MemoryAlerts(_Repo, roster="alerts"):
    def add(self, alert: Alert) -> None:
        self.state.alerts[alert.id] = _copy(alert)

    def unread(self, tenant_id: str, user_id: str) -> list[Alert]:
        return [a for a in self.for_user(tenant_id, user_id) if not a.read]

    def for_user(self, tenant_id: str, user_id: str, since: datetime | None = None) -> list[Alert]:
        return [
            _copy(a)
            for a in self.state.alerts.values()
            if a.tenant_id == tenant_id
            and a.user_id == user_id
            and (since is None or a.created_at > since)
        ]

    def mark_read(self, tenant_id: str, user_id: str, alert_id: str | None = None) -> int:
        changed = 0
        for alert in list(self.state.alerts.values()):
            mine = alert.tenant_id == tenant_id and alert.user_id == user_id
            if mine and not alert.read and alert_id in (None, alert.id):
                self.state.alerts[alert.id] = alert.model_copy(update={"read": True})
                changed += 1
        return changed

    def remove(self, tenant_id: str, key: str) -> None:
        found = self.state.alerts.get(key)
        if found is None or found.tenant_id != tenant_id:
            raise KeyError(f"no such alert to remove: {key}")
        del self.state.alerts[key]


class MemoryConversations(_Repo, roster="conversations"):
    def get(self, tenant_id: str, user_id: str) -> Conversation:
        found = self.state.conversations.get((tenant_id, user_id))
        return _copy(found) if found else Conversation(tenant_id=tenant_id, user_id=user_id)

    def save(self, conversation: Conversation) -> None:
        key = (conversation.tenant_id, conversation.user_id)
        self.state.conversations[key] = _copy(conversation)


class MemoryInbox(_Repo, roster="inbox"):
    def add(self, message: InboundMessage, received_at: datetime) -> bool:
        if message.wa_message_id in self.state.inbox:
            return False
        self.state.inbox[message.wa_message_id] = InboxItem(
            message=message, received_at=received_at
        )
        return True

    def add_many(self, messages: Sequence[InboundMessage], received_at: datetime) -> set[str]:
        return {m.wa_message_id for m in messages if self.add(m, received_at)}

    def get(self, wa_message_id: str) -> InboxItem | None:
        return self.state.inbox.get(wa_message_id)

    def pending(self, limit: int) -> list[InboxItem]:
        waiting = [i for i in self.state.inbox.values() if i.state is InboxState.RECEIVED]
        return sorted(waiting, key=lambda i: (i.received_at, i.message.sent_at))[:limit]

    def pending_from(self, phone: str, limit: int) -> list[InboxItem]:
        waiting = [
            i
            for i in self.state.inbox.values()
            if i.state is InboxState.RECEIVED and i.message.from_phone == phone
        ]
        return sorted(waiting, key=lambda i: (i.message.sent_at, i.received_at))[:limit]

    def mark_processed(self, wa_message_id: str) -> bool:
        item = self.state.inbox.get(wa_message_id)
        if item is None or item.state is InboxState.PROCESSED:
            return False
        self.state.inbox[wa_message_id] = item.model_copy(
            update={"state": InboxState.PROCESSED, "attempts": item.attempts + 1}
        )
        return True

    def record_failure(self, wa_message_id: str) -> int:
        item = self.state.inbox[wa_message_id]
        self.state.inbox[wa_message_id] = item.model_copy(update={"attempts": item.attempts + 1})
        return item.attempts + 1

    def last_seen(self, phones: Sequence[str]) -> dict[str, datetime]:
        wanted = set(phones)
        seen: dict[str, datetime] = {}
        for item in self.state.inbox.values():
            phone = item.message.from_phone
            if (
                phone
                and phone in wanted
                and (phone not in seen or item.message.sent_at > seen[phone])
            ):
                seen[phone] = item.message.sent_at
        return seen


class MemoryOutbox(_Repo, roster="outbox"):
    def add(self, item: OutboxItem) -> None:
        self.state.outbox[item.id] = _copy(item)

    def add_many(self, items: Sequence[OutboxItem]) -> None:
        for item in items:
            self.add(item)

    def get(self, item_id: str) -> OutboxItem | None:
        found = self.state.outbox.get(item_id)
        return _copy(found) if found else None

    def update(self, item: OutboxItem) -> None:
        self.state.outbox[item.id] = _copy(item)

    def by_provider_id(self, provider_message_id: str) -> OutboxItem | None:
        found = next(
            (i for i in self.state.outbox.values() if i.provider_message_id == provider_message_id),
            None,
        )
        return _copy(found) if found else None

    def claim(
        self, now: datetime, limit: int, holder: str | None, until: datetime
    ) -> list[OutboxItem]:
        ready = [
            i
            for i in self.state.outbox.values()
            if i.state is DeliveryState.QUEUED and i.next_attempt_at <= now
        ]
        taken = sorted(ready, key=lambda i: (i.created_at, i.id))[:limit]
        claimed = [self._put(i, next_attempt_at=until, claimed_by=holder) for i in taken]
        return [_copy(i) for i in claimed]

    def renew_claims(self, holder: str, until: datetime) -> int:
        held = self._claimed(lambda who: who == holder)
        for item in held:
            self._put(item, next_attempt_at=until)
        return len(held)

    def release_claims(self, role_prefix: str, keep: str, now: datetime) -> int:
        dead = self._claimed(lambda who: who.startswith(role_prefix) and who != keep)
        for item in dead:
            self._put(item, next_attempt_at=now, claimed_by=None)
        return len(dead)

    def _put(self, item: OutboxItem, **changes: object) -> OutboxItem:
        """The item changed as a new record: the one in the state is shared with the
        committed state until the unit of work commits."""
        changed = item.model_copy(update=changes)
        self.state.outbox[item.id] = changed
        return changed

    def _claimed(self, whose: Callable[[str], bool]) -> list[OutboxItem]:
        return [
            i
            for i in self.state.outbox.values()
            if i.state is DeliveryState.QUEUED and i.claimed_by and whose(i.claimed_by)
        ]

    def apply_status(self, update: StatusUpdate) -> bool:
        for item in self.state.outbox.values():
            if item.provider_message_id == update.provider_message_id:
                if not moves_forward(item.state, update.state):
                    return False
                changes: dict[str, object] = {"state": update.state, "updated_at": update.at}
                if update.error_code is not None:
                    changes["last_error"] = f"{update.error_code} {update.error_title}".strip()
                self._put(item, **changes)
                return True
        return False

    def recent(self, phone: str | None, limit: int) -> list[OutboxItem]:
        items = [i for i in self.state.outbox.values() if phone is None or i.message.to == phone]
        return [_copy(i) for i in sorted(items, key=lambda i: (i.created_at, i.id))[-limit:]]


class MemoryJobs(_Repo, roster="jobs"):
    def claim(self, job: str, key: str, day: date) -> bool:
        if (job, key, day) in self.state.jobs:
            return False
        self.state.jobs.add((job, key, day))
        return True

    def claim_many(self, job: str, keys: Sequence[tuple[str, date]]) -> set[tuple[str, date]]:
        return {(key, day) for key, day in keys if self.claim(job, key, day)}

    def claimed(self, job: str, keys: Sequence[tuple[str, date]]) -> set[tuple[str, date]]:
        return {(key, day) for key, day in keys if (job, key, day) in self.state.jobs}


# Defined beside the papers' fakes, which cannot subclass _Repo without an import cycle.
_Repo.roster.update(receipts=MemoryReceipts, papers=MemoryPapers, media=MemoryMedia)


class MemoryUnitOfWork(Repositories):
    def __init__(self, committed: MemoryState, lock: threading.RLock) -> None:
        self._committed = committed
        self._lock = lock
        self._staged = committed

    def __enter__(self) -> Self:
        self._lock.acquire()
        self._staged = self._committed.copy()
        for name, repository in _Repo.roster.items():
            setattr(self, name, repository(self._staged))
        return self

    def __exit__(self, *exc_info: object) -> None:
        # Whatever was staged and not committed is simply dropped.
        self._lock.release()

    def commit(self) -> None:
        for name in MemoryState.__dataclass_fields__:
            setattr(self._committed, name, copy.copy(getattr(self._staged, name)))

    def rollback(self) -> None:
        self._staged = self._committed.copy()
        for name in REPOSITORIES:
            repo: _Repo = getattr(self, name)
            repo.state = self._staged


class MemoryUnitOfWorkFactory:
    """Every unit of work it makes shares one committed state: the fake database."""

    def __init__(self) -> None:
        self.state = MemoryState()
        self._lock = threading.RLock()

    def __call__(self, *, read_only: bool = False) -> MemoryUnitOfWork:
        return MemoryUnitOfWork(self.state, self._lock)  # type: ignore[abstract]  # roster-built
