"""A key-value store in the process, with expiry: the embedded default's cache."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class MemoryKeyValueStore:
    def __init__(self, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._items: dict[str, tuple[str, float | None]] = {}
        self._lock = threading.Lock()
        self._now = monotonic

    def _live(self, key: str) -> tuple[str, float | None] | None:
        item = self._items.get(key)
        if item is not None and item[1] is not None and item[1] <= self._now():
            del self._items[key]
            return None
        return item

    def get(self, key: str) -> str | None:
        with self._lock:
            item = self._live(key)
            return item[0] if item else None

    def set(self, key: str, value: str, ttl_seconds: int | None = None) -> None:
        with self._lock:
            expires = self._now() + ttl_seconds if ttl_seconds is not None else None
            self._items[key] = (value, expires)

    def delete(self, key: str) -> None:
        with self._lock:
            self._items.pop(key, None)

    def incr(self, key: str, ttl_seconds: int) -> int:
        with self._lock:
            item = self._live(key)
            if item is None:
                self._items[key] = ("1", self._now() + ttl_seconds)
                return 1
            count = int(item[0]) + 1
            self._items[key] = (str(count), item[1])
            return count
