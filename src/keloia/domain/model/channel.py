"""The WhatsApp channel's durable records: the inbox (nothing lost, nothing twice) and the
outbox (written with the change that caused it, delivered at least once)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from enum import StrEnum

from pydantic import BaseModel

from keloia.domain.model.common import Value
from keloia.domain.model.messages import (
    MAX_TEXT,
    DeliveryState,
    InboundMessage,
    MessageKind,
    OutboundMessage,
)

# Meta retries a webhook for up to 7 days. A message older than this (by default; the
# setting KELOIA_STALE_MESSAGE_MINUTES) is not acted on blindly: the person is asked
# whether it still stands.
STALE_AFTER = timedelta(hours=1)

# Delivery retries: exponential backoff from 5 seconds up to a 30-minute cap, for as long
# as the message is still worth sending (its purpose's time-to-live, below).
RETRY_BASE = timedelta(seconds=5)
RETRY_CAP = timedelta(minutes=30)


class Purpose(StrEnum):
    """Why a message is in the outbox: decides how long it is worth sending."""

    REPLY = "reply"  # an answer to what someone wrote
    ALERT = "alert"  # a notice after a change (booking, payment, delivery failure...)
    BRIEFING = "briefing"  # the morning briefing: its sender sets expires_at (10:00 local)
    LOGIN_CODE = "login_code"  # a dashboard one-time code


# How long after it was queued a message may still go out. A briefing's expiry is set by
# whoever queues it (it is worth sending until 10:00 local time, which the domain does not
# compute); a day is the fallback for it and for any row queued without one.
TIME_TO_LIVE: dict[Purpose, timedelta] = {
    Purpose.REPLY: timedelta(days=1),
    Purpose.ALERT: timedelta(days=1),
    Purpose.BRIEFING: timedelta(days=1),
    Purpose.LOGIN_CODE: timedelta(minutes=5),
}


# Per number: more than this many messages sent within one minute (by their own
# timestamps) are not handled at once: they wait RATE_DEFER and are handled then, in order,
# with one polite notice. Nothing is dropped: a lost "ya" is a booking the person believes
# is recorded.
RATE_LIMIT = 20
RATE_WINDOW_SECONDS = 60
RATE_DEFER = timedelta(seconds=RATE_WINDOW_SECONDS)
RATE_COUNT_TTL_SECONDS = 15 * 60  # a window's count outlives the handling of its backlog
RATE_DEFER_TTL_SECONDS = 24 * 3600


def rate_window(sent_at: datetime) -> str:
    """The fixed one-minute window a message counts in, by when it was sent."""
    return sent_at.strftime("%Y%m%d%H%M")


# A message that fails this often (a bug, not a refusal) is closed with an apology, so the
# sender's later messages are not stuck behind it.
MAX_HANDLING_ATTEMPTS = 3


class Throttle(StrEnum):
    """What the per-number rate limit decided for a message."""

    NONE = "none"  # handle it
    NOTIFY = "notify"  # the first one over the limit: it waits, and the person is told
    SILENT = "silent"  # the rest over the limit: they wait too


def throttle_for(count_in_window: int) -> Throttle:
    if count_in_window <= RATE_LIMIT:
        return Throttle.NONE
    return Throttle.NOTIFY if count_in_window == RATE_LIMIT + 1 else Throttle.SILENT


class InboxState(StrEnum):
    RECEIVED = "received"
    PROCESSED = "processed"


class InboxItem(Value):
    message: InboundMessage
    received_at: datetime
    state: InboxState = InboxState.RECEIVED
    attempts: int = 0

    def is_stale(self, after: timedelta = STALE_AFTER) -> bool:
        return self.received_at - self.message.sent_at > after


class OutboxItem(BaseModel):
    id: str
    tenant_id: str | None
    message: OutboundMessage
    state: DeliveryState = DeliveryState.QUEUED
    attempts: int = 0
    next_attempt_at: datetime
    provider_message_id: str | None = None
    last_error: str = ""
    created_at: datetime
    updated_at: datetime
    purpose: Purpose = Purpose.REPLY
    # After this the message is no longer worth sending; None: its purpose's time-to-live.
    expires_at: datetime | None = None
    # How many of the message's WhatsApp-sized parts are already accepted by the provider:
    # a retry carries on from the next one and never sends a delivered part again.
    parts_sent: int = 0
    # The inbound message (WhatsApp id) this answers; None for alerts and notices.
    in_reply_to: str | None = None
    # The process sending it now (its lease runs to next_attempt_at); None when nobody is.
    claimed_by: str | None = None

    def expiry(self) -> datetime:
        return self.expires_at or self.created_at + TIME_TO_LIVE[self.purpose]

    def expired(self, now: datetime) -> bool:
        return now >= self.expiry()

    def retry_later(self, now: datetime, error: str) -> None:
        """Schedule another try with exponential backoff up to RETRY_CAP; when the next try
        would come after the message stopped being worth sending, it is given up."""
        self.attempts += 1
        self.last_error = error
        self.updated_at = now
        delay = min(RETRY_BASE * (2 ** min(self.attempts - 1, 20)), RETRY_CAP)
        if now + delay >= self.expiry():
            self.state = DeliveryState.FAILED
            self.last_error = f"{error} (expired)"
            return
        self.next_attempt_at = now + delay

    def expire(self, now: datetime) -> None:
        """Never sent in time: no longer worth sending."""
        self.state = DeliveryState.FAILED
        self.last_error = (self.last_error + " (expired)").strip()
        self.updated_at = now

    def give_up(self, now: datetime, error: str) -> None:
        self.attempts += 1
        self.state = DeliveryState.FAILED
        self.last_error = error
        self.updated_at = now

    def sent(self, now: datetime, provider_message_id: str) -> None:
        self.attempts += 1
        self.state = DeliveryState.SENT
        self.provider_message_id = provider_message_id
        self.updated_at = now


def one_alert_each(items: Sequence[OutboxItem]) -> list[OutboxItem]:
    """The plain alerts one change raises for one person ("Biaya BBM ...", "Biaya tol ..."
    of two costs confirmed with one yes) go as one WhatsApp message, not a burst of them,
    while they fit in one. Replies, buttons, templates and papers go as they are, in order."""
    out: list[OutboxItem] = []
    joined: dict[tuple[str | None, str], int] = {}
    for item in items:
        m = item.message
        plain = item.purpose is Purpose.ALERT and m.kind is MessageKind.TEXT
        plain = plain and not (m.buttons or m.rows or m.document or m.fallback)
        key = (item.tenant_id, m.to)
        if plain and key in joined:
            first = out[joined[key]]
            body = f"{first.message.body}\n\n{m.body}"
            if len(body) <= MAX_TEXT:
                out[joined[key]] = first.model_copy(
                    update={"message": first.message.model_copy(update={"body": body})}
                )
                continue
        if plain:
            joined[key] = len(out)
        out.append(item)
    return out
