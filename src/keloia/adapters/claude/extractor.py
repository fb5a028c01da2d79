"""Claude reads what the offline rules could not (official anthropic SDK, structured outputs)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from typing import Any, Literal

import anthropic
from anthropic.types import OutputConfigParam, TextBlockParam, ThinkingConfigParam

from keloia.domain.model.intents import (
    PENDING_INTENTS,
    Extraction,
    ExtractionContext,
    Intent,
)

from .cost import Usage, UsageMeter, format_usd, price_of
from .prompt import STATIC_SYSTEM_PROMPT, render_user_turn
from .schema import ANSWER_SCHEMA, InvalidAnswer, parse_answer

log = logging.getLogger(__name__)

DEFAULT_MODEL = "claude-haiku-5-5"
Effort = Literal["low", "medium", "high", "xhigh", "max"]
Thinking = Literal["disabled", "adaptive"]

# The answer lists only stated fields: the longest worked example is ~130 tokens of JSON
# by the old tokenizer, and Haiku 5.5's tokenizer counts the same text as ~30% more.
# 1,536 leaves room for a long booking several times over, and for a message holding the
# most requests the answer may read (schema.MAX_MORE): tests/claude checks both.
ANSWER_MAX_TOKENS = 1536
# Thinking tokens count toward max_tokens and are billed as output: with adaptive thinking
# the model may think first, so the answer keeps its own room on top of this.
THINKING_MAX_TOKENS = 8192
# Haiku 5.5 refuses thinking "disabled" above high effort.
_THINKING_NEEDS = frozenset({"xhigh", "max"})

# The static block is identical on every call, so it is the cached prefix; the per-call
# context follows it in the user turn and never invalidates the cache.
_SYSTEM: list[TextBlockParam] = [
    {"type": "text", "text": STATIC_SYSTEM_PROMPT, "cache_control": {"type": "ephemeral"}}
]


class ClaudeFailure(Exception):
    """Claude gave no usable answer. `reason` is safe to log: it never quotes the message
    or the answer, only what kind of failure it was."""

    def __init__(self, reason: str, kind: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        # The failure class (for logging once per class): the reason without its details.
        self.kind = kind or reason


class ClaudeExtractor:
    """IntentExtractor backed by Claude. `ask` raises ClaudeFailure so that a caller (the
    router) can fall back; `extract` keeps the port's promise and never raises."""

    def __init__(
        self,
        *,
        model: str = DEFAULT_MODEL,
        timeout: float = 10.0,
        max_retries: int = 2,
        api_key: str | None = None,
        base_url: str | None = None,
        effort: Effort | None = "low",
        thinking: Thinking = "disabled",
        prices: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> None:
        if thinking == "disabled" and effort in _THINKING_NEEDS:
            raise ValueError(f"effort {effort} needs thinking; use adaptive or a lower effort")
        self.model = model
        self.effort = effort
        self.thinking = thinking
        self.max_tokens = ANSWER_MAX_TOKENS + (THINKING_MAX_TOKENS if thinking == "adaptive" else 0)
        self.meter = UsageMeter(price_of(prices or {}, model))
        # Set when the API says the model does not exist (unknown or retired): from then on
        # every message is read by the rules alone, without a request that cannot succeed.
        self.unavailable: str | None = None
        self._lock = threading.Lock()
        # The SDK retries connection errors, timeouts, 408/409/429 and 5xx (529 overloaded
        # included) with exponential backoff, honouring retry-after headers; `timeout`
        # bounds each attempt. base_url None lets the SDK read ANTHROPIC_BASE_URL.
        self._client = anthropic.Anthropic(
            api_key=api_key, base_url=base_url, timeout=timeout, max_retries=max_retries
        )

    def describe(self) -> str:
        """One line for the start-up log: the model, how it is asked, and its price."""
        how = f"effort {self.effort or 'model default'}, thinking {self.thinking}"
        price = self.meter.price
        if price is None:
            return f"{self.model} ({how}; no price known, cost not measured)"
        return (
            f"{self.model} ({how}; ${price.input}/${price.output} per million input/output "
            f"tokens, cache read ${price.cache_read})"
        )

    def check_model(self) -> bool:
        """Asks the Models API about the model, once, at start-up. False (and one warning)
        when the API does not know it or lists it as retired; True otherwise, network
        trouble included: that is not a verdict on the model."""
        try:
            info = self._client.models.retrieve(self.model)
        except anthropic.NotFoundError:
            self._mark_unavailable("unknown to the API (404 not_found_error)")
            return False
        except Exception as err:  # start-up must not fail because the API is unreachable
            log.info("claude model check skipped: %s", type(err).__name__)
            return True
        if info.lifecycle == "retired":
            self._mark_unavailable("retired")
            return False
        if info.lifecycle == "deprecated":
            log.warning(
                "claude model %s is deprecated%s: move KELOIA_CLAUDE_MODEL to %s",
                self.model,
                f" and retires on {info.retires_at:%Y-%m-%d}" if info.retires_at else "",
                DEFAULT_MODEL,
            )
        return True

    def _mark_unavailable(self, why: str) -> None:
        with self._lock:
            first = self.unavailable is None
            self.unavailable = f"model {self.model} {why}"
        if first:
            log.warning(
                "claude model %s is %s: the rules read every message alone; set "
                "KELOIA_CLAUDE_MODEL to a current model such as %s",
                self.model,
                why,
                DEFAULT_MODEL,
            )

    def _request_options(self) -> dict[str, Any]:
        output_config: OutputConfigParam = {
            "format": {"type": "json_schema", "schema": ANSWER_SCHEMA}
        }
        if self.effort is not None:
            output_config["effort"] = self.effort
        thinking: ThinkingConfigParam = (
            {"type": "adaptive"} if self.thinking == "adaptive" else {"type": "disabled"}
        )
        # No temperature/top_p/top_k (Haiku 5.5 refuses them) and no assistant prefill: the
        # messages end with the user turn and the schema shapes the answer.
        return {
            "model": self.model,
            "max_tokens": self.max_tokens,
            "system": _SYSTEM,
            "output_config": output_config,
            "thinking": thinking,
        }

    def ask(self, text: str, context: ExtractionContext) -> Extraction:
        if self.unavailable is not None:
            raise ClaudeFailure(self.unavailable, "model not found")
        try:
            response = self._client.messages.create(
                messages=[{"role": "user", "content": render_user_turn(text, context)}],
                **self._request_options(),
            )
        except anthropic.APITimeoutError:
            raise ClaudeFailure("timed out") from None
        except anthropic.APIConnectionError:
            raise ClaudeFailure("connection failed") from None
        except anthropic.NotFoundError:
            self._mark_unavailable("unknown to the API or retired (404 not_found_error)")
            raise ClaudeFailure(f"model {self.model} not found", "model not found") from None
        except anthropic.APIStatusError as err:
            kind = f"API error {err.status_code} ({type(err).__name__})"
            raise ClaudeFailure(kind) from None
        except anthropic.APIError as err:
            raise ClaudeFailure(f"API error ({type(err).__name__})") from None

        cost = self.meter.record(Usage.of(response.usage))
        log.debug(
            "claude usage %s, cost %s",
            response.usage,
            "unknown" if cost is None else format_usd(cost),
        )
        if response.stop_reason != "end_turn":
            # "max_tokens" leaves truncated JSON; "refusal" (Haiku 5.5's safety classifier,
            # no server-side fallback) may not match the schema.
            raise ClaudeFailure(f"stopped early: {response.stop_reason}")
        # With thinking on, a thinking block may come first: pick the answer by type.
        texts = [block.text for block in response.content if block.type == "text"]
        if len(texts) != 1:
            raise ClaudeFailure(f"expected one text block, got {len(texts)}", "no answer block")
        try:
            extraction = parse_answer(texts[0], context)
        except InvalidAnswer as err:
            raise ClaudeFailure(f"invalid answer: {err}", "invalid answer") from None

        if extraction.intent in PENDING_INTENTS and context.pending is None:
            # confirm/reject/correct with nothing to confirm cannot be acted on.
            raise ClaudeFailure(f"answered {extraction.intent.value} with nothing pending")
        log.debug(
            "claude answered %s for %r",
            [e.to_contract() for e in (extraction, *extraction.more)],
            text,
        )
        return extraction

    def extract(self, text: str, context: ExtractionContext) -> Extraction:
        try:
            return self.ask(text, context)
        except ClaudeFailure as failure:
            log.warning("claude gave no answer: %s", failure.reason)
        except Exception as err:  # the port never raises, whatever the SDK does
            log.warning("claude failed unexpectedly: %s", type(err).__name__)
        return Extraction(intent=Intent.UNKNOWN, confidence=0.0, source="claude")
