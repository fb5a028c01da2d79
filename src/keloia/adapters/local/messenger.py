"""With no WhatsApp access token the outbox is the destination: messages are marked sent
with a local id and shown in the simulator, nothing leaves the machine."""

from __future__ import annotations

from ulid import ULID

from keloia.domain.model.messages import OutboundMessage


class LocalMessenger:
    def parts(self, message: OutboundMessage) -> list[OutboundMessage]:
        return [message]  # kept whole: the simulator shows it as written

    def send(self, message: OutboundMessage, key: str = "") -> str:
        return f"local.{ULID()}"
