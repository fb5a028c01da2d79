"""Rules first, Claude for the rest: the extractor Keloia uses when an API key is set."""

from __future__ import annotations

import logging
from typing import Protocol

from keloia.domain.model.intents import Extraction, ExtractionContext, Intent
from keloia.ports.extractor import IntentExtractor

from .extractor import ClaudeFailure

log = logging.getLogger(__name__)

# A yes or no to a pending action is the most frequent message and the rules read it
# reliably; sending it to Claude would only add latency and cost to every confirmation.
_RULES_ONLY = frozenset({Intent.CONFIRM, Intent.REJECT})


class FallibleExtractor(Protocol):
    def ask(self, text: str, context: ExtractionContext) -> Extraction:
        """An answer, or ClaudeFailure when there is none to use."""
        ...


class RoutedExtractor:
    """Asks Claude only when the rules are unsure, and falls back to the rules' answer
    whenever Claude gives no usable one. Never raises. `source` says who answered."""

    def __init__(
        self, *, rules: IntentExtractor, claude: FallibleExtractor, threshold: float
    ) -> None:
        self.rules = rules
        self.claude = claude
        self.threshold = threshold

    def extract(self, text: str, context: ExtractionContext) -> Extraction:
        first = self.rules.extract(text, context)
        if first.intent in _RULES_ONLY or first.confidence >= self.threshold:
            return first
        try:
            return self.claude.ask(text, context)
        except ClaudeFailure as failure:
            reason = failure.reason
        except Exception as err:  # whatever happens, the rules' answer is still good
            reason = f"unexpected {type(err).__name__}"
        # The message is the customer's business: its text only goes to debug logs.
        log.warning(
            "claude fallback to rules (%s, rules said %s at %.2f)",
            reason,
            first.intent.value,
            first.confidence,
        )
        log.debug("fallback message was %r", text)
        return first
