"""Per-person locks across processes, when Redis is configured."""

from __future__ import annotations

import contextlib
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import redis
from redis.exceptions import LockError
from redis.lock import Lock

from keloia.adapters.system.leases import Heartbeat, holder_id

# Free the key only while it still holds the token given (a lease that ran out and was
# taken by someone else is theirs).
_RELEASE_IF = """
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
return 0
"""


class RedisLocks:
    """A lock is a key holding its holder's token, leased for `lease_seconds` and renewed
    every third of that while held: a holder that dies (SIGKILL, power cut) frees it
    within one lease, while a live one keeps it however long the message takes (a slow
    Claude call)."""

    def __init__(
        self,
        client: redis.Redis,
        prefix: str = "keloia:lock:",
        *,
        holder: str | None = None,
        lease_seconds: float = 15.0,
    ) -> None:
        self.client = client
        self.prefix = prefix
        self.holder = holder or holder_id("process")
        self.lease_seconds = lease_seconds
        self._held: dict[str, Lock] = {}
        self._held_lock = threading.Lock()
        self._heartbeat = Heartbeat(lease_seconds / 3, self.renew, "keloia-lock-leases")
        self._release_if = client.register_script(_RELEASE_IF)

    @classmethod
    def from_url(cls, url: str, **kwargs: object) -> RedisLocks:
        return cls(redis.Redis.from_url(url), **kwargs)  # type: ignore[arg-type]

    @contextmanager
    def hold(self, key: str, timeout_seconds: float = 30.0) -> Iterator[bool]:
        # Not thread-local: the heartbeat's thread renews it.
        lock = self.client.lock(
            self.prefix + key,
            timeout=self.lease_seconds,
            blocking_timeout=timeout_seconds,
            thread_local=False,
        )
        token = f"{self.holder}:{uuid.uuid4().hex[:8]}"
        if not lock.acquire(token=token):
            yield False
            return
        with self._held_lock:
            self._held[token] = lock
        try:
            with self._heartbeat.held():
                yield True
        finally:
            with self._held_lock:
                del self._held[token]
            # A lease that ran out (the process stalled) leaves nothing of ours to free.
            with contextlib.suppress(LockError):
                lock.release()

    def renew(self) -> None:
        """Every lock this process holds leased again for a whole lease."""
        with self._held_lock:
            held = list(self._held.values())
        for lock in held:
            # Released meanwhile, or lost: hold() finds out when it frees it.
            with contextlib.suppress(LockError):
                lock.reacquire()

    def release_held_by(self, role_prefix: str) -> int:
        """Free every lock held by a holder whose id starts with `role_prefix`, except this
        process's own: for a process that knows any earlier one of its role is dead."""
        freed = 0
        for key in self.client.scan_iter(self.prefix + "*"):
            token = self.client.get(key)
            if token is None:
                continue
            value = token.decode() if isinstance(token, bytes) else str(token)
            if value.startswith(role_prefix) and not value.startswith(self.holder + ":"):
                freed += int(self._release_if(keys=[key], args=[value]))
        return freed
