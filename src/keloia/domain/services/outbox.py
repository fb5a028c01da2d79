"""Writing to the outbox: a message queued in the transaction of the change that caused
it, sent by the delivery worker after commit (channel.py)."""

from __future__ import annotations

from datetime import datetime

from keloia.domain.model.channel import OutboxItem, Purpose
from keloia.domain.model.messages import OutboundMessage
from keloia.domain.services.deps import Deps
from keloia.domain.services.transaction import Transaction
from keloia.ports.storage import UnitOfWork


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
