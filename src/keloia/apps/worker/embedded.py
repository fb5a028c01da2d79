"""Worker threads of the embedded default: inside each of `keloia serve`'s worker
processes (apps/worker/processes.py), or inside its web process with
KELOIA_SERVE_WORKER_PROCESSES=0."""

from __future__ import annotations

import logging
import queue
import threading
import zlib
from collections.abc import Collection

from keloia.apps.worker.tasks import (
    SenderBusy,
    deliver_outbox,
    process_sender,
    sweep,
    take_over,
)
from keloia.bootstrap import Keloia


def share_of(phone: str, count: int) -> int:
    """Which of `count` worker processes handles this sender (stable across restarts)."""
    return zlib.crc32(phone.encode()) % count


log = logging.getLogger("keloia.worker")


class ThreadWorkers:
    """A TaskQueue run by threads of this process. A sweep every few seconds takes up
    whatever is left in the inbox and outbox, so nothing depends on a task being queued."""

    def __init__(
        self,
        keloia: Keloia,
        threads: int = 2,
        sweep_seconds: float = 3.0,
        share: tuple[int, int] = (0, 1),
    ) -> None:
        self.keloia = keloia
        self.threads = threads
        self.sweep_seconds = sweep_seconds
        # (i, n): the senders of worker process i of n (apps/worker/processes.py); the
        # first also answers the messages that came without a number.
        self.share = share
        self._senders: queue.Queue[str | None] = queue.Queue()
        self._queued: set[str] = set()  # a sender waits in the queue at most once
        self._queued_lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._workers: list[threading.Thread] = []

    # TaskQueue
    def process_inbound(self, phone: str) -> None:
        index, count = self.share
        if count > 1 and share_of(phone, count) != index:
            return  # another worker process's sender
        with self._queued_lock:
            if phone in self._queued:
                return
            self._queued.add(phone)
        self._senders.put(phone)

    def process_inbound_many(self, phones: Collection[str]) -> None:
        for phone in phones:
            self.process_inbound(phone)

    def deliver(self) -> None:
        self._wake.set()

    def start(self) -> None:
        # `keloia serve` is the one process of its set-up: an earlier one's leases are dead.
        take_over(self.keloia)
        for n in range(self.threads):
            self._spawn(self._inbound_loop, f"keloia-inbound-{n}")
        self._spawn(self._delivery_loop, "keloia-delivery")
        self._spawn(self._sweep_loop, "keloia-sweep")

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        for _ in range(self.threads):
            self._senders.put(None)
        for worker in self._workers:
            worker.join(timeout)

    def _spawn(self, target: object, name: str) -> None:
        thread = threading.Thread(target=target, name=name, daemon=True)  # type: ignore[arg-type]
        thread.start()
        self._workers.append(thread)

    def _inbound_loop(self) -> None:
        while not self._stop.is_set():
            phone = self._senders.get()
            if phone is None:
                return
            with self._queued_lock:
                self._queued.discard(phone)
            try:
                process_sender(self.keloia, phone)
            except SenderBusy:
                pass  # its holder handles the rest; the sweep catches any straggler
            except Exception:
                log.exception("handling messages failed; they stay in the inbox")
            self._wake.set()

    def _delivery_loop(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(timeout=1.0)
            self._wake.clear()
            try:
                deliver_outbox(self.keloia)
            except Exception:
                log.exception("outbox delivery failed; items stay queued")

    def _sweep_loop(self) -> None:
        # At once, then every few seconds: what a stopped or crashed worker left waits
        # no longer than the start.
        while not self._stop.is_set():
            try:
                sweep(self.keloia, self, anonymous=self.share[0] == 0)
            except Exception:
                log.exception("inbox sweep failed")
            self._stop.wait(self.sweep_seconds)
