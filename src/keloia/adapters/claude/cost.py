"""What a Claude call costs, from the usage the API reports with every answer.

Prices are US dollars per million tokens (as Anthropic publishes them), kept as Decimal
strings; a cost is an integer number of nano-dollars (1e-9 USD), so nothing here is a
float and nothing is rounded until a figure is shown. USD per million tokens times 1,000
is nano-dollars per token, so every published price converts exactly.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

NANO_USD_PER_USD = 1_000_000_000


@dataclass(frozen=True)
class ModelPrice:
    """USD per million tokens. `cache_write` is the 5-minute cache write (the only TTL
    Keloia asks for); `cache_read` a cache hit."""

    input: Decimal
    output: Decimal
    cache_write: Decimal
    cache_read: Decimal

    @classmethod
    def of(cls, raw: Mapping[str, Any]) -> ModelPrice:
        return cls(**{name: Decimal(str(raw[name])) for name in cls.__dataclass_fields__})

    def nano_usd_per_token(self, kind: str) -> Decimal:
        price: Decimal = getattr(self, kind)
        return price * 1000


@dataclass(frozen=True)
class Usage:
    """Token counts of one call, as the Messages API reports them: `input_tokens` is the
    uncached input only; thinking tokens are part of `output_tokens`."""

    input_tokens: int = 0
    output_tokens: int = 0
    cache_write_tokens: int = 0
    cache_read_tokens: int = 0

    @classmethod
    def of(cls, usage: Any) -> Usage:
        """From the SDK's `response.usage` (absent counts are zero)."""
        return cls(
            input_tokens=getattr(usage, "input_tokens", 0) or 0,
            output_tokens=getattr(usage, "output_tokens", 0) or 0,
            cache_write_tokens=getattr(usage, "cache_creation_input_tokens", 0) or 0,
            cache_read_tokens=getattr(usage, "cache_read_input_tokens", 0) or 0,
        )

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            self.input_tokens + other.input_tokens,
            self.output_tokens + other.output_tokens,
            self.cache_write_tokens + other.cache_write_tokens,
            self.cache_read_tokens + other.cache_read_tokens,
        )


def cost_nano_usd(usage: Usage, price: ModelPrice) -> int:
    """The cost of one call in nano-dollars, rounded half up once, at the end."""
    total = (
        usage.input_tokens * price.nano_usd_per_token("input")
        + usage.output_tokens * price.nano_usd_per_token("output")
        + usage.cache_write_tokens * price.nano_usd_per_token("cache_write")
        + usage.cache_read_tokens * price.nano_usd_per_token("cache_read")
    )
    return int(total.to_integral_value(rounding="ROUND_HALF_UP"))


def format_usd(nano_usd: int, places: int = 6) -> str:
    """`$0.000123` style, for logs and the bench."""
    value = Decimal(nano_usd) / NANO_USD_PER_USD
    return f"${value:.{places}f}"


def price_of(prices: Mapping[str, Mapping[str, Any]], model: str) -> ModelPrice | None:
    """The model's price, or None when the table does not list it (cost not measured)."""
    raw = prices.get(model)
    return ModelPrice.of(raw) if raw is not None else None


class UsageMeter:
    """Adds up what the Claude calls of one process used and cost. Thread-safe: the
    worker threads share one extractor."""

    def __init__(self, price: ModelPrice | None) -> None:
        self.price = price
        self._lock = threading.Lock()
        self.calls = 0
        self.usage = Usage()
        self.cost = 0  # nano-USD; stays 0 when the model has no price

    def record(self, usage: Usage) -> int | None:
        """Counts one call; returns its cost in nano-USD, None when the price is unknown."""
        cost = cost_nano_usd(usage, self.price) if self.price is not None else None
        with self._lock:
            self.calls += 1
            self.usage = self.usage + usage
            self.cost += cost or 0
        return cost
