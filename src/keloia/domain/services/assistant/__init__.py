"""The WhatsApp assistant: from a stored inbound message to the replies in the outbox."""

from keloia.domain.services.assistant.flow import ChatDeps, Throttle, handle_inbound

__all__ = ["ChatDeps", "Throttle", "handle_inbound"]
