"""Per-person locks inside one process: the embedded default's serialisation."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager


class MemoryLocks:
    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}

    @contextmanager
    def hold(self, key: str, timeout_seconds: float = 30.0) -> Iterator[bool]:
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        acquired = lock.acquire(timeout=timeout_seconds)
        try:
            yield acquired
        finally:
            if acquired:
                lock.release()

    def release_held_by(self, role_prefix: str) -> int:
        return 0  # these locks die with their process
