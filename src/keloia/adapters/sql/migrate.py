"""Bringing a database to the current schema, and checking one answers at all.

The migrations ship inside the package, so no alembic.ini is needed to run them. To write a
new one (from the repository root):

    .venv/bin/python -m keloia.adapters.sql.migrate revision -m "what changes" [--autogenerate]

--autogenerate compares tables.py with a scratch SQLite database migrated to head."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from .engine import database_url, make_engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class DatabaseUnavailable(Exception):
    """The database URL is malformed, or the database does not answer."""


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    # Passed beside the options, not through them: Config interpolates '%' in options,
    # and URL-encoded passwords are full of it.
    config.attributes["url"] = url
    return config


def migrate(url: str) -> None:
    """Apply every migration not yet applied. Running it again does nothing."""
    check_database(url)
    command.upgrade(alembic_config(url), "head")


def check_database(url: str) -> None:
    """Raise DatabaseUnavailable, with a one-line reason, unless the database answers."""
    try:
        database_url(url)
        engine = make_engine(url)
    except (ArgumentError, NoSuchModuleError, ValueError) as error:
        raise DatabaseUnavailable(f"invalid database URL: {error}") from error
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except DBAPIError as error:
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise DatabaseUnavailable(f"database unreachable: {reason}") from error
    finally:
        engine.dispose()


def _revision(message: str, autogenerate: bool) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        url = f"sqlite:///{Path(scratch) / 'head.db'}"
        config = alembic_config(url)
        if autogenerate:
            command.upgrade(config, "head")
        # Revisions are numbered in sequence (0001, 0002, ...), easier to follow than hashes.
        head = ScriptDirectory.from_config(config).get_current_head()
        rev_id = f"{int(head) + 1:04d}" if head and head.isdigit() else None
        command.revision(config, message=message, autogenerate=autogenerate, rev_id=rev_id)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m keloia.adapters.sql.migrate")
    sub = parser.add_subparsers(dest="command", required=True)
    up = sub.add_parser("upgrade", help="migrate a database to head")
    up.add_argument("url")
    rev = sub.add_parser("revision", help="write a new migration file")
    rev.add_argument("-m", "--message", required=True)
    rev.add_argument("--autogenerate", action="store_true")
    args = parser.parse_args(argv)
    if args.command == "upgrade":
        migrate(args.url)
    else:
        _revision(args.message, args.autogenerate)


if __name__ == "__main__":
    main()
