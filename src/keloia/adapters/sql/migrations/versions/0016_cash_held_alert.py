"""A driver or kernet holding a client's money ("pelunasan 2jt dititip ke sy cash") becomes
an alert of its own kind for the owner and admins; nothing is recorded as paid.

Revision 0016, 2026-12-01."""

from __future__ import annotations

from keloia.adapters.sql.ddl import alert_kinds, narrow_check, replace_check

revision: str = "0016"
down_revision: str | None = "0015"


def upgrade() -> None:
    replace_check("alerts", "kind", alert_kinds("0016"))


def downgrade() -> None:
    narrow_check("alerts", "kind", alert_kinds("0015"))
