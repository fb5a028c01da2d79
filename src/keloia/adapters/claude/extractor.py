"""Claude reads what the offline rules could not (official anthropic SDK, structured outputs)."""

from __future__ import annotations

import logging

import anthropic
from anthropic.types import TextBlockParam

from keloia.domain.model.intents import (
    PENDING_INTENTS,
    Extraction,
    ExtractionContext,
    Intent,
)

from .prompt import STATIC_SYSTEM_PROMPT, render_user_turn
from .schema import ANSWER_SCHEMA, InvalidAnswer, parse_answer

log = logging.getLogger(__name__)

# The answer lists only stated fields: a long booking message is ~400 tokens of JSON.
_MAX_TOKENS = 1024

# The static block is identical on every call, so it is the cached prefix; the per-call
# context follows it in the user turn and never invalidates the cache.
_SYSTEM: list[TextBlockParam] = [
    {"type": "text", "text": STATIC_SYSTEM_PROMPT, "cache_control": {"type": "ephemeral"}}
]


class ClaudeFailure(Exception):
    """Claude gave no usable answer. `reason` is safe to log: it never quotes the message
    or the answer, only what kind of failure it was."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class ClaudeExtractor:
    """IntentExtractor backed by Claude. `ask` raises ClaudeFailure so that a caller (the
    router) can fall back; `extract` keeps the port's promise and never raises."""

    def __init__(
        self,
        *,
        model: str = "claude-haiku-4-5",
        timeout: float = 10.0,
        max_retries: int = 2,
        api_key: str | None = None,
        base_url: str | None = None,
    ) -> None:
        self.model = model
        # The SDK retries connection errors, timeouts, 408/409/429 and 5xx (529 overloaded
        # included) with exponential backoff, honouring retry-after headers; `timeout`
        # bounds each attempt. base_url None lets the SDK read ANTHROPIC_BASE_URL.
        self._client = anthropic.Anthropic(
            api_key=api_key, base_url=base_url, timeout=timeout, max_retries=max_retries
        )

    def ask(self, text: str, context: ExtractionContext) -> Extraction:
        try:
            response = self._client.messages.create(
                model=self.model,
                max_tokens=_MAX_TOKENS,
                system=_SYSTEM,
                messages=[{"role": "user", "content": render_user_turn(text, context)}],
                output_config={"format": {"type": "json_schema", "schema": ANSWER_SCHEMA}},
            )
        except anthropic.APITimeoutError:
            raise ClaudeFailure("timed out") from None
        except anthropic.APIConnectionError:
            raise ClaudeFailure("connection failed") from None
        except anthropic.APIStatusError as err:
            raise ClaudeFailure(f"API error {err.status_code} ({type(err).__name__})") from None
        except anthropic.APIError as err:
            raise ClaudeFailure(f"API error ({type(err).__name__})") from None

        if response.stop_reason != "end_turn":
            # "max_tokens" leaves truncated JSON; "refusal" may not match the schema.
            raise ClaudeFailure(f"stopped early: {response.stop_reason}")
        texts = [block.text for block in response.content if block.type == "text"]
        if len(texts) != 1:
            raise ClaudeFailure(f"expected one text block, got {len(texts)}")
        try:
            extraction = parse_answer(texts[0], context)
        except InvalidAnswer as err:
            raise ClaudeFailure(f"invalid answer: {err}") from None

        if extraction.intent in PENDING_INTENTS and context.pending is None:
            # confirm/reject/correct with nothing to confirm cannot be acted on.
            raise ClaudeFailure(f"answered {extraction.intent.value} with nothing pending")
        log.debug("claude answered %s for %r", extraction.to_contract(), text)
        return extraction

    def extract(self, text: str, context: ExtractionContext) -> Extraction:
        try:
            return self.ask(text, context)
        except ClaudeFailure as failure:
            log.warning("claude gave no answer: %s", failure.reason)
        except Exception as err:  # the port never raises, whatever the SDK does
            log.warning("claude failed unexpectedly: %s", type(err).__name__)
        return Extraction(intent=Intent.UNKNOWN, confidence=0.0, source="claude")
