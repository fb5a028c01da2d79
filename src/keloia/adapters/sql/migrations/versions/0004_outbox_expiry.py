"""Outbox rows know why they were queued (purpose), until when they are worth sending
(expires_at) and how many of their WhatsApp-sized parts already went out (parts_sent);
alerts gain the kind for a message that could not be delivered.

Revision 0004, 2026-11-30."""

from __future__ import annotations

from alembic import op

from keloia.adapters.sql.ddl import (
    ALERT_KINDS,
    drop_columns,
    instant,
    integer,
    narrow_check,
    replace_check,
    string,
)

revision: str = "0004"
down_revision: str | None = "0003"


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(string("purpose", 20, default="reply"))
        batch.add_column(instant("expires_at", null=True))
        batch.add_column(integer("parts_sent", default="0"))
    replace_check("alerts", "kind", ALERT_KINDS["0004"])


def downgrade() -> None:
    narrow_check("alerts", "kind", ALERT_KINDS["0001"])
    drop_columns("outbox", "parts_sent", "expires_at", "purpose")
