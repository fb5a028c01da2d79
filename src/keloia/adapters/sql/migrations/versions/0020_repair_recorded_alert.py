"""A repair with its cost recorded by someone other than the owner (a driver paying a
roadside mechanic) becomes an alert of its own kind for the owner.

Revision 0020, 2026-12-06."""

from __future__ import annotations

from keloia.adapters.sql.ddl import alert_kinds_migration

revision: str = "0020"
down_revision: str | None = "0019"


# Alembic's upgrade() and downgrade(), the same for every migration that only adds alert
# kinds (keloia.adapters.sql.ddl).
upgrade, downgrade = alert_kinds_migration(before="0018", after="0020")
