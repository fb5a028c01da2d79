"""A small key-value store with expiry: identity cache, rate limits, login codes."""

from __future__ import annotations

from typing import Protocol


class KeyValueStore(Protocol):
    def get(self, key: str) -> str | None: ...
    def set(self, key: str, value: str, ttl_seconds: int | None = None) -> None: ...
    def delete(self, key: str) -> None: ...
    def incr(self, key: str, ttl_seconds: int) -> int:
        """Add one and return the new count; the key expires `ttl_seconds` after its first
        increment (a fixed window, for rate limits)."""
        ...
