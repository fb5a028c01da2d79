"""A driver or kernet running late ("sy telat 30 menit") becomes an alert of its own kind for
the owner and admins.

Revision 0015, 2026-12-01."""

from __future__ import annotations

from keloia.adapters.sql.ddl import alert_kinds_migration

revision: str = "0015"
down_revision: str | None = "0014"


# Alembic's upgrade() and downgrade(), the same for every migration that only adds alert
# kinds (keloia.adapters.sql.ddl).
upgrade, downgrade = alert_kinds_migration(before="0011", after="0015")
