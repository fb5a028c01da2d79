"""Reading a message into an intent and fields (shared/contracts/nlu.md)."""

from __future__ import annotations

from typing import Protocol

from keloia.domain.model.intents import Extraction, ExtractionContext


class IntentExtractor(Protocol):
    def extract(self, text: str, context: ExtractionContext) -> Extraction:
        """Never raises for odd text: anything unreadable is intent `unknown`."""
        ...
