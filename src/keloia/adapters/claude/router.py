"""Rules first, Claude for the rest: the extractor Keloia uses when an API key is set."""

from __future__ import annotations

import logging
import threading
from collections import Counter
from typing import Protocol

from keloia.domain.model.intents import Extraction, ExtractionContext, Intent
from keloia.ports.extractor import IntentExtractor

from .extractor import ClaudeFailure

log = logging.getLogger(__name__)

# A yes or no to a pending action is the most frequent message and the rules read it
# reliably; sending it to Claude would only add latency and cost to every confirmation.
_RULES_ONLY = frozenset({Intent.CONFIRM, Intent.REJECT})
# A failure class is logged as a warning the first time and then every this many times
# (with its count), so a lasting outage or a retired model does not flood the log.
WARN_EVERY = 100


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
        self._failures: Counter[str] = Counter()
        self._lock = threading.Lock()

    def extract(self, text: str, context: ExtractionContext) -> Extraction:
        first = self.rules.extract(text, context)
        if first.intent in _RULES_ONLY or first.confidence >= self.threshold:
            return first
        try:
            return self.claude.ask(text, context)
        except ClaudeFailure as failure:
            reason, kind = failure.reason, failure.kind
        except Exception as err:  # whatever happens, the rules' answer is still good
            reason = kind = f"unexpected {type(err).__name__}"
        with self._lock:
            self._failures[kind] += 1
            seen = self._failures[kind]
        # The message is the customer's business: its text only goes to debug logs.
        log.log(
            logging.WARNING if seen % WARN_EVERY == 1 or WARN_EVERY == 1 else logging.DEBUG,
            "claude fallback to rules (%s, %d time(s) so far; rules said %s at %.2f)",
            reason,
            seen,
            first.intent.value,
            first.confidence,
        )
        log.debug("fallback message was %r", text)
        return first
