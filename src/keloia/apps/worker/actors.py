"""dramatiq actors for `keloia worker` (and the queue `keloia api` sends to), over the
Redis broker. Keloia is wired on first use, in the worker process, not at import."""

from __future__ import annotations

import logging
import threading
from collections.abc import Collection

import dramatiq
from dramatiq.brokers.redis import RedisBroker
from dramatiq.brokers.stub import StubBroker
from dramatiq.cli import LOGFORMAT

from keloia.apps.heap import freeze_startup_heap
from keloia.apps.logs import keep_fields
from keloia.apps.worker.tasks import deliver_outbox, process_sender, sweep
from keloia.bootstrap import Keloia, bootstrap
from keloia.settings import Settings

log = logging.getLogger("keloia.worker")
QUEUE = "keloia"

_settings = Settings()
# Without Redis the actors still import (for tests and `keloia serve`), on a stub broker.
_broker = (
    RedisBroker(url=_settings.redis_url)  # type: ignore[no-untyped-call]
    if _settings.redis_url
    else StubBroker()
)
dramatiq.set_broker(_broker)
# In dramatiq's worker processes: keep our structured fields, escaping and phone masks.
keep_fields(LOGFORMAT)

_keloia: Keloia | None = None
_keloia_lock = threading.Lock()


def keloia() -> Keloia:
    global _keloia
    with _keloia_lock:
        if _keloia is None:
            _keloia = bootstrap(Settings(), role="worker")
            freeze_startup_heap()  # apps/heap.py: no long full collections while it works
        return _keloia


@dramatiq.actor(queue_name=QUEUE, max_retries=20, min_backoff=500, max_backoff=30_000)
def process_inbound(phone: str) -> None:
    # SenderBusy propagates: dramatiq retries later, by which time the holder is done.
    process_sender(keloia(), phone)
    deliver.send()


@dramatiq.actor(queue_name=QUEUE, max_retries=20, min_backoff=500, max_backoff=30_000)
def process_inbound_many(phones: list[str]) -> None:
    """A webhook batch's senders, one task each here in the worker: the webhook's process
    makes one hand-over to Redis per batch (a send costs it as much CPU as storing the
    message), and each sender is still handled, locked and retried on its own."""
    for phone in phones:
        process_inbound.send(phone)


@dramatiq.actor(queue_name=QUEUE, max_retries=3)
def deliver() -> None:
    deliver_outbox(keloia())


def sweep_forever(interval: float = 5.0, stop: threading.Event | None = None) -> None:
    """Run by `keloia worker`'s supervisor, beside (not inside) dramatiq's processes:
    re-queue what a crash or a lost task left, and have due outbox items sent."""
    queue = DramatiqQueue()
    stop = stop or threading.Event()
    while not stop.is_set():
        try:
            sweep(keloia(), queue)
            deliver.send()
        except Exception:
            log.exception("sweep failed")
        stop.wait(interval)


class DramatiqQueue:
    """The TaskQueue the HTTP processes use when work runs in `keloia worker`."""

    def process_inbound(self, phone: str) -> None:
        process_inbound.send(phone)

    def process_inbound_many(self, phones: Collection[str]) -> None:
        if len(phones) == 1:  # no second hop for a sender alone
            self.process_inbound(next(iter(phones)))
        elif phones:
            process_inbound_many.send(sorted(phones))

    def deliver(self) -> None:
        deliver.send()
