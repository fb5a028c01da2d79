"""The work itself, whoever runs it. Every task is idempotent: the inbox and outbox rows,
not the queue, say what is left to do, so a lost, repeated or reordered task is harmless."""

from __future__ import annotations

import logging
import time
from contextlib import nullcontext
from datetime import datetime, timedelta

from keloia.apps.logs import mask_phones
from keloia.bootstrap import Keloia
from keloia.domain.model.channel import (
    MAX_HANDLING_ATTEMPTS,
    RATE_COUNT_TTL_SECONDS,
    RATE_DEFER,
    RATE_DEFER_TTL_SECONDS,
    InboxItem,
    OutboxItem,
    Throttle,
    rate_window,
    throttle_for,
)
from keloia.domain.model.messages import DeliveryState, InboundMessage
from keloia.domain.services import channel, team
from keloia.domain.services.assistant import give_up, handle_inbound
from keloia.domain.services.media import keep_media
from keloia.ports.messaging import TaskQueue

log = logging.getLogger("keloia.inbound")
sent_log = logging.getLogger("keloia.outbound")

BATCH = 20
# Another worker holds the sender: it handles their messages; no point waiting long.
LOCK_WAIT_SECONDS = 1.0


class SenderBusy(Exception):
    """Another worker holds this sender's lock; the messages stay in the inbox for later."""


def process_sender(keloia: Keloia, phone: str) -> int:
    """Handle one sender's stored messages one at a time, in the order they were sent."""
    handled = 0
    who = team.identify_cached(keloia.deps, keloia.kv, phone)
    tenant_id = who[0] if who else None
    with keloia.locks.hold("chat:" + phone, timeout_seconds=LOCK_WAIT_SECONDS) as held:
        if not held:
            raise SenderBusy(mask_phones(phone))  # dramatiq logs it: no number in logs
        while True:
            with keloia.deps.read() as uow:
                items = uow.inbox.pending_from(phone, BATCH)
            if not items:
                return handled
            for item in items:
                wa_id = item.message.wa_message_id
                started = time.perf_counter()
                throttle = _pace(keloia, item, tenant_id)
                if throttle is not Throttle.NONE:
                    return handled  # it and the rest wait their turn; order is kept
                try:
                    _keep_media(keloia, item.message)
                    done = handle_inbound(keloia.deps, wa_id)
                except Exception:
                    log.exception("message failed", extra={"wa_message_id": wa_id})
                    if not _failed(keloia, wa_id):
                        return handled  # the sweep tries again later; order is kept
                    done = False
                handled += int(done)
                log.info(
                    "message in",
                    extra={
                        "wa_message_id": wa_id,
                        "tenant": tenant_id,
                        "kind": item.message.kind.value,
                        "throttle": throttle.value,
                        "handled": done,
                        "ms": round((time.perf_counter() - started) * 1000, 1),
                    },
                )
                log.debug("message text", extra={"text": item.message.text})


def _keep_media(keloia: Keloia, message: InboundMessage) -> None:
    """Fetch and keep a photo, file or voice note before the message is read, so a
    proposal it backs can carry it. A fetch that may work later fails the attempt (the
    message is tried again); one that never will leaves the message to be answered."""
    files = keloia.deps.files
    if message.media is None or keloia.media is None or files is None:
        return
    with keloia.deps.uow() as uow:
        sender = uow.users.by_phone(message.from_phone) if message.from_phone else None
    if sender is not None and sender.active:
        keep_media(keloia.deps, files, keloia.media, sender, message)


def _failed(keloia: Keloia, wa_message_id: str) -> bool:
    """Count a failure; after MAX_HANDLING_ATTEMPTS the message is closed with an apology so the
    sender's next messages are not stuck behind it. True when it was closed."""
    with keloia.deps.uow() as uow:
        attempts = uow.inbox.record_failure(wa_message_id)
        uow.commit()
    if attempts < MAX_HANDLING_ATTEMPTS:
        return False
    give_up(keloia.deps, wa_message_id)
    log.error("message given up", extra={"wa_message_id": wa_message_id, "attempts": attempts})
    return True


def process_anonymous(keloia: Keloia, wa_message_id: str) -> None:
    """A message with no phone number (a business-scoped id only): answered, not handled."""
    started = time.perf_counter()
    try:
        done = handle_inbound(keloia.deps, wa_message_id)
    except Exception:
        log.exception("message failed", extra={"wa_message_id": wa_message_id})
        _failed(keloia, wa_message_id)
        return
    # Every message ends with a line: answered, or left alone on purpose.
    log.info(
        "message in",
        extra={
            "wa_message_id": wa_message_id,
            "tenant": None,
            "kind": "no_phone",
            "handled": done,
            "ms": round((time.perf_counter() - started) * 1000, 1),
        },
    )


def sweep(keloia: Keloia, queue: TaskQueue, *, anonymous: bool = True) -> None:
    """Take up what a crash or a lost task left: each sender again, in order (and the
    messages without a number, unless another worker answers those)."""
    phones, nameless = pending_senders(keloia)
    for wa_message_id in nameless if anonymous else ():
        process_anonymous(keloia, wa_message_id)
    for phone in phones:
        queue.process_inbound(phone)


def deliver_outbox(keloia: Keloia) -> int:
    """Send everything due; returns how many items were tried. What this process claimed
    stays leased to it (renewed by its heartbeat) until each item's outcome is recorded."""
    total = 0
    with keloia.claims.held() if keloia.claims else nullcontext():
        while tried := channel.deliver_due(
            keloia.deps,
            keloia.messenger,
            holder=keloia.holder,
            lease=keloia.lease,
            delivered=_log_outcome,
        ):
            total += tried
    return total


def _log_outcome(result: OutboxItem, took: timedelta) -> None:
    sent_log.info(
        "message out",
        extra={
            "outbox_id": result.id,
            "tenant": result.tenant_id,
            "kind": result.message.kind.value,
            "state": result.state.value,
            "attempts": result.attempts,
            "provider_id": result.provider_message_id,
            "error": result.last_error or None,
            "ms": round(took.total_seconds() * 1000, 1),
        },
    )
    if result.state is DeliveryState.FAILED:
        sent_log.error(
            "message not delivered",
            extra={
                "outbox_id": result.id,
                "tenant": result.tenant_id,
                "purpose": result.purpose.value,
                "to": channel.mask_phone(result.message.to),
                "error": result.last_error,
            },
        )


def take_over(keloia: Keloia) -> None:
    """For a process alone in its role (`keloia serve`): whatever an earlier process of
    the role held (a sender's lock, outbox items it was sending) died with it, so it is
    taken up now instead of after its lease."""
    role = keloia.holder.split(":", 1)[0] + ":"
    locks = keloia.locks.release_held_by(role)
    claims = channel.release_claims(keloia.deps, role, keloia.holder)
    if locks or claims:
        log.info(
            "leases of an earlier process taken over", extra={"locks": locks, "claims": claims}
        )


def pending_senders(keloia: Keloia, limit: int = 200) -> tuple[set[str], list[str]]:
    """Who has unprocessed messages (after a crash or a lost task), and the ids of stored
    messages that came without a phone number."""
    with keloia.deps.uow() as uow:
        items = uow.inbox.pending(limit)
    phones = {i.message.from_phone for i in items if i.message.from_phone}
    anonymous = [i.message.wa_message_id for i in items if not i.message.from_phone]
    return phones, anonymous


def _pace(keloia: Keloia, item: InboxItem, tenant_id: str | None) -> Throttle:
    """The per-number rate limit, counted by when each message was sent (not when it is
    handled: a backlog after downtime is not a burst). A message over the limit is not
    dropped: the rest of its minute waits RATE_DEFER and is then handled in order; the
    person is told once. NONE: handle the message now."""
    wa_id = item.message.wa_message_id
    window = f"{item.message.from_phone}:{rate_window(item.message.sent_at)}"
    counted = keloia.kv.get("counted:" + wa_id)
    fresh = counted is None and item.attempts == 0  # a retry of ours is not them writing
    if fresh:
        count = keloia.kv.incr("rate:" + window, RATE_COUNT_TTL_SECONDS)
        keloia.kv.set("counted:" + wa_id, str(count), RATE_DEFER_TTL_SECONDS)
    else:
        count = int(counted or 0)
    throttle = throttle_for(count)
    if throttle is Throttle.NONE:
        return throttle
    now = keloia.deps.clock.now()
    until = keloia.kv.get("deferred:" + window)
    if until is None:
        until = (now + RATE_DEFER).isoformat()
        keloia.kv.set("deferred:" + window, until, RATE_DEFER_TTL_SECONDS)
        channel.tell_rate_limited(keloia.deps, item.message, tenant_id)
    if fresh:
        log.info(
            "message deferred", extra={"wa_message_id": wa_id, "tenant": tenant_id, "until": until}
        )
    return Throttle.NONE if now >= datetime.fromisoformat(until) else throttle
