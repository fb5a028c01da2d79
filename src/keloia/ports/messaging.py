"""Sending WhatsApp messages, and the background queue that carries the work."""

from __future__ import annotations

from collections.abc import Collection
from typing import Protocol

from keloia.domain.model.common import Value
from keloia.domain.model.messages import OutboundMessage


class Messenger(Protocol):
    def parts(self, message: OutboundMessage) -> list[OutboundMessage]:
        """The message as the provider will carry it: one or more messages within its size
        limits, in order. Delivery sends them one at a time and records each, so a retry
        never sends an accepted part again. Raises DeliveryFailed for a message that can
        never be sent."""
        ...

    def send(self, message: OutboundMessage, key: str = "") -> str:
        """Deliver one message; returns the provider's message id. Raises DeliveryFailed
        (keloia.domain.errors), which says whether a retry can help. `key`, when given, is
        carried with the message and comes back in the provider's status notifications
        (StatusUpdate.delivery_key): how a send whose outcome a crash lost is recognised."""
        ...


class TaskQueue(Protocol):
    def process_inbound(self, phone: str) -> None:
        """Have a sender's stored, unprocessed messages handled, in order."""
        ...

    def process_inbound_many(self, phones: Collection[str]) -> None:
        """`process_inbound` for each of `phones`, handed over at once: the webhook's
        writer names a batch's senders in one hand-over, not one per sender."""
        ...

    def deliver(self) -> None:
        """Have due outbox messages sent."""
        ...


class FetchedMedia(Value):
    content: bytes
    mime_type: str


class MediaSource(Protocol):
    def fetch(self, media_id: str, max_bytes: int) -> FetchedMedia:
        """The file WhatsApp holds under `media_id`, at most `max_bytes` long. Raises
        MediaUnavailable (keloia.domain.errors), which says whether a retry can help."""
        ...
