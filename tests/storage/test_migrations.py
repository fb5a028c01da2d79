"""The migrations: they build the schema tables.py describes, on an empty database, as
often as they are run; PostgreSQL alone gets the exclusion constraints."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, inspect, text

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


_NOW = "2026-12-01 10:00:00+00:00"


def _tenant(connection: Connection, *people: tuple[str, str, str]) -> None:
    """Tenant t1 with its owner u1 (Budi) and `people` (id, name, role)."""
    connection.execute(
        text("INSERT INTO tenants (id, name, settings, created_at) VALUES ('t1', 'PO', '{}', :at)"),
        {"at": _NOW},
    )
    for n, (uid, name, role) in enumerate((("u1", "Budi", "owner"), *people)):
        connection.execute(
            text(
                "INSERT INTO users (id, tenant_id, phone, name, role, active, created_at)"
                " VALUES (:id, 't1', :phone, :name, :role, :yes, :at)"
            ),
            {"id": uid, "phone": f"+62812000000{n + 1}", "name": name, "role": role}
            | {"yes": True, "at": _NOW},
        )


def _alert(
    connection: Connection,
    aid: str,
    kind: str,
    said: str = "x",
    entity: str = "booking",
    entity_id: str = "b1",
) -> None:
    """An unread alert of tenant t1 to its owner."""
    connection.execute(
        text(
            "INSERT INTO alerts (id, tenant_id, user_id, kind, text, entity, entity_id,"
            " created_at, read) VALUES (:id, 't1', 'u1', :kind, :text, :entity, :entity_id,"
            " :at, :no)"
        ),
        {"id": aid, "kind": kind, "text": said, "entity": entity, "entity_id": entity_id}
        | {"at": _NOW, "no": False},
    )


def _alert_of_every_kind(engine: Engine) -> None:
    """A tenant with one alert of every kind the newest schema knows."""
    with engine.begin() as connection:
        _tenant(connection)
        for n, kind in enumerate(AlertKind):
            _alert(connection, f"a{n}", kind.value)


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


def _in_a_schema(postgres_ready: str, prefix: str, check: Callable[[str], None]) -> None:
    """`check` run on a throwaway PostgreSQL schema."""
    schema = PostgresSchema(postgres_ready, prefix)
    try:
        check(schema.url)
    finally:
        schema.drop()


@pytest.mark.postgres
def test_postgres_downgrades_to_base_with_every_alert_kind_stored(postgres_ready: str) -> None:
    _in_a_schema(postgres_ready, "keloia_downgrade", _down_and_up)


def _declines_kept_by_who_said_them(url: str) -> None:
    """The "tidak bisa" alerts stored before 0017 get the crew member they are about: from
    the user of a day off, from the name a trip's alert begins with; other alerts none."""
    command.upgrade(alembic_config(url), "0016")
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            _tenant(connection, ("u2", "Pak Joko", "driver"), ("u3", "Pak Jo", "driver"))
            declined = "⚠️ Pak Joko tidak bisa bertugas di trip PKK."
            _alert(connection, "a1", "trip_declined", declined)
            _alert(connection, "a2", "trip_declined", "✅ Pak Joko ternyata bisa bertugas.")
            day_off = "⚠️ Pak Jo izin tidak bisa bertugas besok."
            _alert(connection, "a3", "trip_declined", day_off, "user", "u3")
            _alert(connection, "a4", "trip_changed", declined)
        migrate(url)
        with engine.connect() as connection:
            about = dict(connection.execute(text("SELECT id, about_user_id FROM alerts")).all())
        assert about == {"a1": "u2", "a2": "u2", "a3": "u3", "a4": None}
    finally:
        engine.dispose()


def test_sqlite_declines_stored_before_0017_know_who_said_them(tmp_path: Path) -> None:
    _declines_kept_by_who_said_them(sqlite_url(tmp_path / "0016.db"))


@pytest.mark.postgres
def test_postgres_declines_stored_before_0017_know_who_said_them(postgres_ready: str) -> None:
    _in_a_schema(postgres_ready, "keloia_0017", _declines_kept_by_who_said_them)
