"""Alert kinds for telling the right people: a crew member's trip changed, a crew member
cannot go, and the owner hearing of dates or prices changed by someone else.

Revision 0009, 2026-11-30."""

from __future__ import annotations

from keloia.adapters.sql.ddl import alert_kinds, narrow_check, replace_check

revision: str = "0009"
down_revision: str | None = "0008"


def upgrade() -> None:
    replace_check("alerts", "kind", alert_kinds("0009"))


def downgrade() -> None:
    narrow_check("alerts", "kind", alert_kinds("0006"))
