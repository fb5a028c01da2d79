"""A driver or kernet offering to take a trip, or telling of a swap agreed with a teammate
("tgl 4 sy aja yg bawa", "sy tukeran sm wahyu"), becomes an alert of its own kind for the
owner and admins; nothing is changed by it.

Revision 0018, 2026-12-03."""

from __future__ import annotations

from keloia.adapters.sql.ddl import alert_kinds_migration

revision: str = "0018"
down_revision: str | None = "0017"


# Alembic's upgrade() and downgrade(), the same for every migration that only adds alert
# kinds (keloia.adapters.sql.ddl).
upgrade, downgrade = alert_kinds_migration(before="0016", after="0018")
