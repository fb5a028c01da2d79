"""Reading a message into an intent and fields (docs/contracts.md "Understanding a message")."""

from __future__ import annotations

from typing import Protocol

from keloia.domain.model.intents import Extraction, ExtractionContext


class IntentExtractor(Protocol):
    """An extractor may also say `local = True` (the rule-based one): it answers without
    a network call, so a message can be understood inside the transaction that answers it
    (read with getattr: optional, never required of an extractor)."""

    def extract(self, text: str, context: ExtractionContext) -> Extraction:
        """Never raises for odd text: anything unreadable is intent `unknown`."""
        ...
