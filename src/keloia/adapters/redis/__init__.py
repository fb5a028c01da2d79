"""Redis adapters: cache, rate limits and locks when KELOIA_REDIS_URL is set."""

from keloia.adapters.redis.keyvalue import RedisKeyValueStore
from keloia.adapters.redis.locks import RedisLocks

__all__ = ["RedisKeyValueStore", "RedisLocks"]
