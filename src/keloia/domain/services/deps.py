"""The core's one dependency bag (Deps) and its unit of work with events (Transaction)."""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from keloia.domain.errors import StorageConflict
from keloia.domain.model.channel import STALE_AFTER, OutboxItem, Purpose
from keloia.domain.model.events import Event
from keloia.domain.model.fleet import Bus
from keloia.domain.model.messages import OutboundMessage
from keloia.domain.model.tenants import User
from keloia.ports.calendar import HolidayCalendar
from keloia.ports.clock import Clock, IdGenerator
from keloia.ports.extractor import IntentExtractor
from keloia.ports.files import FileLinks, FileStore
from keloia.ports.keyvalue import KeyValueStore
from keloia.ports.papers import PaperRenderer
from keloia.ports.storage import (
    REPOSITORIES,
    BusRepository,
    Repositories,
    UnitOfWork,
    UnitOfWorkFactory,
    UserRepository,
)

T = TypeVar("T")
R = TypeVar("R", bound=BaseModel)
Handler = Callable[[Any, "Transaction"], None]
Handlers = Mapping[type[Event], Sequence[Handler]]


@dataclass(frozen=True)
class Deps:
    """What every use case needs from the world, wired once by bootstrap(): storage, the
    clock, ids, the table of what follows each event, and (for the WhatsApp assistant)
    the extractor. `joined` is set inside one message's (or job's) transaction."""

    storage: UnitOfWorkFactory
    clock: Clock
    ids: IdGenerator
    handlers: Handlers | None = None  # None: every handler (handlers.HANDLERS)
    extractor: IntentExtractor | None = None
    stale_after: timedelta = STALE_AFTER
    # Papers: where files are kept, how a paper is drawn, how a download link is made.
    files: FileStore | None = None
    renderer: PaperRenderer | None = None
    links: FileLinks | None = None
    # Counters with expiry for guessing limits (invite codes); bootstrap() wires the
    # shared key-value store. None: only the per-message limits apply.
    limits: KeyValueStore | None = None
    calendar: HolidayCalendar | None = None  # public holidays, for the season ahead
    joined: Transaction | None = None

    def uow(self) -> Transaction:
        """A unit of work. The outermost one commits; inside `within(...)` a use case
        joins the caller's transaction and its commit is the caller's business."""
        # The repositories are set from the roster on entry, which mypy cannot see.
        return Transaction(self, self.joined)  # type: ignore[abstract]

    def within(self, transaction: Transaction) -> Deps:
        """Deps whose use cases join `transaction` instead of opening their own: how one
        WhatsApp message's change, reply and bookkeeping commit together."""
        return replace(self, joined=transaction)

    def retry_on_race(self, command: Callable[[], T]) -> T:
        """A database constraint caught a write that raced with another. Running the
        command again lets the domain check see the winner and refuse with a proper
        explanation. Only the outermost transaction retries: a joined one is retried by
        whoever owns it, once."""
        if self.joined is not None:
            return command()
        try:
            return command()
        except StorageConflict:
            return command()

    def table(self) -> Handlers:
        if self.handlers is not None:
            return self.handlers
        from keloia.domain.services.handlers import HANDLERS

        return HANDLERS


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
        return [r.model_copy(deep=True) for r in self._kept[tenant_id]]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


class Transaction(Repositories):
    """One unit of work plus the events its use cases record. Commit runs the handlers
    of every recorded event (they may record more) in the same transaction, then commits:
    a change and everything that follows from it are durable together, or not at all.

    A joined transaction (Deps.within) hands its events to the outer one when it ends
    cleanly; its commit is the outer one's. Events recorded with `record_refusal` stand
    even when the change is refused: the outermost transaction writes them on their own
    after rolling back."""

    # Declared again: a root transaction wraps these two (_Kept).
    users: UserRepository
    buses: BusRepository

    def __init__(self, deps: Deps, outer: Transaction | None = None) -> None:
        self.deps = deps
        self._outer = outer
        self._uow: UnitOfWork | None = None
        self._events: list[Event] = []
        self._refusals: list[Event] = []

    def __enter__(self) -> Transaction:
        if self._outer is not None:
            for name in REPOSITORIES:
                setattr(self, name, getattr(self._outer, name))
            return self
        uow = self._uow = self.deps.storage().__enter__()
        for name in REPOSITORIES:
            setattr(self, name, getattr(uow, name))
        self.users = _Kept[User](uow.users)
        self.buses = _Kept[Bus](uow.buses)
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

    def team(self, tenant_id: str) -> list[User]:
        """The tenant's people (read once per transaction: see _Kept)."""
        return self.users.all(tenant_id)

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
        self._uow.commit()

    def rollback(self) -> None:
        self._events, self._refusals = [], []
        if self._outer is None and self._uow is not None:
            self._uow.rollback()


def enqueue(
    deps: Deps,
    uow: UnitOfWork | Transaction,
    message: OutboundMessage,
    tenant_id: str | None,
    *,
    purpose: Purpose = Purpose.REPLY,
    expires_at: datetime | None = None,
    in_reply_to: str | None = None,
) -> None:
    """Write a message to the outbox; the delivery worker sends it after commit, retrying
    until `expires_at` (default: the purpose's time-to-live, TIME_TO_LIVE). `in_reply_to`:
    the inbound message it answers."""
    uow.outbox.add(
        outbox_item(
            deps,
            message,
            tenant_id,
            purpose=purpose,
            expires_at=expires_at,
            in_reply_to=in_reply_to,
        )
    )


def outbox_item(
    deps: Deps,
    message: OutboundMessage,
    tenant_id: str | None,
    *,
    purpose: Purpose = Purpose.REPLY,
    expires_at: datetime | None = None,
    in_reply_to: str | None = None,
) -> OutboxItem:
    now = deps.clock.now()
    return OutboxItem(
        id=deps.ids.new_id(),
        tenant_id=tenant_id,
        message=message,
        next_attempt_at=now,
        created_at=now,
        updated_at=now,
        purpose=purpose,
        expires_at=expires_at,
        in_reply_to=in_reply_to,
    )
