"""The core's one dependency bag: Deps, wired once by bootstrap() and passed to every use
case. Its unit of work is a Transaction (transaction.py), re-exported here for the callers
that take both."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import TypeVar

from keloia.domain.errors import StorageConflict
from keloia.domain.model.channel import STALE_AFTER
from keloia.domain.services.transaction import Handlers, Transaction
from keloia.ports.calendar import HolidayCalendar
from keloia.ports.clock import Clock, IdGenerator
from keloia.ports.extractor import IntentExtractor
from keloia.ports.files import FileLinks, FileStore
from keloia.ports.keyvalue import KeyValueStore
from keloia.ports.papers import PaperRenderer
from keloia.ports.storage import UnitOfWorkFactory

__all__ = ["Deps", "Transaction"]

T = TypeVar("T")


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

    def read(self) -> Transaction:
        """A unit of work that only reads (never committed): on SQLite it neither waits
        for the writers nor holds them up. Inside `within(...)`, the caller's transaction."""
        return Transaction(self, self.joined, read_only=True)  # type: ignore[abstract]

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
