"""The migrations: they build the schema tables.py describes, on an empty database, as
often as they are run; PostgreSQL alone gets the exclusion constraints."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, inspect, text

from keloia.adapters.sql import make_engine
from keloia.adapters.sql.migrate import (
    DatabaseUnavailable,
    alembic_config,
    check_database,
    migrate,
)
from keloia.adapters.sql.tables import metadata
from keloia.domain.model.alerts import AlertKind

from .conftest import PostgresSchema, sqlite_url

HEAD = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def differences(engine: Engine) -> list[Any]:
    """What autogenerate would change to make the database match tables.py."""
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, metadata))


def exclusion_constraints(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT conname FROM pg_constraint c JOIN pg_namespace n "
                "ON n.oid = c.connamespace WHERE contype = 'x' AND nspname = current_schema() "
                "ORDER BY conname"
            )
        )
        return [r.conname for r in rows]


def version(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def test_sqlite_upgrade_twice_on_an_empty_file(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "fresh.db")
    migrate(url)
    migrate(url)
    engine = make_engine(url)
    try:
        assert version(engine) == HEAD
        assert set(inspect(engine).get_table_names()) == {*metadata.tables, "alembic_version"}
        assert differences(engine) == []
        with engine.connect() as connection:
            ddl = " ".join(
                connection.execute(text("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL"))
                .scalars()
                .all()
            )
            assert "EXCLUDE" not in ddl.upper()
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_postgres_upgrade_twice_on_an_empty_schema(postgres_ready: str) -> None:
    schema = PostgresSchema(postgres_ready, "keloia_migrate")
    try:
        migrate(schema.url)
        migrate(schema.url)
        engine = make_engine(schema.url)
        try:
            assert version(engine) == HEAD
            assert set(inspect(engine).get_table_names()) == {*metadata.tables, "alembic_version"}
            assert differences(engine) == []
            assert exclusion_constraints(engine) == [
                "ex_booking_buses_no_overlap",
                "ex_booking_crew_no_overlap",
            ]
        finally:
            engine.dispose()
    finally:
        schema.drop()


def test_the_shared_metadata_creates_on_sqlite() -> None:
    """Nothing PostgreSQL-only crept into tables.py: it still builds a SQLite database."""
    engine = create_engine("sqlite://")
    metadata.create_all(engine)
    assert set(inspect(engine).get_table_names()) == set(metadata.tables)


@pytest.mark.parametrize(
    "url",
    [
        "not a url",
        "nosuchdb://somewhere/db",
        "postgresql://postgres@127.0.0.1:1/test",
        "sqlite:////nonexistent-directory/keloia.db",
    ],
)
def test_a_bad_or_unreachable_database_is_reported(url: str) -> None:
    with pytest.raises(DatabaseUnavailable) as caught:
        check_database(url)
    assert "\n" not in str(caught.value)
    with pytest.raises(DatabaseUnavailable):
        migrate(url)


def test_plain_postgresql_urls_mean_psycopg() -> None:
    from keloia.adapters.sql.engine import database_url

    assert database_url("postgresql://u@h/db").drivername == "postgresql+psycopg"
    assert database_url("postgres://u@h/db").drivername == "postgresql+psycopg"
    assert database_url("sqlite:///x.db").drivername == "sqlite"


def _alert_of_every_kind(engine: Engine) -> None:
    """A tenant with one alert of every kind the newest schema knows."""
    now = "2026-12-01 10:00:00+00:00"
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO tenants (id, name, settings, created_at) "
                "VALUES ('t1', 'PO', '{}', :at)"
            ),
            {"at": now},
        )
        connection.execute(
            text(
                "INSERT INTO users (id, tenant_id, phone, name, role, active, created_at) "
                "VALUES ('u1', 't1', '+6281200000001', 'Budi', 'owner', :yes, :at)"
            ),
            {"at": now, "yes": True},
        )
        for n, kind in enumerate(AlertKind):
            connection.execute(
                text(
                    "INSERT INTO alerts (id, tenant_id, user_id, kind, text, entity, entity_id,"
                    " created_at, read) VALUES (:id, 't1', 'u1', :kind, 'x', 'booking', 'b1',"
                    " :at, :no)"
                ),
                {"id": f"a{n}", "kind": kind.value, "at": now, "no": False},
            )


def _down_and_up(url: str) -> None:
    """Every downgrade runs on a database holding what only newer revisions allow, and
    the schema comes back whole."""
    migrate(url)
    engine = make_engine(url)
    try:
        _alert_of_every_kind(engine)
        command.downgrade(alembic_config(url), "base")
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        migrate(url)
        assert version(engine) == HEAD
        assert differences(engine) == []
    finally:
        engine.dispose()


def test_sqlite_downgrades_to_base_with_every_alert_kind_stored(tmp_path: Path) -> None:
    _down_and_up(sqlite_url(tmp_path / "down.db"))


@pytest.mark.postgres
def test_postgres_downgrades_to_base_with_every_alert_kind_stored(postgres_ready: str) -> None:
    schema = PostgresSchema(postgres_ready, "keloia_downgrade")
    try:
        _down_and_up(schema.url)
    finally:
        schema.drop()
