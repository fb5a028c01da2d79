"""Alert kinds for telling the right people: a crew member's trip changed, a crew member
cannot go, and the owner hearing of dates or prices changed by someone else.

Revision 0009, 2026-11-30."""

from __future__ import annotations

from keloia.adapters.sql.ddl import alert_kinds_migration

revision: str = "0009"
down_revision: str | None = "0008"


# Alembic's upgrade() and downgrade(), the same for every migration that only adds alert
# kinds (keloia.adapters.sql.ddl).
upgrade, downgrade = alert_kinds_migration(before="0006", after="0009")
