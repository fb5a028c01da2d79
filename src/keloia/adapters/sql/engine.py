"""Engines for the two databases Keloia runs on: a SQLite file (one machine) and
PostgreSQL through psycopg 3 (scale-out)."""

from __future__ import annotations

from typing import Any

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


def make_engine(url: str) -> Engine:
    parsed = database_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    # No pre-ping: it costs a round trip on every checkout, on the webhook's hot path. A
    # connection the server dropped fails once (the webhook answers 503, Meta retries; a
    # worker's message stays in the inbox) and the pool replaces it; recycling keeps that
    # rare.
    return create_engine(parsed, pool_size=10, max_overflow=20, pool_recycle=300)


def _sqlite_engine(url: URL) -> Engine:
    engine = create_engine(url)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # pysqlite would otherwise open transactions itself, late and deferred; we open them.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # Take the write lock up front: a unit of work reads (the conflict check) and then
        # writes, and two of them must never interleave. Deferred transactions would also
        # fail with SQLITE_BUSY on lock upgrade instead of waiting for busy_timeout.
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine
