"""The key-value port on Redis, shared by every process of a scaled-out deployment."""

from __future__ import annotations

from typing import cast

import redis


class RedisKeyValueStore:
    def __init__(self, client: redis.Redis, prefix: str = "keloia:") -> None:
        self.client = client
        self.prefix = prefix

    @classmethod
    def from_url(cls, url: str, prefix: str = "keloia:") -> RedisKeyValueStore:
        return cls(redis.Redis.from_url(url, decode_responses=True), prefix)

    def get(self, key: str) -> str | None:
        return cast(str | None, self.client.get(self.prefix + key))

    def set(self, key: str, value: str, ttl_seconds: int | None = None) -> None:
        self.client.set(self.prefix + key, value, ex=ttl_seconds)

    def delete(self, key: str) -> None:
        self.client.delete(self.prefix + key)

    def incr(self, key: str, ttl_seconds: int) -> int:
        # INCR and the first EXPIRE in one round trip, so a crash between them cannot leave a
        # counter that never expires.
        pipe = self.client.pipeline()
        pipe.incr(self.prefix + key)
        pipe.expire(self.prefix + key, ttl_seconds, nx=True)
        count, _ = pipe.execute()
        return int(count)
