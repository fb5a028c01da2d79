"""A driver or kernet holding a client's money ("pelunasan 2jt dititip ke sy cash") becomes
an alert of its own kind for the owner and admins; nothing is recorded as paid.

Revision 0016, 2026-12-01."""

from __future__ import annotations

from keloia.adapters.sql.ddl import alert_kinds_migration

revision: str = "0016"
down_revision: str | None = "0015"


# Alembic's upgrade() and downgrade(), the same for every migration that only adds alert
# kinds (keloia.adapters.sql.ddl).
upgrade, downgrade = alert_kinds_migration(before="0015", after="0016")
