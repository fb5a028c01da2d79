"""The WhatsApp assistant: from a stored inbound message to the replies in the outbox."""

from keloia.domain.services.assistant.flow import ChatDeps, Throttle, give_up, handle_inbound

__all__ = ["ChatDeps", "Throttle", "give_up", "handle_inbound"]
