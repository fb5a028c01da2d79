"""The WhatsApp channel: inbox, outbox and conversations.

Revision 0002, 2026-11-25."""

from __future__ import annotations

from alembic import op

from keloia.adapters.sql.ddl import (
    document,
    index,
    instant,
    integer,
    key,
    primary_key,
    string,
    text,
)

revision: str = "0002"
down_revision: str | None = "0001"


def upgrade() -> None:
    op.create_table(
        "conversations",
        key("tenant_id"),
        key("user_id"),
        document("state"),
        instant("updated_at"),
        primary_key("conversations", "tenant_id", "user_id"),
    )
    op.create_table(
        "inbox",
        string("wa_message_id", 200),
        string("from_phone", 20, null=True),
        document("message"),
        instant("sent_at"),
        instant("received_at"),
        string("state", 12),
        integer("attempts"),
        primary_key("inbox", "wa_message_id"),
    )
    index("inbox", "state", "received_at")
    index("inbox", "from_phone", "state", "sent_at")
    op.create_table(
        "outbox",
        key("id"),
        key("tenant_id", null=True),
        string("to_phone", 200),
        document("message"),
        string("state", 12),
        integer("attempts"),
        instant("next_attempt_at"),
        string("provider_message_id", 200, null=True),
        text("last_error"),
        instant("created_at"),
        instant("updated_at"),
        primary_key("outbox", "id"),
    )
    index("outbox", "state", "next_attempt_at")
    index("outbox", "provider_message_id")
    index("outbox", "to_phone", "created_at")


def downgrade() -> None:
    op.drop_table("outbox")
    op.drop_table("inbox")
    op.drop_table("conversations")
