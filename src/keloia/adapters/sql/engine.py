"""Engines for the two databases Keloia runs on: a SQLite file (one machine) and
PostgreSQL through psycopg 3 (scale-out)."""

from __future__ import annotations

import fcntl
import logging
import os
import threading
import time
from typing import Any, Literal

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url

log = logging.getLogger(__name__)

# How long a SQLite writer waits for the one before it. Transactions are short; this only
# has to outlast a burst of them.
SQLITE_BUSY_TIMEOUT_MS = 30_000
# WAL pages after which a committing writer checkpoints the WAL itself, inside its commit
# (SQLite's default is 1,000). Checkpoints are WalCheckpointer's, off every writer's path;
# this is the backstop for when it cannot catch up (docs/storage.md, "Checkpoints").
SQLITE_AUTOCHECKPOINT_PAGES = 10_000
# Seconds from a write to the checkpoint that copies it into the database file: the
# commits of a burst share one checkpoint (each costs two fsyncs), and the WAL starts over
# at most this often (the commit that starts it over waits for one fsync of its header).
CHECKPOINT_DELAY_S = 1.0
# A checkpointer thread with no writes for this long ends; the next write starts another.
CHECKPOINT_IDLE_EXIT_S = 5.0


def database_url(url: str) -> URL:
    """The URL with its driver made explicit: `postgresql://` and `postgres://` mean psycopg 3."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


Synchronous = Literal["NORMAL", "FULL"]


def writer_lock_path(url: URL | str) -> str | None:
    """The file SQLite writers of several processes queue on (WriterGate); None for a
    database in memory, which no other process sees."""
    parsed = make_url(url) if isinstance(url, str) else url
    database = parsed.database or ""
    if parsed.get_backend_name() != "sqlite" or database in ("", ":memory:"):
        return None
    if database.startswith("file:") or parsed.query.get("mode") == "memory":
        return None
    return database + "-writer"


# Execution option of a connection whose transaction only reads (SqlUnitOfWork).
READ_ONLY = "keloia_read_only"


def make_engine(url: str, *, sqlite_synchronous: Synchronous = "NORMAL") -> Engine:
    parsed = database_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed, sqlite_synchronous)
    # No pre-ping: it costs a round trip on every checkout, on the webhook's hot path. A
    # connection the server dropped fails once (the webhook answers 503, Meta retries; a
    # worker's message stays in the inbox) and the pool replaces it; recycling keeps that
    # rare.
    return create_engine(parsed, pool_size=10, max_overflow=20, pool_recycle=300)


def _sqlite_engine(url: URL, synchronous: Synchronous) -> Engine:
    if synchronous not in ("NORMAL", "FULL"):
        raise ValueError(f"synchronous must be NORMAL or FULL, not {synchronous!r}")
    # Enough pooled connections for the webhook's writer and every worker thread: a
    # connection opened past the pool is closed again on return, and opening one costs
    # its pragmas each time.
    engine = create_engine(url, pool_size=20, max_overflow=20)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # pysqlite would otherwise open transactions itself, late and deferred; we open them.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        # NORMAL: a commit is in the WAL file (the OS has it) when it returns, so it
        # survives the process dying; FULL also waits for the disk (docs/storage.md).
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute(f"PRAGMA wal_autocheckpoint={SQLITE_AUTOCHECKPOINT_PAGES}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # Take the write lock up front: a unit of work reads (the conflict check) and then
        # writes, and two of them must never interleave. Deferred transactions would also
        # fail with SQLITE_BUSY on lock upgrade instead of waiting for busy_timeout.
        # A read-only one takes no lock: in WAL mode it reads its snapshot while a writer
        # writes (before, readers queued for the write lock like writers).
        read_only = connection.get_execution_options().get(READ_ONLY)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


class WriterGate:
    """SQLite writers of one process, first come first served, the webhook's first; and
    between processes on the same file (`keloia serve`'s web and worker processes), a
    lock the kernel hands over.

    SQLite has one write lock, and a writer that finds it taken sleeps in the busy
    handler (1, 2, 5, 10... up to 100 ms between tries), so under load writers queue in
    sleeps and the lock sits idle between them. Waiting here instead, in arrival order,
    hands the lock over the moment it is released. A thread marked urgent (the webhook's
    group-commit writer) goes before the queued workers: Meta waits for its commit, and
    its transactions are short. Between processes, the turn's holder also takes an
    exclusive `flock` on `<database>-writer` (given `lock_path`): a writer of another
    process blocks in the kernel and is woken when it is released, instead of sleeping
    in the busy handler. A writer that does not take it (the sqlite3 shell) still meets
    the busy handler, as before.

    The kernel's lock is not first come first served: a worker process that releases it
    and asks again at once usually wins it back from a webhook writer that was woken a
    moment earlier, message after message. So the urgent writer also holds `-urgent` (the
    lock file's sibling) exclusively from before it asks for the writer lock until it
    lets go, and every other writer passes through `-urgent` shared first: while a webhook
    batch waits or writes, the workers of every process wait behind it, and it waits
    for one worker transaction at most (the one holding the lock when it came)."""

    def __init__(self, lock_path: str | None = None) -> None:
        self._lock_path = lock_path
        self._lock_file: int | None = None
        # Two open files of `-urgent`: the urgent thread's, and the one the others pass
        # through (flock locks belong to the open file, so one file would not keep this
        # process's own threads apart).
        self._urgent_files: dict[bool, int] = {}
        self._holder_urgent = False
        self._turn = threading.Condition()
        self._next_ticket = 0
        self._serving = 0
        self._busy = False
        self._holder: int | None = None
        self._urgent_threads: set[int] = set()
        self._urgent_waiting = 0

    def mark_urgent(self) -> None:
        """This thread's units of work go before queued ones from now on."""
        with self._turn:
            self._urgent_threads.add(threading.get_ident())

    def acquire(self) -> bool:
        """Wait for this thread's turn. False (and no wait) when the thread holds the gate
        already: a unit of work opened inside another meets SQLite's lock as before."""
        me = threading.get_ident()
        with self._turn:
            if self._holder == me:
                return False
            urgent = me in self._urgent_threads
            if urgent:
                self._urgent_waiting += 1
                while self._busy:
                    self._turn.wait()
                self._urgent_waiting -= 1
            else:
                ticket = self._next_ticket
                self._next_ticket += 1
                while self._busy or self._urgent_waiting or ticket != self._serving:
                    self._turn.wait()
                self._serving += 1
            self._busy = True
            self._holder = me
            self._holder_urgent = urgent
        if self._lock_path is not None:
            try:
                if urgent:
                    fcntl.flock(self._urgent_file(True), fcntl.LOCK_EX)
                else:  # behind any urgent writer of any process that waits or writes
                    fcntl.flock(self._urgent_file(False), fcntl.LOCK_SH)
                    fcntl.flock(self._urgent_file(False), fcntl.LOCK_UN)
                fcntl.flock(self._file(), fcntl.LOCK_EX)
            except BaseException:
                self.release()
                raise
        return True

    def _file(self) -> int:
        if self._lock_file is None:  # kept open for the process's life
            self._lock_file = os.open(self._lock_path or "", os.O_RDWR | os.O_CREAT, 0o600)
        return self._lock_file

    def _urgent_file(self, urgent: bool) -> int:
        if urgent not in self._urgent_files:  # kept open for the process's life
            path = (self._lock_path or "") + "-urgent"
            self._urgent_files[urgent] = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        return self._urgent_files[urgent]

    def release(self) -> None:
        if self._lock_file is not None:
            fcntl.flock(self._lock_file, fcntl.LOCK_UN)
        if self._holder_urgent and True in self._urgent_files:
            fcntl.flock(self._urgent_files[True], fcntl.LOCK_UN)
        with self._turn:
            self._busy = False
            self._holder = None
            self._holder_urgent = False
            self._turn.notify_all()


class WalCheckpointer:
    """Copies the WAL into the database file on a thread of its own, after writes.

    Left to SQLite, the commit that takes the WAL past 1,000 pages checkpoints it inside
    that commit: it writes the pages into the database file and waits for two fsyncs.
    Under the webhook's load that was several times a second, and every request of the
    batch committing then waited for the disk (bench/webhook.py's SQLite p99 at 59-78 ms
    where the median was 5). A passive checkpoint on another connection takes no lock a
    writer waits for, and sqlite3 lets go of the GIL while it runs, so here writers go
    on appending meanwhile. The thread starts with the first write and ends after
    CHECKPOINT_IDLE_EXIT_S without one."""

    def __init__(self, engine: Engine, delay: float = CHECKPOINT_DELAY_S) -> None:
        self._engine = engine
        self._delay = delay
        self._wake = threading.Event()
        self._lock = threading.Lock()
        self._running = False

    def written(self) -> None:
        """A write transaction ended: checkpoint it soon, not on the caller's thread."""
        if self._wake.is_set():  # a checkpoint is due already and will include it
            return
        self._wake.set()
        with self._lock:
            if not self._running:
                thread = threading.Thread(target=self._run, name="keloia-wal-ckpt", daemon=True)
                try:
                    thread.start()
                except RuntimeError:  # no threads left, or the interpreter is exiting
                    # The commit stands: SQLite's backstop checkpoints, the next write retries.
                    log.warning("WAL checkpointer not started", exc_info=True)
                    self._wake.clear()
                    return
                self._running = True

    def _run(self) -> None:
        while True:
            if not self._wake.wait(CHECKPOINT_IDLE_EXIT_S):
                with self._lock:  # written() sets the event before it looks here
                    if not self._wake.is_set():
                        self._running = False
                        return
                continue
            time.sleep(self._delay)
            self._wake.clear()
            self.checkpoint()

    def checkpoint(self) -> tuple[int, int, int] | None:
        """One passive checkpoint: (busy, pages in the WAL, pages checkpointed), or None if
        the database could not be reached (the next write tries again)."""
        try:
            connection = self._engine.raw_connection()
            try:
                cursor = connection.cursor()
                # Never waits: a busy answer means another connection is checkpointing.
                row = cursor.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
                cursor.close()
            finally:
                connection.close()
        except Exception:
            log.warning("WAL checkpoint failed", exc_info=True)
            return None
        return (int(row[0]), int(row[1]), int(row[2])) if row else None
