"""One inbound message's world: who wrote (from their number, never from the text), their
PO, their conversation, the fleet and the team. Read once per message, before the
extractor runs, and passed along to everything that answers the message."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from keloia.domain.model.conversation import Conversation
from keloia.domain.model.fleet import Bus
from keloia.domain.model.tenants import Tenant, User
from keloia.domain.services.deps import Deps, Transaction


@dataclass(frozen=True)
class MessageContext:
    deps: Deps  # joined to the message's transaction once `joined` is called
    actor: User  # the sender
    tenant: Tenant
    today: date
    conversation: Conversation
    team: list[User] = field(default_factory=list)
    buses: list[Bus] = field(default_factory=list)
    # The names of the clients booked around today (resolve.LOOKBACK to LOOKAHEAD); none
    # for a tapped button or list row (only text is read for names).
    clients: tuple[str, ...] = ()
    transaction: Transaction | None = None
    # The bookings an answer to this message showed, in order: what the next message may
    # mean by "yg itu" or "pake wahyu aja" (Conversation.topic).
    shown: list[str] = field(default_factory=list)
    # Every booking a list answer covers, the lines cut for length too: what "total
    # nilainya brp" after "des ada brp trip" adds up.
    listed: list[str] = field(default_factory=list)
    # The message's own words, for what the reading leaves out ("kasih wahyu aja" fills a
    # crew place, "ganti wahyu aja" replaces someone).
    text: str = ""
    # The bus of a problem the sender was alerted of since their last message: what "tak
    # kirim bus 02 buat gantiin" leans on, as on a last answer.
    alerted_bus: str | None = None

    def joined(self, transaction: Transaction) -> MessageContext:
        """This context inside the message's transaction: use cases join it, and the
        conversation is a fresh copy (a refused attempt's edits are not carried over)."""
        return replace(
            self,
            deps=self.deps.within(transaction),
            transaction=transaction,
            conversation=self.conversation.clone(),
            shown=[],
            listed=[],
        )

    def show(self, booking_ids: Iterable[str]) -> None:
        """An answer names these bookings (a trip card, a schedule's lines)."""
        self.shown.extend(i for i in booking_ids if i not in self.shown)

    def show_list(self, booking_ids: Iterable[str], lines: int) -> None:
        """A list answer covers these bookings and shows the first `lines` of them."""
        covered = list(booking_ids)
        self.listed.extend(i for i in covered if i not in self.listed)
        self.show(covered[:lines])

    @property
    def uow(self) -> Transaction:
        if self.transaction is None:
            raise RuntimeError("the message context is used outside its transaction")
        return self.transaction
