"""The WhatsApp channel's durable records: the inbox (nothing lost, nothing twice) and the
outbox (written with the change that caused it, delivered at least once)."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from keloia.domain.model.messages import DeliveryState, InboundMessage, OutboundMessage

# Meta retries a webhook for up to 7 days. A message older than this (by default; the
# setting KELOIA_STALE_MESSAGE_MINUTES) is not acted on blindly: the person is asked
# whether it still stands.
STALE_AFTER = timedelta(hours=1)

# Delivery retries: exponential backoff from 5 seconds, capped, then the message is given up.
RETRY_BASE = timedelta(seconds=5)
RETRY_CAP = timedelta(minutes=30)
MAX_ATTEMPTS = 8

# WhatsApp lets a business send free-form messages only within 24 hours of the person's
# last message; after that only approved templates. This is its error code for a
# free-form message outside that window: it comes back either at once, from the send,
# or later as a "failed" delivery status.
WINDOW_CLOSED_CODE = 131047


# Per number: more than this many messages a minute are not handled (one polite reply).
RATE_LIMIT = 20
RATE_WINDOW_SECONDS = 60
# A message that fails this often (a bug, not a refusal) is closed with an apology, so the
# sender's later messages are not stuck behind it.
MAX_HANDLING_ATTEMPTS = 3


class Throttle(StrEnum):
    """What the per-number rate limit decided for a message."""

    NONE = "none"  # handle it
    NOTIFY = "notify"  # the first one over the limit: say so politely, do nothing else
    SILENT = "silent"  # the rest over the limit: recorded, not handled


def throttle_for(count_in_window: int) -> Throttle:
    if count_in_window <= RATE_LIMIT:
        return Throttle.NONE
    return Throttle.NOTIFY if count_in_window == RATE_LIMIT + 1 else Throttle.SILENT


class InboxState(StrEnum):
    RECEIVED = "received"
    PROCESSED = "processed"


class InboxItem(BaseModel):
    model_config = ConfigDict(frozen=True)

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

    def retry_later(self, now: datetime, error: str) -> None:
        """Schedule another try with exponential backoff, or give up after MAX_ATTEMPTS."""
        self.attempts += 1
        self.last_error = error
        self.updated_at = now
        if self.attempts >= MAX_ATTEMPTS:
            self.state = DeliveryState.FAILED
            return
        delay = min(RETRY_BASE * (2 ** (self.attempts - 1)), RETRY_CAP)
        self.next_attempt_at = now + delay

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
