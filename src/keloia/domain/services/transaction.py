"""The unit of work the use cases open (Deps.uow()): the storage's transaction plus the
events its use cases record, whose handlers run in it before it commits."""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import BaseModel

from keloia.domain.errors import NotFound
from keloia.domain.model.activity import MessageSource
from keloia.domain.model.bookings import Booking
from keloia.domain.model.channel import OutboxItem, one_alert_each
from keloia.domain.model.events import Event
from keloia.domain.model.fleet import Bus
from keloia.domain.model.payments import Payment
from keloia.domain.model.tenants import TenantSettings, User
from keloia.ports.storage import (
    REPOSITORIES,
    BusRepository,
    OutboxRepository,
    Repositories,
    UnitOfWork,
    UserRepository,
)

if TYPE_CHECKING:
    from keloia.domain.services.deps import Deps

R = TypeVar("R", bound=BaseModel)
T = TypeVar("T")
Handler = Callable[[Any, "Transaction"], None]
Handlers = Mapping[type[Event], Sequence[Handler]]


class _Kept(Generic[R]):
    """A users or buses repository whose `all(tenant_id)` (the team, the fleet) is read
    once per transaction: the conflict check, the handlers' recipients and the flow share
    it. Any write of a user or bus of that tenant forgets it."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self._kept: dict[str, list[R]] = {}

    def add(self, record: R) -> None:
        self._kept.pop(record.tenant_id, None)  # type: ignore[attr-defined]
        self._inner.add(record)

    def update(self, record: R) -> None:
        self._kept.pop(record.tenant_id, None)  # type: ignore[attr-defined]
        self._inner.update(record)

    def all(self, tenant_id: str) -> list[R]:
        if tenant_id not in self._kept:
            self._kept[tenant_id] = self._inner.all(tenant_id)
        # A shallow copy is a separate record: a person's and a bus's fields are all
        # immutable values (tests/domain/test_transaction.py holds them to that), and a
        # deep copy of the team and the fleet on every call was 6% of a message's CPU.
        return [r.model_copy() for r in self._kept[tenant_id]]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


class _Queued:
    """The outbox of a root transaction: the messages a change queues (the reply, the
    owners' alert, the crew's notice) are written together when it commits, one statement
    for all; any other use of the outbox writes the waiting ones first."""

    def __init__(self, inner: OutboxRepository) -> None:
        self._inner = inner
        self._waiting: list[OutboxItem] = []

    def add(self, item: OutboxItem) -> None:
        self._waiting.append(item)

    def add_many(self, items: Sequence[OutboxItem]) -> None:
        self._waiting.extend(items)

    def write(self) -> None:
        if self._waiting:
            items, self._waiting = self._waiting, []
            self._inner.add_many(one_alert_each(items))

    def forget(self) -> None:
        self._waiting = []

    def __getattr__(self, name: str) -> Any:
        self.write()
        return getattr(self._inner, name)


class Transaction(Repositories):
    """One unit of work plus the events its use cases record. Commit runs the handlers
    of every recorded event (they may record more) in the same transaction, then commits:
    a change and everything that follows from it are durable together, or not at all.

    A joined transaction (Deps.within) hands its events to the outer one when it ends
    cleanly; its commit is the outer one's. Events recorded with `record_refusal` stand
    even when the change is refused: the outermost transaction writes them on their own
    after rolling back."""

    # Declared again: a root transaction wraps these (_Kept, _Queued).
    users: UserRepository
    buses: BusRepository
    outbox: OutboxRepository

    def __init__(
        self, deps: Deps, outer: Transaction | None = None, *, read_only: bool = False
    ) -> None:
        self.deps = deps
        self._outer = outer
        self._read_only = read_only
        self._uow: UnitOfWork | None = None
        self._events: list[Event] = []
        self._refusals: list[Event] = []
        # The WhatsApp message these changes come from (set by the assistant's flow): the
        # paper trail keeps it. A joined transaction reads its outer one's.
        self.source: MessageSource | None = outer.source if outer is not None else None

    def __enter__(self) -> Transaction:
        if self._outer is not None:
            for name in REPOSITORIES:
                setattr(self, name, getattr(self._outer, name))
            return self
        # Asked for only when reading: a writer is what every factory makes by default.
        storage = self.deps.storage
        uow = self._uow = (storage(read_only=True) if self._read_only else storage()).__enter__()
        for name in REPOSITORIES:
            setattr(self, name, getattr(uow, name))
        self.users = _Kept[User](uow.users)
        self.buses = _Kept[Bus](uow.buses)
        self.outbox = _Queued(uow.outbox)
        return self

    def __exit__(self, *exc_info: object) -> None:
        exc = exc_info[1] if len(exc_info) > 1 else None
        events, self._events = self._events, []
        refusals, self._refusals = self._refusals, []
        if self._outer is not None:
            if exc is None:
                self._outer._events.extend(events)
            self._outer._refusals.extend(refusals)
            return
        assert self._uow is not None
        self._uow.__exit__(*exc_info)
        if exc is not None and refusals:
            with Transaction(self.deps) as fresh:  # type: ignore[abstract]
                fresh._events = refusals
                fresh.commit()

    def record(self, event: Event) -> None:
        """Something happened; its handlers run when the outermost transaction commits.
        Kept as it is now: later changes to the same objects do not rewrite history."""
        self._events.append(copy.deepcopy(event))

    def record_refusal(self, event: Event) -> None:
        """Something was refused, and the refusal itself is news (ConflictRefused)."""
        self._refusals.append(copy.deepcopy(event))

    def save(
        self, write: Callable[[T], object], record: T, event: Event, *, dry_run: bool = False
    ) -> T:
        """How a use case that changes one record ends: on a dry run (a proposal checked
        before the person confirms it) nothing is written; otherwise `write` stores the
        record, `event` says what happened and the change commits."""
        if not dry_run:
            write(record)
            self.record(event)
            self.commit()
        return record

    def team(self, tenant_id: str) -> list[User]:
        """The tenant's people (read once per transaction: see _Kept)."""
        return self.users.all(tenant_id)

    def settings(self, tenant_id: str) -> TenantSettings:
        """The tenant's settings; the defaults when the PO is not found."""
        tenant = self.tenants.get(tenant_id)
        return tenant.settings if tenant else TenantSettings()

    def payment_with_booking(self, tenant_id: str, payment_id: str) -> tuple[Payment, Booking]:
        """A payment and the booking it was paid on, as a correction or an undo of it reads
        them; NotFound ("Pembayaran itu tidak ditemukan.") when either is not there."""
        payment = self.payments.get(tenant_id, payment_id)
        booking = self.bookings.get(tenant_id, payment.booking_id) if payment else None
        if payment is None or booking is None:
            raise NotFound("Pembayaran itu tidak ditemukan.")
        return payment, booking

    def commit(self) -> None:
        if self._outer is not None:
            return
        assert self._uow is not None
        queue, self._events = self._refusals + self._events, []
        self._refusals = []
        handlers = self.deps.table()
        while queue:
            event = queue.pop(0)
            for handler in handlers.get(type(event), ()):
                handler(event, self)
            queue.extend(self._events)
            self._events = []
        self._queued().write()
        self._uow.commit()

    def rollback(self) -> None:
        self._events, self._refusals = [], []
        if self._outer is None and self._uow is not None:
            self._queued().forget()
            self._uow.rollback()

    def _queued(self) -> _Queued:
        assert isinstance(self.outbox, _Queued)
        return self.outbox
