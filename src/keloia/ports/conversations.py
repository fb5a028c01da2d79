"""Per-person conversation state, read and written one message at a time."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Protocol

from keloia.domain.model.conversation import Conversation


class ConversationStore(Protocol):
    def load(self, tenant_id: str, user_id: str) -> Conversation: ...
    def save(self, conversation: Conversation) -> None: ...

    def lock(self, tenant_id: str, user_id: str) -> AbstractContextManager[None]:
        """Hold while handling one message, so one person's messages go one at a time."""
        ...
