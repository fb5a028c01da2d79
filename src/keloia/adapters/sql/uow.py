"""The unit of work: one connection, one transaction, every repository on it."""

from __future__ import annotations

from typing import Self

from sqlalchemy import Connection, Engine

from keloia.ports.storage import REPOSITORIES, Repositories, UnitOfWork

from . import channel, papers  # noqa: F401  (their repositories join the roster)
from .conflicts import races_as_conflicts
from .repositories import _Repository


class SqlUnitOfWork(Repositories):
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._connection: Connection | None = None

    def __enter__(self) -> Self:
        connection = self._engine.connect()
        try:
            # Begin now rather than on the first query: on SQLite this takes the write lock
            # (BEGIN IMMEDIATE), before anything is read that a decision rests on.
            connection.begin()
        except BaseException:
            connection.close()
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

    def commit(self) -> None:
        # PostgreSQL checks the (deferred) exclusion constraints here.
        with races_as_conflicts():
            self._open().commit()

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

    # Declared as the port, so the type checker holds SqlUnitOfWork to it.
    def __call__(self) -> UnitOfWork:
        return SqlUnitOfWork(self.engine)  # type: ignore[abstract]  # roster-built
