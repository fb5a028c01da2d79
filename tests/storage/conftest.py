"""Storage backends for the contract suite: the in-memory fake, a SQLite file and a
PostgreSQL schema, each migrated by keloia.adapters.sql.migrate like production.

Migrating is the slow part, so each SQL backend is migrated once per session and emptied
before every test. PostgreSQL gets its own randomly named schema (dropped at the end), so
concurrent runs on one server never meet."""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from keloia.adapters.memory import MemoryUnitOfWorkFactory
from keloia.adapters.sql import SqlUnitOfWorkFactory, make_engine
from keloia.adapters.sql.migrate import DatabaseUnavailable, check_database, migrate
from keloia.adapters.sql.tables import metadata
from keloia.ports.storage import UnitOfWorkFactory

# Children before parents, for emptying the tables.
TABLES = [t.name for t in reversed(metadata.sorted_tables)]


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def schema_url(base_url: str, schema: str) -> str:
    """The URL with every connection's search_path set to `schema` alone. Not public too:
    a shared server's public schema may hold another run's Keloia tables and
    alembic_version, which alembic would then take for ours (and migrate nothing here).
    The btree_gist extension stays in public: its operator classes are found anyway."""
    url = make_url(base_url).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


class PostgresSchema:
    """A throwaway schema on the test server, made and dropped through `admin`."""

    def __init__(self, base_url: str, prefix: str) -> None:
        self.name = f"{prefix}_{secrets.token_hex(4)}"
        self.url = schema_url(base_url, self.name)
        self._admin = make_engine(base_url)
        with self._admin.begin() as connection:
            # Installed once per database, in public: every schema's constraints use it.
            connection.execute(text("CREATE EXTENSION IF NOT EXISTS btree_gist SCHEMA public"))
            connection.execute(text(f'CREATE SCHEMA "{self.name}"'))

    def drop(self) -> None:
        with self._admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{self.name}" CASCADE'))
        self._admin.dispose()


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file at head, copied for each test (cheaper than migrating each time)."""
    path = tmp_path_factory.mktemp("sqlite-template") / "template.db"
    migrate(sqlite_url(path))
    return path


@pytest.fixture(scope="session")
def postgres_ready(postgres_url: str) -> str:
    """The server answers on its port (tests/conftest.py); here, also the database itself,
    with the same rule: skipped with the reason, or failed when services are required."""
    try:
        check_database(postgres_url)
    except DatabaseUnavailable as error:
        message = f"PostgreSQL is needed for this test: {error}"
        if os.environ.get("KELOIA_REQUIRE_SERVICES") == "1":
            pytest.fail(message + " (KELOIA_REQUIRE_SERVICES=1: services are mandatory here)")
        pytest.skip(message)
    return postgres_url


@pytest.fixture(scope="session")
def postgres_schema(postgres_ready: str) -> Iterator[PostgresSchema]:
    schema = PostgresSchema(postgres_ready, "keloia_test")
    try:
        migrate(schema.url)
        yield schema
    finally:
        schema.drop()


@pytest.fixture(scope="session")
def postgres_engine(postgres_schema: PostgresSchema) -> Iterator[Engine]:
    engine = make_engine(postgres_schema.url)
    yield engine
    engine.dispose()


@pytest.fixture
def sqlite_engine(migrated_sqlite: Path, tmp_path: Path) -> Iterator[Engine]:
    path = tmp_path / "keloia.db"
    shutil.copyfile(migrated_sqlite, path)
    engine = make_engine(sqlite_url(path))
    yield engine
    engine.dispose()


@pytest.fixture
def clean_postgres_engine(postgres_engine: Engine) -> Engine:
    # DELETE, not TRUNCATE: the tables hold a few rows, and TRUNCATE's new files for every
    # table and index cost half a second per test.
    with postgres_engine.begin() as connection:
        for table in TABLES:
            connection.execute(text(f"DELETE FROM {table}"))
    return postgres_engine


BACKENDS = ["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
SQL_BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def _factory(request: pytest.FixtureRequest) -> UnitOfWorkFactory:
    backend: str = request.param
    if backend == "memory":
        return MemoryUnitOfWorkFactory()
    engine_fixture = "sqlite_engine" if backend == "sqlite" else "clean_postgres_engine"
    engine: Engine = request.getfixturevalue(engine_fixture)
    return SqlUnitOfWorkFactory(engine)


@pytest.fixture(params=BACKENDS)
def uow_factory(request: pytest.FixtureRequest) -> UnitOfWorkFactory:
    """Every backend, each empty at the start of the test."""
    return _factory(request)


@pytest.fixture(params=SQL_BACKENDS)
def sql_factory(request: pytest.FixtureRequest) -> UnitOfWorkFactory:
    """The SQL backends only, each empty at the start of the test."""
    return _factory(request)
