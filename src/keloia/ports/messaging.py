"""Sending WhatsApp messages, and the background queue that carries the work."""

from __future__ import annotations

from typing import Protocol

from keloia.domain.model.messages import OutboundMessage


class Messenger(Protocol):
    def send(self, message: OutboundMessage) -> str:
        """Deliver one message; returns the provider's message id. Raises the adapter's
        delivery error, which says whether a retry can help."""
        ...


class TaskQueue(Protocol):
    def enqueue(self, task: str, ref: str) -> None:
        """Ask for `task` ("process_inbound", "send_outbound") to run on the row `ref`.
        Tasks are idempotent: the rows, not the queue, are the source of truth."""
        ...
