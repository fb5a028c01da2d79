"""Reading a message into an intent and fields (docs/contracts.md "Understanding a message")."""

from __future__ import annotations

from typing import Protocol

from keloia.domain.model.intents import Extraction, ExtractionContext


class IntentExtractor(Protocol):
    def extract(self, text: str, context: ExtractionContext) -> Extraction:
        """Never raises for odd text: anything unreadable is intent `unknown`."""
        ...
