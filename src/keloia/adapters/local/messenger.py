"""With no WhatsApp access token the outbox is the destination: messages are marked sent
with a local id and shown in the simulator, nothing leaves the machine."""

from __future__ import annotations

import logging

from ulid import ULID

from keloia.domain.model.messages import OutboundMessage

log = logging.getLogger("keloia.outbound")


class LocalMessenger:
    def send(self, message: OutboundMessage) -> str:
        provider_id = f"local.{ULID()}"
        log.info("kept locally", extra={"provider_id": provider_id, "kind": message.kind.value})
        return provider_id
