"""The WhatsApp assistant: from a stored inbound message to the replies in the outbox."""

from keloia.domain.services.assistant.context import MessageContext
from keloia.domain.services.assistant.flow import give_up, handle_inbound

__all__ = ["MessageContext", "give_up", "handle_inbound"]
