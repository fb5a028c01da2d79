"""Group commit for the webhook: the notifications that arrive while one transaction is
committing are stored together in the next one.

A writer thread takes everything waiting (on SQLite one per process; on PostgreSQL a
few, each batch committing while the next is sent), stores it in one unit of work
(`channel.receive`), answers each request once that commit is done (its rows are durable
then), and passes the batch's senders to a hand-over thread, which gives them to
the task queue in one hand-over, each sender once however many batches named it
meanwhile. Under load, one commit
serves many requests; alone, a request waits for nothing but its own commit. A database
writer that never queues behind its siblings also never meets SQLite's busy handler
among them (it sleeps between tries instead of waiting its turn).

The hand-over comes after the answers and beside the next commit, never before it: the
inbox row, not the task, is what says a message is waiting (the workers' sweep takes up
any sender whose task was lost), so neither Meta nor the next batch waits for Redis.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor

from keloia.adapters.meta import Notification
from keloia.bootstrap import Keloia
from keloia.domain.services import channel
from keloia.ports.messaging import TaskQueue

log = logging.getLogger("keloia.webhook")

Outcome = int | BaseException

# Batches committing at once on PostgreSQL.
POSTGRES_WRITERS = 3
# Seconds between the writer's log lines (a summary of the batches since the last one).
LOG_EVERY = 10.0

_writers: dict[int, tuple[Keloia, InboxWriter]] = {}
_writers_lock = threading.Lock()


def writer_for(keloia: Keloia) -> InboxWriter:
    """The process's writer for this wiring (one per Keloia, made on first use)."""
    with _writers_lock:
        entry = _writers.get(id(keloia))
        if entry is None:  # the entry keeps `keloia` alive, so its id is never reused
            entry = _writers[id(keloia)] = (keloia, InboxWriter(keloia))
        return entry[1]


class InboxWriter:
    def __init__(self, keloia: Keloia) -> None:
        assert keloia.queue is not None, "the runner sets where background work goes"
        self.keloia = keloia
        self.queue: TaskQueue = keloia.queue
        self._lock = threading.Lock()
        self._pending: list[tuple[Notification, asyncio.Future[int]]] = []
        self._writing = 0  # drains scheduled or running
        # SQLite: one writer, whose units of work go before the workers' (WriterGate).
        # PostgreSQL: a commit is a wait for the server, not for a lock, so while one batch
        # commits the next is already sent (throughput was that wait, not the CPU).
        gate = getattr(keloia.deps.storage, "gate", None)
        engine = getattr(keloia.deps.storage, "engine", None)
        postgres = engine is not None and engine.dialect.name == "postgresql"
        self._writers = POSTGRES_WRITERS if postgres else 1
        self._thread = ThreadPoolExecutor(
            self._writers,
            thread_name_prefix="keloia-inbox",
            initializer=gate.mark_urgent if gate else None,
        )
        self._senders: set[str] = set()
        self._handing_over = False
        self._hand_thread = ThreadPoolExecutor(1, thread_name_prefix="keloia-handover")
        self._counts: Counter[str] = Counter()
        self._busy_ms = 0.0
        self._logged_at = time.perf_counter() - LOG_EVERY

    async def store(self, note: Notification) -> int:
        """Store a notification's messages and statuses; returns how many messages were new.
        Returns once the transaction holding them has committed."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[int] = loop.create_future()
        with self._lock:
            self._pending.append((note, future))
            # The first to wait starts a writer if one is free; later ones join its batch,
            # or the next batch of a writer that is committing.
            start = len(self._pending) == 1 and self._writing < self._writers
            self._writing += start
        if start:
            # On the loop's next turn, not now: the requests this turn reads join the batch,
            # and waking the writer thread once per batch, not per request, saves the CPU
            # of a thread switch per request under load.
            loop.call_soon(self._thread.submit, self._drain)
        return await future

    def _drain(self) -> None:
        while True:
            with self._lock:
                batch, self._pending = self._pending, []
                if not batch:
                    self._writing -= 1
                    return
            started = time.perf_counter()
            try:
                outcomes, phones = self._write([note for note, _ in batch])
            except BaseException as exc:  # answer every waiting request, whatever happened
                outcomes, phones = [exc] * len(batch), set()
            _answer(batch, outcomes)
            self._tally(batch, outcomes, started)
            if phones:
                with self._lock:
                    self._senders |= phones
                    start, self._handing_over = not self._handing_over, True
                if start:
                    self._hand_thread.submit(self._hand_over)

    def _tally(
        self,
        batch: list[tuple[Notification, asyncio.Future[int]]],
        outcomes: list[Outcome],
        started: float,
    ) -> None:
        """One log line per LOG_EVERY seconds, not per batch: under load a line per batch
        cost more CPU than the batch's insert."""
        self._counts["requests"] += len(batch)
        self._counts["stored"] += sum(o for o in outcomes if isinstance(o, int))
        self._counts["failed"] += sum(isinstance(o, BaseException) for o in outcomes)
        self._counts["batches"] += 1
        now = time.perf_counter()
        self._busy_ms += (now - started) * 1000
        if now - self._logged_at >= LOG_EVERY or self._counts["failed"]:
            extra = {**self._counts, "ms": round(self._busy_ms, 1)}
            self._counts, self._busy_ms, self._logged_at = Counter(), 0.0, now
            log.info("webhook batches stored", extra=extra)

    def _write(self, notes: list[Notification]) -> tuple[list[Outcome], set[str]]:
        try:
            return _commit(self.keloia, notes)
        except Exception as exc:
            if len(notes) == 1:
                return [exc], set()
        # One notification the database refuses must not fail its neighbours: alone again.
        outcomes: list[Outcome] = []
        phones: set[str] = set()
        for note in notes:
            try:
                [count], more = _commit(self.keloia, [note])
                outcomes.append(count)
                phones |= more
            except Exception as exc:
                outcomes.append(exc)
        return outcomes, phones

    def _hand_over(self) -> None:
        while True:
            with self._lock:
                phones, self._senders = self._senders, set()
                if not phones:
                    self._handing_over = False
                    return
            try:
                self.queue.process_inbound_many(phones)
            except Exception:
                # Stored and answered already; the sweep finds the senders in the inbox.
                log.exception("hand-over to the task queue failed", extra={"senders": len(phones)})


def _commit(keloia: Keloia, notes: list[Notification]) -> tuple[list[Outcome], set[str]]:
    """Every note's messages and statuses in one transaction; how many of each note's
    messages were new (a message repeated in the batch counts once, for its first note),
    and the senders with new messages."""
    fresh = channel.receive(
        keloia.deps,
        [m for note in notes for m in note.messages],
        [s for note in notes for s in note.statuses],
    )
    new = {m.wa_message_id for m in fresh}
    outcomes: list[Outcome] = []
    for note in notes:
        count = 0
        for message in note.messages:
            if message.wa_message_id in new:
                new.discard(message.wa_message_id)
                count += 1
        outcomes.append(count)
    return outcomes, {m.from_phone for m in fresh if m.from_phone}


def _answer(batch: list[tuple[Notification, asyncio.Future[int]]], outcomes: list[Outcome]) -> None:
    """Resolve the requests' futures, one wake-up per event loop for the whole batch."""
    by_loop: dict[asyncio.AbstractEventLoop, list[tuple[asyncio.Future[int], Outcome]]] = (
        defaultdict(list)
    )
    for (_, future), outcome in zip(batch, outcomes, strict=True):
        by_loop[future.get_loop()].append((future, outcome))
    for loop, items in by_loop.items():
        with contextlib.suppress(RuntimeError):  # a closed loop: nobody is waiting any more
            loop.call_soon_threadsafe(_resolve, items)


def _resolve(items: list[tuple[asyncio.Future[int], Outcome]]) -> None:
    for future, outcome in items:
        if future.done():  # the client went away
            continue
        if isinstance(outcome, BaseException):
            future.set_exception(outcome)
        else:
            future.set_result(outcome)
