"""The WhatsApp channel's bookkeeping: storing what Meta sends before answering it, and
delivering the outbox at least once."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from keloia.domain.errors import DeliveryFailed
from keloia.domain.model.channel import OutboxItem
from keloia.domain.model.events import MessageUndelivered, ReplyWritten
from keloia.domain.model.messages import (
    DeliveryState,
    InboundMessage,
    MessageKind,
    OutboundMessage,
    StatusUpdate,
)
from keloia.domain.model.templates import NOTICE
from keloia.domain.services.assistant import replies
from keloia.domain.services.deps import Deps
from keloia.domain.services.transaction import Transaction
from keloia.ports.messaging import Messenger

log = logging.getLogger("keloia.outbound")

# While one worker sends an item, others leave it alone for this long; a live worker
# renews it (renew_claims) every third of it, so a killed one's items are free again
# within one lease (the setting KELOIA_LEASE_SECONDS).
CLAIM_LEASE = timedelta(seconds=15)
# The approved template used when the 24-hour window has closed (docs/whatsapp.md).
NOTICE_TEMPLATE = NOTICE.name
TEMPLATE_PARAM_MAX = 900


def receive(
    deps: Deps, messages: Iterable[InboundMessage], statuses: Iterable[StatusUpdate]
) -> list[InboundMessage]:
    """Store every message (a repeated WhatsApp id is a no-op) and apply every status, in
    one transaction. Returns the messages that were new."""
    now = deps.clock.now()
    batch = list(messages)
    fresh: list[InboundMessage] = []
    with deps.uow() as uow:
        new = uow.inbox.add_many(batch, now) if batch else set()
        for message in batch:
            if message.wa_message_id in new:
                new.discard(message.wa_message_id)  # an id twice in the batch: once
                fresh.append(message)
        for status in statuses:
            _recover_sent_part(uow, status, now)
            if not uow.outbox.apply_status(status):
                continue
            if status.window_closed:
                _resend_as_template(uow, status.provider_message_id, now)
            elif status.state is DeliveryState.FAILED:
                item = uow.outbox.by_provider_id(status.provider_message_id)
                if item is not None:
                    uow.record(MessageUndelivered(item=item))
        uow.commit()
    return fresh


# Each part is sent with a key naming it; Meta echoes the key in the part's statuses.
_KEY_PREFIX = "keloia:"


def delivery_key(item_id: str, part: int, parts: int) -> str:
    return f"{_KEY_PREFIX}{item_id}:{part}:{parts}"


def _recover_sent_part(uow: Transaction, status: StatusUpdate, now: datetime) -> None:
    """A status for a part whose acceptance was never recorded (the worker died between
    Meta's answer and the database): it is recorded now, so the retry after the claim
    lease carries on from the next part instead of sending this one again."""
    if status.state is DeliveryState.FAILED or not status.delivery_key.startswith(_KEY_PREFIX):
        return
    parsed = status.delivery_key.removeprefix(_KEY_PREFIX).split(":")
    if len(parsed) != 3 or not (parsed[1].isdigit() and parsed[2].isdigit()):
        return
    item_id, part, parts = parsed[0], int(parsed[1]), int(parsed[2])
    item = uow.outbox.get(item_id)
    if item is None or item.state is not DeliveryState.QUEUED or item.parts_sent > part:
        return
    item.parts_sent = part + 1
    item.updated_at = now
    if item.parts_sent >= parts:
        # The whole message went out: apply_status then moves it on by this id.
        item.state = DeliveryState.SENT
        item.provider_message_id = status.provider_message_id
        item.attempts += 1
    uow.outbox.update(item)


def _resend_as_template(uow: Transaction, provider_message_id: str, now: datetime) -> None:
    """Meta accepted a free-form message, then reported the 24-hour window closed: it goes
    again as the approved notice template."""
    item = uow.outbox.by_provider_id(provider_message_id)
    if item is None or (item.message.kind is MessageKind.TEMPLATE and not item.message.fallback):
        return
    item.message = item.message.fallback or as_template(item.message)
    item.state = DeliveryState.QUEUED
    item.parts_sent = 0
    item.provider_message_id = None
    item.next_attempt_at = now
    item.updated_at = now
    uow.outbox.update(item)


def tell_rate_limited(deps: Deps, message: InboundMessage, tenant_id: str | None) -> None:
    """The one notice a person gets when their messages wait for the rate limit."""
    if message.from_phone is None:
        return
    with deps.uow() as uow:
        notice = replies.text(message.from_phone, replies.RATE_LIMITED)
        uow.record(ReplyWritten(message=notice, tenant_id=tenant_id))
        uow.commit()


def claim_due(
    deps: Deps, limit: int = 20, holder: str | None = None, lease: timedelta = CLAIM_LEASE
) -> list[OutboxItem]:
    """Take due outbox items for sending, leasing them to `holder` so others skip them."""
    now = deps.clock.now()
    with deps.uow() as uow:
        items = uow.outbox.claim(now, limit, holder, now + lease)
        uow.commit()
    return items


def renew_claims(deps: Deps, holder: str, lease: timedelta = CLAIM_LEASE) -> int:
    """The heartbeat of a live sender: what it still holds is leased for another `lease`."""
    with deps.uow() as uow:
        renewed = uow.outbox.renew_claims(holder, deps.clock.now() + lease)
        uow.commit()
    return renewed


def release_claims(deps: Deps, role_prefix: str, keep: str) -> int:
    """What holders of this role other than `keep` were sending is due again now: for a
    process that knows every earlier one of its role is dead (`keloia serve`)."""
    with deps.uow() as uow:
        released = uow.outbox.release_claims(role_prefix, keep, deps.clock.now())
        uow.commit()
    return released


def deliver(deps: Deps, messenger: Messenger, item: OutboxItem) -> OutboxItem:
    """Send one claimed item and record the outcome: sent, retried later with backoff while
    it is still worth sending, or given up (the owner is told). A closed 24-hour window
    turns a free-form message into the notice template.

    A message too long for one WhatsApp message goes out part by part; each accepted part
    is recorded at once, so a retry, or a worker after a crash, carries on from the next
    part and never sends an accepted one again."""
    now = deps.clock.now()
    if item.expired(now):
        item.expire(now)
        return _finish(deps, item)
    try:
        parts = messenger.parts(item.message)
        provider_id = item.provider_message_id or ""
        while item.parts_sent < len(parts):
            key = delivery_key(item.id, item.parts_sent, len(parts))
            provider_id = messenger.send(parts[item.parts_sent], key)
            item.parts_sent += 1
            if item.parts_sent < len(parts):
                # Only the last part's id is kept: its statuses speak for the message, and
                # a "sent" for an earlier part must not close a row with parts still to go.
                item.updated_at = deps.clock.now()
                _record(deps, item)
    except DeliveryFailed as failure:
        now = deps.clock.now()
        if item.message.fallback is not None and (failure.outside_window or not failure.retryable):
            # Refused for good (closed window, a template Meta will not take): the shorter
            # form goes instead, at once. Said in the log, never silently.
            log.warning(
                "message refused, sending its fallback",
                extra={"outbox_id": item.id, "error": failure.reason},
            )
            item.message = item.message.fallback
            item.parts_sent = 0
            item.last_error = failure.reason
            item.next_attempt_at = now
            item.updated_at = now
        elif failure.outside_window and item.message.kind is not MessageKind.TEMPLATE:
            remaining = parts[item.parts_sent :] if item.parts_sent else [item.message]
            item.message = as_template(item.message, remaining)
            item.parts_sent = 0
            item.last_error = failure.reason
            item.next_attempt_at = now
            item.updated_at = now
        elif failure.retryable:
            item.retry_later(now, failure.reason)
        else:
            item.give_up(now, failure.reason)
    else:
        item.sent(deps.clock.now(), provider_id)
    return _finish(deps, item)


def _finish(deps: Deps, item: OutboxItem) -> OutboxItem:
    """The outcome of one try recorded, and the item's claim let go."""
    item.claimed_by = None
    return _record(deps, item)


def _record(deps: Deps, item: OutboxItem) -> OutboxItem:
    with deps.uow() as uow:
        uow.outbox.update(item)
        if item.state is DeliveryState.FAILED:
            uow.record(MessageUndelivered(item=item))
        uow.commit()
    return item


def mask_phone(phone: str) -> str:
    """A number as it may appear in logs and alerts: country code and last 3 digits."""
    if len(phone) <= 7:
        return "***"
    return phone[:5] + "*" * (len(phone) - 8) + phone[-3:]


def deliver_due(
    deps: Deps,
    messenger: Messenger,
    limit: int = 20,
    *,
    holder: str | None = None,
    lease: timedelta = CLAIM_LEASE,
    delivered: Callable[[OutboxItem, timedelta], object] | None = None,
) -> int:
    """One sweep of the outbox: claim what is due (for `holder`, for `lease`) and try
    each, telling `delivered` the outcome and how long it took. Returns how many were
    tried; 0 when nothing was due."""
    items = claim_due(deps, limit, holder, lease)
    for item in items:
        started = deps.clock.now()
        result = deliver(deps, messenger, item)
        if delivered is not None:
            delivered(result, deps.clock.now() - started)
    return len(items)


def as_template(message: OutboundMessage, parts: Iterable[OutboundMessage] = ()) -> OutboundMessage:
    """The approved notice template carrying the message's text (or only that of the parts
    not sent yet), for outside the window; a document goes as its link."""
    texts = [p.body for p in parts] or [message.body]
    body = " ".join(" ".join(texts).split())
    link = f" {message.document.url}" if message.document else ""
    if len(body) + len(link) > TEMPLATE_PARAM_MAX:
        body = body[: TEMPLATE_PARAM_MAX - len(link) - 1] + "…"
    body += link
    return OutboundMessage(
        to=message.to,
        kind=MessageKind.TEMPLATE,
        template_name=NOTICE_TEMPLATE,
        template_params=(body,),
    )
