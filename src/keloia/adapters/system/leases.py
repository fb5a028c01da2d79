"""Who holds a lease, and the heartbeat that keeps a live holder's leases from running out.

A lease (a sender's lock, an outbox item being sent) is held for a short time and renewed
every third of it while its holder lives, so the work of a killed process is free again
within one lease, however long the work itself takes. Each holder is named by its role,
host, process and a random part: a new `keloia serve` (alone by design) frees at start
whatever an earlier `serve:` holder left, without waiting for the lease."""

from __future__ import annotations

import logging
import os
import secrets
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

log = logging.getLogger("keloia.leases")


def holder_id(role: str) -> str:
    """'serve:host:1234:9f3a1c': unique per process start, its role first."""
    return f"{role}:{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


class Heartbeat:
    """Calls `beat` every `every` seconds from one daemon thread while anyone is inside
    `held()`; idle otherwise. A failing beat is logged and tried again at the next one."""

    def __init__(self, every: float, beat: Callable[[], object], name: str) -> None:
        self.every = every
        self.beat = beat
        self.name = name
        self._holders = 0
        self._changed = threading.Condition()
        self._thread: threading.Thread | None = None

    @contextmanager
    def held(self) -> Iterator[None]:
        with self._changed:
            self._holders += 1
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name=self.name, daemon=True)
                self._thread.start()
            self._changed.notify()
        try:
            yield
        finally:
            with self._changed:
                self._holders -= 1

    def _run(self) -> None:
        while True:
            with self._changed:
                self._changed.wait_for(lambda: self._holders > 0)
            time.sleep(self.every)
            if not self._holders:
                continue
            try:
                self.beat()
            except Exception:
                log.exception("lease renewal failed", extra={"heartbeat": self.name})
