"""Engines for the two databases Keloia runs on: a SQLite file (one machine) and
PostgreSQL through psycopg 3 (scale-out)."""

from __future__ import annotations

import threading
from typing import Any, Literal

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url

# How long a SQLite writer waits for the one before it. Transactions are short; this only
# has to outlast a burst of them.
SQLITE_BUSY_TIMEOUT_MS = 30_000


def database_url(url: str) -> URL:
    """The URL with its driver made explicit: `postgresql://` and `postgres://` mean psycopg 3."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


Synchronous = Literal["NORMAL", "FULL"]
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
    """SQLite writers of one process, first come first served, the webhook's first.

    SQLite has one write lock, and a writer that finds it taken sleeps in the busy
    handler (1, 2, 5, 10... up to 100 ms between tries), so under load writers queue in
    sleeps and the lock sits idle between them. Waiting here instead, in arrival order,
    hands the lock over the moment it is released. A thread marked urgent (the webhook's
    group-commit writer) goes before the queued workers: Meta waits for its commit, and
    its transactions are short. Writers of other processes still meet the busy handler;
    within `keloia serve` there are none."""

    def __init__(self) -> None:
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
            if me in self._urgent_threads:
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
            return True

    def release(self) -> None:
        with self._turn:
            self._busy = False
            self._holder = None
            self._turn.notify_all()
