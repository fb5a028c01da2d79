"""The work itself, whoever runs it. Every task is idempotent: the inbox and outbox rows,
not the queue, say what is left to do, so a lost, repeated or reordered task is harmless."""

from __future__ import annotations

import logging
import time

from keloia.bootstrap import Keloia
from keloia.domain.services import channel, team
from keloia.domain.services.assistant import Throttle, handle_inbound

log = logging.getLogger("keloia.inbound")
sent_log = logging.getLogger("keloia.outbound")

# Per number: more than this many messages a minute are not handled (one polite reply).
RATE_LIMIT = 20
RATE_WINDOW_SECONDS = 60
BATCH = 20


class SenderBusy(Exception):
    """Another worker holds this sender's lock; the messages stay in the inbox for later."""


def process_sender(app: Keloia, phone: str) -> int:
    """Handle one sender's stored messages one at a time, in the order they were sent."""
    handled = 0
    who = team.identify_cached(app.deps, app.kv, phone)
    tenant_id = who[0] if who else None
    with app.locks.hold("chat:" + phone) as held:
        if not held:
            raise SenderBusy(phone)
        while True:
            with app.deps.uow() as uow:
                items = uow.inbox.pending_from(phone, BATCH)
            if not items:
                return handled
            for item in items:
                started = time.perf_counter()
                throttle = _throttle(app, phone)
                done = handle_inbound(app.chat, item.message.wa_message_id, throttle)
                handled += int(done)
                log.info(
                    "message in",
                    extra={
                        "wa_message_id": item.message.wa_message_id,
                        "tenant": tenant_id,
                        "kind": item.message.kind.value,
                        "throttle": throttle.value,
                        "handled": done,
                        "ms": round((time.perf_counter() - started) * 1000, 1),
                    },
                )
                log.debug("message text", extra={"text": item.message.text})


def process_anonymous(app: Keloia, wa_message_id: str) -> None:
    """A message with no phone number (a business-scoped id only): recorded, not handled."""
    handle_inbound(app.chat, wa_message_id)


def deliver_outbox(app: Keloia) -> int:
    """Send everything due; returns how many items were tried."""
    total = 0
    while items := channel.claim_due(app.deps):
        for item in items:
            started = time.perf_counter()
            result = channel.deliver(app.deps, app.messenger, item)
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
                    "ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
        total += len(items)
    return total


def pending_senders(app: Keloia, limit: int = 200) -> tuple[set[str], list[str]]:
    """Who has unprocessed messages (after a crash or a lost task), and the ids of stored
    messages that came without a phone number."""
    with app.deps.uow() as uow:
        items = uow.inbox.pending(limit)
    phones = {i.message.from_phone for i in items if i.message.from_phone}
    anonymous = [i.message.wa_message_id for i in items if not i.message.from_phone]
    return phones, anonymous


def _throttle(app: Keloia, phone: str) -> Throttle:
    count = app.kv.incr("rate:" + phone, RATE_WINDOW_SECONDS)
    if count <= RATE_LIMIT:
        return Throttle.NONE
    return Throttle.NOTIFY if count == RATE_LIMIT + 1 else Throttle.SILENT
