"""The WhatsApp assistant: from a stored inbound message to the replies in the outbox."""

from keloia.domain.services.assistant.flow import ChatDeps, give_up, handle_inbound

__all__ = ["ChatDeps", "give_up", "handle_inbound"]
