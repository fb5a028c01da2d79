"""The SQL storage adapter: SQLite (one machine) or PostgreSQL (scale-out). Migrations are
applied with keloia.adapters.sql.migrate.migrate(url)."""

from keloia.adapters.sql.engine import make_engine
from keloia.adapters.sql.uow import SqlUnitOfWork, SqlUnitOfWorkFactory

__all__ = ["SqlUnitOfWork", "SqlUnitOfWorkFactory", "make_engine"]
