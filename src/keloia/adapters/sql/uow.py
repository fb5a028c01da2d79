"""The unit of work: one connection, one transaction, every repository on it."""

from __future__ import annotations

from typing import Self

from sqlalchemy import Connection, Engine

from keloia.ports.storage import REPOSITORIES, Repositories, UnitOfWork

from . import channel, papers  # noqa: F401  (their repositories join the roster)
from .conflicts import races_as_conflicts
from .engine import READ_ONLY, WalCheckpointer, WriterGate, writer_lock_path
from .repositories import _Repository


class SqlUnitOfWork(Repositories):
    def __init__(
        self,
        engine: Engine,
        gate: WriterGate | None = None,
        *,
        read_only: bool = False,
        checkpointer: WalCheckpointer | None = None,
    ) -> None:
        self._engine = engine
        self._read_only = read_only
        # A reader neither queues with the writers nor takes SQLite's write lock.
        self._gate = None if read_only else gate
        self._checkpointer = checkpointer
        self._gated = False
        self._connection: Connection | None = None

    def __enter__(self) -> Self:
        connection = self._engine.connect()
        if self._read_only:
            connection.execution_options(**{READ_ONLY: True})
        self._gated = self._gate is not None and self._gate.acquire()
        try:
            # Begin now rather than on the first query: on SQLite this takes the write lock
            # (BEGIN IMMEDIATE), before anything is read that a decision rests on.
            connection.begin()
        except BaseException:
            connection.close()
            self._release()
            raise
        self._connection = connection
        for name in REPOSITORIES:
            setattr(self, name, _Repository.roster[name](connection))
        return self

    def __exit__(self, *exc_info: object) -> None:
        connection, self._connection = self._connection, None
        if connection is None:
            return
        try:
            if connection.in_transaction():
                connection.rollback()
        finally:
            connection.close()
            # After the commit or rollback, never before: the next writer finds the lock free.
            self._release()

    def _release(self) -> None:
        if self._gated and self._gate is not None:
            self._gated = False
            self._gate.release()

    def commit(self) -> None:
        if self._read_only:
            raise RuntimeError("a read-only unit of work is never committed")
        # PostgreSQL checks the (deferred) exclusion constraints here.
        with races_as_conflicts():
            self._open().commit()
        if self._checkpointer is not None:
            self._checkpointer.written()

    def rollback(self) -> None:
        self._open().rollback()

    def _open(self) -> Connection:
        if self._connection is None:
            raise RuntimeError("the unit of work is used outside its `with` block")
        return self._connection


class SqlUnitOfWorkFactory:
    """A fresh unit of work per call, all on one engine (and its connection pool)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        # SQLite: one lock for the whole database, so this process queues its writers itself.
        sqlite = engine.dialect.name == "sqlite"
        # Several processes on one file (`keloia serve`) queue through a file lock too.
        lock_path = writer_lock_path(engine.url) if sqlite else None
        self.gate = WriterGate(lock_path) if sqlite else None
        # A file's WAL is checkpointed off the writers' path (an in-memory one has none).
        self.checkpointer = WalCheckpointer(engine) if lock_path else None

    # Declared as the port, so the type checker holds SqlUnitOfWork to it.
    def __call__(self, *, read_only: bool = False) -> UnitOfWork:
        # roster-built
        return SqlUnitOfWork(  # type: ignore[abstract]
            self.engine, self.gate, read_only=read_only, checkpointer=self.checkpointer
        )
