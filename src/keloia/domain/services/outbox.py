"""Writing to the outbox: a message queued in the transaction of the change that caused
it, sent by the delivery worker after commit (channel.py)."""

from __future__ import annotations

from datetime import datetime
from typing import TypedDict, Unpack

from keloia.domain.model.channel import OutboxItem, Purpose
from keloia.domain.model.messages import OutboundMessage
from keloia.domain.services.deps import Deps
from keloia.domain.services.transaction import Transaction
from keloia.ports.storage import UnitOfWork


class Options(TypedDict, total=False):
    """How a queued message is treated; absent: the OutboxItem defaults (a reply)."""

    purpose: Purpose
    expires_at: datetime | None  # None: the purpose's time-to-live (TIME_TO_LIVE)
    in_reply_to: str | None  # the inbound message (WhatsApp id) it answers


def enqueue(
    deps: Deps,
    uow: UnitOfWork | Transaction,
    message: OutboundMessage,
    tenant_id: str | None,
    **options: Unpack[Options],
) -> None:
    """Write a message to the outbox; the delivery worker sends it after commit, retrying
    until it expires."""
    uow.outbox.add(outbox_item(deps, message, tenant_id, **options))


def outbox_item(
    deps: Deps, message: OutboundMessage, tenant_id: str | None, **options: Unpack[Options]
) -> OutboxItem:
    now = deps.clock.now()
    return OutboxItem(
        id=deps.ids.new_id(),
        tenant_id=tenant_id,
        message=message,
        next_attempt_at=now,
        created_at=now,
        updated_at=now,
        **options,
    )
