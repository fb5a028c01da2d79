"""Per-person serialisation: one person's messages are handled one at a time, in order."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Protocol


class Locks(Protocol):
    def hold(self, key: str, timeout_seconds: float = 30.0) -> AbstractContextManager[bool]:
        """Hold the lock named `key` for the with-block. Yields False when it could not be
        had within the timeout (the caller retries later rather than run unserialised)."""
        ...

    def release_held_by(self, role_prefix: str) -> int:
        """Free every lock held by another process whose holder id starts with
        `role_prefix`: called by a process that knows every earlier one of its role is
        dead. Returns how many were freed."""
        ...
