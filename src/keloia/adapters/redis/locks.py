"""Per-person locks across processes, when Redis is configured."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import redis


class RedisLocks:
    # A holder that dies frees its lock after this long. Handling one message takes far
    # less, even with a slow Claude call (8 s timeout, one retry).
    LEASE_SECONDS = 45

    def __init__(self, client: redis.Redis, prefix: str = "keloia:lock:") -> None:
        self.client = client
        self.prefix = prefix

    @classmethod
    def from_url(cls, url: str) -> RedisLocks:
        return cls(redis.Redis.from_url(url))

    @contextmanager
    def hold(self, key: str, timeout_seconds: float = 30.0) -> Iterator[bool]:
        lock = self.client.lock(
            self.prefix + key, timeout=self.LEASE_SECONDS, blocking_timeout=timeout_seconds
        )
        acquired = bool(lock.acquire())
        try:
            yield acquired
        finally:
            if acquired:
                lock.release()
