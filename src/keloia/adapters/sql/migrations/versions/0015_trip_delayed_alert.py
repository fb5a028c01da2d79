"""A driver or kernet running late ("sy telat 30 menit") becomes an alert of its own kind for
the owner and admins.

Revision 0015, 2026-12-01."""

from __future__ import annotations

from keloia.adapters.sql.ddl import alert_kinds, narrow_check, replace_check

revision: str = "0015"
down_revision: str | None = "0014"


def upgrade() -> None:
    replace_check("alerts", "kind", alert_kinds("0015"))


def downgrade() -> None:
    narrow_check("alerts", "kind", alert_kinds("0011"))
