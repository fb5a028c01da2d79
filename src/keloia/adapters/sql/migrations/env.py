"""Alembic's entry point, run by keloia.adapters.sql.migrate (and by `alembic` itself)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, text

from keloia.adapters.sql.engine import make_engine
from keloia.adapters.sql.tables import metadata

# Any constant will do: every process migrating the same PostgreSQL database waits on it.
_MIGRATION_LOCK = 0x6B656C6F6961


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite alters a table by copying it; batch mode writes migrations that way.
        render_as_batch=connection.dialect.name == "sqlite",
        # Our SQLite connections leave transactions to us, so DDL is transactional there
        # too: a migration that fails halfway leaves nothing behind.
        transactional_ddl=True,
        compare_type=True,
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            # Two processes starting at once (`keloia serve` on two machines) migrate one
            # after the other; the second then finds nothing to do.
            connection.execute(text(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})"))
        context.run_migrations()


def run_migrations_online() -> None:
    url = context.config.attributes.get("url") or context.config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("no database URL given to the migrations")
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            _run(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise RuntimeError("Keloia's migrations run against a database; offline mode is not supported")
run_migrations_online()
