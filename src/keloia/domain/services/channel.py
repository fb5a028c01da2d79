"""The WhatsApp channel's bookkeeping: storing what Meta sends before answering it, and
delivering the outbox at least once."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from keloia.domain.errors import DeliveryFailed
from keloia.domain.model.channel import WINDOW_CLOSED_CODE, OutboxItem
from keloia.domain.model.messages import (
    DeliveryState,
    InboundMessage,
    MessageKind,
    OutboundMessage,
    StatusUpdate,
)
from keloia.domain.services.deps import Deps
from keloia.ports.messaging import Messenger
from keloia.ports.storage import UnitOfWork

# While one worker sends an item, others leave it alone for this long.
CLAIM_LEASE = timedelta(seconds=60)
# The approved template used when the 24-hour window has closed (docs/whatsapp.md).
NOTICE_TEMPLATE = "keloia_pemberitahuan"
TEMPLATE_PARAM_MAX = 900


def receive(
    deps: Deps, messages: Iterable[InboundMessage], statuses: Iterable[StatusUpdate]
) -> list[InboundMessage]:
    """Store every message (a repeated WhatsApp id is a no-op) and apply every status, in
    one transaction. Returns the messages that were new."""
    now = deps.clock.now()
    fresh: list[InboundMessage] = []
    with deps.uow() as uow:
        for message in messages:
            if uow.inbox.add(message, now):
                fresh.append(message)
        for status in statuses:
            if uow.outbox.apply_status(status) and status.error_code == WINDOW_CLOSED_CODE:
                _resend_as_template(uow, status.provider_message_id, now)
        uow.commit()
    return fresh


def _resend_as_template(uow: UnitOfWork, provider_message_id: str, now: datetime) -> None:
    """Meta accepted a free-form message, then reported the 24-hour window closed: it goes
    again as the approved notice template."""
    item = uow.outbox.by_provider_id(provider_message_id)
    if item is None or item.message.kind is MessageKind.TEMPLATE:
        return
    item.message = as_template(item.message)
    item.state = DeliveryState.QUEUED
    item.provider_message_id = None
    item.next_attempt_at = now
    item.updated_at = now
    uow.outbox.update(item)


def claim_due(deps: Deps, limit: int = 20) -> list[OutboxItem]:
    """Take due outbox items for sending, leasing them so other workers skip them."""
    now = deps.clock.now()
    with deps.uow() as uow:
        items = uow.outbox.due(now, limit)
        for item in items:
            item.next_attempt_at = now + CLAIM_LEASE
            uow.outbox.update(item)
        uow.commit()
    return items


def deliver(deps: Deps, messenger: Messenger, item: OutboxItem) -> OutboxItem:
    """Send one claimed item and record the outcome: sent, retried later with backoff, or
    given up. A closed 24-hour window turns a free-form message into the notice template."""
    now = deps.clock.now()
    try:
        provider_id = messenger.send(item.message)
    except DeliveryFailed as failure:
        if failure.outside_window and item.message.kind is not MessageKind.TEMPLATE:
            item.message = as_template(item.message)
            item.last_error = failure.reason
            item.next_attempt_at = now
            item.updated_at = now
        elif failure.retryable:
            item.retry_later(now, failure.reason)
        else:
            item.give_up(now, failure.reason)
    else:
        item.sent(now, provider_id)
    with deps.uow() as uow:
        uow.outbox.update(item)
        uow.commit()
    return item


def deliver_due(deps: Deps, messenger: Messenger, limit: int = 20) -> int:
    """One sweep of the outbox. Returns how many items were tried."""
    items = claim_due(deps, limit)
    for item in items:
        deliver(deps, messenger, item)
    return len(items)


def as_template(message: OutboundMessage) -> OutboundMessage:
    """The approved notice template carrying the message's text, for outside the window."""
    body = " ".join(message.body.split())
    if len(body) > TEMPLATE_PARAM_MAX:
        body = body[: TEMPLATE_PARAM_MAX - 1] + "…"
    return OutboundMessage(
        to=message.to,
        kind=MessageKind.TEMPLATE,
        template_name=NOTICE_TEMPLATE,
        template_params=(body,),
    )
